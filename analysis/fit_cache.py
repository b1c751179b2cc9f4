"""On-disk cache of fitted topic models, keyed by content.

Fitting the topic model (the stability scan over k, k-means, BERTopic's
c-TF-IDF) is the slow part of a run once the embeddings are cached, and a fresh
process also pays for importing BERTopic. A run
over the same units, embeddings and settings with the same code gives the same
topics, so the fitted result is stored under ``<cache>/topic_models/<key>/``:

- ``model/``: the BERTopic model, saved with safetensors (:func:`save_topic_model`);
- ``topics.safetensors``: the topic of every unit;
- ``choice.json``: what the size factory picked.

The key hashes the unit texts, the embeddings (bytes, dtype and shape), the
settings, the versions of the fitting libraries and the source of this package,
so a change to any of them fits again. A model taken from the cache is the saved
form of the fitted one (topics, topic words and topic embeddings), loaded only
when it is used; pass
``use_cache=False`` (CLI: ``--no-cache``) to keep the whole fitted model in memory.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from .atomic import atomic_dir

LIBRARIES = ("bertopic", "scikit-learn", "numpy", "scipy", "simplemma", "stopwordsiso",
             "lingua-language-detector")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's source and data files and of the fitting libraries'
    versions."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *package.glob("data/*")]):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def fit_key(docs, embeddings, settings: dict) -> str:
    """Content key of one topic fit."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    vectors = np.ascontiguousarray(embeddings)
    digest.update(f"{vectors.dtype.str}{vectors.shape}".encode())
    digest.update(vectors.tobytes())
    for text in docs:
        digest.update(hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest())
    return digest.hexdigest()[:32]


class SavedTopicModel:
    """A topic model from the cache, loaded from its safetensors folder on first use.

    Attribute access and assignment load it (:func:`analysis.topics.load_topic_model`)
    and delegate; :func:`analysis.topics.save_topic_model` copies the folder when
    the model was never loaded, and saves the loaded model (with any change made
    to it) otherwise.
    """

    def __init__(self, path):
        self.saved_path = Path(path)
        self._model = None

    def load(self):
        if self._model is None:
            from .topics import load_topic_model

            self._model = load_topic_model(self.saved_path)
        return self._model

    def __getattr__(self, name):
        if name.startswith("__") or name in ("saved_path", "_model"):
            raise AttributeError(name)
        return getattr(self.load(), name)

    def __setattr__(self, name, value):
        if name in ("saved_path", "_model"):
            object.__setattr__(self, name, value)
        else:  # setting an attribute (custom labels...) changes the model itself
            setattr(self.load(), name, value)

    def __repr__(self) -> str:
        return f"SavedTopicModel({str(self.saved_path)!r})"


def load_fit(root, key):
    """``(model, topics, choice)`` stored under ``key``, or ``None``."""
    from safetensors.numpy import load_file

    from .topics import Choice

    folder = Path(root) / "topic_models" / key
    try:
        topics = load_file(str(folder / "topics.safetensors"))["topics"]
        choice = Choice(**json.loads((folder / "choice.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (folder / "model").is_dir():
        return None
    return SavedTopicModel(folder / "model"), topics, choice


def store_fit(root, key, model, topics, choice) -> None:
    """Store a fit under ``key``; the folder appears whole or not at all, and a
    folder already there (from another run with the same key) is left alone, since
    a reader may be using it."""
    from dataclasses import asdict

    from safetensors.numpy import save_file

    from .topics import save_topic_model

    folder = Path(root) / "topic_models" / key
    if folder.exists():  # the same content gives the same fit: keep the one there
        return
    with atomic_dir(folder, replace=False) as tmp:  # another run may have stored it
        save_topic_model(model, tmp / "model")
        save_file({"topics": np.asarray(topics, dtype=np.int64)}, str(tmp / "topics.safetensors"))
        (tmp / "choice.json").write_text(json.dumps(asdict(choice)), encoding="utf-8")
