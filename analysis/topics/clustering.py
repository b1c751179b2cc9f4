"""Topic clustering that holds: the same topics on any machine, the right number of
topics on real corpora.

Why the topics used to move. UMAP's layout is chaotic (a change of one float32
ULP in one vector moves the whole layout) and HDBSCAN's density threshold turns
that into different clusters; the outcome depended on the BLAS kernel, the thread
count, numpy's CPU-specific sort and the embedding cache's history.

What holds instead, and why:

1. **No chaotic step decides.** Topics are k-means partitions of the unit vectors
   themselves (:class:`StableKMeans`). k-means is piecewise constant in its input:
   a relative change of 1e-6 in the vectors moves a unit only if it lies within
   about 1e-6 of the boundary between two centres, or if two restarts end within
   1e-6 of the same inertia. Both are rare on real data and never happen on the
   bundled corpus (``tests/test_stability.py`` draws the noise).
2. **Every step before it is continuous.** The representation
   (:func:`topic_space`) is a language-centred embedding, optionally joined by a
   lexical (TF-IDF + SVD) part, and smoothed over nearest neighbours with
   weights that fall to zero at the cut-off (:func:`soft_knn_smooth`), so a
   neighbour entering or leaving the list changes nothing abruptly.
3. **No tie is broken by the CPU.** Cluster ids are ordered by size, then by the
   position of their first unit (a lexsort); the neighbour cut-off keeps or
   drops tied neighbours together.
4. **The number of topics comes from stability under resampling** (Lange, Roth,
   Braun and Buhmann 2004; Ben-Hur, Elisseeff and Guyon 2002): for each k,
   k-means is fitted on :data:`N_RESAMPLES` random subsamples of 80 % of the
   units, each fit labels all the units, and the stability is the mean
   normalised mutual information between every two of these labellings. The
   same is measured on a null sample of the same geometry: a Gaussian with the
   units' mean and covariance, drawn in the same space as the units (the
   principal components the scan runs on, not re-normalised). Raw stability
   always favours small k (any cloud splits stably in two along its main axis);
   the null takes that part out, so the k that wins is the one whose partition
   is more stable than a structureless cloud of the same shape; as gains level
   off at large k, the smallest k within 90 % of the best gain is taken. When no
   k gains at least :data:`MIN_GAIN`, the units are one topic. The scan runs on
   the first 100 principal components of (a seeded sample of 2,000 of) the
   units, the final partition on all of them. Measured (bench/RESULTS.md): BBC
   picks 5 (its 5 labels) on the whole corpus and on half of it; SIB-200's three
   languages pick 8 (7 labels), THUCNews headlines 9 (10 labels). Known limit:
   a few tight blobs far apart give a null that keeps their layout (its
   covariance is theirs), so k can come out too small there; news corpora,
   whose topics overlap, are not like that.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils.validation import check_is_fitted, validate_data

SMOOTH_MAX_UNITS = 20_000
WEIGHT_FLOOR = 0.05
PARSIMONY = 0.9
MIN_GAIN = 0.15
N_RESAMPLES = 16
SUBSAMPLE = 0.8


def normalise_rows(X: np.ndarray) -> np.ndarray:
    """Each row divided by its length (zero rows stay zero)."""
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(norms == 0, 1.0, norms)


def soft_knn_smooth(X: np.ndarray, n_neighbors: int = 10, block: int = 1024) -> np.ndarray:
    """Each unit vector plus a weighted mean of its nearest neighbours, re-normalised.

    A neighbour's weight is its cosine minus the cosine of the first neighbour
    left out, so the weight is zero at the cut-off and the result is a
    continuous function of the input (tied neighbours at the cut-off all get
    weight zero); the weights are divided by their sum, or by
    :data:`WEIGHT_FLOOR` when the sum is smaller, so that division cannot jump
    either. Cost: n^2 * dim, done in row blocks.
    """
    X = np.asarray(X, dtype=np.float64)
    n = len(X)
    m = min(n_neighbors, n - 2)
    if m < 1:
        return X.copy()
    out = np.empty_like(X)
    for start in range(0, n, block):
        stop = min(n, start + block)
        sims = X[start:stop] @ X.T
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # not oneself
        # the (m+1)-th largest cosine of each row: a value, so ties cannot matter
        cut = -np.partition(-sims, m, axis=1)[:, m:m + 1]
        weights = np.where(sims > cut, sims - cut, 0.0)
        # a weighted mean, except when all weights are tiny (every neighbour about as
        # near as the cut-off): then the pull fades out instead of jumping
        weights /= np.maximum(weights.sum(axis=1, keepdims=True), WEIGHT_FLOOR)
        out[start:stop] = X[start:stop] + weights @ X
    return normalise_rows(out)


def topic_space(embeddings, languages, counts=None, lexical: bool | None = None,
                n_components: int = 100, n_neighbors: int = 10,
                random_state: int = 42) -> np.ndarray:
    """The vectors the topics are clustered in (float64, one row per unit).

    - the embeddings, centred per language (so translations fall together);
    - with ``lexical`` (``None``: when one language holds at least 90 % of the
      units and a unit has :data:`MIN_LEXICAL_TERMS` distinct terms or more, at
      the median), a lexical part of the same weight: sublinear TF-IDF of the keyword
      step's lemmatised ``counts`` (terms in at least two units), reduced by
      truncated SVD. On BBC it lifts k-means from NMI 0.85 to 0.89. It is left
      out of mixed-language corpora because vocabularies differ by language and
      would split the topics by language;
    - smoothed over ``n_neighbors`` neighbours up to 20,000 units.
    """
    from analysis.topics.crosslingual import centre_by_language

    languages = list(languages)
    X = normalise_rows(np.asarray(centre_by_language(np.asarray(embeddings, dtype=np.float64),
                                                 languages), dtype=np.float64))
    if lexical is None:
        _, sizes = np.unique(np.asarray(languages, dtype=object), return_counts=True)
        lexical = (counts is not None and len(X) >= 20 and sizes.max() >= 0.9 * len(X)
                   and _median_terms(counts) >= MIN_LEXICAL_TERMS)
    if lexical and counts is not None:
        lex = lexical_part(counts, n_components, random_state)
        if lex is not None:
            lex = normalise_rows(np.asarray(centre_by_language(lex, languages), dtype=np.float64))
            X = normalise_rows(np.hstack([X, lex]))
    if len(X) <= SMOOTH_MAX_UNITS:
        X = soft_knn_smooth(X, n_neighbors)
    return X


# A unit's distinct terms (words and phrases) below which its word counts are too
# sparse to help: on 5,000 THUCNews headlines (median 8) the lexical part alone
# scores NMI 0.23 and pulls the topics from 0.59 to 0.49; BBC articles have 155
MIN_LEXICAL_TERMS = 25


def _median_terms(counts) -> float:
    from scipy import sparse

    return float(np.median(sparse.csr_matrix(counts).getnnz(axis=1)))


def lexical_part(counts, n_components: int = 100, random_state: int = 42):
    """Unit vectors from term counts: sublinear TF-IDF of the terms seen in two or
    more units, truncated SVD, L2-normalised; ``None`` when too few terms."""
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = sparse.csr_matrix(counts)
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= 2)
    k = min(n_components, counts.shape[0] - 1, len(keep) - 1)
    if k < 2:
        return None
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, keep])
    reduced = TruncatedSVD(k, random_state=random_state).fit_transform(tfidf)
    return normalise_rows(reduced)


def gaussian_null(X: np.ndarray, random_state: int = 0) -> np.ndarray:
    """A sample of the same size from a Gaussian with ``X``'s mean and covariance, in
    ``X``'s own space (no projection: the null has the geometry of the data it is
    compared with).

    Drawn as ``mean + W @ (X - mean) / sqrt(n)`` with ``W`` standard normal: linear
    in ``X``, so the null moves continuously with the data (no eigenvectors to
    rotate when two eigenvalues are close).
    """
    rng = np.random.default_rng(random_state)
    n = len(X)
    mean = X.mean(axis=0)
    W = rng.standard_normal((n, n))
    return mean + (W @ (X - mean)) / np.sqrt(n)


def resampled_labellings(X: np.ndarray, k: int, n_resamples: int = N_RESAMPLES,
                         fraction: float = SUBSAMPLE, random_state: int = 0) -> list:
    """``n_resamples`` labellings of all of ``X``, each by a k-means fitted on its own
    random subsample of ``fraction`` of the rows (seeds ``random_state``,
    ``random_state + 1``, ...)."""
    rng = np.random.default_rng(random_state)
    n = len(X)
    size = max(k, int(round(fraction * n)))
    subsamples = [np.sort(rng.choice(n, size, replace=False)) for _ in range(n_resamples)]
    return in_parallel(lambda r: _kmeans(X[subsamples[r]], k, random_state + r).predict(X),
                       range(n_resamples))


def in_parallel(fn, items, workers: int | None = None) -> list:
    """``[fn(item) for item in items]``, the calls spread over ``workers`` threads
    (default: the cores this process may use), each call with one OpenMP thread
    and BLAS at one thread meanwhile.

    For many small k-means fits (the choice of k: 16 subsamples of 1,600 units
    per k and sample): one thread per fit, fits side by side, instead of each
    fit's loops split over the cores, with a start and a join per iteration of
    a loop that is short at that size. The choice of k on 20,000 Reuters
    sentences took 69 s instead of 434 s on this 2-core machine under a load
    near 6, with the same scores to the last bit. Each fit is seeded by its own
    item, so the results, and their order, do not depend on which thread runs
    what; they are those of a one-thread machine (as with
    ``OMP_NUM_THREADS=1``), which the stability tests hold to the same tables.
    """
    from threadpoolctl import threadpool_limits

    from analysis.embed.base import default_threads

    items = list(items)
    workers = min(len(items), workers or default_threads())

    def one(item):
        # OpenMP's thread count is a setting of the calling thread
        with threadpool_limits(limits=1, user_api="openmp"):
            return fn(item)

    # BLAS's is process-wide: set once here, around all the calls, so that the
    # fits' own nested limits never restore another value while others run
    with threadpool_limits(limits=1, user_api="blas"):
        if workers <= 1:
            return [one(item) for item in items]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, items))


def resampling_stability(labellings) -> float:
    """Mean normalised mutual information between every two labellings."""
    from sklearn.metrics import normalized_mutual_info_score

    return float(np.mean([normalized_mutual_info_score(a, b)
                          for a, b in itertools.combinations(labellings, 2)]))


def principal_components(X: np.ndarray, n_components: int | None) -> np.ndarray:
    """``X`` centred and projected on its first ``n_components`` principal axes (all of
    ``X`` when ``None`` or when it has no more dimensions). Distances within the kept
    subspace do not depend on the axes' signs or on how near-equal axes are rotated."""
    if n_components is None or n_components >= min(X.shape):
        return X
    centred = X - X.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ vt[:n_components].T


