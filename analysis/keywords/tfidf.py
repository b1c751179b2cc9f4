"""Keyword tables from a fitted language-aware vectoriser."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.keywords.distinctive import group_log_odds, log_odds_dirichlet
from analysis.text.lang import unspaced_char
from analysis.text.stopwords import PHRASE_ONLY


def _names(vectorizer):
    return getattr(vectorizer, "display_names_", vectorizer.get_feature_names_out())


class TermArrays(tuple):
    """``(terms, labels)``, with ``totals``: each term's count in the corpus the
    vectoriser was fitted on (``None`` when it is not known)."""

    totals = None


# vectoriser -> (what its arrays were made of, the arrays)
_TERM_ARRAYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def term_arrays(vectorizer):
    """``(terms, labels)`` arrays of a fitted vectoriser, with the terms' corpus
    counts as ``.totals`` where the vectoriser recorded them. scikit-learn rebuilds
    ``get_feature_names_out()`` on every call (a second for 250,000 terms), so the
    arrays are made once per fitted vocabulary and shared by the keyword
    tables of one run (callers only read them)."""
    vocabulary = getattr(vectorizer, "vocabulary_", None)
    # what the arrays are made of: a refit or an edit replaces one of these
    state = (vocabulary, len(vocabulary or ()), getattr(vectorizer, "display_names_", None),
             getattr(vectorizer, "term_totals_", None))
    try:
        known = _TERM_ARRAYS.get(vectorizer)
    except TypeError:  # not weak-referenceable or not hashable: no memo
        known = None
    if (known is not None and vocabulary is not None and known[0][1] == state[1]
            and all(known[0][k] is state[k] for k in (0, 2, 3))):
        return known[1]
    arrays = TermArrays((vectorizer.get_feature_names_out(), _names(vectorizer)))
    totals = getattr(vectorizer, "term_totals_", None)
    if totals is not None and len(totals) == len(arrays[0]):
        arrays.totals = totals
    if vocabulary is not None:
        try:
            _TERM_ARRAYS[vectorizer] = (state, arrays)
        except TypeError:
            pass
    return arrays


# A word is said by a phrase that holds at least this share of its occurrences
# ("Emmanuel" by "Emmanuel Macron"): a list shows the phrase, or neither.
INSIDE_SHARE = 0.8
# A phrase is a keyword only when the corpus says it at least this many times: a
# phrase said once is a piece of one sentence ("Macron insiste", "Sluggish economy
# hits", "grève continue"), not a term. A word, or a name (a phrase shown with
# every word capitalised: "Capels Hollow Drift"), said once is one.
MIN_PHRASE_COUNT = 2


def _rare_phrase(i: int, terms, totals, labels) -> bool:
    """Whether term ``i`` is a phrase said fewer than ``MIN_PHRASE_COUNT`` times
    that is not a name."""
    if totals[i] >= MIN_PHRASE_COUNT or " " not in terms[i]:
        return False
    return labels is None or not all(w[:1].isupper() for w in str(labels[i]).split())


def _said_by_phrases(candidates, score: dict, terms, totals, labels=None, local=None
                     ) -> tuple[list[int], dict]:
    """``(candidates, score)`` with each single word that occurs mostly inside
    one of the candidate phrases (at least ``INSIDE_SHARE`` of its occurrences:
    "emmanuel" in "emmanuel macron", "chaînes" in "chaînes industrielles")
    replaced by that phrase, at the word's rank and with the word's score where
    it is higher (the phrase is what the word's weight says); a phrase met twice
    keeps its first rank. Phrases said too rarely to be keywords
    (:func:`_rare_phrase`) replace no word. The occurrences counted are those of
    the list's own text where ``local`` gives them (term index -> count: "Alan"
    is said by "Alan Bennett" in an article on him, whatever other Alans the
    corpus holds), else the corpus's."""
    phrases = [j for j in candidates
               if " " in terms[j] and not _rare_phrase(j, terms, totals, labels)]
    if not phrases:
        return list(candidates), score
    padded = {j: f" {terms[j]} " for j in phrases}
    count = totals.__getitem__ if local is None else (lambda k: local.get(k, 0))
    out: list[int] = []
    seen: set[int] = set()
    raised = dict(score)
    for i in candidates:
        if " " not in terms[i] and count(i) > 0:
            word = f" {terms[i]} "
            holders = [j for j in phrases if word in padded[j]
                       and count(j) >= INSIDE_SHARE * count(i)]
            if holders:
                # the phrase said most often, and of those the shortest
                j = max(holders, key=lambda j: (count(j), -_words(terms[j]), terms[j]))
                raised[j] = max(raised[j], score[i])
                i = j
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out, raised


