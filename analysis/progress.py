"""Progress bars that stay out of logs, tests and notebooks' checked outputs.

Bars are shown on an interactive terminal only; ``ANALYSIS_PROGRESS=1`` forces
them on and ``ANALYSIS_PROGRESS=0`` off.
"""

from __future__ import annotations

import os
import sys


def progress_enabled() -> bool:
    flag = os.environ.get("ANALYSIS_PROGRESS")
    if flag is not None:
        return flag not in ("0", "", "false", "no")
    return sys.stderr.isatty()


def progress_bar(iterable, desc: str = "", unit: str = "it", total: int | None = None):
    """Wrap ``iterable`` in a tqdm bar (with its rate) when bars are enabled."""
    if not progress_enabled():
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, unit=unit, total=total, leave=False, dynamic_ncols=True)
