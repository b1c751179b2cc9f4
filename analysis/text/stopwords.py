"""Stop words per language: stopwords-iso, minus content words it over-includes,
plus the package's domain list and the user's own words."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.config import DOMAIN_STOPWORDS_FILE

# stopwords-iso lists some words that carry meaning in policy news ("ai", "new",
# "state", "force"): they are kept as content words.
KEEP = {
    "en": {"ai", "new", "world", "information", "research", "state", "system", "work", "power",
           "group", "right", "great"},
    # "ai" (j'ai) is the English acronym AI in mixed text; French "ai" lemmatises
    # to "avoir", which stays a stop word.
    "fr": {"ai", "force", "nouveau", "état", "premier"},
}


# Those words carry meaning in a phrase ("new quality productive forces", "World
# Cup", "état d'urgence"), not alone: no keyword list shows one of them alone or at
# the end of a phrase ("reveals new"). "ai" is the acronym AI.
PHRASE_ONLY = frozenset(set().union(*KEEP.values()) - {"ai"})


def read_word_file(path: str | Path) -> frozenset[str]:
    """Words from a text file, one per line, ``#`` for comments."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


@lru_cache(maxsize=64)
def language_stopwords(lang: str) -> frozenset[str]:
    """stopwords-iso's list for ``lang`` without the :data:`KEEP` words."""
    import stopwordsiso

    if not stopwordsiso.has_lang(lang):
        return frozenset()
    words = {w.lower().replace("’", "'") for w in stopwordsiso.stopwords(lang)}
    return frozenset(words - KEEP.get(lang, set()))


@lru_cache(maxsize=1)
def domain_stopwords() -> frozenset[str]:
    return read_word_file(DOMAIN_STOPWORDS_FILE)
