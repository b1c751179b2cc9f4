"""The theme outputs' words, summary lines and notebook findings.

Tables: ``unit_themes.csv`` (each unit: ``<key>_found``, ``<key>_confidence``, its
cosine to the theme and the specific terms it names), ``document_themes.csv`` (each
document: ``<key>_found``, ``<key>_confidence`` and ``<key>_share``, the word-weighted
share of its units about the theme) and ``theme_explanations.csv`` (each document and
theme: the passage that most supports the answer, the terms, and why).

Figures, on fixed scales: ``theme_heatmap`` shows each document's confidence (0 to 1,
a mark where the theme is found), ``theme_shares_by_document`` the share of each
document's units about each theme (0 to 1); past
:data:`analysis.report.outputs.MAX_THEME_FIGURE_DOCUMENTS` documents, both show the
share of each language's documents found about each theme. ``themes_over_time``
shows the share of each date's documents about each theme. When no document is about
any theme, the figures say so in one sentence instead. They are declared, with the
tables, in :mod:`analysis.report.outputs`; this module holds the themes' own words
and the summary's lines.
"""

from __future__ import annotations

import pandas as pd

# The theme figures' own words, per report language.
WORDS = {
    "en": {
        "confidence_title": "Is each document about each theme? (✓ found)",
        "confidence_colour": "confidence (0–1)",
        "share_title": "How much of each document is about each theme",
        "share_axis": "share of the document's words in units about the theme (0–1)",
        "flagged_title": "Share of documents about each theme, per language ({n} documents)",
        "flagged_axis": "share of the documents found about the theme (0–1)",
        "over_time": "Share of documents about each theme over time",
        "none_found": "None of the {n} documents is about {themes}: this corpus is about "
                      "something else.",
        "and": " or ",
        "summary_line": "**{label}**: found in {found} of {n} documents ({rate}); on "
                        "average {share} of a document's words are in passages about it",
        "summary_best": "; most confident: “{title}” ({confidence})",
        "summary_note": "Each theme is found or not on its own (a document can be about "
                        "several, or none); per document: `tables/document_themes.csv`, "
                        "the passage behind each answer: `tables/theme_explanations.csv`.",
    },
    "fr": {
        "confidence_title": "Chaque document traite-t-il de chaque thème ? (✓ trouvé)",
        "confidence_colour": "confiance (0–1)",
        "share_title": "Part de chaque document consacrée à chaque thème",
        "share_axis": "part des mots du document dans des unités sur le thème (0–1)",
        "flagged_title": "Part des documents qui traitent de chaque thème, par langue "
                         "({n} documents)",
        "flagged_axis": "part des documents qui traitent du thème (0–1)",
        "over_time": "Part des documents qui traitent de chaque thème dans le temps",
        "none_found": "Aucun des {n} documents ne traite de {themes} : ce corpus parle "
                      "d'autre chose.",
        "and": " ni de ",
        "summary_line": "**{label}** : trouvé dans {found} des {n} documents ({rate}) ; en "
                        "moyenne {share} des mots d'un document sont dans des passages "
                        "sur ce thème",
        "summary_best": " ; le plus sûr : « {title} » ({confidence})",
        "summary_note": "Chaque thème est trouvé ou non indépendamment (un document peut en "
                        "traiter plusieurs, ou aucun) ; par document : "
                        "`tables/document_themes.csv`, le passage qui fonde chaque réponse : "
                        "`tables/theme_explanations.csv`.",
    },
    "zh": {
        "confidence_title": "各文档是否涉及各主题？（✓ 表示涉及）",
        "confidence_colour": "置信度（0–1）",
        "share_title": "各文档涉及各主题的比例",
        "share_axis": "涉及该主题的单元占文档词数的比例（0–1）",
        "flagged_title": "各语言中涉及各主题的文档比例（共 {n} 个文档）",
        "flagged_axis": "涉及该主题的文档比例（0–1）",
        "over_time": "各主题文档比例随时间的变化",
        "none_found": "{n} 个文档均不涉及{themes}：该语料的内容与这些主题无关。",
        "and": "、",
        "summary_line": "**{label}**：{n} 个文档中有 {found} 个涉及（{rate}）；平均每个文档"
                        "有 {share} 的词位于涉及该主题的段落",
        "summary_best": "；置信度最高：“{title}”（{confidence}）",
        "summary_note": "每个主题单独判断（一个文档可涉及多个主题，也可都不涉及）；各文档见 "
                        "`tables/document_themes.csv`，每个判断所依据的段落见 "
                        "`tables/theme_explanations.csv`。",
    },
}


