"""Themes: user-editable lexicons with a description per language.

A theme has a label, a description per language and terms per language (see
``analysis/data/themes.toml``); :func:`load_themes` reads them from TOML or YAML.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analysis.config import THEMES_FILE
from analysis.errors import UserInputError

OTHER = "other"


@dataclass
class Theme:
    key: str
    label: str
    descriptions: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list[str]] = field(default_factory=dict)
    # the label per language, where the file gives one (label.fr = "...")
    labels: dict[str, str] = field(default_factory=dict)


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """Themes from a TOML or YAML file (default: the built-in lexicons)."""
    path = Path(path) if path else THEMES_FILE
    if not path.is_file():
        raise UserInputError(f"{path}: no such themes file.")
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        else:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
    except Exception as err:  # noqa: BLE001 - any parse error is the user's to fix
        raise UserInputError(f"{path}: cannot be parsed ({err}).") from None
    if not isinstance(data, dict) or not data:
        raise UserInputError(f"{path}: no themes found; see analysis/data/themes.toml.")
    themes = []
    for key, spec in data.items():
        if not isinstance(spec, dict) or not spec.get("terms"):
            raise UserInputError(f"{path}: theme '{key}' needs a 'terms' table, such as "
                                 "terms.en = [...] and terms.fr = [...].")
        terms = spec["terms"]
        if isinstance(terms, list):
            terms = {"any": terms}
        descriptions = spec.get("description", {})
        if isinstance(descriptions, str):
            descriptions = {"any": descriptions}
        label = spec.get("label", key)
        labels = dict(label) if isinstance(label, dict) else {}
        if labels:
            label = labels.get("en", next(iter(labels.values())))
        themes.append(Theme(key, str(label), dict(descriptions),
                            {k: list(v) for k, v in terms.items()}, labels))
    return themes
