"""Keyword figures."""

from __future__ import annotations

import math

import pandas as pd

from analysis.report.style import PALETTE, new_figure, styled, title_text
from analysis.report.wording import say
from analysis.text.width import display_width, fill_to_width, shorten_to_width, wrap_to_width


def _short(label: str, width: int = 28) -> str:
    """``label`` cut to ``width`` columns (a Chinese character takes two) with an
    ellipsis."""
    return shorten_to_width(str(label), width)


def _two_lines(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` columns, on two lines at most (an ellipsis
    ends what does not fit)."""
    lines = wrap_to_width(str(text), width) or [""]
    if len(lines) > 2:
        # the text after the first line: a break between Chinese characters drops
        # no space, so the lines are not joined with one
        flat = " ".join(str(text).split())
        rest = (" ".join(lines[1:]) if display_width(flat) == len(flat)
                else flat[len(lines[0]):].lstrip())
        lines = [lines[0], _short(rest, width)]
    return "\n".join(lines)


@styled
def keyword_bars(table: pd.DataFrame, title: str, group_titles: dict | None = None,
                 ncols: int = 2, xlabel: str | None = None, lang: str = "en",
                 shared_scale: bool = True):
    """Horizontal bar charts of the top terms, one panel per group, on one x scale
    (so bars compare across panels), or with ``shared_scale=False`` each panel on
    its own (so a panel of small weights shows its bars, not slivers).

    ``table`` is :func:`analysis.keywords.tfidf.keywords_by_group` output.
    """
    groups = list(dict.fromkeys(table["group"]))
    ncols = min(ncols, len(groups)) or 1
    nrows = math.ceil(len(groups) / ncols)
    top_n = int(table["rank"].max()) if len(table) else 1
    fig, axes = new_figure(height=0.35 + nrows * (0.7 + 0.17 * top_n), nrows=nrows,
                           ncols=ncols, squeeze=False, sharex=shared_scale)
    for k, ax in enumerate(axes.flat):
        if k >= len(groups):
            ax.set_visible(False)
            continue
        group = groups[k]
        rows = table[table["group"] == group].sort_values("rank")
        ax.barh(range(len(rows)), rows["score"], color=PALETTE[k % len(PALETTE)])
        ax.set_yticks(range(len(rows)), [_short(x) for x in rows["label"]])
        ax.invert_yaxis()
        name = (group_titles or {}).get(group, group)
        ax.set_title(_two_lines(name, 60 if ncols == 1 else 28), loc="left")
        ax.set_xlabel(xlabel or say("mean_tfidf", lang))
        ax.xaxis.set_tick_params(labelbottom=True)
        ax.tick_params(axis="y", length=0)
    fig.suptitle(fill_to_width(title, 72))
    return fig


@styled
def length_bars(corpus, names: dict, title: str | None = None, lang: str = "en"):
    """Words per document after cleaning, coloured by language."""
    docs = list(corpus)[:40]
    langs = sorted({d.language or "und" for d in docs})
    colour = {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(langs)}
    fig, ax = new_figure(height=0.8 + 0.28 * len(docs))
    ax.barh(range(len(docs)), [len(d.clean.split()) for d in docs],
            color=[colour[d.language or "und"] for d in docs])
    ax.set_yticks(range(len(docs)), [_short(names.get(d.doc_id, d.doc_id), 44) for d in docs])
    ax.invert_yaxis()
    ax.set_xlabel(say("words_after_cleaning", lang))
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=colour[code], label=say("language_panel", lang, language=code))
                       for code in langs], frameon=False, loc="lower right")
    ax.set_title(title_text(title or say("document_length", lang)), loc="left", wrap=True)
    return fig
