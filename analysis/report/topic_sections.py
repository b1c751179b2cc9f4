"""The page's findings: an overview, a section per topic, groups and time.

Each part is built from the CSVs a run wrote (``topic_info.csv``,
``document_topics.csv``, ``topic_passages.csv``, ``unit_topics.csv``,
``topics_by_<column>.csv``, ``distinctive_by_<column>.csv``,
``topics_over_time.csv``), so the page shows what the files hold; every word is
in the page's language (:mod:`analysis.report.wording`), numbers and dates as
that language writes them. A part with nothing to show is one sentence.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from pathlib import Path
from urllib.parse import quote

from analysis.report.topic_tables import plain_topic_names
from analysis.report.wording import format_date, format_period, say

# Documents listed under a topic; document_topics.csv holds every one.
MAX_TOPIC_DOCUMENTS = 100
# Documents shown under a topic before "show all" (the filter shows every match).
FOLDED_TOPIC_DOCUMENTS = 10
# Characters of each document's text the filter box searches.
MAX_SEARCH_CHARS = 20_000
# Groups named in the findings; the group section shows them all.
MAX_FINDING_GROUPS = 8
# A document is listed under a topic holding at least this share of it.
MIN_LISTED_SHARE = 0.2
# Characters of a representative passage shown (topic_passages.csv holds it whole).
MAX_PASSAGE_CHARS = 420
# Groups shown as columns of the topic × group table.
MAX_GROUP_COLUMNS = 12


# -- reading ---------------------------------------------------------------------------

def read_rows(path: Path, dialect: str = "standard") -> list[dict]:
    """The rows of a CSV the run wrote, as ``{column: text}``; none when absent."""
    from analysis.report.page import read_csv

    if not Path(path).exists():
        return []
    header, rows = read_csv(Path(path), dialect)
    return [dict(zip(header, row)) for row in rows]


def number(text) -> float | None:
    """A cell's value (decimal point or comma), else ``None``."""
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError:
        return None


def show_number(value: float, lang: str = "en", decimals: int = 2) -> str:
    """``value`` as ``lang`` writes it: ``0.18`` or ``0,18``."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "fr" else text


def percent(value: float | None, lang: str = "en") -> str:
    """A share (0–1) as a whole percentage: ``43%``, French ``43 %`` (a narrow
    no-break space), or ``<1%`` for a small non-zero share."""
    if value is None:
        return ""
    shown = round(value * 100)
    text = "<1" if 0 < value < 0.005 else f"{shown:d}"
    return f"{text}\u202f%" if lang == "fr" else f"{text}%"


def show_date(text: str, lang: str = "en") -> str:
    """An ISO date cell as ``lang`` writes a day; anything else as it is."""
    try:
        return format_date(dt.date.fromisoformat(str(text)[:10]), lang)
    except ValueError:
        return str(text or "")


def show_period(row: dict, lang: str = "en") -> str:
    """A row of topics_over_time.csv's period as ``lang`` writes it."""
    try:
        start = dt.date.fromisoformat(row.get("period_start", ""))
    except ValueError:
        return str(row.get("period", ""))
    return format_period(start, row.get("period_kind", "day"), lang)


def _e(text) -> str:
    return escape(str(text), quote=False)


def _a(text) -> str:
    return escape(str(text), quote=True)


def _csv_link(name: str) -> str:
    return f'<a href="tables/{_a(quote(name))}">{_e(name)}</a>'


def _every_one_in(name: str, lang: str, key: str = "all_in") -> str:
    """"The full table: <name>" (or another phrase ``key``), the CSV linked."""
    return say(key, lang, link=_csv_link(name))


# -- the facts the sections share --------------------------------------------------------

