"""The light fallback encoder: TF-IDF + truncated SVD (``--encoder tfidf``)."""

from __future__ import annotations

import numpy as np

from analysis.embed.base import Encoder


class TfidfSVDEncoder(Encoder):
    """TF-IDF + truncated SVD: fast, light, monolingual.

    Fitted on the texts given to :meth:`encode`, so a text's vector depends on the
    whole batch: it is not per-text (never cached, never split across workers, and
    it cannot embed the themes' descriptions in the same space).
    """

    name = "tfidf-svd"
    per_text = False

    def __init__(self, n_components: int = 128, random_state: int = 42):
        self.n_components = n_components
        self.random_state = random_state

    @property
    def dimension(self) -> int:
        return self.n_components

    def encode(self, texts, progress=None) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        matrix = TfidfVectorizer(sublinear_tf=True, min_df=1).fit_transform(texts)
        k = max(1, min(self.n_components, matrix.shape[0] - 1, matrix.shape[1] - 1))
        if k < 2:
            dense = matrix.toarray()
        else:
            dense = TruncatedSVD(k, random_state=self.random_state).fit_transform(matrix)
        return normalize(dense).astype(np.float32)
