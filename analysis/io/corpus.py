"""Load a corpus: a folder of ``.txt``/``.md`` files, or a CSV, TSV, JSONL or
Parquet table with a text column.

Files that cannot be used (empty, binary, undecodable, too large) are reported by
name in :attr:`Corpus.problems` and skipped; the rest of the corpus loads. Input
files are only ever opened for reading.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.config import MAX_BYTES
from analysis.errors import Problem, UserInputError
from analysis.io.dates import dateline_date, parse_date
from analysis.io.names import unique_ids, user_columns
from analysis.text.clean import clean_text, valid_text
from analysis.text.lang import enough_text, word_count

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet")


@dataclass
class Document:
    """One document of the corpus."""

    doc_id: str
    source: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    language: str | None = None
    meta: dict = field(default_factory=dict)
    clean: str = ""
    removed: list = field(default_factory=list)


@dataclass
class Corpus:
    """Documents that loaded, and the problems met on the way."""

    documents: list[Document]
    problems: list[Problem] = field(default_factory=list)
    source: str = ""

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self):
        return iter(self.documents)

    def to_frame(self):
        """A pandas table, one row per document."""
        import pandas as pd

        rows = []
        for d in self.documents:
            rows.append({
                "doc_id": d.doc_id, "source": d.source, "title": d.title,
                "date": d.date.isoformat() if d.date else None, "language": d.language,
                "n_chars": len(d.text), "n_words": word_count(d.clean, d.language), **d.meta,
            })
        return pd.DataFrame(rows)


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def shown(name: str) -> str:
    """A path, id or column name as it can be shown and written, and still told
    apart from others: bytes that are not UTF-8 (the lone surrogates of a file
    name) and control characters are written as escapes (``\\x80``, ``\\r``)."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROLS.sub(lambda m: repr(m.group(0))[1:-1], name)





# the East Asian encodings read when a file is not UTF-8: GB18030 (a superset
# of GBK and GB2312, for mainland sources) and Big5 (Taiwan, Hong Kong)
CJK_ENCODINGS = ("gb18030", "big5")
# the share of control bytes (NUL and others, not tab or line breaks) in a file
# above which it is binary, not text with a few stray bytes
BINARY_SHARE = 0.05


def _cjk_share(text: str) -> float:
    """The share of CJK characters (ideographs, kana, hangul) among the non-ASCII
    letters of ``text`` (punctuation such as curly quotes is left out)."""
    import unicodedata

    letters = [c for c in text if ord(c) > 0x7F and unicodedata.category(c).startswith("L")]
    if not letters:
        return 0.0
    cjk = sum(0x3040 <= ord(c) <= 0x9FFF or 0xAC00 <= ord(c) <= 0xD7AF
              or 0xF900 <= ord(c) <= 0xFAFF or 0x20000 <= ord(c) <= 0x3FFFF for c in letters)
    return cjk / len(letters)


def _common_share(data: bytes, encoding: str) -> float:
    """The share of the double-byte characters of ``data`` that lie in the
    encoding's zone of common characters and punctuation: GB2312's (both bytes
    from 0xA1, lead to 0xD7: the 3,755 most used hanzi) for GB18030, and Big5's
    (lead 0xA1 to 0xC6) for Big5. Real Chinese text scores near 1; a cp1252 or
    Latin-1 file read as either ('é' then an ASCII letter) scores near 0."""
    common = total = i = 0
    n = len(data)
    while i < n:
        lead = data[i]
        if lead < 0x80:
            i += 1
            continue
        trail = data[i + 1] if i + 1 < n else 0
        if encoding == "gb18030" and 0x30 <= trail <= 0x39:  # a four-byte character
            i += 4
            total += 1
            continue
        total += 1
        if encoding == "gb18030":
            common += 0xA1 <= lead <= 0xD7 and trail >= 0xA1
        else:
            common += 0xA1 <= lead <= 0xC6
        i += 2
    return common / total if total else 0.0


