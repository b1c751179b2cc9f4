"""Saving topic models, and the on-disk cache of fitted ones.

**Saving.** :func:`save_topic_model` writes a fitted BERTopic with safetensors
(never pickle), atomically. BERTopic's own safetensors format can only rebuild a
stock ``CountVectorizer``, so its c-TF-IDF is not saved; the language-aware
vectoriser is saved beside it as JSON (its parameters, vocabulary and display
names) and restored by :func:`load_topic_model`.

**The fit cache.** Fitting the topic model (the stability scan over k, k-means,
BERTopic) is the slow part of a run once the embeddings are cached, and a fresh
process also pays for importing BERTopic. A run over the same units, embeddings
and settings with the same code gives the same topics, so the fitted result is
stored under ``<cache>/topic_models/<key>/``:

- ``model/``: the BERTopic model, as :func:`save_topic_model` writes it;
- ``topics.safetensors``: the topic of every unit;
- ``choice.json``: what the size factory picked.

The key hashes the unit texts, the embeddings (bytes, dtype and shape), the
settings, the versions of the fitting libraries and the source of every module of
this package, so a change to any of them fits again. A model taken from the
cache is a :class:`SavedTopicModel`, loaded only when it is used; pass
``cache=False`` (CLI: ``--no-cache``) to keep the whole fitted model in memory.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.io.atomic import atomic_dir
from analysis.topics.model import Choice, quiet_bertopic

LIBRARIES = ("bertopic", "scikit-learn", "numpy", "scipy", "simplemma", "stopwordsiso",
             "lingua-language-detector", "rjieba", "opencc")
VECTORIZER_FILE = "language_aware_vectorizer.json"


# -- saving ---------------------------------------------------------------------

def _write_model(model, folder: Path) -> None:
    """Save a fitted BERTopic into an existing, empty ``folder``."""
    with quiet_bertopic():
        model.save(folder, serialization="safetensors", save_ctfidf=False,
                   save_embedding_model=False)
    vec = model.vectorizer_model
    if hasattr(vec, "vocabulary_") and hasattr(vec, "display_names_"):
        params = {k: v for k, v in vec.get_params().items() if k != "dtype"}
        params = {k: list(v) if isinstance(v, tuple | frozenset | set) else v
                  for k, v in params.items()}
        state = {"class": type(vec).__name__, "params": params,
                 "vocabulary": {t: int(i) for t, i in vec.vocabulary_.items()},
                 "display_names": [str(x) for x in vec.display_names_]}
        (folder / VECTORIZER_FILE).write_text(json.dumps(state, ensure_ascii=False),
                                              encoding="utf-8")


def save_topic_model(model, path) -> None:
    """Save a fitted BERTopic, or a :class:`SavedTopicModel`, to the folder ``path``;
    the folder is written beside it and renamed into place."""
    if isinstance(model, SavedTopicModel):
        model.save(path)
        return
    with atomic_dir(path) as tmp:
        _write_model(model, tmp)


def load_topic_model(path, embedding_model=None):
    """Load a topic model saved by :func:`save_topic_model`."""
    from bertopic import BERTopic

    from analysis.text import vectorize

    with quiet_bertopic():
        model = BERTopic.load(str(path), embedding_model=embedding_model)
    state_file = Path(path) / VECTORIZER_FILE
    if state_file.exists():
        state = json.loads(state_file.read_text(encoding="utf-8"))
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in state["params"].items()}
        vec = getattr(vectorize, state["class"])(**params)
        vec.vocabulary_ = state["vocabulary"]
        vec.display_names_ = np.array(state["display_names"], dtype=object)
        model.vectorizer_model = vec
    return model


class SavedTopicModel:
    """A topic model from the cache, loaded from its folder on first use.

    Attribute access and assignment load it and delegate. :meth:`save` copies the
    folder when the model was never loaded, and saves the loaded model (with any
    change made to it) otherwise.
    """

    def __init__(self, path):
        self.saved_path = Path(path)
        self._model = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self):
        if self._model is None:
            self._model = load_topic_model(self.saved_path)
        return self._model

    def save(self, path) -> None:
        with atomic_dir(path) as tmp:
            if self.loaded:
                _write_model(self._model, tmp)
            else:
                shutil.copytree(self.saved_path, tmp, dirs_exist_ok=True)

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


# -- the fit cache ----------------------------------------------------------------

@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every module and data file of the package and of the fitting
    libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    from analysis.config import PACKAGE_DATA_DIR, PACKAGE_DIR

    digest = hashlib.sha256()
    files = [*PACKAGE_DIR.rglob("*.py"), *(p for p in PACKAGE_DATA_DIR.rglob("*") if p.is_file())]
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
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


def load_fit(root, key):
    """``(model, topics, choice)`` stored under ``key``, or ``None``."""
    from safetensors.numpy import load_file

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
    from safetensors.numpy import save_file

    folder = Path(root) / "topic_models" / key
    if folder.exists():  # the same content gives the same fit: keep the one there
        return
    with atomic_dir(folder, replace=False) as tmp:  # another run may have stored it
        (tmp / "model").mkdir()
        _write_model(model, tmp / "model")
        save_file({"topics": np.asarray(topics, dtype=np.int64)}, str(tmp / "topics.safetensors"))
        (tmp / "choice.json").write_text(json.dumps(asdict(choice)), encoding="utf-8")
