"""Themes: user-editable lexicons with a description per language.

A theme has a label, a description per language and terms per language (see
``analysis/data/themes.toml``); :func:`load_themes` reads them from TOML or YAML.
"""

from __future__ import annotations

import re
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
    # example passages (quoted text, a file path or a corpus document id), any language;
    # see analysis.themes.examples
    examples: list[str] = field(default_factory=list)
    # terms one of which the document must name for the theme to be found in it (per
    # language, like ``terms``); empty: no such requirement
    requires: dict[str, list[str]] = field(default_factory=dict)
    # neighbouring subjects that are not the theme, per language: the theme's meaning
    # is compared against them as against the ordinary subjects of news
    contrasts: dict[str, list[str]] = field(default_factory=dict)
    # what the theme says about the subject it requires (AI governance: law, regulation,
    # oversight, ethics...), per language: a passage counts only where it names one of
    # these beside one of the required terms (see analysis.themes.detector)
    aspect: dict[str, list[str]] = field(default_factory=dict)


# a theme key names columns of the theme tables ("<key>", and for each key more
# columns ending in these): it is a short identifier, and never a tool's column
KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
KEY_SUFFIXES = ("_found", "_confidence", "_share", "_terms", "_cosine")
RESERVED_KEYS = frozenset({OTHER, "doc_id", "unit_id", "source", "title", "date", "language",
                           "n_chars", "n_words", "text", "topic", "position", "group"})
# the per-language tables a theme may hold; "any" is for every language
LANGUAGE_KEY = re.compile(r"[a-z]{2,3}|any")


def _where(path, key=None, field_=None) -> str:
    where = f"{path.name}: theme '{key}'" if key is not None else path.name
    return f"{where}: {field_}" if field_ else where


def _text_table(path, key, name, value, required=False) -> dict[str, str]:
    """A per-language table of text (``label``, ``description``) from a string or a
    table of strings."""
    if value is None and not required:
        return {}
    if isinstance(value, str):
        value = {"any": value}
    if not isinstance(value, dict) or not value:
        raise UserInputError(f"{_where(path, key, name)} must be text or a table of text per "
                             f"language (such as {name}.en = \"...\"), not "
                             f"{type(value).__name__}.")
    out = {}
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE_KEY.fullmatch(lang):
            raise UserInputError(f"{_where(path, key, name)}: {lang!r} is not a language "
                                 "code such as en, fr or zh.")
        if not isinstance(text, str) or not text.strip():
            raise UserInputError(f"{_where(path, key, f'{name}.{lang}')} must be non-empty "
                                 f"text, not {text!r}."[:300])
        out[lang] = text.strip()
    return out


def _terms(path, key, value, name="terms") -> dict[str, list[str]]:
    if isinstance(value, list):
        value = {"any": value}
    if not isinstance(value, dict) or not value:
        raise UserInputError(f"{_where(path, key)} needs a '{name}' table, such as "
                             f"{name}.en = [...] and {name}.fr = [...].")
    out = {}
    for lang, words in value.items():
        if not isinstance(lang, str) or not LANGUAGE_KEY.fullmatch(lang):
            raise UserInputError(f"{_where(path, key, name)}: {lang!r} is not a language "
                                 "code such as en, fr or zh.")
        if (not isinstance(words, list) or not words
                or not all(isinstance(w, str) and w.strip() for w in words)):
            raise UserInputError(f"{_where(path, key, f'{name}.{lang}')} must be a list of "
                                 "words or phrases, such as [\"robot\", \"smart factory\"].")
        out[lang] = [w.strip() for w in words]
    return out


def _examples(path, key, value) -> list[str]:
    """Example passages: a list of quoted texts, file paths or corpus document ids."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if (not isinstance(value, list)
            or not all(isinstance(v, str) and v.strip() for v in value)):
        raise UserInputError(f"{_where(path, key, 'examples')} must be a list of passages, "
                             "file paths or document ids, such as [\"doc_003\", \"...\"].")
    return [v.strip() for v in value]


def check_key(path, key) -> str:
    """``key`` if it can name a theme's columns, else a :class:`UserInputError`."""
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise UserInputError(
            f"{path.name}: theme key {str(key)[:60]!r} must be 1-40 lower-case letters, "
            "digits or '_', starting with a letter (such as ai_governance); put the "
            "words people read in its label.")
    if key in RESERVED_KEYS or key.endswith(KEY_SUFFIXES):
        raise UserInputError(f"{path.name}: theme key '{key}' is the name of one of the "
                             "tables' own columns; choose another key.")
    return key


def load_themes(path: str | Path | None = None) -> list[Theme]:
    """Themes from a TOML or YAML file (default: the built-in lexicons).

    Every theme is checked: its key (it names columns of the theme tables), its
    label and descriptions (text, or text per language), and its terms (a list of
    words, or lists per language); any mistake is a one-line
    :class:`UserInputError` naming the file, the theme and the field.
    """
    from analysis.io.corpus import read_option_file

    path = Path(path) if path else THEMES_FILE
    text = read_option_file("--themes", path, "a TOML or YAML themes file (see "
                            "analysis/data/themes.toml)")
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = tomllib.loads(text)
    except Exception as err:  # noqa: BLE001 - any parse error is the user's to fix
        first = (str(err).strip().split("\n") or [""])[0][:200]
        raise UserInputError(f"{path}: cannot be parsed ({first}).") from None
    if not isinstance(data, dict) or not data:
        raise UserInputError(f"{path}: no themes found; see analysis/data/themes.toml.")
    themes = []
    for key, spec in data.items():
        check_key(path, key)
        if not isinstance(spec, dict):
            raise UserInputError(f"{_where(path, key)} must be a table with 'terms' (and "
                                 "optionally 'label' and 'description').")
        unknown = sorted(map(str, set(spec) - {"terms", "label", "description", "examples",
                                                "requires", "aspect", "contrast"}))
        if unknown:
            raise UserInputError(f"{_where(path, key)}: unknown field '{unknown[0][:60]}' "
                                 "(a theme has terms, label, description, examples, "
                                 "requires, aspect and contrast).")
        examples = _examples(path, key, spec.get("examples"))
        if spec.get("terms") is None and examples:
            terms = {}
        else:
            terms = _terms(path, key, spec.get("terms"))
        descriptions = _text_table(path, key, "description", spec.get("description"))
        labels = _text_table(path, key, "label", spec.get("label"))
        label = labels.get("en") or labels.get("any") or next(iter(labels.values()), key)
        labels = {k: v for k, v in labels.items() if k != "any"}
        requires = (_terms(path, key, spec["requires"], "requires")
                    if spec.get("requires") is not None else {})
        contrasts = (_terms(path, key, spec["contrast"], "contrast")
                     if spec.get("contrast") is not None else {})
        aspect = (_terms(path, key, spec["aspect"], "aspect")
                  if spec.get("aspect") is not None else {})
        if aspect and not requires:
            raise UserInputError(f"{_where(path, key, 'aspect')} says what the theme says "
                                 "about the subject it requires; give that subject's terms "
                                 "in 'requires' too.")
        themes.append(Theme(key, label, descriptions, terms, labels, examples, requires,
                            contrasts, aspect))
    return themes
