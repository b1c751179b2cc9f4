"""Checks on a search query before it is embedded.

A query in a language the encoder does not know is refused, found two ways:

- by its script: most of its letters in a script none of the encoder's languages
  is written in (Devanagari, Greek, Hebrew, Ethiopic...);
- by its words: at least :data:`MIN_WORDS` words, lingua (low-accuracy mode,
  fast to load) at least :data:`MIN_CONFIDENCE` sure of a language outside the
  encoder's, and not one of its words a stop word of English, French or German
  (short and name-heavy queries fool lingua: "Brexit vote" reads as Swahili; on
  800 MasakhaNEWS English and French headlines the stop-word guard leaves no
  false refusal).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from analysis.errors import UserInputError

# languages lingua is also asked about, so that a query in one of them is not taken
# for the nearest language the encoder knows
OTHER_LANGUAGES = ("bg", "cs", "da", "el", "fa", "fi", "he", "hi", "hu", "id", "ro", "sv",
                   "sw", "uk", "vi", "bn", "ta", "ur", "hr", "sk")
MIN_CONFIDENCE = 0.9
MIN_WORDS = 3
MAX_QUERY_CHARS = 2000
# the first word of the Unicode names of the scripts the encoder's languages use
KNOWN_SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL",
                 "THAI", "FULLWIDTH", "HALFWIDTH", "IDEOGRAPHIC")
GUARD_LANGUAGES = ("en", "fr", "de")


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    from analysis.text.language import SUPPORTED

    codes = [getattr(IsoCode639_1, c.upper()) for c in (*SUPPORTED, *OTHER_LANGUAGES)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def _guard_words() -> frozenset:
    from analysis.text.stopwords import language_stopwords

    return frozenset().union(*(language_stopwords(lang) for lang in GUARD_LANGUAGES))


def unknown_script(text: str) -> str | None:
    """The script of most of ``text``'s letters when the encoder knows none of its
    languages (the first word of the letters' Unicode names), else ``None``."""
    scripts: dict = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            scripts[name] = scripts.get(name, 0) + 1
    if not scripts:
        return None
    top = max(sorted(scripts), key=scripts.get)
    return None if top in KNOWN_SCRIPTS else top.lower()


def unknown_language(text: str) -> str | None:
    """The query's language when it is, surely, one the encoder does not know."""
    from analysis.text.language import SUPPORTED

    words = [w.strip(".,;:!?\"'()«»").lower() for w in text.split()]
    if len(words) < MIN_WORDS or any(w in _guard_words() for w in words):
        return None
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    code = values[0].language.iso_code_639_1.name.lower()
    return None if code in SUPPORTED else code


def check_query(query) -> str:
    """The query, its spaces tidied; a :class:`UserInputError` for an empty one, a
    very long one, or one in a language the encoder does not know."""
    from analysis.text.language import SUPPORTED

    if not isinstance(query, str) or not query.strip():
        raise UserInputError("the query is empty: give a few words, e.g. "
                             "\"export controls on chips\".")
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_CHARS:
        raise UserInputError(f"the query is {len(query)} characters long: give at most "
                             f"{MAX_QUERY_CHARS} (a sentence or a paragraph).")
    if not any(ch.isalnum() for ch in query):
        raise UserInputError("the query has no letters or digits: give a few words.")
    script = unknown_script(query)
    if script is not None:
        raise UserInputError(f"the query is written in {script} script, which the encoder "
                             f"does not know: ask in one of {', '.join(SUPPORTED)}.")
    lang = unknown_language(query)
    if lang is not None:
        raise UserInputError(f"the query looks {lang!r}, a language the encoder does not "
                             f"know: ask in one of {', '.join(SUPPORTED)}.")
    return query
