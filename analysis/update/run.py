"""``update``: new documents, cleaned and embedded as the saved run did, put into the
saved topics (:mod:`analysis.update.assign`), with what none of them covers
flagged new (:mod:`analysis.update.novelty`).

Written into ``--out`` through :class:`analysis.io.runfolder.RunFolder` (the
model folder is only read):

- ``tables/unit_topics.csv``: each new unit's topic (a saved id, a candidate new
  topic's id, or ``new``), its name, its cosine to the nearest saved unit;
- ``tables/document_topics.csv``: each document's main topic and its shares;
- ``tables/topic_shares.csv``: each topic's share of the units then (the saved
  analysis) and now (this batch);
- ``tables/new_topics.csv``: the candidate new topics and their words;
- the keyword tables and figures of the new documents, ``summary.md`` and
  ``update.json`` (the model it was made from, the threshold, the sizes).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import UserInputError
from analysis.saved.format import NEW_TOPIC


@dataclass
class Assignment:
    """Each new unit's saved topic (after the edits), its cosine to the nearest saved
    unit, and whether it is new."""

    topics: np.ndarray
    nearest: np.ndarray
    new: np.ndarray
    threshold: float


def assign_units(saved, embeddings, languages, n_neighbors: int = 10) -> Assignment:
    """Put units (their raw embeddings and languages) into the saved topics."""
    from analysis.update.assign import assign
    from analysis.update.novelty import novelty_threshold

    vectors = saved.centred(np.asarray(embeddings, dtype=np.float32), list(languages))
    topics, nearest = assign(vectors, saved.centred(), saved.topics(), n_neighbors)
    threshold = novelty_threshold(saved.meta)
    return Assignment(topics, nearest, nearest < threshold, threshold)


def check_languages(saved, units: pd.DataFrame, corpus: str) -> None:
    """A :class:`UserInputError` when documents are in a language the saved analysis
    never saw (its topics and language centring know nothing of it)."""
    seen = set(saved.languages)
    langs = units.drop_duplicates("doc_id")["language"]
    unseen = langs[~langs.isin(seen) & (langs != "und")]
    if len(unseen):
        counts = unseen.value_counts()
        what = ", ".join(f"{lang} ({n} document(s))" for lang, n in counts.items())
        raise UserInputError(
            f"--corpus {corpus}: in a language the saved analysis never saw: {what}; it knows "
            f"{', '.join(sorted(seen))}. Leave those documents out, or run the analysis on a "
            "corpus that has them.")


def unit_labels(assignment: Assignment, candidates: np.ndarray) -> list:
    """Each unit's label: its saved topic id, its candidate topic id, or ``new``."""
    labels = []
    j = 0
    for topic, is_new in zip(assignment.topics, assignment.new):
        if is_new:
            c = int(candidates[j])
            labels.append(str(c) if c >= 0 else NEW_TOPIC)
            j += 1
        else:
            labels.append(str(int(topic)))
    return labels


def label_order(labels) -> list:
    """Topic ids in number order, then ``new``."""
    ids = sorted({int(x) for x in labels if x != NEW_TOPIC})
    return [str(i) for i in ids] + ([NEW_TOPIC] if NEW_TOPIC in set(labels) else [])


def document_topics(units: pd.DataFrame, labels: list, names: dict, documents) -> pd.DataFrame:
    """Each document's topic shares (by words) and its main topic (the largest share;
    a tie to the first in :func:`label_order`)."""
    frame = pd.DataFrame({"doc_id": units["doc_id"].to_numpy(), "label": labels,
                          "n_words": units["n_words"].to_numpy()})
    order = label_order(labels)
    shares = frame.pivot_table(index="doc_id", columns="label", values="n_words",
                               aggfunc="sum", fill_value=0, sort=False)
    shares = shares.reindex(columns=order, fill_value=0)
    shares = shares.div(shares.sum(axis=1).replace(0, 1), axis=0)
    doc_order = list(dict.fromkeys(units["doc_id"]))
    shares = shares.reindex(doc_order)
    main = [order[int(np.argmax(row))] for row in shares.to_numpy()]
    meta = {d.doc_id: d for d in documents}
    out = pd.DataFrame({
        "doc_id": doc_order,
        "title": [meta[d].title or "" for d in doc_order],
        "date": [meta[d].date.isoformat() if meta[d].date else "" for d in doc_order],
        "language": [meta[d].language or "" for d in doc_order],
        "main_topic": main,
        "main_topic_name": [names.get(m, m) for m in main]})
    for label in order:
        out[f"topic_{label}"] = shares[label].to_numpy()
    return out


