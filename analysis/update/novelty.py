"""What the saved topics do not cover: units flagged new, and candidate new topics.

A new unit is *new* when its nearest saved unit is farther than almost every
saved unit's nearest other saved unit: its cosine to it is below the
:data:`NOVELTY_QUANTILE` quantile of those cosines, measured when the analysis
was saved (``novelty`` in ``analysis.json``). The new units of a batch, when there
are at least ``min_size`` of them, are grouped by k-means (k chosen by stability,
:class:`analysis.topics.clustering.StableKMeans`); each group of ``min_size`` units
or more is a candidate new topic with its own words, the rest stay ``new``.

The quantile, measured on BBC without sport (``bench/bench_update.py``; 1,543
documents fitted, 511 sport documents and 171 held-back documents of the fitted
classes in the update): 0.05 flags 81 % of the sport documents and 8 % of the
held-back ones, 0.1 flags 90 % and 11 %, 0.25 flags 97 % and 28 %.
"""

from __future__ import annotations

import numpy as np

NOVELTY_QUANTILE = "0.1"
MIN_NEW_TOPIC = 5
MIN_NEW_SHARE = 0.02


def novelty_threshold(meta: dict, quantile: str = NOVELTY_QUANTILE) -> float:
    quantiles = meta.get("novelty", {}).get("quantiles", {})
    return float(quantiles.get(quantile, -1.0))


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
