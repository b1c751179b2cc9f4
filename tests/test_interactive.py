"""BERTopic's interactive views, saved as self-contained HTML (analysis.report.interactive)."""


def test_interactive_views_are_self_contained_and_repeatable(keywords, topic_result, tmp_path):
    from analysis.report.interactive import write_interactive

    first = write_interactive(topic_result, keywords.units, tmp_path / "a", seed=42)
    names = sorted(p.name for p in first)
    assert "topic_barchart.html" in names and "unit_map.html" in names
    html = (tmp_path / "a" / "topic_barchart.html").read_text(encoding="utf-8")
    assert "<script" in html and "<script src=" not in html  # plotly.js is inside
    assert 'id="analysis-topic_barchart"' in html
    again = write_interactive(topic_result, keywords.units, tmp_path / "b", seed=42)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    unit_map = (tmp_path / "a" / "unit_map.html").read_text(encoding="utf-8")
    assert "conomie num" in unit_map  # hover text: the units' own words


def test_barchart_shows_the_package_topic_words(keywords, topic_result, tmp_path):
    """The bar chart draws the c-TF-IDF words of the topic tables, not BERTopic's own
    whitespace tokens."""
    import json
    import re

    from analysis.report.interactive import write_interactive
    from analysis.topics.representation import main_language_terms

    write_interactive(topic_result, keywords.units, tmp_path, seed=42)
    html = (tmp_path / "topic_barchart.html").read_text(encoding="utf-8")
    shown = set()
    for match in re.finditer(r'"y":(\[[^\]]*\])', html):
        try:
            shown.update(str(y).strip() for y in json.loads(match.group(1)))
        except ValueError:
            continue
    main = main_language_terms(topic_result.topic_terms)
    top = main[main["rank"] <= 3]
    assert set(top["label"]) <= shown


def test_no_model_no_views(keywords, topic_result, tmp_path):
    """Below three units there is no topic model: nothing is written."""
    import dataclasses

    from analysis.report.interactive import write_interactive

    result = dataclasses.replace(topic_result, model=None)
    assert write_interactive(result, keywords.units, tmp_path / "none") == []
    assert not (tmp_path / "none").exists()


def test_views_have_a_title_and_the_tables_topic_names(keywords, topic_result, tmp_path):
    """Each page has a <title>; the similarity and unit-map views label topics with
    the names of topic_info.csv (cut to the views' width), not BERTopic's
    underscore names."""
    import json
    import textwrap

    from analysis.report.interactive import TITLES, write_interactive
    from analysis.topics.representation import LABEL_CHARS

    for path in write_interactive(topic_result, keywords.units, tmp_path, seed=42):
        html = path.read_text(encoding="utf-8")
        assert f"<head><title>{TITLES[path.stem]}</title>" in html
    names = dict(zip(topic_result.topic_info["topic"], topic_result.topic_info["name"]))
    expected = {t: textwrap.shorten(n, LABEL_CHARS, placeholder="…") for t, n in names.items()}
    assert topic_result.model.custom_labels_ == [expected[t] for t in sorted(expected)]
    unit_map = (tmp_path / "unit_map.html").read_text(encoding="utf-8")
    for label in expected.values():  # plotly writes its data as JSON
        assert json.dumps(label)[1:-1] in unit_map or label in unit_map


def test_restyle_gives_the_palette_and_labels_the_intertopic_map():
    """BERTopic's intertopic map (drawn here by its own plotting function) gets the
    package's palette, a label on each circle, and a slider that greys the other
    topics instead of turning the chosen one red."""
    import pandas as pd
    from bertopic.plotting._topics import _plotly_topic_visualization

    from analysis.report.interactive import GREY, restyle
    from analysis.report.style import PALETTE

    frame = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.5], "Topic": [0, 1, 2],
                          "Words": ["0 · en: AI, development, China", "1 · fr: industrie",
                                    "2 · en: digital economy, data, platforms, cloud"],
                          "Size": [30, 20, 10]})
    figure = _plotly_topic_visualization(frame, [0, 1, 2], "map", 600, 600)
    restyle("topic_map", figure)
    trace = figure.data[0]
    assert list(trace.marker.color) == list(PALETTE[:3])
    assert "text" in trace.mode and trace.text[1] == "1 · fr: industrie"
    assert trace.text[2].endswith("…") and len(trace.text[2]) <= 28
    step = figure.layout.sliders[0].steps[1]
    assert step.args[0]["marker.color"][0] == [GREY, PALETTE[1], GREY]
