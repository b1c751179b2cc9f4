"""Stop words per language: stopwords-iso, minus content words it over-includes,
plus the package's domain list and the user's own words."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.config import DOMAIN_STOPWORDS_FILE
from analysis.text.lang import PROFILES, phrase_only, profile

# The words stopwords-iso lists that carry meaning in policy news ("ai", "new",
# "state", "force") are kept as content words: each language profile names them
# (analysis/text/lang/).
KEEP = {code: cls.keep_words for code, cls in PROFILES.items() if cls.keep_words}


# Those words carry meaning in a phrase ("new quality productive forces", "World
# Cup", "état d'urgence"), not alone: no keyword list shows one of them alone or at
# the end of a phrase ("reveals new"). "ai" is the acronym AI.
PHRASE_ONLY = phrase_only()


def words_of(text: str) -> frozenset[str]:
    """Words of a word list, one per line, ``#`` for comments."""
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


def read_word_file(path: str | Path) -> frozenset[str]:
    """Words from a UTF-8 text file, one per line, ``#`` for comments (the user's
    file, in any encoding, is read by :meth:`RunConfig.extra_stopwords`)."""
    return words_of(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def language_stopwords(lang: str) -> frozenset[str]:
    """The stop words of ``lang``'s profile: stopwords-iso's list without the
    profile's kept words, with its added ones."""
    return profile(lang).stop_words()


@lru_cache(maxsize=1)
def domain_stopwords() -> frozenset[str]:
    return read_word_file(DOMAIN_STOPWORDS_FILE)
