"""A BERTopic factory that fits the corpus size, and deterministic fitting.

Stock BERTopic (UMAP + HDBSCAN) breaks on small corpora: UMAP's spectral
initialisation fails on 5 points, its k-NN needs more points than neighbours,
and HDBSCAN labels a corpus of 12-30 units as outliers. :func:`choose_submodels`
picks the parts by size and says why:

========================  ==========================================================
units                     sub-models
========================  ==========================================================
1-2                       no topic model: one topic (too few units to compare)
3-29                      no reduction; agglomerative clustering (Ward), number of
                          topics by silhouette, every unit assigned
30-1,999                  UMAP (cosine, n_neighbors scaled to size) + HDBSCAN, outliers
                          reassigned to the nearest topic by embedding
2,000+                    the same, with larger minimum cluster sizes
nr_topics = k             k-means (on the UMAP output when UMAP is used) instead of
                          HDBSCAN, which fixes exactly k topics
========================  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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


def choose_submodels(n_units: int, nr_topics=None, seed: int = 42):
    """Return ``(choice, umap_model, cluster_model)`` for a corpus of ``n_units``."""
    from bertopic.dimensionality import BaseDimensionalityReduction

    k = None if nr_topics in (None, "auto") else int(nr_topics)
    if n_units < 3:
        raise ValueError("use single_topic() below 3 units")
    if n_units < 30:
        choice = Choice("small corpus", "no reduction", "Ward clustering, k by silhouette"
                        if k is None else f"Ward clustering, k={k}",
                        f"{n_units} units are too few for UMAP's neighbour graph and for "
                        "HDBSCAN's density estimate")
        return choice, BaseDimensionalityReduction(), SilhouetteAgglomerative(k)
    from umap import UMAP

    neighbours = int(min(15, max(5, n_units // 20)))
    umap_model = UMAP(n_neighbors=neighbours, n_components=5, min_dist=0.0, metric="cosine",
                      random_state=seed, n_jobs=1, init="spectral" if n_units > 50 else "random")
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
                      embedding_model=None, seed_topic_list=None, top_n_words: int = 10):
    """A configured (unfitted) BERTopic and the factory's :class:`Choice`."""
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer

    choice, umap_model, cluster_model = choose_submodels(n_units, nr_topics, seed)
    model = BERTopic(
        embedding_model=embedding_model, umap_model=umap_model, hdbscan_model=cluster_model,
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        seed_topic_list=seed_topic_list, top_n_words=top_n_words,
        min_topic_size=2, calculate_probabilities=False, verbose=False)
    return model, choice


def fit_topics(docs, embeddings, vectorizer, nr_topics=None, seed: int = 42,
               embedding_model=None, seed_topic_list=None):
    """Fit a topic model sized for ``docs``; returns ``(model, topics, choice)``.

    ``model`` is ``None`` for fewer than 3 units (all in topic 0). Outliers (-1)
    are reassigned to their nearest topic by embedding.
    """
    n = len(docs)
    if n < 3:
        choice = Choice("tiny corpus", "none", "none",
                        f"{n} unit(s) cannot be compared: everything is topic 0; "
                        "use a smaller unit (--unit paragraph or sentence) for topics")
        return None, np.zeros(n, dtype=int), choice
    model, choice = build_topic_model(n, vectorizer, nr_topics, seed, embedding_model,
                                      seed_topic_list if embedding_model is not None else None)
    topics, _ = model.fit_transform(docs, embeddings=embeddings)
    topics = np.asarray(topics)
    if (topics == -1).any() and (topics != -1).any():
        topics = np.asarray(model.reduce_outliers(docs, topics, strategy="embeddings",
                                                  embeddings=embeddings, threshold=0.0))
        model.update_topics(docs, topics=topics.tolist(), vectorizer_model=vectorizer)
    return model, topics, choice


def bertopic_backend(encoder):
    """Wrap one of this package's encoders as a BERTopic ``BaseEmbedder``."""
    from bertopic.backend import BaseEmbedder

    class _Backend(BaseEmbedder):
        def __init__(self, enc):
            super().__init__()
            self.embedding_model = enc

        def embed(self, documents, verbose=False):
            return self.embedding_model.encode(list(documents))

    return _Backend(encoder)
