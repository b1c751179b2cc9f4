"""French: the spaced-language defaults (elisions and inverted pronouns are read
by every spaced language), with a few content words kept."""

from __future__ import annotations

from analysis.text.lang.base import LanguageProfile

# "ai" (j'ai) is the English acronym AI in mixed text; French "ai" lemmatises to
# "avoir", which stays a stop word
_KEEP = frozenset({"ai", "force", "nouveau", "état", "premier"})


class FrenchProfile(LanguageProfile):
    code = "fr"
    keep_words = _KEEP
    phrase_only = _KEEP - {"ai"}
