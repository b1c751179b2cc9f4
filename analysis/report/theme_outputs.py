"""Write a run's theme tables (CSV) and figures (PNG and SVG)."""

from __future__ import annotations

from pathlib import Path

from analysis.io import atomic
from analysis.report.style import save_figure
from analysis.report.summary import doc_titles
from analysis.report.wording import say

# Figures with one bar or row per document are drawn up to this size.
MAX_THEME_FIGURE_DOCUMENTS = 40


def write_theme_outputs(corpus, units, result, tables_dir: Path, figures_dir: Path,
                        csv_dialect: str = "standard", lang: str = "en") -> list[Path]:
    """The theme tables and figures of a run (their words in ``lang``)."""
    from analysis.report.theme_figures import theme_heatmap, theme_stacked_bars, themes_over_time

    def table(frame, name):
        return atomic.write_csv(frame, tables_dir / name, dialect=csv_dialect)

    paths = [
        table(result.unit_themes, "unit_themes.csv"),
        table(result.doc_themes, "document_themes.csv"),
        table(result.explanations, "theme_explanations.csv"),
    ]
    names = doc_titles(corpus)
    labels = theme_labels_in(result, lang)
    n_docs = len(result.doc_themes)
    if n_docs <= MAX_THEME_FIGURE_DOCUMENTS:
        shares, rows, level = result.doc_themes, names, say("document", lang)
    else:  # one row per language: a bar per document is unreadable past a few dozen
        shares = _shares_by_language(result.doc_themes, corpus, units)
        rows = {code: say("language_row", lang, language=code, n=n) for code, n in
                corpus.to_frame()["language"].value_counts().items()}
        level = say("language_level", lang, n=n_docs)
    title = say("theme_shares_per", lang, level=level)
    paths += save_figure(theme_stacked_bars(shares, labels, rows, title, lang),
                         "theme_shares_by_document", figures_dir)
    paths += save_figure(theme_heatmap(shares, labels, rows, title, lang),
                         "theme_heatmap", figures_dir)
    if result.doc_themes["date"].notna().sum() >= 2 and result.doc_themes["date"].nunique() >= 2:
        paths += save_figure(themes_over_time(result.doc_themes, labels,
                                              say("themes_over_time", lang), lang),
                             "themes_over_time", figures_dir)
    return paths


def theme_labels_in(result, lang: str) -> dict:
    """The theme labels in ``lang`` where the themes file gives them
    (``label.fr = "..."``), else their default labels."""
    translated = result.theme_label_languages.get(lang, {})
    return {key: translated.get(key, label) for key, label in result.theme_labels.items()}


def _shares_by_language(doc_themes, corpus, units):
    """Theme shares per language: the word-weighted mean of its documents' shares,
    in the frame shape of ``document_themes`` (the language in ``doc_id``)."""
    weights = units.groupby("doc_id", sort=False)["n_words"].sum()
    language = {d.doc_id: d.language for d in corpus}
    frame = doc_themes.drop(columns=["date"], errors="ignore").set_index("doc_id")
    weighted = frame.mul(weights.reindex(frame.index).fillna(0), axis=0)
    by_language = weighted.groupby(frame.index.map(language)).sum()
    totals = weights.reindex(frame.index).fillna(0).groupby(frame.index.map(language)).sum()
    return by_language.div(totals.clip(lower=1), axis=0).rename_axis("doc_id").reset_index()