def order_by_size(labels: np.ndarray) -> np.ndarray:
    """Relabel clusters 0, 1, ... by decreasing size; equal sizes by the position of
    the cluster's first unit. The same partition always gets the same ids."""
    labels = np.asarray(labels)
    ids, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = np.lexsort((first, -sizes))  # last key first: size, then first position
    new = np.empty(len(ids), dtype=np.int64)
    new[order] = np.arange(len(ids))
    return new[np.searchsorted(ids, labels)]


def _kmeans(X, k, random_state, n_init=1):
    from sklearn.cluster import KMeans

    with warnings.catch_warnings():  # duplicate points: fewer distinct clusters than k
        warnings.simplefilter("ignore", category=UserWarning)
        from sklearn.exceptions import ConvergenceWarning

        warnings.simplefilter("ignore", category=ConvergenceWarning)
        return KMeans(n_clusters=k, n_init=n_init, random_state=random_state).fit(X)


def restarts(X, k: int, n_restarts: int, random_state: int) -> list:
    """``n_restarts`` k-means runs of one initialisation each, seeds
    ``random_state``, ``random_state + 1``, ..."""
    return [_kmeans(X, k, random_state + r) for r in range(n_restarts)]


def lowest_inertia(runs):
    """The run with the lowest inertia; equal inertias: the earliest seed."""
    return min(enumerate(runs), key=lambda pair: (pair[1].inertia_, pair[0]))[1]


