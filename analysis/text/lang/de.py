"""German: a spaced language with simplemma lemmas and stopwords-iso's list; the
defaults are all it needs (capitalised nouns are read as names inside a
sentence, so they keep their capital and are not lemmatised)."""

from __future__ import annotations

from analysis.text.lang.base import LanguageProfile

_ABBREVIATIONS = frozenset({"z.b", "bzw", "usw", "ca", "nr", "dr", "prof", "hr", "fr", "vgl",
                            "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept",
                            "okt", "nov", "dez", "d.h", "u.a"})


class GermanProfile(LanguageProfile):
    code = "de"
    abbreviations = _ABBREVIATIONS
