"""One language profile per language (:class:`~analysis.text.lang.base.LanguageProfile`).

The pipeline asks :func:`profile` for a language's profile and calls it for
tokens, sentences, word counts, stop words, lemmas, phrase joins and label
widths; it never tests a language code. A language without a module here gets
the spaced-language defaults under its own code (stopwords-iso's list and
simplemma's lemmas when they know it).

Adding a language is one module with a profile class, registered in
:data:`PROFILES` (``de.py`` is the example: a code and its abbreviations), plus
its tests (``tests/test_language_profiles.py``).

Where the language is not known yet (a document before detection), the profile
follows the text's script (:func:`profile_for`): a text mostly in Chinese
characters is read with the Chinese profile.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.text.lang.base import LanguageProfile
from analysis.text.lang.de import GermanProfile
from analysis.text.lang.en import EnglishProfile
from analysis.text.lang.fr import FrenchProfile
from analysis.text.lang.zh import ChineseProfile, han_count, has_han

PROFILES: dict[str, type[LanguageProfile]] = {
    cls.code: cls for cls in (EnglishProfile, FrenchProfile, GermanProfile, ChineseProfile)}

__all__ = ["PROFILES", "LanguageProfile", "enough_text", "phrase_only", "profile",
           "profile_for", "register", "shown_term", "unspaced_char", "word_count", "words_of"]


def register(cls: type[LanguageProfile]) -> type[LanguageProfile]:
    """Add a profile class (usable as a decorator); it replaces the code's former one."""
    PROFILES[cls.code] = cls
    profile.cache_clear()
    return cls


@lru_cache(maxsize=256)
def profile(code: str | None) -> LanguageProfile:
    """The profile of language ``code`` (the spaced defaults for an unknown code)."""
    code = code or "und"
    cls = PROFILES.get(code)
    return cls() if cls is not None else LanguageProfile(code)


def with_segmenter(code: str, segmenter) -> LanguageProfile:
    """A profile of ``code`` whose tokeniser (for Chinese: the segmenter of runs of
    Chinese characters) is ``segmenter``."""
    cls = PROFILES.get(code)
    return cls(segmenter=segmenter) if cls is not None else LanguageProfile(code, segmenter)


def script_profile(text: str) -> LanguageProfile | None:
    """The profile that the script of ``text`` calls for, when its words are not
    separated by spaces (a text mostly in Chinese characters), else ``None``."""
    if text.isascii():
        return None
    return _script_profile(text[:400])


@lru_cache(maxsize=4096)
def _script_profile(head: str) -> LanguageProfile | None:
    if not has_han(head):
        return None
    han = han_count(head)
    letters = sum(map(str.isalpha, head))
    return profile("zh") if han * 4 >= letters else None


def script_tokens(text: str):
    """The tokens of ``text`` as the profile of a script written without spaces
    cuts them, when the text holds such characters (Chinese), else ``None``."""
    if not has_han(text):
        return None
    return profile("zh").tokens(text)


def word_profile(word: str, default: LanguageProfile) -> LanguageProfile:
    """The profile that a word's script calls for (a Chinese word in a text of
    another language joins a phrase, and counts towards its length, as Chinese
    does), else ``default``."""
    if default.spaced and not word.isascii() and has_han(word):
        return profile("zh")
    return default


def profile_for(code: str | None, text: str = "") -> LanguageProfile:
    """The profile of ``code`` when one is registered; otherwise the one the text's
    script calls for, else the spaced defaults under ``code``."""
    if code in PROFILES:
        return profile(code)
    return script_profile(text) or profile(code)


def word_count(text: str, lang: str | None = None) -> int:
    """Words in ``text``, counted as its language's profile counts them."""
    return profile_for(lang, text).word_count(text)


def enough_text(text: str, min_words: int = 3, lang: str | None = None) -> bool:
    """Whether a cleaned document holds enough text to be analysed: ``min_words``
    words, or (in a language written without spaces) 20 characters of text. Before
    its language is known, a text holding Chinese characters is counted as Chinese
    counts it (words found by the segmenter, or characters)."""
    if lang is None and not text.isascii() and has_han(text):
        return profile("zh").enough_text(text, min_words)
    return profile_for(lang, text).enough_text(text, min_words)


def words_of(text: str) -> list[str]:
    """The words of ``text`` (letters only) for counting function words, cut as
    its script is (Chinese by the segmenter, others at non-letters)."""
    return (script_profile(text) or profile(None)).words(text)


def shown_term(term: str) -> str:
    """A term (lemmas joined by spaces) as shown when no other written form of it
    was recorded: its words joined as their script joins them ("人工智能 治理" ->
    "人工智能治理"; "harvey weinstein" stays)."""
    if term.isascii() or " " not in term or not has_han(term):
        return term
    return profile("zh").join(term.split(" "))


def unspaced_char(char: str) -> bool:
    """Whether ``char`` is of a script written without spaces between words (a
    word of it may touch other letters: "治理" in "人工智能治理")."""
    return has_han(char)


@lru_cache(maxsize=1)
def phrase_only() -> frozenset[str]:
    """The words of every profile that are kept in phrases but never shown alone
    or at the end of one ("new", "world", "nouveau")."""
    return frozenset().union(*(cls.phrase_only for cls in PROFILES.values()))
