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
