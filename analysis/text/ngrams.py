"""Count the terms of documents given as word ids, with numpy.

:meth:`analysis.text.analyzer.TextAnalyzer.word_ids` turns a text into the
indices of its words in a registry of word tuples, with a negative number where
a phrase must stop. :func:`count_ngrams` then counts every 1..``max_n``-word
phrase without building a string per occurrence:

1. the documents are laid end to end, a break between each two, and each
   phrase of ``n`` words is one integer (its word indices in base ``B``, the
   registry's size) at each position where no break falls inside it;
2. the distinct phrases of words are factorised (a hash table in C), then
   mapped to phrases of lemmas, also factorised; a string is built once per
   distinct phrase of lemmas, and the vocabulary is the sorted strings;
3. the written forms ("pouvoir d'achat" for the term "pouvoir achat", "AI" for
   "ai", "人工智能治理" for "人工智能 治理") are recorded once per distinct phrase
   of words, weighted by its count, joined as the first word's language profile
   joins a phrase;
4. a phrase longer than its profile allows in characters (Chinese: 8) is not a
   term (its words are).

The result is the same matrix, vocabulary and written-form counts as running
the analyser's ``__call__`` over each document and counting its terms
(``tests/test_vectorize.py`` compares the two).
"""

from __future__ import annotations

import numpy as np

from analysis.text.lang.base import space_join


def count_ngrams(documents: list[list[int]], registry: list[tuple], max_n: int, dtype=np.int64,
                 binary: bool = False):
    """``(counts, vocabulary, written)`` of documents as word ids, or ``None`` when
    a phrase of ``max_n`` words does not fit an int64 code (the caller then counts
    the strings).

    ``counts`` is the documents x terms CSR matrix (indices sorted), ``vocabulary``
    maps each term to its column (in sorted order), and ``written`` maps
    ``(term, written form)`` to the number of occurrences written so, for those
    written otherwise than the term (see
    :func:`analysis.text.vectorize.display_forms`).
    """
    from scipy import sparse

    if not registry:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    size = len(registry)
    if max_n < 1 or size ** max_n >= 2 ** 62:
        return None
    words, ends = _lay_out(documents)
    # per registered word: its lemma's id, and whether it is written otherwise
    lemma_names, lemma_ids = _factorise_strings([word[0] for word in registry])
    differs = np.fromiter((word[6] for word in registry), bool, len(registry))
    # each word's length towards its profile's longest phrase, and that limit
    # (only where some profile sets one)
    # (a registry of 7-tuples, made by hand, has neither)
    limited = len(registry[0]) > 8 and any(word[8] for word in registry)
    if limited:
        sizes = np.fromiter((word[8] for word in registry), np.int64, len(registry))
        limits = np.fromiter((word[9] for word in registry), np.int64, len(registry))
    # words all of spaced languages: a phrase is written with spaces (no call per phrase)
    spaced = all(len(word) < 8 or word[7] is space_join for word in registry)
    ok = words >= 0
    words[~ok] = 0  # (a break's index is never read: its position is not valid)
    lemmas = np.asarray(lemma_ids, np.int64)[words]
    n_lemmas = len(lemma_names)
    # where a phrase would start or end inside a name (a registry of 10-tuples, or
    # fewer, made by hand, has no capitals: no cuts)
    cuts = _name_cut_positions(registry, words, ok) if len(registry[0]) > 10 else None

    # per n: positions, each position's distinct phrase of words, a position of each
    # such phrase, its phrase of lemmas, and each phrase of lemmas as a string
    grams = []
    valid, codes, lemma_codes, touched = ok, words, lemmas, differs[words] & ok
    if limited:
        length, limit = sizes[words], limits[words]
    if cuts is not None:
        cut_start, cut_end, plain = cuts
        low = plain
    for n in range(1, max_n + 1):
        counted = valid
        if n > 1:
            valid = valid[:-1] & ok[n - 1:]
            codes = codes[:-1] * size + words[n - 1:]
            lemma_codes = lemma_codes[:-1] * n_lemmas + lemmas[n - 1:]
            touched = touched[:-1] | (differs[words[n - 1:]] & ok[n - 1:])
            if limited:
                length = length[:-1] + sizes[words[n - 1:]]
                valid = valid & (length <= limit[:len(length)])
            counted = valid
            if cuts is not None:
                # a phrase holding a word not known to be a name's that starts or
                # ends inside a name is not a term (the longer phrases over it may be)
                low = low[:-1] | plain[n - 1:]
                counted = valid & ~((cut_start[:len(low)] | cut_end[n - 1:]) & low)
        where = np.flatnonzero(counted)
        if not len(where):
            break
        inverse, distinct = _factorise(codes[where])
        first = np.zeros(len(distinct), np.int64)
        first[inverse[::-1]] = where[::-1]  # a position of each distinct code
        term_inverse, term_codes = _factorise(lemma_codes[first])
        names = _join(_digits(term_codes, n_lemmas, n), lemma_names)
        grams.append((n, where, inverse, first, term_inverse, names))
    if not grams:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")

    # the vocabulary: every term string once (a lemma holding a space could make two
    # phrases one string), sorted
    vocabulary = {term: i for i, term in enumerate(sorted(
        set().union(*(names for *_, names in grams))))}
    columns, indices = [], []
    written: dict[tuple[str, str], int] = {}
    for n, where, inverse, first, term_inverse, names in grams:
        term_column = np.fromiter(map(vocabulary.__getitem__, names), np.int64, len(names))
        code_column = term_column[term_inverse]
        columns.append(code_column[inverse])
        indices.append(where)
        _record_forms(written, n, registry, words, touched, where, inverse, first,
                      [names[i] for i in term_inverse.tolist()], ok, spaced)
    positions = np.concatenate(indices)
    rows = np.searchsorted(ends, positions, side="right")  # each position's document
    X = sparse.csr_matrix(
        (np.ones(len(positions), dtype=dtype), (rows, np.concatenate(columns))),
        shape=(len(documents), len(vocabulary)))
    X.sum_duplicates()
    X.sort_indices()
    if binary:
        X.data.fill(1)
    return X, vocabulary, written


