"""Units of analysis (documents, paragraphs or sentences) with their language."""

from __future__ import annotations

import pandas as pd

from analysis.text.language import UNDETERMINED, LanguageDetector
from analysis.text.segment import UNITS, split_units

# Words a unit needs for its own detected language to overrule its document's.
MIN_SWITCH_WORDS = 15


def build_units(corpus, unit: str = "paragraph", min_words: int = 4,
                detector: LanguageDetector | None = None) -> pd.DataFrame:
    """One row per unit: doc_id, unit_id, position, text, language, n_words.

    Each document's language is detected on its whole clean text and stored on the
    document. A unit takes its document's language unless its own detection is
    confident and it has at least ``MIN_SWITCH_WORDS`` words: a headline or a short
    paragraph holds too few words to overrule the whole document ("Deutsche
    Telekom sees mobile gain" is English in an English article), while a real
    paragraph in another language keeps its own. Units shorter than ``min_words`` words are
    dropped, except a document's only unit.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    detector = detector or LanguageDetector()
    docs = list(corpus)
    for doc, lang in zip(docs, detector.detect([d.clean for d in docs])):
        doc.language = lang
    rows = []
    for doc in docs:
        pieces = [(p, len(p.split())) for p in split_units(doc.clean, unit)]
        kept = [p for p in pieces if p[1] >= min_words] or pieces[:1]
        for i, (text, n_words) in enumerate(kept):
            rows.append((doc.doc_id, f"{doc.doc_id}#{i}", i, text, doc.language, n_words))
    frame = pd.DataFrame(rows, columns=["doc_id", "unit_id", "position", "text",
                                        "doc_language", "n_words"])
    if unit == "document":
        frame["language"] = frame["doc_language"]
    else:
        langs = detector.detect(frame["text"].tolist())
        frame["language"] = [
            d if u == UNDETERMINED or n < MIN_SWITCH_WORDS else u
            for u, d, n in zip(langs, frame["doc_language"], frame["n_words"])]
    return frame.drop(columns="doc_language")
