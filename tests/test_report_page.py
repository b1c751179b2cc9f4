"""``report.html``: one offline page with the summary, every figure and the key tables.

The pure parts (Markdown, SVG inlining, tables) are tested on text; the page a real
run writes is opened in Chromium (Debian's, through Playwright) with the network
blocked. That test fails, never skips, when Chromium is missing:
``tools/ensure_chromium.sh`` (run by ``make test``) installs it or says how.
"""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.report.page import (
    html_table,
    inline_svg,
    language_tag,
    markdown_html,
    prefix_ids,
    report_page,
)
from tests.browser import VIEWPORT, offline_page
from tests.conftest import CORPUS


class _Ids(HTMLParser):
    """Every id, and every ``#id`` an attribute points at, in a page."""

    def __init__(self):
        super().__init__()
        self.ids, self.refs = [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name == "id":
                self.ids.append(value)
            elif name in ("href", "xlink:href") and value.startswith("#"):
                self.refs.append(value[1:])
            self.refs += re.findall(r"url\(#([^)]+)\)", value)


def _ids(html):
    parser = _Ids()
    parser.feed(html)
    return parser


# -- pure functions ---------------------------------------------------------------------

SVG = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="453.6pt" height="302.4pt" \
viewBox="0 0 453.6 302.4" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata><rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/"></rdf:RDF></metadata>
 <g id="figure_1"><g id="patch_1"><path id="m0a735015e5" d="M 0 0 L 1 1"/></g>
  <use xlink:href="#m0a735015e5" x="3" y="4" clip-path="url(#p9d1b2c3)"/>
  <text x="1" y="2">{text}</text></g>
 <defs><clipPath id="p9d1b2c3"><rect x="0" y="0" width="9" height="9"/></clipPath></defs>
</svg>
"""


def test_inlined_figures_with_the_same_ids_get_unique_ones():
    """Two figures reusing matplotlib's ids (patch_1, a marker's hash, a clip path):
    once inlined, no id repeats and every reference points at its own figure's."""
    first = inline_svg(SVG.replace("{text}", "first"), "a-")
    second = inline_svg(SVG.replace("{text}", "second"), "b-")
    figures = [f"<figure>{first}<figcaption>a</figcaption></figure>",
               f"<figure>{second}<figcaption>b</figcaption></figure>"]
    page = report_page(title="t", summary="# S\n", figures=figures)
    found = _ids(page)
    svg_ids = [i for i in found.ids if i.startswith(("a-", "b-"))]
    assert len(svg_ids) == 8 and len(set(found.ids)) == len(found.ids)
    assert set(found.refs) <= set(found.ids)
    assert 'xlink:href="#a-m0a735015e5"' in first and 'url(#b-p9d1b2c3)' in second
    for svg in (first, second):  # no prolog, no fixed size, the viewBox kept
        assert svg.startswith('<svg viewBox="0 0 453.6 302.4" version="1.1" class="figure">')
        assert "http" not in svg and "<metadata>" not in svg
    assert prefix_ids('<a id="x"/><b href="#y"/>', "p-") == '<a id="p-x"/><b href="#y"/>'
    # the text drawn is never changed, even when it looks like an id
    assert prefix_ids('<g id="a"><text>id="a" url(#a)</text></g>', "p-") == \
        '<g id="p-a"><text>id="a" url(#a)</text></g>'


def test_real_figures_inline_with_unique_ids(tmp_path):
    """Two matplotlib figures saved by save_figure: inlined, their ids stay unique."""
    import matplotlib.pyplot as plt

    from analysis.report.page import figure_html
    from analysis.report.style import new_figure, save_figure

    figures = []
    for name in ("one", "two"):
        fig, ax = new_figure()
        ax.scatter([1, 2], [3, 4])
        ax.set_title(f"Figure {name} é")
        save_figure(fig, name, tmp_path)
        figures.append(figure_html(tmp_path / f"{name}.svg", tmp_path))
    plt.close("all")
    found = _ids(report_page(title="t", summary="", figures=figures, lang="fr"))
    assert len(found.ids) > 10 and len(set(found.ids)) == len(found.ids)
    assert set(found.refs) <= set(found.ids)


