"""What the saved topics do not cover: units flagged new, and candidate new topics.

A new unit's closeness to the saved analysis is its mean cosine to its
:data:`NEIGHBOURS` nearest saved units; it is *new* when that is below the
:data:`NOVELTY_QUANTILE` quantile of the same measure over the saved units
themselves (each against the others), measured when the analysis was saved
(``novelty`` in ``analysis.json``). The new units of a batch, when there are at
least ``min_size`` of them, are grouped by k-means (k chosen by stability,
:class:`analysis.topics.clustering.StableKMeans`); each group of ``min_size`` units
or more is a candidate new topic with its own words, the rest stay ``new``.

Why five neighbours and the 10 % quantile (``bench/bench_update.py --study``, a class
left out of the fit and added by update, beside held-back documents of the fitted
classes, all at the 10 % quantile): the mean over 5 neighbours flags 91.4 % of BBC
sport (11.1 % of held-back documents), 95.5 % of BBC tech (8.2 %) and 72.5 % of
MasakhaNEWS English sports (10.8 %); the nearest unit alone 89.8 % (11.1 %), 89.5 %
(9.3 %) and 73.5 % (9.5 %); the cosine to the topic's centre against each topic's
own spread 86.5 %, 93.8 % and 47.5 %. One neighbour is a noisy measure of how far a
unit lies from everything seen; five smooth it. An analysis saved before this rule
(no ``neighbours`` in its profile) is read with one neighbour, as it was measured.
"""

from __future__ import annotations

import numpy as np

NOVELTY_QUANTILE = "0.1"
NEIGHBOURS = 5
MIN_NEW_TOPIC = 5
MIN_NEW_SHARE = 0.02


def novelty_threshold(meta: dict, quantile: str = NOVELTY_QUANTILE) -> float:
    quantiles = meta.get("novelty", {}).get("quantiles", {})
    return float(quantiles.get(quantile, -1.0))


def novelty_neighbours(meta: dict) -> int:
    """The neighbours the saved profile was measured with (1 before the profile
    said)."""
    return int(meta.get("novelty", {}).get("neighbours", 1))


def min_new_topic(n_units: int, given: int | None = None) -> int:
    """Units a candidate new topic needs: ``given``, else the larger of
    :data:`MIN_NEW_TOPIC` and :data:`MIN_NEW_SHARE` of the batch's units."""
    if given is not None:
        return max(2, int(given))
    return max(MIN_NEW_TOPIC, int(np.ceil(MIN_NEW_SHARE * n_units)))


def candidate_topics(vectors: np.ndarray, min_size: int, first_id: int, seed: int,
                     max_topics: int = 8) -> np.ndarray:
    """Each new unit's candidate topic id (from ``first_id``), or -1 where its group
    is smaller than ``min_size``."""
    from analysis.topics.clustering import StableKMeans

    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    if n < min_size:
        return labels
    if n < 2 * min_size:
        groups = np.zeros(n, dtype=np.int64)
    else:
        groups = StableKMeans("auto", max_clusters=max_topics, random_state=seed).fit(
            np.asarray(vectors, dtype=np.float64)).labels_
    sizes = np.bincount(groups)
    next_id = first_id
    for g in np.argsort(-sizes, kind="stable"):  # largest first, then by group
        if sizes[g] >= min_size:
            labels[groups == g] = next_id
            next_id += 1
    return labels
