"""One source of topic words: the package's c-TF-IDF.

The topic tables (``topic_terms_by_language.csv``, ``topic_info.csv``), the
BERTopic model (its figures, interactive views and saved form) must show the
same words for every topic, taken from :mod:`analysis.topics.representation`.
"""

import numpy as np
import pytest

from analysis.topics.representation import (
    attach_terms,
    main_language_terms,
    topic_terms,
)


def _table_words(table) -> dict:
    """Each topic's labels in its main language, by rank."""
    main = main_language_terms(table)
    return {int(t): rows.sort_values("rank")["label"].tolist()
            for t, rows in main.groupby("topic")}


def _model_words(model, topics) -> dict:
    return {int(t): [w for w, _ in (model.get_topic(int(t)) or [])] for t in sorted(set(topics))}


def test_model_words_are_the_tables_words(topic_result, keywords):
    """``model.get_topic(t)`` gives each topic's main-language terms of the table,
    in rank order and with their scores; the model's vectoriser is the keyword
    step's fitted one."""
    table = topic_result.topic_terms
    expected = _table_words(table)
    assert set(expected) == set(int(t) for t in topic_result.topics)
    assert all(expected.values())  # every topic has words
    model = topic_result.model
    assert _model_words(model, topic_result.topics) == expected
    main = main_language_terms(table)
    for t in expected:
        scores = main[main["topic"] == t].sort_values("rank")["score"].tolist()
        assert [s for _, s in model.get_topic(t)] == pytest.approx(scores)
    assert model.vectorizer_model is keywords.vectorizer
    # the topic table's terms column of the main language shows the same words
    languages = main.groupby("topic")["language"].first()
    info = topic_result.topic_info.set_index("topic")
    for t, lang in languages.items():
        assert info.loc[t, f"terms_{lang}"] == ", ".join(expected[t])


def test_saved_and_loaded_model_keeps_the_words(topic_result, keywords, tmp_path):
    """A model saved and loaded again shows the same words and has the keyword
    step's vocabulary, so the saved model agrees with the CSV tables."""
    from analysis.topics.persist import load_topic_model, save_topic_model

    save_topic_model(topic_result.model, tmp_path / "model")
    loaded = load_topic_model(tmp_path / "model")
    assert _model_words(loaded, topic_result.topics) == _table_words(topic_result.topic_terms)
    assert loaded.vectorizer_model.vocabulary_ == keywords.vectorizer.vocabulary_
    assert list(loaded.vectorizer_model.display_names_) == \
        list(keywords.vectorizer.display_names_)


def test_c_tf_idf_rows_are_the_main_language_scores(topic_result, keywords):
    """The model's c-TF-IDF row of each topic is its main-language row of the
    package's c-TF-IDF, over the keyword vocabulary's columns."""
    units = keywords.units
    terms = topic_terms(keywords.counts, topic_result.topics, units["language"],
                        keywords.vectorizer, 10)
    matrix = topic_result.model.c_tf_idf_.toarray()
    assert matrix.shape == (len(set(topic_result.topics)), len(keywords.vectorizer.vocabulary_))
    for t, lang in terms.main_language().items():
        row = terms.scores[lang][terms.classes[lang].index(t)]
        np.testing.assert_array_equal(matrix[t], row)


def test_online_model_words_are_the_package_terms(sentence_units):
    """Online mode too: after :func:`attach_terms`, every topic's words in the
    model are its main-language terms of the package's c-TF-IDF."""
    from analysis.keywords.tables import make_vectorizer
    from analysis.topics.model import fit_topics_online

    units, vectors = sentence_units
    docs = units["text"].tolist()
    model, topics, _ = fit_topics_online(docs, vectors, nr_topics=4, seed=5, batch_size=40)
    vectorizer = make_vectorizer(sorted(set(units["language"])), max_n=2)
    counts = vectorizer.fit_transform(list(zip(docs, units["language"])))
    terms = topic_terms(counts, topics, units["language"], vectorizer, 10)
    attach_terms(model, terms, vectorizer)
    assert _model_words(model, topics) == _table_words(terms.table)
    assert model.c_tf_idf_.shape[0] == len(set(topics))