def _east_asian(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for a file in GB18030/GBK or Big5, else ``None``: the
    encoding must decode the whole file, give CJK text for nearly all its
    non-ASCII characters, and put most of them among its common characters
    (:func:`_common_share`), which tells Chinese from accented Latin text read in
    the wrong encoding; the encoding with more common characters wins."""
    best, best_share = None, 0.8
    for encoding in CJK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text) < 0.9:
            continue
        share = _common_share(data[:200_000], encoding)
        if share > best_share:
            best, best_share = (text, encoding), share
    return best


ENCODING_NAMES = {"gb18030": "GB18030 (GBK)", "big5": "Big5"}


def decode_bytes(data: bytes, source: str) -> tuple[str | None, Problem | None]:
    """Decode file contents: UTF-16/32 with a byte-order mark, UTF-8, the East Asian
    encodings (GB18030/GBK, Big5), else cp1252, else Latin-1, each fallback with a
    warning naming the encoding read. A file is binary (and skipped) when NUL and
    other control bytes are more than :data:`BINARY_SHARE` of all its bytes,
    wherever they are: a few stray ones (the text cleaning drops them) do not
    reject a file or a table.

    Returns ``(text, None)``, ``(text, warning)`` or ``(None, problem)``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                return None, Problem(source, f"not valid {encoding.upper()} despite its "
                                     f"byte-order mark (byte {err.start})",
                                     "Re-save it as UTF-8.")
            if not text.strip():
                break
            return text, None
    if not data.strip() or not data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00").strip():
        return None, Problem(source, "the file is empty", "Remove it or add text to it.")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > len(data) * BINARY_SHARE:
        return None, Problem(
            source, "the file looks binary, not text",
            "Convert it to plain text (.txt) or remove it from the corpus folder.")
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        offset = err.start
    else:
        return text, _note(source, notes)
    found = _east_asian(data)
    if found is not None:
        text, encoding = found
        notes.append(f"not valid UTF-8 (byte {offset}); read as {ENCODING_NAMES[encoding]}")
        return text, _note(source, notes, "Check a few lines; re-save it as UTF-8 to "
                                          "silence this warning.")
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(0x80 <= ord(c) < 0xA0 for c in text) > 0:
            continue
        notes.append(f"not valid UTF-8 (byte {offset}); read as {encoding}")
        return text, _note(source, notes, "Check its accents; re-save it as UTF-8 to "
                                          "silence this warning.")
    return None, Problem(source, f"the text is not UTF-8, GB18030, Big5, cp1252 or Latin-1 "
                         f"(byte {offset})", "Re-save it as UTF-8.")


def read_option_file(option: str, path: str | os.PathLike, what: str) -> str:
    """The text of a file the user names with an option (``--stopwords``,
    ``--themes``), decoded as a corpus file is (UTF-8, UTF-16, GB18030, cp1252...),
    or a one-line :class:`UserInputError` naming the option and saying what to
    give (``what``: "a text file with one stop word per line")."""
    path = Path(path)
    if not path.is_file():
        raise UserInputError(f"{option} {path}: no such file. Give {what}.")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UserInputError(f"{option} {path}: cannot be read "
                             f"({err.strerror or err}).") from None
    text, problem = decode_bytes(data, str(path))
    if text is None:
        raise UserInputError(f"{option} {path}: {problem.reason}. Give {what}.")
    return text


def _note(source: str, notes: list[str], action: str = "Check the text around them; "
          "re-save the file without them to silence this warning.") -> Problem | None:
    """One warning (the file is read) for what decoding had to do, or ``None``."""
    if not notes:
        return None
    return Problem(source, "; ".join(notes), action, skipped=False)


def _title_of(text: str) -> str | None:
    """The headline: a short first line without a final full stop.

    A one- or two-word kicker such as ``Politics`` above the headline is skipped.
    """
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    for i, line in enumerate(lines[:2]):
        headline = len(line) <= 150 and not line.endswith((".", ":", ";", ",")) and len(lines) > 1
        if not headline:
            return None
        if i == 0 and len(line.split()) <= 2 and len(lines) > 2:
            nxt = lines[1]
            if len(nxt) <= 150 and not nxt.endswith(".") and len(nxt.split()) > 2:
                return nxt
        return line
    return None


def as_date(value) -> dt.date | None:
    """A date from a table cell: a date or timestamp, or text with a date in it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime") and not _missing(value):  # a pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, str):
        return parse_date(value)
    return None


def make_document(doc_id: str, source: str, text: str, date=None, title=None,
                  meta: dict | None = None) -> Document:
    """Build a :class:`Document`, finding its title, date and clean text."""
    cleaned = clean_text(text)
    date = as_date(date) if date is not None else None
    if date is None:
        date = dateline_date(text) or cleaned.date or dateline_date(cleaned.text)
    return Document(
        doc_id=doc_id, source=source, text=text, title=title or _title_of(cleaned.text),
        date=date, meta=dict(meta or {}), clean=cleaned.text, removed=cleaned.removed)


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def display_path(path: str | os.PathLike) -> str:
    """A path as reports show it: relative to the working folder when it is inside
    it, else just its name, so a report names the corpus, not the machine (the
    user's home folder)."""
    path = Path(path)
    try:
        return shown(path.absolute().relative_to(Path.cwd()).as_posix()) or "."
    except ValueError:
        return shown(path.name or str(path))


def _read_text_file(path: Path, root: Path, max_bytes: int, problems: list[Problem],
                    shown_root: str | None = None):
    rel = shown(path.relative_to(root).as_posix())
    source = f"{shown_root}/{rel}" if shown_root else display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            problems.append(Problem(
                source, f"the file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB "
                "limit", "Split it into one file per article, or raise --max-bytes."))
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.append(Problem(source, f"the file cannot be read ({_reason(err)})",
                                "Check that you may open it (its permissions), or remove it."))
        return None
    text, problem = decode_bytes(data, source)
    if problem:
        problems.append(problem)
    if text is None:
        return None
    doc_id = shown(path.relative_to(root).with_suffix("").as_posix())
    return (doc_id, source, text, None, None, {})


def folder_ids(paths: list[Path], root: Path) -> list[str]:
    """Document ids of the files of a folder: the path without its suffix
    (``2026/jan/report``), or with it where two files share that stem
    (``report.txt`` and ``report.md``), made distinct in any case
    (:func:`analysis.io.names.unique_ids`)."""
    stems = [shown(p.relative_to(root).with_suffix("").as_posix()) for p in paths]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    ids = [stem if counts[stem] == 1 else shown(p.relative_to(root).as_posix())
           for stem, p in zip(stems, paths)]
    return unique_ids(ids)[0]


def list_folder(folder: Path, problems: list[Problem], exclude=()) -> list[Path]:
    """The ``.txt``/``.md`` files under ``folder``, in path order.

    Links to files and folders are followed (a folder reached twice, as through a
    looping link, is read once). Every other path is named in ``problems`` with
    the reason it is skipped: a file of another type, a broken link, a FIFO or
    device, a folder that cannot be listed. Names starting with a dot (hidden
    files and folders) and the folders in ``exclude`` (the run's own outputs) are
    not part of the corpus and are passed over.
    """
    excluded = {os.path.realpath(p) for p in exclude if p is not None}
    files: list[Path] = []
    seen: set[str] = set()

    def skip(path, reason, action):
        problems.append(Problem(shown_in(Path(path)), reason, action))

    root_shown = display_path(folder)

    def shown_in(path: Path) -> str:
        try:
            rel = path.relative_to(folder).as_posix()
        except ValueError:
            return display_path(path)
        return root_shown if rel == "." else f"{root_shown}/{shown(rel)}"

    # folders are visited with a stack, not by recursion: a tree any number of
    # levels deep is read (a recursive walk stopped at about 1,000 levels)
    stack = [folder]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in seen:
            skip(directory, "a link to a folder that is already read (a link loop)",
                 "Nothing to do: its files are read once.")
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as err:
            skip(directory, f"the folder cannot be listed ({_reason(err)})",
                 "Check its permissions.")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") or os.path.realpath(path) in excluded:
                continue
            try:
                if entry.is_dir():
                    subfolders.append(path)
                elif not entry.is_file():
                    if entry.is_symlink():
                        skip(path, "a broken or looping link", "Fix or remove the link.")
                    else:
                        skip(path, "not a regular file (a FIFO, socket or device)",
                             "Remove it from the corpus folder.")
                elif path.suffix.lower() in TEXT_SUFFIXES:
                    files.append(path)
                else:
                    skip(path, f"not a .txt or .md file ('{shown(path.suffix)}')",
                         "Convert it to text; a table (.csv, .tsv, .jsonl, .parquet) is read "
                         "when it is given itself as --corpus.")
            except OSError as err:
                if entry.is_symlink():
                    skip(path, "a broken or looping link", "Fix or remove the link.")
                else:
                    skip(path, f"cannot be examined ({_reason(err)})", "Check its permissions.")
        stack.extend(reversed(subfolders))
    return sorted(files)


def _read_folder(folder: Path, max_bytes: int, problems: list[Problem], progress,
                 exclude=()) -> list:
    files = list_folder(folder, problems, exclude)
    ids = dict(zip(files, folder_ids(files, folder)))
    shown_root = display_path(folder)
    docs = []
    for path in progress(files, desc="reading", unit="file"):
        record = _read_text_file(path, folder, max_bytes, problems, shown_root)
        if record is not None:
            docs.append((ids[path], *record[1:]))
    return docs


DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV: of ``,``, ``;``, tab and ``|``, the one seen most often
    outside quotes in its header line (a French Excel export uses ``;``)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            break
        elif char in counts and not quoted:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # the first of equals: ","
    return best if counts[best] else ","


def _missing(value) -> bool:
    """An empty table cell: None, NaN, NaT or blank text."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def _read_jsonl(path: Path, text: str, problems: list[Problem]):
    import json

    import pandas as pd

    rows = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as err:
            problems.append(Problem(f"{path}:line {n}", f"not valid JSON ({err.msg})",
                                    "Fix the line or remove it."))
            continue
        if not isinstance(row, dict):
            problems.append(Problem(f"{path}:line {n}",
                                    f"a JSON {type(row).__name__}, not an object with columns",
                                    'Write one object per line, such as {"text": "..."}.'))
            continue
        rows.append(row)
    return pd.DataFrame(rows)


def _read_frame(path: Path, problems: list[Problem]):
    """The table at ``path`` as a DataFrame; text formats are decoded as text files
    are (with the same fallbacks and warnings), and a CSV's delimiter is sniffed."""
    import io

    import pandas as pd

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path), None
    text, problem = decode_bytes(path.read_bytes(), display_path(path))
    if problem is not None:
        if text is None:
            raise UserInputError(f"{path}: {problem.reason}. {problem.action}")
        problems.append(problem)
    if suffix == ".jsonl":
        return _read_jsonl(path, text, problems), None
    sep = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                       on_bad_lines="error"), sep


