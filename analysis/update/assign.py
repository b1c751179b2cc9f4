"""Put new units into saved topics: a vote of their nearest saved units.

The topics were fitted on a smoothed topic space (each unit pulled towards its
neighbours, :func:`analysis.topics.clustering.topic_space`), so a unit's topic is
in effect its neighbourhood's. A new unit takes the topic of its
``n_neighbors`` nearest saved units (cosine in the language-centred space, each
neighbour's vote weighted by its cosine; ties go to the smaller topic id). Each
new unit is compared with the saved units only, never with the rest of its
batch, so a corpus gives the same topics in one batch or in ten.

A unit that is already in the saved analysis (cosine at least :data:`SAME_UNIT` to a
saved unit: the same text) keeps the topic it was fitted with, as a fitted model's
``transform`` gives its training documents their topics. Measured on BBC without
sport (1,714 documents, ``bench/bench_update.py``): the vote alone gives 98.7 % of the
training units their fitted topic (97.5 % leaving each unit out of its own vote),
the rule 100 %.
"""

from __future__ import annotations

import numpy as np

BLOCK = 2048
# at most this many cosines in one block (each block holds a few float64 and int64
# arrays of its size): 2,048 queries against 100,000 saved units made blocks of
# 1.6 GB each and a peak of 8 GB when a run saved its novelty profile
BLOCK_CELLS = 1 << 23
SAME_UNIT = 1 - 1e-5
ROUND = 9


def top_neighbours(queries: np.ndarray, base: np.ndarray, k: int, exclude=None,
                   block: int = BLOCK) -> tuple[np.ndarray, np.ndarray]:
    """``(indices, cosines)`` of each query's ``k`` nearest rows of ``base`` (unit
    vectors), best first, ties by the lower index; ``exclude[i]`` is a row of
    ``base`` left out for query ``i`` (itself)."""
    queries = np.asarray(queries, dtype=np.float64)
    base = np.asarray(base, dtype=np.float64)
    k = min(k, len(base) - (exclude is not None))
    block = max(1, min(block, BLOCK_CELLS // max(1, len(base))))
    idx = np.empty((len(queries), k), dtype=np.int64)
    sims = np.empty((len(queries), k), dtype=np.float64)
    for start in range(0, len(queries), block):
        stop = min(len(queries), start + block)
        # float64, rounded to 1e-9: a BLAS's blocking (it depends on the number of
        # queries and threads) moves the last bits only, so one batch or ten, any
        # machine, give the same cosines
        s = np.round(queries[start:stop] @ base.T, ROUND)
        if exclude is not None:
            s[np.arange(stop - start), np.asarray(exclude[start:stop])] = -np.inf
        part = np.argpartition(-s, k - 1, axis=1)[:, :k] if k < s.shape[1] else \
            np.tile(np.arange(s.shape[1]), (stop - start, 1))
        vals = np.take_along_axis(s, part, axis=1)
        # best first, ties by the lower index: sort each row by (-cosine, index)
        order = np.array([np.lexsort((part[r], -vals[r])) for r in range(stop - start)],
                         dtype=np.int64).reshape(stop - start, k)
        idx[start:stop] = np.take_along_axis(part, order, axis=1)
        sims[start:stop] = np.take_along_axis(vals, order, axis=1)
    return idx, sims


def nearest_similarity(queries, base, exclude=None, k: int = 1) -> np.ndarray:
    """Each query's mean cosine to its ``k`` nearest rows of ``base`` (with ``k=1``,
    to its nearest row)."""
    return top_neighbours(queries, base, k, exclude=exclude)[1].mean(axis=1)


def vote(neighbour_topics: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """Each row's topic: the largest sum of (positive) cosine weights; ties to the
    smaller topic id."""
    topics = np.unique(neighbour_topics)
    weights = np.maximum(sims, 0.0) + 1e-9
    totals = np.stack([(weights * (neighbour_topics == t)).sum(axis=1) for t in topics], axis=1)
    return topics[np.argmax(totals, axis=1)]


def assign(queries, base, base_topics, n_neighbors: int = 10, exclude=None,
           closeness: int = 1):
    """``(topics, closeness)`` of each query unit (see the module docstring): the
    closeness is the mean cosine to its ``closeness`` nearest saved units."""
    idx, sims = top_neighbours(queries, base, max(n_neighbors, closeness), exclude=exclude)
    base_topics = np.asarray(base_topics)
    topics = vote(base_topics[idx[:, :n_neighbors]], sims[:, :n_neighbors])
    same = sims[:, 0] >= SAME_UNIT
    topics[same] = base_topics[idx[same, 0]]
    return topics, np.round(sims[:, :closeness].mean(axis=1), ROUND)
