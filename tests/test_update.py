"""Update: new documents into the saved topics (issue 23)."""

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import UserInputError
from analysis.saved import load_analysis
from analysis.update import assign_units, update
from analysis.update.assign import assign, top_neighbours, vote
from analysis.update.novelty import NOVELTY_QUANTILE, candidate_topics, min_new_topic
from tests.conftest import CORPUS
from tests.test_saved import saved_run, tree


@pytest.fixture(scope="module")
def model(tmp_path_factory, corpus, keywords, topic_result):
    return saved_run(tmp_path_factory.mktemp("update") / "model", corpus, keywords,
                     topic_result)


def test_transform_agrees_with_fit(model):
    saved = load_analysis(model)
    again = assign_units(saved, saved.embeddings, saved.units["language"])
    assert np.mean(again.topics == saved.topics()) >= 0.99
    assert not again.new.any()


def test_one_batch_or_ten(model):
    saved = load_analysis(model)
    whole = assign_units(saved, saved.embeddings, saved.units["language"])
    parts = [assign_units(saved, saved.embeddings[rows], saved.units["language"].iloc[rows])
             for rows in np.array_split(np.arange(len(saved.units)), 10)]
    assert np.array_equal(np.concatenate([p.topics for p in parts]), whole.topics)
    assert np.array_equal(np.concatenate([p.nearest for p in parts]), whole.nearest)


def test_far_units_are_new():
    """Units farther from every saved unit than the saved novelty threshold are new;
    near ones take their neighbours' topic."""
    from pathlib import Path

    from analysis.saved.format import SavedAnalysis

    rng = np.random.default_rng(1)
    base = np.vstack([np.eye(8)[i] + 0.05 * rng.standard_normal((6, 8)) for i in (0, 1)])
    base = (base / np.linalg.norm(base, axis=1, keepdims=True)).astype(np.float32)
    units = pd.DataFrame({"topic": [0] * 6 + [1] * 6, "language": "en"})
    meta = {"topics": [{"id": 0, "name": "a", "size": 6, "words": []},
                       {"id": 1, "name": "b", "size": 6, "words": []}],
            "novelty": {"quantiles": {NOVELTY_QUANTILE: 0.9}}}
    saved = SavedAnalysis(Path("."), meta, units, pd.DataFrame(), base, {})
    queries = np.eye(8, dtype=np.float32)[[0, 1, 5, 6]]
    result = assign_units(saved, queries, ["en"] * 4)
    assert list(result.new) == [False, False, True, True]
    assert list(result.topics[:2]) == [0, 1]


def test_vote_and_neighbours():
    base = np.eye(3, dtype=np.float32)
    idx, sims = top_neighbours(np.array([[1, 0.5, 0]], dtype=np.float32), base, 2)
    assert list(idx[0]) == [0, 1]
    assert list(vote(np.array([[3, 1]]), np.array([[0.5, 0.5]]))) == [1]  # tie: smaller id
    topics, nearest = assign(base, base, np.array([0, 1, 1]), n_neighbors=1)
    assert list(topics) == [0, 1, 1] and np.allclose(nearest, 1)


def test_candidate_topics_group_the_new_units():
    rng = np.random.default_rng(0)
    X = np.vstack([c + 0.2 * rng.standard_normal((15, 20)) for c in np.eye(20)[:3]])
    labels = candidate_topics(X, min_size=5, first_id=10, seed=0)
    assert len(set(labels[:15])) == 1 and len(set(labels[15:30])) == 1
    assert labels[0] != labels[15] and labels[0] >= 10 and labels[15] >= 10
    assert np.mean(labels[30:] >= 10) > 0.5  # small leftover groups stay -1 (new)
    assert set(candidate_topics(X[:3], 5, 10, 0)) == {-1}
    assert min_new_topic(100) == 5 and min_new_topic(1000) == 20 and min_new_topic(10, 3) == 3


