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
