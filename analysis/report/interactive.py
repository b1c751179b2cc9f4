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
           "unit_map_title": "<b>Units by topic</b> (PCA of centred embeddings)",
           "topic": "Topic", "size": "Size:"},
    "fr": {"topic_barchart": "Mots des sujets", "topic_similarity": "Similarité des sujets",
           "topic_map": "Carte des distances entre sujets", "unit_map": "Unités par sujet",
           "unit_map_title": "<b>Unités par sujet</b> (ACP des plongements centrés)",
           "topic": "Sujet", "size": "Taille :"},
    "zh": {"topic_barchart": "主题词语", "topic_similarity": "主题相似度",
           "topic_map": "主题间距离图", "unit_map": "按主题划分的单元",
           "unit_map_title": "<b>按主题划分的单元</b>（中心化嵌入的主成分分析）",
           "topic": "主题", "size": "规模："},
}
TITLES = {k: v for k, v in VIEW_WORDS["en"].items()
          if k not in ("unit_map_title", "topic", "size")}


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


def restyle(name: str, figure, lang: str = "en", names: dict | None = None) -> None:
    """The package's look on BERTopic's views: the Okabe–Ito palette of the static
    figures, topic by topic in the same order (topic 0 has the same colour on the
    static unit map and here), and on the intertopic map each circle labelled with
    its topic's name where it meets no other label; choosing a topic with the map's
    slider greys the others (its words in ``lang``)."""
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
        _restyle_topic_map(figure, colour, lang, names)


# The intertopic map's size in pixels that its labels are placed for: its height is
# fixed, and it is never narrower than this on a page (wider only moves the labels
# apart).
MAP_HEIGHT_PX = 650
MAP_PLOT_PX = (560, 420)  # the plotting area inside the margins, title and slider
LABEL_FONT_PX = 12
LABEL_CHAR_PX = 7.5  # a column of text at 12 px, generous (a Chinese character: 2)
LABEL_LINE_PX = 16


def _restyle_topic_map(figure, colour, lang: str = "en", names: dict | None = None) -> None:
    """Each circle coloured and labelled with its topic's name (``names``: ``{topic:
    name}``, else BERTopic's label) where the name meets no other label or circle
    (else its number, else nothing: the hover names it); the hover and the slider in
    ``lang``."""
    from analysis.report.label_placement import place_labels, point_boxes

    words = VIEW_WORDS.get(lang, VIEW_WORDS["en"])
    trace = figure.data[0]
    n = len(trace.x)
    trace.marker.color = [colour(i) for i in range(n)]
    xs = [float(x) for x in trace.x]
    ys = [float(y) for y in trace.y]
    pad_x = 0.3 * (max(xs) - min(xs) or 1.0)
    pad_y = 0.15 * (max(ys) - min(ys) or 1.0)
    x_range = (min(xs) - pad_x, max(xs) + pad_x)
    y_range = (min(ys) - pad_y, max(ys) + pad_y)
    width_px, height_px = MAP_PLOT_PX
    names = [shorten_to_width((names or {}).get(_topic_id(row[0]), row[1]), MAP_LABEL_CHARS)
             for row in trace.customdata]
    numbers = [str(row[0]) for row in trace.customdata]
    radii = _marker_radii(trace, n)
    points = [((x - x_range[0]) / (x_range[1] - x_range[0]) * width_px,
               (y - y_range[0]) / (y_range[1] - y_range[0]) * height_px, r)
              for x, y, r in zip(xs, ys, radii)]
    forms = [[(display_width(name) * LABEL_CHAR_PX, LABEL_LINE_PX),
              (display_width(number) * LABEL_CHAR_PX, LABEL_LINE_PX)]
             for name, number in zip(names, numbers)]
    order = sorted(range(n), key=lambda i: (-radii[i], i))  # the largest topic first
    chosen = place_labels(points, forms, order, obstacles=point_boxes(points))
    trace.mode = "markers+text"
    trace.text = [("" if c is None else (names[i], numbers[i])[c[1]])
                  for i, c in enumerate(chosen)]
    trace.textposition = [("top center" if c is None else c[0]) for c in chosen]
    trace.textfont = {"size": LABEL_FONT_PX, "color": "#1a1a1a"}
    trace.cliponaxis = False  # a label at the edge is drawn whole
    trace.hovertemplate = (f"<b>{escape(words['topic'])} %{{customdata[0]}}</b><br>"
                           f"%{{customdata[1]}}<br>{escape(words['size'])} "
                           "%{customdata[2]}<extra></extra>")
    figure.update_layout(width=None, autosize=True, height=MAP_HEIGHT_PX)
    figure.update_xaxes(range=list(x_range))
    figure.update_yaxes(range=list(y_range))
    for slider in figure.layout.sliders or ():
        for j, step in enumerate(slider.steps):
            chosen_colours = [colour(i) if i == j else GREY for i in range(n)]
            step.args = [{"marker.color": [chosen_colours]}]
            if j < n:
                step.label = names[j]


def _topic_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _marker_radii(trace, n: int) -> list[float]:
    """Each circle's radius in pixels, as plotly draws a sized scatter (its area
    proportional to the size: diameter = sqrt(size / sizeref)), plus its outline."""
    sizes = trace.marker.size
    if sizes is None or isinstance(sizes, int | float):
        return [float(sizes or 6) / 2 + 2] * n
    ref = float(trace.marker.sizeref or 1.0)
    if trace.marker.sizemode == "area":
        return [float(size / ref) ** 0.5 / 2 + 2 for size in sizes]
    return [float(size / ref) / 2 + 2 for size in sizes]


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
    from analysis.report.topic_tables import plain_topic_names
    from analysis.topics.model import quiet_bertopic

    paths = []
    words = VIEW_WORDS.get(lang, VIEW_WORDS["en"])
    info = result.topic_info
    topic_names = {int(t): n for t, n in plain_topic_names(
        dict(zip(info["topic"], info["name"])), units["language"].nunique()).items()}
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
        restyle(name, figure, lang, topic_names)
        html = figure.to_html(include_plotlyjs=True, full_html=True, div_id=f"analysis-{name}",
                              default_width="100%")
        html = html.replace("<html>", f'<html lang="{lang}">', 1).replace(
            "<head>", f"<head><title>{words[name]}</title>", 1)
        paths.append(atomic.write_text(Path(out_dir) / f"{name}.html", html))
    return paths
