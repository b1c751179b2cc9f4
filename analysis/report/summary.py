"""The Markdown summary of a run, and short display names for documents."""

from __future__ import annotations

import re

from analysis.report.wording import PHRASES, say
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


def _more(n_shown: int, n_all: int, what: str, table: str, lang: str = "en") -> list[str]:
    if n_all <= n_shown:
        return []
    return ["- " + say("sum_more", lang, n=n_all - n_shown, what=what, table=table)]


def _counts(series) -> str:
    return ", ".join(f"{k}: {v}" for k, v in series.value_counts().sort_index().items())


def summary_markdown(corpus, result, extra_sections=(), lang: str = "en") -> str:
    """The run's summary in ``lang``: the corpus in a few lines, then what was
    found (``extra_sections``: the topics, themes and translations of
    :func:`summary_sections`), the keywords, files with problems, and last how the
    topics were made (a section headed :func:`method_heading`). Parts with nothing
    to show are left out."""
    units = result.units
    many = units["language"].nunique() > 1
    lines = [
        f"# {say('sum_title', lang)}", "",
        f"- {say('sum_corpus', lang)}{md(corpus.source)}",
        "- " + say("sum_documents", lang, n=len(corpus), problems=len(corpus.problems)),
        "- " + say("sum_units", lang, n=len(units))
        + (f" ({_counts(units['language'])})" if many else ""),
        "",
    ]
    method = [s for s in extra_sections if s and s[0] == f"## {method_heading(lang)}"]
    for section in extra_sections:
        if section not in method:
            lines += [*section, ""]
    if many:
        lines += [f"## {say('sum_keywords_language', lang)}", ""]
        for code, rows in result.by_language.groupby("group", sort=False):
            terms = ", ".join(rows.sort_values("rank")["label"].head(10))
            lines.append(f"- **{md(code)}**: {md(terms)}")
        lines.append("")
    lines += [f"## {say('sum_keywords_document', lang)}", ""]
    titles = doc_titles(corpus)
    from analysis.report.topic_tables import newest_first

    by_doc = dict(list(result.by_document.groupby("group", sort=False)))
    groups = [(d, by_doc[d]) for d in newest_first(corpus) if d in by_doc]
    for doc_id, rows in groups[:SUMMARY_DOCUMENTS]:
        terms = ", ".join(rows.sort_values("rank")["label"].head(8))
        lines.append(f"- **{md(titles.get(doc_id, doc_id))}**: {md(terms)}")
    lines += _more(SUMMARY_DOCUMENTS, len(groups), say("what_documents", lang),
                   "keywords_by_document.csv", lang)
    if corpus.problems:
        shown = corpus.problems[:SUMMARY_PROBLEMS]
        lines += ["", f"## {say('sum_problems', lang)}", ""] + [f"- {md(p)}" for p in shown]
        lines += _more(len(shown), len(corpus.problems), say("sum_what_problems", lang),
                       "problems.csv", lang)
    for section in method:
        lines += ["", *section]
    return "\n".join(lines).rstrip("\n") + "\n"


def method_heading(lang: str = "en") -> str:
    return say("sum_method", lang)


def side_by_side(doc, chars: int = 400):
    """The start of a document's original and cleaned text, as a two-column table."""
    import pandas as pd

    def cut(text):
        return [p.strip() for p in text[:chars].split("\n") if p.strip()]

    original, cleaned = cut(doc.text), cut(doc.clean)
    n = max(len(original), len(cleaned))
    return pd.DataFrame({"original": original + [""] * (n - len(original)),
                         "cleaned": cleaned + [""] * (n - len(cleaned))})


