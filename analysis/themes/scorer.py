"""Per-unit theme shares and their explanations.

Each unit is scored against each theme (:mod:`analysis.themes.lexicon`) in two ways,
both shown in the explanations:

- **terms**: occurrences of the theme's terms, lemmatised by the same analyser as
  the text (so "usines" matches "usine", "intelligence artificielle" matches as a
  phrase), per 100 words of the unit;
- **meaning**: cosine similarity between the unit's embedding and the theme's
  (the mean of its descriptions' embeddings in every language), which also
  catches units that use none of the listed words.

The evidence for theme *t* is ``e_t = w_terms * min(1, hits_t / 3) + w_meaning *
max(0, (cos_t - floor) / (1 - floor))``. Shares are ``e_t / max(1, sum(e))``: they
sum to at most 1, and the remainder is "other". A document's shares are the
word-weighted mean of its units' shares.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from analysis.themes.lexicon import OTHER, load_themes


@dataclass
class ThemeScores:
    """Per-unit theme shares and the evidence behind them."""

    shares: pd.DataFrame        # unit_id, doc_id, language, <theme keys>, other
    explanations: pd.DataFrame  # unit_id, theme, matched terms, cosine, nearest description
    labels: dict[str, str]


class ThemeScorer(BaseEstimator):
    """Score units against themes (see the module docstring for the formula).

    Parameters
    ----------
    themes : list of Theme or None
        Default: the built-in lexicons.
    w_terms, w_meaning : float
        Weights of lexicon evidence and embedding evidence.
    floor : float
        Cosine below which a theme gets no evidence from meaning.
    saturation : float
        Lexicon hits in a unit at which its term evidence is full.
    """

    def __init__(self, themes=None, w_terms: float = 0.6, w_meaning: float = 0.6,
                 floor: float = 0.15, saturation: float = 3.0):
        self.themes = themes
        self.w_terms = w_terms
        self.w_meaning = w_meaning
        self.floor = floor
        self.saturation = saturation

    def fit(self, analyzer, encoder_fn):
        """Lemmatise the lexicons with ``analyzer`` and embed the descriptions with
        ``encoder_fn(texts) -> vectors`` (``None``: lexicon evidence only)."""
        self.themes_ = self.themes or load_themes()
        self.terms_ = []
        for theme in self.themes_:
            lemmas = {}
            for lang, terms in theme.terms.items():
                code = None if lang == "any" else lang
                for term in terms:
                    runs = analyzer.runs(term, code or analyzer.languages[0])
                    if len(runs) == 1:
                        lemmas[" ".join(word[0] for word in runs[0])] = term
            self.terms_.append(lemmas)
        self.centroids_ = None
        if encoder_fn is None:
            return self
        texts, owner = [], []
        for i, theme in enumerate(self.themes_):
            for text in (theme.descriptions.values() or [theme.label]):
                texts.append(text)
                owner.append(i)
        vectors = encoder_fn(texts)
        owner = np.array(owner)
        centroids = np.vstack([vectors[owner == i].mean(axis=0) for i in range(len(self.themes_))])
        self.centroids_ = centroids / np.linalg.norm(centroids, axis=1, keepdims=True)
        return self

    def lexicon_hits(self, counts, vectorizer):
        """Lexicon hits per unit and theme from a fitted count matrix (no re-analysis):
        a lexicon term counts where it is a column of the vectoriser."""
        from scipy import sparse

        check_is_fitted(self, "terms_")
        vocab = vectorizer.vocabulary_
        counts = sparse.csr_matrix(counts)
        hits = np.zeros((counts.shape[0], len(self.terms_)))
        matched = [[[] for _ in self.terms_] for _ in range(counts.shape[0])]
        for k, lexicon in enumerate(self.terms_):
            cols = sorted(vocab[t] for t in lexicon if t in vocab)
            if not cols:
                continue
            sub = counts[:, cols].tocsr()
            hits[:, k] = np.asarray(sub.sum(axis=1)).ravel()
            names = vectorizer.get_feature_names_out()[cols]
            for r in np.flatnonzero(hits[:, k]):
                row = sub.getrow(r)
                order = np.argsort(-row.data, kind="stable")
                matched[r][k] = [names[row.indices[i]] for i in order]
        return hits, matched

    def score(self, units: pd.DataFrame, embeddings: np.ndarray, analyzer,
              counts=None, vectorizer=None, hits=None) -> ThemeScores:
        """Shares and explanations. With the units' ``counts`` and their fitted
        ``vectorizer`` (the keyword step's), lexicon hits are read from the count
        matrix instead of analysing every unit again; ``hits``, the
        ``(hits, matched)`` pair :meth:`lexicon_hits` returned for them, skips that
        too."""
        check_is_fitted(self, "themes_")
        keys = [t.key for t in self.themes_]
        if self.centroids_ is None:
            cos = np.zeros((len(units), len(keys)))
        else:
            cos = embeddings @ self.centroids_.T
        if hits is not None:
            hits, matched = hits
        elif counts is not None and vectorizer is not None:
            hits, matched = self.lexicon_hits(counts, vectorizer)
        else:
            hits = np.zeros((len(units), len(keys)))
            matched = [[[] for _ in keys] for _ in range(len(units))]
            for r, (text, lang) in enumerate(zip(units["text"], units["language"])):
                terms = analyzer(text, lang)
                for k, lexicon in enumerate(self.terms_):
                    found = [t for t in terms if t in lexicon]
                    hits[r, k] = len(found)
                    matched[r][k] = sorted(set(found), key=found.index)
        evidence = (self.w_terms * np.minimum(1.0, hits / self.saturation)
                    + self.w_meaning * np.clip((cos - self.floor) / (1 - self.floor), 0, None))
        shares = evidence / np.maximum(1.0, evidence.sum(axis=1, keepdims=True))
        table = units[["unit_id", "doc_id", "language", "n_words"]].copy()
        for k, key in enumerate(keys):
            table[key] = shares[:, k]
        table[OTHER] = 1.0 - shares.sum(axis=1)
        rows = []
        for r, unit_id in enumerate(units["unit_id"]):
            best = int(np.argmax(shares[r])) if shares[r].max() > 0 else None
            nearest = int(np.argmax(cos[r]))
            rows.append({
                "unit_id": unit_id, "doc_id": units["doc_id"].iat[r],
                "theme": keys[best] if best is not None else OTHER,
                "share": round(float(shares[r, best]), 4) if best is not None else 0.0,
                "matched_terms": "; ".join(matched[r][best]) if best is not None else "",
                "nearest_description": self.themes_[nearest].label
                if self.centroids_ is not None else "",
                "cosine": round(float(cos[r, nearest]), 4),
                "text": units["text"].iat[r][:160],
            })
        return ThemeScores(table, pd.DataFrame(rows), {t.key: t.label for t in self.themes_})


def document_shares(unit_shares: pd.DataFrame, theme_keys) -> pd.DataFrame:
    """Word-weighted mean of unit shares per document (columns: themes + other)."""
    cols = [*theme_keys, OTHER]
    weighted = unit_shares[cols].mul(unit_shares["n_words"], axis=0)
    sums = weighted.groupby(unit_shares["doc_id"], sort=False).sum()
    totals = unit_shares.groupby("doc_id", sort=False)["n_words"].sum()
    return sums.div(totals, axis=0).reset_index()
