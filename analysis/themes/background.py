"""The fixed reference of ordinary news subjects (``analysis/data/themes/background.toml``)."""

from __future__ import annotations

import tomllib

from analysis.config import THEMES_FILE

BACKGROUND_FILE = THEMES_FILE.parent / "themes" / "background.toml"


def load_background(path=None) -> dict[str, list[str]]:
    """Language code -> descriptions of ordinary news subjects."""
    with open(path or BACKGROUND_FILE, "rb") as handle:
        data = tomllib.load(handle)
    return {lang: [str(t) for t in texts] for lang, texts in sorted(data.items())}