def topic_shares(saved, labels: list, names: dict) -> pd.DataFrame:
    """Each topic's share of the units in the saved analysis and in this batch."""
    then = pd.Series([str(t) for t in saved.topics()]).value_counts(normalize=True)
    now = pd.Series(labels).value_counts(normalize=True)
    order = label_order([*then.index, *now.index])
    return pd.DataFrame({"topic": order, "name": [names.get(t, t) for t in order],
                         "share_then": [float(then.get(t, 0.0)) for t in order],
                         "share_now": [float(now.get(t, 0.0)) for t in order],
                         "change": [float(now.get(t, 0.0) - then.get(t, 0.0)) for t in order]})


def new_topic_words(keywords, labels: list, top_n: int) -> pd.DataFrame:
    """The words of the candidate new topics (c-TF-IDF against the batch's other
    units), best first."""
    from analysis.topics.representation import topic_terms

    units = keywords.units
    codes = np.array([-1 if x == NEW_TOPIC else int(x) for x in labels])
    terms = topic_terms(keywords.counts, codes, units["language"], keywords.vectorizer, top_n)
    return terms.table


def update(model, corpus, out, min_new_topic=None, log=None) -> str:
    """Put the documents of ``corpus`` into the saved topics of the run ``model``
    and write the result into ``out`` (see the module docstring). Returns a short
    report (the topic shares then and now)."""
    from analysis.config import cache_dir
    from analysis.embed.base import make_encoder
    from analysis.embed.cache import embed
    from analysis.io import atomic
    from analysis.io.corpus import load_corpus
    from analysis.io.runfolder import RunFolder
    from analysis.keywords.tables import analyse_keywords
    from analysis.report.tables import write_keyword_outputs
    from analysis.saved import load_analysis
    from analysis.update.novelty import candidate_topics
    from analysis.update.novelty import min_new_topic as min_size_of

    log = log or logging.getLogger("analysis")
    model, out = Path(model), Path(out)
    if out.absolute().resolve() == model.absolute().resolve():
        raise UserInputError(f"--out {out}: the same folder as --model. Give a new folder for "
                             "the update (the saved analysis is never changed by it).")
    saved = load_analysis(model)
    settings = saved.settings
    encoder = make_encoder(settings["encoder"])
    if not encoder.per_text or encoder.cache_id != settings.get("encoder_id"):
        raise UserInputError(f"--model {model}: embedded with {settings.get('encoder_id')}, "
                             f"which this machine cannot reproduce ({encoder.cache_id}). Run "
                             "the analysis again with --encoder usem3.")
    docs = load_corpus(corpus, text_column=settings.get("text_column") or "text",
                       id_column=settings.get("id_column"),
                       date_column=settings.get("date_column"),
                       max_bytes=int(settings.get("max_bytes") or 20_000_000), exclude=(out,))
    for problem in docs.problems:
        log.warning("%s", problem)
    keywords = analyse_keywords(docs, unit=settings.get("unit") or "paragraph",
                                top_n=int(settings.get("top_n") or 10),
                                max_n=int(settings.get("max_n") or 3))
    units = keywords.units
    check_languages(saved, units, str(corpus))
    log.info("embedding %d new unit(s) with %s", len(units), encoder.name)
    embeddings = embed(units["text"].tolist(), encoder, cache_dir())
    assignment = assign_units(saved, embeddings, units["language"].tolist())
    fitted = [int(t["id"]) for t in saved.meta["topics"]]
    min_size = min_size_of(len(units), min_new_topic)
    new_rows = np.flatnonzero(assignment.new)
    centred = saved.centred(np.asarray(embeddings, dtype=np.float32), units["language"].tolist())
    candidates = candidate_topics(centred[new_rows], min_size, max(fitted) + 1,
                                  int(settings.get("seed") or 42))
    labels = unit_labels(assignment, candidates)
    words = new_topic_words(keywords, labels, int(settings.get("top_n") or 10))
    names = {str(k): v for k, v in saved.topic_names().items()}
    new_ids = sorted({int(x) for x in labels if x != NEW_TOPIC} - set(names_int(names)))
    new_table = []
    for c in new_ids:
        top = words[words["topic"] == c].sort_values(["rank", "language"], kind="stable")
        label_words = list(dict.fromkeys(top["label"].astype(str)))[:10]
        names[str(c)] = f"{c} · new: " + ", ".join(label_words[:3])
        new_table.append({"topic": c, "name": names[str(c)],
                          "units": int(sum(x == str(c) for x in labels)),
                          "words": ", ".join(label_words)})
    names[NEW_TOPIC] = NEW_TOPIC
    unit_table = units[["unit_id", "doc_id", "language"]].assign(
        topic=labels, topic_name=[names.get(x, x) for x in labels],
        saved_topic=assignment.topics, nearest_cosine=np.round(assignment.nearest, 6),
        new=assignment.new)
    doc_table = document_topics(units, labels, names, docs)
    shares = topic_shares(saved, labels, names)
    summary = update_summary(model, corpus, doc_table, shares, new_table, assignment, min_size)
    folder = RunFolder(out)
    with folder as staging:
        tables = staging / "tables"
        tables.mkdir()
        write_keyword_outputs(docs, keywords, tables, staging / "figures")
        atomic.write_csv(unit_table, tables / "unit_topics.csv")
        atomic.write_csv(doc_table, tables / "document_topics.csv")
        atomic.write_csv(shares, tables / "topic_shares.csv")
        atomic.write_csv(pd.DataFrame(new_table, columns=["topic", "name", "units", "words"]),
                         tables / "new_topics.csv")
        atomic.write_text(staging / "summary.md", summary)
        info = {"model": str(model), "corpus": str(corpus), "units": int(len(units)),
                "documents": int(len(docs)), "novelty_threshold": assignment.threshold,
                "min_new_topic": int(min_size), "edits": saved.edits}
        atomic.write_text(staging / "update.json", json.dumps(info, indent=1) + "\n")
        folder_settings = {"command": "update", **{k: v for k, v in info.items()
                                                   if k != "edits"}}
        folder.commit(folder_settings)
    return summary


def names_int(names: dict) -> set:
    return {int(k) for k in names if k.lstrip("-").isdigit()}


def update_summary(model, corpus, doc_table, shares, new_table, assignment, min_size) -> str:
    n_units = len(assignment.new)
    lines = [f"# Update of {model} with {corpus}", "",
             f"{len(doc_table)} document(s), {n_units} unit(s). "
             f"{int(assignment.new.sum())} unit(s) ({assignment.new.mean():.0%}) are new: "
             f"their nearest saved unit has a cosine below {assignment.threshold:.3f}.",
             f"Candidate new topics need {min_size} new units or more.", "",
             "| topic | name | share then | share now | change |", "|---|---|---|---|---|"]
    for r in shares.itertuples():
        lines.append(f"| {r.topic} | {r.name} | {r.share_then:.1%} | {r.share_now:.1%} | "
                     f"{r.change:+.1%} |")
    if new_table:
        lines += ["", "Candidate new topics:", ""]
        lines += [f"- {t['name']} ({t['units']} units): {t['words']}" for t in new_table]
    main = doc_table["main_topic"].value_counts()
    lines += ["", "Documents by main topic: " + ", ".join(f"{k}: {v}" for k, v in main.items())]
    return "\n".join(lines) + "\n"
