"""A BERTopic factory that fits the corpus size, and deterministic fitting.

Stock BERTopic (UMAP + HDBSCAN) breaks on small corpora: UMAP's spectral
initialisation fails on 5 points, its k-NN needs more points than neighbours,
and HDBSCAN labels a corpus of 12-30 units as outliers. :func:`choose_submodels`
picks the parts by size and says why:

========================  ==========================================================
units                     sub-models
========================  ==========================================================
1-2                       no topic model: one topic (too few units to compare)
3-59                      no reduction; agglomerative clustering (Ward), number of
                          topics by silhouette, every unit assigned
60-1,999                  UMAP (cosine, n_neighbors scaled to size) + HDBSCAN, outliers
                          reassigned to the nearest topic by embedding; if HDBSCAN
                          finds no cluster at all, the small-corpus clustering is used
2,000+                    the same, with larger minimum cluster sizes
nr_topics = k             k-means (on the UMAP output when UMAP is used) instead of
                          HDBSCAN, which fixes exactly k topics
500,000+ (or online=True) BERTopic's online mode: ``partial_fit`` over batches with
                          IncrementalPCA, MiniBatchKMeans and OnlineCountVectorizer
                          (around the package's analyser), memory bounded by the batch
========================  ==========================================================
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np


@contextmanager
def quiet_bertopic():
    """Hold BERTopic's logger at ERROR for the duration of a call.

    BERTopic warns when topics are assigned by hand (our outlier reduction) and
    when a model is saved without a hub pointer to its embedding model (ours is
    an offline wheel): both are expected here and would only clutter the
    analyst's log and the notebooks. The level is restored afterwards.
    """
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass
class Choice:
    """What the factory picked, in words."""

    regime: str
    reduction: str
    clustering: str
    reason: str

    def __str__(self) -> str:
        return f"{self.regime}: {self.reduction} + {self.clustering} ({self.reason})"


class SilhouetteAgglomerative:
    """Ward clustering with the number of clusters chosen by silhouette.

    A clusterer for BERTopic's ``hdbscan_model`` slot on small corpora: every
    unit is assigned, and ``n_clusters=None`` tries 2..``max_clusters``.
    """

    def __init__(self, n_clusters=None, max_clusters: int = 8):
        self.n_clusters = n_clusters
        self.max_clusters = max_clusters

    def fit(self, X, y=None):
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.metrics import silhouette_score

        X = np.asarray(X)
        n = len(X)
        if self.n_clusters:
            ks = [min(self.n_clusters, n)]
        else:
            ks = list(range(2, min(self.max_clusters, n - 1) + 1)) or [1]
        best = None
        for k in ks:
            labels = AgglomerativeClustering(n_clusters=k).fit_predict(X) if k > 1 \
                else np.zeros(n, dtype=int)
            score = silhouette_score(X, labels) if 1 < k < n else -1.0
            if best is None or score > best[0] + 1e-9:
                best = (score, k, labels)
        self.silhouette_, self.n_clusters_, self.labels_ = best
        return self

    def predict(self, X):
        from sklearn.metrics import pairwise_distances_argmin

        X = np.asarray(X)
        centres = np.vstack([self._X[self.labels_ == k].mean(axis=0)
                             for k in range(self.n_clusters_)])
        return pairwise_distances_argmin(X, centres)

    def fit_predict(self, X, y=None):
        self._X = np.asarray(X)
        return self.fit(X).labels_


SMALL_CORPUS = 60


def choose_submodels(n_units: int, nr_topics=None, seed: int = 42):
    """Return ``(choice, umap_model, cluster_model)`` for a corpus of ``n_units``."""
    from bertopic.dimensionality import BaseDimensionalityReduction

    k = None if nr_topics in (None, "auto") else int(nr_topics)
    if n_units < 3:
        raise ValueError("use single_topic() below 3 units")
    if n_units < SMALL_CORPUS:
        choice = Choice("small corpus", "no reduction", "Ward clustering, k by silhouette"
                        if k is None else f"Ward clustering, k={k}",
                        f"{n_units} units are too few for UMAP's neighbour graph and for "
                        "HDBSCAN's density estimate")
        return choice, BaseDimensionalityReduction(), SilhouetteAgglomerative(k)
    from .reduction import ExactNeighbourUMAP

    neighbours = int(min(15, max(5, n_units // 20)))
    # The embeddings are unit vectors, so euclidean distance ranks neighbours as cosine
    # does; below 4,096 units the neighbours are exact and come from scikit-learn.
    umap_model = ExactNeighbourUMAP(n_neighbors=neighbours, n_components=5, min_dist=0.0,
                                    random_state=seed)
    if k is not None:
        from sklearn.cluster import KMeans

        choice = Choice("medium corpus" if n_units < 2000 else "large corpus",
                        f"UMAP (5-d, {neighbours} neighbours)", f"k-means, k={k}",
                        "a fixed number of topics was asked for")
        return choice, umap_model, KMeans(n_clusters=k, n_init=10, random_state=seed)
    from hdbscan import HDBSCAN

    min_size = int(max(5, min(100, n_units // 50)))
    choice = Choice("medium corpus" if n_units < 2000 else "large corpus",
                    f"UMAP (5-d, {neighbours} neighbours)",
                    f"HDBSCAN (min_cluster_size={min_size}) + outlier reduction",
                    "enough units for a density-based number of topics")
    return choice, umap_model, HDBSCAN(min_cluster_size=min_size, metric="euclidean",
                                       cluster_selection_method="eom", prediction_data=True)


def build_topic_model(n_units: int, vectorizer, nr_topics=None, seed: int = 42,
                      embedding_model=None, seed_topic_list=None, top_n_words: int = 10,
                      zeroshot_topic_list=None, zeroshot_min_similarity: float = 0.7):
    """A configured (unfitted) BERTopic and the factory's :class:`Choice`.

    ``seed_topic_list`` turns on BERTopic's guided mode, ``zeroshot_topic_list`` its
    zero-shot mode (units closer than ``zeroshot_min_similarity`` to a label are
    assigned to it before clustering); both need ``embedding_model``.
    """
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer

    choice, umap_model, cluster_model = choose_submodels(n_units, nr_topics, seed)
    model = BERTopic(
        embedding_model=embedding_model, umap_model=umap_model, hdbscan_model=cluster_model,
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        seed_topic_list=seed_topic_list, top_n_words=top_n_words,
        zeroshot_topic_list=zeroshot_topic_list,
        zeroshot_min_similarity=zeroshot_min_similarity,
        min_topic_size=2, calculate_probabilities=False, verbose=False)
    return model, choice


ONLINE_UNITS = 500_000


def fit_topics_online(docs, embeddings, vectorizer, nr_topics=None, seed: int = 42,
                      batch_size: int = 20_000):
    """BERTopic's online mode: ``partial_fit`` batch by batch.

    IncrementalPCA (5-d) stands in for UMAP, MiniBatchKMeans for HDBSCAN, and
    BERTopic's OnlineCountVectorizer wraps the package's language-aware analyser,
    so topic words are lemmatised phrases as elsewhere. Returns
    ``(model, topics, choice)`` with the topic of every unit, batch after batch.
    """
    from bertopic import BERTopic
    from bertopic.vectorizers import OnlineCountVectorizer
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import IncrementalPCA

    k = 20 if nr_topics in (None, "auto") else int(nr_topics)
    n = len(docs)
    batch_size = max(batch_size, k, 5)
    online_vectorizer = OnlineCountVectorizer(analyzer=vectorizer.build_analyzer(),
                                              decay=0.01)
    model = BERTopic(umap_model=IncrementalPCA(n_components=5),
                     hdbscan_model=MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3),
                     vectorizer_model=online_vectorizer, verbose=False)
    topics = []
    with quiet_bertopic():
        for start in range(0, n, batch_size):
            stop = min(n, start + batch_size)
            # one dtype for every batch (MiniBatchKMeans keeps its first batch's)
            batch = np.asarray(embeddings[start:stop], dtype=np.float64)
            if stop - start < k and start > 0:  # a short last batch: predict, don't fit
                topics.extend(model.hdbscan_model.predict(
                    model.umap_model.transform(batch)).tolist())
                continue
            model.partial_fit(docs[start:stop], embeddings=batch)
            topics.extend(model.topics_)
    choice = Choice("online", "IncrementalPCA (5-d)", f"MiniBatchKMeans, k={k}",
                    f"{n} units are fitted in batches of {batch_size} with partial_fit, "
                    "so memory stays bounded")
    return model, np.asarray(topics), choice


def fit_topics(docs, embeddings, vectorizer, nr_topics=None, seed: int = 42,
               embedding_model=None, seed_topic_list=None, zeroshot_topic_list=None,
               zeroshot_min_similarity: float = 0.7, online: bool | None = None):
    """Fit a topic model sized for ``docs``; returns ``(model, topics, choice)``.

    ``model`` is ``None`` for fewer than 3 units (all in topic 0). Outliers (-1)
    are reassigned to their nearest topic by embedding.
    """
    n = len(docs)
    if online or (online is None and n >= ONLINE_UNITS):
        return fit_topics_online(list(docs), embeddings, vectorizer, nr_topics, seed)
    if n < 3:
        choice = Choice("tiny corpus", "none", "none",
                        f"{n} unit(s) cannot be compared: everything is topic 0; "
                        "use a smaller unit (--unit paragraph or sentence) for topics")
        return None, np.zeros(n, dtype=int), choice
    guided = embedding_model is not None
    model, choice = build_topic_model(
        n, vectorizer, nr_topics, seed, embedding_model,
        seed_topic_list if guided else None,
        zeroshot_topic_list=zeroshot_topic_list if guided and n >= SMALL_CORPUS else None,
        zeroshot_min_similarity=zeroshot_min_similarity)
    # BERTopic's guided mode edits the embeddings it is given in place: give it a copy
    work = np.array(embeddings, copy=True)
    from hdbscan import HDBSCAN

    # (in zero-shot mode BERTopic clusters only the units it did not assign to a
    # zero-shot label, so its own outlier reduction is used there)
    zeroshot = model.zeroshot_topic_list is not None
    if isinstance(model.hdbscan_model, HDBSCAN) and not zeroshot:
        from .outliers import NearestTopicOutliers

        model.hdbscan_model = NearestTopicOutliers(
            model.hdbscan_model, work, fallback=SilhouetteAgglomerative(max_clusters=12))
    with quiet_bertopic():
        topics, _ = model.fit_transform(docs, embeddings=work)
    if getattr(model.hdbscan_model, "fallback_used_", False):
        choice = Choice(choice.regime, choice.reduction, "Ward clustering, k by silhouette",
                        "HDBSCAN found no cluster, so every unit was assigned by Ward "
                        "clustering of the full embeddings instead")
    topics = np.asarray(topics)
    if zeroshot and (topics == -1).any() and (topics != -1).any():
        with quiet_bertopic():
            topics = np.asarray(model.reduce_outliers(docs, topics, strategy="embeddings",
                                                      embeddings=work, threshold=0.0))
            model.update_topics(docs, topics=topics.tolist(), vectorizer_model=vectorizer)
    return model, topics, choice


def bertopic_backend(encoder, cache_root=None):
    """Wrap one of this package's encoders as a BERTopic ``BaseEmbedder``; with
    ``cache_root``, texts BERTopic embeds itself (the seed-topic word lists of
    guided mode) go through the embedding cache too."""
    from bertopic.backend import BaseEmbedder

    from .cache import embed

    class _Backend(BaseEmbedder):
        def __init__(self, enc):
            super().__init__()
            self.embedding_model = enc

        def embed(self, documents, verbose=False):
            return embed(list(documents), self.embedding_model, cache_root)

    return _Backend(encoder)


def save_topic_model(model, path) -> None:
    """Save a fitted BERTopic with safetensors (never pickle), atomically: the
    folder is written beside ``path`` and renamed into place.

    BERTopic's own safetensors format can only rebuild a stock ``CountVectorizer``,
    so its c-TF-IDF is not saved; the language-aware vectoriser is saved beside it
    as JSON (its parameters, vocabulary and display names) and restored by
    :func:`load_topic_model`.
    """
    import json
    import shutil

    from .atomic import atomic_dir

    saved = getattr(model, "saved_path", None)
    if saved is not None and model._model is not None:
        model, saved = model._model, None  # loaded, maybe changed: save it
    with atomic_dir(path) as tmp:
        if saved is not None:  # a model from the fit cache, never loaded: copy its folder
            shutil.copytree(saved, tmp, dirs_exist_ok=True)
            return
        with quiet_bertopic():
            model.save(tmp, serialization="safetensors", save_ctfidf=False,
                       save_embedding_model=False)
        vec = model.vectorizer_model
        if hasattr(vec, "vocabulary_") and hasattr(vec, "display_names_"):
            params = {k: v for k, v in vec.get_params().items() if k != "dtype"}
            params = {k: list(v) if isinstance(v, tuple | frozenset | set) else v
                      for k, v in params.items()}
            state = {"class": type(vec).__name__, "params": params,
                     "vocabulary": {t: int(i) for t, i in vec.vocabulary_.items()},
                     "display_names": [str(x) for x in vec.display_names_]}
            (tmp / "language_aware_vectorizer.json").write_text(
                json.dumps(state, ensure_ascii=False), encoding="utf-8")


def load_topic_model(path, embedding_model=None):
    """Load a topic model saved by :func:`save_topic_model`."""
    import json
    from pathlib import Path

    from bertopic import BERTopic

    from . import vectorize

    with quiet_bertopic():
        model = BERTopic.load(str(path), embedding_model=embedding_model)
    state_file = Path(path) / "language_aware_vectorizer.json"
    if state_file.exists():
        state = json.loads(state_file.read_text(encoding="utf-8"))
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in state["params"].items()}
        vec = getattr(vectorize, state["class"])(**params)
        vec.vocabulary_ = state["vocabulary"]
        vec.display_names_ = np.array(state["display_names"], dtype=object)
        model.vectorizer_model = vec
    return model
