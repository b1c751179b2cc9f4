"""Outlier reassignment inside the clustering step, before BERTopic builds topics.

BERTopic's ``reduce_outliers(strategy="embeddings")`` moves each outlier (-1) to
the topic whose mean embedding is most similar, after the topic words have been
computed, so the words must then be computed again (``update_topics``): a second
pass of the analyser over the whole corpus. :class:`NearestTopicOutliers` applies
the same rule to the clusterer's labels, so BERTopic computes its c-TF-IDF once,
on the final assignment.
"""

from __future__ import annotations

import numpy as np


def assign_outliers(labels, embeddings) -> np.ndarray:
    """Labels with every -1 replaced by the topic of highest cosine similarity
    between the unit's embedding and the topic's mean embedding."""
    labels = np.array(labels, copy=True)
    outliers = labels == -1
    if not outliers.any() or outliers.all():
        return labels
    vectors = np.asarray(embeddings, dtype=np.float64)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    topics = np.unique(labels[~outliers])
    centres = np.vstack([vectors[labels == t].mean(axis=0) for t in topics])
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    labels[outliers] = topics[(vectors[outliers] @ centres.T).argmax(axis=1)]
    return labels


class NearestTopicOutliers:
    """A clusterer for BERTopic's ``hdbscan_model`` slot that leaves no outlier.

    ``clusterer`` (HDBSCAN) runs on the reduced embeddings BERTopic passes in;
    its outliers are then assigned with :func:`assign_outliers` on
    ``embeddings``, the full vectors of the same units in the same order. When
    the clusterer finds no cluster at all, ``fallback`` (fitted on the full
    embeddings) labels every unit instead and ``fallback_used_`` is set.
    """

    def __init__(self, clusterer, embeddings, fallback=None):
        self.clusterer = clusterer
        self.embeddings = embeddings
        self.fallback = fallback

    def fit(self, X, y=None):
        try:
            self.clusterer.fit(X, y=y)
        except TypeError:
            self.clusterer.fit(X)
        self._train = np.asarray(X)
        raw = np.asarray(self.clusterer.labels_)
        self.n_outliers_ = int((raw == -1).sum())
        self.fallback_used_ = bool((raw == -1).all() and self.fallback is not None)
        if self.fallback_used_:
            self.labels_ = np.asarray(self.fallback.fit_predict(np.asarray(self.embeddings)))
        else:
            self.labels_ = assign_outliers(raw, self.embeddings)
        return self

    def fit_predict(self, X, y=None):
        return self.fit(X, y).labels_

    def predict(self, X):
        """Topics of new reduced points: the nearest centre of the fitted topics in the
        reduced space."""
        from sklearn.metrics import pairwise_distances_argmin

        topics = np.unique(self.labels_)
        centres = np.vstack([self._train[self.labels_ == t].mean(axis=0) for t in topics])
        return topics[pairwise_distances_argmin(np.asarray(X), centres)]
