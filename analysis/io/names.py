"""Names built from data, made safe in one place.

A corpus brings its own names: file names, row ids, column names. Whatever they
hold (``..``, ``/``, ``\\``, NUL, 300 characters, two names that differ only in
case), the run must never write outside its output folder, two of them must
never become one, and the tool's own columns must keep their meaning. Every
file name, id and column name that comes from data goes through one of these
functions where it is built:

- :func:`file_part` and :func:`file_parts`: the part of a file name taken from a
  name in the data (``keywords_by_<part>.csv``);
- :func:`unique_ids`: document ids, kept distinct with a renaming scheme that
  cannot collide with an id already in use;
- :func:`user_columns`: a table's own columns, renamed where they would take the
  name of one of the tool's columns.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

# the characters of a file-name part; everything else becomes "_"
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
# longest file-name part taken from data (a file name stays far below 255 bytes)
MAX_PART = 48
# the tool's own columns in documents.csv, units.csv and the theme tables: a
# column of the user's table with one of these names is kept under another name
TOOL_COLUMNS = frozenset({
    "doc_id", "unit_id", "source", "title", "date", "language", "n_chars", "n_words", "text",
})
# a user column renamed away from a tool column gets this prefix
USER_PREFIX = "input_"


def _digest(name: str, chars: int = 8) -> str:
    data = name.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()[:chars]


def file_part(name: str) -> str:
    """A file-name part for ``name``: lower-case ASCII letters, digits, ``_`` and
    ``-`` only, at most :data:`MAX_PART` characters, never empty, never starting
    with a dot. A name that had to change (accents, case, other characters, length)
    gets a short hash of the original, so two names never map to one part:
    ``"Desk"`` is ``desk-1a2b3c4d``, ``"desk"`` stays ``desk``, and
    ``"../../in/corpus"`` is ``in_corpus-…``.
    """
    name = str(name)
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    part = _UNSAFE.sub("_", ascii_.lower()).strip("_-")
    if part == name and 0 < len(part) <= MAX_PART:
        return part
    suffix = _digest(name)
    part = part[:MAX_PART - len(suffix) - 1].rstrip("_-")
    return f"{part}-{suffix}" if part else f"x-{suffix}"


def file_parts(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """``{name: file-name part}`` for several names, all distinct from each other
    (even where a file system ignores case) and from the parts in ``reserved``
    (the tool's own file names, which a name takes with ``column_`` before it: a
    column "language" is ``column_language``): a part that is taken gets ``-2``,
    ``-3``..."""
    taken = {r.lower() for r in reserved}
    out: dict[str, str] = {}
    for name in dict.fromkeys(names):
        base = file_part(name)
        if base.lower() in taken:
            base = f"column_{base}"
        part, n = base, 1
        while part.lower() in taken:
            n += 1
            part = f"{base}-{n}"
        taken.add(part.lower())
        out[name] = part
    return out


def unique_ids(ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """``(ids, repeated)``: the ids with each repeat renamed ``A~2``, ``A~3``... so
    that no two are equal and no new id is one already in use (``A, A~2, A`` gives
    ``A, A~2, A~3``), and the ids that were repeated, in order of first repeat."""
    ids = list(ids)
    used = set(ids)
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    out = []
    for value in ids:
        if value not in seen:
            seen.add(value)
            out.append(value)
            continue
        repeated[value] = None
        n = 2
        while f"{value}~{n}" in used:
            n += 1
        new = f"{value}~{n}"
        used.add(new)
        seen.add(new)
        out.append(new)
    return out, list(repeated)


def user_columns(columns: Iterable[str], kept: Iterable[str] = ()) -> dict[str, str]:
    """``{column: name in the tables}`` for a table's own columns: a column named as
    one of the tool's columns (:data:`TOOL_COLUMNS`) becomes ``input_<name>``
    (``input_<name>_2``... if that is taken too); the others keep their names.
    ``kept`` are columns the tool reads itself (text, id, date), which are not
    carried into the tables."""
    columns = [c for c in dict.fromkeys(columns) if c not in set(kept)]
    taken = set(columns) | TOOL_COLUMNS
    out = {}
    for column in columns:
        if column not in TOOL_COLUMNS:
            out[column] = column
            continue
        new, n = f"{USER_PREFIX}{column}", 1
        while new in taken:
            n += 1
            new = f"{USER_PREFIX}{column}_{n}"
        taken.add(new)
        out[column] = new
    return out
