"""Split cleaned documents into paragraphs and sentences."""

from __future__ import annotations

import re

UNITS = ("document", "paragraph", "sentence")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "m", "mme", "mm", "st", "no", "vs", "etc", "co",
    "ltd", "inc", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "janv", "févr", "avr", "juil", "déc", "u.s", "u.k", "e.g", "i.e",
}
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-ZÀ-Ý0-9])")


def paragraphs(text: str) -> list[str]:
    """Paragraphs are blocks separated by blank lines; a text without blank
    lines has one paragraph per line."""
    text = text.strip()
    if not text:
        return []
    if "\n\n" in text:
        blocks = [" ".join(b.split("\n")) for b in text.split("\n\n")]
    else:
        blocks = text.split("\n")
    return [b.strip() for b in blocks if b.strip()]


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping common abbreviations intact."""
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start:match.start()].rstrip()
        last = candidate.rsplit(None, 1)[-1] if candidate else ""
        if last.rstrip(".").lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last):
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def split_units(text: str, unit: str) -> list[str]:
    """Split a cleaned document into units of analysis."""
    if unit == "document":
        return [text] if text.strip() else []
    paras = paragraphs(text)
    if unit == "paragraph":
        return paras
    if unit == "sentence":
        return [s for p in paras for s in sentences(p)]
    raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
