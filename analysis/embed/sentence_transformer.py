"""A sentence-transformers model from a local folder (``--encoder PATH``), never
from a hub. Needs the ``sentence-transformers`` extra."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from analysis.embed.base import Encoder, lead
from analysis.errors import MissingExtraError, UserInputError


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model saved on disk, loaded with the hub switched off."""

    name = "sentence-transformers"
    per_text = True

    def __init__(self, path: str | Path, max_words: int | None = 256, batch_size: int = 64):
        self.path = path
        self.max_words = max_words
        self.batch_size = batch_size
        self._model = None

    def _identity(self) -> str:
        digest = hashlib.blake2b(str(Path(self.path).resolve()).encode(), digest_size=6)
        return f"st-{Path(self.path).name}-{digest.hexdigest()}-lead{self.max_words}"

    @property
    def dimension(self) -> int | None:
        return None if self._model is None else self._model.get_sentence_embedding_dimension()

    def _load(self):
        if not Path(self.path).is_dir():
            raise UserInputError(f"{self.path}: no such model folder. Give the path of a "
                                 "sentence-transformers model saved on disk.")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise MissingExtraError("sentence-transformers", "sentence-transformers",
                                    "A local sentence-transformers model") from None
        try:
            self._model = SentenceTransformer(str(self.path), local_files_only=True)
        except (OSError, ValueError, KeyError, RuntimeError) as err:
            first = (str(err).strip().split("\n") or [""])[0][:200]
            raise UserInputError(f"--encoder {self.path}: the model cannot be loaded "
                                 f"({type(err).__name__}: {first}). Give the folder that "
                                 "SentenceTransformer.save() wrote.") from None
        return self._model

    def encode(self, texts, progress=None) -> np.ndarray:
        model = self._model or self._load()
        texts = [lead(t, self.max_words) for t in texts]
        vectors = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                               show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