def test_an_svg_too_large_to_inline_is_shown_as_its_png(tmp_path, monkeypatch):
    from analysis.report import page

    (tmp_path / "unit_map.svg").write_text(SVG.replace("{text}", "x"), encoding="utf-8")
    (tmp_path / "unit_map.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    monkeypatch.setattr(page, "MAX_INLINE_SVG_BYTES", 100)
    html = page.figure_html(tmp_path / "unit_map.svg", tmp_path)
    assert '<img class="figure" src="data:image/png;base64,iVBORw0KGgo' in html
    assert "<svg" not in html and "Shown as PNG" in html
    assert '<a href="unit_map.png">PNG</a> <a href="unit_map.svg">SVG</a>' in html


def test_summary_markdown_as_html():
    from analysis.report.summary import md

    summary = "\n".join([
        "# Corpus summary", "", f"- **{md('<script>x</script> | a*b_c')}**: un, deux",
        "- … and 3 more documents: see `tables/keywords_by_document.csv`", "",
        "## Themes per document", "",
        "| document | AI | other |", "|---|---|---|", f"| {md('a | b')} | 0.25 | 0.75 |",
        "", "Topic model: k=2.", "continued.", ""])
    html = markdown_html(summary)
    assert "<h2>Corpus summary</h2>" in html and "<h3>Themes per document</h3>" in html
    assert ("<li><strong>&lt;script&gt;x&lt;/script&gt; | a*b_c</strong>: un, deux</li>"
            in html)
    assert ('<a href="tables/keywords_by_document.csv"><code>tables/keywords_by_document.csv'
            '</code></a>') in html
    assert '<th scope="row">a | b</th><td class="num">0.25</td>' in html
    assert "<p>Topic model: k=2. continued.</p>" in html
    assert "<script>" not in html


def test_table_cells_and_languages():
    table = html_table(["doc_id", "share"], [["a_1", "0,25"], ["<b>", "x"]])
    assert '<td class="num" data-v="0.25">0,25</td>' in table  # excel-fr's decimal comma
    assert "<td class=\"word\">&lt;b&gt;</td>" in table
    assert language_tag("fr") == "fr" and language_tag("en-GB") == "en-GB"
    assert language_tag("not a tag!") == "und" and language_tag(None) == "und"
    # the page's language (its <html lang>) is the report's: --lang, else the
    # language of most documents (a tie: alphabetical), English past en and fr
    from types import SimpleNamespace

    from analysis.report.wording import report_language

    docs = [SimpleNamespace(language=code) for code in ("fr", "en", "fr", "en", "de")]
    assert report_language(None, docs) == "en" and report_language("fr", docs) == "fr"
    assert report_language(None, docs[:3]) == "fr"
    assert report_language(None, [SimpleNamespace(language="de")]) == "en"


# -- the page a run writes ---------------------------------------------------------------

@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The bundled corpus's full run, with --html (the interactive views linked)."""
    from analysis.pipeline.run import run

    out = tmp_path_factory.mktemp("report") / "out"
    run(corpus=CORPUS, out=out, html=True)
    return out


def test_report_holds_the_summary_figures_tables_and_links(report):
    page = (report / "report.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">')
    # the bundled corpus is mostly French (3 of 5 documents): the page's words are
    assert "<title>Rapport sur le corpus : " in page and '<section id="summary" lang="fr">' in page
    # findings first, method and files last
    order = re.findall(r'^<section id="([a-z-]+)"', page, flags=re.MULTILINE)
    assert order[:2] == ["findings", "topics"] and order.index("method") > order.index("time")
    # no URL of any kind, but data: URIs (matplotlib's SVG holds a heatmap as one)
    assert "//" not in re.sub(r'"data:[^"]*"', "", page)
    figures = sorted(p.stem for p in (report / "figures").glob("*.svg"))
    assert len(figures) == 9
    for name in figures:
        assert f'<figure id="figure-{name}">' in page, name
    assert page.count("<figure") == len(figures) == page.count("<figcaption>")
    assert page.count("<svg ") == len(figures)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    found = _ids(page)
    assert len(set(found.ids)) == len(found.ids) and set(found.refs) <= set(found.ids)
    links = {link for link in re.findall(r'href="([^"#][^"]*)"', page)
             if not link.startswith("data:")}
    for table in (report / "tables").glob("*.csv"):
        assert f"tables/{table.name}" in links, table.name
    for view in (report / "interactive").glob("*.html"):
        assert f"interactive/{view.name}" in links, view.name
    assert all((report / link).exists() for link in links), links
    assert re.search(r"les 5 documents ; tableau complet dans <a href=\"tables/"
                     r"keywords_by_document.csv\">", page)
    # the summary (in French too), its method part closing the page; its topics and
    # keywords are shown earlier, from the tables
    summary = (report / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Résumé du corpus\n") and "## Sujets\n" in summary
    method = page[page.index('<section id="method">'):page.index('<section id="files">')]
    assert "<h3>Comment les sujets ont été faits</h3>" in method
    assert "<li>Corpus : " in method and "Mots-clés par document" not in method


def test_report_names_no_output_folder_and_no_time(report):
    """Nothing in the page depends on where the output lies or when it was written,
    so the same run gives the same bytes (test_cli's rerun test compares them)."""
    page = (report / "report.html").read_text(encoding="utf-8")
    assert str(report) not in page and str(report.parent) not in page
    assert not re.search(r"\b\d\d:\d\d(:\d\d)?\b", page)


def test_keywords_only_run_writes_a_report_too(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(CORPUS), "--out", str(out), "--keywords-only"]) == 0
    printed = capsys.readouterr().out
    assert f"Page du rapport : {out / 'report.html'}" in printed  # in the summary's language
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<figure") == 2  # the two keyword figures
    assert 'id="table-keywords"' in page and 'id="table-topics"' not in page
    assert "Vues interactives" not in page  # no --html


def test_lang_sets_the_words_of_the_page_and_the_figures(tmp_path):
    """--lang en on a mostly French corpus: English page and figures; the default
    (the corpus's main language) is French."""
    for lang, title, figure in ((["--lang", "en"], "<title>Corpus report: ",
                                 "Top keywords per document"),
                                ([], "<title>Rapport sur le corpus : ",
                                 "Principaux mots-clés par document")):
        out = tmp_path / (lang[1] if lang else "default")
        assert main(["run", "--corpus", str(CORPUS), "--out", str(out), "--keywords-only",
                     "-q", *lang]) == 0
        assert title in (out / "report.html").read_text(encoding="utf-8")
        svg = (out / "figures" / "keywords_by_document.svg").read_text(encoding="utf-8")
        assert figure in svg  # SVG text is kept as text


# -- in a browser ------------------------------------------------------------------------

def test_report_page_in_chromium(report, tmp_path):
    """Opened from disk with every network request refused, the page asks for none,
    logs no error, shows every figure at a real size, keeps figure and caption text
    selectable (SVG text is <text>), and sorts a table by a clicked header."""
    screenshot = Path(os.environ.get("ANALYSIS_SCREENSHOT") or tmp_path / "report.png")
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    requests, errors = [], []
    with offline_page(report / "report.html", requests, errors) as page:
        page.screenshot(path=str(screenshot), full_page=True)

        svgs = page.locator("figure svg")
        assert svgs.count() == 9
        for i in range(svgs.count()):
            box = svgs.nth(i).bounding_box()
            assert box and box["width"] > 300 and box["height"] > 100, (i, box)
            assert box["x"] + box["width"] <= VIEWPORT["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]

        # text can be selected: a caption, and the SVG's own text elements
        selected = page.evaluate("""(selector) => {
            const node = document.querySelector(selector);
            const range = document.createRange();
            range.selectNodeContents(node);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return selection.toString();
        }""", "#figure-keywords_by_document figcaption")
        assert "Principaux mots-clés par document" in selected
        texts = page.locator("figure svg text")
        assert texts.count() > 50
        heading = "Principaux mots-clés par document"  # the bundled corpus is mostly French
        assert heading in page.locator("#figure-keywords_by_document svg").text_content()
        # and by hand: a drag across a figure's title selects its words
        page.evaluate("window.getSelection().removeAllRanges()")
        title = page.locator("figure svg text", has_text=heading).first
        title.scroll_into_view_if_needed()
        box = title.bounding_box()
        middle = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 2, middle)  # (a drag must start on the text)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] - 2, middle, steps=5)
        page.mouse.up()
        dragged = page.evaluate("window.getSelection().toString()")
        assert "mots-clés par" in dragged and "TF-IDF" not in dragged, dragged

        # sorting: text, then reversed; numbers by value
        def column(table, i):
            return page.locator(f"{table} tbody tr td:nth-child({i})").all_text_contents()

        keywords = "#table-keywords table"
        before = column(keywords, 1)
        page.locator(f"{keywords} thead th").nth(0).locator("button").click()
        ascending = column(keywords, 1)
        assert ascending != before and sorted(ascending) == sorted(before)
        assert page.locator(f"{keywords} thead th").nth(0).get_attribute(
            "aria-sort") == "ascending"
        page.locator(f"{keywords} thead th").nth(0).locator("button").click()
        assert column(keywords, 1) == ascending[::-1]
        themes = "#table-themes table"
        header = page.locator(f"{themes} thead th").all_text_contents()
        share = next(i for i, h in enumerate(header) if h.endswith(" : confiance")) + 1
        page.locator(f"{themes} thead th").nth(share - 1).locator("button").click()
        shown = column(themes, share)
        assert all("," in v and "." not in v for v in shown)  # the French decimal comma
        values = [float(v.replace(",", ".")) for v in shown]
        assert values == sorted(values)
    assert requests == [], requests
    assert errors == [], errors
    assert screenshot.stat().st_size > 10_000
