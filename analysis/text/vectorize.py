"""scikit-learn vectorisers with the package's language-aware analyser.

Both classes are ``CountVectorizer``/``TfidfVectorizer`` with one change: the
analyser is :class:`analysis.text.analyzer.TextAnalyzer`. Documents may be plain strings
(their language is detected) or ``(text, language)`` pairs when the language is
already known::

    vec = LanguageAwareTfidfVectorizer(languages=("fr", "en"), max_n=3)
    X = vec.fit_transform(zip(texts, langs))
    vec.display_names_   # most frequent surface form of each lemmatised term

BERTopic takes :class:`LanguageAwareCountVectorizer` as its ``vectorizer_model``.

scikit-learn's own ``tokenizer`` parameter has no place here (one tokeniser for
every language); each language's tokeniser is its profile's
(:mod:`analysis.text.lang`), and ``segmenters`` replaces it per language::

    LanguageAwareCountVectorizer(languages=("zh",), segmenters={"zh": "jieba"})
    LanguageAwareCountVectorizer(languages=("zh",), segmenters={"zh": my_cut})

(a segmenter given by name, "rjieba" or "jieba", keeps the vectoriser savable
with its topic model; a function does not).
"""

from __future__ import annotations

from numbers import Integral

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from analysis.text.analyzer import MEMO_LIMIT, START_MARK, TextAnalyzer
from analysis.text.lang import shown_term


def display_names(vocabulary: dict, surface_counts: dict, totals=None) -> np.ndarray:
    """Each feature's display form, in column order (see :func:`display_forms`)."""
    return display_forms(vocabulary, surface_counts, totals)[0]


def display_forms(vocabulary: dict, surface_counts: dict, totals=None
                  ) -> tuple[np.ndarray, dict[str, dict[str, int]]]:
    """Each feature's display form, in column order: the form in which the term is
    most often written in the text.

    ``surface_counts`` maps ``(term, written form)`` to a count, for occurrences
    written otherwise than the term itself (its words joined as their script joins
    them: :func:`analysis.text.lang.shown_term`, "人工智能治理" for "人工智能 治理");
    ``totals`` (in column order) are the terms' total counts, so the occurrences
    written as the term are the rest. A term whose written forms are unknown is
    shown as itself.

    Also returns, for each term written in more than one way, the count of each of
    its forms (:func:`written_forms` orders them): a document's keyword list shows
    the form that document uses (:func:`analysis.keywords.tfidf.localise_labels`).

    Forms that differ only in case are counted together; the capitals shown are
    the most frequent inside sentences, where a capital means a name or an
    acronym. A capital that only comes from the start of a sentence (marked with
    :data:`~analysis.text.analyzer.START_MARK`) is shown only when the form never
    occurs elsewhere. Ties go to the form that sorts last, so the result does not
    depend on the order of the counts.
    """
    # one written form is the common case: kept as (form, count) until a second
    # form of the same term turns it into a dict
    single: dict[str, tuple[str, int]] = {}
    forms: dict[str, dict[str, int]] = {}
    for (term, surface), n in surface_counts.items():  # each pair once: no sums
        seen = forms.get(term)
        if seen is not None:
            seen[surface] = n
            continue
        other = single.pop(term, None)
        if other is None:
            single[term] = (surface, n)
        else:
            forms[term] = {other[0]: other[1], surface: n}
    counts = np.asarray(totals).ravel().tolist() if totals is not None else None
    names: list = [None] * len(vocabulary)
    for term, column in vocabulary.items():
        names[column] = term
    shown = [term if term.isascii() else shown_term(term) for term in names]
    mark = START_MARK
    for term, (surface, n) in single.items():
        column = vocabulary.get(term)
        if column is None:
            continue
        rest = counts[column] - n if counts is not None else 0
        if rest > 0:  # also written as the term itself
            forms[term] = {surface: n, shown[column]: rest}
        else:
            shown[column] = surface.replace(mark, "") if mark in surface else surface
    variants = {}
    for term, seen in forms.items():
        column = vocabulary.get(term)
        if column is None:
            continue
        plain = shown[column]
        if counts is not None and plain not in seen:
            rest = counts[column] - sum(seen.values())
            if rest > 0:
                seen[plain] = rest
        shown[column] = _best_form(seen)
        variants[term] = seen
    return np.array(shown, dtype=object), variants