class Facts:
    """What the findings are built from, read once from the tables folder."""

    def __init__(self, tables_dir: Path, dialect: str = "standard", groups=()):
        tables_dir = Path(tables_dir)
        self.tables_dir = Path(tables_dir)
        self.dialect = dialect
        self.topics = read_rows(tables_dir / "topic_info.csv", dialect)
        self.documents = read_rows(tables_dir / "document_topics.csv", dialect)
        self.passages = read_rows(tables_dir / "topic_passages.csv", dialect)
        self.over_time = read_rows(tables_dir / "topics_over_time.csv", dialect)
        self.groups = [g for g in groups if self.documents and g in self.documents[0]]
        self.by_id = {d["doc_id"]: d for d in self.documents}
        main: dict = {}
        for doc in self.documents:
            main[doc.get("main_topic", "")] = main.get(doc.get("main_topic", ""), 0) + 1
        self.main_counts = main
        # topics, most documents first (then most units, then topic number)
        self.topics.sort(key=lambda t: (-main.get(t["topic"], 0),
                                        -(number(t.get("count")) or 0),
                                        number(t["topic"]) or 0))
        self.languages = sorted(c[6:] for c in (self.topics[0] if self.topics else {})
                                if c.startswith("terms_"))
        plain = plain_topic_names({t["topic"]: t.get("name", t["topic"]) for t in self.topics},
                                  len(self.languages))
        for t in self.topics:
            t["name"] = plain[t["topic"]]
        self.names = plain

    def texts(self) -> dict:
        """Each document's text (its units in order), for the filter box."""
        texts: dict = {}
        for unit in read_rows(self.tables_dir / "unit_topics.csv", self.dialect):
            texts.setdefault(unit["doc_id"], []).append(unit.get("text", ""))
        return {d: " ".join(parts)[:MAX_SEARCH_CHARS] for d, parts in texts.items()}


def topic_anchor(topic: str) -> str:
    return f"topic-{topic}"


# -- findings ----------------------------------------------------------------------------

