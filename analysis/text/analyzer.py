"""Language-aware analysis of text into lemmatised terms and multi-word phrases.

:class:`TextAnalyzer` turns a string into a list of terms:

1. tokens are words (with inner hyphens), French elisions (``l'``, ``d'``...) and
   English possessives are split off;
2. each token is lower-cased and lemmatised with simplemma in the text's language
   (acronyms such as "AI" and capitalised names inside a sentence are kept as they
   are);
3. stop words (stopwords-iso, the domain list, the user's words), numbers and
   one-letter tokens break the text into runs of content words;
   a text of a language simplemma does not know keeps its lower-cased words;
4. the terms are every n-gram (``1..max_n``) inside a run, so phrases such as
   "économie numérique" or "new quality productive force" survive, while no phrase
   spans a stop word or punctuation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.stopwords import domain_stopwords, language_stopwords

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+[^\W_]*|[.,;:!?()\"\[\]]")
_SENTENCE_END = frozenset(".!?")
_ELISION = re.compile(
    r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(?=\w)", re.I)
_FRENCH_INVERSION = re.compile(r"-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous|ce)$")


class TextAnalyzer:
    """Callable that maps a text to its terms (see module docstring).

    Parameters
    ----------
    languages : tuple of str
        Candidate languages; the first is the default for text of unknown language.
    max_n : int
        Longest phrase, in words.
    extra_stopwords : iterable of str
        The user's own stop words, added to every language.
    lemmatize : bool
        Lemmatise tokens (``True``) or keep the lower-cased surface form.
    detector : LanguageDetector or None
        Used when a text's language is not given; ``None`` makes a default one.
    """

    def __init__(self, languages=("en", "fr"), max_n: int = 3, extra_stopwords=(),
                 lemmatize: bool = True, detector=None):
        self.languages = tuple(languages)
        self.max_n = max_n
        self.extra_stopwords = frozenset(w.lower() for w in extra_stopwords)
        self.lemmatize = lemmatize
        self.detector = detector
        self._stops: dict[str, frozenset[str]] = {}
        # token -> lemma memos, shared by the analysers of one configuration
        self._lemma, self._tables = _shared_memo(
            (self.languages, self.extra_stopwords, self.lemmatize))
        # (lemma phrase, surface phrase) -> count, recorded while a vectoriser fits
        self.surface_counts: dict[tuple[str, str], int] | None = None

    def __getstate__(self):
        # the memos are the process's, not the analyser's: not pickled (Dask workers
        # build their own)
        state = self.__dict__.copy()
        state.pop("_lemma", None)
        state.pop("_tables", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lemma, self._tables = _shared_memo(
            (self.languages, self.extra_stopwords, self.lemmatize))

    # -- pieces ---------------------------------------------------------------
    def stopwords(self, lang: str, mixed: bool = False) -> frozenset[str]:
        """Stop words used for text in ``lang``: that language's list, the domain
        list and the user's words. Text whose language was not given (BERTopic
        joins the units of a topic, whatever their language) is ``mixed``: every
        candidate language's list applies."""
        key = (lang, mixed)
        if key not in self._stops:
            words = set(domain_stopwords()) | self.extra_stopwords | language_stopwords(lang)
            for code in self.languages if mixed else ():
                words |= language_stopwords(code)
            self._stops[key] = frozenset(words)
        return self._stops[key]

    def _language(self, text: str) -> str:
        from analysis.text.language import SUPPORTED, LanguageDetector

        known = [code for code in self.languages if code in SUPPORTED]
        if len(known) < 2:
            return known[0] if known else self.languages[0]
        if self.detector is None:
            self.detector = LanguageDetector(tuple(known))
        lang = self.detector.detect_one(text)
        return lang if lang in self.languages else self.languages[0]

    def lemma(self, token: str, lang: str, acronym: bool = False,
              mixed: bool = False) -> str | None:
        """Lemma of a lower-cased token, or ``None`` for a stop word.

        An acronym (written in capitals, such as "AI" or "PME") is not lemmatised:
        simplemma would turn "ai" into "be".
        """
        key = (token, lang, acronym, mixed)
        result = self._lemma.get(key, _MISSING)
        if result is not _MISSING:
            return result
        stops = self.stopwords(lang, mixed)
        word = token
        if "'" in word:
            word = _ELISION.sub("", word)
            if word.endswith("'s"):
                word = word[:-2]
        if (len(word) < 2 or word in stops or word.isdigit()
                or ("-" in word and _FRENCH_INVERSION.search(word))
                or word.startswith("'") or word.endswith("'")):
            result = None
        elif self.lemmatize and not acronym:
            # One language only: with a tuple, simplemma falls through to the next
            # language for a word that is already a lemma ("pays" -> English "pay").
            lem = _simplemma(word, lang) if lang in simplemma_languages() else word
            result = None if lem in stops else lem
        else:
            result = word
        self._lemma[key] = result
        return result

    def _token_table(self, lang: str, mixed: bool) -> dict:
        """Raw token -> ``(lemma, surface)`` or ``None``, memoised per language."""
        key = (lang, mixed)
        table = self._tables.get(key)
        if table is None or len(table) > MEMO_LIMIT:
            table = self._tables[key] = {}
            if len(self._lemma) > MEMO_LIMIT:
                self._lemma.clear()
        return table

    def _resolve(self, token: str, lang: str, mixed: bool, proper: bool = False):
        if not token[0].isalnum():
            return None
        # acronyms and capitalised words inside a sentence (names: "Wales", not
        # "wale") are kept as written, lower-cased
        keep = proper or (len(token) < 6 and token.isupper())
        low = token.lower().replace("’", "'")
        lem = self.lemma(low, lang, keep, mixed)
        if lem is None:
            return None
        surface = _ELISION.sub("", low).removesuffix("'s") if "'" in low else low
        return (lem, surface)

    def runs(self, text: str, lang: str | None = None) -> list[list[tuple[str, str]]]:
        """Runs of consecutive content words, as ``(lemma, surface)`` pairs."""
        mixed = lang is None
        lang = lang or self._language(text)
        table = self._token_table(lang, mixed)
        get = table.get
        ends = _SENTENCE_END
        missing = _MISSING
        runs: list[list[tuple[str, str]]] = []
        current: list[tuple[str, str]] = []
        start = True
        # Hot loop (about a million tokens on BBC): the three cases are spelled out so
        # each token costs one dictionary lookup. A capitalised word inside a sentence
        # is keyed apart ("\x00" suffix), as it is resolved as a name.
        for token in _TOKEN.findall(text):
            if start:
                start = False
                pair = get(token, missing)
                if pair is missing:
                    pair = table[token] = self._resolve(token, lang, mixed, False)
            elif token[0].isupper():
                key = token + "\x00"
                pair = get(key, missing)
                if pair is missing:
                    pair = table[key] = self._resolve(token, lang, mixed, True)
            else:
                pair = get(token, missing)
                if pair is missing:
                    pair = table[token] = self._resolve(token, lang, mixed, False)
            if pair is None:
                if token in ends:
                    start = True
                if current:
                    runs.append(current)
                    current = []
            else:
                current.append(pair)
        if current:
            runs.append(current)
        return runs

    def __call__(self, text: str, lang: str | None = None) -> list[str]:
        terms: list[str] = []
        track = self.surface_counts
        max_n = self.max_n
        for run in self.runs(text, lang):
            if len(run) == 1:
                terms.append(run[0][0])
                continue
            lemmas = [lem for lem, _ in run]
            terms += lemmas
            if max_n < 2:
                continue
            differs = None
            if track is not None:
                # only phrases whose surface differs from their lemmas need a record
                differs = [lem != surface for lem, surface in run]
                if True not in differs:
                    differs = None
            for n in range(2, min(max_n, len(run)) + 1):
                grams = _ngrams(lemmas, n)
                terms += grams
                if differs is None:
                    continue
                surfaces = _ngrams([surface for _, surface in run], n)
                if n == 2:
                    flags = [a or b for a, b in zip(differs, differs[1:])]
                else:
                    flags = [True in differs[i:i + n] for i in range(len(grams))]
                for gram, surface, flag in zip(grams, surfaces, flags):
                    if flag:
                        pair = (gram, surface)
                        track[pair] = track.get(pair, 0) + 1
        return terms


