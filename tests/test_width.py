"""Display width, shortening and wrapping of labels in Chinese and Latin text."""

import random
import textwrap

import pytest

from analysis.text.width import (
    cut_to_width,
    display_width,
    fill_to_width,
    shorten_to_width,
    wrap_to_width,
)

ZH = "国务院关于加快发展人工智能产业的指导意见"


def test_display_width():
    assert display_width("") == 0
    assert display_width("abc") == 3
    assert display_width("人工智能") == 8
    assert display_width("ＡＢ") == 4  # fullwidth forms
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert display_width("AI 治理") == 7


def test_unspaced_chinese_is_cut_between_characters():
    short = shorten_to_width(ZH, 20)
    assert short == "国务院关于加快发展…"
    assert display_width(short) <= 20
    # what the figures did: a label of 20 characters was kept whole (40 columns), a
    # longer one became the bare placeholder
    assert textwrap.shorten(ZH, 20, placeholder="…") == ZH
    assert textwrap.shorten(ZH + "。", 20, placeholder="…") == "…"


@pytest.mark.parametrize("text", [ZH, "Supercalifragilisticexpialidocious", "国", "ab c",
                                  "人工 智能治理框架与标准", "x" * 50])
@pytest.mark.parametrize("width", [1, 2, 3, 5, 12, 28])
def test_never_the_placeholder_alone(text, width):
    short = shorten_to_width(text, width)
    assert short != "…" and short.strip("…")
    assert text.replace(" ", "").startswith(short.rstrip("…").replace(" ", ""))
    if display_width(text) <= width:
        assert short == text
    elif width >= 3:
        assert display_width(short) <= width


def test_cut_where_a_line_may_break():
    """At a space, or between two Chinese characters; a Latin word stays whole."""
    assert shorten_to_width("国务院 关于 加快发展人工智能产业的指导意见", 20) == \
        "国务院 关于 加快发…"
    assert shorten_to_width("AI 治理 新规 发布 会议", 12) == "AI 治理 新…"
    assert shorten_to_width("AI 治理 新规 发布 会议", 13) == "AI 治理 新规…"
    assert shorten_to_width("数字经济 governance framework", 20) == "数字经济 governance…"
    assert shorten_to_width("人工智能，数据，平台", 12) == "人工智能…"  # no "，…"
    # a long clause after a short first word is cut, not dropped (the similarity
    # figure's "[zh] " labels)
    assert shorten_to_width("[zh] 隆多19助攻追平前辈传奇纪录 绿军胜负就靠他掌控", 30) == \
        "[zh] 隆多19助攻追平前辈传奇纪…"
    assert shorten_to_width("hello world foo bar", 12) == "hello world…"


def test_combining_marks_stay_with_their_letter():
    text = "e\u0301" * 10
    short = shorten_to_width(text, 4)
    assert short == "e\u0301" * 3 + "…"
    assert not short.rstrip("…").endswith("e")


def test_empty_and_whitespace():
    assert shorten_to_width("", 5) == ""
    assert shorten_to_width("  a \n b  ", 5) == "a b"
    assert wrap_to_width("", 10) == []
    assert fill_to_width("", 10) == ""


def test_latin_text_as_textwrap_does_it():
    """French and English labels are cut and wrapped as before, so their figures keep
    the same bytes."""
    rng = random.Random(7)
    words = ["économie", "réelle", "AI", "state-of-the-art", "d'achat", "pouvoir",
             "x", "governance", "industrial", "chain", "—", "13e", "Harvey", "Weinstein"]
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        width = rng.randint(12, 72)
        expected = textwrap.shorten(text, width=width, placeholder="…")
        if expected != "…":
            assert shorten_to_width(text, width) == expected
        assert wrap_to_width(text, width) == textwrap.wrap(text, width)
        assert fill_to_width(text, width) == textwrap.fill(text, width)


def test_wrap_chinese_by_columns():
    lines = wrap_to_width(ZH + "，今天发布。AI governance 规则", 12)
    assert all(display_width(line) <= 12 for line in lines)
    assert "".join(lines).replace(" ", "") == (ZH + "，今天发布。AIgovernance规则")
    # a closing mark never starts a line
    assert not any(line[0] in "，。" for line in lines)
    assert wrap_to_width("人工智能治理", 8) == ["人工智能", "治理"]


def test_wrap_keeps_latin_words_whole_in_mixed_text():
    lines = wrap_to_width("数字经济 digital economy 平台", 10)
    assert "digital" in lines[1] or "digital" in lines[0]
    assert all(display_width(line) <= 10 for line in lines)
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines)


def test_cut_to_width():
    assert cut_to_width("hello world", 5) == "hello"  # as text[:5]
    assert cut_to_width(ZH, 5) == "国务"  # never half a character
    assert cut_to_width("e\u0301e\u0301", 1) == "e\u0301"
    assert cut_to_width("abc", 0) == "" and cut_to_width("", 3) == ""
