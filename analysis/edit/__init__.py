"""Merge and rename topics: :func:`edit` (see :mod:`analysis.edit.run`)."""

from analysis.edit.parse import parse_merges, parse_renames, read_labels
from analysis.edit.run import edit

__all__ = ["edit", "parse_merges", "parse_renames", "read_labels"]