def _nested(a: str, b: str) -> bool:
    """Whether one term's words appear as a contiguous run inside the other's;
    both terms come padded with a space on each side (" harvey weinstein ")."""
    return a in b if len(a) <= len(b) else b in a


def _words(term: str) -> int:
    return term.count(" ") + 1


def pick_terms(candidates, score: dict, terms, top_n: int = 10,
               merge_ratio: float = 0.85, labels=None, totals=None,
               local=None) -> list[int]:
    """The first ``top_n`` of ``candidates`` (term indices, best first) with no
    term nested in another: one list never shows both "weinstein" and "harvey
    weinstein".

    A term that is or ends with a word of
    :data:`~analysis.text.stopwords.PHRASE_ONLY` ("new", "world") is left out.
    A phrase that contains a word already picked takes its place when it scores
    within ``merge_ratio`` of it ("harvey weinstein" for "harvey"); otherwise the
    word stays and the phrase is left out. A term inside a phrase already picked
    is left out (nested as terms or as shown: "trials" in "Horse Trials"), and so
    is a term shown as a picked one is, but for case
    ("Jeux olympiques" beside "Jeux Olympiques"), when ``labels`` are given.

    With ``totals`` (each term's count in the corpus; ``local``, a mapping of
    term index to count in the list's own rows, where known), a single word that
    occurs mostly inside one of the candidate phrases is that phrase's part, not a
    keyword of its own: the phrase stands at the word's rank, with its score
    (:func:`_said_by_phrases`), so "Emmanuel" is never listed beside, or instead
    of, "Emmanuel Macron"; and a phrase said fewer than ``MIN_PHRASE_COUNT``
    times in the corpus is left out, but for a name (a label with every word
    capitalised).
    """
    if totals is not None:
        candidates, score = _said_by_phrases(list(candidates), score, terms, totals, labels,
                                             local)
    picked: list[int] = []
    shown: set[str] = set()
    # each candidate's term and lower-cased label, padded for _nested
    pad_term: dict[int, str] = {}
    pad_label: dict[int, str] = {}
    phrases: dict[int, bool] = {}
    for i in candidates:
        if len(picked) >= top_n and score[i] < score[picked[-1]] * merge_ratio:
            break
        if terms[i].rpartition(" ")[2] in PHRASE_ONLY:
            continue
        if totals is not None and _rare_phrase(i, terms, totals, labels):
            continue
        if labels is not None:
            label = labels[i].lower()
            if label in shown:
                continue
            pad_label[i] = f" {label} "
        term = pad_term[i] = f" {terms[i]} "
        # two single words are nested only when equal: distinct terms, and equal
        # labels were left out above (a label has its term's number of words)
        phrase = phrases[i] = " " in terms[i]
        inside = [j for j in picked if (phrase or phrases[j]) and (
            _nested(term, pad_term[j])
            or (labels is not None and _nested(pad_label[i], pad_label[j])))]
        if not inside:
            if len(picked) < top_n:
                picked.append(i)
                if labels is not None:
                    shown.add(label)
            continue
        if any(_words(terms[j]) >= _words(terms[i]) for j in inside):
            continue  # already said by a longer term
        if all(score[i] >= merge_ratio * score[j] for j in inside):
            picked[picked.index(inside[0])] = i
            picked = [j for j in picked if j not in inside[1:]]
        if labels is not None:
            shown = {labels[j].lower() for j in picked}
    return picked[:top_n]


def top_terms_sparse(index, values, names, top_n: int = 10,
                     merge_ratio: float = 0.85, local=None) -> list[tuple[str, str, float]]:
    """The ``top_n`` terms of a sparse score vector given as (term indices, scores),
    as ``(term, label, score)``; ``names`` is :func:`term_arrays` of the vectoriser.

    No term of the list is nested in another (:func:`pick_terms`). Ties are
    broken by term, so the result does not depend on sort stability.
    """
    terms, labels = names
    index, values = np.asarray(index), np.asarray(values, dtype=np.float64)
    # enough candidates for the nested terms left out
    k = min(len(values), top_n * 6)
    if k < len(values):
        keep = np.argpartition(-values, k - 1)[:k]
        index, values = index[keep], values[keep]
    order = np.lexsort((terms[index], -values))
    score = dict(zip(index.tolist(), values.tolist()))
    picked = pick_terms(index[order].tolist(), score, terms, top_n, merge_ratio, labels,
                        getattr(names, "totals", None), local)
    picked = sorted(picked, key=lambda j: (-score[j], terms[j]))
    return [(terms[i], labels[i], score[i]) for i in picked]