def test_update_writes_tables_and_keeps_the_model(model, tmp_path):
    before = tree(model)
    out = tmp_path / "up"
    text = update(model, CORPUS, out)
    assert tree(model) == before
    docs = pd.read_csv(out / "tables" / "document_topics.csv", dtype=str)
    saved = load_analysis(model)
    assert set(docs["main_topic"]) <= {str(t) for t in saved.topics()}
    shares = pd.read_csv(out / "tables" / "topic_shares.csv")
    assert {"share_then", "share_now"} <= set(shares.columns)
    np.testing.assert_allclose(shares["share_now"].sum(), 1.0, atol=1e-6)
    assert "part avant" in text  # the summary in the page's language (mostly French)


FOOTBALL = ("The home side won the cup final three goals to one on Saturday after the "
            "striker scored twice in the second half. The goalkeeper saved a penalty before "
            "the break and the coach praised the defenders. The fans sang until the referee "
            "blew the final whistle, and the captain lifted the trophy in front of the stand.")


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("update-run") / "run"
    assert main(["run", "--corpus", str(CORPUS), "--out", str(out), "-q"]) == 0
    return out


def test_update_writes_what_a_run_writes_and_says_what_is_new(run_folder, tmp_path):
    """The same tables, figures and report page as a run, for the new documents; a
    document about something the saved topics never saw has ``new`` as its main
    topic, and the page opens with what changed."""
    import shutil

    folder = tmp_path / "batch"
    folder.mkdir()
    for doc in sorted(CORPUS.iterdir())[:2]:
        shutil.copy(doc, folder / doc.name)
    (folder / "football.txt").write_text(FOOTBALL, encoding="utf-8")
    out, model = tmp_path / "up", run_folder
    update(model, folder, out)
    run_tables = {p.name for p in (model / "tables").iterdir()}
    tables = {p.name for p in (out / "tables").iterdir()}
    assert run_tables <= tables, run_tables - tables
    assert {"unit_novelty.csv", "topic_shares.csv", "new_topics.csv"} <= tables
    assert {p.name for p in (model / "figures").iterdir()} <= {
        p.name for p in (out / "figures").iterdir()}
    docs = pd.read_csv(out / "tables" / "document_topics.csv", dtype=str).set_index("doc_id")
    assert docs.loc["football", "main_topic"] == "new"
    assert "topic_new" in docs.columns
    saved_ids = {str(t) for t in load_analysis(model).topics()}
    assert set(docs.drop(index="football")["main_topic"]) <= saved_ids
    units = pd.read_csv(out / "tables" / "unit_topics.csv", dtype=str)
    assert set(units[units["doc_id"] == "football"]["topic"]) == {"new"}
    novelty = pd.read_csv(out / "tables" / "unit_novelty.csv", dtype={"doc_id": str})
    assert novelty[novelty["doc_id"] == "football"]["new"].all()
    info = pd.read_csv(out / "tables" / "topic_info.csv", dtype=str)
    assert "new" in set(info["topic"])
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.index('id="changes"') < page.index('id="findings"')
    assert 'href="#topic-new"' in page


def test_update_keeps_the_edits(model, tmp_path):
    from analysis.edit import edit

    edited = tmp_path / "edited"
    edit(model, renames={0: "Renamed topic"}, out=edited)
    update(edited, CORPUS, tmp_path / "up")
    shares = pd.read_csv(tmp_path / "up" / "tables" / "topic_shares.csv", dtype=str)
    assert "Renamed topic" in set(shares["name"])


def test_update_into_the_model_is_refused(model, capsys):
    before = tree(model)
    assert main(["update", "--model", str(model), "--corpus", str(CORPUS), "--out",
                 str(model)]) == 2
    assert "same folder as --model" in capsys.readouterr().err
    assert tree(model) == before


def test_corpus_in_an_unseen_language(model, tmp_path, capsys):
    folder = tmp_path / "de"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung der künstlichen "
        "Intelligenz beschlossen. Die Unternehmen sollen damit schneller investieren können "
        "und die Forschung an den Hochschulen wird gestärkt.", encoding="utf-8")
    before = tree(model)
    assert main(["update", "--model", str(model), "--corpus", str(folder), "--out",
                 str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "never saw: de" in err and err.count("\n") == 1
    assert tree(model) == before
    with pytest.raises(UserInputError):
        update(model, folder, tmp_path / "out2")
