"""Saving and loading a fitted topic model (analysis.topics.persist)."""


def test_save_and_load_with_safetensors(topic_result, tmp_path):
    """The model is saved with safetensors, never pickle, and loads back with its
    topics, words and the language-aware vectoriser (which still analyses text)."""
    from analysis.text.vectorize import LanguageAwareCountVectorizer
    from analysis.topics.persist import VECTORIZER_FILE, load_topic_model, save_topic_model

    model = topic_result.model
    save_topic_model(model, tmp_path / "model")
    files = {p.name for p in (tmp_path / "model").iterdir()}
    assert {"topic_embeddings.safetensors", VECTORIZER_FILE} <= files
    assert not [f for f in files if f.endswith((".pkl", ".pickle", ".bin"))]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # no temporary left
    loaded = load_topic_model(tmp_path / "model")
    assert loaded.get_topic_info()["Topic"].tolist() == model.get_topic_info()["Topic"].tolist()
    assert [tuple(x) for x in loaded.get_topic(0)] == list(model.get_topic(0))
    vec = loaded.vectorizer_model
    assert type(vec) is LanguageAwareCountVectorizer
    assert vec.get_params() == model.vectorizer_model.get_params()
    assert vec.vocabulary_ == model.vectorizer_model.vocabulary_
    sentence = ["L'économie numérique progresse."]
    assert (vec.transform(sentence) != model.vectorizer_model.transform(sentence)).nnz == 0
    assert vec.transform(sentence)[0, vec.vocabulary_["économie numérique"]] == 1


def test_saving_again_replaces_the_folder(topic_result, tmp_path):
    """Saving into a folder that holds an older model replaces it whole."""
    from analysis.topics.persist import save_topic_model

    target = tmp_path / "model"
    target.mkdir()
    (target / "stale.json").write_text("{}")
    save_topic_model(topic_result.model, target)
    assert "stale.json" not in {p.name for p in target.iterdir()}
