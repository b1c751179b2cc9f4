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
                      units: pd.DataFrame | None = None, threshold: float = 0.8):
    """Pairs of documents in different languages that are translations.

    Two documents are a pair when each is the other's nearest document in another
    language and their cosine is at least ``threshold``. With unit vectors, each
    pair also gets its paragraph matches: mutual nearest units, and the share of
    the smaller side's units that found their counterpart.

    Returns ``(pairs, unit_matches)`` DataFrames.
    """
    ids = list(doc_ids)
    langs = np.asarray(list(doc_langs), dtype=object)
    if len(set(langs)) < 2:  # one language: no translations to look for
        return pd.DataFrame(), pd.DataFrame()
    best, best_sim = _nearest_other_language(doc_vectors, langs)
    pairs, matches = [], []
    for i in range(len(ids)):
        j = int(best[i])
        if j >= 0 and i < j and best[j] == i and best_sim[i] >= threshold:
            row = {"doc_a": ids[i], "lang_a": langs[i], "doc_b": ids[j], "lang_b": langs[j],
                   "cosine": round(float(best_sim[i]), 4)}
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


def _nearest_other_language(vectors: np.ndarray, langs: np.ndarray, block: int = 1024):
    """For each row, the nearest row in another language and its cosine (-1 if none),
    computed in blocks so memory stays bounded for large corpora."""
    n = len(vectors)
    best = np.full(n, -1, dtype=np.int64)
    best_sim = np.full(n, -np.inf)
    codes = np.unique(langs, return_inverse=True)[1]
    for start in range(0, n, block):
        sims = vectors[start:start + block] @ vectors.T
        sims[codes[start:start + block, None] == codes[None, :]] = -np.inf
        arg = sims.argmax(axis=1)
        val = sims[np.arange(len(arg)), arg]
        ok = np.isfinite(val)
        best[start:start + block] = np.where(ok, arg, -1)
        best_sim[start:start + block] = val
    return best, best_sim


def similarity_matrix(doc_vectors: np.ndarray) -> np.ndarray:
    return np.clip(doc_vectors @ doc_vectors.T, -1, 1)