def words(key: str, lang: str, **values) -> str:
    """A theme figure's words in ``lang`` (English where the language has none)."""
    text = WORDS.get(lang, WORDS["en"]).get(key, WORDS["en"][key])
    return text.format(**values) if values else text


def themes_statement(result, lang: str = "en") -> str | None:
    """One sentence when no document is about any theme, else ``None``."""
    labels = theme_labels_in(result, lang)
    doc = result.doc_themes
    if any(doc[f"{k}_found"].astype(bool).any() for k in labels):
        return None
    return words("none_found", lang, n=len(doc),
                 themes=words("and", lang).join(labels.values()))


def theme_summary_lines(result, lang: str = "en", names: dict | None = None) -> list[str]:
    """Markdown lines for a summary: per theme, how many documents are about it, the
    mean share of their words about it, and the most confident document; or the one
    sentence of a corpus about none of the themes."""
    statement = themes_statement(result, lang)
    if statement is not None:
        return [statement]
    doc = result.doc_themes
    n = len(doc)
    lines = []
    for key, label in theme_labels_in(result, lang).items():
        found = int(doc[f"{key}_found"].astype(bool).sum())
        line = "- " + words("summary_line", lang, label=label, found=found, n=n,
                            rate=f"{found / n:.0%}" if n else "–",
                            share=f"{doc[f'{key}_share'].mean():.0%}")
        if found:
            best = doc.loc[doc[f"{key}_confidence"].idxmax()]  # the first maximum
            title = (names or {}).get(best["doc_id"], best["doc_id"])
            line += words("summary_best", lang, title=title,
                          confidence=f"{best[f'{key}_confidence']:.2f}")
        lines.append(line)
    return [*lines, "", words("summary_note", lang)]


def theme_findings(result, names: dict | None = None, lang: str = "en"):
    """What notebook 4 found, as Markdown a notebook shows (see
    :func:`theme_summary_lines`)."""
    from analysis.report.notebook import Finding

    return Finding("\n".join(["## What we found", "", *theme_summary_lines(result, lang,
                                                                          names)]))


def detection_findings(truth, found, label: str):
    """What a labelled check of one theme found: precision and recall, as Markdown."""
    from analysis.report.notebook import Finding

    truth = pd.Series(truth, dtype=bool).to_numpy()
    found = pd.Series(found, dtype=bool).to_numpy()
    hits = int((truth & found).sum())
    precision = hits / found.sum() if found.sum() else float("nan")
    recall = hits / truth.sum() if truth.sum() else float("nan")
    return Finding("\n".join([
        "## What we found", "",
        f"- **{label}**: {int(found.sum())} of {len(found)} documents found; "
        f"{hits} of the {int(truth.sum())} about it.",
        f"- Precision {precision:.2f} (the share of those found that are about it), "
        f"recall {recall:.2f} (the share of those about it that are found)."]))


def theme_names_in(result, lang: str) -> dict:
    """``{label as the tables write it: label in lang}`` (``topic_info.csv``'s
    closest theme is written with the theme's default label)."""
    shown = theme_labels_in(result, lang)
    return {label: shown[key] for key, label in result.theme_labels.items()}


def theme_labels_in(result, lang: str) -> dict:
    """The theme labels in ``lang`` where the themes file gives them
    (``label.fr = "..."``), else their default labels."""
    translated = result.theme_label_languages.get(lang, {})
    return {key: translated.get(key, label) for key, label in result.theme_labels.items()}
