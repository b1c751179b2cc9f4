"""Bad input never stops the run, and every skipped file or row is named.

One test per kind of bad input (issue #11's table), each checking the class of
problem rather than the one example: any file that cannot be read, any text drawn
in a figure, any row of a table corpus, any cell written to a CSV or to Markdown.
"""

import csv
import io
import json
import os
import stat

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import UserInputError
from analysis.io.corpus import decode_bytes, load_corpus, sniff_delimiter

ARTICLE_EN = ("The committee approved the new budget for regional schools on Tuesday. "
              "Teachers welcomed the plan, which adds funds for science classes.")
ARTICLE_FR = ("Le comité a approuvé mardi le nouveau budget des écoles régionales. "
              "Les enseignants ont salué ce plan qui finance les cours de sciences.")
ROOT_USER = os.geteuid() == 0


def _folder(tmp_path, files: dict):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def _problems(corpus) -> dict:
    return {os.path.basename(p.source): p for p in corpus.problems}


def _snapshot(folder):
    """Names, bytes and modes of everything under ``folder`` (links not followed)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) and os.access(path, os.R_OK) \
            else None
        out[path.relative_to(folder)] = (info.st_mode, data)
    return out


def _run(argv, tmp_path, capsys):
    code = main(["run", *map(str, argv), "-q"])
    return code, capsys.readouterr().err


# -- 1, 20: files that cannot be read, links, FIFOs, other types -----------------------

@pytest.mark.skipif(ROOT_USER, reason="root reads files whatever their mode")
def test_unreadable_file_is_skipped_with_its_reason(tmp_path):
    folder = _folder(tmp_path, {"a.txt": ARTICLE_EN, "locked.txt": ARTICLE_FR})
    (folder / "locked.txt").chmod(0)
    try:
        corpus = load_corpus(folder)
    finally:
        (folder / "locked.txt").chmod(0o644)
    assert [d.doc_id for d in corpus] == ["a"]
    assert "cannot be read" in _problems(corpus)["locked.txt"].reason


def test_links_fifos_and_other_files_are_each_named(tmp_path):
    folder = _folder(tmp_path, {"a.txt": ARTICLE_EN, "table.csv": "text\nx\n",
                                "report.pdf": b"%PDF-1.4", "sub/b.md": ARTICLE_FR,
                                ".hidden.txt": ARTICLE_EN})
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder link that loops
    os.mkfifo(folder / "pipe.txt")
    corpus = load_corpus(folder)
    assert sorted(d.doc_id for d in corpus) == ["a", "sub/b"]
    problems = _problems(corpus)
    assert "broken or looping link" in problems["dangling.txt"].reason
    assert "broken or looping link" in problems["loop.txt"].reason
    assert "not a regular file" in problems["pipe.txt"].reason
    assert "not a .txt or .md file" in problems["table.csv"].reason
    assert "not a .txt or .md file" in problems["report.pdf"].reason
    assert "link loop" in problems["up"].reason
    assert ".hidden.txt" not in problems  # hidden files are not part of the corpus
    assert all(p.reason and p.action for p in corpus.problems)


def test_fifo_given_as_the_corpus_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(UserInputError, match="not a regular file"):
        load_corpus(tmp_path / "pipe.csv")


# -- 2: text drawn in figures -------------------------------------------------------------

def test_dollar_signs_in_titles_are_drawn_as_written(tmp_path, capsys):
    """A headline matplotlib would read as mathtext (unbalanced or paired "$") is
    drawn literally: the run ends and the SVG holds the title's glyphs as text."""
    folder = _folder(tmp_path, {
        "a.txt": "Fare $2 (20%) $3 rise\n\n" + ARTICLE_EN,
        "b.txt": "Costs of $x$ and $\\alpha$ now\n\n" + ARTICLE_EN.replace("Tuesday", "Monday"),
    })
    code, err = _run(["--corpus", folder, "--out", tmp_path / "out", "--keywords-only"],
                     tmp_path, capsys)
    assert code == 0, err
    svg = (tmp_path / "out" / "figures" / "keywords_by_document.svg").read_text()
    assert "Fare $2 (20%) $3" in svg  # svg.fonttype=none keeps each text as <text>


def test_figure_text_is_never_mathtext():
    """In the house style "$x$" is drawn as three characters, not an italic x."""
    import matplotlib.pyplot as plt

    from analysis.report.style import house_style

    with house_style():
        fig = plt.figure()
        renderer = fig.canvas.get_renderer()
        width = {t: fig.text(0, 0, t).get_window_extent(renderer).width for t in ("$x$", "x")}
        plt.close(fig)
    assert width["$x$"] > 2 * width["x"]


# -- 3, 14, 15, 16, 17: tables and encodings -------------------------------------------------

def test_jsonl_lines_that_are_not_objects_are_named(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([json.dumps({"text": ARTICLE_EN}), "[1, 2, 3]", "42",
                               "{not json", json.dumps({"text": ARTICLE_FR})]) + "\n")
    corpus = load_corpus(path)
    assert len(corpus) == 2
    sources = {p.source: p.reason for p in corpus.problems}
    assert "not an object" in sources[f"{path}:line 2"]
    assert "not an object" in sources[f"{path}:line 3"]
    assert "not valid JSON" in sources[f"{path}:line 4"]