def _unique_ids(source: str, ids: list, id_column: str, problems: list[Problem]) -> list[str]:
    """Row ids as text, kept apart: an empty id becomes the row number, and the second
    and later uses of an id get ``~2``, ``~3``... (never an id already in use: see
    :func:`analysis.io.names.unique_ids`), with one warning for each kind."""
    named, empty = [], 0
    for i, value in enumerate(ids):
        if _missing(value):
            empty += 1
            value = f"row {i + 1}"
        named.append(shown(str(value)))
    out, repeated = unique_ids(named)
    if empty:
        problems.append(Problem(source, f"{empty} row(s) with no id in column '{id_column}'",
                                "They are named by their row ('row 7'); fill the ids to "
                                "silence this.", skipped=False))
    if repeated:
        problems.append(Problem(source, f"{len(repeated)} repeated id(s) in column "
                                f"'{id_column}' (first: '{repeated[0]}')",
                                "Each row is kept apart ('A', 'A~2'...); make the ids unique to "
                                "silence this.", skipped=False))
    return out


def _read_table(path: Path, text_column: str, id_column: str | None, date_column: str | None,
                title_column: str | None, problems: list[Problem]) -> list:
    import pandas as pd

    suffix = path.suffix.lower()
    where = shown(str(path))
    try:
        frame, sep = _read_frame(path, problems)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError, OSError, ImportError) as err:
        first = shown((str(err).strip().split("\n") or [""])[0])[:300]
        raise UserInputError(f"{where}: cannot be read as {suffix[1:].upper()} ({first}). "
                             "Check its delimiter, quoting and encoding.") from None
    # column names are data: shown as text, and kept distinct (two columns that
    # show alike, or a repeated name in a Parquet file, get "~2"); the names the
    # options give are matched in the same shown form
    frame.columns = unique_ids([shown(str(c)) for c in frame.columns])[0]
    text_column, id_column, date_column, title_column = (
        shown(str(c)) if c is not None else None
        for c in (text_column, id_column, date_column, title_column))
    if title_column is None and TITLE_COLUMN in frame.columns and TITLE_COLUMN != text_column:
        title_column = TITLE_COLUMN  # a column named "title" holds the titles
    read_with = f"; read with {sep!r} as the delimiter" if sep else ""
    cols = ", ".join(c if len(c) <= 40 else c[:39] + "…" for c in frame.columns[:12]) or "none"
    if text_column not in frame.columns:
        raise UserInputError(f"{where}: no text column '{text_column[:80]}' (columns: {cols}"
                             f"{read_with}). Name the right one with --text-column.")
    for name in (id_column, date_column, title_column):
        if name and name not in frame.columns:
            raise UserInputError(f"{where}: no column '{name[:80]}' (columns: {cols}"
                                 f"{read_with}).")
    records = frame.to_dict("records")
    shown_path = display_path(path)
    ids = _unique_ids(shown_path, [r[id_column] for r in records], id_column, problems) \
        if id_column else [f"{i:06d}" for i in range(len(records))]
    # the table's own columns, apart from the tool's: a column "language" or
    # "doc_id" is kept as "input_language", "input_doc_id"
    other = user_columns(frame.columns, kept=[c for c in (text_column, id_column,
                                                          date_column, title_column) if c])
    renamed = {c: n for c, n in other.items() if c != n}
    if renamed:
        listed = ", ".join(f"'{c}' as '{n}'" for c, n in list(renamed.items())[:4])
        problems.append(Problem(shown_path, f"column(s) named as the tool's own columns are "
                                f"kept under another name: {listed}",
                                "--group-by takes either name; rename the columns to "
                                "silence this.", skipped=False))
    docs = []
    for i, row in enumerate(records):
        source = f"{shown_path}:row {i + 1}"
        text = row[text_column]
        if _missing(text):
            problems.append(Problem(source, f"the text cell (column '{text_column}') is empty",
                                    "Fill it or drop the row."))
            continue
        if not isinstance(text, str):
            problems.append(Problem(source, f"the text cell (column '{text_column}') holds a "
                                    f"{type(text).__name__} ({shown(repr(text))[:40]}), not text",
                                    "Check that --text-column names the text column."))
            continue
        date = row[date_column] if date_column else None
        if date_column and not _missing(date) and as_date(date) is None:
            problems.append(Problem(source, f"no date in column '{date_column}' "
                                    f"({shown(str(date))[:40]!r})",
                                    "The document is kept without a date; write dates such as "
                                    "2026-01-31.", skipped=False))
            date = None
        title = row[title_column] if title_column else None
        title = None if _missing(title) else valid_text(str(title))
        meta = {name: row[c] for c, name in other.items()}
        docs.append((ids[i], source, valid_text(text), None if _missing(date) else date, title,
                     meta))
    return docs


