"""Chinese in figures and on the report page (issue #20): every figure kind draws
Chinese labels with a real font (no "Glyph ... missing" warning), Latin text keeps
DejaVu Sans, the SVG keeps its text and its font stack, and ``lang="zh"`` gives the
words in Chinese."""

import datetime as dt
import string
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis.report import keyword_figures as kf
from analysis.report import theme_figures as thf
from analysis.report import topic_figures as tf
from analysis.report.style import FONT_STACK, house_style, register_fonts, save_figure
from analysis.report.wording import LANGUAGES, PHRASES, format_date, say

TITLES = {"d1": "国务院关于加快发展人工智能产业推动制造业高质量发展的指导意见",
          "d2": "工业和信息化部：推动制造业数字化转型",
          "d3": "数字经济 平台 数据 互联网"}
LABELS = {"ai_governance": "人工智能治理", "manufacturing": "制造业",
          "digital_economy": "数字经济"}
TERMS = ["人工智能", "新质生产力", "数字化转型", "集成电路产业链供应链", "AI芯片"]


def _keyword_table(groups):
    return pd.DataFrame([{"group": g, "rank": r + 1, "label": t, "score": 1.0 / (r + 1)}
                         for g in groups for r, t in enumerate(TERMS)])


def _shares():
    """Per document: each theme's value (0-1), ``<key>_found``, ``<key>_confidence``,
    ``<key>_share`` and a date, as in document_themes.csv."""
    rng = np.random.default_rng(0)
    values = rng.uniform(size=(len(TITLES), len(LABELS)))
    frame = pd.DataFrame(values, columns=list(LABELS))
    frame.insert(0, "doc_id", list(TITLES))
    for key in LABELS:
        frame[f"{key}_found"] = frame[key] >= 0.5
        frame[f"{key}_confidence"] = frame[key]
        frame[f"{key}_share"] = frame[key] / 2
    frame["date"] = [dt.date(2026, 1, d) for d in (3, 3, 31)]
    return frame


def _draw(kind):
    title = "主题占比（按文档）"
    if kind == "keyword_bars":
        return kf.keyword_bars(_keyword_table(list(TITLES)), say("keywords_by_document", "zh"),
                               group_titles=TITLES, lang="zh")
    if kind == "length_bars":
        docs = [SimpleNamespace(doc_id=d, language="zh", clean="人工智能 治理 制造业")
                for d in TITLES]
        return kf.length_bars(docs, TITLES, lang="zh")
    if kind == "theme_stacked_bars":
        return thf.theme_share_bars(_shares(), LABELS, TITLES, title, "比例（0–1）", lang="zh")
    if kind == "theme_heatmap":
        frame = _shares()
        return thf.theme_heatmap(frame, LABELS, TITLES, title, "置信度（0–1）", lang="zh",
                                 found=frame[[f"{k}_found" for k in LABELS]].set_axis(
                                     list(LABELS), axis=1))
    if kind == "theme_statement":
        return thf.theme_statement("3 个文档均不涉及人工智能治理、制造业、数字经济。", title)
    if kind == "topic_bars":
        table = _keyword_table(["0 · zh: 人工智能、治理", "1 · zh: 制造业、产业链"])
        return tf.topic_bars(table.rename(columns={"group": "topic_name"}),
                             say("topic_keywords", "zh"), lang="zh")
    if kind == "unit_map":
        coords = np.array([[0.0, 0.0], [1.0, 0.5], [-1.0, 0.2], [0.3, -1.0]])
        return tf.unit_map(coords, [0, 0, 1, 1], ["zh", "zh", "zh", "en"],
                           {0: "0 · zh: 人工智能、治理", 1: "1 · zh: 制造业、产业链"},
                           say("unit_map", "zh", n=4), lang="zh")
    if kind == "similarity_heatmap":
        sim = np.array([[1.0, 0.4, 0.2], [0.4, 1.0, 0.7], [0.2, 0.7, 1.0]])
        return tf.similarity_heatmap(sim, list(TITLES.values()), say("similarity", "zh"),
                                     ["zh", "zh", "zh"], lang="zh")
    if kind == "themes_over_time":
        return thf.themes_over_time(_shares(), LABELS, say("themes_over_time", "zh"),
                                   lang="zh")
    raise AssertionError(kind)


KINDS = ("keyword_bars", "length_bars", "theme_stacked_bars", "theme_heatmap", "topic_bars",
         "unit_map", "similarity_heatmap", "themes_over_time", "theme_statement")


