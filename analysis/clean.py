"""Clean wire and press text: boilerplate out, Unicode and quotes normalised.

Every rule is a small named step, and :func:`clean_text` records what each one
removed, so notebooks can show the original beside the cleaned text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .dates import DATELINE, parse_date

_QUOTES = str.maketrans({
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "\u00a0": " ", "\u202f": " ",
})
_VIDEO_LINE = re.compile(r"^\s*(?:vid[ée]o|photo|audio)\s*[-–—:]\s*\S+\s*$", re.I | re.M)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SOLO_REPEAT_LINE = re.compile(r"^\s*(\w+)(?:\s+\1)+\s*$", re.M | re.I)
_REPEATED_CAP = re.compile(r"\b([A-ZÀ-Ý][\w'-]+)(\s+\1\b)+")
_SPACED_HYPHEN = re.compile(r"(?<=\w) -(?=\w)")
_LEADING_COLON = re.compile(r"^\s*:\s*", re.M)
_SPACES = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass
class CleanResult:
    """The cleaned text and a log of what was taken out, rule by rule."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)


def _sub(pattern: re.Pattern, repl, text: str, rule: str, log: list) -> str:
    def record(match: re.Match) -> str:
        new = repl(match) if callable(repl) else match.expand(repl)
        log.append((rule, match.group(0).strip()))
        return new

    return pattern.sub(record, text)


def normalise(text: str) -> str:
    """NFKC, straight quotes, no-break spaces as spaces, Unix newlines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return text


def _has_repeated_word(text: str) -> bool:
    words = text.split()
    return any(a == b for a, b in zip(words, words[1:]))


def strip_dateline(text: str, log: list | None = None) -> str:
    """Remove a leading ``PLACE, date /Wire/ --`` dateline."""
    match = DATELINE.match(text)
    if match and parse_date(match.group("date")):
        if log is not None:
            log.append(("dateline", match.group(0).strip()))
        return text[match.end():]
    return text


def clean_text(text: str) -> CleanResult:
    """Clean one document. Paragraph breaks (blank lines) are kept."""
    log: list[tuple[str, str]] = []
    text = normalise(text)
    text = strip_dateline(text.lstrip(), log)
    # Each rule runs only where a cheap test says it can match (BBC-sized corpora
    # spend most of the cleaning time in regex scans that find nothing).
    lowered = text.lower()
    if "://" in text or "www." in lowered:
        text = _sub(_VIDEO_LINE, "", text, "media link", log)
        text = _sub(_URL, "", text, "url", log)
    if _has_repeated_word(text):
        text = _sub(_SOLO_REPEAT_LINE, "", text, "repeated token", log)
        text = _sub(_REPEATED_CAP, r"\1", text, "repeated token", log)
    if " -" in text:
        text = _SPACED_HYPHEN.sub("-", text)
    if ":" in text:
        text = _LEADING_COLON.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    return CleanResult(text=text, removed=log)
