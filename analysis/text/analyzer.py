"""Language-aware analysis of text into lemmatised terms and multi-word phrases.

:class:`TextAnalyzer` turns a string into a list of terms:

1. tokens are words and codes; French elisions (``l'``, ``d'``...) and English
   possessives are split off a word for its lemma, and kept for the phrase as
   written ("pouvoir d'achat");
2. each token is lower-cased and lemmatised with simplemma in the text's language
   (acronyms such as "AI" and capitalised names inside a sentence are not
   lemmatised, and are shown as written);
3. stop words (stopwords-iso, the domain list, the user's words, and the function
   words of every other language the package has a profile for, or the corpus
   holds, that this language's dictionary does not know: "we", "of", "at" in a
   French text, whatever the corpus's languages; not in a name: "Jack Lang"),
   numbers, codes with digits ("13e", "AG2R") and one-letter tokens break the
   text into runs of content words; a text of a language simplemma does not know
   keeps its lower-cased words;
4. a line break before a line that does not start in lower case ends a sentence
   (a headline above its first paragraph), and a title-case line ("Sluggish
   Economy Hits German Jobs") is read as if each word started a sentence: its
   capitals make no names (:func:`title_case`);
5. the terms are every n-gram (``1..max_n``) inside a run, so phrases such as
   "économie numérique" or "new quality productive force" survive, while no phrase
   spans a stop word or punctuation.

While a vectoriser fits, the analyser records how each term is written in the
text, so every label shown is a form that occurs there ("reprise", not the lemma
"repriser"; "AI", not "ai").

Everything that depends on how a language is written comes from its profile
(:func:`analysis.text.lang.profile`): the tokeniser or segmenter (Chinese has no
spaces between words), the stop words, the lemmatiser, the elisions, numbers
written in words, how a phrase is joined for display ("人工智能治理") and the
longest phrase in characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.lang import profile as language_profile
from analysis.text.lang import with_segmenter, word_profile
from analysis.text.stopwords import domain_stopwords, language_stopwords

_DIGIT = re.compile(r"\d")
# a trailing number joined by a hyphen ("COVID-19", "Airbus-A320") is dropped, the word kept
_NUMBER_PART = re.compile(r"(?:-[^\W_]*\d[^\W_]*)+$")


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
    cross_elision : bool
        Whether a phrase may run across an elided word (``True``: "pouvoir d'achat"
        is one phrase; ``False``: "d'achat" starts a new run).
    segmenters : dict or None
        Per language, a tokeniser replacing its profile's (for Chinese, the
        segmenter of runs of Chinese characters): ``{"zh": jieba.lcut}``.
    """

    def __init__(self, languages=("en", "fr"), max_n: int = 3, extra_stopwords=(),
                 lemmatize: bool = True, detector=None, cross_elision: bool = True,
                 segmenters=None):
        self.languages = tuple(languages)
        self.max_n = max_n
        self.extra_stopwords = frozenset(w.lower() for w in extra_stopwords)
        self.lemmatize = lemmatize
        self.detector = detector
        self.cross_elision = cross_elision
        self.segmenters = dict(segmenters or {})
        self._stops: dict[str, frozenset[str]] = {}
        self._profiles: dict = {}
        # token -> lemma memos, shared by the analysers of one configuration
        self._lemma, self._ids = _shared_memo(self._memo_key())
        # (term, form as written) -> count, recorded while a vectoriser fits, for the
        # occurrences whose written form differs from the term
        self.surface_counts: dict[tuple[str, str], int] | None = None

    def _memo_key(self) -> tuple:
        segmenters = tuple(sorted((code, repr(self.profile(code)))
                                  for code in self.segmenters))
        return (self.languages, self.extra_stopwords, self.lemmatize, segmenters)

    def __getstate__(self):
        # the memos are the process's, not the analyser's: not pickled (Dask workers
        # build their own)
        state = self.__dict__.copy()
        state.pop("_lemma", None)
        state.pop("_ids", None)
        state.pop("_profiles", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.__dict__.setdefault("cross_elision", True)
        self.__dict__.setdefault("segmenters", {})
        self._profiles = {}
        self._lemma, self._ids = _shared_memo(self._memo_key())

    def profile(self, lang: str | None):
        """The language profile used for text in ``lang``."""
        found = self._profiles.get(lang)
        if found is None:
            segmenter = self.segmenters.get(lang)
            found = self._profiles[lang] = (
                language_profile(lang) if segmenter is None
                else with_segmenter(lang, _named_segmenter(segmenter)))
        return found

    # -- pieces ---------------------------------------------------------------
    def stopwords(self, lang: str, mixed: bool = False) -> frozenset[str]:
        """Stop words used for text in ``lang``: that language's list, the domain
        list, the user's words, and the stop words of every other language the
        package has a profile for (and of the other candidate languages) that
        ``lang``'s dictionary does not know: an English quote in a French
        article leaves no "we", "of" or "at" behind, whatever the corpus's
        languages; "part" and "page", French words too, stay. Text whose language
        was not given (BERTopic joins the units of a topic, whatever their
        language) is ``mixed``: every candidate language's list applies."""
        key = (lang, mixed)
        if key not in self._stops:
            words = set(domain_stopwords()) | self.extra_stopwords | language_stopwords(lang)
            for code in self.languages if mixed else ():
                words |= language_stopwords(code)
            self._stops[("names", *key)] = frozenset(words)
            words |= foreign_stopwords(lang, self._other_languages(lang))
            self._stops[key] = frozenset(words)
        return self._stops[key]

    def _name_stopwords(self, lang: str, mixed: bool) -> frozenset[str]:
        """The stop words that apply to a word capitalised inside a sentence (a
        name's word): all but the other languages' function words ("Jack Lang",
        "Die Welt" keep their "Lang" and "Die")."""
        self.stopwords(lang, mixed)
        return self._stops[("names", lang, mixed)]

    def _other_languages(self, lang: str) -> tuple[str, ...]:
        """The languages whose function words are no keyword in text of ``lang``:
        every profiled language and every candidate language but ``lang``."""
        from analysis.text.lang import PROFILES

        return tuple(sorted((set(PROFILES) | set(self.languages)) - {lang}))

    def _own_stopwords(self) -> frozenset[str]:
        """The domain list and the user's words: they apply to acronyms too."""
        if "own" not in self._stops:
            self._stops["own"] = frozenset(domain_stopwords() | self.extra_stopwords)
        return self._stops["own"]

    def _language(self, text: str) -> str:
        from analysis.text.language import SUPPORTED, LanguageDetector

        known = [code for code in self.languages if code in SUPPORTED]
        if len(known) < 2:
            return known[0] if known else self.languages[0]
        if self.detector is None:
            self.detector = LanguageDetector(tuple(known))
        lang = self.detector.detect_one(text)
        return lang if lang in self.languages else self.languages[0]

    def lemma(self, token: str, lang: str, caps: int = 0, mixed: bool = False) -> str | None:
        """Lemma of a lower-cased token, or ``None`` for a stop word.

        ``caps`` says how the token was written: 0 in lower case (or at the start
        of a sentence), 1 capitalised inside a sentence (a name: "Wales", not
        "wale"), 2 in capitals (an acronym: "AI", "PME", "US"). Names and acronyms
        are not lemmatised (simplemma would turn "ai" into "be"), and an acronym is
        not a stop word of the language's list ("US", "WHO", "IT"); the domain list
        and the user's words still apply.
        """
        key = (token, lang, caps, mixed)
        result = self._lemma.get(key, _MISSING)
        if result is not _MISSING:
            return result
        prof = self.profile(lang)
        script = word_profile(token, prof)
        if script is not prof:  # a Chinese word in a text of a spaced language
            prof, lang = script, script.code
        stops = self.stopwords(lang, mixed)
        word = token
        if "'" in word:
            if prof.elision is not None:
                word = prof.elision.sub("", word)
            if word.endswith("'s"):
                word = word[:-2]
        if (len(word) < prof.min_word_chars or word.isdigit() or prof.is_number(word)
                or prof.is_function_word(word)
                or (word in stops and (not caps or word in self._own_stopwords()
                                       or (caps == 1 and word in self._name_stopwords(
                                           lang, mixed))))
                or ("-" in word and prof.inversion is not None
                    and prof.inversion.search(word))
                or word.startswith("'") or word.endswith("'")):
            result = None
        elif self.lemmatize and not caps:
            # One language only: with a tuple, simplemma falls through to the next
            # language for a word that is already a lemma ("pays" -> English "pay").
            lem = prof.lemmatize(word)
            result = None if lem in stops else lem
        else:
            result = word
        self._lemma[key] = result
        return result

    def _resolve(self, token: str, lang: str, mixed: bool, proper: bool = False,
                 start: bool = False):
        """``(lemma, written, head, tail, bare, record, differs)`` of a token, or
        ``None``.

        ``written`` is the word as written in a phrase ("d'achat", "China's"),
        ``head`` as the first word of a phrase (no elision: "institut national"
        for "l'institut national"), ``tail`` as its last word (no possessive),
        ``bare`` on its own. Acronyms and names keep their capitals, other words
        are lower-cased. A capitalised word that starts a sentence is kept as
        written behind :data:`START_MARK`: its capital says nothing, so the
        display form is decided by the word's other occurrences
        (:func:`analysis.text.vectorize.display_names`).
        """
        if not token[0].isalnum():
            return None
        token = token.replace("’", "'")
        if _DIGIT.search(token):
            # numbers and codes ("13e", "AG2R", "0C") are not keywords;
            # "COVID-19" keeps its word
            token = _NUMBER_PART.sub("", token)
            if not token or _DIGIT.search(token):
                return None
        prefix = suffix = ""
        base = token
        elision = self.profile(lang).elision
        if "'" in base:
            match = elision.match(base) if elision is not None else None
            if match:
                prefix, base = base[:match.end()].lower(), base[match.end():]
                # After an elision, the word's own capital is a name's ("d'Europe",
                # "L'Europe") wherever it stands, and a capital elision ("L'économie")
                # says nothing of the word: a token resolves the same at the start of
                # a sentence and inside one, so the token memos do not depend on
                # which came first.
                proper, start = base[:1].isupper(), False
            if base[-2:].lower() == "'s":
                base, suffix = base[:-2], "'s"
            elif base.endswith("'"):
                base, suffix = base[:-1], "'"
        if not base:
            return None
        caps = 2 if 2 <= len(base) <= 6 and base.isupper() else 1 if proper else 0
        low = base.lower()
        lem = self.lemma(low, lang, caps, mixed)
        if lem is None:
            return None
        shown = base if caps else low
        if start and caps < 2 and base[:1].isupper():
            shown = START_MARK + base
        written = prefix + shown + suffix
        prof = word_profile(shown, self.profile(lang))
        # then: the (term, form) record of the word on its own; whether a phrase
        # holding the word may be written otherwise than its lemmas joined as their
        # script joins them (analysis.text.lang.shown_term); the join of a phrase
        # starting with the word; the word's length towards the profile's longest
        # phrase, and that limit; how its capital reads (CAP_*: no phrase cuts a
        # name, see name_cuts)
        return (lem, written, shown + suffix, prefix + shown, shown,
                (lem, shown) if lem != shown else None,
                lem != written or (prof.phrase_sep != " " and not prof.script_join),
                prof.joiner(), 0 if prof.max_phrase_chars is None else len(shown),
                NO_LIMIT if prof.max_phrase_chars is None else prof.max_phrase_chars,
                CAP_START if shown[:1] == START_MARK else CAP_NAME if caps else CAP_LOWER)

    def runs(self, text: str, lang: str | None = None) -> list[list[tuple]]:
        """Runs of consecutive content words, as the word tuples of
        :meth:`_resolve` (``word[0]`` is the lemma): :meth:`word_ids` split at its
        breaks."""
        self.reset_word_ids(MEMO_LIMIT)  # runs keeps tuples, not ids: safe here
        ids = self.word_ids(text, lang)
        word = self._ids[None].__getitem__
        runs: list[list[tuple]] = []
        current: list[tuple] = []
        for index in ids:
            if index >= 0:
                current.append(word(index))
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return runs

    def word_ids(self, text: str, lang: str | None = None) -> list[int]:
        """The text's tokens as indices into :meth:`word_registry` (a content
        word's :meth:`_resolve` tuple), with a negative number for a token no
        phrase may span: a stop word, a number, punctuation (and, with
        ``cross_elision=False``, the gap before an elided word).

        A line break before a line that does not start in lower case ends a
        sentence (a headline above its paragraph: :meth:`_line_ids` reads each
        line, and a title-case line as a whole).

        :meth:`runs` splits them into runs of words, and
        :func:`analysis.text.ngrams.count_ngrams` counts them with numpy: a
        word's index is the same in every text of the process that uses this
        analyser's settings (until :meth:`reset_word_ids`).
        """
        mixed = lang is None
        lang = lang or self._language(text)
        prof = self.profile(lang)
        table = self._ids.get((lang, mixed))
        if table is None:
            table = self._ids[(lang, mixed)] = {}
        ids: list[int] = []
        if "\n" not in text:
            self._line_ids(text, lang, mixed, prof, table, True, ids)
        else:
            # A line that starts otherwise than in lower case starts a sentence (a
            # headline above its paragraph, a list item); a line in lower case
            # goes on with the one before (a paragraph cut over lines).
            line_ids = self._line_ids
            for line in text.split("\n"):
                if not line or line.isspace():
                    continue
                start = not ids or ids[-1] == _SENTENCE_BREAK
                if not start and not line.lstrip()[:1].islower():
                    ids.append(_SENTENCE_BREAK)
                    start = True
                line_ids(line, lang, mixed, prof, table, start, ids)
        if not self.cross_elision:  # a break before each elided word ("d'achat")
            registry = self._ids[None]
            ids = [x for i in ids for x in (
                (_BREAK, i) if i >= 0 and registry[i][1] != registry[i][2] else (i,))]
        return ids

    def _line_ids(self, text: str, lang: str, mixed: bool, prof, table: dict,
                  start: bool, ids: list[int]) -> None:
        """:meth:`word_ids` of one line, which starts a sentence when ``start``,
        added to ``ids``.

        A line in capitals holds no acronyms (it is read in lower case), and in a
        title-case line (:func:`title_case`: "Sluggish Economy Hits German Jobs")
        every capital says what a sentence-start capital says, nothing: each word
        is read as a sentence's first word (lemmatised; its display form decided
        by its other occurrences), so the line's capitals make no names.
        """
        registry = self._ids[None]
        get = table.get
        append = ids.append
        sentence_break = _SENTENCE_BREAK
        sentence_end = prof.sentence_end
        if prof.cased:
            if text.isupper():
                text = text.lower()  # a headline in capitals holds no acronyms
            elif title_case(text):
                for token in prof.tokens(text):
                    key = token + "\x01"
                    index = get(key)
                    if index is None:
                        index = table[key] = self._register(token, lang, mixed, registry,
                                                            sentence_end, False, True)
                    if index <= _THEN_BREAK:
                        append(_THEN_BREAK - index)
                        index = _BREAK
                    append(index)
                return
        # Hot loop (about a million tokens on BBC). A token inside a sentence is
        # its own key (a capital there marks a name), and the first token of a
        # sentence is keyed apart ("\x01" suffix), so most tokens cost one lookup
        # and no test of their case.
        for token in prof.tokens(text):
            if start:
                start = False
                key = token + "\x01"
                index = get(key)
                if index is None:
                    index = table[key] = self._register(token, lang, mixed, registry,
                                                        sentence_end, False, True)
            else:
                index = get(token)
                if index is None:
                    index = table[token] = self._register(token, lang, mixed, registry,
                                                          sentence_end, token[0].isupper())
            if index < 0:
                if index == sentence_break:
                    start = True
                elif index <= _THEN_BREAK:  # a word, then a break
                    append(_THEN_BREAK - index)
                    index = _BREAK
            append(index)

    def _register(self, token: str, lang: str, mixed: bool, registry: list,
                  sentence_end=frozenset(".!?"), proper: bool = False,
                  start: bool = False) -> int:
        word = self._resolve(token, lang, mixed, proper, start)
        if word is None:
            return _SENTENCE_BREAK if token in sentence_end else _BREAK
        registry.append(word)
        if _DIGIT.search(token):
            # "COVID-19", "EB-5": the word without its number, which stands between
            # it and the next word: no phrase runs on ("COVID cases" is not in the
            # text)
            return _THEN_BREAK - (len(registry) - 1)
        return len(registry) - 1

    def word_registry(self) -> list[tuple]:
        """The word tuples that :meth:`word_ids` indexes."""
        return self._ids[None]

    def reset_word_ids(self, limit: int = 0) -> None:
        """Forget the word ids when more than ``limit`` words are registered (ids
        handed out before are then void: call it before counting, never during),
        and the token -> lemma memo past ``limit`` entries."""
        if len(self._ids[None]) > limit:
            self._ids.clear()
            self._ids[None] = []
        if len(self._lemma) > limit:
            self._lemma.clear()

    def __call__(self, text: str, lang: str | None = None) -> list[str]:
        terms: list[str] = []
        track = self.surface_counts
        max_n = self.max_n
        for run in self.runs(text, lang):
            size = len(run)
            if size == 1:
                word = run[0]
                terms.append(word[0])
                if track is not None and word[5] is not None:
                    track[word[5]] = track.get(word[5], 0) + 1
                continue
            if size == 2 and max_n >= 2 and not run[0][8]:
                # most runs (70 % of those with a phrase on BBC): spelled out
                first, second = run
                gram = f"{first[0]} {second[0]}"
                terms += (first[0], second[0], gram)
                if track is not None and (first[6] or second[6]):
                    for word in run:
                        if word[6] and word[5] is not None:
                            track[word[5]] = track.get(word[5], 0) + 1
                    surface = first[7]((first[2], second[3]))
                    if surface != gram:
                        pair = (gram, surface)
                        track[pair] = track.get(pair, 0) + 1
                continue
            lemmas = [word[0] for word in run]
            terms += lemmas
            longest = min(max_n, len(run))
            # phrases within the profile's length in characters (where it has one),
            # and that cut no name
            fits = _fitting(run, longest) if run[0][8] else None
            fits = _uncut(run, longest, fits)
            if track is None:
                for n in range(2, longest + 1):
                    grams = _ngrams(lemmas, n)
                    terms += grams if fits is None else _kept(grams, fits[n])
                continue
            differs = False
            for word in run:
                if word[6]:
                    differs = True
                    if word[5] is not None:
                        track[word[5]] = track.get(word[5], 0) + 1
            if differs:
                # a phrase as written: no elision before its first word, no
                # possessive after its last
                heads = [w[2] for w in run]
                tails = [w[3] for w in run]
                written = [w[1] for w in run]
                join = run[0][7]
            for n in range(2, longest + 1):
                grams = _ngrams(lemmas, n)
                if not differs:
                    terms += grams if fits is None else _kept(grams, fits[n])
                    continue
                surfaces = [join([heads[i], *written[i + 1:i + n - 1], tails[i + n - 1]])
                            for i in range(len(run) - n + 1)]
                if fits is not None:
                    grams, surfaces = _kept(grams, fits[n]), _kept(surfaces, fits[n])
                terms += grams
                for gram, surface in zip(grams, surfaces):
                    if gram != surface:
                        pair = (gram, surface)
                        track[pair] = track.get(pair, 0) + 1
        return terms


def _fitting(run: list[tuple], longest: int) -> dict[int, list[bool]]:
    """For each phrase length ``n`` (2..``longest``), whether each ``n``-word
    phrase of ``run`` holds at most the profile's longest phrase in characters
    (:attr:`~analysis.text.lang.base.LanguageProfile.max_phrase_chars`)."""
    sizes = [word[8] for word in run]
    limit = run[0][9]
    return {n: [sum(sizes[i:i + n]) <= limit for i in range(len(run) - n + 1)]
            for n in range(2, longest + 1)}


def name_cuts(caps: list[int]) -> tuple[list[bool], list[bool]]:
    """For a run of words given by how their capital reads (``CAP_*``), whether
    a phrase starting at each word would start inside a name (a name's word after
    a capitalised word: "Warner" in "Time Warner"), and whether one ending at
    each word would end inside a name (a capitalised word before a name's word:
    "Time"). A phrase that starts or ends inside a name and holds a word not
    known to be a name's (in lower case, or capitalised only as a sentence's
    first word) is not a term: "boost Time" (from "boost Time Warner"), "Labour
    leader Keir", "Times reported", "Présidentielle Côte" (before "d'Ivoire"); a
    phrase of names' words ("Prime Minister" inside a sentence, before "Tony
    Blair") and a whole name with its neighbours ("leader Keir Starmer") are."""
    size = len(caps)
    starts = [i > 0 and caps[i] == CAP_NAME and caps[i - 1] != CAP_LOWER
              for i in range(size)]
    ends = [i + 1 < size and caps[i] != CAP_LOWER and caps[i + 1] == CAP_NAME
            for i in range(size)]
    return starts, ends


def _uncut(run: list[tuple], longest: int, fits: dict | None) -> dict | None:
    """``fits`` (:func:`_fitting`, or ``None`` for every phrase) with the phrases
    that cut a name (:func:`name_cuts`) left out too."""
    caps = [word[10] for word in run]
    if CAP_NAME not in caps or caps.count(CAP_NAME) == len(caps):
        return fits
    starts, ends = name_cuts(caps)
    if not any(starts) and not any(ends):
        return fits
    keep = {}
    for n in range(2, longest + 1):
        ok = fits[n] if fits is not None else [True] * (len(run) - n + 1)
        keep[n] = [ok[i] and not ((starts[i] or ends[i + n - 1])
                                  and caps[i:i + n].count(CAP_NAME) < n)
                   for i in range(len(run) - n + 1)]
    return keep


def _kept(items: list, keep: list[bool]) -> list:
    return [item for item, ok in zip(items, keep) if ok]


def _ngrams(words: list[str], n: int) -> list[str]:
    """The ``n``-word phrases of ``words``, in order."""
    if n == 2:
        return [f"{a} {b}" for a, b in zip(words, words[1:])]
    if n == 3:
        return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])]
    return [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]


