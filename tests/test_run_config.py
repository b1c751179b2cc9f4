"""RunConfig: every option of a run, checked once and named as on the command line."""

import dataclasses
from pathlib import Path

import pytest

from analysis.cli import build_parser, run_config
from analysis.errors import UserInputError
from analysis.pipeline.config import RunConfig

FIELDS = [f.name for f in dataclasses.fields(RunConfig)]


def _run_parser():
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if a.dest == "command"]
    return subparsers.choices["run"]


def test_each_field_is_a_run_option_of_the_same_name():
    """Python and the CLI name every option the same way: each field is the dest of a
    ``run`` option whose flag is the field with dashes (``cache`` is --no-cache)."""
    actions = {a.dest: a for a in _run_parser()._actions if a.dest != "help"}
    assert set(FIELDS) == set(actions) - {"quiet"}
    for name in FIELDS:
        flags = actions[name].option_strings
        assert f"--{name.replace('_', '-')}" in flags or flags == ["--no-cache"], flags


def test_cli_defaults_are_the_config_defaults():
    args = build_parser().parse_args(["run"])
    assert run_config(args) == RunConfig.make()


def test_run_config_of_parsed_arguments():
    config = run_config(build_parser().parse_args(
        ["run", "--no-cache", "--top-n", "5", "--group-by", "section", "--group-by", "year",
         "--nr-topics", "4", "--corpus", "articles"]))
    assert config.cache is False and config.top_n == 5
    assert config.group_by == ("section", "year") and config.nr_topics == 4
    assert config.corpus == Path("articles")


@pytest.mark.parametrize("options, option", [
    ({"top_n": 0}, "--top-n"),
    ({"max_n": "3"}, "--max-n"),
    ({"max_bytes": -5}, "--max-bytes"),
    ({"workers": 0}, "--workers"),
    ({"nr_topics": "x"}, "--nr-topics"),
    ({"nr_topics": 0}, "--nr-topics"),
    ({"unit": "word"}, "--unit"),
    ({"guided": "always"}, "--guided"),
    ({"backend": "spark"}, "--backend"),
])
def test_bad_values_name_the_option(options, option):
    with pytest.raises(UserInputError, match=option):
        RunConfig.make(**options)


def test_unknown_option_is_a_type_error():
    with pytest.raises(TypeError, match="use_cache"):
        RunConfig.make(use_cache=False)


def test_values_are_normalised():
    config = RunConfig.make(corpus="articles", out="results", group_by=["a"],
                            nr_topics="7")
    assert config.corpus == Path("articles") and config.out == Path("results")
    assert config.group_by == ("a",) and config.nr_topics == 7
    assert RunConfig.make(nr_topics=None).nr_topics == "auto"
    assert config.figures_path == Path("results/figures")
    assert config.tables_dir == Path("results/tables")
    assert RunConfig.make(out="r").figures_path == Path("r/figures")
    assert RunConfig.make(out="r").html_dir is None
    assert RunConfig.make(out="r", html=True).html_dir == Path("r/interactive")


def test_scheduler_implies_dask():
    assert RunConfig.make().backend == "local"
    assert RunConfig.make(scheduler="tcp://host:8786").backend == "dask"
    args = build_parser().parse_args(["run", "--scheduler", "tcp://host:8786"])
    assert run_config(args).backend == "dask"


def test_make_changes_a_config_and_keeps_the_rest():
    base = RunConfig.make(top_n=5, seed=1)
    changed = RunConfig.make(base, seed=2)
    assert (changed.top_n, changed.seed) == (5, 2) and base.seed == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.seed = 3


def test_cache_root_follows_the_cache_option(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path))
    assert RunConfig.make().cache_root == tmp_path
    assert RunConfig.make(cache=False).cache_root is None


def test_extra_stopwords(tmp_path):
    words = tmp_path / "stop.txt"
    words.write_text("dit\nannonce\n", encoding="utf-8")
    assert {"dit", "annonce"} <= RunConfig.make(stopwords=words).extra_stopwords()
    assert RunConfig.make().extra_stopwords() == frozenset()
    with pytest.raises(UserInputError, match="--stopwords .*: no such file"):
        RunConfig.make(stopwords=tmp_path / "none.txt").extra_stopwords()