MIN_WORDS = 3
# A table's column of this name gives the documents' titles (unless named otherwise).
TITLE_COLUMN = "title"


def read_records(path: str | Path, *, text_column: str = "text", id_column: str | None = None,
                 date_column: str | None = None, title_column: str | None = None,
                 max_bytes: int = MAX_BYTES, progress=None, problems: list | None = None,
                 exclude=()) -> list:
    """Raw records ``(doc_id, source, text, date, title, meta)`` of a corpus path:
    a folder of text files, a single text file, or a table. Every file or row that
    cannot be used is added to ``problems`` with its reason and left out; the
    folders in ``exclude`` (the run's outputs) are never read.

    Raises :class:`UserInputError` for a missing path, a path that is neither a
    folder nor a regular file, an unsupported file type, an unreadable table or
    an unknown column.
    """
    from analysis.progress import progress_bar

    progress = progress or progress_bar
    path = Path(path)
    problems = [] if problems is None else problems
    if not os.path.exists(path) and os.path.lexists(path):
        raise UserInputError(f"{path}: a link that points nowhere or loops back on itself. "
                             "Give the folder or table it is meant to point to.")
    if not os.path.exists(path):
        raise UserInputError(f"{path}: no such file or folder. Give a folder of .txt/.md files "
                             "or a .csv/.tsv/.jsonl/.parquet file with --corpus.")
    if path.is_dir():
        return _read_folder(path, max_bytes, problems, progress, exclude)
    if not path.is_file():
        raise UserInputError(f"{path}: not a regular file or folder (a FIFO, socket or "
                             "device). Give a folder of .txt/.md files or a table file.")
    if path.suffix.lower() in TABLE_SUFFIXES:
        return _read_table(path, text_column, id_column, date_column, title_column, problems)
    if path.suffix.lower() in TEXT_SUFFIXES:
        one = _read_text_file(path, path.parent, max_bytes, problems)
        return [one] if one else []
    raise UserInputError(f"{path}: unsupported file type '{path.suffix}'. Use a folder of "
                         ".txt/.md files or a .csv, .tsv, .jsonl or .parquet table.")


