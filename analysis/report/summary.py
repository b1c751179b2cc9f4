"""The Markdown summary of a run, and short display names for documents."""

from __future__ import annotations

import re

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


def doc_titles(corpus) -> dict:
    """Short display names for documents: id, language and title or first words."""
    names = {}
    for d in corpus:
        head = d.title or " ".join(d.clean.split()[:6]) + "…"
        names[d.doc_id] = f"{d.doc_id[:3]} · {d.language} · {head}"
    return names


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
        lines += ["## Files with problems", ""] + [f"- {md(p)}" for p in corpus.problems] + [""]
    lines += ["## Keywords per document", ""]
    titles = doc_titles(corpus)
    for doc_id, rows in result.by_document.groupby("group", sort=False):
        terms = ", ".join(rows.sort_values("rank")["label"].head(8))
        lines.append(f"- **{md(titles.get(doc_id, doc_id))}**: {md(terms)}")
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
    for _, row in result.doc_themes.iterrows():
        cells = " | ".join(f"{row[k]:.2f}" for k in [*labels, "other"])
        lines.append(f"| {md(names.get(row['doc_id'], row['doc_id']))} | {cells} |")
    trans = ["## Translation pairs", ""]
    for _, row in result.pairs.iterrows():
        extra = f", {row['matched_share']:.0%} of paragraphs matched" \
            if "matched_share" in row else ""
        trans.append(f"- {md(row['doc_a'])} ({row['lang_a']}) ↔ {md(row['doc_b'])} "
                     f"({row['lang_b']}): "
                     f"cosine {row['cosine']:.2f}{extra}")
    if len(result.pairs) == 0:
        trans.append("- none found")
    return [lines, trans]