@pytest.mark.parametrize("kind", KINDS)
def test_chinese_glyphs_are_drawn(kind, tmp_path):
    """matplotlib warns "Glyph 20154 (...) missing from font(s) DejaVu Sans." for each
    character it draws as an empty box: no figure may give that warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = _draw(kind)
        png, svg = save_figure(fig, kind, tmp_path)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == [], missing[:3]
    text = svg.read_text(encoding="utf-8")
    # the SVG keeps its text as text, asking for the CJK font among its fonts
    assert "<text" in text and "Noto Sans CJK SC" in text
    assert any(label in text for label in (*LABELS.values(), *TERMS, "文档", "主题"))
    assert png.stat().st_size > 0


def test_font_stack_and_latin_metrics_are_unchanged():
    """Latin text is measured with DejaVu Sans, first of the stack; the SVG's
    font-family is the same string as before the CJK font came (French and English
    figures keep their bytes); the CJK font comes from the pinned package."""
    from matplotlib import font_manager

    paths = register_fonts()
    assert paths and paths[0].endswith("NotoSansSC-Regular.otf")
    with house_style():
        found = font_manager.fontManager._find_fonts_by_props(font_manager.FontProperties())
    assert found[0].endswith("DejaVuSans.ttf")
    assert str(found[1]) == paths[0]
    fig = kf.keyword_bars(_keyword_table(["a"]).assign(label="économie"), "Titre")
    import io

    buffer = io.StringIO()
    with house_style():
        fig.savefig(buffer, format="svg")
    stack = ", ".join(repr(name) for name in FONT_STACK) + ", sans-serif"
    assert f"font-family: {stack}" in buffer.getvalue()


def test_every_language_has_every_phrase():
    formatter = string.Formatter()
    from analysis.report.outputs import OUTPUTS

    captions = {lang: {f"{o.kind}:{o.name}": o.caption[lang] for o in OUTPUTS}
                for lang in LANGUAGES}
    for table in (PHRASES, captions):
        assert set(table) == set(LANGUAGES)
        for key, english in table["en"].items():
            fields = {f for _, f, _, _ in formatter.parse(english) if f}
            for lang in LANGUAGES:
                assert {f for _, f, _, _ in formatter.parse(table[lang][key]) if f} == \
                    fields, (lang, key)


def test_chinese_words_and_dates():
    assert say("figures", "zh") == "图表"
    assert say("first_of", "zh", shown=12, total=300, what=say("documents", "zh")) == \
        "（仅显示前 12 个文档，共 300 个）"
    assert format_date(dt.date(2026, 1, 31), "zh") == "2026年1月31日"
    assert format_date(dt.date(2026, 1, 3), "fr") == "3 janv. 2026"
    assert format_date(dt.date(2026, 1, 3), "en") == "03 Jan 2026"


def test_themes_have_chinese_labels_and_terms():
    from analysis.themes.lexicon import load_themes

    themes = {t.key: t for t in load_themes()}
    assert {k: themes[k].labels["zh"] for k in LABELS} == LABELS
    assert all(themes[k].terms.get("zh") for k in LABELS)
    # no Chinese term that French or English text could hold: a theme's French and
    # English shares stay as they were
    assert not any(term.isascii() for k in LABELS for term in themes[k].terms["zh"]
                   if not term[0].isdigit())


def test_report_page_in_chinese():
    """lang="zh" gives the page's own words in Chinese (the summary stays English), and a
    corpus mostly in Chinese gets Chinese by default."""
    from analysis.report.page import report_page
    from analysis.report.wording import report_language

    page = report_page(title=say("report_title", "zh", corpus="新闻"), summary="", figures=[],
                       lang="zh")
    assert '<html lang="zh">' in page and "<title>语料报告：新闻" in page
    assert all(word in page for word in ("摘要", "文件", "由 <code>analysis</code>"))
    docs = [SimpleNamespace(language=code) for code in ("zh", "zh", "en")]
    assert report_language(None, docs) == "zh" and report_language("en", docs) == "en"


def test_a_count_of_one_takes_the_singular_noun():
    import numpy as np

    assert say("sum_topic_size", "fr", docs=1, n=13) == "1 document, 13 unités"
    assert say("sum_topic_size", "fr", docs=np.int64(0), n=2) == "0 document, 2 unités"
    assert say("sum_topic_size", "en", docs=0, n=1) == "0 documents, 1 unit"
    assert say("topic_size", "en", docs=2, units=1) == "2 documents (main topic), 1 passage"
    assert "1 个文档" in say("time_note", "zh", n=2, busiest="x", docs=1)
