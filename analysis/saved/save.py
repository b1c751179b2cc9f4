"""Write the saved analysis of a run (see :mod:`analysis.saved.format`)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.saved.format import (
    DOCUMENTS_FILE,
    EDITS_FILE,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_FILE,
    UNITS_FILE,
    VECTORS_FILE,
    empty_edits,
)

# the settings of a run that later commands reuse (cleaning, units, embedding)
KEPT_SETTINGS = ("encoder", "seed", "unit", "max_n", "top_n", "text_column", "id_column",
                 "date_column", "max_bytes", "nr_topics", "lang", "csv_dialect", "themes")


def language_means(embeddings, languages, min_units: int = 2) -> dict:
    """What :func:`analysis.topics.crosslingual.centre_by_language` subtracts: each
    language's mean vector (float64 sums in unit order), for a corpus of two
    languages or more and languages with at least ``min_units`` units."""
    langs = np.asarray(list(languages), dtype=object)
    values, counts = np.unique(langs, return_counts=True)
    if len(values) < 2:
        return {}
    X = np.asarray(embeddings, dtype=np.float64)
    return {str(lang): X[langs == lang].mean(axis=0)
            for lang, count in zip(values, counts) if count >= min_units}


def topic_words(terms: pd.DataFrame, topic, top_n: int) -> list:
    """A topic's words, best rank first, the languages in name order at each rank."""
    rows = terms[terms["topic"] == topic].sort_values(["rank", "language"], kind="stable")
    words: list = []
    for label in rows["label"].astype(str):
        if label not in words:
            words.append(label)
    return words[:top_n]


def novelty_profile(centred: np.ndarray, sample: int = 2000, seed: int = 0) -> dict:
    """Quantiles of each training unit's cosine to its nearest other training unit
    (a seeded sample of ``sample`` units against all), in the topic space: the
    scale against which a new unit is found far from everything seen."""
    from analysis.update.assign import nearest_similarity
    from analysis.update.novelty import NEIGHBOURS

    n = len(centred)
    if n < 3:
        return {"quantiles": {}}
    rng = np.random.default_rng(seed)
    rows = np.arange(n) if n <= sample else np.sort(rng.choice(n, sample, replace=False))
    nearest = nearest_similarity(centred[rows], centred, exclude=rows, k=NEIGHBOURS)
    qs = (0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5)
    # rounded: the last bits of a cosine depend on the BLAS kernel
    return {"quantiles": {f"{q:g}": round(float(np.quantile(nearest, q)), 5) for q in qs},
            "sample": int(len(rows)), "neighbours": NEIGHBOURS}


def documents_frame(corpus, group_by=()) -> pd.DataFrame:
    """One row per document: ``doc_id, title, date, language, source`` and the
    ``--group-by`` columns (``group:<column>``, empty where a document has none)."""
    group_by = list(group_by or ())
    rows = [(d.doc_id, d.title or "", d.date.isoformat() if d.date else "", d.language or "",
             d.source, *("" if d.meta.get(c) is None else str(d.meta.get(c)) for c in group_by))
            for d in corpus]
    return pd.DataFrame(rows, columns=["doc_id", "title", "date", "language", "source",
                                       *(f"group:{c}" for c in group_by)])


def save_analysis(folder, corpus, keywords, result, config, encoder_id=None) -> Path:
    """Write ``<folder>/`` (a run's ``saved/``): units, documents, float32 unit
    embeddings, language means, topics with their words, settings and the format
    version. ``folder`` is inside the run's staging folder, so the manifest covers it."""
    from safetensors.numpy import save_file

    from analysis import __version__
    from analysis.saved.format import centre_with

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    units = keywords.units
    languages = units["language"].astype(str).tolist()
    embeddings = np.ascontiguousarray(result.embeddings, dtype=np.float32)
    means = language_means(result.embeddings, languages)
    topics = np.asarray(result.topics, dtype=np.int64)
    frame = units[["unit_id", "doc_id", "position", "language", "n_words"]].copy()
    frame["topic"] = topics
    frame["text"] = units["text"].to_numpy()
    frame.to_csv(folder / UNITS_FILE, index=False, encoding="utf-8", lineterminator="\n")
    documents_frame(corpus, getattr(config, "group_by", ())).to_csv(
        folder / DOCUMENTS_FILE, index=False, encoding="utf-8", lineterminator="\n")
    lang_order = sorted(means)
    tensors = {"embeddings": embeddings}
    if lang_order:
        tensors["language_means"] = np.ascontiguousarray(
            np.vstack([means[k] for k in lang_order]), dtype=np.float32)
    save_file(tensors, str(folder / VECTORS_FILE))
    names = dict(zip(result.topic_info["topic"], result.topic_info["name"]))
    sizes = dict(zip(*np.unique(topics, return_counts=True)))
    topic_list = [{"id": int(t), "name": str(names.get(t, f"topic {t}")),
                   "size": int(sizes.get(t, 0)),
                   "words": topic_words(result.topic_terms, t, config.top_n)}
                  for t in sorted(set(topics.tolist()))]
    stored_means = {k: np.asarray(v, dtype=np.float32) for k, v in means.items()}
    centred = centre_with(embeddings, languages, stored_means)
    settings = {}
    for name in KEPT_SETTINGS:
        value = getattr(config, name, None)
        settings[name] = value if value is None or isinstance(value, int | float | str) \
            else str(value)
    settings["encoder_id"] = encoder_id
    # what rebuilding the run's keywords and groups needs (analysis.saved.rebuild)
    settings["group_by"] = [str(c) for c in (getattr(config, "group_by", ()) or ())]
    extra = getattr(config, "extra_stopwords", None)
    settings["extra_stopwords"] = sorted(extra()) if callable(extra) else []
    meta = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "package_version": __version__,
            "settings": settings, "languages": sorted(set(languages)),
            "language_means": lang_order, "dimension": int(embeddings.shape[1]),
            "n_units": int(len(units)), "n_documents": int(len(corpus)),
            "topics": topic_list, "novelty": novelty_profile(centred, seed=int(config.seed))}
    (folder / META_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    (folder / EDITS_FILE).write_text(json.dumps(empty_edits(), indent=1) + "\n",
                                     encoding="utf-8")
    return folder
