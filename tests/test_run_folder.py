"""Issue #19: nothing escapes the output folder, no two documents share an id,
a folder always holds one whole run, and no input or option ends in a traceback."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import UserInputError
from analysis.io.names import MAX_PART, file_part, file_parts, unique_ids, user_columns
from analysis.io.runfolder import MANIFEST, RunFolder, check_manifest
from tests.conftest import CORPUS, ROOT

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
HOSTILE = ["..", "../../../../../in/corpus", "desk/section", "a\\b", "nul\x00byte", "x" * 304,
           "Desk", "desk", "DESK", "de sk", "de/sk", ".hidden", "", "é", "e", "CON", "-rf"]


def _tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its SHA-256."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _run(*args) -> int:
    return main(["run", *map(str, args), "--keywords-only", "-q"])


def _table(tmp_path: Path, columns: dict, name: str = "in.csv") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    path = folder / name
    pd.DataFrame({"text": ARTICLES, **columns}).to_csv(path, index=False)
    return path


# -- names built from data ---------------------------------------------------------------

def test_file_parts_are_safe_bounded_and_distinct():
    parts = file_parts(HOSTILE, reserved=("language", "document"))
    assert len(set(p.lower() for p in parts.values())) == len(HOSTILE)
    for name, part in parts.items():
        assert part and len(part) <= MAX_PART + 4, name
        assert set(part) <= set("abcdefghijklmnopqrstuvwxyz0123456789_-"), part
        assert not part.startswith((".", "-")) or part == name
    assert file_part("desk") == "desk" and file_part("Desk") != "desk"
    assert file_parts(["language"], reserved=["language"]) == {"language": "column_language"}


def test_unique_ids_never_take_an_id_in_use():
    assert unique_ids(["A", "A~2", "A"]) == (["A", "A~2", "A~3"], ["A"])
    assert unique_ids(["A", "A", "A~2", "A"])[0] == ["A", "A~3", "A~2", "A~4"]


def test_user_columns_keep_apart_from_the_tools():
    names = user_columns(["doc_id", "language", "input_language", "desk", "text"],
                         kept=["text"])
    assert names == {"doc_id": "input_doc_id", "language": "input_language_2",
                     "input_language": "input_language", "desk": "desk"}


# -- nothing escapes --out ---------------------------------------------------------------

def test_hostile_group_by_columns_stay_inside_out(tmp_path):
    columns = {name: ["a", "b", "a", "b", "c"] for name in HOSTILE if name and "\x00" not in name}
    path = _table(tmp_path, columns)
    before = _tree(tmp_path)
    out = tmp_path / "work" / "out"
    args = [f"--group-by={name}" for name in columns]
    assert _run("--corpus", path, "--out", out, *args) == 0
    after = _tree(tmp_path)
    new = {k for k in after if k not in before}
    assert all(k.startswith("work/out/") for k in new), sorted(new)
    assert {k: after[k] for k in before} == before, "an input changed"
    tables = sorted(p.name for p in (out / "tables").iterdir())
    by = [t for t in tables if t.startswith("keywords_by_")]
    # one table per column, plus the tool's own (document, language): none merged
    assert len(by) == len(columns) + 2, by
    assert all(len(t.encode()) < 100 for t in tables)


def test_stems_that_collide_keep_their_suffix(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "report.md").write_text(ARTICLES[1], encoding="utf-8")
    (folder / "other.txt").write_text(ARTICLES[2], encoding="utf-8")
    out = tmp_path / "out"
    assert _run("--corpus", folder, "--out", out, "--group-by", "title") == 0
    ids = [r["doc_id"] for r in csv.DictReader((out / "tables" / "documents.csv").open())]
    assert ids == ["other", "report.md", "report.txt"]


def test_tool_columns_of_a_table_are_kept_apart(tmp_path):
    path = _table(tmp_path, {"doc_id": list("abcab"), "source": list("sssss"),
                             "language": ["x", "y", "x", "y", "x"], "n_words": [1] * 5})
    out = tmp_path / "out"
    assert _run("--corpus", path, "--out", out, "--group-by", "language") == 0
    rows = list(csv.DictReader((out / "tables" / "documents.csv").open()))
    assert {"input_doc_id", "input_source", "input_language", "input_n_words"} <= set(rows[0])
    assert {r["language"] for r in rows} <= {"en", "fr"}  # the detected language
    assert {r["input_language"] for r in rows} == {"x", "y"}
    units = list(csv.DictReader((out / "tables" / "units.csv").open()))
    assert {u["doc_id"] for u in units} == {r["doc_id"] for r in rows}  # the tables join
    groups = pd.read_csv(out / "tables" / "keywords_by_input_language.csv")["group"]
    assert set(groups) == {"x", "y"}
    problems = (out / "tables" / "problems.csv").read_text(encoding="utf-8")
    assert "'language' as 'input_language'" in problems


@pytest.mark.parametrize("key", ["n_words", "other", "doc_id", "Has Space", "ai_found", "1x"])
def test_theme_keys_cannot_name_a_column(tmp_path, key, capsys):
    themes = tmp_path / "themes.toml"
    themes.write_text(f'["{key}"]\nterms.en = ["robot"]\n', encoding="utf-8")
    out = tmp_path / "out"
    code = main(["run", "--corpus", str(CORPUS), "--out", str(out), "--themes", str(themes)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "theme key" in err
    assert not out.exists(), "the themes file must be checked before any work"


# -- one folder, one whole run -------------------------------------------------------------

def test_a_run_replaces_the_folder_whole(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    for i, text in enumerate(ARTICLES):
        (bad / f"{i}.txt").write_text(text, encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert _run("--corpus", bad, "--out", out) == 0
    assert (out / "tables" / "problems.csv").exists() and check_manifest(out) == []
    (bad / "empty.txt").unlink()  # the user fixes the bad file and runs again
    (out / "tables" / "stray.csv").write_text("x", encoding="utf-8")
    assert _run("--corpus", bad, "--out", out) == 0
    assert not (out / "tables" / "problems.csv").exists()
    assert not (out / "tables" / "stray.csv").exists()
    assert check_manifest(out) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_ctrl_c_keeps_the_previous_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _run("--corpus", CORPUS, "--out", out) == 0
    before = _tree(out)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.pipeline.steps.analyse_topics_frame", interrupted)
    code = main(["run", "--corpus", str(CORPUS), "--out", str(out), "--unit", "sentence",
                 "-q"])
    assert code == 130
    assert _tree(out) == before and check_manifest(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_kill_9_keeps_the_previous_run_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    assert _run("--corpus", CORPUS, "--out", out) == 0
    before = _tree(out)
    env = {**os.environ, "ANALYSIS_PROGRESS": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "run", "--corpus", str(CORPUS), "--out", str(out),
         "--unit", "sentence", "--no-cache", "-q"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staged = []
    while time.monotonic() < deadline and process.poll() is None:
        staged = [p for p in tmp_path.glob(".out.run-*/tables/*.csv")]
        if staged:
            break
        time.sleep(0.05)
    assert staged, "the run never wrote into its staging folder"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _tree(out) == before and check_manifest(out) == []
    assert any(p.name.startswith(".out.") for p in tmp_path.iterdir())  # its leftovers
    assert _run("--corpus", CORPUS, "--out", out) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_keywords_only_leaves_no_file_of_a_full_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    folder = RunFolder(out)
    with folder as staging:
        for name in ("tables/topic_info.csv", "topic_model/config.json", "summary.md"):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text("old", encoding="utf-8")
        folder.commit({})
    assert _run("--corpus", CORPUS, "--out", out) == 0
    assert not (out / "topic_model").exists() and not (out / "tables" / "topic_info.csv").exists()


def test_a_second_run_into_a_folder_in_use_stops(tmp_path, capsys):
    out = tmp_path / "out"
    with RunFolder(out):
        code = main(["run", "--corpus", str(CORPUS), "--out", str(out), "--keywords-only"])
    err = capsys.readouterr().err
    assert code == 2 and "another run is writing into it" in err and err.count("\n") == 1
    assert not out.exists()


def test_a_folder_of_other_files_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    assert main(["run", "--corpus", str(CORPUS), "--out", str(out), "--keywords-only"]) == 2
    assert "not an earlier run's" in capsys.readouterr().err
    assert (out / "thesis.docx").read_bytes() == b"years of work"


def test_a_corpus_inside_out_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "corpus").mkdir(parents=True)
    (out / "corpus" / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    assert main(["run", "--corpus", str(out / "corpus"), "--out", str(out)]) == 2
    assert "holds the corpus" in capsys.readouterr().err
    assert (out / "corpus" / "a.txt").exists()


# -- no traceback for any input or option ---------------------------------------------------

def test_a_topic_without_terms_is_named_not_a_crash(tmp_path):
    from analysis.topics.representation import NO_TERMS

    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    rows = ["\n\n".join(" ".join(f"{(i * 7919 + j * 104729) % 99991},{j:02d}" for j in range(8))
                        for i in range(30))]
    for k in range(3):
        (folder / f"prices{k}.txt").write_text(rows[0], encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(folder), "--out", str(out), "--encoder", "tfidf",
                 "--nr-topics", "8", "--no-cache", "-q"]) == 0
    info = pd.read_csv(out / "tables" / "topic_info.csv")
    assert info["name"].str.contains(NO_TERMS, regex=False).any()


def test_dates_at_the_edges_of_the_calendar(tmp_path):
    import datetime as dt

    from analysis.report.theme_figures import themes_over_time

    shares = pd.DataFrame({"doc_id": list("abcd"), "date": ["0001-01-01", "2026-01-03",
                                                           "2262-04-12", "9999-12-31"],
                           "ai_found": [False, True, True, False]})
    themes_over_time(shares, {"ai": "AI"}, "t")
    many = pd.DataFrame({"doc_id": [str(i) for i in range(20)],
                         "date": [dt.date(9999, 12, 1 + i).isoformat() for i in range(20)],
                         "ai_found": [True] * 20})
    fig = themes_over_time(many, {"ai": "AI"}, "t")
    fig.savefig(tmp_path / "f.svg")


def test_stop_words_in_cp1252(tmp_path):
    from analysis.pipeline.config import RunConfig

    words = tmp_path / "stop.txt"
    words.write_bytes("économie\ndéclaré\n".encode("cp1252"))
    assert {"économie", "déclaré"} <= RunConfig.make(stopwords=words).extra_stopwords()


@pytest.mark.parametrize("seed", ["-1", "4294967296", "99999999999999999999"])
def test_bad_seeds_are_one_line(seed, tmp_path, capsys):
    assert main(["run", "--out", str(tmp_path / "o"), "--seed", seed]) == 2
    assert "--seed" in capsys.readouterr().err


def test_a_folder_1000_levels_deep(tmp_path):
    from analysis.io.corpus import load_corpus

    folder = tmp_path / "in"
    deep = folder
    folder.mkdir()
    for _ in range(1000):  # one by one: os.makedirs itself recurses
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    try:
        corpus = load_corpus(folder)
        assert len(corpus) == 1 and corpus.documents[0].doc_id.count("/") == 1000
    finally:  # removed level by level: shutil.rmtree (and pytest's clean-up) recurse
        (deep / "a.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_an_encoder_folder_that_is_no_model(tmp_path, capsys):
    folder = tmp_path / "notamodel"
    folder.mkdir()
    (folder / "readme.txt").write_text("hello", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", "--out", str(out), "--encoder", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "no sentence-transformers model" in err and err.count("\n") == 1
    assert not out.exists()


def test_a_link_loop_as_corpus(tmp_path, capsys):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert main(["run", "--corpus", str(loop), "--out", str(tmp_path / "o")]) == 2
    assert "loops back" in capsys.readouterr().err


def test_a_nul_byte_anywhere_in_a_table(tmp_path):
    from analysis.io.corpus import load_corpus

    for at in (0, -1):
        rows = list(ARTICLES)
        rows[at] = rows[at][:50] + "\x00" + rows[at][50:]
        path = tmp_path / f"t{at}.csv"
        pd.DataFrame({"text": rows}).to_csv(path, index=False)
        assert len(load_corpus(path)) == 5


def test_nr_topics_above_the_units_is_said(tmp_path):
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(CORPUS), "--out", str(out), "--nr-topics", "500",
                 "--encoder", "tfidf", "--no-cache", "-q"]) == 0
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "k=500" not in summary and "500" in summary


# -- reports name the corpus, not the machine ----------------------------------------------

def test_reports_do_not_reveal_the_machine(tmp_path):
    folder = tmp_path / "home" / "alice" / "articles"
    folder.mkdir(parents=True)
    for i, text in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert _run("--corpus", folder, "--out", out) == 0
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".md", ".html", ".json", ".svg"):
            text = path.read_text(encoding="utf-8-sig")
            assert "alice" not in text and str(tmp_path) not in text, path
    assert "articles/empty.txt" in (out / "tables" / "problems.csv").read_text(encoding="utf-8")


def test_run_folder_is_a_context_manager_that_cleans_up(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), RunFolder(out) as staging:
        (staging / "x").write_text("x", encoding="utf-8")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []
    folder = RunFolder(out)
    with folder as staging:
        (staging / "a.csv").write_text("a", encoding="utf-8")
        folder.commit({"seed": 1})
    assert (out / MANIFEST).exists() and check_manifest(out) == []
    (out / "a.csv").write_text("changed", encoding="utf-8")
    assert check_manifest(out) == ["a.csv"]
    with pytest.raises(UserInputError, match="a file, not a folder"):
        RunFolder(out / "a.csv").__enter__()
