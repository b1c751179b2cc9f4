"""Topic words: one class-based TF-IDF, the only source of every topic word shown.

The c-TF-IDF of BERTopic (Grootendorst 2022) is computed here once, on the
keyword step's language-aware counts, for each (topic, language) pair, so each
topic gets a term list per language. ``topic_info.csv``,
``topic_terms_by_language.csv``, the topic figures, the saved BERTopic model and
its interactive views all take their words from it (:func:`attach_terms` puts
it into the BERTopic model).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.keywords.tfidf import term_arrays, top_terms_sparse

TERM_COLUMNS = ["topic", "language", "rank", "term", "label", "score"]
# Longest topic label in the interactive views (their layouts are fixed-width).
LABEL_CHARS = 40


@dataclass
class TopicTerms:
    """The c-TF-IDF of each (topic, language) and the top terms it gives.

    ``scores[lang]`` is a ``(topics of lang) x vocabulary`` array whose rows are
    the topics ``classes[lang]``; ``table`` has one row per top term
    (:data:`TERM_COLUMNS`).
    """

    classes: dict
    scores: dict
    table: pd.DataFrame

    def main_language(self) -> dict:
        """Each topic's language with the most terms."""
        return main_languages(self.table).to_dict()


def class_tfidf(counts, topics, languages, names, top_n: int = 10,
                min_phrase_count: int = 2) -> TopicTerms:
    """c-TF-IDF of the units' ``counts`` by topic within each language.

    Phrases seen fewer than ``min_phrase_count`` times in a topic are left out:
    a phrase seen once is an accident of wording, not a topic term. ``names`` is
    :func:`analysis.keywords.tfidf.term_arrays` of the fitted vectoriser.
    """
    counts = sparse.csr_matrix(counts)
    topics = np.asarray(topics)
    languages = np.asarray(list(languages), dtype=object)
    is_phrase = np.char.find(names[0].astype(str), " ") >= 0
    classes, scores, rows = {}, {}, []
    for lang in sorted(set(languages)):
        in_lang = languages == lang
        found = sorted(set(topics[in_lang]))
        tf = np.vstack([np.asarray(counts[in_lang & (topics == t)].sum(axis=0)).ravel()
                        for t in found]).astype(np.float64)
        tf[(tf < min_phrase_count) & is_phrase] = 0.0
        avg = tf.sum() / max(1, len(found))
        idf = np.log(1 + avg / np.maximum(tf.sum(axis=0), 1))
        ctfidf = (tf / np.maximum(tf.sum(axis=1, keepdims=True), 1)) * idf
        classes[lang], scores[lang] = found, ctfidf
        for t, row in zip(found, ctfidf):
            index = np.flatnonzero(row > 0)
            top = top_terms_sparse(index, row[index], names, top_n)
            for rank, (term, label, score) in enumerate(top, 1):
                rows.append({"topic": int(t), "language": lang, "rank": rank, "term": term,
                             "label": label, "score": round(score, 6)})
    return TopicTerms(classes, scores, pd.DataFrame(rows, columns=TERM_COLUMNS))


def topic_terms(counts, topics, languages, vectorizer, top_n: int = 10) -> TopicTerms:
    """:func:`class_tfidf` with the names of a fitted vectoriser."""
    return class_tfidf(counts, topics, languages, term_arrays(vectorizer), top_n)


def main_languages(table: pd.DataFrame) -> pd.Series:
    """Each topic's language with the most terms (of equals, the first in
    alphabetical order)."""
    if table.empty:
        return pd.Series(dtype=object)
    return table.groupby("topic")["language"].agg(
        lambda s: min(s.value_counts().items(), key=lambda item: (-item[1], item[0]))[0])


def main_language_terms(table: pd.DataFrame) -> pd.DataFrame:
    """Each topic's terms in the language that has the most terms for it."""
    if table.empty:
        return table
    best = main_languages(table)
    return table[table["language"].to_numpy() == best[table["topic"]].to_numpy()]


