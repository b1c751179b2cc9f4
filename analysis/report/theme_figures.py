"""Figures for themes: shares per document or language, and over time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report.style import PALETTE, new_figure, styled, title_text
from analysis.report.topic_figures import _CONCISE, OTHER_COLOUR, SHARE_DECIMALS, _wrap
from analysis.report.wording import format_date, say
from analysis.text.width import fill_to_width


@styled
def theme_stacked_bars(shares: pd.DataFrame, labels: dict, names: dict, title: str,
                       lang: str = "en"):
    """Theme shares per document (rows), stacked to 1 with the 'other' remainder."""
    keys = [k for k in labels]
    fig, ax = new_figure(height=0.9 + 0.32 * len(shares))
    left = np.zeros(len(shares))
    y = np.arange(len(shares))
    for i, key in enumerate([*keys, "other"]):
        values = shares[key].to_numpy().round(SHARE_DECIMALS)
        colour = OTHER_COLOUR if key == "other" else PALETTE[i % len(PALETTE)]
        ax.barh(y, values, left=left, color=colour, label=labels.get(key, say("other", lang)),
                edgecolor="white", linewidth=0.5)
        left += values
    ax.set_yticks(y, [_wrap(names.get(d, d), 44) for d in shares["doc_id"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(say("share_of_words", lang))
    ax.set_title(title_text(title), loc="left", wrap=True)
    if len(shares) < 4:  # a short figure: the legend goes beside the bars
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    else:
        ax.legend(ncols=len(keys) + 1, loc="upper center", bbox_to_anchor=(0.5, -0.25 if len(
            shares) < 8 else -0.08), frameon=False)
    return fig


@styled
def theme_heatmap(shares: pd.DataFrame, labels: dict, names: dict, title: str,
                  lang: str = "en"):
    """Document × theme heatmap of shares, with the value in each cell."""
    keys = list(labels)
    values = shares[keys].to_numpy().round(SHARE_DECIMALS)
    fig, ax = new_figure(height=1.2 + 0.3 * len(shares))
    image = ax.imshow(values, cmap="cividis", vmin=0, vmax=max(0.01, values.max()),
                      aspect="auto")
    ax.set_xticks(range(len(keys)), [fill_to_width(labels[k], 16) for k in keys])
    ax.set_yticks(range(len(shares)), [_wrap(names.get(d, d), 44) for d in shares["doc_id"]])
    for (r, c), v in np.ndenumerate(values):
        ax.text(c, r, f"{v:.2f}", ha="center", va="center", fontsize=7,
                color="white" if v < 0.6 * values.max() else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label=say("theme_share", lang), shrink=0.8)
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig


@styled
def themes_over_time(shares: pd.DataFrame, labels: dict, title: str, lang: str = "en"):
    """Mean theme share per date (documents with a date only), with the number of
    documents behind each date under it and in the title."""
    fig, ax = new_figure(height=3.0)
    import datetime as dt

    import matplotlib.dates as mdates

    dated = shares.dropna(subset=["date"])
    grouped = dated.groupby("date")
    frame = grouped[list(labels)].mean().sort_index().round(SHARE_DECIMALS)
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
    ax.set_ylabel(say("mean_theme_share", lang))
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
