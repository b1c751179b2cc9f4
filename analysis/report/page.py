"""``report.html``: one offline page holding a run's summary, figures and key tables.

The page needs nothing beside itself: the figures are inlined as SVG markup (the
ids of each prefixed with its name, since matplotlib reuses ids such as
``patch_1`` or a marker's hash in every figure), the styles and the few lines of
script that sort a table by a clicked header are inline, and a Content Security
Policy forbids every network request. Links to the CSVs, figure files and
``--html`` views are relative, so the output folder can be moved or zipped as a
whole. The same run writes the same bytes: nothing depends on the time or on
where the output folder lies.

Each piece is a small pure function of text: :func:`markdown_html` (the subset of
Markdown that :mod:`analysis.report.summary` writes), :func:`inline_svg`,
:func:`html_table`; :func:`report_page` assembles them and :func:`write_report`
reads the files a run wrote and writes the page atomically.
"""

from __future__ import annotations

import csv
import os
import re
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote

from analysis.report.topic_sections import FILTER_SCRIPT, TOPIC_CSS
from analysis.report.wording import column_label, say

# Rows of a CSV shown on the page; the CSV, linked beside it, holds every row.
MAX_TABLE_ROWS = 25
# Keywords per document in the keyword table.
TABLE_KEYWORDS = 8
# Columns of a key table left out of the page, with the reason (a phrase of
# analysis.report.wording).
LEFT_OUT = {"topic_info.csv": {"name": "name_left_out"}}
# A table cell longer than this gets room for a few words a line.
LONG_CELL_CHARS = 30
# An SVG larger than this (a unit map of a very large corpus) is shown as its PNG.
MAX_INLINE_SVG_BYTES = 3_000_000


def output_caption(stem: str, kind: str, lang: str = "en") -> str:
    """What the table or figure file ``stem`` holds, in ``lang``, as
    :mod:`analysis.report.outputs` declares it ("" for a file it does not know)."""
    from analysis.report.outputs import output_for

    output = output_for(stem, kind)
    return output.caption_in(lang) if output is not None else ""


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def language_tag(language) -> str:
    """``language`` if it is a plausible BCP 47 tag (``fr``, ``en-GB``), else ``und``."""
    language = str(language or "")
    return language if _LANGUAGE_TAG.fullmatch(language) else "und"


def href(path: str | os.PathLike, base: str | os.PathLike) -> str:
    """A relative link from the folder ``base`` to ``path``, percent-encoded."""
    try:
        rel = Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive: no relative path exists
        return Path(path).resolve().as_uri()
    return quote(rel)


# -- Markdown (the subset summary_markdown writes) -----------------------------------

_INLINE = re.compile(r"\\(.)|\*\*|`([^`]*)`")
_TABLE_LINK = re.compile(r"tables/[^\s/]+\.csv")


def inline_markdown(text: str) -> str:
    """One line of the summary as HTML: ``**bold**``, `` `code` `` (a link when it
    names a table), backslash escapes; everything else shown as written. The
    summary escapes ``& < >`` as entities; they are read back and escaped again, so
    ``<script>`` in a title stays text."""
    out, bold, pos = [], False, 0
    for match in _INLINE.finditer(text):
        out.append(escape(unescape(text[pos:match.start()]), quote=False))
        if match.group(1) is not None:
            out.append(escape(match.group(1), quote=False))
        elif match.group(0) == "**":
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        else:
            code = unescape(match.group(2))
            tag = f"<code>{escape(code, quote=False)}</code>"
            if _TABLE_LINK.fullmatch(code):
                tag = f'<a href="{escape(quote(code))}">{tag}</a>'
            out.append(tag)
        pos = match.end()
    out.append(escape(unescape(text[pos:]), quote=False))
    if bold:
        out.append("</strong>")
    return "".join(out)


def split_row(line: str) -> list[str]:
    """The cells of a Markdown table row (``\\|`` is a literal bar, not a border)."""
    cells, cell, chars = [], [], iter(line.strip())
    closed = False  # the row ends with a border
    for char in chars:
        closed = char == "|"
        if char == "\\":
            cell.append(char + next(chars, ""))
        elif char == "|":
            cells.append("".join(cell).strip())
            cell = []
        else:
            cell.append(char)
    if not closed:
        cells.append("".join(cell).strip())
    if line.strip().startswith("|"):
        cells = cells[1:]
    return cells


