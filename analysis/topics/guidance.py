"""Guided topics, only where the themes fit the corpus.

Guidance pulls each unit that names a theme's lexicon terms a quarter of the way
towards that theme's description embedding before clustering (the weighting of
BERTopic's guided mode), so topics form around the themes. On a corpus about
something else that only bends its topics out of shape (reported on held-out
English news: NMI 0.61 unguided, 0.42 guided), so in ``"auto"`` mode guidance is
on only when the corpus is about the themes: when theme lexicon terms make up at
least :data:`MIN_DENSITY` of all the term occurrences counted in the corpus.
Measured (``bench/bench_topics.py --calibrate``, ``bench/RESULTS.md``): the
bundled corpus 0.119 (by paragraph or by document alike); BBC 0.0056; MasakhaNEWS
French + English 0.0041. The threshold sits between them, a factor of about 5
from each side. (The share of units naming at least one theme term separates them
far less: 0.98 against 0.37 and 0.40.)
"""

from __future__ import annotations

import numpy as np

from analysis.errors import UserInputError
from analysis.topics.clustering import normalise_rows

MIN_DENSITY = 0.025
PULL = 0.25
MODES = ("auto", "on", "off")


def coverage(hits: np.ndarray) -> float:
    """Share of units with at least one lexicon hit (``hits``: units × themes)."""
    hits = np.asarray(hits)
    return float((hits.sum(axis=1) > 0).mean()) if len(hits) else 0.0


def density(hits: np.ndarray, counts) -> float:
    """Lexicon hits per counted term occurrence, over the whole corpus."""
    total = float(counts.sum())
    return float(np.asarray(hits).sum()) / total if total else 0.0


def use_guidance(mode: str, hits: np.ndarray, counts) -> tuple[bool, str]:
    """Whether to guide, and why, for ``mode`` in ``auto``/``on``/``off``; ``counts``
    is the units' term-count matrix that ``hits`` were read from."""
    if mode not in MODES:
        raise UserInputError(f"--guided must be one of {', '.join(MODES)}, not '{mode}'.")
    share = density(hits, counts)
    said = f"theme terms are {share:.1%} of term occurrences"
    if mode == "on":
        return True, f"guided by the themes (asked for; {said})"
    if mode == "off":
        return False, "not guided (asked for)"
    if share >= MIN_DENSITY:
        return True, f"guided by the themes: {said} (threshold {MIN_DENSITY:.1%})"
    return False, (f"not guided: {said} (threshold {MIN_DENSITY:.1%}), so the corpus is "
                   "not about the themes")


def guide(embeddings: np.ndarray, hits: np.ndarray, centroids: np.ndarray,
          pull: float = PULL) -> np.ndarray:
    """Unit vectors pulled ``pull`` of the way towards the centroid of the theme with
    the most lexicon hits (ties: the first theme); units without hits are kept."""
    out = np.array(embeddings, dtype=np.float64, copy=True)
    hits = np.asarray(hits)
    named = np.flatnonzero(hits.sum(axis=1) > 0)
    if len(named) == 0:
        return out
    best = np.argmax(hits[named], axis=1)  # argmax returns the first maximum
    out[named] = (1 - pull) * out[named] + pull * np.asarray(centroids, np.float64)[best]
    return normalise_rows(out)
