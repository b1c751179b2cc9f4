"""Keyword tables from a fitted language-aware vectoriser."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from .distinctive import log_odds_dirichlet


def _names(vectorizer):
    return getattr(vectorizer, "display_names_", vectorizer.get_feature_names_out())


def _nested(a: str, b: str) -> bool:
    """Whether one term's words appear as a contiguous run inside the other's."""
    short, long_ = sorted((f" {a} ", f" {b} "), key=len)
    return short in long_


def top_terms(scores: np.ndarray, vectorizer, top_n: int = 10,
              merge_ratio: float = 0.85) -> list[tuple[str, str, float]]:
    """The ``top_n`` terms of one score vector as ``(term, label, score)``.

    Nested terms with near-equal scores ("session", "session étude", "session
    étude collective") say the same thing: of those within ``merge_ratio`` of each
    other, only the longest phrase is kept. Ties are broken by term, so the
    result does not depend on sort stability.
    """
    scores = np.asarray(scores).ravel()
    terms = vectorizer.get_feature_names_out()
    labels = _names(vectorizer)
    picked: list[int] = []
    k = min(len(scores), max(50, top_n * 10))
    candidates = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(k)
    for i in candidates[np.lexsort((terms[candidates], -scores[candidates]))]:
        if scores[i] <= 0 or len(picked) >= top_n and scores[i] < scores[picked[-1]] * merge_ratio:
            break
        twins = [j for j in picked if _nested(terms[i], terms[j])
                 and scores[i] >= merge_ratio * scores[j]]
        if not twins:
            picked.append(i)
        elif all(len(terms[i]) > len(terms[j]) for j in twins):
            picked[picked.index(twins[0])] = i
            picked = [j for j in picked if j not in twins[1:]]
    picked = sorted(picked[:top_n], key=lambda j: (-scores[j], terms[j]))
    return [(terms[i], labels[i], float(scores[i])) for i in picked]


def keywords_by_group(matrix, groups, vectorizer, top_n: int = 10) -> pd.DataFrame:
    """Top terms of each group: the mean TF-IDF of its rows.

    ``groups`` is one label per row (a document id, a language, any metadata).
    Returns a long table: group, rank, term (lemma), label (surface form), score.
    """
    matrix = sparse.csr_matrix(matrix)
    groups = pd.Series(list(groups), dtype=object)
    rows = []
    for group in sorted(groups.unique(), key=str):
        mask = (groups == group).to_numpy()
        mean = np.asarray(matrix[mask].mean(axis=0)).ravel()
        for rank, (term, label, score) in enumerate(top_terms(mean, vectorizer, top_n), 1):
            rows.append({"group": group, "rank": rank, "term": term, "label": label,
                         "score": round(score, 6), "n_units": int(mask.sum())})
    return pd.DataFrame(rows, columns=["group", "rank", "term", "label", "score", "n_units"])


def distinctive_terms(counts, groups, target, vectorizer, other=None, top_n: int = 10,
                      alpha0: float = 1000.0, min_count: int = 2) -> pd.DataFrame:
    """Terms that mark group ``target`` against ``other`` (default: all the rest).

    Scored by the log-odds ratio with an informative Dirichlet prior
    (:func:`analysis.distinctive.log_odds_dirichlet`); terms seen fewer than
    ``min_count`` times in the target are left out.
    """
    counts = sparse.csr_matrix(counts)
    groups = np.asarray(list(groups), dtype=object)
    in_a = groups == target
    in_b = ~in_a if other is None else groups == other
    if not in_a.any():
        raise ValueError(f"no rows in group {target!r}")
    a = np.asarray(counts[in_a].sum(axis=0)).ravel()
    b = np.asarray(counts[in_b].sum(axis=0)).ravel()
    prior = np.asarray(counts.sum(axis=0)).ravel()
    z, delta = log_odds_dirichlet(a, b, prior=prior, alpha0=alpha0)
    z = np.where(a >= min_count, z, 0.0)
    terms = vectorizer.get_feature_names_out()
    labels = _names(vectorizer)
    order = np.lexsort((terms, -z))[:top_n]
    return pd.DataFrame({
        "target": target, "other": "rest" if other is None else other,
        "term": terms[order], "label": labels[order], "z": np.round(z[order], 4),
        "log_odds": np.round(delta[order], 4), "count_target": a[order].astype(int),
        "count_other": b[order].astype(int)})[lambda f: f["z"] > 0].reset_index(drop=True)
