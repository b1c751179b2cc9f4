"""Atomic writers: every output goes to a temporary file that is renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    """The process's umask, read from /proc where it can be, since os.umask can only
    read it by setting it (briefly, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` on success.

    On an exception the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates the file readable by its owner only; give it the mode a
        # plain open() would have (0666 less the umask)
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", errors="replace")
    return Path(path)


# A cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP, "CSV Injection"): such cells are written with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value``, with a leading apostrophe if it is text a spreadsheet would run as a
    formula ("=HYPERLINK(...)", "+33 1 ...", "@SUM(...)", "-2+3"). A lone carriage
    return inside text becomes a newline, which the CSV writer quotes (a bare
    ``\\r`` would split the row for many readers)."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_START) else value


# How CSVs are written: "standard" (UTF-8, ",", decimal point) for every tool, and
# "excel-fr" (UTF-8 with a BOM, ";", decimal comma), which French Excel opens as is.
CSV_DIALECTS = {"standard": {"sep": ",", "decimal": ".", "encoding": "utf-8"},
                "excel-fr": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}}


def write_csv(frame, path: str | os.PathLike, float_format: str = "%.4f",
              dialect: str = "standard") -> Path:
    """Write a pandas DataFrame as CSV atomically, with rounded floats, in one of
    :data:`CSV_DIALECTS`. Text cells that a spreadsheet would run as formulas are
    neutralised (:func:`spreadsheet_safe`); characters UTF-8 cannot hold are
    written as U+FFFD."""
    options = CSV_DIALECTS[dialect]
    import pandas as pd

    text_columns = [i for i, dtype in enumerate(frame.dtypes)
                    if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype)]
    if text_columns:
        frame = frame.copy()
        for i in text_columns:
            frame.isetitem(i, frame.iloc[:, i].map(spreadsheet_safe))
    frame = frame.rename(columns=spreadsheet_safe)
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, float_format=float_format, lineterminator="\n",
                     errors="replace", **options)
    return Path(path)


@contextmanager
def atomic_dir(path: str | os.PathLike, replace: bool = True) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it takes the place of
    ``path`` (an existing folder there is moved aside, then removed). With
    ``replace=False`` a folder that appeared at ``path`` meanwhile is kept and the
    new one dropped.

    On an exception the temporary folder is removed and ``path`` is left as it was,
    so readers never see a half-written folder.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it private to its owner
    old = None
    try:
        yield tmp
        if not replace:
            try:
                tmp.rename(path)
            except OSError:  # a folder is there already (renaming onto it fails)
                if not path.exists():
                    raise
            return
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
            path.rename(old / path.name)
        tmp.rename(path)
    finally:
        for leftover in (tmp, old):
            if leftover is not None and leftover.exists():
                shutil.rmtree(leftover)
