"""Distinctive terms of one group against another.

The score is the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi and Quinn (2008, "Fightin' Words", *Political Analysis* 16(4)). For a
term *w* with counts ``a_w`` in the group and ``b_w`` in the rest, and a prior
``alpha_w`` proportional to the term's frequency in the whole corpus
(``alpha_0`` in total):

    delta_w = log((a_w + alpha_w) / (n_a + alpha_0 - a_w - alpha_w))
            - log((b_w + alpha_w) / (n_b + alpha_0 - b_w - alpha_w))
    var_w   ≈ 1 / (a_w + alpha_w) + 1 / (b_w + alpha_w)
    z_w     = delta_w / sqrt(var_w)

``z`` is large and positive for terms the group uses more than the rest, and the
prior shrinks rare terms towards zero, unlike a raw frequency ratio.
"""

from __future__ import annotations

import numpy as np


def log_odds_dirichlet(counts_a, counts_b, prior=None, alpha0: float = 1000.0):
    """Return ``(z, delta)`` arrays for two count vectors over the same terms.

    ``prior`` defaults to the pooled counts ``counts_a + counts_b``.
    """
    a = np.asarray(counts_a, dtype=np.float64).ravel()
    b = np.asarray(counts_b, dtype=np.float64).ravel()
    if a.shape != b.shape:
        raise ValueError("counts_a and counts_b must have the same length")
    background = a + b if prior is None else np.asarray(prior, dtype=np.float64).ravel()
    total = background.sum()
    if total <= 0:
        return np.zeros_like(a), np.zeros_like(a)
    alpha = alpha0 * background / total
    n_a, n_b = a.sum(), b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((a + alpha) / (n_a + alpha0 - a - alpha))
                 - np.log((b + alpha) / (n_b + alpha0 - b - alpha)))
        var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
        z = delta / np.sqrt(var)
    z[~np.isfinite(z)] = 0.0
    delta[~np.isfinite(delta)] = 0.0
    return z, delta


def group_log_odds(counts, codes, n_groups: int, min_count: int = 2,
                   alpha0: float = 1000.0, block: int = 20_000):
    """The log-odds of every term of every group against the rest of the corpus.

    ``counts`` is a units x terms sparse count matrix and ``codes`` the group
    (0..n_groups-1) of each unit. The prior is the corpus's term frequencies, as in
    :func:`log_odds_dirichlet`. Only the terms a group uses at least ``min_count``
    times and more than the rest (``z > 0``) are returned, as arrays
    ``(group, term, z, delta, count_group, count_rest)``.

    The group counts are one sparse product, and the scores are computed on their
    non-zero entries only, ``block`` groups at a time: the cost grows with the
    number of (group, term) pairs, not groups x vocabulary, so a hundred thousand
    documents fit in the memory of the counts themselves.
    """
    from scipy import sparse

    counts = sparse.csr_matrix(counts)
    codes = np.asarray(codes)
    indicator = sparse.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))),
        shape=(n_groups, counts.shape[0]))
    by_group = (indicator @ counts).tocsr()
    by_group.sum_duplicates()
    totals = np.asarray(counts.sum(axis=0), dtype=np.float64).ravel()
    total = totals.sum()
    sizes = np.asarray(by_group.sum(axis=1), dtype=np.float64).ravel()
    parts = []
    for first in range(0, n_groups, block):
        rows = by_group[first:first + block]
        group = np.repeat(np.arange(first, first + rows.shape[0]), np.diff(rows.indptr))
        term, a = rows.indices, rows.data.astype(np.float64)
        keep = a >= min_count
        group, term, a = group[keep], term[keep], a[keep]
        b = totals[term] - a
        alpha = alpha0 * totals[term] / total
        n_a = sizes[group]
        n_b = total - n_a
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = (np.log((a + alpha) / (n_a + alpha0 - a - alpha))
                     - np.log((b + alpha) / (n_b + alpha0 - b - alpha)))
            z = delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))
        keep = np.isfinite(z) & (z > 0)
        parts.append((group[keep], term[keep], z[keep], delta[keep], a[keep], b[keep]))
    if not parts:
        empty = np.zeros(0)
        return (empty.astype(np.int64), empty.astype(np.int64), empty, empty, empty, empty)
    return tuple(np.concatenate(arrays) for arrays in zip(*parts))
