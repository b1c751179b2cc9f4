"""UMAP with exact nearest neighbours from scikit-learn, for BERTopic's ``umap_model``.

Below 4,096 points UMAP computes every pairwise distance itself, but for a dense
array it does so through a per-pair call of its numba distance function: on
2,225 BBC articles that step alone takes longer than the rest of the fit. The same
exact neighbours come from one BLAS product in scikit-learn, and UMAP takes them
through its ``precomputed_knn`` parameter. Larger inputs keep UMAP's own
approximate search (NN-descent), which is faster there.
"""

from __future__ import annotations

import warnings

import numpy as np

EXACT_BELOW = 4096  # UMAP's own threshold for computing all distances


class ExactNeighbourUMAP:
    """UMAP (euclidean) whose neighbour graph is computed exactly below ``exact_below``.

    Parameters are UMAP's, stored unchanged; ``fit`` builds the UMAP model
    (``umap_``) and its layout (``embedding_``). ``transform`` of the training
    array returns ``embedding_``; new points are placed at the distance-weighted
    mean of their nearest training points' coordinates (UMAP's own starting
    point for new data).
    """

    def __init__(self, n_neighbors: int = 15, n_components: int = 5, min_dist: float = 0.0,
                 random_state=None, exact_below: int = EXACT_BELOW, n_epochs=None):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.min_dist = min_dist
        self.random_state = random_state
        self.exact_below = exact_below
        self.n_epochs = n_epochs

    def _umap(self, **extra):
        from umap import UMAP

        return UMAP(n_neighbors=self.n_neighbors, n_components=self.n_components,
                    min_dist=self.min_dist, metric="euclidean", random_state=self.random_state,
                    n_epochs=self.n_epochs, n_jobs=1, **extra)

    def fit(self, X, y=None):
        from sklearn.neighbors import NearestNeighbors

        X = np.ascontiguousarray(X, dtype=np.float32)
        if X.ndim != 2 or len(X) <= self.n_neighbors:
            raise ValueError(f"UMAP needs more than n_neighbors={self.n_neighbors} points; "
                             f"got an array of shape {X.shape}")
        self.neighbours_ = NearestNeighbors(n_neighbors=self.n_neighbors).fit(X)
        self.exact_ = len(X) < self.exact_below
        extra = {}
        if self.exact_:
            _, index = self.neighbours_.kneighbors(X)
            # scikit-learn's distances come from dot products, so a point's distance
            # to itself is about 1e-6 rather than 0, which UMAP would take for the
            # distance to its nearest neighbour: take the exact differences instead
            dist = np.empty(index.shape, dtype=np.float64)
            for j in range(index.shape[1]):  # one neighbour rank at a time: n x dim memory
                diff = X - X[index[:, j]]
                dist[:, j] = np.sqrt((diff * diff).sum(axis=1, dtype=np.float64))
            extra["precomputed_knn"] = (index, dist.astype(np.float32), None)
        with warnings.catch_warnings():
            # without an NNDescent index UMAP warns that its transform is unavailable;
            # ours (below) does not need it
            warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]",
                                    category=UserWarning)
            self.umap_ = self._umap(**extra).fit(X, y=y)
        self.embedding_ = self.umap_.embedding_
        self._train = X
        return self

    def fit_transform(self, X, y=None):
        return self.fit(X, y).embedding_

    def transform(self, X):
        X = np.ascontiguousarray(X, dtype=np.float32)
        if X.shape == self._train.shape and np.array_equal(X, self._train):
            return self.embedding_
        if not self.exact_:
            return self.umap_.transform(X)
        dist, index = self.neighbours_.kneighbors(X)
        weights = 1.0 / np.maximum(dist, 1e-6)
        weights /= weights.sum(axis=1, keepdims=True)
        return np.einsum("nk,nkd->nd", weights, self.embedding_[index]).astype(np.float32)
