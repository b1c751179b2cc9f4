"""Figures for topics and themes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report.style import A4_COLUMN_INCHES, PALETTE, new_figure, styled, title_text
from analysis.report.wording import format_date, say
from analysis.text.width import fill_to_width, shorten_to_width

MARKERS = ("o", "^", "s", "D", "v", "P", "X", "*")
OTHER_COLOUR = "#BBBBBB"


# Shares and cosines are drawn at 3 decimals, the precision that matters: a figure is
# then the same bytes on machines whose vectors differ in the 7th decimal.
SHARE_DECIMALS = 3


def _wrap(label: str, width: int = 30) -> str:
    """``label`` cut to ``width`` columns (a Chinese character takes two) with an
    ellipsis."""
    return shorten_to_width(str(label), width)


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
def topic_bars(topic_terms: pd.DataFrame, title: str, top_n: int = 8, lang: str = "en"):
    """Top c-TF-IDF terms per topic, one panel per topic."""
    from analysis.report.keyword_figures import keyword_bars

    table = topic_terms[topic_terms["rank"] <= top_n].rename(columns={"topic_name": "group"})
    return keyword_bars(table, title, xlabel=say("ctfidf", lang))


@styled
def unit_map(coords: np.ndarray, topics, languages, topic_names: dict, title: str,
             lang: str = "en"):
    """2-D map of units: colour = topic, marker = language."""
    fig, ax = new_figure(height=4.2)
    topics = np.asarray(topics)
    languages = np.asarray(list(languages), dtype=object)
    langs = sorted(set(languages))
    for ti, topic in enumerate(sorted(set(topics))):
        for li, lang in enumerate(langs):
            mask = (topics == topic) & (languages == lang)
            if mask.any():
                ax.scatter(coords[mask, 0], coords[mask, 1], s=22, alpha=0.85,
                           color=PALETTE[ti % len(PALETTE)], marker=MARKERS[li % len(MARKERS)],
                           edgecolor="white", linewidth=0.4)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=PALETTE[i % len(PALETTE)], marker="o", linestyle="",
                      label=_wrap(topic_names.get(t, t), 36))
               for i, t in enumerate(sorted(set(topics)))]
    handles += [Line2D([], [], color="#444444", marker=MARKERS[i % len(MARKERS)], linestyle="",
                       label=say("language_panel", lang, language=code))
                for i, code in enumerate(langs)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_xlabel(say("component", lang, k=1))
    ax.set_ylabel(say("component", lang, k=2))
    ax.set_title(title_text(title), loc="left", wrap=True)
    return fig


@styled
def similarity_heatmap(sim: np.ndarray, names: list[str], title: str, languages=None,
                       lang: str = "en"):
    """Cosine similarity of documents, each labelled with its language when given
    (so pairs across languages are told from pairs within one).

    The colours span the off-diagonal range, where the differences are (a
    document is always 1.0 with itself: the diagonal is left blank), and the
    figure is as wide as the matrix needs.
    """
    n = len(names)
    sim = np.asarray(sim, dtype=float).round(SHARE_DECIMALS)
    if languages is not None:
        names = [f"[{lang}] {name}" for name, lang in zip(names, languages)]
    short = [_wrap(name, 30) for name in names]
    cell = 0.42 if n <= 15 else max(0.12, 4.2 / n)
    side = min(A4_COLUMN_INCHES - 2.6, 0.6 + cell * n)
    fig, ax = new_figure(height=side + 1.9, width=min(A4_COLUMN_INCHES, side + 3.3))
    off = ~np.eye(n, dtype=bool)
    low, high = (float(sim[off].min()), float(sim[off].max())) if n > 1 else (0.0, 1.0)
    if high - low < 0.01:
        low, high = low - 0.005, high + 0.005
    shown = np.where(off, sim, np.nan)
    from matplotlib import colormaps

    cmap = colormaps["cividis"].with_extremes(bad="#F2F2F2")
    image = ax.imshow(shown, cmap=cmap, vmin=low, vmax=high)
    ax.set_xticks(range(n), short, rotation=40, ha="right")
    ax.set_yticks(range(n), short)
    if n <= 15:
        middle = (low + high) / 2
        for (r, c), v in np.ndenumerate(sim):
            if r != c:
                ax.text(c, r, f"{v:.2f}", ha="center", va="center", fontsize=6.5,
                        color="white" if v < middle else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.8,
                 label=say("cosine_range", lang, low=f"{low:.2f}", high=f"{high:.2f}"))
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
_CONCISE = {"zh": {
    "formats": ["%Y年", "%m月", "%d日", "%H:%M", "%H:%M", "%S.%f"],
    "zero_formats": ["", "%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M"],
    "offset_formats": ["", "%Y年", "%Y年%m月", "%Y年%m月%d日", "%Y年%m月%d日",
                       "%Y年%m月%d日 %H:%M"],
}}


def map_coordinates(vectors: np.ndarray, seed: int = 42) -> np.ndarray:
    """2-D coordinates for the unit map: PCA (deterministic, fine at any size)."""
    from sklearn.decomposition import PCA

    if len(vectors) < 2:
        return np.zeros((len(vectors), 2))
    k = min(2, len(vectors), vectors.shape[1])
    out = PCA(n_components=k, random_state=seed).fit_transform(vectors)
    # fix the sign of each component so re-runs draw the same picture
    out *= np.sign(out[np.abs(out).argmax(axis=0), range(k)])
    # scaled to [-1, 1] and rounded to 0.01: a map whose vectors move by 1e-7 on another
    # machine is drawn from the same numbers (PCA axes have no unit to keep)
    out = np.round(out / max(float(np.abs(out).max()), 1e-12), 2)
    return out if k == 2 else np.hstack([out, np.zeros((len(out), 1))])
