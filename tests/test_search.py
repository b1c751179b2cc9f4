"""Search over the saved analysis (issue 23)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.errors import UserInputError
from analysis.search import DocumentIndex, search
from analysis.search.bm25 import BM25Index
from analysis.search.engine import top_k
from analysis.search.query import check_query
from tests.test_saved import saved_run, tree


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, corpus, keywords, topic_result):
    return saved_run(tmp_path_factory.mktemp("search") / "run", corpus, keywords, topic_result)


def test_search_returns_documents_best_first(run_dir, keywords):
    hits = search(run_dir, "artificial intelligence development plan", k=3)
    assert list(hits["rank"]) == [1, 2, 3]
    assert hits["score"].is_monotonic_decreasing
    assert hits["doc_id"].is_unique
    assert set(hits["doc_id"]) <= set(keywords.units["doc_id"])
    texts = dict(zip(keywords.units["unit_id"], keywords.units["text"]))
    assert all(texts[u] == p for u, p in zip(hits["unit_id"], hits["passage"]))
    assert {"doc_id", "score", "title", "date", "topic", "topic_name", "passage"} <= set(
        hits.columns)


def test_search_finds_the_passage_that_says_it(run_dir, keywords):
    """A paragraph of the corpus, as the query, is its document's best passage,
    with a cosine near 1 (the document's rank also weighs the whole document)."""
    units = keywords.units
    row = units[units["language"] == "en"].iloc[3]
    hits = search(run_dir, row["text"], k=5, feedback=0)
    mine = hits[hits["doc_id"] == row["doc_id"]]
    assert len(mine) == 1
    assert mine["unit_id"].iat[0] == row["unit_id"]
    assert mine["passage_score"].iat[0] > 0.95


def test_cross_lingual_query_finds_french(run_dir, keywords):
    """An English query, French documents only: the French passage that translates
    it comes first."""
    units = keywords.units
    fr = units[units["language"] == "fr"]
    hits = search(run_dir, "The digital economy of China", k=2, language="fr")
    assert set(hits["language"]) == {"fr"}
    assert set(hits["doc_id"]) <= set(fr["doc_id"])


def test_search_is_deterministic(run_dir):
    a = search(run_dir, "manufacturing industries", k=5)
    b = search(run_dir, "manufacturing industries", k=5)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("query, message", [
    ("", "query is empty"),
    ("   ", "query is empty"),
    ("?!", "no letters"),
    ("मौसम की खबर", "devanagari script"),
    ("Εκλογές στην Ελλάδα σήμερα", "greek script"),
    ("berita olahraga hari ini di Jakarta", "language the encoder does not know"),
])
def test_bad_queries_are_one_line(run_dir, query, message):
    before = tree(run_dir)
    with pytest.raises(UserInputError, match=message) as err:
        search(run_dir, query)
    assert "\n" not in str(err.value)
    assert tree(run_dir) == before


@pytest.mark.parametrize("query", ["Brexit vote", "Xi Jinping", "export controls on chips",
                                   "la santé publique", "芯片出口管制", "technology"])
def test_short_queries_in_known_languages_pass(query):
    assert check_query(query) == query


def test_bad_k(run_dir):
    with pytest.raises(UserInputError, match="--top"):
        search(run_dir, "AI", k=0)


def test_top_k_breaks_ties_by_position():
    scores = np.array([0.5, 0.9, 0.5, 0.9, 0.1])
    assert list(top_k(scores, 3)) == [1, 3, 0]
    assert list(top_k(scores, 10)) == [1, 3, 0, 2, 4]


def test_document_index_groups_scattered_units():
    """Units of one document need not be together; a document scores its best unit."""
    from analysis.saved.format import SavedAnalysis

    X = np.eye(4, dtype=np.float32)
    units = pd.DataFrame({"unit_id": list("abcd"), "doc_id": ["x", "y", "x", "y"],
                          "text": list("abcd"), "language": "en", "topic": 0})
    meta = {"topics": [{"id": 0, "name": "t", "size": 4, "words": []}], "settings": {}}
    saved = SavedAnalysis(Path("."), meta, units, pd.DataFrame({"doc_id": ["x", "y"]}), X, {})
    index = DocumentIndex(saved)
    scores, unit_scores = index.scores(np.array([0, 0, 1, 0], dtype=np.float32))
    assert index.doc_ids == ["x", "y"]
    assert scores[0] > scores[1]
    assert index.best_unit(0, unit_scores) == 2
    np.testing.assert_allclose(index.doc_vectors[0], np.array([1, 0, 1, 0]) / np.sqrt(2),
                               rtol=1e-6)


def test_bm25_against_rank_bm25():
    rank_bm25 = pytest.importorskip("rank_bm25")
    texts = ["the cat sat on the mat", "dogs and cats", "a stock market crash",
             "market prices fall", "the dog barked at the cat"]
    ours = BM25Index().fit(texts).scores("cat market")
    theirs = rank_bm25.BM25Okapi([t.split() for t in texts]).get_scores(["cat", "market"])
    np.testing.assert_allclose(ours, theirs, rtol=1e-9)


def test_cli_search_prints_and_writes_csv(run_dir, tmp_path, capsys):
    from analysis.cli import main

    out = tmp_path / "hits.csv"
    assert main(["search", "--model", str(run_dir), "industrial upgrading", "--top", "2",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "best document(s) for 'industrial upgrading'" in printed
    hits = pd.read_csv(out)
    assert list(hits["rank"]) == [1, 2] and "doc_id" in hits.columns
    assert hits["doc_id"].iat[0] in printed


@pytest.mark.parametrize("argv, message", [
    (["search", "--model", "{run}", ""], "query is empty"),
    (["search", "--model", "{tmp}/none", "AI"], "no such folder"),
    (["search", "--model", "{run}", "AI", "--top", "0"], "--top"),
    (["search", "--model", "{run}", "AI", "--language", "xx"], "no document"),
])
def test_cli_search_errors_exit_2(run_dir, tmp_path, argv, message, capsys):
    from analysis.cli import main

    argv = [a.format(run=run_dir, tmp=tmp_path) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_help_lists_the_new_commands(capsys):
    from analysis.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert all(name in text for name in ("search", "update", "edit"))


def test_rescore_matches_scores_on_its_documents():
    from analysis.saved.format import SavedAnalysis

    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 8)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    docs = [f"d{i % 7}" for i in range(40)]  # scattered units
    units = pd.DataFrame({"unit_id": range(40), "doc_id": docs, "text": "", "language": "en",
                          "topic": 0})
    meta = {"topics": [{"id": 0, "name": "t", "size": 40, "words": []}], "settings": {}}
    saved = SavedAnalysis(Path("."), meta, units, pd.DataFrame({"doc_id": sorted(set(docs))}),
                          X, {})
    index = DocumentIndex(saved)
    q = X[3]
    full, full_units = index.scores(q)
    pool = np.array([1, 4, 5])
    part, part_units = index.rescore(pool, q)
    np.testing.assert_allclose(part[pool], full[pool], rtol=1e-6)
    assert np.isneginf(np.delete(part, pool)).all()
    for d in pool:
        assert index.best_unit(d, part_units) == index.best_unit(d, full_units)
