"""What the notebooks share: their set-up, and the "what we found" cells.

Each notebook starts with a ``parameters`` cell (papermill's convention:
``papermill -p CORPUS my.csv``) and then calls :func:`setup`; it ends with a
finding written from its own results by one of the ``*_findings`` functions, so the
conclusion stays true when the corpus changes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from analysis import config


class Finding(str):
    """Markdown text that Jupyter shows as Markdown."""

    def _repr_markdown_(self) -> str:
        return str(self)


@dataclass(frozen=True)
class NotebookSettings:
    corpus: Path
    text_column: str
    themes: str | None
    bundled: bool
    figures: Path


def setup(corpus, text_column: str = "text", themes=None) -> NotebookSettings:
    """The notebook's settings, from its parameters and the environment
    (``ANALYSIS_CORPUS``, ``ANALYSIS_TEXT_COLUMN``, ``ANALYSIS_THEMES``,
    ``ANALYSIS_FIGURES_DIR``), and pandas' display options.

    Figures of the bundled corpus go to ``figures/`` (committed with the
    notebooks); those of another corpus to ``output/notebook_figures``.
    """
    import pandas as pd

    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 60)
    pd.set_option("display.precision", 3)
    corpus = Path(os.environ.get("ANALYSIS_CORPUS", corpus))
    text_column = os.environ.get("ANALYSIS_TEXT_COLUMN", text_column)
    themes = os.environ.get("ANALYSIS_THEMES", themes)
    bundled = corpus.resolve() == config.CORPUS_DIR.resolve()
    figures = Path(os.environ.get("ANALYSIS_FIGURES_DIR") or (
        config.FIGURES_DIR if bundled else config.OUTPUT_DIR / "notebook_figures"))
    return NotebookSettings(corpus, text_column, themes, bundled, figures)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _languages(values) -> str:
    import pandas as pd

    counts = pd.Series(list(values)).value_counts()
    return ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items(),
                                                          key=lambda x: (-x[1], x[0])))


def corpus_findings(corpus, units) -> Finding:
    """What notebook 1 found: size, languages, dates, cleaning and problems."""
    docs = list(corpus)
    dates = sorted(d.date for d in docs if d.date)
    removed = sum(len(d.removed) for d in docs)
    lines = [
        "## What we found",
        "",
        f"- {_count(len(docs), 'document')} (languages: {_languages(d.language for d in docs)})"
        f", cut into {_count(len(units), 'unit')}.",
        f"- Dated: {len(dates)} of {len(docs)}"
        + (f", from {dates[0].isoformat()} to {dates[-1].isoformat()}." if dates else "."),
        f"- Cleaning removed {_count(removed, 'piece')} of boilerplate (datelines, links, "
        "repeated tokens); each is listed above with its rule.",
        f"- Files skipped or flagged: {len(corpus.problems)}"
        + (" (named above, with what to do)." if corpus.problems else "."),
    ]
    return Finding("\n".join(lines))


def keyword_findings(kw, names: dict, per_language: int = 5) -> Finding:
    """What notebook 2 found: each language's leading keywords and the document
    with the most distinctive term."""
    lines = ["## What we found", ""]
    for lang, rows in kw.by_language.groupby("group", sort=True):
        top = ", ".join(f"*{label}*" for label in rows.sort_values("rank")["label"]
                        .head(per_language))
        lines.append(f"- In {lang} ({_count(int(rows['n_units'].iloc[0]), 'unit')}): {top}.")
    if len(kw.distinctive):
        best = kw.distinctive.sort_values(["z", "target"], ascending=[False, True]).iloc[0]
        lines.append(f"- The most distinctive term of any document is *{best['label']}* "
                     f"(z = {best['z']:.1f}) in “{names.get(best['target'], best['target'])}”.")
    return Finding("\n".join(lines))


def topic_findings(result) -> Finding:
    """What notebook 3 found: the topics, the largest, and the translations."""
    info = result.topic_info.sort_values(["count", "topic"], ascending=[False, True])
    lines = ["## What we found", "",
             f"- {_count(len(info), 'topic')} ({result.choice})."]
    for _, row in info.head(3).iterrows():
        units = _count(int(row["count"]), "unit")
        lines.append(f"- Topic {row['topic']}: {row['name']} — {units}.")
    lines.append(f"- {_count(len(result.pairs), 'translation pair')} across languages.")
    return Finding("\n".join(lines))
