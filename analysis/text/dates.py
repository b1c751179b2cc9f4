"""Find the publication date of a wire story from its dateline.

Handles English and French datelines such as ``BEIJING, Jan. 3, 2026 /PRNewswire/ --``
and ``BEIJING, 4 janvier 2026``, Chinese dates (``2026年1月5日``), ISO dates
(``2026-01-04``), and a line near the top that holds a date and nothing else (the
date line of a Chinese news page, ``2026年1月5日 08:30``, or ``January 5, 2026``).

This module is the text package's (cleaning removes datelines and keeps their
date), so that :mod:`analysis.text` never imports :mod:`analysis.io`;
``analysis.io.dates`` gives the same names to the readers.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    # English, full and abbreviated
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "decembre": 12, "déc": 12,
}
_MONTH = r"(?P<month>[A-Za-zéèûÉ]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # Jan. 3, 2026
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}\b"),  # 4 janvier 2026
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),  # ISO
    # 2026年1月5日 (Chinese and Japanese; spaces allowed, full-width digits are made
    # ASCII by the cleaning's NFKC first)
    re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"),
]
# What may stand beside the date on a line that is only a date: a time, weekday
# names, brackets and punctuation.
_DATE_LINE_REST = re.compile(
    r"^[\s\d:：.,，/()（）【】\[\]\-–—]*(?:星期[一二三四五六日天]|周[一二三四五六日])?[\s\d:：]*$")
DATE_LINE_SEARCH = 3  # the first lines where a date standing alone is looked for
# A dateline: an upper-case place, a comma, a date, an optional wire tag and a dash.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý .'\-]{1,40}),\s*(?P<date>[^/\n]{6,30}?)\s*"
    r"(?:/[^/\n]{2,40}/\s*)?(?:--|—|–|-)\s*"
)


def parse_date(text: str) -> dt.date | None:
    """Return the first date written in ``text``, or ``None``."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("month")
            month_n = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            if month_n is None:
                continue
            try:
                return dt.date(int(match.group("year")), month_n, int(match.group("day")))
            except ValueError:
                continue
    return None


def dateline_date(text: str) -> dt.date | None:
    """The date in the dateline at the start of ``text``, if there is one."""
    head = text.lstrip()[:200]
    match = DATELINE.match(head)
    if match:
        return parse_date(match.group("date"))
    # A dateline without the dash: "BEIJING, 4 janvier 2026 ..."
    first = head.split("\n", 1)[0][:60]
    if re.match(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'\-]{1,40},", first):
        return parse_date(first)
    return date_line_date(text)


def date_line_date(text: str, search: int = DATE_LINE_SEARCH) -> dt.date | None:
    """The date of a line among the first ``search`` non-empty lines that holds a date
    and nothing else but a time or weekday (``2026年1月5日 08:30``, ``5 janvier 2026``)."""
    lines = [line.strip() for line in text.lstrip()[:600].split("\n") if line.strip()]
    for line in lines[:search]:
        if len(line) > 40:
            continue
        for pattern in _PATTERNS:
            match = pattern.search(line)
            if match is None:
                continue
            rest = line[:match.start()] + " " + line[match.end():]
            if _DATE_LINE_REST.match(rest):
                found = parse_date(match.group(0))
                if found is not None:
                    return found
    return None
