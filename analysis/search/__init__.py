"""Ask the corpus: :func:`search` (see :mod:`analysis.search.engine`)."""

from analysis.search.engine import DocumentIndex, search

__all__ = ["DocumentIndex", "search"]
