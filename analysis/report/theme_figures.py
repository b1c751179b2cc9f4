"""Figures for themes, all on fixed scales that mean the same on every corpus: each
document's confidence that it is about each theme (0 to 1), the share of its units
about each theme (0 to 1), the share of documents about each theme per language or
per date (0 to 1); and, for a corpus about none of the themes, one sentence instead
of a table of zeros. Their words come from the caller (see
:mod:`analysis.report.theme_outputs`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report.style import PALETTE, new_figure, styled, title_text
from analysis.report.topic_figures import _CONCISE, SHARE_DECIMALS, _wrap
from analysis.report.wording import format_date, say
from analysis.text.width import fill_to_width

# The mark drawn in a heatmap cell whose theme is found
FOUND_MARK = "\u2713"


@styled
def theme_share_bars(values: pd.DataFrame, labels: dict, names: dict, title: str,
                     axis_label: str, lang: str = "en"):
    """One group of bars per row (document or language), one bar per theme, each on
    its own from 0 to 1 (themes do not compete: the bars need not sum to 1)."""
    keys = list(labels)
    n = len(values)
    fig, ax = new_figure(height=1.0 + 0.22 * n * max(1, len(keys)) ** 0.5 + 0.2 * len(keys))
    y = np.arange(n, dtype=float)
    height = 0.8 / max(1, len(keys))
    for i, key in enumerate(keys):
        data = values[key].to_numpy(dtype=float).round(SHARE_DECIMALS)
        ax.barh(y - 0.4 + height * (i + 0.5), data, height=height,
                color=PALETTE[i % len(PALETTE)], label=labels[key])
    ax.set_yticks(y, [_wrap(names.get(d, d), 44) for d in values["doc_id"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(axis_label)
    ax.set_title(title_text(title), loc="left", wrap=True)
    ax.legend(ncols=min(2, len(keys)), loc="upper center",
              bbox_to_anchor=(0.5, -0.12 if n < 8 else -0.05), frameon=False)
    return fig


# the old name: the bars are no longer stacked (themes do not compete)
theme_stacked_bars = theme_share_bars


@styled
def theme_heatmap(values: pd.DataFrame, labels: dict, names: dict, title: str,
                  colour_label: str, lang: str = "en", found: pd.DataFrame | None = None):
    """Row x theme heatmap of values from 0 to 1 on a fixed colour scale (0 to 1 on
    every corpus), the value in each cell, and a mark where ``found`` is true."""
    keys = list(labels)
    data = values[keys].to_numpy(dtype=float).round(SHARE_DECIMALS)
    fig, ax = new_figure(height=1.2 + 0.3 * len(values))
    image = ax.imshow(data, cmap="cividis", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(keys)), [fill_to_width(labels[k], 16) for k in keys])
    ax.set_yticks(range(len(values)), [_wrap(names.get(d, d), 44) for d in values["doc_id"]])
    marks = found[keys].to_numpy(dtype=bool) if found is not None else np.zeros_like(data, bool)
    for (r, c), v in np.ndenumerate(data):
        # cut, not rounded, to two decimals: a value shown as 0.50 or more is found
        text = f"{np.floor(v * 100) / 100:.2f}" + (f" {FOUND_MARK}" if marks[r, c] else "")
        ax.text(c, r, text, ha="center", va="center", fontsize=7,
                color="white" if v < 0.6 else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label=colour_label, shrink=0.8)
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig


@styled
def theme_statement(sentence: str, title: str):
    """A figure that says one sentence (a corpus about none of the themes)."""
    fig, ax = new_figure(height=1.4)
    ax.axis("off")
    ax.text(0.0, 0.5, title_text(sentence), ha="left", va="center", wrap=True,
            transform=ax.transAxes)
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig


@styled
def themes_over_time(doc_themes: pd.DataFrame, labels: dict, title: str, lang: str = "en",
                     axis_label: str | None = None):
    """Share of the documents of each date found about each theme (0 to 1; documents
    with a date only), with the number of documents behind each date under it and in
    the title."""
    fig, ax = new_figure(height=3.0)
    import datetime as dt

    import matplotlib.dates as mdates

    dated = doc_themes.dropna(subset=["date"])
    flags = dated[[f"{k}_found" for k in labels]].astype(float)
    flags.columns = list(labels)
    grouped = flags.groupby(dated["date"])
    frame = grouped.mean().sort_index().round(SHARE_DECIMALS)
    sizes = grouped.size().reindex(frame.index)
    # drawn as matplotlib's day numbers from Python dates, which hold any date from
    # year 1 to 9999 (pandas' nanosecond timestamps stop at 2262)
    days = [dt.date.fromisoformat(str(d)[:10]) for d in frame.index]
    dates = np.asarray(mdates.date2num(days), dtype=float)
    for i, key in enumerate(labels):
        ax.plot(dates, frame[key], marker="o", color=PALETTE[i % len(PALETTE)],
                label=labels[key], clip_on=False, zorder=3)
    ax.xaxis_date()
    ax.set_ylim(0, 1)
    # the x axis is moved down a little, so a theme at 0 is seen, not hidden by it
    ax.spines["bottom"].set_position(("outward", 6))
    ax.set_ylabel(axis_label or say("mean_theme_share", lang))
    ax.set_xlabel(say("publication_date", lang))
    first, last = mdates.date2num([dt.date(1, 1, 1), dt.date(9999, 12, 31)])
    if len(dates) <= 12:  # few dates: a tick on each, as a day (no hours), with n
        ax.set_xticks(dates, [f"{format_date(d, lang)}\nn = {k}"
                              for d, k in zip(days, sizes)])
        pad = max(1, (dates.max() - dates.min()) * 0.05)
        ax.set_xlim(max(first, dates.min() - pad), min(last, dates.max() + pad))
    else:  # matplotlib's own 5 % margins, kept inside the years it can draw
        pad = (dates.max() - dates.min()) * 0.05
        ax.set_xlim(max(first, dates.min() - pad), min(last, dates.max() + pad))
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, **_CONCISE.get(
            lang, {})))
    ax.legend(frameon=False)
    ax.set_title(title_text(title + say("dated", lang, n=len(dated), dates=len(dates))),
                 loc="left", wrap=True)
    return fig


# Date ticks past 12 dates, in Chinese: numbers with 年, 月 and 日 (the default ticks
# use English month names, from the C locale)


@styled
def confidence_against_labels(confidence, truth, title: str, labels: tuple[str, str],
                              axis_label: str, rank_label: str = "documents, most confident first"):
    """Each labelled document's confidence (0 to 1, fixed scale), sorted, marked by
    its label (``labels``: the names of 'about it' and 'not about it'), with the 0.5
    line at which a theme is found; ``rank_label`` names the x axis."""
    confidence = np.asarray(confidence, dtype=float)
    truth = np.asarray(truth, dtype=bool)
    order = np.argsort(-confidence, kind="stable")
    fig, ax = new_figure(height=2.8)
    x = np.arange(len(order))
    for flag, marker, colour, name in ((True, "o", PALETTE[0], labels[0]),
                                       (False, "x", PALETTE[1], labels[1])):
        pick = truth[order] == flag
        ax.scatter(x[pick], confidence[order][pick], marker=marker, color=colour, label=name,
                   zorder=3)
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_xlabel(rank_label)
    ax.set_ylabel(axis_label)
    ax.legend(frameon=False, loc="lower left")
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig
