"""Merging and renaming topics (issue 23)."""

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.edit import edit, parse_merges, parse_renames, read_labels
from analysis.errors import UserInputError
from analysis.io.runfolder import check_manifest
from analysis.saved import load_analysis
from tests.test_saved import saved_run, tree


@pytest.fixture()
def run_dir(tmp_path, corpus, keywords, topic_result):
    folder = saved_run(tmp_path / "run", corpus, keywords, topic_result)
    tables = folder / "tables"
    tables.mkdir()
    units = keywords.units
    topics = np.asarray(topic_result.topics)
    topic_result.topic_info.to_csv(tables / "topic_info.csv", index=False)
    topic_result.doc_topics.to_csv(tables / "document_topics.csv", index=False)
    units[["unit_id", "doc_id", "language"]].assign(topic=topics).to_csv(
        tables / "unit_topics.csv", index=False)
    from analysis.io.runfolder import MANIFEST, manifest_of

    (folder / MANIFEST).unlink()
    (folder / MANIFEST).write_text(json.dumps(manifest_of(folder, {"csv_dialect": "standard"})),
                                   encoding="utf-8")
    return folder


def test_parse():
    assert parse_merges(["4,7", "1, 2,3"]) == [[4, 7], [1, 2, 3]]
    assert parse_renames(['4="Catalan independence"', "2=Sport"]) == {
        4: "Catalan independence", 2: "Sport"}
    for bad in (["4"], ["4,4"], ["a,b"]):
        with pytest.raises(UserInputError):
            parse_merges(bad)
    for bad in (["4"], ["x=Name"], ["4="]):
        with pytest.raises(UserInputError):
            parse_renames(bad)