# A title-case line is at most this long (a headline; a paragraph is not read) ...
TITLE_MAX_CHARS = 200
# ... and at least this share of its cased words of TITLE_MIN_LETTERS letters or
# more (function words stay in lower case in title case: "of", "the", "in"),
# after the first, start with a capital; it needs TITLE_MIN_WORDS such words.
TITLE_SHARE = 0.75
TITLE_MIN_LETTERS = 4
TITLE_MIN_WORDS = 2
# quotes and brackets that may open a word
_OPENERS = "\"'(«“‘["


def title_case(line: str) -> bool:
    """Whether a line is written in title case ("Sluggish Economy Hits German
    Jobs", "Rich Grab Bigger Share"), decided from the line as a whole, in any
    cased script: short, not ending with a full stop, starting with a capital,
    and most of its longer words after the first capitalised. A sentence-case
    headline ("Ad sales boost Time Warner profit", "Theresa May survit à la
    motion") is not."""
    if len(line) > TITLE_MAX_CHARS or line.rstrip().endswith("."):
        return False
    if not line.lstrip().lstrip(_OPENERS)[:1].isupper():
        return False  # a line that goes on from the one before, in lower case
    cased = upper = 0
    for word in line.split()[1:]:
        word = word.lstrip(_OPENERS)
        if len(word) < TITLE_MIN_LETTERS:
            continue
        first = word[0]
        if first.isupper():
            upper += 1
            cased += 1
        elif first.islower():
            cased += 1
    return cased >= TITLE_MIN_WORDS and upper >= TITLE_SHARE * cased


