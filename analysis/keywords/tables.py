"""The keyword step: units, their term counts, and the keyword tables.

Keywords are TF-IDF top terms per document, per language and per metadata
column (:mod:`analysis.keywords.tfidf`), and each document's distinctive terms
against the rest of the corpus (:mod:`analysis.keywords.distinctive`). The Dask
back end counts the terms on partitions and then calls :func:`keyword_tables`,
like the local path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.keywords.tfidf import distinctive_by_group, keywords_by_group, localise_labels
from analysis.text.units import build_units
from analysis.text.vectorize import LanguageAwareCountVectorizer


@dataclass
class KeywordResult:
    units: pd.DataFrame
    vectorizer: LanguageAwareCountVectorizer
    counts: object
    tfidf: object
    by_document: pd.DataFrame
    by_language: pd.DataFrame
    distinctive: pd.DataFrame
    by_group: dict = field(default_factory=dict)
    # distinctive terms of each unit language ({"language": table})
    distinctive_by: dict = field(default_factory=dict)
    # distinctive terms of each value of each --group-by column ({column: table})
    distinctive_by_column: dict = field(default_factory=dict)


def flag_unsupported_languages(corpus) -> None:
    """Add a warning (the document is kept) for each document whose language was
    not identified, or that has no lemmatiser or stop-word list here."""
    from analysis.errors import Problem
    from analysis.text.lang import profile
    from analysis.text.language import UNDETERMINED
    from analysis.text.stopwords import language_stopwords

    for doc in corpus:
        lang = doc.language
        if lang == UNDETERMINED:
            reason = "its language was not identified (not one of the supported languages)"
        elif not profile(lang).can_lemmatize() or not language_stopwords(lang):
            reason = f"its language ({lang}) has no lemmatiser or stop-word list here"
        else:
            continue
        corpus.problems.append(Problem(
            doc.source, reason,
            "Its words are used as written, without stop words; check its keywords, or "
            "remove it if it is not meant to be in the corpus.", skipped=False))


# the group of the documents that have no value in a --group-by column
MISSING_GROUP = "(none)"


def check_group_columns(corpus, columns) -> list[str]:
    """The ``--group-by`` columns as the documents name them, or a
    :class:`UserInputError` for one they lack. A column of the user's table named
    as one of the tool's columns is kept as ``input_<name>``
    (:func:`analysis.io.names.user_columns`): ``--group-by language`` then means
    that column, not the detected language."""
    from analysis.errors import UserInputError
    from analysis.io.corpus import shown
    from analysis.io.names import USER_PREFIX

    available = list(corpus.to_frame().columns)
    columns = [shown(str(c)) for c in columns]  # as the table's names are shown
    resolved = [f"{USER_PREFIX}{c}" if f"{USER_PREFIX}{c}" in available else c
                for c in columns]
    missing = [c for c in resolved if c not in available]
    if missing:
        listed = ", ".join(str(c)[:60] for c in available[:20])
        raise UserInputError(f"--group-by {str(missing[0])[:80]}: no such column (columns: "
                             f"{listed}).")
    return list(dict.fromkeys(resolved))


def make_vectorizer(languages, max_n: int = 3, extra_stopwords=(), **limits):
    """The keyword step's unfitted vectoriser (``limits``: ``min_df``, ``max_df``,
    ``max_features``, as in scikit-learn)."""
    return LanguageAwareCountVectorizer(languages=tuple(languages), max_n=max_n,
                                        extra_stopwords=tuple(sorted(extra_stopwords)),
                                        **limits)


def tfidf_of(counts):
    """TF-IDF of term counts (``sublinear_tf``: a term repeated in one long article
    should not drown the others)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


def vectorize_corpus(corpus, unit: str = "paragraph", max_n: int = 3, extra_stopwords=(),
                     languages=None, min_words: int = 4):
    """Units (with detected languages), the fitted vectoriser, counts and TF-IDF."""
    units = build_units(corpus, unit, min_words=min_words)
    flag_unsupported_languages(corpus)
    vectorizer = make_vectorizer(languages or sorted(set(units["language"])), max_n,
                                 extra_stopwords)
    try:
        counts = vectorizer.fit_transform(list(zip(units["text"], units["language"])))
    except ValueError as err:
        raise no_terms_error(corpus, err) from None
    return units, vectorizer, counts, tfidf_of(counts)


def no_terms_error(corpus, err: ValueError):
    """The error for a corpus without a single keyword term (only numbers, stop
    words or symbols), or ``err`` itself when it is about something else."""
    from analysis.errors import UserInputError

    if "vocabulary" not in str(err) and "no terms remain" not in str(err):
        return err
    return UserInputError(f"{corpus.source}: no keyword terms in its {len(corpus)} document(s): "
                          "their words are all numbers, symbols or stop words. Check that the "
                          "files hold article text.")


def keyword_tables(corpus, units, vectorizer, counts, tfidf, top_n: int = 10,
                   group_columns=()) -> KeywordResult:
    """The keyword tables of vectorised units: top TF-IDF terms per document, per
    language and per metadata column in ``group_columns``, and the distinctive terms
    (log-odds against the rest of the corpus) of each document, language and
    column value, at any corpus size."""
    by_document = keywords_by_group(tfidf, units["doc_id"], vectorizer, top_n, counts)
    by_language = keywords_by_group(tfidf, units["language"], vectorizer, top_n, counts)
    by_group, by_column = {}, {}
    distinctive_by = {"language": distinctive_by_group(counts, units["language"], vectorizer,
                                                       top_n)}
    meta = corpus.to_frame().set_index("doc_id")
    for column in group_columns:
        if column in meta.columns:
            values = units["doc_id"].map(meta[column]).astype(object)
            # a document without a value (no title, an empty cell) is its own group
            groups = values.where(values.notna(), MISSING_GROUP).map(str)
            by_group[column] = keywords_by_group(tfidf, groups, vectorizer, top_n, counts)
            by_column[column] = distinctive_by_group(counts, groups, vectorizer, top_n)
    distinctive = distinctive_by_group(counts, units["doc_id"], vectorizer, top_n)
    # a document's lists show the forms that document uses
    texts = {doc.doc_id: doc.clean for doc in corpus}
    by_document = localise_labels(by_document, "group", texts, vectorizer)
    distinctive = localise_labels(distinctive, "target", texts, vectorizer)
    return KeywordResult(units, vectorizer, counts, tfidf, by_document, by_language,
                         distinctive, by_group, distinctive_by, by_column)


def analyse_keywords(corpus, unit: str = "paragraph", top_n: int = 10, max_n: int = 3,
                     extra_stopwords=(), group_columns=(), languages=None,
                     min_words: int = 4) -> KeywordResult:
    """Vectorise the units of ``corpus`` and make its keyword tables."""
    group_columns = check_group_columns(corpus, group_columns)
    units, vectorizer, counts, tfidf = vectorize_corpus(corpus, unit, max_n, extra_stopwords,
                                                        languages, min_words)
    return keyword_tables(corpus, units, vectorizer, counts, tfidf, top_n, group_columns)
