"""Dates of wire stories, for the corpus readers: the parsing lives in
:mod:`analysis.text.dates` (the cleaning step needs it too, and ``text`` never
imports ``io``); this module gives the readers the same names."""

from analysis.text.dates import DATELINE, dateline_date, parse_date

__all__ = ["DATELINE", "dateline_date", "parse_date"]
