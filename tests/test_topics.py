import numpy as np
import pytest

from analysis.crosslingual import centre_by_language
from analysis.topics import fit_topics
from analysis.vectorize import LanguageAwareCountVectorizer


def _theme_ranking(doc_themes, prefix, keys):
    row = doc_themes[doc_themes["doc_id"].str.startswith(prefix)].iloc[0]
    return sorted(keys, key=lambda k: -row[k])


def test_dominant_themes(topic_result):
    keys = list(topic_result.theme_labels)
    shares = topic_result.doc_themes
    assert _theme_ranking(shares, "004", keys)[0] == "digital_economy"
    assert _theme_ranking(shares, "003", keys)[0] == "manufacturing"
    assert _theme_ranking(shares, "002", keys)[0] == "ai_governance"
    for prefix in ("000", "001"):  # the French/English press-release pair
        assert set(_theme_ranking(shares, prefix, keys)[:2]) == {"ai_governance",
                                                                 "manufacturing"}
    total = shares[[*keys, "other"]].sum(axis=1)
    assert np.allclose(total, 1.0) and (shares[keys].sum(axis=1) <= 1 + 1e-9).all()


def test_translation_pair(topic_result):
    pairs = topic_result.pairs
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert {pair["doc_a"][:3], pair["doc_b"][:3]} == {"000", "001"}
    assert pair["matched_share"] > 0.5


def test_explanations_name_terms(topic_result):
    ex = topic_result.explanations
    digital = ex[(ex["doc_id"].str.startswith("004")) & (ex["theme"] == "digital_economy")]
    assert digital["matched_terms"].str.contains("numérique").any()


def test_topics_mix_languages(topic_result):
    info = topic_result.topic_info
    mixed = info[(info["n_en"] > 0) & (info["n_fr"] > 0)]
    assert mixed["count"].sum() >= 0.8 * info["count"].sum()


@pytest.mark.parametrize("n", [1, 2, 5, 8, 12, 30])
def test_any_size_runs(sentence_units, n):
    units, vectors = sentence_units
    docs = units["text"].tolist()[:n]
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    model, topics, choice = fit_topics(docs, vectors[:n], vec, seed=1)
    assert len(topics) == n and (np.asarray(topics) >= 0).all()
    if n < 3:
        assert model is None and "cannot be compared" in choice.reason
    else:  # BERTopic holds exactly the topics the clustering gave
        assert np.array_equal(np.asarray(model.topics_), topics)
        assert model.get_topic_info()["Count"].sum() == n


def test_fixed_number_of_topics(sentence_units):
    units, vectors = sentence_units
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    _, topics, choice = fit_topics(units["text"].tolist(), vectors, vec, nr_topics=4, seed=3)
    assert len(set(topics)) == 4 and "k-means" in str(choice)


def test_same_seed_same_topics(sentence_units):
    units, vectors = sentence_units
    docs = units["text"].tolist()
    runs = []
    for _ in range(2):
        vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
        runs.append(fit_topics(docs, vectors, vec, seed=7)[1])
    assert np.array_equal(runs[0], runs[1])


def test_centring_removes_language_offset():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(20, 8))
    shifted = np.vstack([base[:10] + 5, base[10:]])
    out = centre_by_language(shifted, ["a"] * 10 + ["b"] * 10)
    assert np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
    assert abs(out[:10].mean() - out[10:].mean()) < 0.2


def test_save_and_load_with_safetensors(topic_result, tmp_path):
    from analysis.topics import load_topic_model, save_topic_model

    model = topic_result.model
    save_topic_model(model, tmp_path / "model")
    files = {p.name for p in (tmp_path / "model").iterdir()}
    assert "topic_embeddings.safetensors" in files
    assert not [f for f in files if f.endswith((".pkl", ".pickle", ".bin"))]
    loaded = load_topic_model(tmp_path / "model")
    assert loaded.get_topic_info()["Topic"].tolist() == model.get_topic_info()["Topic"].tolist()
    assert [tuple(x) for x in loaded.get_topic(0)[:5]] == list(model.get_topic(0)[:5])
    vec = loaded.vectorizer_model
    assert vec.vocabulary_ == model.vectorizer_model.vocabulary_
    assert vec.transform(["L'économie numérique progresse."]).nnz > 0


def test_online_mode(sentence_units):
    from analysis.topics import fit_topics_online

    units, vectors = sentence_units
    docs = units["text"].tolist()
    vec = LanguageAwareCountVectorizer(languages=("en", "fr"), max_n=2)
    model, topics, choice = fit_topics_online(docs, vectors, vec, nr_topics=4, seed=5,
                                              batch_size=40)
    assert len(topics) == len(docs) and set(topics) <= {0, 1, 2, 3}
    assert choice.regime == "online" and "MiniBatchKMeans" in str(choice)
    words = [w for t in set(topics) for w, _ in model.get_topic(int(t))]
    assert words and all(w == w.lower() for w in words)
    again = fit_topics_online(docs, vectors, LanguageAwareCountVectorizer(
        languages=("en", "fr"), max_n=2), nr_topics=4, seed=5, batch_size=40)[1]
    assert np.array_equal(topics, again)
