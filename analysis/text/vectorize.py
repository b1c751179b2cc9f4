"""scikit-learn vectorisers with the package's language-aware analyser.

Both classes are ``CountVectorizer``/``TfidfVectorizer`` with one change: the
analyser is :class:`analysis.text.analyzer.TextAnalyzer`. Documents may be plain strings
(their language is detected) or ``(text, language)`` pairs when the language is
already known::

    vec = LanguageAwareTfidfVectorizer(languages=("fr", "en"), max_n=3)
    X = vec.fit_transform(zip(texts, langs))
    vec.display_names_   # most frequent surface form of each lemmatised term

BERTopic takes :class:`LanguageAwareCountVectorizer` as its ``vectorizer_model``.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from analysis.text.analyzer import TextAnalyzer


def display_names(vocabulary: dict, surface_counts: dict) -> np.ndarray:
    """Each feature's display form, in column order: the most frequent surface form
    of a term (``surface_counts`` maps ``(term, surface)`` to a count), else the
    term itself."""
    best: dict[str, tuple[int, str]] = {}
    for (lemma, surface), n in surface_counts.items():
        if lemma in vocabulary and (n, surface) > best.get(lemma, (0, "")):
            best[lemma] = (n, surface)
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    return np.array([best[t][1] if t in best else t for t in names], dtype=object)


class _LanguageAwareMixin:
    """Replaces scikit-learn's analyser and records display forms while fitting.

    ``display_names_`` holds, for each feature, the lemma of a single word and the
    most frequent surface form of a phrase: "industriel", but "intelligence
    artificielle" rather than the lemmatised "intelligence artificiel".
    """

    def make_text_analyzer(self) -> TextAnalyzer:
        return TextAnalyzer(languages=self.languages, max_n=self.max_n,
                            extra_stopwords=self.extra_stopwords, lemmatize=self.lemmatize)

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
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        self._text_analyzer = self.make_text_analyzer()
        self._text_analyzer.surface_counts = {}
        try:
            result = fit(raw_documents, *args)
        finally:
            counts = self._text_analyzer.surface_counts
            self._text_analyzer.surface_counts = None
        names = display_names(self.vocabulary_, counts)
        self.display_names_ = names
        return result

    def set_vocabulary(self, vocabulary: dict, surface_counts: dict):
        """Leave the vectoriser as fitting it would, from a vocabulary built elsewhere
        (the Dask back end merges the terms counted on each partition)."""
        self.vocabulary_ = vocabulary
        self.fixed_vocabulary_ = False
        self.display_names_ = display_names(vocabulary, surface_counts)
        return self

    def fit(self, raw_documents, y=None):
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        return self._fit_with_surfaces(super().fit_transform, raw_documents)

    def display_name(self, term: str) -> str:
        """The form shown for a term: the lemma for a single word, the most
        frequent surface form for a phrase ("intelligence artificielle")."""
        index = self.vocabulary_.get(term)
        return term if index is None else self.display_names_[index]


def _given(terms):
    """Analyser of already-analysed documents (lists of terms)."""
    return terms


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
    min_df, max_df, max_features, binary, dtype
        As in scikit-learn.
    """

    _parameter_constraints = {**CountVectorizer._parameter_constraints,
                              "languages": [tuple, list], "max_n": [int],
                              "extra_stopwords": [tuple, list, frozenset, set],
                              "lemmatize": ["boolean"]}

    def __init__(self, *, languages=("en", "fr"), max_n=3, extra_stopwords=(), lemmatize=True,
                 min_df=1, max_df=1.0, max_features=None, binary=False, dtype=np.int64):
        super().__init__(min_df=min_df, max_df=max_df, max_features=max_features, binary=binary,
                         dtype=dtype, lowercase=False)
        self.languages = languages
        self.max_n = max_n
        self.extra_stopwords = extra_stopwords
        self.lemmatize = lemmatize

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
        the documents are analysed once, the sorted vocabulary is built from the
        analysed documents, and scikit-learn's ``CountVectorizer`` counts them
        against it. The result is the same matrix and vocabulary.
        """
        self._validate_params()
        analyze = self.build_analyzer()
        analysed = [analyze(doc) for doc in documents]
        terms = set().union(*analysed)
        if not terms:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        vocabulary = {term: i for i, term in enumerate(sorted(terms))}
        counter = CountVectorizer(analyzer=_given, vocabulary=vocabulary, binary=self.binary,
                                  dtype=self.dtype)
        X = counter.transform(analysed)
        self.vocabulary_ = vocabulary
        self.fixed_vocabulary_ = False
        return X


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
                 min_df=1, max_df=1.0, max_features=None, binary=False, dtype=np.float64,
                 norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=True):
        super().__init__(min_df=min_df, max_df=max_df, max_features=max_features, binary=binary,
                         dtype=dtype, lowercase=False, norm=norm, use_idf=use_idf,
                         smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
        self.languages = languages
        self.max_n = max_n
        self.extra_stopwords = extra_stopwords
        self.lemmatize = lemmatize
