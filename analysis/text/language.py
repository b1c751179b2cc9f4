"""Offline language detection with lingua, memoised by content.

Only a prefix of each text is read, which is enough for news paragraphs and keeps
detection cheap on long articles. A text whose best guess is not confident is
labelled ``"und"`` (undetermined), which the rest of the pipeline treats as an
unsupported language.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from analysis.text.clean import valid_text
from analysis.text.lang import words_of

# The 16 languages of the multilingual Universal Sentence Encoder v3, as 15 codes: lingua
# gives one code, zh, for its Chinese (simplified and traditional). Every detector
# made without a list of languages has them all (Chinese included); function words
# are the words of a text as its script cuts them (:func:`analysis.text.lang.words_of`:
# Chinese by the segmenter).
SUPPORTED = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th",
             "tr", "zh")
UNDETERMINED = "und"


class LanguageDetector:
    """Detect ISO 639-1 codes for texts.

    Parameters
    ----------
    languages : tuple of str
        Candidate languages. Fewer candidates are faster and more accurate.
    prefix_chars : int
        How much of each text is read.
    min_confidence : float
        Below this confidence for the best language, the text is ``"und"``.
    """

    def __init__(self, languages=SUPPORTED, prefix_chars: int = 240,
                 min_confidence: float = 0.5):
        self.languages = tuple(languages)
        self.prefix_chars = prefix_chars
        self.min_confidence = min_confidence
        self._detector = None
        # key -> the three most likely (language, confidence) pairs
        self._memo: dict[bytes, tuple[tuple[str, float], ...]] = {}

    def _build(self):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        codes = [getattr(IsoCode639_1, code.upper()) for code in self.languages]
        self._detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
        return self._detector

    def _key(self, text: str, prefix: int) -> bytes:
        head = text[:prefix].encode("utf-8", "surrogatepass")
        return hashlib.blake2b(head, digest_size=12).digest()

    def scores(self, texts: list[str], prefix_chars: int | None = None
               ) -> list[tuple[tuple[str, float], ...]]:
        """The three most likely ``(language, confidence)`` pairs of each text, best
        first (confidences sum to at most 1), from its first ``prefix_chars``
        characters (default: the detector's ``prefix_chars``)."""
        if len(self.languages) == 1:
            return [((self.languages[0], 1.0),)] * len(texts)
        prefix = prefix_chars or self.prefix_chars
        keys = [self._key(t, prefix) for t in texts]
        # lone surrogates (text that was never valid Unicode) cannot reach lingua
        todo = {k: valid_text(t[:prefix]) for k, t in zip(keys, texts) if k not in self._memo}
        if todo:
            detector = self._detector or self._build()
            batch = list(todo.values())
            values = detector.compute_language_confidence_values_in_parallel(batch)
            for key, confidences in zip(todo, values):
                self._memo[key] = tuple(
                    (c.language.iso_code_639_1.name.lower(), round(float(c.value), 6))
                    for c in confidences[:3])
        return [self._memo[k] for k in keys]

    def best(self, scored: tuple[tuple[str, float], ...]) -> str:
        """The language of one :meth:`scores` entry, or ``"und"`` below
        ``min_confidence``."""
        if not scored or scored[0][1] < self.min_confidence:
            return UNDETERMINED
        return scored[0][0]

    def detect(self, texts: list[str], prefix_chars: int | None = None) -> list[str]:
        """Language codes for ``texts``, in order."""
        return [self.best(s) for s in self.scores(texts, prefix_chars)]

    def detect_one(self, text: str) -> str:
        return self.detect([text])[0]


# A document is read this far for its language: a quote or a name in the first
# lines must not decide a whole article.
DOCUMENT_PREFIX_CHARS = 1000
# A corpus's main languages are those of at least this share of its documents.
MAIN_LANGUAGE_SHARE = 0.05
# A text is given a language that is not one of the corpus's main ones only with
# at least this confidence; otherwise its likeliest main language.
OUTSIDE_MIN_CONFIDENCE = 0.9
# Prose has a third to a half of function words (a fifth to a third that no
# other candidate's list holds); a language's list must cover at
# least this share of a text's words to tell its language (stopwords-iso's English
# list holds a few foreign words, such as Swahili "za").
MIN_FUNCTION_WORDS = 0.15


def main_languages(codes) -> frozenset[str]:
    """The languages of at least ``MAIN_LANGUAGE_SHARE`` of ``codes`` (one per
    document), undetermined aside."""
    from collections import Counter

    counts = Counter(c for c in codes if c != UNDETERMINED)
    total = sum(counts.values())
    return frozenset(c for c, n in counts.items() if n >= MAIN_LANGUAGE_SHARE * total)


def function_word_share(text: str, lang: str, rivals=()) -> float:
    """The share of the words of ``text`` that are stop words of ``lang``
    (stopwords-iso) and of none of the ``rivals`` languages: function words are
    the surest sign of a language, names have none, and a word both lists hold
    ("a", "de" are in English stopwords-iso too) tells nothing."""
    return _share(words_of(text.lower()), lang, rivals)


def _share(words: list[str], lang: str, rivals) -> float:
    if not words:
        return 0.0
    stops = _exclusive_stopwords(lang, tuple(sorted(set(rivals) - {lang})))
    return sum(map(stops.__contains__, words)) / len(words)


@lru_cache(maxsize=256)
def _exclusive_stopwords(lang: str, rivals: tuple[str, ...]) -> frozenset[str]:
    from analysis.text.stopwords import language_stopwords

    words = set(language_stopwords(lang))
    for other in rivals:
        words -= language_stopwords(other)
    return frozenset(words)


# Languages whose function words confirm a detection made among few candidates.
PROBE_LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pt")


def function_language(text: str, candidates) -> str:
    """The language of ``candidates`` with the largest share of function words in
    ``text`` (of equals, the first in alphabetical order), or ``"und"`` when the
    text holds none of any candidate (a headline without function words)."""
    from collections import Counter

    counts = Counter(words_of(text.lower()))
    if not counts:
        return UNDETERMINED
    order = _alphabetical(tuple(candidates))
    index = _function_word_index(order)
    totals = [0] * len(order)
    for word, n in counts.items():
        for k in index.get(word, ()):
            totals[k] += n
    best = max(totals)
    if not best:
        return UNDETERMINED  # no function word of any candidate: no evidence
    return order[totals.index(best)]  # of equals, the first in alphabetical order


@lru_cache(maxsize=64)
def _alphabetical(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(codes)))