def _name_cut_positions(registry, words: np.ndarray, ok: np.ndarray):
    """``(cut_start, cut_end, plain)`` per position, as
    :func:`analysis.text.analyzer.name_cuts` reads a run: a phrase starting there
    would start inside a name, one ending there would end inside a name, and the
    word is not known to be a name's (in lower case, or capitalised as a
    sentence's first word). ``None`` when no word is a name."""
    from analysis.text.analyzer import CAP_LOWER, CAP_NAME

    caps = np.fromiter((word[10] for word in registry), np.int8, len(registry))
    if not (caps == CAP_NAME).any():
        return None
    cap = np.where(ok, caps[words], -1)  # -1 at a break
    name = cap == CAP_NAME
    capital = ok & (cap != CAP_LOWER)
    cut_start = name & np.concatenate(([False], capital[:-1]))
    cut_end = capital & np.concatenate((name[1:], [False]))
    return cut_start, cut_end, ok & ~name


def _lay_out(documents):
    """The documents' ids end to end, each followed by a break, and the position
    of each document's break."""
    flat: list[int] = []
    ends = []
    for ids in documents:
        flat += ids
        ends.append(len(flat))
        flat.append(-1)
    return np.asarray(flat, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def _factorise(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(inverse, distinct)``: ``distinct[inverse] == values``, the distinct
    values in order of first appearance."""
    import pandas as pd

    inverse, distinct = pd.factorize(values)
    return inverse.astype(np.int64, copy=False), np.asarray(distinct, dtype=np.int64)


def _factorise_strings(strings: list[str]) -> tuple[list[str], list[int]]:
    index: dict[str, int] = {}
    ids = [index.setdefault(s, len(index)) for s in strings]
    return list(index), ids


def _digits(codes: np.ndarray, base: int, n: int) -> list[list[int]]:
    """The ``n`` base-``base`` digits of the codes, as ``n`` lists (most
    significant first): columns, not a list per code, so that no container is
    made per code."""
    digits = []
    rest = codes
    for _ in range(n):
        rest, digit = np.divmod(rest, base)
        digits.append(digit.tolist())
    return digits[::-1]


def _join(digits: list[list[int]], names: list[str]) -> list[str]:
    """The phrase of names that each code's digits spell."""
    name = names.__getitem__
    if len(digits) == 1:
        return list(map(name, digits[0]))
    return list(map(" ".join, zip(*(map(name, column) for column in digits))))


def _record_forms(written: dict, n: int, registry: list, words: np.ndarray,
                  touched: np.ndarray, where: np.ndarray, inverse: np.ndarray,
                  first: np.ndarray, terms: list[str], ok: np.ndarray,
                  spaced: bool = True) -> None:
    """Add the written forms of the ``n``-word phrases to ``written``, once per
    distinct phrase of words, weighted by its number of occurrences.

    As the analyser's ``__call__`` records them: a phrase is written with no
    elision before its first word and no possessive after its last ("pouvoir
    d'achat"); a word alone is recorded as written when it stands alone, or when
    its written form differs from its lemma.
    """
    occurrences = np.bincount(inverse, minlength=len(first))
    if n == 1:
        # alone: breaks on both sides (there is a break after every document, and
        # the position before the first counts as one)
        before = ~np.concatenate(([False], ok[:-1]))[where]
        after = ~ok[where + 1]
        alone = np.bincount(inverse, weights=(before & after), minlength=len(first))
        for word, every, single in zip(map(registry.__getitem__, words[first].tolist()),
                                       occurrences.tolist(), alone.tolist()):
            record = word[5]
            if record is not None:
                count = every if word[6] else int(single)
                if count:
                    written[record] = written.get(record, 0) + count
        return
    codes = np.flatnonzero(touched[first])
    starts = first[codes]
    get = registry.__getitem__
    # each phrase's words as written: no elision before the first, no possessive
    # after the last (columns of word tuples, one list per position)
    columns = [map(get, words[starts + k].tolist()) for k in range(n)]
    firsts = list(columns[0])
    parts = [[w[2] for w in firsts]]
    parts += [[w[1] for w in column] for column in columns[1:-1]]
    parts.append([w[3] for w in columns[-1]])
    # joined as the first word's profile joins a phrase (" " but in Chinese)
    joins = {space_join} if spaced else {w[7] if len(w) > 7 else space_join for w in firsts}
    if spaced:
        surfaces = map(" ".join, zip(*parts))
    elif len(joins) == 1:
        surfaces = map(joins.pop(), zip(*parts))
    else:
        surfaces = map(lambda w, *p: w[7](p), firsts, *parts)
    for code, surface, count in zip(codes.tolist(), surfaces, occurrences[codes].tolist()):
        term = terms[code]
        if surface != term:
            pair = (term, surface)
            written[pair] = written.get(pair, 0) + count
