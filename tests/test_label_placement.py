"""Labels beside points never overlap (analysis.report.label_placement), and the
intertopic map uses them."""

import itertools

import numpy as np

from analysis.report.label_placement import POSITIONS, label_box, place_labels


def _boxes(points, forms, chosen):
    where = {name: (h, v) for name, h, v in POSITIONS}
    boxes = []
    for (x, y, r), sizes, pick in zip(points, forms, chosen):
        if pick is not None:
            position, form = pick
            boxes.append(label_box(x, y, r, *sizes[form], *where[position]))
    return boxes


def test_crowded_labels_never_meet_and_fall_back_to_short_forms():
    rng = np.random.default_rng(0)
    points = [(float(x), float(y), 6.0) for x, y in rng.uniform(0, 200, size=(40, 2))]
    forms = [[(150.0, 16.0), (15.0, 16.0)] for _ in points]
    chosen = place_labels(points, forms)
    boxes = _boxes(points, forms, chosen)
    assert all(not a.meets(b) for a, b in itertools.combinations(boxes, 2))
    forms_used = {pick[1] for pick in chosen if pick is not None}
    assert forms_used == {0, 1}  # crowded: some take their number, not their name
    # a placement that ignored the others would overlap here: the check can fail
    naive = [("top center", 0)] * len(points)
    assert any(a.meets(b) for a, b in itertools.combinations(_boxes(points, forms, naive), 2))


def test_labels_far_apart_keep_their_full_form_above_the_point():
    points = [(0.0, 0.0, 5.0), (500.0, 0.0, 5.0), (0.0, 500.0, 5.0)]
    forms = [[(100.0, 16.0), (10.0, 16.0)]] * 3
    assert place_labels(points, forms) == [("top center", 0)] * 3


def test_intertopic_map_labels_do_not_overlap_and_speak_the_page_language():
    import pandas as pd
    from bertopic.plotting._topics import _plotly_topic_visualization

    from analysis.report import interactive

    rng = np.random.default_rng(1)
    n = 18
    frame = pd.DataFrame({"x": rng.normal(size=n), "y": rng.normal(size=n),
                          "Topic": range(n),
                          "Words": [f"{i} · fr: industrie, usines, production {i}"
                                    for i in range(n)],
                          "Size": rng.integers(5, 200, size=n)})
    figure = _plotly_topic_visualization(frame, list(range(n)), "carte", 650, 650)
    interactive.restyle("topic_map", figure, "fr")
    trace = figure.data[0]
    xs, ys = np.asarray(trace.x, float), np.asarray(trace.y, float)
    (x0, x1), (y0, y1) = figure.layout.xaxis.range, figure.layout.yaxis.range
    width, height = interactive.MAP_PLOT_PX
    radii = interactive._marker_radii(trace, n)
    where = {name: (h, v) for name, h, v in POSITIONS}
    boxes = []
    for i, text in enumerate(trace.text):
        if not text:
            continue
        px = ((xs[i] - x0) / (x1 - x0) * width, (ys[i] - y0) / (y1 - y0) * height)
        w = interactive.display_width(text) * interactive.LABEL_CHAR_PX
        boxes.append(label_box(*px, radii[i], w, interactive.LABEL_LINE_PX,
                               *where[trace.textposition[i]]))
    assert len(boxes) >= n // 2
    assert all(not a.meets(b) for a, b in itertools.combinations(boxes, 2))
    assert "Sujet" in trace.hovertemplate and "Taille" in trace.hovertemplate
    assert "Topic" not in trace.hovertemplate
    assert all(not step.label.startswith("Topic") for step in figure.layout.sliders[0].steps)
