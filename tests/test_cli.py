import hashlib
import subprocess
import sys

from tests.conftest import CORPUS, ROOT


def _run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_help():
    result = _run("run", "--help")
    assert result.returncode == 0 and "--corpus" in result.stdout and "--unit" in result.stdout


def test_user_errors_are_one_line(tmp_path):
    for args in (["--corpus", tmp_path / "missing"], ["--top-n", "0"]):
        result = _run("run", *args, "--out", tmp_path / "o", "--keywords-only")
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error:")
    csv = tmp_path / "c.csv"
    csv.write_text("body\nhello world again here\n")
    result = _run("run", "--corpus", csv, "--out", tmp_path / "o")
    assert result.returncode == 2 and "--text-column" in result.stderr


def test_bad_folder_runs_to_the_end(bad_folder, tmp_path):
    out = tmp_path / "out"
    result = _run("run", "--corpus", bad_folder, "--out", out, "--keywords-only")
    assert result.returncode == 0, result.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "swahili.txt"):
        assert name in result.stderr
    assert "language was not identified" in result.stderr
    assert (out / "tables" / "keywords_by_document.csv").exists()
    assert "latin1" in (out / "tables" / "keywords_by_document.csv").read_text()


def test_main_job_outputs_and_inputs_untouched(tmp_path):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in CORPUS.iterdir()}
    out = tmp_path / "out"
    result = _run("run", "--out", out, "-q")
    assert result.returncode == 0, result.stderr
    tables = {p.name for p in (out / "tables").iterdir()}
    assert {"keywords_by_document.csv", "document_themes.csv", "topic_info.csv",
            "translation_pairs.csv", "theme_explanations.csv"} <= tables
    figures = {p.name for p in (out / "figures").iterdir()}
    for name in ("keywords_by_document", "theme_shares_by_document", "theme_heatmap",
                 "unit_map", "crosslingual_similarity", "topic_keywords", "themes_over_time"):
        assert f"{name}.png" in figures and f"{name}.svg" in figures
    assert not [p for p in out.rglob("*.tmp")]
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in CORPUS.iterdir()}
    assert before == after
    svg = {p.name: p.read_bytes() for p in (out / "figures").glob("*.svg")}
    result = _run("run", "--out", out, "-q")
    assert result.returncode == 0
    assert svg == {p.name: p.read_bytes() for p in (out / "figures").glob("*.svg")}
    assert b"<dc:date>" not in next(iter(svg.values()))


def test_rerun_uses_the_cache_and_no_cache_leaves_none(tmp_path):
    """A second run takes its topic model from the cache and writes the same outputs;
    --no-cache writes nothing to the cache and gives the same outputs too."""
    import os

    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}

    def run(out, *extra, cache="cache"):
        env["ANALYSIS_CACHE_DIR"] = str(tmp_path / cache)
        result = subprocess.run([sys.executable, "-m", "analysis", "run", "--corpus", CORPUS,
                                 "--out", tmp_path / out, "-q", *extra], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        return {p.relative_to(tmp_path / out): p.read_bytes()
                for p in sorted((tmp_path / out).rglob("*")) if p.is_file()}

    first = run("a")
    assert len(list((tmp_path / "cache" / "topic_models").iterdir())) == 1
    assert run("b") == first
    assert run("c", "--no-cache", cache="unused") == first
    assert not (tmp_path / "unused").exists()


def test_outputs_have_the_usual_permissions(tmp_path):
    """Atomic writes go through private temporary files; the outputs still get the
    mode a plain open() gives (0666 less the umask)."""
    import os

    from analysis import atomic

    mask = os.umask(0o022)
    try:
        path = atomic.write_text(tmp_path / "t" / "a.txt", "x")
        assert path.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(mask)


def test_atomic_dir_replaces_whole_or_not_at_all(tmp_path):
    import pytest

    from analysis.atomic import atomic_dir

    target = tmp_path / "model"
    with atomic_dir(target) as tmp:
        (tmp / "a.json").write_text("1")
    assert (target / "a.json").read_text() == "1"
    with pytest.raises(RuntimeError), atomic_dir(target) as tmp:
        (tmp / "b.json").write_text("2")
        raise RuntimeError("failed half way")
    assert sorted(p.name for p in target.iterdir()) == ["a.json"]  # the old one stays
    with atomic_dir(target) as tmp:
        (tmp / "c.json").write_text("3")
    assert sorted(p.name for p in target.iterdir()) == ["c.json"]  # replaced whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # nothing left over


def test_atomic_dir_can_keep_what_is_there(tmp_path):
    from analysis.atomic import atomic_dir

    target = tmp_path / "entry"
    with atomic_dir(target, replace=False) as tmp:
        (tmp / "first").write_text("1")
    with atomic_dir(target, replace=False) as tmp:
        (tmp / "second").write_text("2")
    assert sorted(p.name for p in target.iterdir()) == ["first"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry"]
