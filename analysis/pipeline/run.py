"""The main job: corpus in, tables, figures and a Markdown summary out.

Two back ends run the front of the pipeline (load, clean, units, keywords and,
on Dask, embeddings): :func:`local_front` here and
:func:`analysis.pipeline.dask.dask_front`. Both give the same corpus and keyword
result; the rest runs once, here (:mod:`analysis.pipeline.steps`).
"""

from __future__ import annotations

import dataclasses
import logging

from analysis.io import atomic
from analysis.pipeline.config import RunConfig


def local_front(config: RunConfig, extra_stopwords=frozenset()):
    """``(corpus, keywords, None)``: load, clean, units and keywords in this process
    (the embeddings are made by the topic step)."""
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords

    corpus = load_corpus(config.corpus, text_column=config.text_column,
                         id_column=config.id_column, date_column=config.date_column,
                         max_bytes=config.max_bytes, exclude=config.outputs)
    keywords = analyse_keywords(corpus, unit=config.unit, top_n=config.top_n,
                                max_n=config.max_n, extra_stopwords=extra_stopwords,
                                group_columns=config.group_by)
    return corpus, keywords, None


def run(config: RunConfig | None = None, /, *, log=None, **options) -> str:
    """Run the whole analysis and return the Markdown summary (also written to
    ``<out>/summary.md``, and shown with the figures and key tables in
    ``<out>/report.html``).

    ``config`` is a :class:`RunConfig`; ``options`` are its fields, named as the
    CLI's options (``run(corpus="articles/", top_n=5, cache=False)``).

    Every option and file is checked before the long work starts. The run is
    written into a staging folder beside ``out`` and swapped in whole when it is
    complete (:class:`analysis.io.runfolder.RunFolder`): ``out`` holds one whole
    run, listed with checksums in ``manifest.json``.
    """
    from analysis.io.runfolder import RunFolder

    config = RunConfig.make(config, **options)
    log = log or logging.getLogger("analysis")
    extra = config.check_inputs()
    folder = RunFolder(config.out)
    with folder as staging:
        summary = _run_into(dataclasses.replace(config, out=staging), config, extra, log)
        _commit(folder, config, summary)
        log.info("wrote tables to %s, figures to %s, the report page to %s",
                 config.tables_dir, config.figures_path, config.report_path)
        return summary


def _run_into(config: RunConfig, final: RunConfig, extra, log) -> str:
    """The run, written into ``config.out`` (the staging folder); ``final`` is the
    configuration as given (its ``out`` is never read as input)."""
    from analysis.progress import spinner
    from analysis.report.outputs import RunData
    from analysis.report.page import write_report
    from analysis.report.summary import doc_titles, summary_markdown, summary_sections
    from analysis.report.tables import write_outputs
    from analysis.report.wording import report_language, say

    config_front = dataclasses.replace(config, out=final.out)  # never read out or staging
    if config.backend == "dask":
        from analysis.pipeline.dask import dask_front

        corpus, keywords, embeddings = dask_front(config_front, extra)
    else:
        corpus, keywords, embeddings = local_front(config_front, extra)
    for problem in corpus.problems:
        log.warning("%s", problem)
    log.info("loaded %d document(s) from %s", len(corpus), corpus.source)
    log.info("%d %s unit(s); %d terms", len(keywords.units), config.unit,
             len(keywords.vectorizer.vocabulary_))
    lang = report_language(config.lang, corpus)
    titles = doc_titles(corpus)  # each document's label, used by every part below
    with spinner("writing keyword tables and figures"):
        written = write_outputs(RunData(corpus, keywords, lang=lang, titles=titles),
                                ("keywords",),
                                config.tables_dir, config.figures_path, config.csv_dialect)
    log.info("wrote the keyword tables (%s) and their figures, their words in %s",
             ", ".join(p.name for p in written if p.suffix == ".csv"), lang)
    sections = []
    theme_labels = {}  # the themes' labels in the page's language, when there are themes
    theme_names = {}
    views = [] if config.html_dir is not None else None  # the --html views written
    if not config.keywords_only:
        from analysis.pipeline.steps import analyse_topics_frame

        result = analyse_topics_frame(corpus, keywords, config, embeddings=embeddings)
        log.info("topic model: %s", result.choice)
        with spinner("writing topic and theme tables and figures"):
            topic_files = write_outputs(RunData(corpus, keywords, result, lang, titles=titles),
                                        ("topics", "translations", "themes"),
                                        config.tables_dir, config.figures_path,
                                        config.csv_dialect)
        written += topic_files
        log.info("wrote %d topic and theme tables and %d figures",
                 sum(p.suffix == ".csv" for p in topic_files),
                 sum(p.suffix == ".svg" for p in topic_files))
        if config.html_dir is not None:
            from analysis.report.interactive import write_interactive

            views = write_interactive(result, keywords.units, config.html_dir,
                                      seed=config.seed, log=log, lang=lang,
                                      titles=titles)
            log.info("wrote %d interactive view(s)", len(views))
        from analysis.report.topic_tables import main_topic_counts

        sections = summary_sections(result, titles, lang=lang,
                                    documents=main_topic_counts(result.doc_topics))
        save_run_analysis(config, corpus, keywords, result, log)
        if result.model is not None:
            from analysis.topics.persist import save_topic_model

            save_topic_model(result.model, config.model_dir)
        from analysis.report.theme_outputs import theme_labels_in, theme_names_in

        theme_labels = theme_labels_in(result, lang)
        theme_names = theme_names_in(result, lang)
    summary = summary_markdown(corpus, keywords, sections, lang=lang)
    atomic.write_text(config.summary_path, summary)
    write_report(config, summary, written, views, names=titles,
                 title=say("report_title", lang, corpus=_short(corpus.source)), lang=lang,
                 theme_labels=theme_labels, theme_names=theme_names)
    return summary


def save_run_analysis(config: RunConfig, corpus, keywords, result, log) -> None:
    """The saved analysis that ``search``, ``update`` and ``edit`` read, written into
    ``<out>/saved/`` (``config.out`` is the staging folder, so the manifest lists it)."""
    from pathlib import Path

    from analysis.embed.base import make_encoder
    from analysis.saved import SAVED_DIR, save_analysis

    save_analysis(Path(config.out) / SAVED_DIR, corpus, keywords, result, config,
                  encoder_id=make_encoder(config.encoder).cache_id)
    log.info("saved the analysis for search, update and edit in %s/", SAVED_DIR)


def _commit(folder, config: RunConfig, summary: str) -> None:
    """Swap the complete run in for ``config.out``, with its manifest (the
    settings, paths shown as reports show them, and every file's checksum)."""
    from analysis.io.corpus import display_path

    settings = {}
    for f in dataclasses.fields(RunConfig):
        if f.name in ("out", "cache"):  # where it is, and how fast: not what it holds
            continue
        value = getattr(config, f.name)
        if f.name in ("corpus", "stopwords", "themes") and value is not None:
            value = display_path(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif value is not None and not isinstance(value, int | float | str | bool):
            value = str(value)
        settings[f.name] = value
    folder.commit(settings)


def _short(text, chars: int = 60) -> str:
    """``text`` (a corpus path) cut from the left to at most ``chars`` characters."""
    text = str(text)
    return text if len(text) <= chars else "…" + text[-(chars - 1):]