_MISSING = object()
# a phrase's length in characters when its profile sets no limit
NO_LIMIT = 1 << 30
# word_ids() for a token that breaks a run, and for one that also ends a sentence
_BREAK = -1
_SENTENCE_BREAK = -2
# _register() for a word that no phrase may run on from (a number was cut off
# it): _THEN_BREAK - its index; word_ids() gives the word, then a break
_THEN_BREAK = -3
# Marks a written form whose capital comes from the start of a sentence.
START_MARK = "\x01"
# How a word's capital reads: in lower case (or a script without case), a capital
# at a sentence's start (or in a title-case line: it says nothing), a name's or an
# acronym's inside a sentence.
CAP_LOWER, CAP_START, CAP_NAME = 0, 1, 2

# Memos for each analyser configuration, for the process (token -> lemma, and per
# language token -> word id with the registry of words): every vectoriser fitted
# with the same settings (the keyword step, BERTopic's c-TF-IDF, a notebook re-run)
# resolves each distinct token once. reset_word_ids() empties them past MEMO_LIMIT
# entries, between texts.
# a sweep over many stop-word lists keeps the memos of the last MEMO_CONFIGS only.
MEMO_LIMIT = 2_000_000
MEMO_CONFIGS = 4
_MEMOS: dict[tuple, tuple[dict, dict]] = {}


