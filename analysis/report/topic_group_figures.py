"""Figures of topics by group and over time, drawn from the tables of
:mod:`analysis.report.topic_tables`."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.report.style import new_figure, styled, title_text, topic_colours
from analysis.report.topic_figures import SHARE_DECIMALS, _wrap
from analysis.report.wording import format_period, say

# Groups drawn as columns of the topic × group grid; the CSV holds every one.
MAX_GROUP_COLUMNS = 30
# Period labels on the x axis past this many periods: every k-th one.
MAX_PERIOD_TICKS = 16


def _grid(table: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    grid = table.pivot(index="topic", columns=column, values=value)
    return grid.sort_index().fillna(0.0)


@styled
def topic_group_heatmap(table: pd.DataFrame, column: str, topic_names: dict, title: str,
                        lang: str = "en"):
    """Mean topic share of each group's documents: one row per topic, one column
    per group (the largest groups past :data:`MAX_GROUP_COLUMNS`), the value in
    each cell, with each group's number of documents under its name."""
    from matplotlib import colormaps

    sizes = table.drop_duplicates(column).set_index(column)["group_documents"]
    groups = sorted(sizes.index, key=lambda g: (-int(sizes[g]), str(g)))[:MAX_GROUP_COLUMNS]
    groups = sorted(groups, key=str)
    grid = _grid(table, column, "mean_share")[groups].round(SHARE_DECIMALS)
    values = grid.to_numpy(dtype=np.float64)
    fig, ax = new_figure(height=1.0 + 0.3 * len(grid),
                         width=max(6.3, min(12.0, 2.8 + 0.55 * len(groups))))
    image = ax.imshow(values, cmap=colormaps["cividis"], vmin=0.0,
                      vmax=max(float(values.max()), 1e-9), aspect="auto")
    ax.set_yticks(range(len(grid)), [_wrap(topic_names.get(t, t), 40) for t in grid.index])
    ax.set_xticks(range(len(groups)), [f"{_wrap(g, 18)}\nn = {int(sizes[g])}"
                                       for g in groups],
                  rotation=45 if len(groups) > 6 else 0,
                  ha="right" if len(groups) > 6 else "center")
    middle = values.max() / 2 if values.size else 0
    if len(groups) <= 16:
        for (i, j), v in np.ndenumerate(values):
            text = f"{v:.2f}".replace(".", ",") if lang == "fr" else f"{v:.2f}"
            ax.text(j, i, text, ha="center", va="center", fontsize=6,
                    color="white" if v < middle else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label=say("mean_topic_share", lang))
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig


@styled
def topics_over_time_figure(table: pd.DataFrame, order: list, topic_names: dict,
                            title: str, lang: str = "en"):
    """Topic shares per period, stacked: each bar is the mean share of every topic
    among the period's documents, with the number of documents under it. Topics
    past the palette's 20 are drawn together as "other"; ``order`` gives the
    topics, largest first."""
    colours = topic_colours(order)
    periods = list(dict.fromkeys(table.sort_values("period_start", kind="stable")["period"]))
    grid = _grid(table, "period", "mean_share").reindex(columns=periods).fillna(0.0)
    n = table.drop_duplicates("period").set_index("period")["n_documents"]
    fig, ax = new_figure(height=3.6, width=max(6.3, min(12.0, 2.5 + 0.3 * len(periods))))
    x = np.arange(len(periods))
    bottom = np.zeros(len(periods))
    named = [t for t in order if colours[t] != "#BBBBBB"]
    rest = [t for t in order if colours[t] == "#BBBBBB"]
    for topic in named:
        values = grid.loc[topic].to_numpy(np.float64).round(SHARE_DECIMALS)
        ax.bar(x, values, bottom=bottom, color=colours[topic], width=0.85,
               label=_wrap(topic_names.get(topic, topic), 34), edgecolor="white",
               linewidth=0.3)
        bottom += values
    if rest:
        values = grid.loc[rest].to_numpy(np.float64).sum(axis=0).round(SHARE_DECIMALS)
        ax.bar(x, values, bottom=bottom, color="#BBBBBB", width=0.85,
               label=say("other_topics", lang, n=len(rest)), edgecolor="white",
               linewidth=0.3)
    first = table.drop_duplicates("period").set_index("period")
    shown = {p: format_period(dt.date.fromisoformat(str(first.loc[p, "period_start"])),
                              str(first.loc[p, "period_kind"]), lang) for p in periods}
    step = max(1, -(-len(periods) // MAX_PERIOD_TICKS))
    ax.set_xticks(x[::step], [f"{shown[p]}\nn = {int(n[p])}" for p in periods[::step]],
                  rotation=45 if len(periods) > 8 else 0,
                  ha="right" if len(periods) > 8 else "center")
    ax.set_ylim(0, 1)
    ax.set_ylabel(say("mean_topic_share", lang))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False,
              fontsize=6, ncols=1 if len(named) + bool(rest) <= 12 else 2)
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig
