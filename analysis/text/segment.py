"""Split cleaned documents into paragraphs and sentences.

Sentences are split as the text's language profile splits them
(:meth:`analysis.text.lang.base.LanguageProfile.sentences`): after a full stop
followed by a space and a capital, abbreviations aside, in a spaced language; after
。！？； and any closing quote in Chinese.

A document's headline is not a unit of its own (:func:`join_headline`): the short
first line of a "headline + body" text (a news file, a MasakhaNEWS or Le Monde
row) joins the paragraph that follows it, on a line of its own, so that no topic
forms of headlines alone and a headline's few words do not outweigh its article's.
"""

from __future__ import annotations

from analysis.text.lang import profile_for

UNITS = ("document", "paragraph", "sentence")

# A headline is at most this wide (display columns: a Chinese character is two;
# the loader's title is at most 150 characters too) ...
HEADLINE_COLUMNS = 150
# ... and does not end as a sentence or a clause does.
HEADLINE_NOT_END = (".", ":", ";", ",", "。", "：", "；", "，")
# At most this many short lines open a document as its headline (a kicker such as
# "Politics" above the headline itself); more short lines in a row are a list.
HEADLINE_LINES = 2


def paragraphs(text: str) -> list[str]:
    """Paragraphs are blocks separated by blank lines; a text without blank
    lines has one paragraph per line."""
    text = text.strip()
    if not text:
        return []
    if "\n\n" in text:
        blocks = [_join_lines(b.split("\n")) for b in text.split("\n\n")]
    else:
        blocks = text.split("\n")
    return [b.strip() for b in blocks if b.strip()]


def _join_lines(lines: list[str]) -> str:
    """The lines of a paragraph as one: with a space, as the words of a spaced
    language are, or without one where the lines are cut in a language written
    without spaces (as its profile joins words)."""
    if len(lines) == 1:
        return lines[0]
    out = lines[0]
    for line in lines[1:]:
        if out and line and not out.isascii() and not line.isascii():
            out = profile_for(None, out[-1] + line[:1]).join((out, line))
            continue
        out = f"{out} {line}"
    return out


def sentences(text: str, lang: str | None = None) -> list[str]:
    """Split a paragraph into sentences, as the profile of ``lang`` (or, when it
    is not given, of the text's script) does."""
    return profile_for(lang, text).sentences(text)


def is_headline(paragraph: str) -> bool:
    """Whether a paragraph reads as a headline: one line, at most
    ``HEADLINE_COLUMNS`` wide, with no final full stop, colon, semicolon or comma
    (in any script)."""
    from analysis.text.width import display_width

    return ("\n" not in paragraph and not paragraph.endswith(HEADLINE_NOT_END)
            and len(paragraph) <= HEADLINE_COLUMNS
            and display_width(paragraph) <= HEADLINE_COLUMNS)


def join_headline(paras: list[str]) -> list[str]:
    """The paragraphs of a document with its headline joined to the paragraph
    after it.

    The rule, the same in every language: when a document opens with one or two
    headline paragraphs (:func:`is_headline`: short, one line, no final full
    stop; two for a kicker such as "Politics" above the headline) and an ordinary
    paragraph follows them, they and that paragraph are one unit, each headline
    line on a line of its own ("Headline\nFirst paragraph ..."): the analyser
    lets no phrase run from a line into a next one that starts with a capital,
    and reads a title-case line's capitals as saying nothing. Three or more short
    lines in a row open a list, not a headline, and are left as they are; so is
    every other paragraph (a short paragraph further down is not a headline), and
    a document of one paragraph.
    """
    lead = 0
    while lead < len(paras) and lead <= HEADLINE_LINES and is_headline(paras[lead]):
        lead += 1
    if not lead or lead > HEADLINE_LINES or lead >= len(paras):
        return paras
    return ["\n".join(paras[:lead + 1]), *paras[lead + 1:]]


def split_units(text: str, unit: str, lang: str | None = None) -> list[str]:
    """Split a cleaned document into units of analysis: the whole text, its
    paragraphs, or their sentences; a headline joins the paragraph after it
    (:func:`join_headline`), so it opens that paragraph's first sentence too."""
    if unit == "document":
        return [text] if text.strip() else []
    paras = join_headline(paragraphs(text))
    if unit == "paragraph":
        return paras
    if unit == "sentence":
        return [s for p in paras for s in sentences(p, lang)]
    raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
