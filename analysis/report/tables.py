"""Write a run's tables (CSV) and figures (PNG and SVG), atomically."""

from __future__ import annotations

from pathlib import Path

from analysis.io import atomic
from analysis.keywords.tfidf import distinctive_by_group
from analysis.report.keyword_figures import keyword_bars
from analysis.report.style import save_figure
from analysis.report.summary import doc_titles
from analysis.report.theme_outputs import write_theme_outputs
from analysis.report.topic_tables import (
    document_topic_table,
    newest_first,
    plain_topic_names,
    representative_passages,
    topics_by_group,
    topics_over_time,
)
from analysis.report.wording import say
from analysis.topics.crosslingual import similarity_matrix
from analysis.topics.representation import language_panels

# Figures with one bar or row per document are drawn up to these sizes.
MAX_KEYWORD_FIGURE_DOCUMENTS = 12
MAX_TOPIC_BARS = 12
MAX_SIMILARITY_DOCUMENTS = 20
MIN_LANGUAGE_SHARE = 0.02


def write_keyword_outputs(corpus, result, tables_dir: Path, figures_dir: Path,
                          csv_dialect: str = "standard", lang: str = "en") -> list[Path]:
    """The corpus, unit and keyword tables, the problems met, and the keyword figures
    (their words in ``lang``, see :mod:`analysis.report.wording`)."""

    def table(frame, name):
        return atomic.write_csv(frame, tables_dir / name, dialect=csv_dialect)

    paths = [
        table(corpus.to_frame(), "documents.csv"),
        table(result.units, "units.csv"),  # with each unit's text, last
        table(result.by_document, "keywords_by_document.csv"),
        table(result.by_language, "keywords_by_language.csv"),
    ]
    if len(result.distinctive):
        paths.append(table(result.distinctive, "distinctive_terms.csv"))
    for column, frame in result.distinctive_by.items():
        if len(frame):
            paths.append(table(frame, f"distinctive_by_{column}.csv"))
    parts = group_file_names(result.by_group)
    for column, frame in result.by_group.items():
        paths.append(table(frame, f"keywords_by_{parts[column]}.csv"))
    for column, frame in result.distinctive_by_column.items():
        if len(frame):
            paths.append(table(frame, f"distinctive_by_{parts[column]}.csv"))
    if corpus.problems:
        import pandas as pd

        problems = pd.DataFrame([p.__dict__ for p in corpus.problems])
        paths.append(table(problems, "problems.csv"))
    have = set(result.by_document["group"])
    first = [d for d in newest_first(corpus) if d in have][:MAX_KEYWORD_FIGURE_DOCUMENTS]
    title = say("keywords_by_document", lang) + _first_of(len(first), len(corpus),
                                                          say("documents", lang), lang)
    fig = keyword_bars(result.by_document[result.by_document["group"].isin(first)], title,
                       group_titles=doc_titles(corpus), lang=lang)
    paths += save_figure(fig, "keywords_by_document", figures_dir)
    # a language gets a panel when it has a real share of the units: a few units
    # misdetected as another language would otherwise get a panel of their own
    counts = result.units["language"].value_counts()
    major = [lang for lang, n in counts.items() if n >= MIN_LANGUAGE_SHARE * len(result.units)]
    minor = sorted(set(counts.index) - set(major))
    title = say("keywords_by_language", lang) + (
        say("minor_languages", lang, share=f"{MIN_LANGUAGE_SHARE:.0%}",
            languages=", ".join(minor)) if minor else "")
    table_ = result.by_language[result.by_language["group"].isin(major)]
    fig = keyword_bars(table_, title, lang=lang,
                       group_titles={g: say("language_panel", lang, language=g)
                                     for g in table_["group"]})
    paths += save_figure(fig, "keywords_by_language", figures_dir)
    return paths


# Table names the run writes itself: a metadata column of the same name gets
# its own name ("keywords_by_column_language.csv").
RESERVED_GROUPS = frozenset({"document", "language", "topic"})


def group_file_names(columns) -> dict[str, str]:
    """``{column: the part of its tables' file names}`` for the ``--group-by``
    columns: made safe and distinct by :func:`analysis.io.names.file_parts` (a
    column name is data: "../../x" or "desk/section" must not leave the tables
    folder, and "Desk" and "desk" must not share a file)."""
    from analysis.io.names import file_parts

    return file_parts(columns, reserved=RESERVED_GROUPS)


def _first_of(shown: int, total: int, what: str, lang: str = "en") -> str:
    """The part of a figure title that says it shows only some of the items."""
    return "" if shown >= total else say("first_of", lang, shown=shown, total=total, what=what)


# The columns of the translation tables, written even when no pair is found (a CSV
# without a header is refused by pandas and spreadsheets alike).
PAIR_COLUMNS = ("doc_a", "lang_a", "doc_b", "lang_b", "cosine", "units_matched",
                "matched_share")
MATCH_COLUMNS = ("unit_a", "unit_b", "cosine")


def with_header(frame, columns):
    """``frame``, or an empty table with ``columns`` when it has no columns at all."""
    import pandas as pd

    return frame if len(frame.columns) else pd.DataFrame(columns=list(columns))


