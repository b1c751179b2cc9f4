"""Clean wire and press text: boilerplate out, Unicode and quotes normalised.

Every rule is a small named step, and :func:`clean_text` records what each one
removed, so notebooks can show the original beside the cleaned text.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import islice

from analysis.io.dates import DATELINE, parse_date

_QUOTES = (("«", '"'), ("»", '"'), ("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'),
           ("″", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"), ("‛", "'"), ("′", "'"),
           ("\u00a0", " "), ("\u202f", " "))
_VIDEO_LINE = re.compile(r"^\s*(?:vid[ée]o|photo|audio)\s*[-–—:]\s*\S+\s*$", re.I | re.M)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SOLO_REPEAT_LINE = re.compile(r"^\s*(\w+)(?:\s+\1)+\s*$", re.M | re.I)
_REPEATED_CAP = re.compile(r"\b([A-ZÀ-Ý][\w'-]+)(\s+\1\b)+")
# " -" starts the pattern so the regex engine can search for it as a literal; the
# word character before it is checked in _join_hyphen
_SPACED_HYPHEN = re.compile(r" -(?=\w)")
_LEADING_COLON = re.compile(r"^\s*:\s*", re.M)
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
        text = unicodedata.normalize("NFKC", text)
        for old, new in _QUOTES:  # str.replace per character: faster than str.translate
            if old in text:
                text = text.replace(old, new)
    return text


def _has_repeated_word(text: str) -> bool:
    words = text.split()
    return any(map(operator.eq, words, islice(words, 1, None)))


def _join_hyphen(match: re.Match) -> str:
    """"high -end" -> "high-end": a space before a hyphen, between word characters."""
    i = match.start()
    before = match.string[i - 1] if i else " "
    return "-" if before.isalnum() or before == "_" else match.group(0)


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
        text = _SPACED_HYPHEN.sub(_join_hyphen, text)
    if ":" in text:
        text = _LEADING_COLON.sub("", text)
    # runs of whitespace inside a line (spaces, tabs, and the rarer Unicode spaces and
    # separators such as U+0085 or U+2028) become one space; lines are stripped
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    return CleanResult(text=text, removed=log)