def _ngrams(words: list[str], n: int) -> list[str]:
    """The ``n``-word phrases of ``words``, in order."""
    if n == 2:
        return [f"{a} {b}" for a, b in zip(words, words[1:])]
    if n == 3:
        return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])]
    return [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]


_MISSING = object()

# Memos of token -> lemma for each analyser configuration, for the process: every
# vectoriser fitted with the same settings (the keyword step, BERTopic's c-TF-IDF,
# a notebook re-run) resolves each distinct token once. Each table is emptied when
# it holds more than MEMO_LIMIT tokens.
# a sweep over many stop-word lists keeps the memos of the last MEMO_CONFIGS only.
MEMO_LIMIT = 2_000_000
MEMO_CONFIGS = 4
_MEMOS: dict[tuple, tuple[dict, dict]] = {}


def _shared_memo(config: tuple) -> tuple[dict, dict]:
    memo = _MEMOS.pop(config, None)
    if memo is None:
        memo = ({}, {})
        while len(_MEMOS) >= MEMO_CONFIGS:
            del _MEMOS[next(iter(_MEMOS))]  # the least recently used
    _MEMOS[config] = memo
    return memo


@lru_cache(maxsize=1_000_000)
def _simplemma(word: str, lang: str) -> str:
    """simplemma's lemma, memoised for the process (a pure function of its input)."""
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


@lru_cache(maxsize=1)
def simplemma_languages() -> frozenset[str]:
    """Languages simplemma can lemmatise."""
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)
