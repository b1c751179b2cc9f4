"""One output folder holds one whole run.

A run never writes into ``--out`` directly. :class:`RunFolder`

1. takes a lock beside the folder (``.<name>.lock``), so a second run into the
   same folder stops at once with a message instead of mixing its files in;
2. removes what an interrupted run left beside it (a staging folder after
   ``kill -9``), and puts back the previous run if a swap was cut short;
3. hands the run a new, empty staging folder beside ``--out`` (same file
   system), in which every file of the run is written;
4. when the run is complete, writes ``manifest.json`` (every file with its size
   and SHA-256) and swaps the staging folder in for ``--out`` with one atomic
   ``renameat2(RENAME_EXCHANGE)`` where the kernel and file system have it (two
   renames otherwise; step 2 repairs a cut between them), then removes the old
   run.

So after Ctrl-C, ``kill -9``, a crash or a concurrent run, ``--out`` holds the
previous complete run or the new complete run, never a mix, and the next run
clears any leftover. A folder that holds anything but an earlier run's files is
never replaced: the run stops and says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from analysis.errors import UserInputError

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# what a run writes at the top of its folder (an output folder of an earlier
# version of the package has no manifest, and only these)
RUN_ENTRIES = frozenset({"tables", "figures", "topic_model", "interactive", "saved", "summary.md",
                         "update.json",
                         "report.html", MANIFEST})
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    """libc's ``renameat2``, or ``None`` where the C library lacks it."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; ``False`` where the system cannot."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def is_run_folder(path: Path) -> bool:
    """Whether ``path`` is missing, empty, or holds only what a run writes."""
    if not path.exists():
        return True
    if (path / MANIFEST).is_file():
        return True
    try:
        return all(entry.name in RUN_ENTRIES for entry in os.scandir(path))
    except OSError:
        return False


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_of(folder: Path, settings: dict) -> dict:
    """Every file under ``folder`` with its size and SHA-256, and the run's settings."""
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            files[rel] = {"bytes": path.stat().st_size, "sha256": file_digest(path)}
    from analysis import __version__

    return {"format": MANIFEST_FORMAT, "package": "analysis", "version": __version__,
            "complete": True, "settings": settings, "files": files}


def check_manifest(folder: str | os.PathLike) -> list[str]:
    """The files of a run folder that differ from its manifest (changed, missing or
    extra), or ``[]`` when the folder is the run the manifest names."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [MANIFEST]
    listed = manifest.get("files", {})
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    found.discard(MANIFEST)
    bad = sorted(found ^ set(listed))
    for rel in sorted(found & set(listed)):
        if file_digest(folder / rel) != listed[rel]["sha256"]:
            bad.append(rel)
    return bad


class RunFolder:
    """Context manager giving a run its staging folder (see the module docstring).

    >>> with RunFolder(out) as staging:      # doctest: +SKIP
    ...     write_everything(staging)
    ...     folder.commit(settings)          # swaps it in for ``out``
    """

    def __init__(self, out: str | os.PathLike, option: str = "--out"):
        self.out = Path(out)
        self.option = option
        self.staging: Path | None = None
        self._lock_fd: int | None = None
        self.committed = False

    # -- names beside the folder --------------------------------------------------
    @property
    def parent(self) -> Path:
        return self.out.absolute().parent

    @property
    def lock_path(self) -> Path:
        return self.parent / f".{self.out.name}.lock"

    def _leftovers(self, kind: str) -> list[Path]:
        prefix = f".{self.out.name}.{kind}-"
        try:
            return sorted(p for p in self.parent.iterdir() if p.name.startswith(prefix))
        except OSError:
            return []

    # -- lock ---------------------------------------------------------------------
    def _lock(self) -> None:
        import fcntl

        self.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise UserInputError(
                    f"{self.option} {self.out}: another run is writing into it (process "
                    f"{holder}). Wait for it to finish, or give another {self.option}."
                ) from None
            try:  # the file may have been removed by the run that held it: try again
                same = os.stat(self.lock_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is None:
            return
        try:
            self.lock_path.unlink()
        except OSError:
            pass
        os.close(self._lock_fd)
        self._lock_fd = None

    # -- repair and stage -----------------------------------------------------------
    def _repair(self) -> None:
        """Put back a previous run whose swap was cut short, and remove leftovers."""
        olds = self._leftovers("old")
        if not self.out.exists() and olds:
            olds[-1].rename(self.out)
            olds = olds[:-1]
        for leftover in olds + self._leftovers("run"):
            shutil.rmtree(leftover, ignore_errors=True)

    def __enter__(self) -> Path:
        if self.out.exists() and not self.out.is_dir():
            raise UserInputError(f"{self.option} {self.out}: a file, not a folder. Give the "
                                 "path of a folder (it is created if needed).")
        self._lock()
        try:
            self._repair()
            if not is_run_folder(self.out):
                sample = sorted(e.name for e in os.scandir(self.out)
                                if e.name not in RUN_ENTRIES)[:3]
                raise UserInputError(
                    f"{self.option} {self.out}: the folder holds files that are not an "
                    f"earlier run's ({', '.join(map(repr, sample))}), and a run replaces "
                    f"the whole folder. Give a new or empty folder as {self.option}.")
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.run-",
                                                 dir=self.parent))
            self.staging.chmod(0o777 & ~_umask())
        except BaseException:
            self._unlock()
            raise
        return self.staging

    def commit(self, settings: dict | None = None) -> Path:
        """Write the manifest and swap the staging folder in for ``out``."""
        from analysis.io.atomic import write_text

        assert self.staging is not None, "commit() outside the with block"
        manifest = manifest_of(self.staging, settings or {})
        text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False, default=str)
        write_text(self.staging / MANIFEST, text + "\n")
        if self.out.exists():
            if exchange(self.staging, self.out):
                shutil.rmtree(self.staging, ignore_errors=True)
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.parent))
                old.rmdir()
                self.out.rename(old)
                self.staging.rename(self.out)
                shutil.rmtree(old, ignore_errors=True)
        else:
            self.staging.rename(self.out)
        self.staging = None
        self.committed = True
        return self.out

    def __exit__(self, *exc) -> None:
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()


def _umask() -> int:
    from analysis.io.atomic import _umask as read

    return read()
