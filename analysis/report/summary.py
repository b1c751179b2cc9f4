"""The Markdown summary of a run, and short display names for documents."""

from __future__ import annotations

import re

from analysis.text.width import display_width, shorten_to_width

# Markdown's inline punctuation: a title or a term holding one is shown as written,
# not as emphasis, a link, code, a table cell or strike-through.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~#])")


def md(text) -> str:
    """``text`` safe inside a line of Markdown: HTML tags and entities shown as
    written (``<script>`` cannot run in a renderer that allows HTML), Markdown
    punctuation escaped, one line."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


# Longest document label, in characters, before it is cut with an ellipsis.
LABEL_CHARS = 48
# Lines of per-document detail in summary.md; the CSVs hold every document.
SUMMARY_DOCUMENTS = 40
SUMMARY_PROBLEMS = 40


def shorten(text: str, chars: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis past ``chars``
    columns (a Chinese character is two: :mod:`analysis.text.width`)."""
    text = " ".join(str(text).split())
    if display_width(text) != len(text):  # wide (CJK) characters count two columns
        return shorten_to_width(text, chars)
    if len(text) <= chars:
        return text
    cut = text[:chars - 1].rsplit(" ", 1)[0] if " " in text[:chars - 1] else text[:chars - 1]
    return cut.rstrip(" ,;:-") + "…"


def doc_titles(corpus) -> dict:
    """Unique, readable labels for documents: the title (else the opening words,
    else the file name), shortened with an ellipsis; labels that would repeat get
    their id in brackets."""
    labels = {d.doc_id: shorten(d.title or d.clean or d.doc_id.rsplit("/", 1)[-1])
              for d in corpus}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {doc_id: label if counts[label] == 1 else f"{label} [{shorten(doc_id, 24)}]"
            for doc_id, label in labels.items()}


def _more(n_shown: int, n_all: int, what: str, table: str) -> list[str]:
    if n_all <= n_shown:
        return []
    return [f"- … and {n_all - n_shown} more {what}: see `tables/{table}`"]


def _counts(series) -> str:
    return ", ".join(f"{k}: {v}" for k, v in series.value_counts().sort_index().items())


def summary_markdown(corpus, result, extra_sections=()) -> str:
    units = result.units
    lines = [
        "# Corpus summary", "",
        f"- Corpus: {md(corpus.source)}",
        f"- Documents analysed: {len(corpus)}; skipped or flagged files: {len(corpus.problems)}",
        f"- Units: {len(units)} ({_counts(units['language'])})",
        "",
    ]
    if corpus.problems:
        shown = corpus.problems[:SUMMARY_PROBLEMS]
        lines += ["## Files with problems", ""] + [f"- {md(p)}" for p in shown]
        lines += _more(len(shown), len(corpus.problems), "problems", "problems.csv") + [""]
    lines += ["## Keywords per document", ""]
    titles = doc_titles(corpus)
    groups = list(result.by_document.groupby("group", sort=False))
    for doc_id, rows in groups[:SUMMARY_DOCUMENTS]:
        terms = ", ".join(rows.sort_values("rank")["label"].head(8))
        lines.append(f"- **{md(titles.get(doc_id, doc_id))}**: {md(terms)}")
    lines += _more(SUMMARY_DOCUMENTS, len(groups), "documents", "keywords_by_document.csv")
    lines += ["", "## Keywords per language", ""]
    for lang, rows in result.by_language.groupby("group", sort=False):
        terms = ", ".join(rows.sort_values("rank")["label"].head(10))
        lines.append(f"- **{md(lang)}**: {md(terms)}")
    for section in extra_sections:
        lines += ["", *section]
    return "\n".join(lines) + "\n"


def side_by_side(doc, chars: int = 400):
    """The start of a document's original and cleaned text, as a two-column table."""
    import pandas as pd

    def cut(text):
        return [p.strip() for p in text[:chars].split("\n") if p.strip()]

    original, cleaned = cut(doc.text), cut(doc.clean)
    n = max(len(original), len(cleaned))
    return pd.DataFrame({"original": original + [""] * (n - len(original)),
                         "cleaned": cleaned + [""] * (n - len(cleaned))})


def summary_sections(result, names: dict) -> list[list[str]]:
    labels = result.theme_labels
    lines = ["## Topics", "", f"Topic model: {md(result.choice)}.", ""]
    for _, row in result.topic_info.iterrows():
        lines.append(f"- **{md(row['name'])}** ({row['count']} units)")
    lines += ["", "## Themes per document", "",
              "| document | " + " | ".join(md(v) for v in labels.values()) + " | other |",
              "|---|" + "---|" * (len(labels) + 1)]
    for _, row in result.doc_themes.head(SUMMARY_DOCUMENTS).iterrows():
        cells = " | ".join(f"{row[k]:.2f}" for k in [*labels, "other"])
        lines.append(f"| {md(names.get(row['doc_id'], row['doc_id']))} | {cells} |")
    if len(result.doc_themes) > SUMMARY_DOCUMENTS:
        overall = result.doc_themes[[*labels, "other"]].mean()
        cells = " | ".join(f"{overall[k]:.2f}" for k in [*labels, "other"])
        lines += ["", *_more(SUMMARY_DOCUMENTS, len(result.doc_themes), "documents",
                             "document_themes.csv"),
                  "", f"Mean over all {len(result.doc_themes)} documents:", "",
                  "| | " + " | ".join(md(v) for v in labels.values()) + " | other |",
                  "|---|" + "---|" * (len(labels) + 1), f"| all | {cells} |"]
    trans = ["## Translation pairs", ""]
    for _, row in result.pairs.head(SUMMARY_DOCUMENTS).iterrows():
        extra = f", {row['matched_share']:.0%} of paragraphs matched" \
            if "matched_share" in row else ""
        trans.append(f"- {md(row['doc_a'])} ({row['lang_a']}) ↔ {md(row['doc_b'])} "
                     f"({row['lang_b']}): "
                     f"cosine {row['cosine']:.2f}{extra}")
    trans += _more(SUMMARY_DOCUMENTS, len(result.pairs), "pairs", "translation_pairs.csv")
    if len(result.pairs) == 0:
        trans.append("- none found")
    return [lines, trans]


def digest(summary: str, path) -> str:
    """What the command line prints: the summary's opening lines and its topics,
    then where the whole summary is (its per-document detail stays in the file)."""
    lines = summary.splitlines()
    head = []
    for line in lines[2:]:
        if line.startswith("## "):
            break
        head.append(line)
    topics = []
    if "## Topics" in lines:
        for line in lines[lines.index("## Topics") + 2:]:
            if line.startswith("## "):
                break
            topics.append(line)
    body = [_plain(ln) for ln in [*head, *(["Topics:", *topics] if topics else [])]]
    return "\n".join([ln for ln in body if ln.strip()] + [f"Full summary: {path}"])


def _plain(line: str) -> str:
    """A line of the summary as plain text for a terminal (no Markdown escapes)."""
    import html

    return html.unescape(re.sub(r"\\(.)", r"\1", line.replace("**", "")))