def build_documents(records, progress=None) -> tuple[list[Document], list[Problem]]:
    """Documents (cleaned, with title and date) from raw records, and a problem for
    each record with fewer than ``MIN_WORDS`` words left after cleaning."""
    from analysis.progress import progress_bar

    documents, problems = [], []
    records = (progress or progress_bar)(records, desc="cleaning", unit="doc")
    for doc_id, source, text, date, title, meta in records:
        doc = make_document(doc_id, source, text, date=date, title=title, meta=meta)
        if not enough_text(doc.clean, MIN_WORDS):  # 3 words, or 20 Chinese characters
            problems.append(Problem(source, f"fewer than {MIN_WORDS} words are left after "
                                    "cleaning", "Check that it holds the article text."))
        else:
            documents.append(doc)
    return documents, problems


def corpus_of(path, documents: list[Document], problems: list[Problem]) -> Corpus:
    """The :class:`Corpus`, or a :class:`UserInputError` when no document is usable."""
    if not documents:
        detail = f" ({len(problems)} file(s) skipped: {problems[0]})" if problems else ""
        raise UserInputError(f"{path}: no usable document{detail}.")
    return Corpus(documents=documents, problems=problems, source=display_path(path))


def load_corpus(path: str | Path, *, text_column: str = "text", id_column: str | None = None,
                date_column: str | None = None, title_column: str | None = None,
                max_bytes: int = MAX_BYTES, progress=None, exclude=()) -> Corpus:
    """Read a folder of text files, a single text file, or a table.

    Raises :class:`UserInputError` for a missing path, an unreadable table, an
    unknown column, or a corpus in which no document is usable.
    """
    problems: list[Problem] = []
    raw = read_records(path, text_column=text_column, id_column=id_column,
                       date_column=date_column, title_column=title_column,
                       max_bytes=max_bytes, progress=progress, problems=problems,
                       exclude=exclude)
    documents, short = build_documents(raw, progress)
    return corpus_of(path, documents, problems + short)
