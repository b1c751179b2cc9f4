"""The keyword half of the main job: units, vectors, keyword tables and figures."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .keywords import distinctive_terms, keywords_by_group
from .units import build_units
from .vectorize import LanguageAwareCountVectorizer


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


MAX_DISTINCTIVE_DOCUMENTS = 200


def flag_unsupported_languages(corpus) -> None:
    """Add a warning (the document is kept) for each document whose language was
    not identified, or that has no lemmatiser or stop-word list here."""
    from .errors import Problem
    from .language import UNDETERMINED
    from .stopwords import language_stopwords
    from .text import simplemma_languages

    for doc in corpus:
        lang = doc.language
        if lang == UNDETERMINED:
            reason = "its language was not identified (not one of the supported languages)"
        elif lang not in simplemma_languages() or not language_stopwords(lang):
            reason = f"its language ({lang}) has no lemmatiser or stop-word list here"
        else:
            continue
        corpus.problems.append(Problem(
            doc.source, reason,
            "Its words are used as written, without stop words; check its keywords, or "
            "remove it if it is not meant to be in the corpus.", skipped=False))


def vectorize_corpus(corpus, unit: str = "paragraph", max_n: int = 3, extra_stopwords=(),
                     languages=None, min_words: int = 4):
    """Units (with detected languages), the fitted vectoriser, counts and TF-IDF."""
    from sklearn.feature_extraction.text import TfidfTransformer

    units = build_units(corpus, unit, min_words=min_words)
    flag_unsupported_languages(corpus)
    langs = tuple(languages or sorted(set(units["language"])))
    vectorizer = LanguageAwareCountVectorizer(languages=langs, max_n=max_n,
                                              extra_stopwords=tuple(sorted(extra_stopwords)))
    counts = vectorizer.fit_transform(list(zip(units["text"], units["language"])))
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    return units, vectorizer, counts, tfidf


def analyse_keywords(corpus, unit: str = "paragraph", top_n: int = 10, max_n: int = 3,
                     extra_stopwords=(), group_columns=(), languages=None,
                     min_words: int = 4) -> KeywordResult:
    """Keywords per document, per language and per metadata column, and each
    document's distinctive terms against the rest of the corpus (for corpora of up
    to 200 documents; beyond that, per-document contrasts are not read by anyone)."""
    units, vectorizer, counts, tfidf = vectorize_corpus(corpus, unit, max_n, extra_stopwords,
                                                        languages, min_words)
    by_document = keywords_by_group(tfidf, units["doc_id"], vectorizer, top_n)
    by_language = keywords_by_group(tfidf, units["language"], vectorizer, top_n)
    by_group = {}
    meta = corpus.to_frame().set_index("doc_id")
    for column in group_columns:
        if column not in meta.columns:
            continue
        groups = units["doc_id"].map(meta[column]).astype(str)
        by_group[column] = keywords_by_group(tfidf, groups, vectorizer, top_n)
    distinctive = pd.concat(
        [distinctive_terms(counts, units["doc_id"], doc, vectorizer, top_n=top_n)
         for doc in dict.fromkeys(units["doc_id"])], ignore_index=True) \
        if 1 < units["doc_id"].nunique() <= MAX_DISTINCTIVE_DOCUMENTS else pd.DataFrame()
    return KeywordResult(units, vectorizer, counts, tfidf, by_document, by_language,
                         distinctive, by_group)
