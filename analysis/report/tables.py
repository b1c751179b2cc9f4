"""Write a run's tables (CSV) and figures (PNG and SVG), atomically."""

from __future__ import annotations

from pathlib import Path

from analysis.io import atomic
from analysis.report.keyword_figures import keyword_bars
from analysis.report.style import save_figure
from analysis.report.summary import doc_titles
from analysis.topics.crosslingual import similarity_matrix
from analysis.topics.representation import main_language_terms

# Figures with one bar or row per document are drawn up to these sizes.
MAX_KEYWORD_FIGURE_DOCUMENTS = 12
MAX_THEME_FIGURE_DOCUMENTS = 40
MAX_TOPIC_BARS = 12


def write_keyword_outputs(corpus, result, tables_dir: Path, figures_dir: Path,
                          csv_dialect: str = "standard") -> list[Path]:
    """The corpus, unit and keyword tables, the problems met, and the keyword figures."""

    def table(frame, name):
        return atomic.write_csv(frame, tables_dir / name, dialect=csv_dialect)

    paths = [
        table(corpus.to_frame(), "documents.csv"),
        table(result.units.drop(columns="text"), "units.csv"),
        table(result.by_document, "keywords_by_document.csv"),
        table(result.by_language, "keywords_by_language.csv"),
    ]
    if len(result.distinctive):
        paths.append(table(result.distinctive, "distinctive_terms.csv"))
    for column, frame in result.by_group.items():
        paths.append(table(frame, f"keywords_by_{column}.csv"))
    if corpus.problems:
        import pandas as pd

        problems = pd.DataFrame([p.__dict__ for p in corpus.problems])
        paths.append(table(problems, "problems.csv"))
    if len(corpus) <= MAX_KEYWORD_FIGURE_DOCUMENTS:
        fig = keyword_bars(result.by_document, "Top keywords per document",
                           group_titles=doc_titles(corpus))
        paths += save_figure(fig, "keywords_by_document", figures_dir)
    fig = keyword_bars(result.by_language, "Top keywords per language",
                       group_titles={g: f"language: {g}" for g in result.by_language["group"]})
    paths += save_figure(fig, "keywords_by_language", figures_dir)
    return paths


def write_topic_outputs(corpus, keywords, result, tables_dir: Path, figures_dir: Path,
                        model_dir: Path | None = None, csv_dialect: str = "standard") -> list[Path]:
    """The topic, theme and translation tables and figures; the topic model is saved
    into ``model_dir`` (when given and there is a model)."""
    from analysis.report.topic_figures import (
        similarity_heatmap,
        theme_heatmap,
        theme_stacked_bars,
        themes_over_time,
        topic_bars,
        unit_map,
    )

    def table(frame, name):
        return atomic.write_csv(frame, tables_dir / name, dialect=csv_dialect)

    units = keywords.units
    paths = [
        table(result.topic_info, "topic_info.csv"),
        table(result.topic_terms.drop(columns="topic_name"), "topic_terms_by_language.csv"),
        table(units[["unit_id", "doc_id", "language"]].assign(topic=result.topics),
              "unit_topics.csv"),
        table(result.doc_topics, "document_topics.csv"),
        table(result.unit_themes, "unit_themes.csv"),
        table(result.doc_themes, "document_themes.csv"),
        table(result.explanations, "theme_explanations.csv"),
        table(result.pairs, "translation_pairs.csv"),
        table(result.unit_matches, "translation_unit_matches.csv"),
    ]
    names = doc_titles(corpus)
    labels = result.theme_labels
    few = len(result.doc_themes) <= MAX_THEME_FIGURE_DOCUMENTS
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
    if 0 < result.topic_terms["topic"].nunique() <= MAX_TOPIC_BARS:
        paths += save_figure(topic_bars(main_language_terms(result.topic_terms),
                                        "Topic keywords (each topic's main language)"),
                             "topic_keywords", figures_dir)
    topic_names = dict(zip(result.topic_info["topic"], result.topic_info["name"]))
    paths += save_figure(unit_map(result.coords, result.topics, units["language"], topic_names,
                                  f"Units by topic (PCA of centred embeddings, n={len(units)})"),
                         "unit_map", figures_dir)
    if result.model is not None and model_dir is not None:
        from analysis.topics.persist import save_topic_model

        save_topic_model(result.model, model_dir)
    if result.doc_themes["date"].notna().sum() >= 2 and result.doc_themes["date"].nunique() >= 2:
        paths += save_figure(themes_over_time(result.doc_themes, labels, "Themes over time"),
                             "themes_over_time", figures_dir)
    return paths
