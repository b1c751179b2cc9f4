"""Load a corpus: a folder of ``.txt``/``.md`` files, or a CSV, TSV, JSONL or
Parquet table with a text column.

Files that cannot be used (empty, binary, undecodable, too large) are reported by
name in :attr:`Corpus.problems` and skipped; the rest of the corpus loads. Input
files are only ever opened for reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from analysis.config import MAX_BYTES
from analysis.errors import Problem, UserInputError
from analysis.io.dates import dateline_date, parse_date
from analysis.text.clean import clean_text

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
                "n_chars": len(d.text), "n_words": len(d.clean.split()), **d.meta,
            })
        return pd.DataFrame(rows)


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def decode_bytes(data: bytes, source: str) -> tuple[str | None, Problem | None]:
    """Decode file contents: UTF-8, else cp1252, else Latin-1, with a warning.

    Returns ``(text, None)``, ``(text, warning)`` or ``(None, problem)``.
    """
    if not data.strip():
        return None, Problem(source, "the file is empty", "Remove it or add text to it.")
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) * 0.05:
        return None, Problem(
            source, "the file looks binary, not text",
            "Convert it to plain text (.txt) or remove it from the corpus folder.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        offset = err.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(0x80 <= ord(c) < 0xA0 for c in text) > 0:
            continue
        return text, Problem(
            source, f"not valid UTF-8 (byte {offset}); read as {encoding}",
            "Check its accents; re-save it as UTF-8 to silence this warning.", skipped=False)
    return None, Problem(source, f"the text is not UTF-8, cp1252 or Latin-1 (byte {offset})",
                         "Re-save it as UTF-8.")


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


def make_document(doc_id: str, source: str, text: str, date=None, title=None,
                  meta: dict | None = None) -> Document:
    """Build a :class:`Document`, finding its title, date and clean text."""
    cleaned = clean_text(text)
    if isinstance(date, str):
        date = parse_date(date)
    if date is None:
        date = dateline_date(text)
    return Document(
        doc_id=doc_id, source=source, text=text, title=title or _title_of(cleaned.text),
        date=date, meta=dict(meta or {}), clean=cleaned.text, removed=cleaned.removed)


def _read_text_file(path: Path, root: Path, max_bytes: int, problems: list[Problem]):
    source = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        problems.append(Problem(
            source, f"the file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit",
            "Split it into one file per article, or raise --max-bytes."))
        return None
    text, problem = decode_bytes(path.read_bytes(), source)
    if problem:
        problems.append(problem)
    if text is None:
        return None
    doc_id = path.relative_to(root).with_suffix("").as_posix()
    return (doc_id, source, text, None, None, {})


def _read_folder(folder: Path, max_bytes: int, problems: list[Problem], progress) -> list:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    docs = (_read_text_file(p, folder, max_bytes, problems)
            for p in progress(files, desc="reading", unit="file"))
    return [d for d in docs if d is not None]


def _read_table(path: Path, text_column: str, id_column: str | None, date_column: str | None,
                title_column: str | None, problems: list[Problem]) -> list:
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str,
                                keep_default_na=False, on_bad_lines="error")
        elif suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            frame = pd.read_parquet(path)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError, OSError) as err:
        first = str(err).strip().split("\n")[0]
        raise UserInputError(f"{path}: cannot be read as {suffix[1:].upper()} ({first}). "
                             "Check its delimiter, quoting and encoding.") from None
    if text_column not in frame.columns:
        cols = ", ".join(map(str, frame.columns[:12]))
        raise UserInputError(f"{path}: no text column '{text_column}' (columns: {cols}). "
                             "Name the right one with --text-column.")
    for name in (id_column, date_column, title_column):
        if name and name not in frame.columns:
            raise UserInputError(f"{path}: no column '{name}'.")
    docs = []
    other = [c for c in frame.columns if c not in {text_column, id_column, date_column,
                                                    title_column}]
    for i, row in enumerate(frame.to_dict("records")):
        source = f"{path}:row {i + 1}"
        text = row[text_column]
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(source, "the text cell is empty", "Fill it or drop the row."))
            continue
        doc_id = str(row[id_column]) if id_column else f"{i:06d}"
        date = row[date_column] if date_column else None
        title = row[title_column] if title_column else None
        meta = {c: row[c] for c in other}
        docs.append((doc_id, source, text, date, title, meta))
    return docs


MIN_WORDS = 3


def read_records(path: str | Path, *, text_column: str = "text", id_column: str | None = None,
                 date_column: str | None = None, title_column: str | None = None,
                 max_bytes: int = MAX_BYTES, progress=None, problems: list | None = None) -> list:
    """Raw records ``(doc_id, source, text, date, title, meta)`` of a corpus path:
    a folder of text files, a single text file, or a table. Files that cannot be
    read are added to ``problems`` and left out.

    Raises :class:`UserInputError` for a missing path, an unsupported file type, an
    unreadable table or an unknown column.
    """
    from analysis.progress import progress_bar

    progress = progress or progress_bar
    path = Path(path)
    problems = [] if problems is None else problems
    if not path.exists():
        raise UserInputError(f"{path}: no such file or folder. Give a folder of .txt/.md files "
                             "or a .csv/.tsv/.jsonl/.parquet file with --corpus.")
    if path.is_dir():
        return _read_folder(path, max_bytes, problems, progress)
    if path.suffix.lower() in TABLE_SUFFIXES:
        return _read_table(path, text_column, id_column, date_column, title_column, problems)
    if path.suffix.lower() in TEXT_SUFFIXES:
        one = _read_text_file(path, path.parent, max_bytes, problems)
        return [one] if one else []
    raise UserInputError(f"{path}: unsupported file type '{path.suffix}'. Use a folder of "
                         ".txt/.md files or a .csv, .tsv, .jsonl or .parquet table.")


def build_documents(records) -> tuple[list[Document], list[Problem]]:
    """Documents (cleaned, with title and date) from raw records, and a problem for
    each record with fewer than ``MIN_WORDS`` words left after cleaning."""
    documents, problems = [], []
    for doc_id, source, text, date, title, meta in records:
        doc = make_document(doc_id, source, text, date=date, title=title, meta=meta)
        if len(doc.clean.split()) < MIN_WORDS:
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
    return Corpus(documents=documents, problems=problems, source=str(path))


def load_corpus(path: str | Path, *, text_column: str = "text", id_column: str | None = None,
                date_column: str | None = None, title_column: str | None = None,
                max_bytes: int = MAX_BYTES, progress=None) -> Corpus:
    """Read a folder of text files, a single text file, or a table.

    Raises :class:`UserInputError` for a missing path, an unreadable table, an
    unknown column, or a corpus in which no document is usable.
    """
    problems: list[Problem] = []
    raw = read_records(path, text_column=text_column, id_column=id_column,
                       date_column=date_column, title_column=title_column,
                       max_bytes=max_bytes, progress=progress, problems=problems)
    documents, short = build_documents(raw)
    return corpus_of(path, documents, problems + short)
