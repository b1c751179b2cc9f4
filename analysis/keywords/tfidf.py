"""Keyword tables from a fitted language-aware vectoriser."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.keywords.distinctive import log_odds_dirichlet


def _names(vectorizer):
    return getattr(vectorizer, "display_names_", vectorizer.get_feature_names_out())


def term_arrays(vectorizer):
    """``(terms, labels)`` arrays of a fitted vectoriser. scikit-learn rebuilds
    ``get_feature_names_out()`` on every call, so callers that loop over groups
    get these once."""
    return vectorizer.get_feature_names_out(), _names(vectorizer)


def _nested(a: str, b: str) -> bool:
    """Whether one term's words appear as a contiguous run inside the other's."""
    short, long_ = sorted((f" {a} ", f" {b} "), key=len)
    return short in long_


def top_terms_sparse(index, values, names, top_n: int = 10,
                     merge_ratio: float = 0.85) -> list[tuple[str, str, float]]:
    """The ``top_n`` terms of a sparse score vector given as (term indices, scores),
    as ``(term, label, score)``; ``names`` is :func:`term_arrays` of the vectoriser.

    Nested terms with near-equal scores ("session", "session étude", "session
    étude collective") say the same thing: of those within ``merge_ratio`` of each
    other, only the longest phrase is kept. Ties are broken by term, so the
    result does not depend on sort stability.
    """
    terms, labels = names
    index, values = np.asarray(index), np.asarray(values, dtype=np.float64)
    k = min(len(values), top_n * 3)
    if k < len(values):
        keep = np.argpartition(-values, k - 1)[:k]
        index, values = index[keep], values[keep]
    order = np.lexsort((terms[index], -values))
    score = dict(zip(index.tolist(), values.tolist()))
    picked: list[int] = []
    for i in index[order].tolist():
        if len(picked) >= top_n and score[i] < score[picked[-1]] * merge_ratio:
            break
        twins = [j for j in picked if _nested(terms[i], terms[j])
                 and score[i] >= merge_ratio * score[j]]
        if not twins:
            picked.append(i)
        elif all(len(terms[i]) > len(terms[j]) for j in twins):
            picked[picked.index(twins[0])] = i
            picked = [j for j in picked if j not in twins[1:]]
    picked = sorted(picked[:top_n], key=lambda j: (-score[j], terms[j]))
    return [(terms[i], labels[i], score[i]) for i in picked]


def keywords_by_group(matrix, groups, vectorizer, top_n: int = 10) -> pd.DataFrame:
    """Top terms of each group: the mean TF-IDF of its rows.

    ``groups`` is one label per row (a document id, a language, any metadata).
    Returns a long table: group, rank, term (lemma), label (surface form), score.
    """
    matrix = sparse.csr_matrix(matrix)
    codes, uniques = pd.factorize(pd.Series(list(groups), dtype=object), sort=False)
    order = sorted(range(len(uniques)), key=lambda g: str(uniques[g]))
    # one sparse product gives every group's column sums, whatever the number of groups
    indicator = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                                  shape=(len(uniques), len(codes)))
    sizes = np.bincount(codes, minlength=len(uniques))
    sums = (indicator @ matrix).tocsr()
    names = term_arrays(vectorizer)
    rows = []
    for g in order:
        row = sums.getrow(g)
        top = top_terms_sparse(row.indices, row.data / sizes[g], names, top_n)
        for rank, (term, label, score) in enumerate(top, 1):
            rows.append({"group": uniques[g], "rank": rank, "term": term, "label": label,
                         "score": round(score, 6), "n_units": int(sizes[g])})
    return pd.DataFrame(rows, columns=["group", "rank", "term", "label", "score", "n_units"])


def distinctive_terms(counts, groups, target, vectorizer, other=None, top_n: int = 10,
                      alpha0: float = 1000.0, min_count: int = 2) -> pd.DataFrame:
    """Terms that mark group ``target`` against ``other`` (default: all the rest).

    Scored by the log-odds ratio with an informative Dirichlet prior
    (:func:`analysis.keywords.distinctive.log_odds_dirichlet`); terms seen fewer than
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
    terms, labels = term_arrays(vectorizer)
    order = np.lexsort((terms, -z))[:top_n]
    return pd.DataFrame({
        "target": target, "other": "rest" if other is None else other,
        "term": terms[order], "label": labels[order], "z": np.round(z[order], 4),
        "log_odds": np.round(delta[order], 4), "count_target": a[order].astype(int),
        "count_other": b[order].astype(int)})[lambda f: f["z"] > 0].reset_index(drop=True)