def language_panels(table: pd.DataFrame, info: pd.DataFrame, min_share: float = 0.25,
                    max_topics: int | None = None) -> pd.DataFrame:
    """The terms of each topic in each language that holds at least ``min_share``
    of its units (``info``: :func:`topic_info`), for one panel per topic and
    language: a French and English topic shows both lists, not only one. The
    ``topic_name`` column names the panel ("1 · fr: industrie, Chine, …")."""
    if table.empty:
        return table.assign(topic_name=[])
    topics = list(info.sort_values(["count", "topic"], ascending=[False, True])["topic"])
    if max_topics is not None:
        topics = topics[:max_topics]
    keep = set()
    for _, row in info[info["topic"].isin(topics)].iterrows():
        for column in info.columns:
            if column.startswith("n_") and row[column] >= min_share * max(row["count"], 1):
                keep.add((row["topic"], column[2:]))
    rows = table[[(t, lang) in keep for t, lang in zip(table["topic"], table["language"])]]
    order = {t: i for i, t in enumerate(topics)}
    rows = rows.assign(_order=rows["topic"].map(order)).sort_values(
        ["_order", "language", "rank"], kind="stable").drop(columns="_order")
    names = {}
    for (t, lang), group in rows.groupby(["topic", "language"], sort=False):
        first = ", ".join(group.sort_values("rank")["label"].head(3))
        names[(t, lang)] = f"{t} · {lang}: {first}"
    return rows.assign(topic_name=[names[(t, lang)] for t, lang in
                                   zip(rows["topic"], rows["language"])])


# the name of a topic whose units hold no keyword term at all
NO_TERMS = "(no keyword terms: numbers or symbols only)"


def topic_names(table: pd.DataFrame, topics) -> dict:
    """``"0 · en: a, b, c | fr: d, e, f"``: each topic's id and its first three
    terms in each language."""
    names = {}
    for t in topics:
        parts = []
        for lang, rows in table[table["topic"] == t].groupby("language"):
            parts.append(f"{lang}: " + ", ".join(rows.sort_values("rank")["label"].head(3)))
        # a topic of units without a single term (a price table, lists of figures)
        names[t] = f"{t} · " + (" | ".join(parts) or NO_TERMS)
    return names


def topic_info(terms: TopicTerms, topics, units: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: its units per language, size, name and terms per language."""
    table = terms.table
    info = pd.crosstab(np.asarray(topics), units["language"]).rename_axis("topic").reset_index()
    info.columns = [str(c) if c == "topic" else f"n_{c}" for c in info.columns]
    info["count"] = info[[c for c in info.columns if c.startswith("n_")]].sum(axis=1)
    info["name"] = info["topic"].map(topic_names(table, info["topic"]))
    for lang in sorted(set(units["language"])):
        info[f"terms_{lang}"] = info["topic"].map(
            lambda t, lang=lang: ", ".join(table[(table.topic == t)
                                                 & (table.language == lang)]["label"]))
    return info


def attach_terms(model, terms: TopicTerms, vectorizer) -> None:
    """Make ``terms`` the words of a fitted BERTopic ``model``.

    Each topic's representation is its terms in its main language (the bars of
    the topic figure) and row ``t`` of the c-TF-IDF matrix is that language's row
    for topic ``t``; the vectoriser becomes the keyword step's fitted one, whose
    columns these are; each topic's label (``custom_labels_``) is its name in
    ``topic_info.csv``, cut to ``LABEL_CHARS``. The topics are those of ``terms`` (in online mode
    BERTopic's ``topics_`` holds the last batch only).
    """
    main = terms.main_language()
    topic_ids = sorted({int(t) for found in terms.classes.values() for t in found})
    rows = np.zeros((max(topic_ids, default=-1) + 1, len(vectorizer.vocabulary_)))
    representations = {}
    for t in topic_ids:
        lang = main.get(t)
        if lang is not None:
            rows[t] = terms.scores[lang][terms.classes[lang].index(t)]
        words = terms.table[(terms.table["topic"] == t) & (terms.table["language"] == lang)]
        # BERTopic reads each topic's first word: a topic without terms gets an
        # empty one instead of none (which stopped the run with StopIteration)
        representations[t] = list(zip(words["label"], words["score"].astype(float))) \
            or [("", 0.0)]
    model.vectorizer_model = vectorizer
    model.c_tf_idf_ = sparse.csr_matrix(rows)
    model.topic_representations_ = representations  # BERTopic derives topic_labels_ from it
    # the views' labels: the names of topic_info.csv, cut to fit BERTopic's layouts
    # ("0 · en: ai, development, china | fr:…")
    model.set_topic_labels({t: textwrap.shorten(name, LABEL_CHARS, placeholder="…")
                            for t, name in topic_names(terms.table, topic_ids).items()})
