"""Each theme found or not, with a confidence, per unit and per document.

Every theme is judged on its own (adding a theme never changes another's answer)
from two kinds of evidence, both shown in the explanations:

- **meaning**: the unit's cosine to the theme (its description in the unit's
  language, with its example passages) minus its cosine to the nearest of a fixed
  list of ordinary news subjects (:mod:`analysis.themes.background`) and of the
  theme's own contrasts (the neighbouring subjects its themes file says it is not).
  The margin is positive only where the unit is closer to the theme than to
  everything ordinary.
- **terms**: the theme's terms the unit names, each weighted by its specificity in
  general language (:mod:`analysis.themes.specificity`). A generic term ("data",
  "model", "industry") counts only beside specific evidence: a specific term, or a
  positive meaning margin. A phrase the analyser would read without one of its
  words ("large model" as "model", "face recognition" without the stop word "face")
  is looked for as written in the unit's text instead.

``evidence = margin / MARGIN_UNIT + TERM_WEIGHT * min(TERM_CAP, specific + generic)``
and ``confidence = 1 / (1 + exp(-STEEPNESS * (evidence - threshold)))``; a unit is
about the theme when its confidence reaches 0.5. A theme may require terms
(``requires`` in the themes file: AI governance requires AI to be named); they are a
gate, not evidence (naming AI does not make a text about its governance; a required
term counts as evidence only where the theme's terms list it too). Where a document
names none of them, its units' confidences are halved (so below 0.5) and the theme
is not found in it. A theme that requires terms may also name its ``aspect``: what it
says about that subject (AI governance: law, regulation, oversight, ethics, rights,
liability...; they count as its terms too). A unit then counts only where its
passage (the unit and ``reach`` units either side of it in its document) names a
required term and the aspect (a specific aspect term, or two generic ones); elsewhere
its confidence is halved too.
A document is about a theme when its most supportive unit is (its confidence is that
unit's); its share is the word-weighted share of its units that are about it.
Nothing in the decision depends on the other documents of the corpus, so a document
gets the same answer alone or inside any corpus; how unusual a passage is within its
corpus is given beside it (``corpus_percentile``) for the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from analysis.themes.background import load_background
from analysis.themes.examples import resolve_examples
from analysis.themes.hits import analysed_hits, lexicon_hits
from analysis.themes.lexicon import load_themes
from analysis.themes.specificity import MIN_SPECIFIC, term_specificity

# Evidence scale: a margin of MARGIN_UNIT in cosine is worth one unit of evidence,
# as is TERM_WEIGHT's share of a fully specific term.
MARGIN_UNIT = 0.075
TERM_WEIGHT = 1.0
TERM_CAP = 2.0
GENERIC_WEIGHT = 0.25
STEEPNESS = 2.0
# A unit is judged in its document's context: its vector plus CONTEXT times its
# document's mean vector (a headline alone is too short to be judged by meaning).
CONTEXT = 1.0
# An ordinary subject at least this close to a theme is left out of its background.
EXCLUDE = 0.35
# A passage, for a theme's aspect (see names_required): a unit and this many units
# either side of it.
REACH = 1
# The evidence at which confidence is 0.5 (see bench/bench_themes.py --calibrate and
# bench/RESULTS.md for how it was set).
THRESHOLD = 1.5


@dataclass
class ThemeDetection:
    """Per-unit answers, per-document answers and the explanations behind them."""

    units: pd.DataFrame       # unit_id, doc_id, language, n_words, <key>_found, ...
    documents: pd.DataFrame   # doc_id, <key>_found, <key>_confidence, <key>_share
    explanations: pd.DataFrame
    labels: dict


def _normalise(vectors):
    vectors = np.asarray(vectors, dtype=np.float64)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)


# Cosines are computed on vectors snapped to a grid of 2**-GRID_BITS: every product
# and partial sum is then an integer below 2**53, so the matrix product is exact in
# float64 whatever order the BLAS kernel sums in, and the confidences are the same on
# every machine (a kernel's rounding once moved a fourth decimal). With 20 bits a
# product is below 2**40 and a sum of up to 4,096 of them below 2**52; the snap moves
# a cosine by about 1e-6, far below the 4 decimals written.
GRID_BITS = 20


def _snap(vectors):
    return np.rint(np.asarray(vectors, dtype=np.float64) * 2.0 ** GRID_BITS)


def exact_cosines(a, b):
    """``a @ b.T`` (or ``a @ b``) of unit vectors, the same on every machine."""
    return (_snap(a) @ _snap(b).T) / 4.0 ** GRID_BITS


def passage_any(flags, codes, reach: int):
    """Per unit: whether ``flags`` holds for it or for one of the ``reach`` units before
    or after it in the same document (``codes``: each unit's document, units in
    document order)."""
    flags = np.asarray(flags, dtype=bool)
    codes = np.asarray(codes)
    out = flags.copy()
    for step in range(1, reach + 1):
        same = codes[step:] == codes[:-step]
        out[step:] |= flags[:-step] & same
        out[:-step] |= flags[step:] & same
    return out


def raw_key(term: str) -> str:
    """The name, in the matched terms, of a term matched as written."""
    return " ".join(term.lower().split())


def raw_pattern(term: str, lang: str) -> str:
    """A regular expression finding ``term`` as written: a theme term the analyser
    cannot read as one phrase (a stop word inside it: "face recognition", "assembly
    line", "nom de domaine") is looked for in the unit's text instead of being left
    out, as a whole phrase or its plural in -s or -es (words apart by any space, case
    ignored unless the term is in capitals; in Chinese and Japanese, anywhere in the
    text)."""
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    if lang in ("zh", "ja"):
        return body
    flags = "" if term.isupper() else "(?i)"
    return rf"{flags}(?<!\w){body}(?:s|es)?(?!\w)"  # a plural too


def raw_hits(matched, texts, raw_terms):
    """``matched`` (per unit and theme, the terms found) with the terms matched as
    written (``raw_terms``: per theme, key -> pattern) added; a new list."""
    out = [[list(terms) for terms in row] for row in matched]
    texts = pd.Series(list(texts), dtype=object).fillna("").astype(str)
    for t, patterns in enumerate(raw_terms):
        for key, pattern in patterns.items():
            for r in np.flatnonzero(texts.str.contains(pattern, regex=True).to_numpy()):
                if key not in out[r][t]:
                    out[r][t].append(key)
    return out


def term_lemma(analyzer, term: str, lang: str):
    """The lemmatised form of a theme term as the units' count matrix names it, or
    ``None`` where the analyser reads it as no phrase, as several, or without one of
    its words (a stop word or a number inside it: "large model" would be read as
    "model"). An acronym alone ("AI") would be read as a headline in capitals
    and lower-cased; it is read beside a lower-case stop word instead, as in a text."""
    runs = analyzer.runs(term, lang)
    if not runs and term.isupper():
        runs = analyzer.runs(f"{term} a", lang)
    if len(runs) != 1 or len(runs[0]) < len(term.split()):
        return None  # a word of it is a stop word: the phrase would be read without it
    if lang in ("zh", "ja") and "".join(w[0] for w in runs[0]) != "".join(term.split()):
        return None  # read without one of its characters ("云计算" as "计算")
    return " ".join(word[0] for word in runs[0])


class ThemeDetector(BaseEstimator):
    """Find each theme in units and documents (see the module docstring).

    Parameters
    ----------
    themes : list of Theme or None
        Default: the built-in themes.
    threshold : float
        Evidence at which a theme is found (confidence 0.5).
    margin_unit, term_weight, generic_weight, steepness : float
        The evidence's scale (see the module docstring).
    context : float
        Weight of the unit's document (its mean unit vector) in the vector a unit
        is judged by: 0 judges each unit alone, 1 a unit and its document equally.
    exclude : float
        An ordinary subject this close (cosine) to a theme is a neighbour of it, not
        background, and is left out of that theme's comparison.
    background : dict or None
        Language -> ordinary news subjects; default: the built-in list.
    reach : int
        A theme's ``aspect`` terms must be named beside its required terms: in the same
        unit or within this many units of it in the document.
    """

    def __init__(self, themes=None, threshold: float = THRESHOLD,
                 margin_unit: float = MARGIN_UNIT, term_weight: float = TERM_WEIGHT,
                 generic_weight: float = GENERIC_WEIGHT, steepness: float = STEEPNESS,
                 context: float = CONTEXT, exclude: float = EXCLUDE, background=None,
                 reach: int = REACH):
        self.themes = themes
        self.threshold = threshold
        self.margin_unit = margin_unit
        self.term_weight = term_weight
        self.generic_weight = generic_weight
        self.steepness = steepness
        self.context = context
        self.exclude = exclude
        self.background = background
        self.reach = reach

    # -- fit ---------------------------------------------------------------------

    def fit(self, analyzer, encoder_fn, documents=None, base_dir=None):
        """Lemmatise the terms with ``analyzer``, weigh their specificity, and embed
        the descriptions, examples (``documents``: doc id -> text, for examples
        naming documents) and background with ``encoder_fn(texts) -> vectors``
        (``None``: term evidence only)."""
        self.themes_ = self.themes or load_themes()
        if not self.themes_:
            from analysis.errors import UserInputError

            raise UserInputError("no themes to find; give at least one in the themes file.")
        self.terms_, self.specificity_, self.required_, self.aspect_ = [], [], [], []
        self.raw_terms_ = []  # per theme: key -> pattern of the terms matched as written
        self.guide_terms_ = []  # per theme: the lemmas of its terms and required terms
        for theme in self.themes_:
            lemmas, weights, required, aspect, raw = {}, {}, set(), set(), {}
            guide = set()
            for kind, table in (("terms", theme.terms), ("requires", theme.requires),
                                ("aspect", theme.aspect)):
                for lang, terms in table.items():
                    code = analyzer.languages[0] if lang == "any" else lang
                    for term in terms:
                        lemma = term_lemma(analyzer, term, code)
                        if lemma is None:  # matched as written (see raw_pattern)
                            lemma = raw_key(term)
                            raw[lemma] = raw_pattern(term, code)
                        lemmas.setdefault(lemma, term)
                        if kind != "aspect":
                            guide.add(lemma)
                        if kind != "requires":  # a required term is a gate, not evidence
                            weights[lemma] = max(weights.get(lemma, 0.0),
                                                 min(term_specificity(term, code),
                                                     term_specificity(lemma, code)))
                        if kind == "requires":
                            required.add(lemma)
                        elif kind == "aspect":
                            aspect.add(lemma)
            self.terms_.append(lemmas)
            self.specificity_.append(weights)
            self.required_.append(required)
            self.aspect_.append(aspect)
            self.guide_terms_.append(guide)
            self.raw_terms_.append(dict(sorted(raw.items())))
        self.examples_ = [resolve_examples(t.examples, documents, base_dir) for t in self.themes_]
        self.centroids_ = None
        self.theme_vectors_, self.background_vectors_ = None, None
        if encoder_fn is None:
            return self
        background = self.background if self.background is not None else load_background()
        texts, owner = [], []
        for i, theme in enumerate(self.themes_):
            for lang, text in sorted(theme.descriptions.items()):
                texts.append(text)
                owner.append((i, "description", lang))
            for text in self.examples_[i]:
                texts.append(text)
                owner.append((i, "example", ""))
            if not theme.descriptions and not self.examples_[i]:
                texts.append(theme.label)
                owner.append((i, "description", "any"))
            for lang, subjects in sorted(theme.contrasts.items()):
                for text in subjects:
                    texts.append(text)
                    owner.append((i, "contrast", lang))
        for lang, subjects in background.items():
            for text in subjects:
                texts.append(text)
                owner.append((-1, "background", lang))
        vectors = _normalise(encoder_fn(texts))
        self.theme_vectors_ = []
        for i in range(len(self.themes_)):
            desc = {lang: vectors[j] for j, (o, kind, lang) in enumerate(owner)
                    if o == i and kind == "description"}
            examples = [vectors[j] for j, (o, kind, _) in enumerate(owner)
                        if o == i and kind == "example"]
            per_lang = {}
            everything = list(desc.values())
            for lang in [*sorted(desc), "*"]:
                base = [desc[lang]] if lang in desc else everything
                if examples:  # the examples weigh as much as the description
                    base = [np.mean(base, axis=0), np.mean(examples, axis=0)] if base \
                        else [np.mean(examples, axis=0)]
                per_lang[lang] = _normalise(np.mean(base, axis=0))
            self.theme_vectors_.append(per_lang)
        self.background_vectors_ = {
            lang: vectors[[j for j, (o, kind, code) in enumerate(owner)
                           if kind == "background" and code == lang]]
            for lang in background}
        self.background_names_ = {lang: list(subjects) for lang, subjects in background.items()}
        # each theme's own neighbours that are not it (``contrast``), per language, and
        # all of them together for a language the theme gives none for
        self.contrast_vectors_, self.contrast_names_ = [], []
        for i in range(len(self.themes_)):
            rows = {}
            for j, (o, kind, lang) in enumerate(owner):
                if o == i and kind == "contrast":
                    rows.setdefault(lang, []).append(j)
            rows["*"] = sorted(j for js in rows.values() for j in js)
            self.contrast_vectors_.append({lang: vectors[js] for lang, js in rows.items()})
            self.contrast_names_.append({lang: [texts[j] for j in js]
                                         for lang, js in rows.items()})
        # the topic step's guidance and labels: the mean of the English, French and
        # language-free descriptions, as calibrated (analysis.themes.labels)
        centroids = []
        for i in range(len(self.themes_)):
            chosen = [vectors[j] for j, (o, kind, lang) in enumerate(owner)
                      if o == i and kind == "description" and lang in ("en", "fr", "any")]
            if not chosen:
                chosen = [self.theme_vectors_[i]["*"]]
            centroids.append(np.mean(chosen, axis=0))
        self.centroids_ = _normalise(np.vstack(centroids))
        return self

    # -- evidence ---------------------------------------------------------------

    def lexicon_hits(self, counts, vectorizer):
        """``(hits, matched)`` from the units' fitted count matrix (see
        :func:`analysis.themes.hits.lexicon_hits`)."""
        check_is_fitted(self, "terms_")
        return lexicon_hits(self.terms_, counts, vectorizer)

    def guidance_hits(self, counts, vectorizer):
        """``(hits, matched)`` as :meth:`lexicon_hits`, of each theme's terms and
        required terms only: what the topics are guided by. An aspect term ("law",
        "standards") says what a passage says about the theme's subject, not that it
        is about the theme, so it pulls no unit towards the theme's topic."""
        check_is_fitted(self, "guide_terms_")
        return lexicon_hits(self.guide_terms_, counts, vectorizer)

    def meaning(self, embeddings, languages, doc_ids=None):
        """``(cosine, background cosine, nearest subject)`` per unit and theme, each
        unit taken with ``context`` times its document's mean vector. A theme's
        background is the ordinary subjects less close to it than ``exclude``, and
        its own contrasts (the neighbouring subjects its themes file says it is not)."""
        check_is_fitted(self, "themes_")
        n, k = len(languages), len(self.themes_)
        cos, bg = np.zeros((n, k)), np.zeros((n, k))
        nearest = np.full((n, k), "", dtype=object)
        if self.theme_vectors_ is None:
            return cos, bg, nearest
        units = _normalise(embeddings)
        if doc_ids is not None and self.context:
            codes, uniques = pd.factorize(np.asarray(doc_ids, dtype=object), sort=False)
            sums = np.zeros((len(uniques), units.shape[1]))
            np.add.at(sums, codes, units)
            units = _normalise(units + self.context * _normalise(sums)[codes])
        languages = np.asarray(languages, dtype=object)
        for lang in sorted(set(languages)):
            rows = np.flatnonzero(languages == lang)
            code = lang if lang in self.background_vectors_ else "en"
            if code not in self.background_vectors_:
                code = sorted(self.background_vectors_)[0]
            subjects = self.background_vectors_[code]
            sims = exact_cosines(units[rows], subjects)
            for t, per_lang in enumerate(self.theme_vectors_):
                centre = per_lang.get(lang, per_lang["*"])
                cos[rows, t] = exact_cosines(units[rows], centre)
                far = np.where(exact_cosines(subjects, centre) < self.exclude, 0.0, -np.inf)
                masked, near = sims + far, sims
                names = self.background_names_[code]
                own = lang if lang in self.contrast_vectors_[t] else "*"
                if len(self.contrast_names_[t][own]):
                    extra = exact_cosines(units[rows], self.contrast_vectors_[t][own])
                    masked, near = np.hstack([masked, extra]), np.hstack([sims, extra])
                    names = names + self.contrast_names_[t][own]
                index = np.argmax(masked, axis=1)
                bg[rows, t] = near[np.arange(len(rows)), index]
                nearest[rows, t] = np.asarray(names, dtype=object)[index]
        return cos, bg, nearest

    def term_evidence(self, matched, margin=None):
        """``(evidence, specific terms, generic terms)`` per unit and theme. A generic
        term counts only beside specific evidence: a specific term, or (where
        ``margin`` is given) a unit closer in meaning to the theme than to every
        ordinary subject."""
        n, k = len(matched), len(self.themes_)
        evidence = np.zeros((n, k))
        specific = [[[] for _ in range(k)] for _ in range(n)]
        generic = [[[] for _ in range(k)] for _ in range(n)]
        for r in range(n):
            for t in range(k):
                weights = self.specificity_[t]
                strong = 0.0
                for term in matched[r][t]:  # shown as the themes file writes it
                    if term not in weights:
                        continue  # a required term only: a gate, not evidence
                    shown = self.terms_[t].get(term, term)
                    if weights[term] >= MIN_SPECIFIC:
                        strong += weights[term]
                        specific[r][t].append(shown)
                    else:
                        generic[r][t].append(shown)
                beside = strong > 0 or (margin is not None and margin[r, t] > 0)
                weak = self.generic_weight * len(generic[r][t]) if beside else 0.0
                evidence[r, t] = min(TERM_CAP, strong + weak)
        return evidence, specific, generic

    def names_aspect(self, t, terms) -> bool:
        """Whether ``terms`` (a unit's matched terms) name theme ``t``'s aspect: one
        specific aspect term, or two generic ones (one generic word, "government" or
        "law", is not enough: it is said of everything)."""
        named = self.aspect_[t].intersection(terms)
        weights = self.specificity_[t]
        return (any(weights.get(term, 0.0) >= MIN_SPECIFIC for term in named)
                or len(named) >= 2)

    def names_required(self, matched, doc_ids):
        """Per unit and theme: 0 where the theme's requirements are met, 1 where the
        unit's document names none of the terms the theme requires, 2 where it does but
        the unit's passage (the unit and ``reach`` units either side of it in its
        document) does not name both a required term and the theme's ``aspect`` (see
        :meth:`names_aspect`; always 0 for a theme that requires none)."""
        n, k = len(matched), len(self.themes_)
        named = np.zeros((n, k), dtype=np.int8)
        codes, uniques = pd.factorize(np.asarray(doc_ids, dtype=object), sort=False)
        for t in range(k):
            required = self.required_[t]
            if not required:
                continue
            per_unit = np.array([bool(required.intersection(matched[r][t])) for r in range(n)],
                                dtype=bool)
            per_doc = np.zeros(len(uniques), dtype=bool)
            np.logical_or.at(per_doc, codes, per_unit)
            named[~per_doc[codes], t] = 1
            if self.aspect_[t]:
                aspect = np.array([self.names_aspect(t, matched[r][t]) for r in range(n)],
                                  dtype=bool)
                tied = passage_any(per_unit, codes, self.reach) & passage_any(aspect, codes,
                                                                               self.reach)
                named[per_doc[codes] & ~tied, t] = 2
        return named

    def evidence(self, margin, terms):
        """The evidence: the meaning margin in units of ``margin_unit`` plus the term
        evidence times ``term_weight``."""
        return margin / self.margin_unit + self.term_weight * terms

    def confidence(self, margin, terms):
        """Confidence (0 to 1) from the meaning margin and the term evidence."""
        evidence = self.evidence(margin, terms)
        return 1.0 / (1.0 + np.exp(-self.steepness * (evidence - self.threshold)))

    # -- detect ------------------------------------------------------------------

    def detect(self, units: pd.DataFrame, embeddings, analyzer=None, hits=None,
               counts=None, vectorizer=None) -> ThemeDetection:
        """Answers for ``units`` (unit_id, doc_id, language, n_words, text) and their
        ``embeddings``; lexicon hits from ``hits`` (what :meth:`lexicon_hits`
        returned), from ``counts`` and ``vectorizer``, or by analysing the texts."""
        from analysis.themes.explain import document_answers, explain

        check_is_fitted(self, "themes_")
        keys = [t.key for t in self.themes_]
        if hits is None:
            hits = (self.lexicon_hits(counts, vectorizer) if counts is not None
                    else analysed_hits(self.terms_, units["text"].tolist(),
                                       units["language"].tolist(), analyzer))
        if any(self.raw_terms_):
            hits = (hits[0], raw_hits(hits[1], units["text"], self.raw_terms_))
        cos, bg, nearest = self.meaning(embeddings, units["language"].tolist(),
                                        units["doc_id"].tolist())
        margin = cos - bg if self.theme_vectors_ is not None else np.zeros_like(cos)
        terms, specific, generic = self.term_evidence(hits[1], margin)
        conf = self.confidence(margin, terms)
        named = self.names_required(hits[1], units["doc_id"].tolist())
        # below 0.5 (as written, to 4 decimals) where a required term is missing
        conf = np.where(named == 0, conf, np.minimum(conf / 2.0, 0.4999))
        found = conf.round(4) >= 0.5  # the table's answer is the table's confidence's
        table = units[["unit_id", "doc_id", "language", "n_words"]].reset_index(drop=True).copy()
        for t, key in enumerate(keys):
            table[f"{key}_found"] = found[:, t]
            table[f"{key}_confidence"] = conf[:, t].round(4)
            table[f"{key}_cosine"] = cos[:, t].round(4)
            table[f"{key}_terms"] = ["; ".join(specific[r][t]) for r in range(len(table))]
        documents = document_answers(table, keys)
        explanations = explain(units.reset_index(drop=True), documents, keys, conf, cos, bg,
                               nearest, margin, terms, specific, generic,
                               self.threshold, self.evidence, named)
        return ThemeDetection(table, documents, explanations,
                              {t.key: t.label for t in self.themes_})