def _shared_memo(config: tuple) -> tuple[dict, dict]:
    memo = _MEMOS.pop(config, None)
    if memo is None:
        memo = ({}, {None: []})
        while len(_MEMOS) >= MEMO_CONFIGS:
            del _MEMOS[next(iter(_MEMOS))]  # the least recently used
    _MEMOS[config] = memo
    return memo


@lru_cache(maxsize=1_000_000)
def _simplemma(word: str, lang: str) -> str:
    """simplemma's lemma, memoised for the process (a pure function of its input)."""
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


@lru_cache(maxsize=64)
def foreign_stopwords(lang: str, others: tuple[str, ...]) -> frozenset[str]:
    """The stop words of ``others`` (the other languages: every profiled one and
    the corpus's) that ``lang``'s dictionary does not know as words: for a French
    text, "we", "of", "the" and "at", but not "part" or "page". A language with
    no dictionary here takes them all."""
    words = set()
    spaced = language_profile(lang).spaced
    for code in others:
        # a word of a script written without spaces is read by its own profile in
        # a text of a spaced language (analysis.text.lang.word_profile): the
        # Chinese list has nothing to add to English
        if spaced and not language_profile(code).spaced:
            continue
        words |= language_stopwords(code)
    words -= language_stopwords(lang)
    knows = language_profile(lang).knows
    return frozenset(w for w in words if not knows(w))


def _named_segmenter(segmenter):
    """A segmenter given by name ("rjieba", "jieba") or as a function."""
    if callable(segmenter):
        return segmenter
    from analysis.text.lang.zh import SEGMENTERS

    try:
        return SEGMENTERS[segmenter]
    except KeyError:
        raise ValueError(f"unknown segmenter {segmenter!r}: give a function or one of "
                         f"{', '.join(sorted(SEGMENTERS))}") from None


@lru_cache(maxsize=1)
def simplemma_languages() -> frozenset[str]:
    """Languages simplemma can lemmatise."""
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)