def _csr_row(matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    """``(column indices, values)`` of row ``i`` of a CSR matrix, in stored order
    (what ``matrix.getrow(i)`` holds, without building a matrix)."""
    start, end = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[start:end], matrix.data[start:end]


def keywords_by_group(matrix, groups, vectorizer, top_n: int = 10,
                      counts=None) -> pd.DataFrame:
    """Top terms of each group: the mean TF-IDF of its rows.

    ``groups`` is one label per row (a document id, a language, any metadata).
    With ``counts`` (the rows' term counts), a word said mostly inside a phrase
    in a group's own text gives way to the phrase in that group's list
    (:func:`pick_terms`). Returns a long table: group, rank, term (lemma), label
    (surface form), score.
    """
    matrix = sparse.csr_matrix(matrix)
    codes, uniques = pd.factorize(pd.Series(list(groups), dtype=object), sort=False)
    uniques = uniques.tolist()  # a list: indexing a pandas Index per row is slow
    order = sorted(range(len(uniques)), key=lambda g: str(uniques[g]))
    # one sparse product gives every group's column sums, whatever the number of groups
    indicator = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                                  shape=(len(uniques), len(codes)))
    sizes = np.bincount(codes, minlength=len(uniques))
    sums = (indicator @ matrix).tocsr()
    said = (indicator @ sparse.csr_matrix(counts)).tocsr() if counts is not None else None
    names = term_arrays(vectorizer)
    rows = []
    for g in order:
        # a row's entries read straight from the CSR arrays (``getrow`` builds a
        # matrix per call, the most costly part of this loop at 100,000 groups)
        index, values = _csr_row(sums, g)
        local = None
        if said is not None:
            local = dict(zip(*(part.tolist() for part in _csr_row(said, g))))
        top = top_terms_sparse(index, values / sizes[g], names, top_n, local=local)
        group, size = uniques[g], int(sizes[g])
        for rank, (term, label, score) in enumerate(top, 1):
            rows.append((group, rank, term, label, round(score, 6), size))
    return pd.DataFrame(rows, columns=["group", "rank", "term", "label", "score", "n_units"])


def distinctive_terms(counts, groups, target, vectorizer, other=None, top_n: int = 10,
                      alpha0: float = 1000.0, min_count: int = 2) -> pd.DataFrame:
    """Terms that mark group ``target`` against ``other`` (default: all the rest).

    Scored by the log-odds ratio with an informative Dirichlet prior
    (:func:`analysis.keywords.distinctive.log_odds_dirichlet`); terms seen fewer than
    ``min_count`` times in the target are left out.
    """
    counts = sparse.csr_matrix(counts)
    groups = np.asarray(list(groups), dtype=object)
    in_a = groups == target
    in_b = ~in_a if other is None else groups == other
    if not in_a.any():
        raise ValueError(f"no rows in group {target!r}")
    a = np.asarray(counts[in_a].sum(axis=0)).ravel()
    b = np.asarray(counts[in_b].sum(axis=0)).ravel()
    prior = np.asarray(counts.sum(axis=0)).ravel()
    z, delta = log_odds_dirichlet(a, b, prior=prior, alpha0=alpha0)
    z = np.where(a >= min_count, z, 0.0)
    terms, labels = term_arrays(vectorizer)
    order = np.lexsort((terms, -z))[:top_n]
    return pd.DataFrame({
        "target": target, "other": "rest" if other is None else other,
        "term": terms[order], "label": labels[order], "z": np.round(z[order], 4),
        "log_odds": np.round(delta[order], 4), "count_target": a[order].astype(int),
        "count_other": b[order].astype(int)})[lambda f: f["z"] > 0].reset_index(drop=True)


