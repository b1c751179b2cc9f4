"""The notebooks beyond nbval: on another corpus, and nbval's strict mode biting."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

NOTEBOOKS = ROOT / "notebooks"


def _execute(notebook, env, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


@pytest.mark.skipif(not (SHARED / "bbc").exists(), reason="shared benchmarks not present")
@pytest.mark.parametrize("name", ["01_corpus_overview.ipynb", "02_keywords.ipynb",
                                  "04_themes_report.ipynb"])
def test_notebook_runs_on_another_corpus(name, tmp_path):
    corpus = tmp_path / "bbc_sample"
    for label in ("business", "politics", "tech"):
        (corpus / label).mkdir(parents=True)
        for path in sorted((SHARED / "bbc" / label).glob("*.txt"))[:6]:
            shutil.copy(path, corpus / label / path.name)
    figures = tmp_path / "figures"
    nb = _execute(NOTEBOOKS / name, {"ANALYSIS_CORPUS": str(corpus),
                                     "ANALYSIS_FIGURES_DIR": str(figures)}, tmp_path)
    text = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                   for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "business/" in text  # the sample's documents, not the bundled corpus
    assert "000_8ffa5a09343eb076" not in text
    assert list(figures.glob("*.svg"))


def _nbval_themes_notebook(themes_text, tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text(themes_text, encoding="utf-8")
    env = {**os.environ, "ANALYSIS_THEMES": str(path),
           "ANALYSIS_FIGURES_DIR": str(tmp_path / "figures")}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
           "--nbval-current-env", "--nbval-sanitize-with",
           str(NOTEBOOKS / "nbval_sanitize.cfg"), str(NOTEBOOKS / "04_themes_report.ipynb")]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_changed_lexicon_fails_strict_nbval(tmp_path):
    """Dropping one term from a theme lexicon changes the themes notebook's outputs,
    and nbval (strict, as in `make test`) reports it. The control run, with an
    unchanged copy of the lexicons passed the same way, passes."""
    themes = (ROOT / "analysis" / "data" / "themes.toml").read_text(encoding="utf-8")
    control = _nbval_themes_notebook(themes, tmp_path)
    assert control.returncode == 0, control.stdout[-2000:]
    changed = themes.replace('"économie numérique", "numérique", ', "")
    assert changed != themes
    result = _nbval_themes_notebook(changed, tmp_path)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "Cell outputs differ" in result.stdout or "disagrees" in result.stdout


def _figure_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and "save_figure(" in c.source]


def _blank(cells):
    """The last line of each figure cell that shows no image."""
    return [c.source.splitlines()[-1] for c in cells
            if not any("image/png" in o.get("data", {}) for o in c.outputs)]


def _draws_figures(notebook) -> bool:
    """Whether a notebook's code saves a figure (06, the search/edit/update loop, shows
    tables only)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    return any("save_figure(" in c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("0*.ipynb")
                                        if _draws_figures(p)))
def test_every_figure_shows_in_a_live_kernel(name, tmp_path):
    """Executed in a real kernel (nbclient), every cell that makes a figure shows it,
    not only the first one of the session; so does the committed notebook."""
    import nbformat

    live = _figure_cells(_execute(NOTEBOOKS / name,
                                  {"ANALYSIS_FIGURES_DIR": str(tmp_path / "figures")},
                                  tmp_path))
    assert live, "no figure cell found"
    assert _blank(live) == []
    assert _blank(_figure_cells(nbformat.read(NOTEBOOKS / name, as_version=4))) == []
