"""Split cleaned documents into paragraphs and sentences.

Sentences are split as the text's language profile splits them
(:meth:`analysis.text.lang.base.LanguageProfile.sentences`): after a full stop
followed by a space and a capital, abbreviations aside, in a spaced language; after
。！？； and any closing quote in Chinese.
"""

from __future__ import annotations

from analysis.text.lang import profile_for

UNITS = ("document", "paragraph", "sentence")


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


def split_units(text: str, unit: str, lang: str | None = None) -> list[str]:
    """Split a cleaned document into units of analysis."""
    if unit == "document":
        return [text] if text.strip() else []
    paras = paragraphs(text)
    if unit == "paragraph":
        return paras
    if unit == "sentence":
        return [s for p in paras for s in sentences(p, lang)]
    raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
