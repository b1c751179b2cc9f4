"""The command line: ``python -m analysis run ...``.

Most cases call :func:`analysis.cli.main` in this process (exit codes: 0 done, 2 a
user error, 130 interrupted; argparse's own errors raise ``SystemExit(2)``). Two
tests start the real entry point in a fresh interpreter.
"""

import hashlib
import logging
import subprocess
import sys

import pytest

from analysis.cli import main
from tests.conftest import CORPUS, ROOT


def _python_m_analysis(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


# -- in this process ------------------------------------------------------------------

def test_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--corpus", "--unit", "--top-n", "--no-cache", "--scheduler", "--html"):
        assert option in out


@pytest.mark.parametrize("argv, message", [
    ([], "required"),
    (["run", "--unit", "word"], "invalid choice: 'word'"),
    (["run", "--top-n", "five"], "invalid int value: 'five'"),
    (["run", "--no-such-option"], "unrecognized arguments: --no-such-option"),
])
def test_malformed_command_lines_exit_2(argv, message, capsys):
    """argparse's own errors: usage and the message on stderr, exit code 2."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m analysis") and message in err


@pytest.mark.parametrize("args, option", [
    (["--corpus", "{tmp}/missing"], "no such file"),
    (["--top-n", "0"], "--top-n"),
    (["--max-n", "-1"], "--max-n"),
    (["--nr-topics", "many"], "--nr-topics"),
    (["--stopwords", "{tmp}/none.txt"], "--stopwords"),
    (["--seed", "-1"], "--seed"),
    (["--seed", str(2**32)], "--seed"),
    (["--nr-topics", "5000"], "--nr-topics"),
])
def test_user_errors_are_one_line(args, option, tmp_path, capsys):
    args = [a.format(tmp=tmp_path) for a in args]
    assert main(["run", *args, "--out", str(tmp_path / "o"), "--keywords-only"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert option in captured.err
    assert not (tmp_path / "o").exists()


def test_table_without_the_text_column_names_the_option(tmp_path, capsys):
    csv = tmp_path / "c.csv"
    csv.write_text("body\nhello world again here\n")
    assert main(["run", "--corpus", str(csv), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "no text column 'text'" in err and "--text-column" in err


def test_interrupt_exits_130(monkeypatch, tmp_path, capsys):
    from analysis.pipeline import run as run_module

    def interrupted(config, log=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(run_module, "run", interrupted)
    assert main(["run", "--out", str(tmp_path)]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_bad_folder_runs_to_the_end(bad_folder, tmp_path, caplog, capsys):
    """Skipped and suspect files are named in the log; the rest is analysed."""
    out = tmp_path / "out"
    with caplog.at_level(logging.INFO, logger="analysis"):
        assert main(["run", "--corpus", str(bad_folder), "--out", str(out),
                     "--keywords-only"]) == 0
    warnings = "\n".join(r.getMessage() for r in caplog.records
                         if r.levelno == logging.WARNING)
    for name in ("empty.txt", "binary.txt", "latin1.txt", "swahili.txt"):
        assert name in warnings
    assert "language was not identified" in warnings
    table = (out / "tables" / "keywords_by_document.csv").read_text(encoding="utf-8")
    assert "latin1" in table and "swahili" in table
    printed = capsys.readouterr().out  # without -q a digest of the summary is printed
    summary = (out / "summary.md").read_text(encoding="utf-8")
    # plain text, not Markdown; the corpus by its name, not the machine's path
    assert printed.splitlines()[0] == f"- Corpus: {bad_folder.name}"
    assert printed.rstrip().endswith(f"Full summary: {out / 'summary.md'}\n"
                                     f"Report page: {out / 'report.html'}")
    assert len(printed) < len(summary)


def test_quiet_prints_nothing(tmp_path, capsys):
    assert main(["run", "--out", str(tmp_path / "out"), "--keywords-only", "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "out" / "summary.md").exists()


def test_rerun_uses_the_cache_and_no_cache_leaves_none(tmp_path, monkeypatch):
    """A second run takes its topic model from the cache and writes the same outputs;
    --no-cache writes nothing to the cache and gives the same outputs too."""
    def run(out, *extra, cache="cache"):
        monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / cache))
        assert main(["run", "--corpus", str(CORPUS), "--out", str(tmp_path / out), "-q",
                     *extra]) == 0
        return _files(tmp_path / out)

    first = run("a")
    assert len(list((tmp_path / "cache" / "topic_models").iterdir())) == 1
    assert run("b") == first
    assert run("c", "--no-cache", cache="unused") == first
    assert not (tmp_path / "unused").exists()


# -- the real entry point, in a fresh interpreter ------------------------------------

def test_main_job_outputs_and_inputs_untouched(tmp_path):
    """``python -m analysis run`` writes every table and figure, atomically, leaves
    the corpus as it was, and a second run writes byte-identical figures."""
    before = _digests(CORPUS)
    out = tmp_path / "out"
    result = _python_m_analysis("run", "--out", out, "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    tables = {p.name for p in (out / "tables").iterdir()}
    assert {"keywords_by_document.csv", "document_themes.csv", "topic_info.csv",
            "translation_pairs.csv", "theme_explanations.csv", "unit_topics.csv",
            "topic_terms_by_language.csv"} <= tables
    figures = {p.name for p in (out / "figures").iterdir()}
    for name in ("keywords_by_document", "theme_shares_by_document", "theme_heatmap",
                 "unit_map", "crosslingual_similarity", "topic_keywords", "themes_over_time"):
        assert f"{name}.png" in figures and f"{name}.svg" in figures
    assert (out / "topic_model" / "topic_embeddings.safetensors").exists()
    assert not [p for p in out.rglob("*.tmp")]
    assert _digests(CORPUS) == before
    svg = {p.name: p.read_bytes() for p in (out / "figures").glob("*.svg")}
    assert b"<dc:date>" not in next(iter(svg.values()))
    assert main(["run", "--out", str(out), "-q"]) == 0  # again, in this process
    assert svg == {p.name: p.read_bytes() for p in (out / "figures").glob("*.svg")}


def test_user_error_from_the_entry_point_is_one_line(tmp_path):
    """Exit code 2 and one line on stderr, no traceback, from a real process."""
    result = _python_m_analysis("run", "--corpus", tmp_path / "missing", "--out",
                                tmp_path / "o", "--keywords-only")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "no such file" in result.stderr


def test_a_step_without_parts_shows_a_spinner_on_a_terminal(monkeypatch, capsys):
    """A spinner with the seconds elapsed while the step runs, cleared at its end;
    nothing where bars are off (logs, CI, -q)."""
    import time

    from analysis.progress import spinner

    monkeypatch.setenv("ANALYSIS_PROGRESS", "1")
    with spinner("fitting topics"):
        time.sleep(0.6)
    err = capsys.readouterr().err
    assert "fitting topics" in err and " s" in err and err.endswith("\r")
    monkeypatch.setenv("ANALYSIS_PROGRESS", "0")
    with spinner("fitting topics"):
        time.sleep(0.3)
    assert capsys.readouterr().err == ""


def test_a_spinner_keeps_quiet_while_a_bar_is_shown(monkeypatch, capsys):
    import time

    from analysis.progress import progress_bar, spinner

    monkeypatch.setenv("ANALYSIS_PROGRESS", "1")
    with spinner("fitting topics"):
        for _ in progress_bar(range(3), desc="choosing k"):
            time.sleep(0.3)
            assert "fitting topics" not in capsys.readouterr().err
