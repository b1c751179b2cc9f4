"""Which lexicon terms each unit names: from a fitted count matrix, or by analysing."""

from __future__ import annotations

import numpy as np


def lexicon_hits(lexicons, counts, vectorizer):
    """``(hits, matched)`` per unit and theme, read from the units' count matrix:
    ``hits[u, k]`` counts occurrences of theme ``k``'s terms, ``matched[u][k]`` lists
    the terms found, commonest first (ties: vocabulary order). A term counts where it
    is a column of the vectoriser; ``lexicons`` holds, per theme, the lemmatised terms."""
    from scipy import sparse

    vocab = vectorizer.vocabulary_
    counts = sparse.csr_matrix(counts)
    hits = np.zeros((counts.shape[0], len(lexicons)))
    matched = [[[] for _ in lexicons] for _ in range(counts.shape[0])]
    names_all = vectorizer.get_feature_names_out()
    for k, lexicon in enumerate(lexicons):
        cols = sorted(vocab[t] for t in lexicon if t in vocab)
        if not cols:
            continue
        sub = counts[:, cols].tocsr()
        hits[:, k] = np.asarray(sub.sum(axis=1)).ravel()
        names = names_all[cols]
        for r in np.flatnonzero(hits[:, k]):
            row = sub.getrow(r)
            order = np.argsort(-row.data, kind="stable")
            matched[r][k] = [str(names[row.indices[i]]) for i in order]
    return hits, matched


def analysed_hits(lexicons, texts, languages, analyzer):
    """``(hits, matched)`` as :func:`lexicon_hits`, by analysing each text."""
    hits = np.zeros((len(texts), len(lexicons)))
    matched = [[[] for _ in lexicons] for _ in range(len(texts))]
    for r, (text, lang) in enumerate(zip(texts, languages)):
        terms = analyzer(text, lang)
        for k, lexicon in enumerate(lexicons):
            found = [t for t in terms if t in lexicon]
            hits[r, k] = len(found)
            matched[r][k] = sorted(set(found), key=found.index)
    return hits, matched
