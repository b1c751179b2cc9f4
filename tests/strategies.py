"""Hypothesis profiles and strategies for the property-based tests (issue #11).

Two profiles are registered here and applied test by test (never loaded globally,
so other test modules keep hypothesis's own defaults):

* ``analysis-bounded`` (the default, run by ``make test``): derandomised, so CI is
  reproducible, and sized so ``tests/test_properties.py`` takes about a minute;
* ``analysis-long``: twenty times the examples, random seeds; chosen with
  ``ANALYSIS_HYPOTHESIS=long``.

Neither profile keeps an example database, and hypothesis's caches go to the
temporary folder: nothing is written into the checkout (no ``.hypothesis/``).

The generated text covers every Unicode plane, combining marks, right-to-left
scripts, zero-width and bidi format characters, control characters, U+2028/U+2029
and NUL, mixed with words of French, English, Chinese and Arabic news. File names
include non-UTF-8 bytes, which Python sees as lone surrogates (``os.fsdecode``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import signal
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

# hypothesis caches (Unicode tables, constants) go to the temporary folder, not to a
# .hypothesis/ folder in the checkout
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "analysis-hypothesis")

# -- profiles ------------------------------------------------------------------------

BOUNDED_EXAMPLES = 60
LONG_FACTOR = 20

_COMMON = dict(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much, HealthCheck.large_base_example],
)
settings.register_profile("analysis-bounded", max_examples=BOUNDED_EXAMPLES,
                          derandomize=True, **_COMMON)
settings.register_profile("analysis-long", max_examples=BOUNDED_EXAMPLES * LONG_FACTOR,
                          derandomize=False, **_COMMON)

LONG = os.environ.get("ANALYSIS_HYPOTHESIS", "").strip().lower() == "long"
PROFILE_NAME = "analysis-long" if LONG else "analysis-bounded"
PROFILE = settings.get_profile(PROFILE_NAME)


def scaled(examples: int) -> settings:
    """The active profile with ``examples`` examples in the bounded profile (twenty
    times as many in the long one): for the slow properties."""
    return settings(PROFILE, max_examples=examples * (LONG_FACTOR if LONG else 1))


# -- text ----------------------------------------------------------------------------

ENGLISH = ("The", "committee", "approved", "the", "new", "budget", "for", "regional",
           "schools", "on", "Tuesday", "market", "economy", "government", "said", "AI",
           "Mr.", "U.S.", "high-end", "don't", "company's", "PARIS", "Reuters", "2024",
           "e.g.", "Minister", "Minister", "growth", "3.5%", "London")
FRENCH = ("Le", "comité", "a", "approuvé", "mardi", "le", "nouveau", "budget", "des",
          "écoles", "régionales", "l'économie", "d'abord", "aujourd'hui", "marché", "été",
          "ministre", "Mme", "a-t-il", "«", "»", "numérique", "œuvre", "Noël", "ÉTAT",
          "qu'il", "jusqu'à", "déc.", "M.")
CHINESE = ("经济", "政府", "新闻", "市场", "中国", "人工智能", "学校", "预算", "委员会",
           "批准", "。", "，", "“", "”", "北京")
ARABIC = ("الاقتصاد", "الحكومة", "السوق", "المدارس", "الميزانية", "وزير", "قال", "اللجنة",
          "وافقت", "،", "؟", "٢٠٢٤", "القاهرة")
# the documented boilerplate the cleaner removes, so it meets every other rule
BOILERPLATE = ("http://example.com/a?b=c", "https://www.lemonde.fr/x", "www.example.org",
               "Vidéo - https://t.co/x", "PARIS, 12 mars 2024 /AFP/ --",
               "LONDON, March 3, 2024 (Reuters) -", "Photo: x", ": ", " -word", "-",
               "Reuters Reuters", "PARIS PARIS", "«  »", "’", "…")

SPECIAL = ("\x00", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad",
           "\u200e", "\u200f", "\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067",
           "\u2069", "\u061c", "\u2028", "\u2029", "\x85", "\r", "\r\n", "\x0b", "\x0c",
           "\x1c", "\x1d", "\x1e", "\x1f", "\x7f", "\t", "\u00a0", "\u202f", "\u3000",
           "\u0301", "\u0308", "\u20dd", "\ufe0f", "\U0001f600", "\U0001f1eb\U0001f1f7",
           "\U000e0001", "\U0010fffd", "\ufffd", "\ufb01", "\u2126", "\u1e9b\u0323",
           "ﷺ", "\u0644\u0627", "ß", "İ")
SEPARATORS = (" ", " ", " ", "\n", "\n\n", "\n \n", "\t", "\r\n", "\r", "\u2028",
              "\u2029", "\x85", "\u00a0", "\u3000", "\x0c", "\n\u200b\n", "")

words = st.one_of(st.sampled_from(ENGLISH), st.sampled_from(FRENCH),
                  st.sampled_from(CHINESE), st.sampled_from(ARABIC))

any_char = st.characters(codec="utf-8")  # every plane, every category but Cs
astral_char = st.characters(min_codepoint=0x10000, codec="utf-8")
combining_char = st.characters(categories=["Mn", "Mc", "Me"])
rtl_char = st.one_of(st.characters(min_codepoint=0x0590, max_codepoint=0x08FF),
                     st.characters(min_codepoint=0xFB1D, max_codepoint=0xFDFF),
                     st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF))
control_char = st.characters(categories=["Cc"])
format_char = st.characters(categories=["Cf", "Zl", "Zp", "Zs"], codec="utf-8")
weird_char = st.one_of(st.sampled_from(SPECIAL), any_char, astral_char, combining_char,
                       rtl_char, control_char, format_char)

token = st.one_of(
    words,
    words.flatmap(lambda w: st.tuples(st.just(w), st.lists(weird_char, max_size=3)).map(
        lambda t: t[0] + "".join(t[1]))),
    st.lists(weird_char, min_size=1, max_size=6).map("".join),
    st.sampled_from(BOILERPLATE),
)
separator = st.sampled_from(SEPARATORS)

#: a mixture of words, strange characters and separators
mixed_text = st.lists(st.tuples(token, separator), max_size=30).map(
    lambda pairs: "".join(a + b for a, b in pairs))

#: anything ``str`` can hold that UTF-8 can encode, and the mixtures above
any_text = st.one_of(mixed_text, st.text(any_char, max_size=60),
                     st.lists(weird_char, max_size=60).map("".join))

#: text that may also hold lone surrogates (as file names bring them)
surrogate_text = st.one_of(any_text, st.text(st.characters(), max_size=40),
                           st.binary(max_size=40).map(os.fsdecode))

SENTENCES = {
    "en": "The committee approved the new budget for regional schools on Tuesday.",
    "fr": "Le comité a approuvé mardi le nouveau budget des écoles régionales.",
}

ARTICLE = (
    "Regional schools get a new budget\n\n"
    "The committee approved the new budget for regional schools on Tuesday. "
    "Teachers said the money would pay for new books and repairs.\n\n"
    "The vote followed months of debate among parents, teachers and local officials.\n"
)
ARTICLE_FR = (
    "Un nouveau budget pour les écoles\n\n"
    "Le comité a approuvé mardi le nouveau budget des écoles régionales. "
    "Les enseignants ont déclaré que l'argent servirait à acheter des livres.\n\n"
    "Le vote a suivi des mois de débat entre parents, enseignants et élus locaux.\n"
)

# -- bytes ---------------------------------------------------------------------------


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


encoded_text = st.one_of(
    any_text.map(lambda t: t.encode("utf-8")),
    any_text.map(lambda t: t.encode("utf-8-sig")),
    any_text.map(lambda t: t.encode("utf-16")),  # with a BOM
    any_text.map(lambda t: t.encode("utf-16-le")),
    any_text.map(lambda t: t.encode("utf-32")),
    st.text(st.characters(codec="cp1252"), max_size=80).map(lambda t: t.encode("cp1252")),
    st.text(st.characters(codec="latin-1"), max_size=80).map(lambda t: t.encode("latin-1")),
    mixed_text.map(lambda t: _encode(t, "cp1252")),
    mixed_text.map(lambda t: _encode(t, "latin-1")),
)

#: what a file may hold: text in any encoding, random bytes, or a splice of both
file_bytes = st.one_of(
    encoded_text,
    st.binary(max_size=200),
    st.lists(st.one_of(encoded_text, st.binary(max_size=20)), max_size=4).map(b"".join),
    st.sampled_from([b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00",
                     b"\xe2\x80\xa8", b"\xe2\x80\x8b", b"\x1a"]),
)

# -- file names ----------------------------------------------------------------------

_NAME_BYTES = st.binary(min_size=1, max_size=40).map(
    lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))
_NAME_TEXT = st.lists(
    st.one_of(st.characters(codec="utf-8", exclude_characters="/\x00"),
              rtl_char, combining_char, st.sampled_from(SPECIAL).filter(
                  lambda c: "\x00" not in c)),
    min_size=1, max_size=30).map("".join)
SUFFIXES = (".txt", ".txt", ".txt", ".md", ".TXT", ".Md", ".csv", ".pdf", ".json", ".docx",
            "", ".txt.bak", ".text")

#: a file name stem: plain, Unicode, RTL, or undecodable bytes (lone surrogates)
stem = st.one_of(
    st.sampled_from(["article", "note", "a b", "-dash", " lead", "trail ", "é", "x.y",
                     "نص", "新闻", "\u202eevil", "zw\u200bsp"]),
    _NAME_TEXT,
    _NAME_BYTES.map(os.fsdecode),
)


def _valid_name(name: str) -> bool:
    raw = os.fsencode(name)
    return name not in (".", "..") and 0 < len(raw) <= 200 and b"/" not in raw \
        and b"\x00" not in raw


file_name = st.tuples(stem, st.sampled_from(SUFFIXES)).map("".join).filter(_valid_name)

# -- folders -------------------------------------------------------------------------

KINDS = ("article", "article_noisy", "text", "cp1252", "utf16", "empty", "binary", "bytes",
         "symlink", "dangling", "fifo")


@dataclass(frozen=True)
class Entry:
    """One generated path of a corpus folder."""

    parts: tuple[str, ...]  # relative path, one name per level
    kind: str
    data: bytes = b""

    @property
    def good(self) -> bool:
        """An article that must load: readable UTF-8 text in a visible .txt/.md file."""
        return (self.kind in ("article", "article_noisy")
                and Path(self.parts[-1]).suffix.lower() in (".txt", ".md")
                and not any(part.startswith(".") for part in self.parts))


# the control characters that make a file look binary (not tab, newlines, form feed)
_BINARY_CONTROLS = dict.fromkeys([*range(9), *range(14, 32)])


def _entry_data(kind: str):
    if kind == "article":
        return st.sampled_from([ARTICLE, ARTICLE_FR]).map(lambda t: t.encode("utf-8"))
    if kind == "article_noisy":  # an article, then anything but the C0 controls of binary
        return st.tuples(st.sampled_from([ARTICLE, ARTICLE_FR]), any_text).map(
            lambda t: (t[0] + "\n\n" + t[1].translate(_BINARY_CONTROLS)).encode("utf-8"))
    if kind == "text":
        return any_text.map(lambda t: t.encode("utf-8"))
    if kind == "cp1252":
        return st.just(ARTICLE_FR.replace("Un nouveau", "Le marché de l'économie")
                       .encode("cp1252"))
    if kind == "utf16":
        return st.sampled_from([ARTICLE, ARTICLE_FR]).map(lambda t: t.encode("utf-16"))
    if kind == "empty":
        return st.just(b"")
    if kind == "binary":
        return st.binary(min_size=1, max_size=300).map(lambda b: b"\x00\x01\xff" + b)
    if kind == "bytes":
        return file_bytes
    return st.just(b"")


_FOLDER = st.one_of(st.sampled_from(["sub", "nested dir", "ünï", ".hidden", "2024"]),
                    _NAME_BYTES.map(os.fsdecode).filter(_valid_name))


@st.composite
def entry(draw) -> Entry:
    """One path of a corpus folder: where it is, what it is and what it holds."""
    folders = draw(st.lists(_FOLDER, max_size=2))
    name = draw(file_name)
    kind = draw(st.sampled_from(KINDS))
    return Entry((*folders, name), kind, draw(_entry_data(kind)))


def _key(e: Entry):
    return tuple(os.fsencode(p) for p in e.parts)


def _no_prefix_clash(entries: list[Entry]) -> bool:
    """No entry's path is a folder of another one."""
    keys = {_key(e) for e in entries}
    return not any(k[:i] in keys for k in keys for i in range(1, len(k)))


