"""BM25 over the saved units (Robertson and Zaragoza's Okapi BM25), in sparse
float64 matrices: the weight of every (unit, term) pair is computed once, so a
query is a sum of a few columns.

Words are lower-cased runs of letters and digits; Chinese, Japanese and Korean
characters are one word each (their texts have no spaces).
"""

from __future__ import annotations

import re

import numpy as np

TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")


def tokens(text: str) -> list:
    return TOKEN.findall(str(text).lower())


class BM25Index:
    """BM25 weights of ``texts`` (``k1``, ``b`` as in Okapi BM25; idf as in
    rank-bm25's BM25Okapi floor: ``log((N - n + 0.5) / (n + 0.5))``, at least
    ``epsilon`` times the mean idf)."""

    def __init__(self, k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25):
        self.k1 = k1
        self.b = b
        self.epsilon = epsilon

    def fit(self, texts):
        from scipy import sparse

        vocabulary: dict = {}
        rows, cols, lengths = [], [], []
        for i, text in enumerate(texts):
            words = tokens(text)
            lengths.append(len(words))
            for w in words:
                cols.append(vocabulary.setdefault(w, len(vocabulary)))
                rows.append(i)
        n = len(lengths)
        tf = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                               shape=(n, max(len(vocabulary), 1)), dtype=np.float64)
        tf.sum_duplicates()
        df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float64)
        idf = np.log((n - df + 0.5) / (df + 0.5))
        floor = self.epsilon * idf.mean() if len(idf) else 0.0
        idf = np.where(idf < 0, floor, idf)
        lengths = np.asarray(lengths, dtype=np.float64)
        norm = self.k1 * (1 - self.b + self.b * lengths / max(lengths.mean(), 1e-12))
        tf = tf.tocoo()
        weights = idf[tf.col] * tf.data * (self.k1 + 1) / (tf.data + norm[tf.row])
        self.weights_ = sparse.csc_matrix((weights, (tf.row, tf.col)), shape=tf.shape)
        self.vocabulary_ = vocabulary
        return self

    def scores(self, query: str) -> np.ndarray:
        """Each unit's BM25 score for ``query`` (a query word counts each time it occurs)."""
        ids = [self.vocabulary_[w] for w in tokens(query) if w in self.vocabulary_]
        out = np.zeros(self.weights_.shape[0], dtype=np.float64)
        for i in ids:  # in query order: the same sum whatever the machine
            column = self.weights_[:, i]
            out[column.indices] += column.data
        return out
