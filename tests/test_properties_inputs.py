"""Property-based tests of what the user passes besides the text (issue #19): option
values, themes files and table schemas, column names included.

Each property runs the real entry point (``analysis.cli.main``) or the real reader,
and holds for any generated value: the run ends with exit code 0 or a one-line
``error:`` (exit 2), never a traceback; every file it writes is inside ``--out``;
the input is never changed; and every row is a document or a named problem.
The profiles are those of ``tests/strategies.py`` (``ANALYSIS_HYPOTHESIS=long``
runs twenty times the examples).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.errors import UserInputError
from analysis.io.names import TOOL_COLUMNS, file_parts, unique_ids, user_columns
from tests.conftest import CORPUS
from tests.strategies import no_hang, read_table, scaled, surrogate_text


def with_capsys(examples: int) -> settings:
    """:func:`scaled`, for a property that reads ``capsys`` afresh in each example."""
    base = scaled(examples)
    return settings(base, suppress_health_check=[*base.suppress_health_check,
                                                 HealthCheck.function_scoped_fixture])


ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))][:3]

# -- names -------------------------------------------------------------------------------

hostile_name = st.one_of(
    surrogate_text,
    st.sampled_from(["..", ".", "/", "\\", "../../x", "a/b", "a\\b", "\x00", "CON", "nul",
                     "x" * 300, "Desk", "desk", "DESK", " desk", "desk ", "dé sk", "de_sk",
                     "column_language", "language", "document", "topic", "-rf", "--out",
                     "~", "$HOME", "*", "?", "a:b", "é", "e\u0301", "ＤＥＳＫ"]),
    st.text(st.sampled_from("aA./\\ _-é\x00:"), min_size=1, max_size=12),
)


@scaled(200)
@given(names=st.lists(hostile_name, min_size=1, max_size=12))
def test_file_parts_are_safe_and_distinct(names):
    parts = file_parts(names, reserved=("document", "language", "topic"))
    values = list(parts.values())
    assert len({v.lower() for v in values}) == len(values) == len(dict.fromkeys(names))
    for part in values:
        assert 0 < len(part.encode()) <= 64
        assert set(part) <= set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        assert part[0] not in ".-" and part not in ("document", "language", "topic")


@scaled(200)
@given(ids=st.lists(st.sampled_from(["A", "A~2", "A~3", "B", "B~2", "~", "~2", ""]),
                    max_size=20))
def test_unique_ids_are_unique_and_keep_first_uses(ids):
    out, repeated = unique_ids(ids)
    assert len(set(out)) == len(out) == len(ids)
    first = {}
    for original, new in zip(ids, out):
        first.setdefault(original, new)
    assert all(first[i] == i for i in first)
    assert set(repeated) == {i for i in ids if ids.count(i) > 1}


@scaled(200)
@given(columns=st.lists(st.one_of(st.sampled_from(sorted(TOOL_COLUMNS)), hostile_name,
                                  st.sampled_from(["input_language", "input_doc_id"])),
                        unique=True, max_size=12))
def test_user_columns_never_take_a_tool_column(columns):
    names = user_columns(columns)
    assert len(set(names.values())) == len(names)
    assert not set(names.values()) & TOOL_COLUMNS


# -- a table with any schema ---------------------------------------------------------------

# a table's column names are text a file can hold (UTF-8: no lone surrogates)
column_name = st.one_of(hostile_name.map(lambda n: n.encode("utf-8", "replace").decode("utf-8"))
                        .filter(lambda n: n.strip() and "\x00" not in n),
                        st.sampled_from(sorted(TOOL_COLUMNS - {"text"})))
cell = st.one_of(st.none(), st.sampled_from(["a", "b", "", "x" * 80, "=1+1", "2026-01-03",
                                             "9999-12-31", "0001-01-01", "../y"]),
                 surrogate_text.map(lambda t: t.encode("utf-8", "replace").decode("utf-8")))


@contextlib.contextmanager
def _workspace():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ANALYSIS_CACHE_DIR", str(tmp / "cache"))
            mp.setenv("ANALYSIS_PROGRESS", "0")
            yield tmp


def _tree(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _one_line_or_ok(code: int, capsys) -> str:
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@with_capsys(12)
@given(columns=st.lists(column_name, min_size=1, max_size=6, unique=True), data=st.data(),
       fmt=st.sampled_from([".csv", ".jsonl", ".parquet", ".tsv"]))
def test_any_table_schema_runs_inside_out(columns, data, fmt, capsys):
    rows = len(ARTICLES)
    frame = pd.DataFrame({c: data.draw(st.lists(cell, min_size=rows, max_size=rows))
                          for c in columns})
    frame.insert(0, "text", ARTICLES)
    group_by = data.draw(st.lists(st.sampled_from(columns), max_size=3, unique=True))
    id_column = data.draw(st.sampled_from([None, *columns]))
    note(f"columns={columns!r} group_by={group_by!r} id={id_column!r}")
    with _workspace() as tmp:
        inputs = tmp / "in"
        inputs.mkdir()
        path = inputs / f"table{fmt}"
        if fmt == ".parquet":
            frame.astype(str).to_parquet(path)
        elif fmt == ".jsonl":
            path.write_text("\n".join(json.dumps(r, ensure_ascii=False)
                                      for r in frame.to_dict("records")), encoding="utf-8")
        else:
            frame.to_csv(path, index=False, sep="\t" if fmt == ".tsv" else ",")
        before = _tree(tmp)
        args = ["run", "--corpus", str(path), "--out", str(tmp / "work" / "out"),
                "--keywords-only", "-q", *[f"--group-by={g}" for g in group_by]]
        if id_column is not None:
            args.append(f"--id-column={id_column}")
        with no_hang():
            code = main(args)
        _one_line_or_ok(code, capsys)
        after = _tree(tmp)
        new = [k for k in after if k not in before and not k.startswith("cache")]
        assert all(k.startswith("work/out/") for k in new), new
        assert {k: after[k] for k in before} == before, "an input changed"
        if code == 0:
            out = tmp / "work" / "out"
            documents = read_table(out / "tables" / "documents.csv")
            problems = read_table(out / "tables" / "problems.csv")
            named = {r["source"] for r in documents} | {r["source"] for r in problems}
            for i in range(rows):  # every row is a document or a named problem
                assert any(f"row {i + 1}" in s for s in named) or len(documents) == rows
            assert len({r["doc_id"] for r in documents}) == len(documents)


# -- any option values -------------------------------------------------------------------------

integer_text = st.one_of(st.integers(-10**20, 10**20).map(str),
                         st.sampled_from(["0", "1", "-1", "1e3", "1.5", "", " 3", "auto",
                                          "AUTO", "nan", "inf", "0x10", "٣", "３"]))
option = st.one_of(
    st.tuples(st.sampled_from(["--top-n", "--max-n", "--seed", "--nr-topics", "--max-bytes",
                               "--workers"]), integer_text),
    st.tuples(st.sampled_from(["--unit", "--lang", "--csv-dialect", "--guided", "--backend",
                               "--text-column", "--id-column", "--date-column",
                               "--group-by", "--encoder"]), hostile_name),
    st.tuples(st.sampled_from(["--unit"]), st.sampled_from(["document", "paragraph",
                                                            "sentence"])),
    st.tuples(st.sampled_from(["--lang"]), st.sampled_from(["en", "fr", "zh"])),
)


@with_capsys(25)
@given(options=st.lists(option, max_size=4))
def test_any_option_values_end_in_a_run_or_one_line(options, capsys):
    with _workspace() as tmp:
        args = ["run", "--corpus", str(CORPUS), "--out", str(tmp / "out"), "--keywords-only",
                "-q"]
        for name, value in options:
            if "\x00" in value:
                continue  # no command line can hold a NUL
            args.append(f"{name}={value}")
        note(repr(args))
        usage = False
        with no_hang():
            try:
                code = main(args)
            except SystemExit as exit_:  # argparse's own usage error (choices, integers)
                code, usage = exit_.code, True
        if usage:
            err = capsys.readouterr().err
            assert code == 2 and "Traceback" not in err
            assert err.startswith("usage: ") and err.rstrip().splitlines()[-1].startswith(
                "python -m analysis run: error: ")
        else:
            _one_line_or_ok(code, capsys)
        assert sorted(p.name for p in tmp.iterdir() if p.name != "cache") in ([], ["out"])


# -- any themes file ---------------------------------------------------------------------------

toml_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False),
              hostile_name, st.just("robot"), st.just("")),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["en", "fr", "zh", "any", "xx",
                                                             "EN", "e"]), inner, max_size=3)),
    max_leaves=8)
theme_spec = st.one_of(
    toml_value,
    st.fixed_dictionaries({"terms": toml_value},
                          optional={"label": toml_value, "description": toml_value,
                                    "extra": toml_value}),
    st.just({"terms": {"en": ["robot", "factory"]}, "label": {"en": "Robots"}}),
)
themes_data = st.dictionaries(st.one_of(hostile_name, st.sampled_from(
    ["ai", "robots", "n_words", "other", "doc_id", "ai_found", "1x"])), theme_spec,
    max_size=4)


def _dump(data, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(data, ensure_ascii=False, default=str)
    import yaml

    return yaml.safe_dump(data, allow_unicode=True)


@scaled(100)
@given(data=themes_data, suffix=st.sampled_from([".yaml", ".toml"]), raw=st.booleans(),
       garbage=surrogate_text)
def test_any_themes_file_loads_or_is_one_line(data, suffix, raw, garbage):
    from analysis.themes.lexicon import load_themes

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"themes{suffix}"
        if raw:
            path.write_bytes(garbage.encode("utf-8", "surrogateescape"))
        elif suffix == ".toml":
            lines = []
            for key, spec in data.items():
                lines.append(f"[{json.dumps(key)}]")
                if isinstance(spec, dict):
                    for field_, value in spec.items():
                        lines.append(f"{field_} = {json.dumps(value, default=str)}")
            path.write_text("\n".join(lines), encoding="utf-8", errors="surrogateescape")
        else:
            path.write_text(_dump(data, suffix), encoding="utf-8", errors="surrogateescape")
        try:
            themes = load_themes(path)
        except UserInputError as err:
            assert "\n" not in str(err) and len(str(err)) < 600
            return
        for theme in themes:  # what loads can be used: keys, labels, terms
            assert theme.key.isidentifier() and theme.terms
            assert all(isinstance(t, str) and t for ts in theme.terms.values() for t in ts)
            assert isinstance(theme.label, str) and theme.label