def test_labels_file(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("topic,name,merge_into\n0,Economy,\n3,,0\n", encoding="utf-8")
    assert read_labels(path) == ([[0, 3]], {0: "Economy"})
    path.write_text("id,label\n1,x\n", encoding="utf-8")
    with pytest.raises(UserInputError, match="'topic' column"):
        read_labels(path)


def test_edit_into_a_new_folder_keeps_the_model(run_dir, tmp_path, capsys):
    before = tree(run_dir)
    out = tmp_path / "edited"
    every = ",".join(map(str, sorted(load_analysis(run_dir).topic_names())))
    assert main(["edit", "--model", str(run_dir), "--merge", every, "--rename",
                 '0="China and AI"', "--out", str(out)]) == 0
    assert tree(run_dir) == before
    assert check_manifest(out) == []
    saved = load_analysis(out)
    assert saved.topic_names() == {0: "China and AI"}
    assert set(saved.topics()) == {0}
    info = pd.read_csv(out / "tables" / "topic_info.csv")
    assert list(info["topic"]) == [0] and info["name"].iat[0] == "China and AI"
    assert info["count"].iat[0] == len(saved.units)
    shares = pd.read_csv(out / "tables" / "document_topics.csv")
    assert [c for c in shares.columns if c.startswith("topic_")] == ["topic_0"]
    np.testing.assert_allclose(shares["topic_0"], 1.0, atol=1e-3)
    assert "China and AI" in capsys.readouterr().out
    # one topic has no distinctive terms; every table of the edited folder is a
    # declared output, its own edit table too
    from analysis.report.outputs import output_for

    assert not (out / "tables" / "distinctive_by_topic.csv").exists()
    assert (out / "tables" / "topic_edits.csv").exists()
    assert output_for("topic_edits", "table").part == "edit"
    for path in (out / "tables").iterdir():
        assert output_for(path.stem, "table") is not None, path.name


def test_edit_in_place_and_edits_accumulate(run_dir):
    edit(run_dir, renames={1: "Industry"})
    assert check_manifest(run_dir) == []
    edit(run_dir, renames={0: "AI"})
    saved = load_analysis(run_dir)
    names = saved.topic_names()
    assert names[0] == "AI" and names[1] == "Industry"
    assert saved.edits["renames"] == {"1": "Industry", "0": "AI"}


@pytest.mark.parametrize("argv, message", [
    (["--merge", "0,9"], "no topic 9"),
    (["--rename", "9=x"], "no topic 9"),
    ([], "nothing to edit"),
    (["--labels", "missing.csv"], "no such file"),
])
def test_failed_edit_changes_nothing(run_dir, argv, message, capsys):
    before = tree(run_dir)
    assert main(["edit", "--model", str(run_dir), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert tree(run_dir) == before


def _synthetic_run(folder: Path, n_units: int, n_topics: int = 12) -> Path:
    """A saved analysis of ``n_units`` random units (no corpus, no fit)."""
    from analysis.io.runfolder import MANIFEST, manifest_of
    from analysis.saved import save_analysis

    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_units, 512)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    topics = np.arange(n_units) % n_topics
    units = pd.DataFrame({"unit_id": [f"d{i // 10}#{i % 10}" for i in range(n_units)],
                          "doc_id": [f"d{i // 10}" for i in range(n_units)],
                          "position": np.arange(n_units) % 10, "language": "en",
                          "n_words": 20, "text": [f"unit {i}" for i in range(n_units)]})
    docs = [SimpleNamespace(doc_id=d, title=d, date=None, language="en", source=d)
            for d in units["doc_id"].unique()]
    info = pd.DataFrame({"topic": range(n_topics), "count": np.bincount(topics),
                         "name": [f"topic {t}" for t in range(n_topics)]})
    terms = pd.DataFrame({"topic": range(n_topics), "language": "en", "rank": 1,
                          "term": "w", "label": [f"w{t}" for t in range(n_topics)],
                          "score": 1.0})
    result = SimpleNamespace(embeddings=X, topics=topics, topic_info=info, topic_terms=terms)
    config = SimpleNamespace(seed=42, top_n=10, encoder="usem3", unit="paragraph", max_n=3)
    save_analysis(folder / "saved", docs, SimpleNamespace(units=units), result, config,
                  encoder_id="synthetic")
    tables = folder / "tables"
    tables.mkdir()
    info.to_csv(tables / "topic_info.csv", index=False)
    units[["unit_id", "doc_id", "language"]].assign(topic=topics).to_csv(
        tables / "unit_topics.csv", index=False)
    (folder / MANIFEST).write_text(json.dumps(manifest_of(folder, {})), encoding="utf-8")
    return folder


def test_edit_of_a_large_saved_run_without_its_corpus(tmp_path):
    """A saved run of 2,000 units is redrawn from saved/ alone (its speed at 10,000
    units is measured by bench/bench_edit.py, not here)."""
    run = _synthetic_run(tmp_path / "big", 2_000)
    edit(run, merges=[[4, 7]], renames={4: "Catalan independence"})
    saved = load_analysis(run)
    assert saved.topic_names()[4] == "Catalan independence" and 7 not in saved.topic_names()
    info = pd.read_csv(run / "tables" / "topic_info.csv")
    assert 7 not in set(info["topic"])
    sizes = np.bincount(np.arange(2_000) % 12)  # the synthetic run's topics
    assert info.set_index("topic").loc[4, "count"] == sizes[4] + sizes[7]
    assert (run / "report.html").is_file() and check_manifest(run) == []


def test_edit_redraws_the_figures_and_the_page(tmp_path):
    """After merging every topic into one and renaming it, the run's figures,
    summary and page show the topics as edited; the theme and keyword tables, which
    no edit touches, are the run's own, byte for byte."""
    from tests.conftest import CORPUS

    run = tmp_path / "run"
    assert main(["run", "--corpus", str(CORPUS), "--out", str(run), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in (run / "tables").iterdir()}
    out = tmp_path / "edited"
    every = ",".join(map(str, sorted(load_analysis(run).topic_names())))
    assert len(every) > 1  # the bundled corpus has several topics
    assert main(["edit", "--model", str(run), "--merge", every, "--rename",
                 '0="Politique chinoise"', "--out", str(out), "-q"]) == 0
    assert check_manifest(out) == []
    for name in ("unit_themes.csv", "document_themes.csv", "keywords_by_document.csv",
                 "units.csv", "translation_pairs.csv"):
        assert (out / "tables" / name).read_bytes() == before[name], name
    for name in ("figures/unit_map.svg", "figures/topics_over_time.svg", "summary.md",
                 "report.html", "tables/unit_topics.csv", "tables/topic_info.csv"):
        text = (out / name).read_text(encoding="utf-8")
        assert "Politique chinoise" in text, name
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count('<section class="topic"') == 1
