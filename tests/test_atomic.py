"""Atomic writers (analysis.io.atomic): an output is whole or absent, never half written."""

import os

import pandas as pd
import pytest

from analysis.io import atomic
from analysis.io.atomic import atomic_dir, atomic_path


def test_outputs_have_the_usual_permissions(tmp_path):
    """Atomic writes go through private temporary files; the outputs still get the
    mode a plain open() gives (0666 less the umask)."""
    mask = os.umask(0o022)
    try:
        path = atomic.write_text(tmp_path / "t" / "a.txt", "x")
        assert path.stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        path = atomic.write_text(tmp_path / "t" / "b.txt", "x")
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(mask)


def test_failed_write_leaves_the_old_file(tmp_path):
    """An exception while writing leaves the previous content and no temporary file."""
    target = atomic.write_text(tmp_path / "a.txt", "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("failed half way")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_csv_floats_are_rounded_and_lines_end_in_newline(tmp_path):
    path = atomic.write_csv(pd.DataFrame({"a": [1.23456789], "b": ["x"]}), tmp_path / "t.csv")
    assert path.read_bytes() == b"a,b\n1.2346,x\n"


def test_atomic_dir_replaces_whole_or_not_at_all(tmp_path):
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
    target = tmp_path / "entry"
    with atomic_dir(target, replace=False) as tmp:
        (tmp / "first").write_text("1")
    with atomic_dir(target, replace=False) as tmp:
        (tmp / "second").write_text("2")
    assert sorted(p.name for p in target.iterdir()) == ["first"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry"]