def written_forms(seen: dict[str, int]) -> tuple[str, ...]:
    """A term's written forms (a value of ``surface_forms_``), most frequent first."""
    ordered = sorted(seen.items(), key=lambda v: (-v[1], v[0]))
    return tuple(dict.fromkeys(f.replace(START_MARK, "") for f, _ in ordered))


def _best_form(seen: dict[str, int]) -> str:
    if len(seen) == 1:
        (only,) = seen
        return only.replace(START_MARK, "") if START_MARK in only else only
    if len(seen) == 2:
        (a, m), (b, k) = seen.items()
        if a.lower() != b.lower() and START_MARK not in a and START_MARK not in b:
            return a if (m, a) > (k, b) else b
    groups: dict[str, dict[str, int]] = {}
    for surface, n in seen.items():
        groups.setdefault(surface.replace(START_MARK, "").lower(), {})[surface] = n
    _, variants = max(groups.items(), key=lambda g: (sum(g[1].values()), g[0]))
    inside = {s: n for s, n in variants.items() if START_MARK not in s}
    best, _ = max((inside or variants).items(), key=lambda v: (v[1], v[0]))
    return best.replace(START_MARK, "")


class _LanguageAwareMixin:
    """Replaces scikit-learn's analyser and records display forms while fitting.

    ``display_names_`` holds, for each feature, the form in which it is most often
    written: "intelligence artificielle" rather than the lemmatised "intelligence
    artificiel", "reprise" rather than "repriser", "AI" rather than "ai".
    """

    def make_text_analyzer(self) -> TextAnalyzer:
        return TextAnalyzer(languages=self.languages, max_n=self.max_n,
                            extra_stopwords=self.extra_stopwords, lemmatize=self.lemmatize,
                            cross_elision=getattr(self, "cross_elision", True),
                            segmenters=getattr(self, "segmenters", None))

    def build_analyzer(self):
        analyzer = getattr(self, "_text_analyzer", None)
        if analyzer is None:
            analyzer = self._text_analyzer = self.make_text_analyzer()

        def analyze(doc):
            if isinstance(doc, tuple):
                return analyzer(doc[0], doc[1])
            return analyzer(doc)

        return analyze

    def _fit_with_surfaces(self, fit, raw_documents, *args):
        """``fit(raw_documents, *args)``, which returns the term counts, recording
        the written forms of the terms on the way."""
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._text_analyzer = self.make_text_analyzer()
        self._text_analyzer.surface_counts = {}
        try:
            counts = fit(raw_documents, *args)
        finally:
            surfaces = self._text_analyzer.surface_counts
            self._text_analyzer.surface_counts = None
        totals = counts.sum(axis=0)
        self.display_names_, self.surface_forms_ = display_forms(
            self.vocabulary_, surfaces, totals)
        # each term's count (keyword lists let a phrase stand for a word that
        # occurs mostly inside it: analysis.keywords.tfidf.pick_terms)
        self.term_totals_ = np.asarray(totals).ravel()
        # the (term, written form) counts behind them (the Dask back end merges
        # those of its partitions)
        self.surface_counts_ = surfaces
        return counts

    def set_vocabulary(self, vocabulary: dict, surface_counts: dict, totals=None):
        """Leave the vectoriser as fitting it would, from a vocabulary built elsewhere
        (the Dask back end merges the terms counted on each partition); ``totals``
        are the terms' counts, in column order."""
        self.vocabulary_ = vocabulary
        self.fixed_vocabulary_ = False
        self.display_names_, self.surface_forms_ = display_forms(vocabulary, surface_counts,
                                                                 totals)
        if totals is not None:
            self.term_totals_ = np.asarray(totals).ravel()
        self.surface_counts_ = surface_counts
        return self

    def fit(self, raw_documents, y=None):
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        return self._fit_with_surfaces(super().fit_transform, raw_documents)

    def display_name(self, term: str) -> str:
        """The form shown for a term: the form in which it is most often written
        ("intelligence artificielle", "AI")."""
        index = self.vocabulary_.get(term)
        return term if index is None else self.display_names_[index]