def distinctive_by_group(counts, groups, vectorizer, top_n: int = 10, alpha0: float = 1000.0,
                         min_count: int = 2) -> pd.DataFrame:
    """Each group's distinctive terms against the rest of the corpus, at any size.

    ``groups`` is one label per row of ``counts`` (a document id, a language, a
    topic, any metadata). Scored by the log-odds ratio with an informative
    Dirichlet prior (:func:`analysis.keywords.distinctive.group_log_odds`), the
    terms a group uses at least ``min_count`` times, strongest first, with no term
    nested in another (:func:`pick_terms`). A single group has nothing to be
    distinct from: the table is then empty.
    """
    columns = ["target", "other", "rank", "term", "label", "z", "log_odds", "count_target",
               "count_other"]
    codes, uniques = pd.factorize(pd.Series(list(groups), dtype=object), sort=False)
    if len(uniques) < 2:
        return pd.DataFrame(columns=columns)
    uniques = uniques.tolist()  # a list: indexing a pandas Index per row is slow
    group, term, z, delta, a, b = group_log_odds(counts, codes, len(uniques), min_count,
                                                 alpha0)
    # best first within each group; ties by term (the columns are in term order)
    order = np.lexsort((term, -z, group))
    group, term, z, delta, a, b = (x[order] for x in (group, term, z, delta, a, b))
    starts = np.searchsorted(group, np.arange(len(uniques) + 1))
    names = term_arrays(vectorizer)
    terms, labels = names
    rows = []
    for g in sorted(range(len(uniques)), key=lambda g: str(uniques[g])):
        lo, hi = starts[g], min(starts[g + 1], starts[g] + top_n * 6)
        score = dict(zip(term[lo:hi].tolist(), z[lo:hi].tolist()))
        at = {t: lo + k for k, t in enumerate(term[lo:hi].tolist())}
        local = dict(zip(term[lo:hi].tolist(), a[lo:hi].tolist()))
        picked = pick_terms(term[lo:hi].tolist(), score, terms, top_n, labels=labels,
                            totals=names.totals, local=local)
        for rank, t in enumerate(sorted(picked, key=lambda t: (-score[t], t)), 1):
            k = at[t]
            rows.append((uniques[g], "rest", rank, terms[t], labels[t], round(float(z[k]), 4),
                         round(float(delta[k]), 4), int(a[k]), int(b[k])))
    return pd.DataFrame(rows, columns=columns)


def localise_labels(table, column: str, texts, vectorizer):
    """``table`` with each label in the form its group's own text uses.

    A term's label is its most frequent form in the whole corpus; one document
    may write it otherwise ("held" where the corpus mostly has "holds"). For each
    row whose label does not occur in its group's text (``texts[group]``), the
    most frequent of the term's forms that does occur is shown instead.
    """
    from analysis.text.vectorize import written_forms

    forms = getattr(vectorizer, "surface_forms_", None)
    if not forms or table.empty:
        return table
    labels = table["label"].tolist()
    lowered: dict = {}
    for k, (group, term, label) in enumerate(zip(table[column], table["term"], labels)):
        variants = forms.get(term)
        if not variants or group not in texts:
            continue
        text = lowered.get(group)
        if text is None:
            text = lowered[group] = _one_line(texts[group].lower())
        if _occurs(label, text):
            continue
        for form in written_forms(variants):
            if _occurs(form, text):
                labels[k] = form
                break
    return table.assign(label=labels)


def _one_line(text: str) -> str:
    """``text`` with each run of white space as one space (a form's words are
    joined by one)."""
    return " ".join(text.split())


def _occurs(form: str, text: str) -> bool:
    """Whether ``form`` occurs in the lower-cased ``text`` as whole words: with no
    word character (``\\w``: alphanumeric or "_") on either side, but on a side
    where the form ends in a script written without spaces (Chinese: "治理" occurs
    in "人工智能治理"). A substring search, not a regex: a pattern per form
    overflows ``re``'s cache of compiled patterns (about 18,000 forms on BBC)."""
    needle = form.lower()
    if not needle:
        return False
    size = len(needle)
    check_start = not unspaced_char(needle[0])
    check_end = not unspaced_char(needle[-1])
    start = text.find(needle)
    while start >= 0:
        end = start + size
        if not (check_start and start and _word_char(text[start - 1])) \
                and not (check_end and end < len(text) and _word_char(text[end])):
            return True
        start = text.find(needle, start + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
