import datetime as dt

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
    assert "high-end" in result.text and "South South" not in result.text
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
