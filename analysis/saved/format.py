"""The saved analysis in memory, and the names of its files.

``<run>/saved/`` holds:

- ``analysis.json``: ``format`` (:data:`FORMAT_NAME`), ``version``
  (:data:`FORMAT_VERSION`), the package version, the settings later commands
  reuse (encoder, its cache id, seed, unit, phrase length, columns), the
  languages, each language's mean vector's order, the topics (id, name, size,
  words per language) and the novelty threshold;
- ``units.csv``: one row per unit (unit_id, doc_id, position, language, n_words,
  topic, text), in the order of the embeddings;
- ``documents.csv``: one row per document (doc_id, title, date, language, source,
  and its value of each ``--group-by`` column as ``group:<column>``);
- ``vectors.safetensors``: ``embeddings`` (units x dim, float32, unit length, as
  the encoder gave them) and ``language_means`` (languages x dim, float32: what
  the topic space subtracted from each language);
- ``edits.json``: the analyst's merges and renames (:mod:`analysis.edit`), applied
  on top of the fitted topics by every later command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

FORMAT_NAME = "analysis-saved"
FORMAT_VERSION = 1
SAVED_DIR = "saved"
META_FILE = "analysis.json"
UNITS_FILE = "units.csv"
DOCUMENTS_FILE = "documents.csv"
VECTORS_FILE = "vectors.safetensors"
EDITS_FILE = "edits.json"
FILES = (META_FILE, UNITS_FILE, DOCUMENTS_FILE, VECTORS_FILE, EDITS_FILE)
NEW_TOPIC = "new"


def empty_edits() -> dict:
    return {"merges": [], "renames": {}}


def merge_map(merges) -> dict:
    """``{topic: topic it now belongs to}`` for a list of merges (each a list of ids,
    merged into the first); later merges act on the result of earlier ones."""
    into: dict = {}

    def root(t):
        while t in into:
            t = into[t]
        return t

    for group in merges:
        target = root(int(group[0]))
        for t in group[1:]:
            r = root(int(t))
            if r != target:
                into[r] = target
    return {t: root(t) for t in into}


@dataclass
class SavedAnalysis:
    """A loaded saved analysis (see the module docstring)."""

    folder: Path
    meta: dict
    units: pd.DataFrame
    documents: pd.DataFrame
    embeddings: np.ndarray
    language_means: dict
    edits: dict = field(default_factory=empty_edits)

    @property
    def settings(self) -> dict:
        return self.meta["settings"]

    @property
    def languages(self) -> list:
        return list(self.meta["languages"])

    def fitted_topics(self) -> np.ndarray:
        return self.units["topic"].to_numpy(dtype=np.int64)

    def topic_of(self) -> dict:
        """``{fitted topic id: topic id after the edits}``."""
        moved = merge_map(self.edits.get("merges", []))
        return {int(t["id"]): moved.get(int(t["id"]), int(t["id"])) for t in self.meta["topics"]}

    def topics(self) -> np.ndarray:
        """Each unit's topic after the edits (merges)."""
        mapping = self.topic_of()
        keys = np.array(sorted(mapping), dtype=np.int64)
        values = np.array([mapping[k] for k in keys], dtype=np.int64)
        fitted = self.fitted_topics()
        return values[np.searchsorted(keys, fitted)] if len(keys) else fitted.copy()

    def topic_table(self) -> pd.DataFrame:
        """One row per topic after the edits: topic, name, size, words (the words of
        the merged topics interleaved, largest first), renamed where the analyst
        renamed it."""
        mapping = self.topic_of()
        fitted = {int(t["id"]): t for t in self.meta["topics"]}
        renames = {int(k): v for k, v in self.edits.get("renames", {}).items()}
        rows = []
        for target in sorted(set(mapping.values())):
            members = sorted((t for t in fitted if mapping[t] == target),
                             key=lambda t: (-fitted[t]["size"], t))
            size = sum(fitted[t]["size"] for t in members)
            words: list = []
            lists = [fitted[t]["words"] for t in members]
            for i in range(max((len(w) for w in lists), default=0)):
                for w in lists:
                    if i < len(w) and w[i] not in words:
                        words.append(w[i])
            name = renames.get(target)
            if name is None:
                name = fitted[target]["name"] if len(members) == 1 else \
                    " + ".join(fitted[t]["name"] for t in members)
            rows.append({"topic": target, "name": name, "size": size,
                         "words": ", ".join(words[:10]),
                         "merged": ",".join(str(t) for t in members)})
        return pd.DataFrame(rows, columns=["topic", "name", "size", "words", "merged"])

    def topic_names(self) -> dict:
        table = self.topic_table()
        return dict(zip(table["topic"], table["name"]))

    def centred(self, embeddings=None, languages=None) -> np.ndarray:
        """Vectors in the space the topics were fitted in: each language's saved mean
        subtracted (when the corpus had more than one), unit length, float32."""
        if embeddings is None:
            embeddings, languages = self.embeddings, self.units["language"].tolist()
        return centre_with(embeddings, languages, self.language_means)


def centre_with(embeddings, languages, means: dict) -> np.ndarray:
    """``embeddings`` minus the saved mean of each one's language (none for a
    language without one), re-normalised; float32."""
    out = np.asarray(embeddings, dtype=np.float64).copy()
    if means:
        langs = np.asarray(list(languages), dtype=object)
        for lang, mean in means.items():
            mask = langs == lang
            if mask.any():
                out[mask] -= np.asarray(mean, dtype=np.float64)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms == 0, 1.0, norms)).astype(np.float32)
