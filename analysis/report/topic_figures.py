"""Figures for topics (the theme figures are in :mod:`analysis.report.theme_figures`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report.style import A4_COLUMN_INCHES, new_figure, styled, title_text
from analysis.report.wording import say
from analysis.text.width import shorten_to_width

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
def topic_bars(topic_terms: pd.DataFrame, title: str, top_n: int = 8, lang: str = "en"):
    """Top c-TF-IDF terms per topic, one panel per topic, each on its own scale."""
    from analysis.report.keyword_figures import keyword_bars

    table = topic_terms[topic_terms["rank"] <= top_n].rename(columns={"topic_name": "group"})
    return keyword_bars(table, title, xlabel=say("ctfidf", lang), shared_scale=False)


@styled
def unit_map(coords: np.ndarray, topics, languages, topic_names: dict, title: str,
             lang: str = "en"):
    """2-D map of units: colour = topic (the 20 largest topics a colour each, the
    rest grey as "other"), marker = language."""
    from analysis.report.style import TOPIC_OTHER_COLOUR, topic_colours

    fig, ax = new_figure(height=4.2)
    topics = np.asarray(topics)
    languages = np.asarray(list(languages), dtype=object)
    langs = sorted(set(languages))
    found, sizes = np.unique(topics, return_counts=True)
    by_size = [t for _, t in sorted(zip(-sizes, found), key=lambda p: (p[0], p[1]))]
    colours = topic_colours(by_size)
    # the grey "other" first, under the named topics
    drawn = sorted(found, key=lambda t: (colours[t] != TOPIC_OTHER_COLOUR, t))
    for topic in drawn:
        for li, code in enumerate(langs):
            mask = (topics == topic) & (languages == code)
            if mask.any():
                ax.scatter(coords[mask, 0], coords[mask, 1], s=22, alpha=0.85,
                           color=colours[topic], marker=MARKERS[li % len(MARKERS)],
                           edgecolor="white", linewidth=0.4)
    from matplotlib.lines import Line2D

    named = [t for t in found if colours[t] != TOPIC_OTHER_COLOUR]
    rest = len(found) - len(named)
    handles = [Line2D([], [], color=colours[t], marker="o", linestyle="",
                      label=_wrap(topic_names.get(t, t), 36)) for t in named]
    if rest:
        handles.append(Line2D([], [], color=TOPIC_OTHER_COLOUR, marker="o", linestyle="",
                              label=say("other_topics", lang, n=rest)))
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