#: the entries of a corpus folder (unique paths, some in subfolders)
folder_entries = st.lists(entry(), min_size=1, max_size=10, unique_by=_key).filter(
    _no_prefix_clash)


def write_folder(root: Path, entries: list[Entry]) -> None:
    """Create ``entries`` under ``root`` (an existing, empty folder)."""
    files = []
    for e in entries:
        path = root.joinpath(*e.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        if e.kind == "fifo":
            os.mkfifo(path)
        elif e.kind == "dangling":
            os.symlink(root / "no such target.txt", path)
        elif e.kind != "symlink":
            path.write_bytes(e.data)
            files.append(path)
    for e in entries:  # links to a file of the folder, or to nothing
        if e.kind == "symlink":
            target = files[0] if files else root / "missing.txt"
            os.symlink(target, root.joinpath(*e.parts))


# -- what a folder holds, and proof it was not touched ---------------------------------


def hidden(relative: Path) -> bool:
    """A path the loader ignores by design: one of its names starts with a dot."""
    return any(part.startswith(".") for part in relative.parts)


def visible_paths(root: Path) -> list[Path]:
    """Every path under ``root`` that is not a folder (files, links, FIFOs...), hidden
    ones left out. Symbolic links to folders are not followed."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in dirnames:
            if (base / name).is_symlink():
                filenames.append(name)
        for name in filenames:
            path = base / name
            if not hidden(path.relative_to(root)):
                out.append(path)
    return sorted(out)


def snapshot(root: Path) -> dict:
    """Names (as bytes), modes, sizes, mtimes, link targets and contents of
    everything under ``root``; FIFOs are never opened."""
    state = {}
    broot = os.fsencode(root)
    for dirpath, dirnames, filenames in os.walk(broot):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            rel = os.path.relpath(path, broot)
            item = (info.st_mode, info.st_size, info.st_mtime_ns)
            if stat.S_ISLNK(info.st_mode):
                item += (os.readlink(path),)
            elif stat.S_ISREG(info.st_mode) and info.st_mode & 0o444:
                try:
                    with open(path, "rb") as fh:
                        item += (fh.read(),)
                except PermissionError:
                    item += (None,)
            state[rel] = item
    return state


def spellings(path: Path, root: Path) -> set[str]:
    """The ways a report may name ``path``: as given, relative to the corpus folder,
    with undecodable bytes escaped or replaced (a CSV file is UTF-8), and in the
    package's display form (control characters escaped, as ``ls -b`` does)."""
    from analysis.io.corpus import display_path, shown

    names = {str(path), path.relative_to(root).as_posix(),
             f"{display_path(root)}/{path.relative_to(root).as_posix()}", display_path(path)}
    for name in list(names):
        names.add(shown(name))
        raw = os.fsencode(name)
        for errors in ("backslashreplace", "replace", "surrogateescape"):
            names.add(raw.decode("utf-8", errors))
        names.add(name.encode("utf-8", "backslashreplace").decode("utf-8"))
    return names


def named_in(path: Path, root: Path, sources) -> bool:
    """Whether one of ``sources`` names ``path`` (a table row "PATH:row N" counts)."""
    sources = list(sources)
    for name in spellings(path, root):
        if any(s == name or s.startswith(name + ":row ") for s in sources):
            return True
    return False


@contextlib.contextmanager
def no_hang(seconds: int = 60):
    """Fail, rather than hang, when the code under test blocks (a loader must never
    open a FIFO: it would wait for a writer for ever)."""
    def alarm(signum, frame):
        raise AssertionError(f"blocked for {seconds} s (opened a FIFO?)")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def read_table(path: Path) -> list[dict]:
    """The rows of an output CSV table, read back as a CSV reader does (undecodable
    bytes kept as lone surrogates); none if the table was not written. A row that
    the reader splits or merges (an unquoted carriage return) fails."""
    if not path.exists():
        return []
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        assert None not in row and None not in row.values(), \
            f"{path.name}: malformed row (a CSV reader splits it): {row!r}"
    return rows
