"""The notebooks' cells are written by tools/make_notebooks.py (reviewed and linted
as code): the committed notebooks must be exactly what it writes."""

import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def _cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.id, c.source, c.metadata.get("tags", [])) for c in nb.cells]


def test_the_generator_reproduces_the_committed_notebooks(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_notebooks.py"), str(tmp_path)],
                   check=True)
    written = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    committed = sorted(p.name for p in (ROOT / "notebooks").glob("0*.ipynb"))
    assert written == committed
    for name in written:
        assert _cells(tmp_path / name) == _cells(ROOT / "notebooks" / name), (
            f"notebooks/{name} differs from tools/make_notebooks.py: run "
            "`python tools/make_notebooks.py` then `make notebooks`")


def test_each_notebook_has_papermill_parameters_and_ends_with_a_finding():
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert "CORPUS = " in code[0].source and "LANG = " in code[0].source
        last = code[-1]
        assert "_findings(" in last.source, path.name
        shown = [o for o in last.outputs if "text/markdown" in o.get("data", {})]
        assert shown and "What we found" in shown[0]["data"]["text/markdown"], path.name