def _count_matrix(analysed, vocabulary: dict, dtype, binary: bool = False):
    """The documents x terms count matrix of analysed documents (lists of terms):
    what ``CountVectorizer(analyzer=<given>, vocabulary=...).transform`` gives (CSR,
    indices sorted), built from one list of column indices instead of a counter
    per document."""
    from scipy import sparse

    indptr = [0]
    columns: list[int] = []
    column = vocabulary.__getitem__
    for terms in analysed:
        columns += map(column, terms)
        indptr.append(len(columns))
    X = sparse.csr_matrix((np.ones(len(columns), dtype=dtype), np.asarray(columns, np.int64),
                           np.asarray(indptr, np.int64)), shape=(len(indptr) - 1, len(vocabulary)))
    X.sum_duplicates()  # sorts each row's columns and adds up repeated terms
    if binary:
        X.data.fill(1)
    return X


# Documents up to which LanguageAwareCountVectorizer counts terms in two passes over
# the analysed documents held in memory (see _fit_transform_sorted).
TWO_PASS_DOCUMENTS = 50_000


class LanguageAwareCountVectorizer(_LanguageAwareMixin, CountVectorizer):
    """``CountVectorizer`` over lemmatised, stop-word-free terms and phrases.

    Parameters
    ----------
    languages : tuple of str
        Candidate languages of the corpus.
    max_n : int
        Longest phrase, in words.
    extra_stopwords : tuple of str
        The user's own stop words.
    lemmatize : bool
        Lemmatise terms.
    cross_elision : bool
        Whether a phrase may run across an elided word ("pouvoir d'achat").
    segmenters : dict or None
        Per language, a tokeniser replacing its profile's: a function, or the
        name of a Chinese segmenter ("rjieba", the default, or "jieba").
    min_df, max_df, max_features, binary, dtype
        As in scikit-learn.
    """

    _parameter_constraints = {**CountVectorizer._parameter_constraints,
                              "languages": [tuple, list], "max_n": [int],
                              "extra_stopwords": [tuple, list, frozenset, set],
                              "lemmatize": ["boolean"], "cross_elision": ["boolean"],
                              "segmenters": [dict, None]}

    def __init__(self, *, languages=("en", "fr"), max_n=3, extra_stopwords=(), lemmatize=True,
                 cross_elision=True, segmenters=None, min_df=1, max_df=1.0, max_features=None,
                 binary=False, dtype=np.int64):
        super().__init__(min_df=min_df, max_df=max_df, max_features=max_features, binary=binary,
                         dtype=dtype, lowercase=False)
        self.languages = languages
        self.max_n = max_n
        self.extra_stopwords = extra_stopwords
        self.lemmatize = lemmatize
        self.cross_elision = cross_elision
        self.segmenters = segmenters

    def fit_transform(self, raw_documents, y=None):
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        documents = raw_documents if isinstance(raw_documents, list) else list(raw_documents)
        # min_df=1 (an int: one document) and max_df=1.0 (a float: every document);
        # min_df=1.0 and max_df=1 mean something else
        no_limits = (isinstance(self.min_df, Integral) and self.min_df == 1
                     and isinstance(self.max_df, float) and self.max_df == 1.0
                     and self.max_features is None)
        if no_limits and len(documents) <= TWO_PASS_DOCUMENTS:
            return self._fit_with_surfaces(self._fit_transform_sorted, documents)
        return super().fit_transform(documents)

    def _fit_transform_sorted(self, documents):
        """``fit_transform`` when no document-frequency limit applies.

        scikit-learn numbers terms as it meets them, then sorts the vocabulary and
        renumbers the matrix, and checks the (here absent) document-frequency
        limits term by term: with phrases, that is over 100,000 terms on BBC. Here
        the documents become word ids (:meth:`TextAnalyzer.word_ids`) and
        :func:`analysis.text.ngrams.count_ngrams` counts their phrases with numpy,
        building one string per distinct term instead of one per occurrence. Where
        a phrase's code would not fit an int64 (a registry of millions of words),
        the analysed documents' strings are counted against the sorted vocabulary
        (:func:`_count_matrix`). Either way, the result is scikit-learn's matrix
        and vocabulary, and the same written forms.
        """
        self._validate_params()
        counted = self._count_word_ids(documents)
        if counted is not None:
            X, self.vocabulary_, written = counted
            self._text_analyzer.surface_counts.update(written)
            self.fixed_vocabulary_ = False
            return X
        analyze = self.build_analyzer()
        analysed = [analyze(doc) for doc in documents]
        terms = set().union(*analysed)
        if not terms:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        vocabulary = {term: i for i, term in enumerate(sorted(terms))}
        X = _count_matrix(analysed, vocabulary, self.dtype, self.binary)
        self.vocabulary_ = vocabulary
        self.fixed_vocabulary_ = False
        return X

    def _count_word_ids(self, documents):
        """:func:`analysis.text.ngrams.count_ngrams` of the documents, or ``None``
        where it does not apply (phrases too long for an int64 code)."""
        from analysis.text.ngrams import count_ngrams

        analyzer = self._text_analyzer
        analyzer.reset_word_ids(limit=MEMO_LIMIT)
        ids = [analyzer.word_ids(doc[0], doc[1]) if isinstance(doc, tuple)
               else analyzer.word_ids(doc) for doc in documents]
        return count_ngrams(ids, analyzer.word_registry(), self.max_n, self.dtype, self.binary)


