"""English: the spaced-language defaults, with the words stopwords-iso lists that
carry meaning in policy news kept as content words."""

from __future__ import annotations

from analysis.text.lang.base import LanguageProfile

# "ai" is the acronym AI; the others carry meaning in a phrase ("new quality
# productive forces", "World Cup"), not alone
_KEEP = frozenset({"ai", "new", "world", "information", "research", "state", "system", "work",
                   "power", "group", "right", "great"})


class EnglishProfile(LanguageProfile):
    code = "en"
    keep_words = _KEEP
    phrase_only = _KEEP - {"ai"}
