"""Exceptions and per-file problem reports.

``UserInputError`` marks a mistake the user can fix (a missing path, an unknown
column, a corpus with nothing usable). The CLI prints its message on one line and
exits non-zero, without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserInputError(Exception):
    """A problem with the user's input, explained in one line."""


class MissingExtraError(UserInputError, ImportError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str, purpose: str):
        super().__init__(
            f"{purpose} needs the optional package '{package}': "
            f"install it with `pip install 'analysis[{extra}]'`."
        )


@dataclass(frozen=True)
class Problem:
    """A file (or row) that was skipped or read with a caveat."""

    source: str
    reason: str
    action: str
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "warning"
        return f"{self.source}: {verb}: {self.reason}. {self.action}"
