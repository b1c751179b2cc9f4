"""Clean wire and press text: boilerplate out, Unicode and quotes normalised.

Every rule is a small named step, and :func:`clean_text` records what each one
removed, so notebooks can show the original beside the cleaned text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from analysis.text.dates import DATELINE, parse_date

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
# ... and the named ones that lost their "&" ("quot;they", "Marks amp; Spencer"):
# the references a converter leaves in news text, decoded; a bare name without its
# ";" ("quot") is too like a word to decode, and is a stop word of the domain list
BARE_ENTITIES = ("quot", "amp", "apos", "lt", "gt", "nbsp", "laquo", "raquo", "lsquo",
                 "rsquo", "ldquo", "rdquo", "ndash", "mdash", "hellip", "eacute", "egrave",
                 "agrave", "ccedil")
_BARE_NAMED = re.compile(r"(?<![&\w])(" + "|".join(BARE_ENTITIES) + r");")
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


def _bare_named(match: re.Match) -> str:
    return html.unescape(f"&{match.group(1)};")


def normalise(text: str) -> str:
    """HTML character references decoded (with or without their "&": "&quot;",
    "quot;", "#39;"), NFKC, straight quotes, no-break spaces as spaces, Unix
    newlines, control and zero-width characters as spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if ";" in text:
        text = _BARE_NAMED.sub(_bare_named, text)
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


# -- page boilerplate: lines that repeat across a corpus ---------------------------
#
# A site or wire prints the same lines on every page ("我要评论", "编辑点评",
# "联系电话：010-...", "本报记者 张三", "Photo: Reuters", "About Acme Corp ..."): a
# line found in many documents of one corpus is not any one article's text. The
# rule is the corpus's, not a list of phrases, so it holds in every language. A
# short line (a byline, a contact) is compared with digits as 0 (phone numbers,
# dates), and also by its head, the text before its first colon or space
# ("本报记者", "联系电话", "Photo"), so the name or number after the head may
# differ. A document's first line (its
# headline) is never compared by its head, and a document is never emptied.

# A line is boilerplate when it is in at least this many documents...
REPEAT_MIN_DOCUMENTS = 3
# ... and in at least this share of them.
REPEAT_MIN_SHARE = 0.02
# A line at most this wide (display columns: a Chinese character is two) is
# short: compared by its head too.
SHORT_LINE_COLUMNS = 24
# A head is at least this wide (a Latin "By" or "Q" is not a head; "本报记者" is).
MIN_HEAD_COLUMNS = 4
_DIGITS = re.compile(r"\d+")
_HEAD = re.compile(r"^([^:：\s]+)([:：]|\s)")


def _line_key(line: str) -> str:
    """A line as compared: stripped (a cleaned text's lines are single-spaced), and
    for a line short enough to be a contact or a byline, its numbers as 0 (a
    longer repeated line repeats with its numbers)."""
    line = line.strip()
    return _DIGITS.sub("0", line) if len(line) <= 2 * SHORT_LINE_COLUMNS else line


def _head_key(key: str) -> str | None:
    """The head of a short line's key ("本报记者 " for "本报记者 张三"), or ``None``."""
    from analysis.text.width import display_width

    # (a line of more characters than twice the columns is never short: most
    # characters are one column, and few are none)
    if len(key) > 2 * SHORT_LINE_COLUMNS or display_width(key) > SHORT_LINE_COLUMNS:
        return None
    match = _HEAD.match(key)
    if not match or display_width(match.group(1)) < MIN_HEAD_COLUMNS:
        return None
    return match.group(1) + match.group(2).replace("\t", " ")


def _line_keys(text: str) -> tuple[set, set]:
    """The keys of the lines of ``text``, and the heads of its short lines (but
    the first)."""
    lines, heads = set(), set()
    first = True
    for line in text.split("\n"):
        key = _line_key(line)
        if not key:
            continue
        lines.add(key)
        if not first:
            head = _head_key(key)
            if head:
                heads.add(head)
        first = False
    return lines, heads


def repeated_lines(texts) -> tuple[frozenset, frozenset]:
    """``(lines, heads)`` that repeat across ``texts`` (a corpus's clean texts):
    line keys and short-line heads found in at least ``REPEAT_MIN_DOCUMENTS``
    texts and ``REPEAT_MIN_SHARE`` of them."""
    from collections import Counter

    texts = list(texts)
    need = max(REPEAT_MIN_DOCUMENTS, REPEAT_MIN_SHARE * len(texts))
    line_counts: Counter = Counter()
    head_counts: Counter = Counter()
    for text in texts:
        lines, heads = _line_keys(text)
        line_counts.update(lines)
        head_counts.update(heads)
    return (frozenset(k for k, n in line_counts.items() if n >= need),
            frozenset(k for k, n in head_counts.items() if n >= need))


def strip_lines(text: str, lines: frozenset, heads: frozenset,
                log: list | None = None) -> str:
    """``text`` without its lines whose key is in ``lines`` or, for a short line
    but the first, whose head is in ``heads``; unchanged when nothing would be
    left. Each removed line is logged as ``("repeated line", line)``."""
    if not (lines or heads):
        return text
    kept, removed = [], []
    first = True
    for line in text.split("\n"):
        key = _line_key(line)
        if key and (key in lines or (not first and _head_key(key) in heads)):
            removed.append(line.strip())
        else:
            kept.append(line)
        if key:
            first = False
    if not removed:
        return text
    new = _BLANKS.sub("\n\n", "\n".join(kept)).strip()
    if not new:
        return text
    if log is not None:
        log.extend(("repeated line", line) for line in removed)
    return new


def remove_repeated_lines(documents) -> int:
    """Remove the lines that repeat across a corpus (:func:`repeated_lines`) from
    each document's clean text, logging them in its ``removed`` list; returns the
    number of lines removed. Running it again removes nothing more."""
    documents = list(documents)
    lines, heads = repeated_lines(doc.clean for doc in documents)
    if not (lines or heads):
        return 0
    count = 0
    for doc in documents:
        log: list = []
        doc.clean = strip_lines(doc.clean, lines, heads, log)
        if log:
            doc.removed = [*doc.removed, *log]
            count += len(log)
    return count
