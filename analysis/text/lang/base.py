"""The language profile: what the pipeline asks a language.

A :class:`LanguageProfile` names, for one language, each piece of text handling
that depends on how the language is written:

==================  =========================================================
``tokens``          the tokeniser (or segmenter): words, codes and the
                    punctuation that breaks a phrase
``sentences``       the sentence splitter
``word_count``      how many words a text holds (units shorter than a few
                    words are dropped; a document needs a few to be kept)
``enough_text``     whether a cleaned document holds enough text to keep
``stop_words``      stopwords-iso's list, less :attr:`keep_words`, plus
                    :attr:`extra_stop_words`
``lemmatize``       the lemmatiser (simplemma where it knows the language,
                    else none: the word as written)
``join``            a phrase from its words, as it is written ("pouvoir
                    d'achat"; Chinese has no space: "人工智能治理")
``shorten``         a label cut to a display width (a CJK character is two
                    columns: :mod:`analysis.text.width`)
==================  =========================================================

This base class is a language written with spaces between words in a Latin,
Greek or Cyrillic-like script; a language of that kind needs only its code (and
any words to keep or add). A language written without spaces overrides
:meth:`tokens`, :meth:`sentences`, :meth:`word_count` and :attr:`phrase_sep`
(see :mod:`analysis.text.lang.zh`). The pipeline never tests a language code: it
asks :func:`analysis.text.lang.profile` for the profile and calls it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# words and codes (letters and digits, with inner hyphens and apostrophes)
# (a plural possessive keeps its apostrophe: "Critics' Circle"), and the
# punctuation that ends a run of content words: a phrase never spans a comma, a
# dash, a quotation mark, a slash or an ampersand ("Guerre Ukraine - Russie")
TOKEN = re.compile(
    r"[^\W_]+(?:[-'’][^\W_]+)*(?:(?<=[sS])['’](?![^\W_]))?"
    r"|[.,;:!?()\"\[\]«»“”„‘’'/&|*+=<>#@…–—-]")
# CJK unified ideographs (with extension A, the compatibility block and the
# supplementary planes' extensions) and the ideographic zero: Chinese characters
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(f"[{HAN}]")
# a word for counting function words: letters only
WORD = re.compile(r"[^\W\d_]+")
# French elisions split off a word for its lemma ("l'économie", "d'achat"); they
# are read in every spaced language, as a French name in an English text has them
ELISION = re.compile(
    r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'(?=\w)", re.I)
# a French inverted pronoun ("a-t-il", "dit-elle"): not a term
INVERSION = re.compile(r"-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous|ce)$")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "m", "mme", "mm", "st", "no", "vs", "etc", "co",
    "ltd", "inc", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "janv", "févr", "avr", "juil", "déc", "u.s", "u.k", "e.g", "i.e",
})
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-ZÀ-Ý0-9])")
_INITIAL = re.compile(r"[A-Z]\.")


def space_join(words) -> str:
    """Words joined by a space; but where a Chinese word meets another word (a
    name in a text of a spaced language), as Chinese joins them."""
    joined = " ".join(words)
    if joined.isascii() or _HAN_CHAR.search(joined) is None:
        return joined
    from analysis.text.lang import profile

    return profile("zh").join(words)


class LanguageProfile:
    """A language written with spaces between its words (see the module docstring).

    Parameters
    ----------
    code : str
        ISO 639-1 code (a profile made for a code without a registered profile
        takes this class's defaults).
    segmenter : callable or None
        Replaces the tokeniser: a function from a text to its tokens.
    """

    code: str = "xx"
    # words stopwords-iso lists that carry meaning in news: kept as content words
    keep_words: frozenset[str] = frozenset()
    # words added to stopwords-iso's list
    extra_stop_words: frozenset[str] = frozenset()
    # the words kept in phrases but never shown alone or at the end of one
    phrase_only: frozenset[str] = frozenset()
    # the shortest content word, in characters
    min_word_chars: int = 2
    # what stands between the words of a phrase as written
    phrase_sep: str = " "
    # whether a phrase as written is its lemmas joined as their script joins them
    # (analysis.text.lang.shown_term derives it from the term: nothing to record)
    script_join: bool = False
    # the longest phrase in characters (None: no limit, only ``max_n`` words)
    max_phrase_chars: int | None = None
    # words are written with spaces between them
    spaced: bool = True
    # a word whose capital is a name or an acronym (cased scripts)
    cased: bool = True
    elision: re.Pattern | None = ELISION
    inversion: re.Pattern | None = INVERSION
    abbreviations: frozenset[str] = ABBREVIATIONS
    # tokens that end a sentence (a capital after them says nothing)
    sentence_end: frozenset[str] = frozenset(".!?")

    def __init__(self, code: str | None = None, segmenter=None):
        if code is not None:
            self.code = code
        self.segmenter = segmenter

    def __repr__(self) -> str:
        extra = f", segmenter={getattr(self.segmenter, '__name__', self.segmenter)!r}" \
            if self.segmenter is not None else ""
        return f"{type(self).__name__}({self.code!r}{extra})"

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and repr(self) == repr(other)

    def __hash__(self) -> int:
        return hash(repr(self))

    # -- words ------------------------------------------------------------------
    def tokens(self, text: str) -> list[str]:
        """Words, codes and run-breaking punctuation of ``text``, in order."""
        if self.segmenter is not None:
            return list(self.segmenter(text))
        if not text.isascii():
            # Chinese characters in a text of a spaced language (a name, a
            # quote, a headline the detector could not place) are cut by the
            # profile of their script, not taken as one word
            from analysis.text.lang import script_tokens

            found = script_tokens(text)
            if found is not None:
                return found
        return TOKEN.findall(text)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` (letters only), for counting function words."""
        return WORD.findall(text)

    def word_count(self, text: str) -> int:
        """Words in ``text``: here, its space-separated pieces."""
        return len(text.split())

    def lead(self, text: str, max_words: int) -> str:
        """The first ``max_words`` words of ``text`` (the whole text, as it is,
        when it has no more)."""
        words = text.split()
        return text if len(words) <= max_words else " ".join(words[:max_words])

    def enough_text(self, text: str, min_words: int = 3) -> bool:
        """Whether a cleaned document holds enough text to be kept."""
        return self.word_count(text) >= min_words

    def is_number(self, token: str) -> bool:
        """A number written in words of the script that digits do not catch."""
        return False

    def is_function_word(self, word: str) -> bool:
        """A function word that no stop-word list holds, told by its part of
        speech where the profile knows it (none here)."""
        return False

    # -- sentences --------------------------------------------------------------
    def sentences(self, text: str) -> list[str]:
        """Split a paragraph into sentences, keeping abbreviations intact."""
        out: list[str] = []
        start = 0
        for match in _BOUNDARY.finditer(text):
            candidate = text[start:match.start()].rstrip()
            last = candidate.rsplit(None, 1)[-1] if candidate else ""
            if last.rstrip(".").lower() in self.abbreviations or _INITIAL.fullmatch(last):
                continue
            out.append(text[start:match.end()].strip())
            start = match.end()
        tail = text[start:].strip()
        if tail:
            out.append(tail)
        return [s for s in out if s]

    # -- stop words and lemmas --------------------------------------------------
    def stop_words(self) -> frozenset[str]:
        """stopwords-iso's list for the language, less :attr:`keep_words`, plus
        :attr:`extra_stop_words`."""
        return _iso_stopwords(self.code) - self.keep_words | self.extra_stop_words

    def can_lemmatize(self) -> bool:
        """Whether :meth:`lemmatize` does more than return the word."""
        from analysis.text.analyzer import simplemma_languages

        return self.code in simplemma_languages()

    def lemmatize(self, word: str) -> str:
        """The lemma of a lower-cased word (simplemma, in this language only)."""
        if not self.can_lemmatize():
            return word
        from analysis.text.analyzer import _simplemma

        return _simplemma(word, self.code)

    def knows(self, word: str) -> bool:
        """Whether the language's dictionary holds ``word`` (a stop word of another
        language that this one knows stays a word here: French "part")."""
        if self.code not in _simplemma_codes():
            return False
        from simplemma import is_known

        return is_known(word, lang=self.code)

    # -- display ----------------------------------------------------------------
    def join(self, words) -> str:
        """A phrase from its words as written: joined with :attr:`phrase_sep`."""
        return self.phrase_sep.join(words)

    def joiner(self):
        """:meth:`join` as a plain function (the analyser keeps one per word)."""
        return space_join if self.phrase_sep == " " else self.join

    def shorten(self, label: str, width: int, placeholder: str = "…") -> str:
        """``label`` cut to ``width`` display columns (:mod:`analysis.text.width`)."""
        from analysis.text.width import shorten_to_width

        return shorten_to_width(label, width, placeholder)


@lru_cache(maxsize=64)
def _iso_stopwords(code: str) -> frozenset[str]:
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return frozenset()
    return frozenset(w.lower().replace("’", "'") for w in stopwordsiso.stopwords(code))


@lru_cache(maxsize=1)
def _simplemma_codes() -> frozenset[str]:
    from analysis.text.analyzer import simplemma_languages

    return simplemma_languages()
