"""Nothing lost (issue #11): every input document is either in ``documents.csv`` or in
``problems.csv`` with a reason, on a hand-made folder of every kind of bad input.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.io.corpus import load_corpus
from tests.strategies import (
    ARTICLE,
    ARTICLE_FR,
    named_in,
    no_hang,
    read_table,
    snapshot,
    visible_paths,
)

AS_ROOT = os.geteuid() == 0
NON_UTF8_NAME = os.fsdecode(b"caf\xe9 \xff\xfe r\xc3sum\xe9.txt")  # lone surrogates


def _mixed_folder(root: Path) -> dict[str, Path]:
    """Good English and French articles beside every kind of bad input; returns the
    paths that must load as documents."""
    root.mkdir()
    good = {
        "en": root / "good_en.txt",
        "fr": root / "good_fr.md",
        "sub": root / "sub" / "nested article.txt",
        "deep": root / "sub" / "deeper" / "عربي 新闻.txt",
    }
    good["en"].write_text(ARTICLE, encoding="utf-8")
    good["fr"].write_text(ARTICLE_FR, encoding="utf-8")
    good["sub"].parent.mkdir()
    good["sub"].write_text(ARTICLE.replace("Tuesday", "Friday"), encoding="utf-8")
    good["deep"].parent.mkdir()
    good["deep"].write_text(ARTICLE_FR + "\nمرحبا بالعالم، هذا نص عربي. 这是中文新闻。\n",
                            encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_bytes(b" \n\t\n")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "cp1252.txt").write_bytes(
        ("Le marché de l'économie numérique a progressé en été, a déclaré le ministre. "
         "« Nous avons œuvré » a-t-il ajouté — 12 €.").encode("cp1252"))
    (root / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (root / "zero width.txt").write_text(
        "\u200bThe\u200d committee\u2028approved\u00a0the new budget\x00 today.",
        encoding="utf-8")
    (root / "table.csv").write_text("id,text\n1,The committee approved the budget.\n",
                                    encoding="utf-8")
    (root / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (root / "notes.docx").write_bytes(b"PK\x03\x04" + bytes(60))
    (root / "README").write_text("A folder of articles.", encoding="utf-8")
    locked = root / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)  # unreadable unless running as root
    os.symlink(root / "no such file.txt", root / "dangling.txt")
    os.symlink(good["en"], root / "link to good.txt")
    os.mkfifo(root / "pipe.txt")
    (root / NON_UTF8_NAME).write_text(ARTICLE_FR, encoding="utf-8")
    (root / "two\nlines.md").write_text(ARTICLE, encoding="utf-8")  # a CSV must quote these
    (root / "carriage\rreturn.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "=1+1 formula.txt").write_text(ARTICLE_FR, encoding="utf-8")
    (root / "\u202eevil\u200f.txt").write_text("تمت الموافقة على الميزانية الجديدة للمدارس.",
                                               encoding="utf-8")
    (root / "sub" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    # hidden: ignored by design
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".cache").mkdir()
    (root / ".cache" / "old.txt").write_text(ARTICLE, encoding="utf-8")
    return good


def _path_of(source: str, root: Path, paths: list[Path]) -> Path | None:
    return next((p for p in paths if named_in(p, root, [source])), None)


@pytest.fixture()
def mixed(tmp_path):
    root = tmp_path / "mixed"
    good = _mixed_folder(root)
    yield root, good
    (root / "locked.txt").chmod(0o644)  # so tmp_path can be cleaned


def test_every_input_is_a_document_or_a_named_problem(mixed, tmp_path, monkeypatch, capsys):
    root, good = mixed
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ANALYSIS_PROGRESS", "0")
    before = snapshot(root)
    out = tmp_path / "out"
    with no_hang():
        code = main(["run", "--corpus", str(root), "--out", str(out), "--keywords-only", "-q"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert snapshot(root) == before, "the input folder changed"

    documents = read_table(out / "tables" / "documents.csv")
    problems = read_table(out / "tables" / "problems.csv")
    paths = visible_paths(root)
    doc_sources = [row["source"] for row in documents]
    problem_sources = [row["source"] for row in problems]

    # every path is accounted for ...
    lost = [p for p in paths if not named_in(p, root, doc_sources + problem_sources)]
    assert not lost, f"in neither documents.csv nor problems.csv: {lost!r}"
    # ... and nothing else is named (the union is exactly the folder's paths)
    strangers = [s for s in doc_sources + problem_sources if _path_of(s, root, paths) is None]
    assert not strangers, f"sources that are no path of the folder: {strangers!r}"
    # the hidden ones are left alone
    assert not any(".DS_Store" in s or ".cache" in s for s in doc_sources + problem_sources)

    for row in problems:
        assert row["reason"].strip(), row
        assert row["action"].strip(), row
    skipped = {row["source"] for row in problems if row.get("skipped", "True") == "True"}
    assert not skipped & set(doc_sources), "a document is also reported as skipped"

    for name, path in good.items():
        assert named_in(path, root, doc_sources), f"the good article {name} was not loaded"
    for name in ("empty.txt", "binary.txt", "report.pdf", "table.csv", "dangling.txt",
                 "pipe.txt"):
        assert named_in(root / name, root, problem_sources), f"{name} has no problem row"
    if not AS_ROOT:
        assert named_in(root / "locked.txt", root, problem_sources)


def test_load_corpus_names_every_path(mixed):
    root, good = mixed
    before = snapshot(root)
    with no_hang():
        corpus = load_corpus(root)
    assert snapshot(root) == before
    sources = [d.source for d in corpus.documents]
    problems = corpus.problems
    paths = visible_paths(root)
    lost = [p for p in paths if not named_in(p, root, sources + [q.source for q in problems])]
    assert not lost, f"silently left out: {lost!r}"
    for problem in problems:
        assert problem.reason.strip() and problem.action.strip(), problem
        assert _path_of(problem.source, root, paths) is not None, problem
    for path in good.values():
        assert named_in(path, root, sources)
