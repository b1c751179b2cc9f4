"""On-disk embedding cache, keyed by each text's content hash and the encoder's id.

Vectors live in safetensors shards under ``<cache_dir>/embeddings/<encoder id>/``;
each call that embeds something new adds one shard (written atomically). A second
run over the same texts embeds nothing.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from analysis.io.atomic import atomic_path

log = logging.getLogger("analysis")


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class EmbeddingCache:
    """Cache of vectors for one encoder id."""

    def __init__(self, root: str | Path, encoder_id: str):
        self.dir = Path(root) / "embeddings" / encoder_id
        self._index: dict[bytes, np.ndarray] | None = None

    def _load(self) -> dict[bytes, np.ndarray]:
        """Read every shard. A shard that cannot be read (cut short, corrupt, not
        readable) is dropped with a warning: its vectors are computed again."""
        from safetensors.numpy import load_file

        index: dict[bytes, np.ndarray] = {}
        try:
            shards = sorted(self.dir.glob("*.safetensors")) if self.dir.is_dir() else []
        except OSError as err:
            log.warning("%s: the embedding cache cannot be listed (%s); embedding without it",
                        self.dir, err)
            shards = []
        for shard in shards:
            try:
                data = load_file(shard)
                keys, vectors = data["keys"], data["vectors"]
                if keys.ndim != 2 or keys.shape[1] != 16 or len(keys) != len(vectors):
                    raise ValueError("keys and vectors do not match")
            except Exception as err:  # noqa: BLE001 - any unreadable shard is recomputed
                log.warning("%s: unreadable cache shard dropped (%s); its vectors will be "
                            "computed again", shard, str(err).split("\n")[0][:120])
                try:
                    shard.unlink()
                except OSError:
                    pass
                continue
            for key, vector in zip(keys, vectors):
                index[key.tobytes()] = vector
        self._index = index
        return index

    def get(self, keys: list[bytes]) -> list[np.ndarray | None]:
        index = self._index if self._index is not None else self._load()
        return [index.get(k) for k in keys]

    def put(self, keys: list[bytes], vectors: np.ndarray) -> None:
        from safetensors.numpy import save_file

        if not keys:
            return
        index = self._index if self._index is not None else self._load()
        key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 16)
        name = hashlib.blake2b(key_array.tobytes(), digest_size=10).hexdigest()
        index.update(zip(keys, vectors))
        try:
            with atomic_path(self.dir / f"{name}.safetensors") as tmp:
                save_file({"keys": key_array, "vectors": np.ascontiguousarray(vectors)},
                          str(tmp))
        except Exception as err:  # noqa: BLE001 - a read-only or full cache must not end the run
            reason = getattr(err, "strerror", None) or str(err).split("\n")[0][:120]
            log.warning("%s: could not write to the embedding cache (%s); the run goes on "
                        "without caching these vectors", self.dir, reason)


def _embed_distinct(texts: list, encode) -> np.ndarray:
    """``encode`` on the distinct texts, one row per text."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, 1), np.float32)
    vectors = encode(unique)
    where = {t: i for i, t in enumerate(unique)}
    return vectors[[where[t] for t in texts]]


def embed(texts, encoder, cache_root: str | Path | None = None, encode=None) -> np.ndarray:
    """Embed ``texts`` with ``encoder``, reusing cached vectors.

    Identical texts are embedded once. ``encode(texts) -> vectors`` embeds the
    texts the cache does not hold (default: ``encoder.encode``; the Dask back end
    sends them to its workers). An encoder that is not per-text (fitted on the
    batch, like TF-IDF + SVD) runs on all the texts at once and is never cached.
    """
    texts = list(texts)
    if not encoder.per_text:
        return _embed_distinct(texts, encoder.encode)
    encode = encode or encoder.encode
    if cache_root is None:
        return _embed_distinct(texts, encode)
    cache = EmbeddingCache(cache_root, encoder.cache_id)
    keys = [text_key(t) for t in texts]
    found = cache.get(keys)
    missing = list(dict.fromkeys(k for k, v in zip(keys, found) if v is None))
    if missing:
        first_text = {}
        for key, text in zip(keys, texts):
            first_text.setdefault(key, text)
        new = encode([first_text[k] for k in missing])
        cache.put(missing, new)
        fresh = dict(zip(missing, new))
        found = [v if v is not None else fresh[k] for k, v in zip(keys, found)]
    if not found:
        return np.zeros((0, encoder.dimension or 1), np.float32)
    return np.vstack(found).astype(np.float32)