def topic_summary_section(topic_info, lang: str = "en",
                          documents: dict | None = None) -> list[str]:
    """The summary's topics section: largest first, with their units and, given
    ``documents`` (``{topic: documents whose main topic it is}``), their documents."""
    info = topic_info.sort_values(["count", "topic"], ascending=[False, True], kind="stable")
    lines = [f"## {say('sum_topics', lang)}", ""]
    for _, row in info.iterrows():
        size = say("sum_topic_units", lang, n=row["count"])
        if documents is not None:
            size = say("sum_topic_size", lang, docs=documents.get(row["topic"], 0),
                       n=row["count"])
        lines.append(f"- **{md(row['name'])}** ({size})")
    return lines


def with_section(summary: str, section: list[str]) -> str:
    """``summary`` with its section headed like ``section`` replaced by it."""
    lines = summary.splitlines()
    if section[0] not in lines:
        return summary
    start = lines.index(section[0])
    stop = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                len(lines))
    return "\n".join([*lines[:start], *section, "", *lines[stop:]]) + "\n"


def summary_sections(result, names: dict, lang: str = "en",
                     documents: dict | None = None) -> list[list[str]]:
    """The topics (largest first, with their units and, given ``documents`` —
    ``{topic: documents whose main topic it is}`` — their documents), the mean
    theme shares, the translation pairs (left out when there are none) and how
    the topics were made, as Markdown sections in ``lang``."""
    labels = result.theme_labels
    sections = [topic_summary_section(result.topic_info, lang, documents)]
    if labels and len(result.doc_themes):
        from analysis.report.theme_outputs import theme_summary_lines

        sections.append([f"## {say('sum_themes', lang)}", "",
                         *theme_summary_lines(result, lang, names)])
    if len(result.pairs):
        trans = [f"## {say('sum_pairs', lang)}", ""]
        for _, row in result.pairs.head(SUMMARY_DOCUMENTS).iterrows():
            extra = (say("sum_matched", lang, share=_decimal(row["matched_share"] * 100, lang,
                                                              0))
                     if "matched_share" in row else "")
            trans.append(f"- {md(names.get(row['doc_a'], row['doc_a']))} ({row['lang_a']}) ↔ "
                         f"{md(names.get(row['doc_b'], row['doc_b']))} ({row['lang_b']}): "
                         f"{say('sum_cosine', lang)} {_decimal(row['cosine'], lang)}{extra}")
        trans += _more(SUMMARY_DOCUMENTS, len(result.pairs), say("sum_what_pairs", lang),
                       "translation_pairs.csv", lang)
        sections.append(trans)
    sections.append([f"## {method_heading(lang)}", "",
                     f"{say('sum_topic_model', lang)} {md(result.choice)}."])
    return sections


def _decimal(value: float, lang: str = "en", decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "fr" else text


SUMMARY_TITLES = {code: PHRASES[code]["sum_title"] for code in PHRASES}


def summary_language(summary: str) -> str:
    """The language ``summary`` is written in, from its title line."""
    first = summary.lstrip().split("\n", 1)[0].lstrip("# ").strip()
    return next((lang for lang, title in SUMMARY_TITLES.items() if title == first), "en")


def digest(summary: str, path) -> str:
    """What the command line prints: the summary's opening lines and its topics,
    then where the whole summary is (its per-document detail stays in the file)."""
    lines = summary.splitlines()
    lang = summary_language(summary)
    head = []
    for line in lines[2:]:
        if line.startswith("## "):
            break
        head.append(line)
    topics = []
    heading = f"## {say('sum_topics', lang)}"
    if heading in lines:
        for line in lines[lines.index(heading) + 2:]:
            if line.startswith("## "):
                break
            topics.append(line)
    body = [_plain(ln) for ln in [*head, *([say("sum_topics", lang) + ":", *topics]
                                          if topics else [])]]
    return "\n".join([ln for ln in body if ln.strip()]
                     + [say("sum_full", lang, path=path)])


def _plain(line: str) -> str:
    """A line of the summary as plain text for a terminal (no Markdown escapes)."""
    import html

    return html.unescape(re.sub(r"\\(.)", r"\1", line.replace("**", "")))
