import datetime as dt
import time

import pytest

from analysis.io.dates import dateline_date, parse_date
from analysis.text.clean import clean_text
from analysis.text.segment import paragraphs, sentences, split_units


def test_dateline_and_boilerplate_removed():
    raw = ("BEIJING, Jan. 3, 2026 /PRNewswire/ -- Chinese President Xi said «hello».\n\n"
           "Speed Speed\n\nThe high -end chips of the world South South matter. See "
           "https://example.com/x now.\n\nVideo - https://www.youtube.com/watch?v=abc\n")
    result = clean_text(raw)
    assert result.text.startswith("Chinese President")
    for gone in ("PRNewswire", "Speed", "youtube", "https", "«"):
        assert gone not in result.text
    assert "high-end" in result.text
    # a repeated word inside a sentence is the text's own ("South South", "Walla
    # Walla", "Spend Spend Spend"): only a line made of one repeated token goes
    assert "world South South matter" in result.text
    rules = {rule for rule, _ in result.removed}
    assert {"dateline", "media link", "url", "repeated token"} <= rules


def test_french_repeated_pronoun_is_kept():
    assert "nous nous" in clean_text("Nous avons dit que nous nous engageons.").text


def test_dates():
    assert dateline_date("BEIJING, 4 janvier 2026 /PRNewswire/ -- Le") == dt.date(2026, 1, 4)
    assert dateline_date("BEIJING, Jan. 3, 2026 /PRNewswire/ -- The") == dt.date(2026, 1, 3)
    assert dateline_date("PARIS, 1er mars 2025 - Le") == dt.date(2025, 3, 1)
    assert dateline_date("The president said on Jan. 3, 2026 that") is None
    assert parse_date("2025-12-31") == dt.date(2025, 12, 31)


def test_segmentation():
    text = "First para. Mr. Smith left.\n\nSecond para with U.S. trade! Third? Yes."
    assert paragraphs(text) == ["First para. Mr. Smith left.",
                                "Second para with U.S. trade! Third? Yes."]
    assert sentences("M. Jin a parlé. Le pays accélérera.") == ["M. Jin a parlé.",
                                                                 "Le pays accélérera."]
    assert len(split_units(text, "sentence")) == 5
    assert paragraphs("line one\nline two") == ["line one", "line two"]


@pytest.mark.parametrize("raw, cleaned, date", [
    # a repeated-token line above the dateline: one clean finds the date and drops both
    ("Speed Speed\nPARIS, 4 janvier 2026 -- Le plan est adopté.", "Le plan est adopté.",
     dt.date(2026, 1, 4)),
    # a URL line above the dateline
    ("Video - https://x.example/v\nBEIJING, Jan. 3, 2026 /PRNewswire/ -- The plan.",
     "The plan.", dt.date(2026, 1, 3)),
    # real words are kept: a negative number, a repeated place name
    ("It fell to -5 degrees in Walla Walla.", "It fell to -5 degrees in Walla Walla.", None),
])
def test_one_clean_is_enough(raw, cleaned, date):
    result = clean_text(raw)
    assert result.text == cleaned
    assert result.date == date
    assert clean_text(result.text).text == result.text


def test_html_entities_and_invisible_characters():
    """Character references are decoded (so "quot" never becomes a keyword), and
    control and zero-width characters do not glue or split words."""
    raw = "He said &quot;no&quot; to the &lt;plan&gt; at #36; 5 &amp; more.\x00Then\u200bsome"
    assert clean_text(raw).text == 'He said "no" to the <plan> at $ 5 & more. Then some'


def test_entity_remnants_are_decoded_or_dropped():
    """A named reference that lost its "&" ("quot;they") is decoded like a whole
    one; a bare name that lost its ";" too is no keyword (the domain list)."""
    from analysis.text.analyzer import TextAnalyzer

    raw = "Critics said quot;they lied quot; about Marks amp; Spencer &quotdeals."
    text = clean_text(raw).text
    assert text == 'Critics said "they lied " about Marks & Spencer "deals.'
    assert clean_text(text).text == text
    # a word that only looks like one ("Lt;" is not "lt;") stays
    assert clean_text("Lt; Col").text == "Lt; Col"
    terms = TextAnalyzer(languages=("en",))("They said quot deals amp nbsp prices", "en")
    assert not {"quot", "amp", "nbsp"} & set(terms)
    assert {"deal", "price"} <= set(terms)