def write_topic_outputs(corpus, keywords, result, tables_dir: Path, figures_dir: Path,
                        model_dir: Path | None = None, csv_dialect: str = "standard",
                        lang: str = "en") -> list[Path]:
    """The topic, theme and translation tables and figures (their words in
    ``lang``); the topic model is saved into ``model_dir`` (when given and there is
    a model)."""
    from analysis.report.topic_figures import similarity_heatmap

    paths = write_topic_parts(corpus, keywords, result, tables_dir, figures_dir,
                              csv_dialect, lang)
    paths += [
        _table(with_header(result.pairs, PAIR_COLUMNS), tables_dir, "translation_pairs.csv",
               csv_dialect),
        _table(with_header(result.unit_matches, MATCH_COLUMNS), tables_dir,
               "translation_unit_matches.csv", csv_dialect),
    ]
    names = doc_titles(corpus)
    paths += write_theme_outputs(corpus, keywords.units, result, tables_dir, figures_dir,
                                 csv_dialect, lang)
    n_docs = len(result.doc_themes)
    ids = list(result.doc_themes["doc_id"])[:MAX_SIMILARITY_DOCUMENTS]
    sim = similarity_matrix(result.doc_vectors[:len(ids)])
    language = {d.doc_id: d.language for d in corpus}
    paths += save_figure(similarity_heatmap(
        sim, [names.get(d, d) for d in ids],
        say("similarity", lang) + _first_of(len(ids), n_docs, say("documents", lang), lang),
        [language.get(d, "?") for d in ids], lang),
        "crosslingual_similarity", figures_dir)
    if result.model is not None and model_dir is not None:
        from analysis.topics.persist import save_topic_model

        save_topic_model(result.model, model_dir)
    return paths


def _table(frame, tables_dir: Path, name: str, csv_dialect: str) -> Path:
    from analysis.report.topic_tables import name_new_topic

    return atomic.write_csv(name_new_topic(frame), tables_dir / name, dialect=csv_dialect)


def write_topic_parts(corpus, keywords, result, tables_dir: Path, figures_dir: Path,
                      csv_dialect: str = "standard", lang: str = "en") -> list[Path]:
    """What depends on the topics alone (what ``edit`` writes again): the topic
    tables, passages, topics by group and over time, distinctive terms per topic,
    and the topic keyword and unit map figures."""
    from analysis.report.topic_figures import topic_bars, unit_map

    def table(frame, name):
        return _table(frame, tables_dir, name, csv_dialect)

    units = keywords.units
    topic_names = plain_topic_names(dict(zip(result.topic_info["topic"],
                                             result.topic_info["name"])),
                                    units["language"].nunique())
    groups = list(keywords.by_group)
    documents = document_topic_table(result.doc_topics, corpus.to_frame(), topic_names,
                                     doc_titles(corpus), groups)
    paths = [
        table(result.topic_info, "topic_info.csv"),
        table(result.topic_terms.drop(columns="topic_name"), "topic_terms_by_language.csv"),
        table(units[["unit_id", "doc_id", "language"]].assign(
            topic=result.topics, topic_name=[topic_names.get(t) for t in result.topics],
            text=units["text"]), "unit_topics.csv"),
        table(documents, "document_topics.csv"),
        table(representative_passages(units, result.topics, result.centred),
              "topic_passages.csv"),
    ]
    paths += write_group_and_time_outputs(documents, groups, result.topic_info, topic_names,
                                          table, figures_dir, lang)
    by_topic = distinctive_by_group(keywords.counts, list(result.topics), keywords.vectorizer)
    if len(by_topic):
        paths.append(table(by_topic, "distinctive_by_topic.csv"))
    else:  # one topic: nothing to set apart (an edit may have merged them all)
        (Path(tables_dir) / "distinctive_by_topic.csv").unlink(missing_ok=True)
    topics = list(dict.fromkeys(result.topic_terms["topic"]))
    if topics:
        shown = language_panels(result.topic_terms, result.topic_info,
                                max_topics=MAX_TOPIC_BARS)
        paths += save_figure(topic_bars(shown, say("topic_keywords", lang)
                                        + _first_of(min(len(topics), MAX_TOPIC_BARS),
                                                    len(topics), say("topics_largest", lang),
                                                    lang), lang=lang),
                             "topic_keywords", figures_dir)
    paths += save_figure(unit_map(result.coords, result.topics, units["language"], topic_names,
                                  say("unit_map", lang, n=len(units)), lang),
                         "unit_map", figures_dir)
    return paths


def topic_order(topic_info) -> list:
    """The topics, largest first (by units; equal sizes in topic order)."""
    info = topic_info.sort_values(["count", "topic"], ascending=[False, True], kind="stable")
    return [int(t) for t in info["topic"]]


def write_group_and_time_outputs(documents, groups, topic_info, names: dict, table,
                                 figures_dir: Path, lang: str = "en") -> list[Path]:
    """Per ``--group-by`` column, ``topics_by_<column>.csv`` and its grid; for a dated
    corpus, ``topics_over_time.csv`` and its stacked bars (``table(frame, name)``
    writes a CSV)."""
    from analysis.report.topic_group_figures import topic_group_heatmap, topics_over_time_figure

    names = {int(t): n for t, n in names.items()}
    paths = []
    parts = group_file_names(groups)
    for column in groups:
        frame = topics_by_group(documents, column, names)
        if not len(frame):
            continue
        paths.append(table(frame, f"topics_by_{parts[column]}.csv"))
        paths += save_figure(topic_group_heatmap(
            frame, column, names, say("topics_by_group", lang, column=column), lang),
            f"topics_by_{parts[column]}", figures_dir)
    frame, period = topics_over_time(documents, names)
    if period is not None:
        paths.append(table(frame, "topics_over_time.csv"))
        paths += save_figure(topics_over_time_figure(
            frame, topic_order(topic_info), names,
            say("topics_over_time", lang, period=say(f"period_{period}", lang)), lang),
            "topics_over_time", figures_dir)
    return paths