@lru_cache(maxsize=64)
def _function_word_index(languages: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Each stop word of ``languages`` -> the positions of the languages listing it."""
    from analysis.text.stopwords import language_stopwords

    index: dict[str, list[int]] = {}
    for k, lang in enumerate(languages):
        for word in language_stopwords(lang):
            index.setdefault(word, []).append(k)
    return {word: tuple(ks) for word, ks in index.items()}


def most_function_words(text: str, lang: str, main) -> bool:
    """Whether no other language of ``main`` has a larger share of (its own)
    function words in ``text`` than ``lang``."""
    if not set(main) - {lang}:
        return True
    words = words_of(text.lower())
    share = _share(words, lang, main)
    return all(_share(words, other, set(main) | {lang}) <= share
               for other in main if other != lang)


def within(scored, main: frozenset[str], text: str, min_confidence: float = 0.5) -> str:
    """The language of one :meth:`LanguageDetector.scores` entry for ``text``, in a
    corpus whose main languages are ``main``.

    Its best language when that is a main one (with at least ``min_confidence``).
    Otherwise the text's function words decide: a main language with a larger
    share of them than the detected one wins (a French paragraph full of Italian
    names has far more French "les", "et", "du" than Italian ones); the detected
    language with the larger share keeps it (with at least ``min_confidence``);
    either share must reach ``MIN_FUNCTION_WORDS``. With too few function words of
    either (a list of names, a language without a list here), it needs
    ``OUTSIDE_MIN_CONFIDENCE``, else the text is undetermined.
    """
    if not scored:
        return UNDETERMINED
    lang, value = scored[0]
    if lang in main or not main:
        return lang if value >= min_confidence else UNDETERMINED
    share = function_word_share(text, lang, main)
    rival_share, rival = max((function_word_share(text, m, main | {lang}), m)
                             for m in sorted(main))
    if rival_share > share and rival_share >= MIN_FUNCTION_WORDS:
        return rival
    if share > rival_share and share >= MIN_FUNCTION_WORDS:
        return lang if value >= min_confidence else UNDETERMINED
    return lang if value >= OUTSIDE_MIN_CONFIDENCE else UNDETERMINED
