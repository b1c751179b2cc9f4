"""A saved run rebuilt without embedding again, for ``edit`` to redraw it.

From ``saved/`` alone: the documents (their metadata, ``--group-by`` values and
text as the units hold it), the units as the run cut them, their keyword counts
(the run's phrase length and extra stop words), and a
:class:`~analysis.pipeline.steps.TopicResult` for the saved topics after the
analyst's edits: merged topics share one id and get words computed on their
units together, renamed topics carry their new names. Themes and translations
are computed again from the saved vectors; only the themes' descriptions and
background are embedded, and they come from the embedding cache after the run.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from analysis.saved.format import SavedAnalysis


def saved_corpus(saved: SavedAnalysis):
    """The run's documents, in its order, their text the units joined by blank lines."""
    from analysis.io.corpus import Corpus, Document

    texts: dict = {}
    for doc_id, text in zip(saved.units["doc_id"], saved.units["text"]):
        texts.setdefault(doc_id, []).append(text)
    groups = [c for c in saved.documents.columns if c.startswith("group:")]
    documents = []
    for row in saved.documents.to_dict("records"):
        text = "\n\n".join(texts.get(row["doc_id"], []))
        date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        documents.append(Document(
            row["doc_id"], row.get("source", ""), text, title=row.get("title") or None,
            date=date, language=row.get("language") or None,
            meta={c[len("group:"):]: (row[c] if row[c] != "" else None) for c in groups},
            clean=text))
    return Corpus(documents, [], str(saved.folder))


def saved_keywords(saved: SavedAnalysis, corpus):
    """The units of the run (not cut again) and their keyword counts: what the topic
    outputs need (the keyword tables, which no edit changes, are not made)."""
    import pandas as pd

    from analysis.keywords.tables import KeywordResult, make_vectorizer

    settings = saved.settings
    units = saved.units[["doc_id", "unit_id", "position", "text", "n_words",
                         "language"]].reset_index(drop=True)
    vectorizer = make_vectorizer(sorted(set(units["language"])),
                                 int(settings.get("max_n") or 3),
                                 frozenset(settings.get("extra_stopwords") or ()))
    counts = vectorizer.fit_transform(list(zip(units["text"], units["language"])))
    empty = pd.DataFrame()
    return KeywordResult(units, vectorizer, counts, None, empty, empty, empty,
                         by_group={c: empty for c in settings.get("group_by") or ()})


def saved_topics(saved: SavedAnalysis, corpus, keywords, themes=None):
    """The topic part of a :class:`TopicResult` for the saved topics after the
    edits: their words on these units, their nearest themes and the map; the theme
    and translation fields, which no edit changes, are left empty."""
    from analysis.config import cache_dir
    from analysis.embed.base import make_encoder
    from analysis.embed.cache import embed
    from analysis.pipeline.steps import TopicResult, given_topics
    from analysis.report.topic_figures import map_coordinates
    from analysis.themes.detector import ThemeDetector
    from analysis.themes.labels import label_topics_with_themes
    from analysis.themes.lexicon import load_themes
    from analysis.topics.model import Choice

    settings = saved.settings
    topics = np.asarray(saved.topics(), dtype=np.int64)
    choice = Choice("edited", "the saved topic space", "the saved topics",
                    "merged and renamed by the analyst")
    fit = given_topics(keywords, topics, choice, int(settings.get("top_n") or 10),
                       {int(k): v for k, v in saved.topic_names().items()})
    encoder = make_encoder(settings["encoder"])
    theme_list = load_themes(themes)
    embed_fn = (lambda texts: embed(texts, encoder, cache_dir())) if encoder.per_text else None
    detector = ThemeDetector(theme_list).fit(keywords.vectorizer.make_text_analyzer(),
                                             embed_fn, {d.doc_id: d.text for d in corpus},
                                             None)
    embeddings = np.asarray(saved.embeddings, dtype=np.float32)
    info = label_topics_with_themes(fit.info, topics, embeddings, detector.centroids_,
                                    theme_list)
    names = dict(zip(info["topic"], info["name"]))
    terms = fit.terms.table.assign(topic_name=lambda f: f["topic"].map(names))
    centred = saved.centred()
    by_language: dict = {}
    for theme in theme_list:
        for lang, label in theme.labels.items():
            by_language.setdefault(lang, {})[theme.key] = label
    return TopicResult(embeddings, centred, topics, choice, None, info, terms, fit.doc_topics,
                       None, None, None, {t.key: t.label for t in theme_list}, None, None,
                       None, map_coordinates(centred, int(settings.get("seed") or 42)),
                       by_language)