def _markdown_table(rows: list[str]) -> str:
    header, body = split_row(rows[0]), rows[1:]
    if body and set(body[0].replace("|", "").strip()) <= set("-: "):
        body = body[1:]
    head = "".join(f'<th scope="col">{inline_markdown(c)}</th>' for c in header)
    lines = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in body:
        cells = split_row(row)
        tags = [f'<th scope="row">{inline_markdown(cells[0])}</th>' if cells else ""]
        tags += [f"<td{_numeric_class(c)}>{inline_markdown(c)}</td>" for c in cells[1:]]
        lines.append("<tr>" + "".join(tags) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _numeric_class(cell: str) -> str:
    return ' class="num"' if _number(cell) is not None else ""


def markdown_html(markdown: str, shift: int = 1) -> str:
    """The summary's Markdown as HTML: headings (one level lower by ``shift``, the
    page having its own ``<h1>``), paragraphs, bullet lists and tables."""
    blocks: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif heading := re.match(r"(#{1,6}) (.*)", line):
            level = min(6, len(heading.group(1)) + shift)
            blocks.append(f"<h{level}>{inline_markdown(heading.group(2).strip())}</h{level}>")
            i += 1
        elif line.startswith(("- ", "* ")):
            items = []
            while i < len(lines) and lines[i].startswith(("- ", "* ")):
                items.append(f"<li>{inline_markdown(lines[i][2:].strip())}</li>")
                i += 1
            blocks.append("<ul>\n" + "\n".join(items) + "\n</ul>")
        elif line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(lines[i])
                i += 1
            blocks.append(_markdown_table(rows))
        else:
            text = []
            while i < len(lines) and lines[i].strip() and not re.match(
                    r"#{1,6} |[-*] |\s*\|", lines[i]):
                text.append(lines[i].strip())
                i += 1
            blocks.append(f"<p>{inline_markdown(' '.join(text))}</p>")
    return "\n".join(blocks)


# -- figures ---------------------------------------------------------------------------

_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<metadata>.*?</metadata>", re.DOTALL)
_REFERENCE = re.compile(r'(\bid=")([^"]+)(")|(url\(#)([^)\s]+)(\))|(href="#)([^"]+)(")')
_TAG = re.compile(r"<[^<>]*>")
_ROOT_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_NAMESPACES = re.compile(r'\sxmlns(?::\w+)?="[^"]*"')


def prefix_ids(svg: str, prefix: str) -> str:
    """``svg`` with every id it defines, and every ``url(#id)`` and ``href="#id"``
    pointing at one, prefixed with ``prefix``: figures inlined in one page can reuse
    ids (matplotlib names its parts ``patch_1``, ``axes_1`` in every figure, and a
    marker by its hash) without one figure drawing another's clip path or marker.
    Only tags are read and changed, never the text drawn (a title may say ``id="x"``)."""
    tags = [m.group(0) for m in _TAG.finditer(svg)]
    ids = {m.group(2) for tag in tags for m in _REFERENCE.finditer(tag)
           if m.group(2) is not None}

    def rename(match):
        groups = match.groups()
        for start in (0, 3, 6):
            if groups[start] is not None:
                before, name, after = groups[start:start + 3]
                return before + (prefix + name if name in ids else name) + after
        return match.group(0)  # pragma: no cover (one of the three always matched)

    return _TAG.sub(lambda tag: _REFERENCE.sub(rename, tag.group(0)), svg)


def inline_svg(svg: str, prefix: str) -> str:
    """A matplotlib SVG file's text as markup to put inside an HTML page: no XML
    prolog, DOCTYPE, metadata or namespace declarations (the HTML parser knows SVG;
    none is a URL to fetch), ids made unique with ``prefix``, and no fixed width or
    height on the root, so it scales to the page with its ``viewBox``."""
    svg = _PROLOG.sub("", svg).strip()
    start = svg.find("<svg")
    end = svg.find(">", start)
    if start < 0 or end < 0:
        raise ValueError("not an SVG document")
    root = _NAMESPACES.sub("", _ROOT_SIZE.sub("", svg[start:end]))
    svg = root + ' class="figure"' + svg[end:]
    return prefix_ids(svg, prefix)


def figure_html(svg_path: Path, out_dir: Path, caption: str = "", lang: str = "en") -> str:
    """One ``<figure>``: the SVG inlined (or, past :data:`MAX_INLINE_SVG_BYTES`, the
    PNG as a data URI), a caption saying what it shows, and links to its files."""
    import base64

    name = svg_path.stem
    caption = (caption or output_caption(name, "figure", lang)
               or name.replace("_", " ").capitalize() + ".")
    png = svg_path.with_suffix(".png")
    files = [(p, p.suffix[1:].upper()) for p in (png, svg_path) if p.exists()]
    links = " ".join(f'<a href="{escape(href(p, out_dir))}">{kind}</a>' for p, kind in files)
    note = ""
    if svg_path.stat().st_size <= MAX_INLINE_SVG_BYTES:
        body = inline_svg(svg_path.read_text(encoding="utf-8"), f"{name}-")
    elif png.exists():
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        body = f'<img class="figure" src="data:image/png;base64,{data}" alt="{escape(caption)}">'
        note = say("shown_as_png", lang, mb=f"{svg_path.stat().st_size / 1e6:.0f}")
    else:
        body, note = "", say("too_large", lang)
    return (f'<figure id="figure-{escape(name)}">\n{body}\n'
            f"<figcaption>{escape(caption, quote=False)}{escape(note, quote=False)} "
            f'<span class="files">{escape(name)}: {links}</span></figcaption>\n</figure>')


# -- tables ----------------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")


def _number(cell: str) -> float | None:
    """A cell's numeric value (decimal point or comma), or ``None`` for text."""
    cell = cell.strip()
    if not _NUMBER.fullmatch(cell):
        return None
    return float(cell.replace(",", "."))


def read_csv(path: Path, dialect: str = "standard") -> tuple[list[str], list[list[str]]]:
    """The header and rows of a CSV the run wrote, as text."""
    from analysis.io.atomic import CSV_DIALECTS

    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=CSV_DIALECTS[dialect]["sep"]))
    return (rows[0], rows[1:]) if rows else ([], [])


