"""Progress bars that stay out of logs, tests and notebooks' checked outputs.

Bars are shown on an interactive terminal only; ``ANALYSIS_PROGRESS=1`` forces
them on and ``ANALYSIS_PROGRESS=0`` off, and :func:`silenced` (the CLI's ``-q``)
turns them off for a call. Elsewhere (logs, CI) each long step says when it
starts in a plain log line instead.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

_SILENCED = False
_BARS = 0  # bars on screen now: a spinner keeps quiet while one is shown


@contextmanager
def silenced(flag: bool = True):
    """No bars for the length of a ``with`` block when ``flag`` (the CLI's ``-q``)."""
    global _SILENCED
    before, _SILENCED = _SILENCED, _SILENCED or flag
    try:
        yield
    finally:
        _SILENCED = before


def progress_enabled() -> bool:
    if _SILENCED:
        return False
    flag = os.environ.get("ANALYSIS_PROGRESS")
    if flag is not None:
        return flag not in ("0", "", "false", "no")
    return sys.stderr.isatty()


def progress_bar(iterable, desc: str = "", unit: str = "it", total: int | None = None):
    """Wrap ``iterable`` in a tqdm bar (with its rate) when bars are enabled."""
    if not progress_enabled():
        return iterable
    from tqdm.auto import tqdm

    return _shown(tqdm(iterable, desc=desc, unit=unit, total=total, leave=False,
                       dynamic_ncols=True))


def _shown(bar):
    """Iterate ``bar``, counted in :data:`_BARS` while it is on screen."""
    global _BARS
    _BARS += 1
    try:
        yield from bar
    finally:
        _BARS -= 1


@contextmanager
def spinner(desc: str):
    """A turning mark with the seconds elapsed beside ``desc`` while a step that has
    no countable parts runs (fitting topics, scoring themes, drawing figures); shown
    where bars are (:func:`progress_enabled`), cleared when the step ends."""
    if not progress_enabled():
        yield
        return
    import threading
    import time

    stop = threading.Event()
    start = time.perf_counter()
    width = len(desc) + 12

    def turn():
        frames = "|/-\\"
        i = 0
        while not stop.wait(0.25):
            if _BARS:  # a bar inside the step (choosing k) speaks for it
                continue
            sys.stderr.write(f"\r{frames[i % 4]} {desc} {time.perf_counter() - start:4.0f} s")
            sys.stderr.flush()
            i += 1

    thread = threading.Thread(target=turn, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        sys.stderr.write("\r" + " " * width + "\r")
        sys.stderr.flush()
