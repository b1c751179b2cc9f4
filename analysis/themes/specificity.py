"""How specific a theme term is, from its frequency in general language.

A word as common as "model", "data" or "industry" is said in every kind of news; a
word or phrase as rare as "semiconductor" or "artificial intelligence" points at a
subject. The frequencies are wordfreq's (its lists ship inside the package, for
English, French, Chinese and many more), on the Zipf scale: log10 of occurrences per
billion words (``model`` 5.1, ``factory`` 4.6, ``algorithm`` 4.0, ``semiconductor``
3.5). A multi-word term gets the frequency wordfreq estimates for the phrase.
"""

from __future__ import annotations

from functools import cache

import numpy as np

# At or above this Zipf frequency a term is generic (specificity 0); at or below
# SPECIFIC_ZIPF it is fully specific (1); linear between. Set from wordfreq's scale,
# not from any labels: 5.0 is about 1 in 10,000 words (the commonest nouns of news),
# 3.5 about 1 in 300,000.
GENERIC_ZIPF = 5.0
SPECIFIC_ZIPF = 3.5
# A term with at least this specificity is specific evidence on its own; below it, a
# generic term that counts only beside specific evidence.
MIN_SPECIFIC = 0.5
# A phrase missing from the list is taken as this many Zipf points (a factor of 10
# each) rarer per extra word than its words combined: wordfreq's lists hold single
# words, and a phrase is far rarer than the rarest of its words.
PHRASE_PENALTY = 1.0
# wordfreq has no list for these codes; "any" terms are looked up in English
FALLBACK_LANGUAGE = "en"


@cache
def _frequencies(lang: str) -> dict:
    import wordfreq

    return wordfreq.get_frequency_dict(lang)


def _zh_words(term: str) -> list[str]:
    import rjieba

    return [w for w in rjieba.cut(term) if w.strip()]


@cache
def term_zipf(term: str, lang: str) -> float:
    """The term's Zipf frequency in general ``lang`` text (0 where it is unknown).

    A term is looked up whole; a phrase that is not in the list gets the frequency
    of its words combined as wordfreq combines them (``1/f = sum(1/f_i)``), its words
    split at spaces, or by rjieba for Chinese (wordfreq's own Chinese tokeniser
    would load jieba, a second segmenter), less :data:`PHRASE_PENALTY` per extra
    word."""
    import wordfreq

    code = lang if lang in wordfreq.available_languages() else FALLBACK_LANGUAGE
    freq = _frequencies(code)
    term = term.strip().lower()
    if term in freq:
        return _zipf(freq[term])
    words = _zh_words(term) if code == "zh" else term.split()
    if len(words) < 2 or any(w not in freq for w in words):
        return 0.0
    combined = _zipf(1.0 / sum(1.0 / freq[w] for w in words))
    return round(max(0.0, combined - PHRASE_PENALTY * (len(words) - 1)), 2)


def _zipf(frequency: float) -> float:
    return round(float(np.log10(frequency) + 9.0), 2) if frequency > 0 else 0.0


def specificity_of_zipf(zipf: float) -> float:
    """0 for a generic term, 1 for a specific one, linear in between."""
    value = (GENERIC_ZIPF - zipf) / (GENERIC_ZIPF - SPECIFIC_ZIPF)
    return round(min(1.0, max(0.0, value)), 4)


def term_specificity(term: str, lang: str) -> float:
    """Specificity (0 to 1) of a theme term in ``lang``."""
    return specificity_of_zipf(term_zipf(term, lang))
