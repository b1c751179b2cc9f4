"""BERTopic's interactive plotly views, saved as self-contained HTML files.

Optional (CLI ``--html``): each file embeds plotly.js, so it opens offline in any
browser, and gets a fixed ``div`` id, so the same model writes the same bytes.
The views:

- ``topic_barchart.html``: each topic's top words and their c-TF-IDF scores (the
  package's terms, as in ``topic_info.csv``);
- ``topic_similarity.html``: cosine similarity of the topic embeddings;
- ``topic_map.html``: BERTopic's intertopic distance map, each circle labelled;
- ``unit_map.html``: the units on the same 2-D coordinates as the static unit map,
  with the start of each unit's text on hover.

Every view takes the static figures' topic colours (:func:`restyle`), and its
titles are in the report's language.
A view BERTopic cannot draw for this model (the distance map needs several topics)
is left out and the reason is logged.
"""

from __future__ import annotations

import logging
import warnings
from html import escape
from pathlib import Path

import numpy as np

from analysis.io import atomic
from analysis.text.width import cut_to_width, display_width, shorten_to_width

HOVER_CHARS = 120  # columns: a Chinese character takes two
VIEW_WORDS = {
    "en": {"topic_barchart": "Topic words", "topic_similarity": "Topic similarity",
           "topic_map": "Intertopic distance map", "unit_map": "Units by topic",
           "unit_map_title": "<b>Units by topic</b> (PCA of centred embeddings)"},
    "fr": {"topic_barchart": "Mots des sujets", "topic_similarity": "Similarité des sujets",
           "topic_map": "Carte des distances entre sujets", "unit_map": "Unités par sujet",
           "unit_map_title": "<b>Unités par sujet</b> (ACP des plongements centrés)"},
    "zh": {"topic_barchart": "主题词语", "topic_similarity": "主题相似度",
           "topic_map": "主题间距离图", "unit_map": "按主题划分的单元",
           "unit_map_title": "<b>按主题划分的单元</b>（中心化嵌入的主成分分析）"},
}
TITLES = {k: v for k, v in VIEW_WORDS["en"].items() if k != "unit_map_title"}


def hover_texts(units, titles: dict | None = None) -> list[str]:
    """Each unit's hover text: its document's title (when known), then the start of
    the unit's text."""
    titles = titles or {}
    out = []
    for doc_id, text in zip(units["doc_id"], units["text"]):
        text = text if display_width(text) <= HOVER_CHARS else cut_to_width(
            text, HOVER_CHARS) + "…"
        title = titles.get(doc_id)  # data: shown as written, never as markup
        text = escape(text, quote=False)
        out.append(f"<b>{escape(title, quote=False)}</b><br>{text}" if title else text)
    return out


def _views(model, result, units, lang: str = "en", titles: dict | None = None):
    words = VIEW_WORDS.get(lang, VIEW_WORDS["en"])
    n_topics = len(set(result.topics))
    # every topic, each panel titled with its name
    yield "topic_barchart", lambda: model.visualize_barchart(
        top_n_topics=n_topics, n_words=8, custom_labels=True, title=words["topic_barchart"])
    if n_topics >= 2:
        yield "topic_similarity", lambda: model.visualize_heatmap(
            custom_labels=True, title=words["topic_similarity"])
    if n_topics >= 3:
        yield "topic_map", lambda: model.visualize_topics(custom_labels=True,
                                                          title=words["topic_map"])
    hover = hover_texts(units, titles)
    yield "unit_map", lambda: model.visualize_documents(
        hover, topics=sorted(set(result.topics)), reduced_embeddings=result.coords,
        hide_annotations=True, custom_labels=True, title=words["unit_map_title"])


# A topic's label on the intertopic map, in columns (a Chinese character takes two).
MAP_LABEL_CHARS = 28
GREY = "#D9D9D9"


def restyle(name: str, figure) -> None:
    """The package's look on BERTopic's views: the Okabe–Ito palette of the static
    figures, topic by topic in the same order (topic 0 has the same colour on the
    static unit map and here), and on the intertopic map each circle labelled with
    its topic's name; choosing a topic with the map's slider greys the others."""
    from analysis.report.style import TOPIC_OTHER_COLOUR, TOPIC_PALETTE

    def colour(i):
        return TOPIC_PALETTE[i] if i < len(TOPIC_PALETTE) else TOPIC_OTHER_COLOUR

    if name == "topic_barchart":
        for i, trace in enumerate(figure.data):
            trace.marker.color = colour(i)
    elif name == "unit_map":
        topics = [t for t in figure.data if t.name != "other"]
        for i, trace in enumerate(topics):
            trace.marker.color = colour(i)
    elif name == "topic_map" and figure.data:
        trace = figure.data[0]
        n = len(trace.x)
        trace.marker.color = [colour(i) for i in range(n)]
        trace.mode = "markers+text"
        trace.text = [shorten_to_width(row[1], MAP_LABEL_CHARS) for row in trace.customdata]
        trace.textposition = "top center"
        trace.textfont = {"size": 12, "color": "#1a1a1a"}
        trace.cliponaxis = False  # a label at the edge is drawn whole
        # room for the labels: the page's width, and a wider x range
        xs = [float(x) for x in trace.x]
        pad = 0.3 * (max(xs) - min(xs) or 1.0)
        figure.update_layout(width=None, autosize=True)
        figure.update_xaxes(range=[min(xs) - pad, max(xs) + pad])
        for slider in figure.layout.sliders or ():
            for j, step in enumerate(slider.steps):
                chosen = [colour(i) if i == j else GREY for i in range(n)]
                step.args = [{"marker.color": [chosen]}]


def write_interactive(result, units, out_dir, seed: int = 42, log=None, lang: str = "en",
                      titles: dict | None = None) -> list[Path]:
    """Write the interactive views of ``result.model`` into ``out_dir``, their titles
    in ``lang`` and each unit's hover led by its document's title (``titles``:
    ``{doc_id: title}``); returns the paths written (none when there is no topic
    model)."""
    log = log or logging.getLogger("analysis")
    model = result.model
    if model is None:
        log.info("interactive views skipped: no topic model (fewer than 3 units)")
        return []
    from analysis.topics.model import quiet_bertopic

    paths = []
    words = VIEW_WORDS.get(lang, VIEW_WORDS["en"])
    for name, draw in _views(model, result, units, lang, titles):
        # BERTopic orders the points of its document view with numpy's global random
        # generator: seed it for the call and put its state back afterwards
        state = np.random.get_state()
        np.random.seed(seed)
        try:
            with quiet_bertopic(), warnings.catch_warnings():
                # the intertopic map runs UMAP with a seed, which then warns that it
                # runs on one thread
                warnings.filterwarnings("ignore", message="n_jobs value", category=UserWarning)
                figure = draw()
        except (ValueError, TypeError, IndexError, KeyError) as err:
            log.info("interactive view %s skipped: %s", name, err)
            continue
        finally:
            np.random.set_state(state)
        restyle(name, figure)
        html = figure.to_html(include_plotlyjs=True, full_html=True, div_id=f"analysis-{name}",
                              default_width="100%")
        html = html.replace("<html>", f'<html lang="{lang}">', 1).replace(
            "<head>", f"<head><title>{words[name]}</title>", 1)
        paths.append(atomic.write_text(Path(out_dir) / f"{name}.html", html))
    return paths
