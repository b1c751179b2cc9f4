import numpy as np
import pytest

from analysis.topics.crosslingual import centre_by_language
from analysis.topics.model import fit_topics


def _found(doc_themes, prefix, keys) -> set:
    row = doc_themes[doc_themes["doc_id"].str.startswith(prefix)].iloc[0]
    return {k for k in keys if row[f"{k}_found"]}


def test_each_seed_document_has_its_themes(topic_result):
    """The seeds: 004 is about the digital economy, 003 manufacturing, 002 AI
    governance, and the French/English press release 000/001 about AI governance and
    manufacturing; confidences lie in [0, 1]."""
    keys = list(topic_result.theme_labels)
    themes = topic_result.doc_themes
    assert "digital_economy" in _found(themes, "004", keys)
    assert "manufacturing" in _found(themes, "003", keys)
    assert "ai_governance" in _found(themes, "002", keys)
    for prefix in ("000", "001"):
        assert {"ai_governance", "manufacturing"} <= _found(themes, prefix, keys)
    confidence = themes[[f"{k}_confidence" for k in keys]].to_numpy()
    assert ((confidence >= 0) & (confidence <= 1)).all()


def test_translation_pair(topic_result):
    pairs = topic_result.pairs
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert {pair["doc_a"][:3], pair["doc_b"][:3]} == {"000", "001"}
    assert pair["matched_share"] > 0.5


def test_explanations_name_terms(topic_result):
    ex = topic_result.explanations
    digital = ex[(ex["doc_id"].str.startswith("004")) & (ex["theme"] == "digital_economy")]
    terms = digital["specific_terms"].fillna("") + " " + digital["generic_terms"].fillna("")
    assert terms.str.contains("numérique").any()


def test_topics_mix_languages(topic_result):
    info = topic_result.topic_info
    mixed = info[(info["n_en"] > 0) & (info["n_fr"] > 0)]
    assert mixed["count"].sum() >= 0.8 * info["count"].sum()


@pytest.mark.parametrize("n", [1, 2, 5, 8, 12, 30])
def test_any_size_runs(sentence_units, n):
    """Every corpus size gets topics: below 3 units all are topic 0 and there is no
    model; from 3 on, BERTopic holds exactly the clustering's topics, numbered
    0..k-1 from the largest."""
    units, vectors = sentence_units
    docs = units["text"].tolist()[:n]
    model, topics, choice = fit_topics(docs, vectors[:n], seed=1)
    topics = np.asarray(topics)
    assert len(topics) == n
    if n < 3:
        assert model is None and topics.tolist() == [0] * n
        assert choice.regime == "tiny corpus" and "cannot be compared" in choice.reason
    else:  # BERTopic holds exactly the topics the clustering gave
        assert choice.regime == f"corpus of {n} units"
        sizes = np.bincount(topics)
        assert sizes.all() and (np.diff(sizes) <= 0).all()  # 0..k-1, largest first
        assert np.array_equal(np.asarray(model.topics_), topics)
        assert model.get_topic_info()["Count"].tolist() == sizes.tolist()


def test_fixed_number_of_topics(sentence_units):
    units, vectors = sentence_units
    _, topics, choice = fit_topics(units["text"].tolist(), vectors, nr_topics=4, seed=3)
    assert sorted(set(topics)) == [0, 1, 2, 3]
    assert str(choice) == (f"corpus of {len(units)} units: no reduction (language-centred "
                           "vectors) + k-means, k=4 (a fixed number of topics was asked for)")


def test_same_seed_same_topics(sentence_units):
    units, vectors = sentence_units
    docs = units["text"].tolist()
    runs = [fit_topics(docs, vectors, seed=7)[1] for _ in range(2)]
    assert np.array_equal(runs[0], runs[1])


def test_centring_removes_language_offset():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(20, 8))
    shifted = np.vstack([base[:10] + 5, base[10:]])
    out = centre_by_language(shifted, ["a"] * 10 + ["b"] * 10)
    assert np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
    assert abs(out[:10].mean() - out[10:].mean()) < 0.2


def test_online_mode(sentence_units):
    """Batch after batch with ``partial_fit``: every unit gets one of the k topics,
    the same ones for the same seed."""
    from analysis.topics.model import fit_topics_online

    units, vectors = sentence_units
    docs = units["text"].tolist()
    model, topics, choice = fit_topics_online(docs, vectors, nr_topics=4, seed=5,
                                              batch_size=40)
    assert len(topics) == len(docs) and set(topics) == {0, 1, 2, 3}
    assert choice.regime == "online" and choice.clustering == "MiniBatchKMeans, k=4"
    assert model.hdbscan_model.n_clusters == 4
    again = fit_topics_online(docs, vectors, nr_topics=4, seed=5, batch_size=40)[1]
    assert np.array_equal(topics, again)