def test_cp1252_csv_is_read_with_a_warning(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("id;texte\n1;" + ARTICLE_FR + "\n2;" + ARTICLE_EN + "\n")
                     .encode("cp1252"))
    corpus = load_corpus(path, text_column="texte")
    assert "é" in corpus.documents[0].clean
    assert any("read as cp1252" in p.reason and not p.skipped for p in corpus.problems)


@pytest.mark.parametrize("sep", [";", "\t", "|", ","])
def test_csv_delimiter_is_sniffed(tmp_path, sep):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep).writerows(
        [["id", "texte", "date"], ["1", ARTICLE_FR + " ; avec, virgules", "2026-01-04"]])
    path = tmp_path / "c.csv"
    path.write_text(buffer.getvalue())
    assert sniff_delimiter(buffer.getvalue()) == sep
    corpus = load_corpus(path, text_column="texte", date_column="date")
    assert corpus.documents[0].date.isoformat() == "2026-01-04"


def test_missing_text_column_names_the_delimiter(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id;body\n1;" + ARTICLE_EN + "\n")
    with pytest.raises(UserInputError, match=r"columns: id, body; read with ';'"):
        load_corpus(path, text_column="texte")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    data = ARTICLE_FR.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    text, problem = decode_bytes(data, "x.txt")
    assert problem is None and text.lstrip("\ufeff") == ARTICLE_FR


def test_table_cells_of_the_wrong_type_are_named(tmp_path):
    """A Parquet column of numbers given as the text column: each row is named with
    the type it holds, and the error says so when nothing is left."""
    path = tmp_path / "c.parquet"
    pd.DataFrame({"body": [ARTICLE_EN, ARTICLE_FR, None], "n": [42, 7, 1]}).to_parquet(path)
    with pytest.raises(UserInputError, match=r"row 1: skipped: the text cell \(column 'n'\) "
                                             r"holds a int \(42\), not text"):
        load_corpus(path, text_column="n")
    corpus = load_corpus(path, text_column="body")
    assert len(corpus) == 2
    (problem,) = corpus.problems
    # a report names the corpus, not the machine: the file's name, outside the
    # working folder
    assert problem.source == "c.parquet:row 3" and "column 'body') is empty" in problem.reason


def test_unreadable_date_is_a_warning_naming_row_and_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f"text,date\n\"{ARTICLE_EN}\",soon\n")
    corpus = load_corpus(path, date_column="date")
    (problem,) = corpus.problems
    assert problem.source.endswith(":row 1") and "column 'date'" in problem.reason
    assert not problem.skipped and corpus.documents[0].date is None


# -- 4, 18, 19: cleaning (more in test_clean.py) -----------------------------------------------

def test_a_quadratic_input_cleans_at_once():
    from analysis.text.clean import clean_text

    clean_text("the the\n" + "A-" * 100_000)  # minutes with the old repeated-cap rule


# -- 5, 12: outputs ----------------------------------------------------------------------------

def test_outputs_inside_the_corpus_are_never_read(tmp_path, capsys):
    folder = _folder(tmp_path, {"a.txt": ARTICLE_EN, "b.txt": ARTICLE_FR})
    for _ in range(2):
        code, err = _run(["--corpus", folder, "--out", folder / "out", "--keywords-only"],
                         tmp_path, capsys)
        assert code == 0, err
    documents = pd.read_csv(folder / "out" / "tables" / "documents.csv")
    assert sorted(documents["doc_id"]) == ["a", "b"]


@pytest.mark.parametrize("kind", ["file", "read-only"])
def test_out_that_cannot_be_written_is_a_user_error(tmp_path, capsys, kind):
    if kind == "read-only" and ROOT_USER:
        pytest.skip("root writes anywhere")
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("not a folder")
    else:
        out.mkdir()
        out.chmod(0o500)
    try:
        code, err = _run(["--corpus", _folder(tmp_path, {"a.txt": ARTICLE_EN}), "--out", out,
                          "--keywords-only"], tmp_path, capsys)
    finally:
        if out.is_dir():
            out.chmod(0o755)
    assert code == 2
    assert err.startswith("error: --out") and len(err.strip().splitlines()) == 1


# -- 6, 7: the embedding cache ------------------------------------------------------------------

class _Counting:
    """A per-text encoder that counts what it embeds."""

    def __init__(self):
        from analysis.embed.base import Encoder

        class Fake(Encoder):
            name, dimension, per_text = "fake", 4, True

            def _identity(self):
                return "fake-1"

            def encode(inner, texts, progress=None):
                self.calls.append(list(texts))
                import numpy as np

                return np.ones((len(texts), 4), np.float32) / 2

        self.calls = []
        self.encoder = Fake()


