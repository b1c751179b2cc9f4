"""Per-document answers and their explanations, from the per-unit answers."""

from __future__ import annotations

import numpy as np
import pandas as pd

# characters of the supporting passage kept in theme_explanations.csv
PASSAGE_CHARS = 300


def document_answers(unit_table: pd.DataFrame, keys) -> pd.DataFrame:
    """Per document (in order of first appearance): ``<key>_found`` (any unit is
    about the theme), ``<key>_confidence`` (its most confident unit's) and
    ``<key>_share`` (the word-weighted share of its units about the theme)."""
    doc = unit_table["doc_id"]
    words = unit_table["n_words"].astype(np.float64).clip(lower=1)
    grouped = {"doc_id": pd.unique(doc)}
    frame = pd.DataFrame(grouped)
    totals = words.groupby(doc, sort=False).sum()
    for key in keys:
        found = unit_table[f"{key}_found"].astype(bool)
        conf = unit_table[f"{key}_confidence"].groupby(doc, sort=False).max()
        share = (words * found).groupby(doc, sort=False).sum() / totals
        frame[f"{key}_found"] = frame["doc_id"].map(found.groupby(doc, sort=False).any())
        frame[f"{key}_confidence"] = frame["doc_id"].map(conf).round(4)
        frame[f"{key}_share"] = frame["doc_id"].map(share).round(4)
    return frame


def _reason(found, margin, subject, specific, generic, evidence, threshold,
            named=0) -> str:
    if not found and named == 1:
        return ("not found: the document names none of the terms the theme requires "
                f"(evidence {evidence:.2f}, margin {margin:+.3f})")
    if not found and named == 2:
        return ("not found: no passage names one of the terms the theme requires beside "
                f"one of its aspect terms (evidence {evidence:.2f}, margin {margin:+.3f})")
    if found:
        said = [f"closer to the theme than to any ordinary subject (margin {margin:+.3f})"
                if margin > 0 else f"nearer to '{subject}' (margin {margin:+.3f})"]
        if specific:
            said.append(f"names specific terms: {', '.join(specific[:5])}")
        return "found: " + "; ".join(said)
    short = []
    if margin <= 0:
        short.append(f"nearer in meaning to '{subject}' than to the theme "
                     f"(margin {margin:+.3f})")
    else:
        short.append(f"closer to the theme than to ordinary subjects only by {margin:+.3f}")
    if not specific and generic:
        short.append(f"generic terms only ({', '.join(generic[:5])}), which count only "
                     "beside a specific one")
    elif not specific:
        short.append("names none of the theme's specific terms")
    return f"not found (evidence {evidence:.2f} < {threshold:.2f}): " + "; ".join(short)


def explain(units, documents, keys, conf, cos, bg, nearest, margin, terms, specific, generic,
            threshold, evidence_of, named=None) -> pd.DataFrame:
    """One row per document and theme: the answer, the unit that most supports it
    (for a document not about the theme: its nearest unit) and why; ``evidence_of(margin,
    terms)`` gives the evidence the threshold is compared with. ``named``: per
    unit and theme, 0 where the theme's requirements are met, 1 where its document
    names none of the terms the theme requires, 2 where its passage does not name one
    beside an aspect term (see ThemeDetector.names_required)."""
    if named is None:
        named = np.zeros(np.shape(conf), dtype=np.int8)
    doc_ids = units["doc_id"].to_numpy()
    codes, uniques = pd.factorize(doc_ids, sort=False)
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(len(uniques)))
    ends = np.append(starts[1:], len(order))
    rank = np.argsort(np.argsort(cos, axis=0, kind="stable"), axis=0, kind="stable")
    percentile = rank / max(1, len(units) - 1)
    # each document's row of the document table, and plain columns: a pandas lookup
    # per document and theme is most of this step's time at 100,000 documents
    at = documents.set_index("doc_id").index.get_indexer(uniques)
    found_of = {k: documents[f"{k}_found"].to_numpy() for k in keys}
    share_of = {k: documents[f"{k}_share"].to_numpy() for k in keys}
    unit_ids, texts = units["unit_id"].tolist(), units["text"].tolist()
    rows = []
    for d, doc_id in enumerate(uniques):
        members = order[starts[d]:ends[d]]
        for t, key in enumerate(keys):
            best = members[int(np.argmax(conf[members, t]))]  # the first maximum
            subject = str(nearest[best, t])
            evidence = evidence_of(margin[best, t], terms[best, t])
            found = bool(found_of[key][at[d]])
            rows.append({
                "doc_id": doc_id, "theme": key, "found": found,
                "confidence": round(float(conf[best, t]), 4),
                "share": float(share_of[key][at[d]]),
                "unit_id": unit_ids[best],
                "specific_terms": "; ".join(specific[best][t]),
                "generic_terms": "; ".join(generic[best][t]),
                "cosine": round(float(cos[best, t]), 4),
                "background_cosine": round(float(bg[best, t]), 4),
                "nearest_ordinary_subject": subject,
                "corpus_percentile": round(float(percentile[best, t]), 4),
                "why": _reason(found, float(margin[best, t]), subject, specific[best][t],
                               generic[best][t], float(evidence), threshold,
                               int(named[best, t])),
                "passage": " ".join(str(texts[best]).split())[:PASSAGE_CHARS],
            })
    return pd.DataFrame(rows)
