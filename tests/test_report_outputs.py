"""What a run writes for an analyst: a summary that stays small at any size,
readable and unique document labels, and CSVs that French Excel opens."""

import csv

import pandas as pd

from analysis.cli import main
from analysis.io.atomic import write_csv
from analysis.io.corpus import Corpus, make_document
from analysis.report.summary import SUMMARY_DOCUMENTS, doc_titles, shorten

WORDS = ("budget school teacher science river bridge harbour market festival museum "
         "orchestra vaccine clinic farmer harvest railway station airport election").split()


def _many_documents(folder, n):
    folder.mkdir()
    for i in range(n):
        words = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(12))
        (folder / f"doc{i:04d}.txt").write_text(
            f"The council discussed the {words} plan number {i} on Monday.\n\n"
            f"Officials said the {words} project would continue next year.\n")
    return folder


def test_summary_stays_small_and_points_to_the_tables(tmp_path, capsys):
    """300 documents: the summary shows the first few and says where the rest is;
    the command line prints a digest and the summary's path."""
    folder = _many_documents(tmp_path / "corpus", 300)
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(folder), "--out", str(out), "--keywords-only"]) == 0
    printed = capsys.readouterr().out
    summary = (out / "summary.md").read_text()
    assert len(summary.encode()) < 50_000
    per_document = [ln for ln in summary.splitlines() if ln.startswith("- **The council")]
    assert len(per_document) == SUMMARY_DOCUMENTS
    assert f"… and {300 - SUMMARY_DOCUMENTS} more documents: see `tables/keywords_by_document" \
        in summary
    assert len(pd.read_csv(out / "tables" / "keywords_by_document.csv")["group"].unique()) == 300
    assert printed.count("\n") < 10 and f"Full summary: {out / 'summary.md'}" in printed


def _doc(doc_id, text, title=None):
    return make_document(doc_id, f"{doc_id}.txt", text, title=title)


def test_document_labels_are_unique_and_readable():
    corpus = Corpus([
        _doc("ag0001", "Same headline for two stories\n\nThe first story text is here."),
        _doc("ag0002", "Same headline for two stories\n\nThe second story text is here."),
        _doc("1064", "A very long opening sentence that goes on and on well past any label "
                     "width anyone would want in a figure."),
        _doc("1065", "Short one.", title="Budget vote"),
    ])
    labels = doc_titles(corpus)
    assert len(set(labels.values())) == 4
    assert labels["ag0001"] == "Same headline for two stories [ag0001]"
    assert labels["ag0002"] == "Same headline for two stories [ag0002]"
    assert labels["1064"].endswith("…") and len(labels["1064"]) <= 48
    assert labels["1065"] == "Budget vote"
    assert shorten("word " * 3) == "word word word"


def test_excel_fr_dialect(tmp_path):
    frame = pd.DataFrame({"terme": ["économie", "=cmd"], "score": [0.5, 1.25]})
    write_csv(frame, tmp_path / "fr.csv", dialect="excel-fr")
    data = (tmp_path / "fr.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads the accents
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows == [["terme", "score"], ["économie", "0,5000"], ["'=cmd", "1,2500"]]


def test_csv_dialect_option_reaches_every_table(tmp_path):
    folder = _many_documents(tmp_path / "corpus", 3)
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(folder), "--out", str(out), "--keywords-only", "-q",
                 "--csv-dialect", "excel-fr"]) == 0
    for table in (out / "tables").glob("*.csv"):
        data = table.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), table.name
        assert b";" in data.splitlines()[0], table.name


def _svg_words(svg: str) -> str:
    import html
    import re

    lines = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return " ".join(" ".join(html.unescape(re.sub(r"<[^>]+>", "", t)).split()) for t in lines)


def test_every_figure_exists_past_a_readable_size(tmp_path, capsys):
    """45 documents (past the 40 a per-document theme figure can show): every figure
    is still written, and its title says what it shows instead."""
    folder = _many_documents(tmp_path / "corpus", 45)
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(folder), "--out", str(out), "-q",
                 "--unit", "document"]) == 0
    figures = out / "figures"
    for name in ("keywords_by_document", "keywords_by_language", "topic_keywords",
                 "theme_shares_by_document", "theme_heatmap", "unit_map",
                 "crosslingual_similarity"):
        assert (figures / f"{name}.svg").stat().st_size > 0, name
        assert (figures / f"{name}.png").stat().st_size > 0, name
    # the words the figures show (SVG text; a title wrapped to the figure's width is
    # one line per <text>)
    svg = {name: _svg_words((figures / f"{name}.svg").read_text()) for name in
           ("keywords_by_document", "theme_heatmap", "crosslingual_similarity")}
    assert "first 12 of 45 documents" in svg["keywords_by_document"]
    # the synthetic corpus is about none of the themes: the figure says so in a sentence
    assert "None of the 45 documents is about AI governance" in svg["theme_heatmap"]
    assert "first 20 of 45 documents" in svg["crosslingual_similarity"]


def test_progress_bars_and_quiet(tmp_path, monkeypatch, capsys):
    """With bars on, the long steps show one; -q silences them (and the digest)."""
    monkeypatch.setenv("ANALYSIS_PROGRESS", "1")
    folder = _many_documents(tmp_path / "corpus", 5)
    assert main(["run", "--corpus", str(folder), "--out", str(tmp_path / "a"),
                 "--keywords-only"]) == 0
    err = capsys.readouterr().err
    assert "reading" in err and "cleaning" in err
    assert main(["run", "--corpus", str(folder), "--out", str(tmp_path / "b"),
                 "--keywords-only", "-q"]) == 0
    assert capsys.readouterr() == ("", "")