class LanguageAwareTfidfVectorizer(_LanguageAwareMixin, TfidfVectorizer):
    """``TfidfVectorizer`` over lemmatised, stop-word-free terms and phrases.

    Takes the parameters of :class:`LanguageAwareCountVectorizer`, plus
    ``sublinear_tf`` (on by default: a term repeated in one long article should not
    drown the others), ``norm``, ``use_idf`` and ``smooth_idf``.
    """

    _parameter_constraints = LanguageAwareCountVectorizer._parameter_constraints | {
        k: v for k, v in TfidfVectorizer._parameter_constraints.items()
        if k in ("norm", "use_idf", "smooth_idf", "sublinear_tf")}

    def __init__(self, *, languages=("en", "fr"), max_n=3, extra_stopwords=(), lemmatize=True,
                 cross_elision=True, segmenters=None, min_df=1, max_df=1.0, max_features=None,
                 binary=False, dtype=np.float64, norm="l2", use_idf=True, smooth_idf=True,
                 sublinear_tf=True):
        super().__init__(min_df=min_df, max_df=max_df, max_features=max_features, binary=binary,
                         dtype=dtype, lowercase=False, norm=norm, use_idf=use_idf,
                         smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
        self.languages = languages
        self.max_n = max_n
        self.extra_stopwords = extra_stopwords
        self.lemmatize = lemmatize
        self.cross_elision = cross_elision
        self.segmenters = segmenters

    def fit_transform(self, raw_documents, y=None):
        # the counts first (they give the display forms), then TF-IDF of them, as
        # scikit-learn's TfidfVectorizer.fit_transform does
        from sklearn.feature_extraction.text import TfidfTransformer

        self._check_params()
        self._tfidf = TfidfTransformer(norm=self.norm, use_idf=self.use_idf,
                                       smooth_idf=self.smooth_idf, sublinear_tf=self.sublinear_tf)
        counts = self._fit_with_surfaces(CountVectorizer.fit_transform.__get__(self),
                                         raw_documents)
        self._tfidf.fit(counts)
        return self._tfidf.transform(counts, copy=False)