@pytest.mark.skipif(ROOT_USER, reason="root writes anywhere")
def test_read_only_cache_warns_and_the_run_goes_on(tmp_path, caplog):
    from analysis.embed.cache import embed

    root = tmp_path / "cache"
    root.mkdir()
    root.chmod(0o500)
    counting = _Counting()
    try:
        vectors = embed(["a b c", "d e f"], counting.encoder, root)
    finally:
        root.chmod(0o755)
    assert vectors.shape == (2, 4)
    assert "could not write to the embedding cache" in caplog.text


def test_corrupt_cache_shard_is_dropped_and_recomputed(tmp_path, caplog):
    from analysis.embed.cache import embed

    counting = _Counting()
    embed(["a b c"], counting.encoder, tmp_path)
    (shard,) = (tmp_path / "embeddings" / "fake-1").glob("*.safetensors")
    shard.write_bytes(shard.read_bytes()[:20])  # cut short
    vectors = embed(["a b c"], counting.encoder, tmp_path)
    assert vectors.shape == (1, 4) and counting.calls == [["a b c"], ["a b c"]]
    assert "unreadable cache shard dropped" in caplog.text
    embed(["a b c"], counting.encoder, tmp_path)
    assert len(counting.calls) == 2  # the recomputed vectors were cached again


# -- 8, 9: what spreadsheets and Markdown renderers make of the outputs ---------------------------

def test_csv_cells_cannot_run_as_formulas(tmp_path):
    from analysis.io.atomic import write_csv

    frame = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\")", "+33 1 23", "@SUM(A1)",
                                    "-2+3", "\tx", "plain"], "n": [1, -2, 3, 4, 5, 6]})
    write_csv(frame, tmp_path / "t.csv")
    rows = list(csv.reader((tmp_path / "t.csv").open()))[1:]
    assert [r[0] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'+33 1 23", "'@SUM(A1)",
                                    "'-2+3", "'\tx", "plain"]
    assert [r[1] for r in rows] == ["1", "-2", "3", "4", "5", "6"]  # numbers stay numbers


def test_titles_reach_the_summary_as_text(tmp_path, capsys):
    folder = _folder(tmp_path, {
        "a.txt": "<script>x</script> | *bold* <img onerror=y>\n\n" + ARTICLE_EN,
        "=cmd.txt": "=1+1 headline here\n\n" + ARTICLE_FR})
    code, err = _run(["--corpus", folder, "--out", tmp_path / "out", "--keywords-only"],
                     tmp_path, capsys)
    assert code == 0, err
    summary = (tmp_path / "out" / "summary.md").read_text()
    assert "<script>" not in summary and "<img" not in summary
    assert "&lt;script&gt;" in summary and "\\|" in summary and "\\*bold\\*" in summary
    documents = list(csv.DictReader((tmp_path / "out" / "tables" / "documents.csv").open()))
    assert {d["doc_id"] for d in documents} == {"a", "'=cmd"}


# -- 10, 11: ids and columns -----------------------------------------------------------------

def test_repeated_and_empty_ids_are_kept_apart_with_a_warning(tmp_path):
    path = tmp_path / "c.csv"
    rows = [("A", ARTICLE_EN), ("A", ARTICLE_FR), ("", ARTICLE_EN + " Again."),
            ("B", ARTICLE_FR + " Encore.")]
    path.write_text("id,text\n" + "".join(f'{i},"{t}"\n' for i, t in rows))
    corpus = load_corpus(path, id_column="id")
    assert [d.doc_id for d in corpus] == ["A", "A~2", "row 3", "B"]
    reasons = " ".join(p.reason for p in corpus.problems)
    assert "1 repeated id(s)" in reasons and "1 row(s) with no id" in reasons
    assert not any(p.skipped for p in corpus.problems)


def test_group_by_an_unknown_column_is_a_user_error(tmp_path, capsys):
    code, err = _run(["--corpus", _folder(tmp_path, {"a.txt": ARTICLE_EN}), "--out",
                      tmp_path / "out", "--keywords-only", "--group-by", "nosuch"],
                     tmp_path, capsys)
    assert code == 2 and "--group-by nosuch: no such column" in err


# -- every input is accounted for, and none is changed ---------------------------------------------

def test_mixed_folder_every_file_in_documents_or_problems(tmp_path, capsys):
    folder = _folder(tmp_path, {
        "en.txt": ARTICLE_EN, "fr.md": ARTICLE_FR, "empty.txt": "", "binary.txt": b"\x00\x01\x02",
        "latin1.txt": ARTICLE_FR.encode("latin-1"), "utf16.txt": ARTICLE_EN.encode("utf-16"),
        "short.txt": "Two words", "sub/deep.txt": ARTICLE_EN + " Deep.", "notes.docx": b"PK"})
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    before = _snapshot(folder)
    code, err = _run(["--corpus", folder, "--out", tmp_path / "out", "--keywords-only"],
                     tmp_path, capsys)
    assert code == 0, err
    tables = tmp_path / "out" / "tables"
    sources = {r["source"] for r in csv.DictReader((tables / "documents.csv").open())}
    sources |= {r["source"] for r in csv.DictReader((tables / "problems.csv").open())}
    expected = {f"{folder.name}/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*")
                if not p.is_dir() or p.is_symlink()}
    assert sources == expected
    assert _snapshot(folder) == before
