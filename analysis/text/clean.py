"""Clean wire and press text: boilerplate out, Unicode and quotes normalised.

Every rule is a small named step, and :func:`clean_text` records what each one
removed, so notebooks can show the original beside the cleaned text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from analysis.io.dates import DATELINE, parse_date

_QUOTES = (("«", '"'), ("»", '"'), ("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'),
           ("″", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"), ("‛", "'"), ("′", "'"),
           ("\u00a0", " "), ("\u202f", " "))
_VIDEO_LINE = re.compile(r"^\s*(?:vid[ée]o|photo|audio)\s*[-–—:]\s*\S+\s*$", re.I | re.M)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SOLO_REPEAT_LINE = re.compile(r"^[ \t]*(\w+)(?:[ \t]+\1)+[ \t]*$", re.M | re.I)
# " -" starts the pattern so the regex engine can search for it as a literal; the
# letter before it is checked in _join_hyphen ("to -5 degrees" keeps its space)
_SPACED_HYPHEN = re.compile(r" -(?=[^\W\d_])")
# HTML character references (&quot; &#36; &#x27;), and the numeric ones whose "&" a
# converter dropped ("#36;" in wire text)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_BARE_NUMERIC = re.compile(r"(?<![&\w])#(\d{2,3});")
# control characters (but tab and newline), zero-width spaces and the BOM
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` with lone surrogates (from text that was never valid Unicode, such as
    a JSON ``"\\ud800"`` escape) as U+FFFD, so it can be encoded, hashed and shown."""
    return _SURROGATE.sub("\ufffd", text)
_LEADING_COLON = re.compile(r"^\s*:\s*", re.M)
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass
class CleanResult:
    """The cleaned text, a log of what was taken out rule by rule, and the date of
    the dateline that was removed (if one was)."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    date: object = None


def _sub(pattern: re.Pattern, repl, text: str, rule: str, log: list) -> str:
    def record(match: re.Match) -> str:
        new = repl(match) if callable(repl) else match.expand(repl)
        log.append((rule, match.group(0).strip()))
        return new

    return pattern.sub(record, text)


def _bare_numeric(match: re.Match) -> str:
    code = int(match.group(1))
    return chr(code) if 32 <= code < 127 else match.group(0)


def normalise(text: str) -> str:
    """HTML character references decoded, NFKC, straight quotes, no-break spaces as
    spaces, Unix newlines, control and zero-width characters as spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if "#" in text:
        text = _BARE_NUMERIC.sub(_bare_numeric, text)
    if not text.isascii():
        text = valid_text(text)
        text = unicodedata.normalize("NFKC", text)
        for old, new in _QUOTES:  # str.replace per character: faster than str.translate
            if old in text:
                text = text.replace(old, new)
    return _INVISIBLE.sub(" ", text)


# every character that str.split() takes for whitespace, but space and newline
# (tests/test_clean.py checks this list against str.isspace)
_ODD_SPACE = re.compile("[\t\x0b-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029"
                        "\u202f\u205f\u3000]")


def _spaced_lines(text: str) -> bool:
    """Whether each line of ``text`` is already its words joined by one space (no
    other whitespace, none at either end): the common case, tested with substring
    searches instead of splitting every line."""
    return not ("  " in text or " \n" in text or "\n " in text or text[:1] == " "
                or text[-1:] == " " or _ODD_SPACE.search(text))


def _join_hyphen(match: re.Match) -> str:
    """"high -end" -> "high-end": a space before a hyphen, between letters."""
    i = match.start()
    before = match.string[i - 1] if i else " "
    return "-" if before.isalpha() else match.group(0)


def strip_dateline(text: str, log: list | None = None) -> str:
    """Remove a leading ``PLACE, date /Wire/ --`` dateline."""
    match = DATELINE.match(text)
    if match and parse_date(match.group("date")):
        if log is not None:
            log.append(("dateline", match.group(0).strip()))
        return text[match.end():]
    return text


# Each pass only removes or joins, so the text is stable after a few; a rule that
# uncovers another (a dateline under a repeated-token line) is met on the next pass.
MAX_PASSES = 5


def _clean_pass(text: str, log: list) -> str:
    text = normalise(text)
    text = strip_dateline(text.lstrip(), log)
    # Each rule runs only where a cheap test says it can match (BBC-sized corpora
    # spend most of the cleaning time in regex scans that find nothing).
    lowered = text.lower()
    if "://" in text or "www." in lowered:
        text = _sub(_VIDEO_LINE, "", text, "media link", log)
        text = _sub(_URL, "", text, "url", log)
    text = _sub(_SOLO_REPEAT_LINE, "", text, "repeated token", log)
    if " -" in text:
        text = _SPACED_HYPHEN.sub(_join_hyphen, text)
    if ":" in text:
        text = _LEADING_COLON.sub("", text)
    # runs of whitespace inside a line (spaces, tabs, and the rarer Unicode spaces and
    # separators such as U+0085 or U+2028) become one space; lines are stripped
    if not _spaced_lines(text):
        text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    return _BLANKS.sub("\n\n", text).strip()


def clean_text(text: str) -> CleanResult:
    """Clean one document. Paragraph breaks (blank lines) are kept, and cleaning a
    cleaned text changes nothing (the rules run until the text is stable)."""
    log: list[tuple[str, str]] = []
    for _ in range(MAX_PASSES):
        cleaned = _clean_pass(text, log)
        if cleaned == text:
            break
        text = cleaned
    dates = [parse_date(found) for rule, found in log if rule == "dateline"]
    return CleanResult(text=text, removed=log, date=next((d for d in dates if d), None))