def _header_text(name: str) -> str:
    text = escape(name, quote=False)
    return text.replace("_", "_<wbr>") if len(name) > 8 else text


def html_table(header: list[str], rows: list[list[str]], caption: str = "",
               lang: str = "en") -> str:
    """A sortable ``<table>``: clicking a header (or Enter on it) sorts by that column,
    numbers by value (``data-v``), text alphabetically; again, in reverse."""
    # a long header may break after an underscore ("digital_<wbr>economy")
    head = "".join(f'<th scope="col"><button type="button">'
                   f'{_header_text(h)}</button></th>' for h in header)
    lines = ['<table class="sortable">']
    if caption:
        lines.append(f"<caption>{escape(caption, quote=False)}</caption>")
    lines += [f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in rows:
        cells = []
        for cell in row:
            value = _number(cell)
            if value is not None:
                attrs = f' class="num" data-v="{value!r}"'
            elif len(cell) > LONG_CELL_CHARS:
                attrs = ' class="long"'
            elif cell and len(cell.split()) == 1:  # an id or a date: kept on one line
                attrs = ' class="word"'
            else:
                attrs = ""
            if value is not None and lang == "fr":  # the page's decimal comma
                cell = cell.replace(".", ",")
            cells.append(f"<td{attrs}>{escape(cell, quote=False)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def table_note(shown: int, total: int, what: str, csv_name: str, lang: str = "en") -> str:
    """"first N of M rows; full table in X.csv", with the CSV linked."""
    link = f'<a href="tables/{escape(quote(csv_name))}">{escape(csv_name)}</a>'
    count = (say("all_rows", lang, total=total, what=what) if shown >= total
             else say("first_rows", lang, shown=shown, total=total, what=what))
    return f'<p class="note">{say("full_table", lang, count=count, link=link)}</p>'


def keyword_rows(header, rows, names: dict, languages: dict, top: int = TABLE_KEYWORDS,
                 lang: str = "en"):
    """``keywords_by_document.csv`` (one row per term) as one row per document:
    label, language and its top terms by rank."""
    col = {name: i for i, name in enumerate(header)}
    if not {"group", "rank", "label"} <= set(col):
        return ["document", "keywords"], []
    terms: dict[str, list] = {}
    for row in rows:
        rank = _number(row[col["rank"]])
        terms.setdefault(row[col["group"]], []).append(
            (rank if rank is not None else float("inf"), row[col["label"]]))
    out = []
    for doc_id, ranked in terms.items():
        words = ", ".join(label for _, label in sorted(ranked, key=lambda t: t[0])[:top])
        out.append([names.get(doc_id, doc_id), doc_id, languages.get(doc_id, ""), words])
    return ["document", "doc_id", "language", say("top_keywords", lang, top=top)], out


def document_order(header: list[str], rows: list[list[str]]) -> dict:
    """``{doc_id: position}`` for lists of documents: the newest first when the
    documents are dated (undated ones last), else the corpus's own order, never
    the ids' alphabetical order."""
    i = header.index("doc_id")
    j = header.index("date") if "date" in header else None

    def key(item):
        position, row = item
        date = row[j] if j is not None and len(row) > j else ""
        return (date == "", [-ord(c) for c in date], position)

    ranked = sorted(enumerate(rows), key=key)
    return {row[i]: rank for rank, (_, row) in enumerate(ranked) if len(row) > i}


def key_tables(tables_dir: Path, dialect: str = "standard", names: dict | None = None,
               max_rows: int = MAX_TABLE_ROWS, lang: str = "en",
               theme_labels: dict | None = None) -> list[tuple[str, str, str]]:
    """``(anchor, heading, html)`` of each key table this run wrote: topics, keywords
    per document and theme shares per document, at most ``max_rows`` rows each."""
    names = names or {}
    tables_dir = Path(tables_dir)
    languages, order = {}, {}
    documents = tables_dir / "documents.csv"
    if documents.exists():
        header, rows = read_csv(documents, dialect)
        if {"doc_id", "language"} <= set(header):
            i, j = header.index("doc_id"), header.index("language")
            languages = {r[i]: r[j] for r in rows if len(r) > max(i, j)}
            order = document_order(header, rows)
    sections = []
    for anchor, heading, csv_name, what in (
            ("table-keywords", say("table_keywords", lang), "keywords_by_document.csv",
             say("what_documents", lang)),
            ("table-themes", say("table_themes", lang), "document_themes.csv",
             say("what_documents", lang))):
        path = tables_dir / csv_name
        if not path.exists():
            continue
        header, rows = read_csv(path, dialect)
        if csv_name == "keywords_by_document.csv":
            header, rows = keyword_rows(header, rows, names, languages, lang=lang)
            rows.sort(key=lambda r: order.get(r[1], len(order)))  # r[1]: the doc_id
        elif csv_name == "document_themes.csv" and "doc_id" in header:
            i = header.index("doc_id")
            header = ["document", *header]
            rows = sorted(rows, key=lambda r: order.get(r[i] if len(r) > i else "", len(order)))
            rows = [[names.get(r[i], r[i]) if len(r) > i else "", *r] for r in rows]
            # a theme found or not: a mark, not the words True and False
            found = [k for k, h in enumerate(header) if h.endswith("_found")]
            rows = [[{"True": "✓", "False": "–"}.get(c, c) if k in found else c
                     for k, c in enumerate(r)] for r in rows]
        left_out = [c for c in LEFT_OUT.get(csv_name, ()) if c in header]
        if left_out:
            keep = [i for i, c in enumerate(header) if c not in left_out]
            header = [header[i] for i in keep]
            rows = [[r[i] for i in keep if i < len(r)] for r in rows]
        shown = rows[:max_rows]
        header = [column_label(h, lang, theme_labels) for h in header]
        note = table_note(len(shown), len(rows), what, csv_name, lang)
        if left_out:
            note = note.replace("</p>", say("not_shown", lang, columns=", ".join(left_out),
                                            why=say(LEFT_OUT[csv_name][left_out[0]], lang))
                                + "</p>")
        sections.append((anchor, heading, html_table(header, shown, lang=lang) + "\n" + note))
    return sections


# -- the page --------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #595959; --rule: #d9d9d9;
  --accent: #0072B2; --band: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
    "Liberation Sans", Arial, sans-serif; }
header, main, footer { max-width: 64rem; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 2rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
p, li { max-width: 48rem; }
ul { padding-left: 1.4rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0;
  margin: .75rem 0 1rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .9em; background: var(--band); padding: 0 .2em; border-radius: 3px; }
.lede, .note, figcaption, .what { color: var(--muted); }
.note { font-size: .9rem; margin-top: .35rem; }
figure { margin: 2rem 0; }
svg.figure, img.figure { display: block; width: 100%; max-width: 52rem; height: auto; }
figcaption { font-size: .95rem; margin-top: .5rem; max-width: 48rem; }
figcaption .files { display: block; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .6rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--band); border-bottom: 2px solid #bfbfbf; }
tbody tr:nth-child(even) { background: #fbfbfb; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.word { white-space: nowrap; }
td.long { min-width: 12rem; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th button::after { content: "\\a0\\2195"; color: #999; font-weight: 400; }
th[aria-sort="ascending"] button::after { content: "\\a0\\2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: "\\a0\\2193"; color: var(--ink); }
footer { margin-top: 3rem; padding-bottom: 2rem; color: var(--muted); font-size: .9rem; }
footer p { border-top: 1px solid var(--rule); padding-top: 1rem; max-width: none; }
blockquote { margin: .5rem 0 .75rem; padding: .4rem .9rem; border-left: 3px solid var(--rule);
  background: var(--band); max-width: 48rem; }
blockquote p { margin: 0 0 .3rem; }
blockquote cite { display: block; color: var(--muted); font-size: .9rem; font-style: normal; }
section.topic { border-top: 1px solid var(--rule); margin-top: 2rem; }
section.topic.no-match { opacity: .55; }
section.topic.filtering button.unfold { display: none; }
button.unfold { font: inherit; padding: .2rem .6rem; }
.size, .words { margin: .25rem 0; }
.muted { color: var(--muted); }
.filter { position: sticky; top: 0; background: #fff; padding: .5rem 0; z-index: 1;
  max-width: none; }
.filter input { font: inherit; padding: .3rem .5rem; width: 22rem; max-width: 60%; }
#doc-filter-status { color: var(--muted); margin-left: .5rem; }
table.overview td a { text-decoration: none; }
@media print { nav, th button::after { display: none; } figure { break-inside: avoid; } }
"""

# Sorting a table by the clicked column: numbers by data-v, other text with the
# page's collation; a second click reverses; equal values keep their order.
SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
        var cell = row.cells[column];
        var value = cell && cell.hasAttribute("data-v") ? Number(cell.getAttribute("data-v"))
          : null;
        var text = cell ? (cell.getAttribute("data-s") || cell.textContent) : "";
        return {row: row, index: index, value: value, text: text};
      });
      rows.sort(function (a, b) {
        var order;
        if (a.value !== null && b.value !== null) order = a.value - b.value;
        else if (a.value !== null) order = -1;
        else if (b.value !== null) order = 1;
        else order = a.text.localeCompare(b.text, undefined, {numeric: true});
        return (ascending ? order : -order) || a.index - b.index;
      });
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.forEach(function (item) { body.appendChild(item.row); });
    });
  });
});
"""

# Nothing may be fetched: no script, style, font or image from anywhere but the page.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def _links(items: list[tuple]) -> str:
    """A list of ``(link, text)`` or ``(link, text, what it holds)``."""
    lines = []
    for link, text, *what in items:
        note = f' <span class="what">{escape(what[0], quote=False)}</span>' \
            if what and what[0] else ""
        lines.append(f'<li><a href="{escape(link)}">{escape(text)}</a>{note}</li>')
    return "<ul>\n" + "\n".join(lines) + "\n</ul>"


def _section(anchor: str, heading: str, body: list[str] | str) -> list[str]:
    body = [body] if isinstance(body, str) else list(body)
    return [f'<section id="{escape(anchor)}">', f"<h2>{escape(heading, quote=False)}</h2>",
            *body, "</section>"]


def report_page(*, title: str, summary: str, figures: list[str] = (),
                tables: list[tuple[str, str, str]] = (), csv_links: list[tuple] = (),
                view_links: list[tuple[str, str]] | None = None,
                other_links: list[tuple[str, str]] = (), lang: str = "en",
                sections: list[tuple[str, str, str]] = (), summary_lang: str = "en",
                notes: list[str] = ()) -> str:
    """The page's HTML from its parts, findings first and method last:
    ``sections`` (``(anchor, nav text, html)``: the findings, topics, groups, time
    and theme sections of :mod:`analysis.report.topic_sections`), the ``figures``
    not placed in a section (``<figure>`` markup, :func:`figure_html`), the
    ``(anchor, heading, html)`` tables (:func:`key_tables`), then how the run was
    made (a plain account and the summary's Markdown, in ``summary_lang``) and the
    files (``(href, text)`` links; ``view_links`` is ``None`` when ``--html`` was not
    given). ``notes`` are sentences standing for parts left out. Every word of the
    page's own is in ``lang``, its ``<html lang>``."""
    nav = [(f"#{anchor}", text) for anchor, text, _ in sections]
    if figures:
        nav.append(("#figures", f"{say('more_figures', lang)} ({len(figures)})"))
    if tables:
        nav.append(("#tables", say("tables", lang)))
    nav.append(("#method", say("method_heading", lang)))
    nav.append(("#files", say("files", lang)))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language_tag(lang))}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title, quote=False)}</title>",
        '<link rel="icon" href="data:,">',
        f"<style>{CSS}{TOPIC_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title, quote=False)}</h1>",
        f'<p class="lede">{escape(say("lede", lang), quote=False)}</p>',
        f'<nav aria-label="{escape(say("sections", lang))}"><ul>'
        + "".join(f'<li><a href="{a}">{escape(t)}</a></li>' for a, t in nav) + "</ul></nav>",
        "</header>",
        "<main>",
    ]
    for _, _, html in sections:
        parts.append(html)
    if notes:
        parts.append('<ul class="left-out">' + "".join(
            f"<li>{escape(n, quote=False)}</li>" for n in notes) + "</ul>")
    if figures:
        parts += _section("figures", say("more_figures", lang), figures)
    if tables:
        parts += ['<section id="tables">', f'<h2>{say("tables", lang)}</h2>']
        for anchor, heading, body in tables:
            parts += [f'<section id="{escape(anchor)}">',
                      f'<h3>{escape(heading, quote=False)}</h3>',
                      f'<div class="table-wrap">{body}</div>', "</section>"]
        parts.append("</section>")
    parts += ['<section id="method">', f"<h2>{say('method_heading', lang)}</h2>",
              f"<p>{escape(say('method_intro', lang), quote=False)}</p>",
              f'<section id="summary" lang="{escape(language_tag(summary_lang))}">',
              f"<h3>{say('summary', lang)}</h3>",
              markdown_html(method_part(summary, summary_lang), shift=1),
              "</section>", "</section>"]
    parts += ['<section id="files">', f"<h2>{say('files', lang)}</h2>"]
    if csv_links:
        parts += [f"<h3>{say('csv_tables', lang)}</h3>", _links(list(csv_links))]
    if view_links is not None:
        parts.append(f"<h3>{say('interactive_views', lang)}</h3>")
        parts.append(_links(list(view_links)) if view_links else
                     f"<p>{escape(say('no_views', lang), quote=False)}</p>")
    if other_links:
        parts += [f"<h3>{say('other_files', lang)}</h3>", _links(list(other_links))]
    parts += ["</section>", "</main>",
              f'<footer><p>{say("footer", lang)}</p></footer>',
              f"<script>{SCRIPT}{FILTER_SCRIPT}</script>", "</body>", "</html>", ""]
    return "\n".join(parts)


def method_part(summary: str, lang: str = "en") -> str:
    """The parts of the summary's Markdown the page's closing section shows: its
    opening lines (the corpus, documents, units) and its sections on how the
    topics were made, translation pairs and files with problems; the rest
    (topics, themes, keywords) is shown earlier on the page, from the tables."""
    keep = {f"## {say(key, lang)}" for key in ("sum_method", "sum_pairs", "sum_problems")}
    out, showing = [], True
    for line in summary.splitlines()[1:]:  # the title: the page has its own
        if line.startswith("## "):
            showing = line.strip() in keep
        if showing:
            out.append(line)
    return "\n".join(out)


def figure_place(name: str) -> str:
    """The page section a figure file (its stem) is shown in, as
    :mod:`analysis.report.outputs` declares it ("figures": under "More figures")."""
    from analysis.report.outputs import output_for

    output = output_for(name, "figure")
    return output.place if output is not None else "figures"


def write_report(config, summary: str, written=(), views=None,
                 names: dict | None = None, title: str = "Corpus report",
                 lang: str = "en", theme_labels: dict | None = None,
                 theme_names: dict | None = None,
                 lead: tuple[str, str] | None = None) -> Path:
    """Write ``config.report_path`` from the files a run wrote (``written``: CSVs,
    PNGs and SVGs, as the writers of :mod:`analysis.report.tables` return them;
    ``views``: the ``--html`` views, or ``None`` without ``--html``;
    ``theme_labels``: ``{key: label}`` of the run's themes in ``lang``;
    ``theme_names``: ``{label in the tables: label in lang}``; ``lead``:
    ``(heading, Markdown)`` of a section that opens the page, before the findings,
    such as what an update changed)."""
    from analysis.io import atomic
    from analysis.report.summary import summary_language
    from analysis.report.topic_sections import (
        Facts,
        findings_html,
        group_notes,
        group_sections_html,
        theme_notes,
        time_note,
        time_section_html,
        topic_sections_html,
    )

    out = Path(config.report_path).parent
    written = [Path(p) for p in written]
    placed: dict[str, dict[str, str]] = {}
    languages = _corpus_languages(config.tables_dir, config.csv_dialect)
    notes = []
    for p in written:
        if p.suffix != ".svg" or not p.exists():
            continue
        if p.stem == "crosslingual_similarity" and len(languages) < 2:
            notes.append(say("one_language", lang))
            continue
        placed.setdefault(figure_place(p.stem), {})[p.stem] = figure_html(p, out, lang=lang)
    facts = Facts(config.tables_dir, config.csv_dialect, getattr(config, "group_by", ()))
    sections = []
    if lead is not None:
        heading, text = lead
        sections.append(("changes", heading, f'<section id="changes"><h2>{escape(heading)}</h2>'
                         + markdown_html(text, shift=1) + "</section>"))
    if facts.topics:
        sections.append(("findings", say("findings", lang), findings_html(
            facts, lang, themes=theme_notes(facts, theme_labels or {}, lang),
            group_notes=group_notes(facts, lang),
            time_note=time_note(facts, lang))))
        sections.append(("topics", say("topics_heading", lang), topic_sections_html(
            facts, lang, list(placed.get("topics", {}).values()), theme_names)))
        groups = group_sections_html(facts, lang, placed.get("groups", {}))
        if groups:
            sections.append(("groups", say("groups_heading", lang), groups))
        time = time_section_html(facts, lang, list(placed.get("time", {}).values()))
        if time:
            sections.append(("time", say("time_heading", lang), time))
        elif facts.documents:
            notes.append(say("no_dates", lang))
    else:
        placed.setdefault("figures", {}).update(placed.pop("topics", {}))
    for place, heading in (("themes", "themes_heading"), ("keywords", "keywords_heading")):
        if placed.get(place):
            sections.append((place, say(heading, lang), "\n".join(
                _section(place, say(heading, lang), list(placed[place].values())))))
    csvs = [(href(p, out), p.name, output_caption(p.stem, "table", lang))
            for p in written if p.suffix == ".csv"]
    view_links = None if views is None else [(href(p, out), p.name) for p in views]
    other = [(href(config.summary_path, out),
              say("summary_file", lang, name=Path(config.summary_path).name))]
    page = report_page(title=title, summary=summary,
                       figures=list(placed.get("figures", {}).values()),
                       tables=key_tables(config.tables_dir, config.csv_dialect, names,
                                         lang=lang, theme_labels=theme_labels or {}),
                       csv_links=csvs, view_links=view_links, other_links=other, lang=lang,
                       sections=sections, summary_lang=summary_language(summary),
                       notes=notes)
    return atomic.write_text(config.report_path, page)


def _corpus_languages(tables_dir: Path, dialect: str) -> set:
    path = Path(tables_dir) / "documents.csv"
    if not path.exists():
        return set()
    header, rows = read_csv(path, dialect)
    if "language" not in header:
        return set()
    i = header.index("language")
    return {r[i] for r in rows if len(r) > i and r[i]}