def test_a_headline_joins_the_paragraph_after_it():
    """A short first line without a final full stop (one or two, with a kicker)
    opens the first paragraph's unit on a line of its own, in every language;
    other paragraphs are units as before."""
    body = "The company said profits rose by a third in the last quarter of the year."
    second = "Analysts had expected less."
    assert split_units(f"Ad sales boost profit\n\n{body}\n\n{second}", "paragraph") == [
        f"Ad sales boost profit\n{body}", second]
    # a kicker above the headline, lines without blank lines between them
    assert split_units(f"Politics\nXI urges sound progress\n{body}", "paragraph") == [
        f"Politics\nXI urges sound progress\n{body}"]
    # the headline opens the first sentence unit
    assert split_units(f"Ad sales boost profit\n\n{body} {second}", "sentence") == [
        f"Ad sales boost profit\n{body}", second]
    fr = "Le Premier ministre a survécu jeudi à une motion de censure à l'Assemblée."
    assert split_units(f"Theresa May survit à la motion\n\n{fr}", "paragraph") == [
        f"Theresa May survit à la motion\n{fr}"]
    zh = "国务院总理在北京主持召开会议，研究部署人工智能发展。"
    assert split_units(f"人工智能发展提速\n\n{zh}", "paragraph", "zh") == [
        f"人工智能发展提速\n{zh}"]
    # not a headline: a first paragraph ending with a full stop, a short paragraph
    # further down, three short lines in a row (a list), a document of one line
    assert split_units(f"{second}\n\n{body}", "paragraph") == [second, body]
    assert split_units(f"{body}\n\nShort line\n\n{second}", "paragraph") == [
        body, "Short line", second]
    assert split_units(f"one\ntwo\nthree\n{body}", "paragraph") == [
        "one", "two", "three", body]
    assert split_units("Ad sales boost profit", "paragraph") == ["Ad sales boost profit"]
    assert split_units(f"Ad sales boost profit\n\n{body}", "document") == [
        f"Ad sales boost profit\n\n{body}"]


def _seconds(text: str) -> float:
    """CPU seconds of one clean (CPU time, so other processes on the machine do not
    count)."""
    start = time.process_time()
    clean_text(text)
    return time.process_time() - start


@pytest.mark.parametrize("piece", [
    "A-",                   # "the the" then A-A-A-...: was quadratic in the repeated-cap rule
    "Speed ",               # one repeated word
    " -a",                  # spaced hyphens
    "\n \n",                # blank lines
    "&amp;",                # entities
    "amp;",                 # entities that lost their "&"
    "www.x ",               # URL-like tokens
    ": ",                   # leading colons
])
def test_cleaning_time_is_linear(piece):
    """Every rule runs in linear time: 8 times the input takes well under 8 x 8 =
    64 times as long (a quadratic rule takes about 64 times; linear about 8, and up
    to about 12 once the text outgrows the CPU's caches)."""
    small = "the the\n" + piece * 50_000
    large = "the the\n" + piece * 400_000
    _seconds(small)  # warm up
    runs = [(_seconds(small), _seconds(large)) for _ in range(4)]
    t_small, t_large = min(r[0] for r in runs), min(r[1] for r in runs)
    assert t_large < 30 * max(t_small, 1e-3)


def test_odd_space_class_is_every_whitespace_but_space_and_newline():
    import sys

    from analysis.text.clean import _ODD_SPACE

    spaces = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    matched = {c for c in spaces if _ODD_SPACE.fullmatch(c)}
    assert matched == spaces - {" ", "\n"}
    assert not _ODD_SPACE.search("plain words only\nand lines")


@pytest.mark.parametrize("raw", ["a\u2028b  c", "a\tb", " lead\ntrail ", "x \ny", "x\n y",
                                 "a\u3000b", "a\x85b", "a\u00a0\u00a0b"])
def test_lines_keep_one_space_between_words(raw):
    text = clean_text(raw).text
    assert all(line == " ".join(line.split()) for line in text.split("\n"))