class StableKMeans(ClusterMixin, BaseEstimator):
    """k-means whose k, when not given, is chosen by stability against a null.

    Parameters
    ----------
    n_clusters : int or "auto"
        The number of topics, or ``"auto"``.
    min_clusters, max_clusters : int
        The range of k tried in ``"auto"`` mode (``max_clusters`` is also held
        below a fifth of the units).
    n_restarts : int
        k-means runs of the final partition (each with its own seed); the best of
        them (lowest inertia) is kept.
    n_resamples : int
        Subsamples per k in ``"auto"`` mode; the stability is the agreement of the
        k-means fits on them (see the module docstring).
    sample_size : int
        Units used to choose k (a seeded random sample above this size); the
        final partition is fitted on all units.
    scan_dims : int or None
        The choice of k runs on the sample's first ``scan_dims`` principal
        components (``None``: all dimensions). At 100 it picks the same k as on all
        612 dimensions on BBC and MasakhaNEWS, in about a third of the time.
    random_state : int
        Seed of everything random here.

    Attributes
    ----------
    labels_ : ndarray of int
        Cluster of each unit; 0 is the largest cluster.
    cluster_centers_ : ndarray
        Centres in the order of the labels.
    n_clusters_ : int
    scores_ : dict
        ``{k: (stability, null stability)}`` for every k tried (empty if k was
        given): mean NMI between the labellings of k-means fitted on subsamples.
    """

    def __init__(self, n_clusters="auto", min_clusters: int = 2, max_clusters: int = 16,
                 n_restarts: int = 6, n_resamples: int = N_RESAMPLES, sample_size: int = 2000,
                 scan_dims: int | None = 100, random_state: int = 42):
        self.n_clusters = n_clusters
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.n_restarts = n_restarts
        self.n_resamples = n_resamples
        self.sample_size = sample_size
        self.scan_dims = scan_dims
        self.random_state = random_state

    def _candidate_ks(self, n: int) -> list[int]:
        top = min(self.max_clusters, max(self.min_clusters, n // 5))
        return list(range(self.min_clusters, top + 1))

    def fit(self, X, y=None):
        X = validate_data(self, X, dtype=np.float64)
        n = len(X)
        if n < 2:
            raise ValueError(f"StableKMeans needs at least 2 samples, got n_samples={n}")
        if self.n_restarts < 1:
            raise ValueError("n_restarts must be at least 1")
        if self.n_resamples < 2:
            raise ValueError("n_resamples must be at least 2")
        seed = int(self.random_state)
        self.scores_ = {}
        if self.n_clusters in (None, "auto"):
            k = self._choose_k(X, seed)
        else:
            k = int(self.n_clusters)
            if not 1 <= k:
                raise ValueError(f"n_clusters must be positive, got {self.n_clusters}")
        k = min(k, n)
        raw = lowest_inertia(restarts(X, k, self.n_restarts, seed)).labels_ if k > 1 \
            else np.zeros(n, dtype=np.int64)
        self.labels_ = order_by_size(raw)
        self.n_clusters_ = int(self.labels_.max()) + 1
        self.cluster_centers_ = np.vstack([X[self.labels_ == c].mean(axis=0)
                                           for c in range(self.n_clusters_)])
        return self

    def _choose_k(self, X, seed: int) -> int:
        """Fill ``scores_`` and return the chosen k (see the module docstring)."""
        sample = X
        if len(X) > self.sample_size:
            rng = np.random.default_rng(seed)
            sample = X[np.sort(rng.choice(len(X), self.sample_size, replace=False))]
        sample = principal_components(sample, self.scan_dims)
        null = gaussian_null(sample, seed)
        from analysis.progress import progress_bar

        for k in progress_bar(self._candidate_ks(len(sample)), desc="choosing k", unit="k"):
            self.scores_[k] = tuple(
                resampling_stability(resampled_labellings(points, k, self.n_resamples,
                                                          random_state=seed))
                for points in (sample, null))
        gains = {k: real - chance for k, (real, chance) in self.scores_.items()}
        best = max(gains.values())
        if best < MIN_GAIN:  # no split is more stable than chance: one topic
            return 1
        # the simplest k within PARSIMONY of the best gain (gains level off at large k)
        floor = best - (1 - PARSIMONY) * abs(best)  # a negative best gain is kept too
        return min(k for k, gain in gains.items() if gain >= floor)

    def predict(self, X):
        check_is_fitted(self, "cluster_centers_")
        from sklearn.metrics import pairwise_distances_argmin

        X = validate_data(self, X, dtype=np.float64, reset=False)
        # in chunks; the first minimum wins a tie, i.e. the larger cluster
        return pairwise_distances_argmin(X, self.cluster_centers_)