def findings_html(facts: Facts, lang: str = "en", themes: list[str] = (),
                  group_notes: list[tuple[str, list[str]]] = (), time_note: str = "") -> str:
    """What was found, first: the corpus in one line, the topics by size (each a
    link to its section), then notable groups and periods."""
    n_docs = len(facts.documents)
    n_units = sum(int(number(t.get("count")) or 0) for t in facts.topics)
    dates = sorted(d["date"] for d in facts.documents if d.get("date"))
    span = (say("dated_span", lang, first=show_date(dates[0], lang),
                last=show_date(dates[-1], lang)) if dates else "")
    parts = ['<section id="findings">', f"<h2>{_e(say('findings', lang))}</h2>",
             "<p>" + _e(say("corpus_line", lang, docs=n_docs, units=n_units,
                            topics=len(facts.topics))) + _e(span) + "</p>"]
    if facts.topics:
        rows = []
        for t in facts.topics:
            docs = facts.main_counts.get(t["topic"], 0)
            rows.append(
                f'<tr><td><a href="#{topic_anchor(t["topic"])}">{_e(t.get("name", ""))}</a>'
                f'</td><td class="num">{docs}</td>'
                f'<td class="num">{percent(docs / n_docs if n_docs else 0, lang)}</td>'
                f'<td class="num">{_e(t.get("count", ""))}</td></tr>')
        parts += ['<div class="table-wrap"><table class="overview">',
                  f"<caption>{_e(say('topics_by_size', lang))}</caption>",
                  "<thead><tr>" + "".join(f'<th scope="col">{_e(say(k, lang))}</th>' for k in (
                      "col_topic", "col_documents", "col_share_corpus", "col_units"))
                  + "</tr></thead>", "<tbody>", *rows, "</tbody></table></div>"]
    else:
        parts.append(f"<p>{_e(say('no_topics', lang))}</p>")
    notes = [f"<li>{_e(n)}</li>" for n in themes]
    notes += [f"<li>{_e(head)}<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul></li>"
              for head, items in group_notes]
    if time_note:
        notes.append(f"<li>{_e(time_note)}</li>")
    if notes:
        parts.append("<ul>" + "".join(notes) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def theme_notes(facts: Facts, theme_labels: dict, lang: str = "en") -> list[str]:
    """One line per theme found in some document (how many documents, and the share
    of the corpus), or one line saying no document is about any of them."""
    rows = read_rows(facts.tables_dir / "document_themes.csv", facts.dialect)
    if not rows or not theme_labels:
        return []
    lines, none = [], []
    for key, label in theme_labels.items():
        found = sum(r.get(f"{key}_found") == "True" for r in rows)
        if found:
            lines.append(say("theme_note", lang, theme=label, found=found, n=len(rows),
                             share=percent(found / len(rows), lang)))
        else:
            none.append(label)
    if not lines:
        return [say("no_theme_found", lang, n=len(rows), themes=", ".join(none))]
    return lines + ([say("theme_in_none", lang, themes=", ".join(none))] if none else [])


def group_notes(facts: Facts, lang: str = "en") -> list[tuple[str, list[str]]]:
    """For each group column, ``(heading, lines)``: its groups' most
    over-represented topic (the topic's mean share in the group against its share
    in the corpus)."""
    notes = []
    overall = _overall_shares(facts)
    for column in facts.groups:
        rows = _group_rows(facts, column)
        best = []
        for group in sorted({r[column] for r in rows}):
            mine = [r for r in rows if r[column] == group]
            top = max(mine, key=lambda r: ((number(r["mean_share"]) or 0)
                                           - overall.get(r["topic"], 0), -int(r["topic"])))
            best.append(say("group_topic", lang, group=group,
                            topic=facts.names.get(top["topic"], top["topic"]),
                            share=percent(number(top["mean_share"]), lang),
                            overall=percent(overall.get(top["topic"], 0), lang)))
        shown = best[:MAX_FINDING_GROUPS]
        if len(best) > len(shown):
            shown.append(say("and_more", lang, n=len(best) - len(shown)))
        notes.append((say("by_group_note", lang, column=column), shown))
    return notes


def _overall_shares(facts: Facts) -> dict:
    out = {}
    for t in facts.topics:
        values = [number(d.get(f"topic_{t['topic']}")) or 0.0 for d in facts.documents]
        out[t["topic"]] = sum(values) / len(values) if values else 0.0
    return out


def _group_rows(facts: Facts, column: str) -> list[dict]:
    from analysis.report.outputs import group_file_names

    part = group_file_names(facts.groups)[column]
    return read_rows(facts.tables_dir / f"topics_by_{part}.csv", facts.dialect)


def time_note(facts: Facts, lang: str = "en") -> str:
    """The busiest period, and how many periods hold documents."""
    periods: dict = {}
    for row in facts.over_time:
        periods[row["period_start"]] = (int(number(row["n_documents"]) or 0), row)
    if not periods:
        return ""
    busiest = max(sorted(periods), key=lambda p: periods[p][0])
    docs = periods[busiest][0]
    if docs <= 1:  # no period is busier than another: say so, not "(1 documents)"
        return say("time_note_one", lang, n=len(periods),
                   busiest=show_period(periods[busiest][1], lang))
    return say("time_note", lang, n=len(periods), busiest=show_period(periods[busiest][1], lang),
               docs=docs)


# -- a section per topic -----------------------------------------------------------------

FILTER_SCRIPT = """
(function () {
  var box = document.getElementById("doc-filter");
  if (!box) return;
  var data = document.getElementById("doc-text");
  var texts = data ? JSON.parse(data.textContent) : {};
  var status = document.getElementById("doc-filter-status");
  function run() {
    var words = box.value.toLocaleLowerCase().split(/\\s+/).filter(Boolean);
    var found = {};
    document.querySelectorAll("section.topic").forEach(function (section) {
      var shown = 0;
      section.querySelectorAll("tr[data-doc]").forEach(function (row) {
        var id = row.getAttribute("data-doc");
        var text = (row.textContent + " " + (texts[id] || "")).toLocaleLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) { shown += 1; found[id] = true; }
      });
      var count = section.querySelector(".shown");
      if (count) count.textContent = String(shown);
      section.classList.toggle("no-match", words.length > 0 && shown === 0);
      section.classList.toggle("filtering", words.length > 0);
    });
    if (status) {
      status.textContent = words.length ? status.getAttribute("data-found")
        .replace("{n}", String(Object.keys(found).length)) : "";
    }
  }
  box.addEventListener("input", run);
})();
document.querySelectorAll("button.unfold").forEach(function (button) {
  button.addEventListener("click", function () {
    var table = button.parentNode.previousElementSibling.querySelector("table");
    var folded = table.classList.toggle("folded");
    button.textContent = button.getAttribute(folded ? "data-more" : "data-less");
  });
});
"""


# A folded list shows its first rows only; a topic being filtered shows every match.
TOPIC_CSS = ("section.topic:not(.filtering) table.folded tbody "
             f"tr:nth-child(n+{FOLDED_TOPIC_DOCUMENTS + 1}) {{ display: none; }}\n")


def _words_html(topic: dict, languages: list[str], lang: str) -> str:
    lines = []
    for code in languages:
        words = topic.get(f"terms_{code}", "")
        if not words:
            continue
        label = (say("words_in", lang, language=code) if len(languages) > 1
                 else say("words", lang))
        lines.append(f'<p class="words"><strong>{_e(label)}</strong> {_e(words)}</p>')
    return "\n".join(lines)


def _passages_html(facts: Facts, topic: str, lang: str) -> str:
    mine = [p for p in facts.passages if p["topic"] == topic]
    if not mine:
        return ""
    items = []
    for p in sorted(mine, key=lambda p: number(p["rank"]) or 0):
        doc = facts.by_id.get(p["doc_id"], {})
        cite = " · ".join(x for x in (doc.get("title", p["doc_id"]),
                                      show_date(doc["date"], lang) if doc.get("date") else "")
                          if x)
        items.append(f'<blockquote><p>{_e(_cut(p.get("text", "")))}</p>'
                     f"<cite>{_e(cite)}</cite></blockquote>")
    return f"<h4>{_e(say('passages', lang))}</h4>\n" + "\n".join(items)


def _cut(text: str, chars: int = MAX_PASSAGE_CHARS) -> str:
    """``text`` cut at a word boundary with an ellipsis past ``chars`` characters."""
    text = " ".join(str(text).split())
    if len(text) <= chars:
        return text
    return text[:chars].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _documents_html(facts: Facts, topic: str, lang: str) -> str:
    column = f"topic_{topic}"
    listed = []
    for order, doc in enumerate(facts.documents):
        share = number(doc.get(column)) or 0.0
        if doc.get("main_topic") == topic or share >= MIN_LISTED_SHARE:
            listed.append((-share, doc.get("date") or "", order, doc))
    listed.sort(key=lambda item: (item[0], _reverse(item[1]), item[2]))
    shown = listed[:MAX_TOPIC_DOCUMENTS]
    head = [say("col_title", lang), say("col_date", lang), *facts.groups,
            say("col_share_doc", lang), say("col_main", lang)]
    rows = []
    for _, _, _, doc in shown:
        share = number(doc.get(column)) or 0.0
        main = say("yes", lang) if doc.get("main_topic") == topic else ""
        cells = [f'<td class="long">{_e(doc.get("title", ""))}</td>',
                 f'<td class="word" data-s="{_a(doc.get("date", ""))}">'
                 f'{_e(show_date(doc["date"], lang) if doc.get("date") else "")}</td>',
                 *(f"<td>{_e(doc.get(g, ''))}</td>" for g in facts.groups),
                 f'<td class="num" data-v="{share!r}">{percent(share, lang)}</td>',
                 f"<td>{_e(main)}</td>"]
        rows.append(f'<tr data-doc="{_a(doc["doc_id"])}">' + "".join(cells) + "</tr>")
    note = say("topic_documents_note", lang, shown=len(shown), total=len(listed),
               share=percent(MIN_LISTED_SHARE, lang))
    folded = len(shown) > FOLDED_TOPIC_DOCUMENTS
    unfold = (f'<p><button type="button" class="unfold" '
              f'data-more="{_a(say("show_all_documents", lang, n=len(shown)))}" '
              f'data-less="{_a(say("show_first_documents", lang, n=FOLDED_TOPIC_DOCUMENTS))}">'
              f'{_e(say("show_all_documents", lang, n=len(shown)))}</button></p>'
              if folded else "")
    return "\n".join([
        f"<h4>{_e(say('topic_documents', lang))} (<span class=\"shown\">{len(shown)}</span>)"
        "</h4>",
        '<div class="table-wrap"><table class="sortable topic-docs'
        + (' folded">' if folded else '">'),
        "<thead><tr>" + "".join(f'<th scope="col"><button type="button">{_e(h)}</button></th>'
                                for h in head) + "</tr></thead>",
        "<tbody>", *rows, "</tbody></table></div>", unfold,
        f'<p class="note">{_e(note)} '
        f'{_every_one_in("document_topics.csv", lang, "full_table_in")}</p>'])


def _reverse(text: str) -> str:
    """A string that sorts in the reverse order of ``text`` (later dates first)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"


def topic_sections_html(facts: Facts, lang: str = "en", figures: list[str] = (),
                        theme_names: dict | None = None) -> str:
    """The filter box, then one section per topic (most documents first): name,
    size, closest theme (``theme_names``: ``topic_info.csv``'s theme label -> its
    label in ``lang``), words per language, representative passages, documents."""
    theme_names = theme_names or {}
    if not facts.topics:
        return ""
    texts = facts.texts()
    parts = ['<section id="topics">', f"<h2>{_e(say('topics_heading', lang))}</h2>",
             f'<p class="note">{_e(say("topics_intro", lang))}</p>',
             '<p class="filter"><label for="doc-filter">'
             f'{_e(say("filter_label", lang))}</label> '
             '<input type="search" id="doc-filter" autocomplete="off" '
             f'placeholder="{_a(say("filter_placeholder", lang))}"> '
             f'<span id="doc-filter-status" role="status" '
             f'data-found="{_a(say("filter_found", lang, n="{n}"))}"></span></p>']
    for t in facts.topics:
        topic = t["topic"]
        docs = facts.main_counts.get(topic, 0)
        parts += [f'<section class="topic" id="{topic_anchor(topic)}">',
                  f"<h3>{_e(t.get('name', topic))}</h3>",
                  '<p class="size">'
                  + _e(say("topic_size", lang, docs=docs, units=t.get("count", "")))
                  + (' · <span class="theme">' + _e(say(
                      "theme_label", lang, theme=theme_names.get(t["theme"], t["theme"])))
                     + "</span>" if t.get("theme") else "") + "</p>",
                  _words_html(t, facts.languages, lang),
                  _passages_html(facts, topic, lang),
                  _documents_html(facts, topic, lang),
                  "</section>"]
    parts += list(figures)
    data = json.dumps({d: texts[d] for d in sorted(texts)}, ensure_ascii=False)
    data = data.replace("</", "<\\/")  # a text holding "</script>" stays text
    parts += [f'<script type="application/json" id="doc-text">{data}</script>', "</section>"]
    return "\n".join(p for p in parts if p)


# -- groups and time ---------------------------------------------------------------------

def group_sections_html(facts: Facts, lang: str = "en", figures: dict | None = None) -> str:
    """Per group column: documents per topic and group (main topic), its figure and
    each group's distinctive terms."""
    from analysis.report.outputs import group_file_names

    figures = figures or {}
    if not facts.groups:
        return ""
    parts = ['<section id="groups">', f"<h2>{_e(say('groups_heading', lang))}</h2>"]
    names = group_file_names(facts.groups)
    for column in facts.groups:
        part = names[column]
        rows = _group_rows(facts, column)
        parts.append(f"<h3>{_e(say('by_column', lang, column=column))}</h3>")
        if not rows:
            parts.append(f"<p>{_e(say('no_groups', lang, column=column))}</p>")
            continue
        sizes: dict = {}
        for r in rows:
            sizes[r[column]] = int(number(r["group_documents"]) or 0)
        groups = sorted(sizes, key=lambda g: (-sizes[g], g))[:MAX_GROUP_COLUMNS]
        cell = {(r["topic"], r[column]): r for r in rows}
        head = [say("col_topic", lang), *[f"{g} (n = {sizes[g]})" for g in groups]]
        body = []
        for t in facts.topics:
            cells = []
            for g in groups:
                r = cell.get((t["topic"], g))
                share = number(r["mean_share"]) if r else 0.0
                n = int(number(r["n_documents"]) or 0) if r else 0
                cells.append(f'<td class="num" data-v="{share!r}">{percent(share, lang)}'
                             f' <span class="muted">({n})</span></td>')
            body.append(f'<tr><th scope="row"><a href="#{topic_anchor(t["topic"])}">'
                        f'{_e(t.get("name", ""))}</a></th>' + "".join(cells) + "</tr>")
        parts += ['<div class="table-wrap"><table class="sortable">',
                  f"<caption>{_e(say('group_table_caption', lang, column=column))}</caption>",
                  "<thead><tr>" + "".join(
                      f'<th scope="col"><button type="button">{_e(h)}</button></th>'
                      for h in head) + "</tr></thead>", "<tbody>", *body, "</tbody></table></div>",
                  f'<p class="note">{_every_one_in(f"topics_by_{part}.csv", lang)}'
                  + (f" {_e(say('groups_left_out', lang, shown=len(groups), total=len(sizes)))}"
                     if len(sizes) > len(groups) else "") + "</p>"]
        if f"topics_by_{part}" in figures:
            parts.append(figures[f"topics_by_{part}"])
        parts.append(_distinctive_html(facts, part, groups, lang))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _distinctive_html(facts: Facts, part: str, groups: list, lang: str) -> str:
    name = f"distinctive_by_{part}.csv"
    rows = read_rows(facts.tables_dir / name, facts.dialect)
    if not rows:
        return ""
    terms: dict = {}
    for r in rows:
        terms.setdefault(r.get("target", ""), []).append(
            (number(r.get("rank")) or 0, r.get("label", r.get("term", ""))))
    items = [f"<li><strong>{_e(g)}</strong>: "
             f"{_e(', '.join(label for _, label in sorted(terms[g])[:10]))}</li>"
             for g in groups if g in terms]
    return (f"<h4>{_e(say('distinctive_terms', lang))}</h4><ul>" + "".join(items)
            + f'</ul><p class="note">{_every_one_in(name, lang)}</p>')


def time_section_html(facts: Facts, lang: str = "en", figures: list[str] = ()) -> str:
    """Topic shares per period (with n per period), its figure and the themes over
    time; one sentence for an undated corpus."""
    parts = ['<section id="time">', f"<h2>{_e(say('time_heading', lang))}</h2>"]
    if not facts.over_time:
        if not figures:
            return ""
        parts += [*figures, "</section>"]
        return "\n".join(parts)
    periods: dict = {}
    for r in facts.over_time:
        periods.setdefault(r["period"], {})[r["topic"]] = r
    head = [say("col_period", lang), say("col_documents", lang),
            *[t.get("name", t["topic"]) for t in facts.topics]]
    body = []
    for period, by_topic in periods.items():
        n = next(iter(by_topic.values()))["n_documents"]
        first = next(iter(by_topic.values()))
        cells = [f'<td data-s="{_a(first.get("period_start", period))}">'
                 f"{_e(show_period(first, lang))}</td>", f'<td class="num">{_e(n)}</td>']
        for t in facts.topics:
            share = number(by_topic.get(t["topic"], {}).get("mean_share")) or 0.0
            cells.append(f'<td class="num" data-v="{share!r}">{percent(share, lang)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts += ['<div class="table-wrap"><table class="sortable wide">',
              "<thead><tr>" + "".join(
                  f'<th scope="col"><button type="button">{_e(h)}</button></th>'
                  for h in head) + "</tr></thead>", "<tbody>", *body, "</tbody></table></div>",
              f'<p class="note">{_every_one_in("topics_over_time.csv", lang)}</p>',
              *figures, "</section>"]
    return "\n".join(parts)
