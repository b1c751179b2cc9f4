"""``update``: new documents, cleaned and embedded as the saved run did, put into the
saved topics (:mod:`analysis.update.assign`), with what none of them covers
flagged new (:mod:`analysis.update.novelty`).

Written into ``--out`` through :class:`analysis.io.runfolder.RunFolder` (the
model folder is only read), by the writers of the main run, so an update has the
same tables, figures and report page as a run (in the saved run's ``--lang`` and
CSV dialect):

- every table of a run; in ``unit_topics.csv`` and ``document_topics.csv`` a
  unit's or document's topic is a saved id (with its saved, edited name), the id
  of a candidate new topic, or ``new``; a topic's words in the figures are those
  of the new documents;
- ``tables/unit_novelty.csv``: each new unit's nearest saved topic, its mean
  cosine to its nearest saved units (``neighbour_cosine``) and whether that is
  below the novelty threshold;
- ``tables/topic_shares.csv``: each topic's share of the units then (the saved
  analysis) and now (this batch);
- ``tables/new_topics.csv``: the candidate new topics and their words;
- the figures, ``report.html``, ``summary.md`` (which opens with the shares then
  and now) and ``update.json`` (the model it was made from, the threshold, the
  sizes).
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
    """Each new unit's saved topic (after the edits), its mean cosine to its
    ``neighbours`` nearest saved units, and whether it is new."""

    topics: np.ndarray
    nearest: np.ndarray
    new: np.ndarray
    threshold: float
    neighbours: int = 1


def assign_units(saved, embeddings, languages, n_neighbors: int = 10) -> Assignment:
    """Put units (their raw embeddings and languages) into the saved topics."""
    from analysis.update.assign import assign
    from analysis.update.novelty import novelty_neighbours, novelty_threshold

    vectors = saved.centred(np.asarray(embeddings, dtype=np.float32), list(languages))
    topics, nearest = assign(vectors, saved.centred(), saved.topics(), n_neighbors,
                             closeness=novelty_neighbours(saved.meta))
    threshold = novelty_threshold(saved.meta)
    return Assignment(topics, nearest, nearest < threshold, threshold,
                      novelty_neighbours(saved.meta))


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
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords
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
    themes = _themes_file(settings.get("themes"), model, log)
    docs = load_corpus(corpus, text_column=settings.get("text_column") or "text",
                       id_column=settings.get("id_column"),
                       date_column=settings.get("date_column"),
                       max_bytes=int(settings.get("max_bytes") or 20_000_000), exclude=(out,))
    for problem in docs.problems:
        log.warning("%s", problem)
    top_n = int(settings.get("top_n") or 10)
    keywords = analyse_keywords(docs, unit=settings.get("unit") or "paragraph", top_n=top_n,
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
    seed = int(settings.get("seed") or 42)
    candidates = candidate_topics(centred[new_rows], min_size, max(fitted) + 1, seed)
    labels = unit_labels(assignment, candidates)
    words = new_topic_words(keywords, labels, top_n)
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
    novelty = units[["unit_id", "doc_id", "language"]].assign(
        topic=labels, saved_topic=assignment.topics,
        neighbour_cosine=np.round(assignment.nearest, 6), new=assignment.new)
    shares = topic_shares(saved, labels, names)
    lang = _language(settings.get("lang"), docs)
    summary = update_summary(model, corpus, docs, shares, new_table, assignment, min_size, lang)
    result = _batch_result(docs, keywords, embeddings, centred, labels, names, themes, seed,
                           top_n, model, encoder, lang)
    info = {"model": str(model), "corpus": str(corpus), "units": int(len(units)),
            "documents": int(len(docs)), "novelty_threshold": assignment.threshold,
            "min_new_topic": int(min_size), "edits": saved.edits}
    _write(out, docs, keywords, result, novelty, shares, new_table, summary, info,
           settings.get("csv_dialect") or "standard", lang)
    return summary


def _themes_file(stored, model: Path, log):
    """The saved run's themes file, or the built-in themes (with a warning) when it
    cannot be found from here."""
    if not stored:
        return None
    path = Path(stored)
    if path.is_file():
        return path
    log.warning("--model %s: its themes file %s is not found from here; the update uses "
                "the built-in themes. Run it from the folder the analysis ran in to use "
                "that file.", model, stored)
    return None


def _language(requested, docs) -> str:
    from analysis.report.wording import report_language

    return report_language(requested or None, docs)


def _batch_result(docs, keywords, embeddings, centred, labels, names, themes, seed, top_n,
                  model, encoder, lang):
    """The update's units, with their saved, candidate or ``new`` topics, as a
    :class:`~analysis.pipeline.steps.TopicResult` for the run's writers."""
    from analysis.config import cache_dir
    from analysis.pipeline.steps import describe_topics, given_topics, theme_evidence
    from analysis.report.topic_tables import NEW_TOPIC_ID
    from analysis.report.wording import say
    from analysis.topics.model import Choice

    topics = np.array([NEW_TOPIC_ID if x == NEW_TOPIC else int(x) for x in labels],
                      dtype=np.int64)
    by_id = {int(k): v for k, v in names.items() if k != NEW_TOPIC}
    by_id[NEW_TOPIC_ID] = say("new_topic_name", lang)
    choice = Choice("update", "the saved topic space", "nearest saved units",
                    f"assigned to the saved topics of {model.name}")
    fit = given_topics(keywords, topics, choice, top_n, by_id)
    evidence = theme_evidence(keywords, encoder, themes, cache_dir(),
                              {d.doc_id: d.text for d in docs})
    return describe_topics(docs, keywords, embeddings, centred, fit, evidence, seed)


def _write(out, docs, keywords, result, novelty, shares, new_table, summary, info, dialect,
           lang) -> None:
    from types import SimpleNamespace

    from analysis.io import atomic
    from analysis.io.corpus import display_path
    from analysis.io.runfolder import RunFolder
    from analysis.report.outputs import RunData
    from analysis.report.page import write_report
    from analysis.report.summary import doc_titles
    from analysis.report.tables import write_outputs
    from analysis.report.theme_outputs import theme_labels_in, theme_names_in
    from analysis.report.wording import say

    found = {"novelty": novelty, "shares": shares, "new_topics": pd.DataFrame(
        new_table, columns=["topic", "name", "units", "words"])}
    data = RunData(docs, keywords, result, lang, command=found)
    folder = RunFolder(out)
    with folder as staging:
        tables, figures = staging / "tables", staging / "figures"
        tables.mkdir()
        written = write_outputs(data, ("keywords", "topics", "translations", "themes",
                                       "update"), tables, figures, dialect)
        config = SimpleNamespace(tables_dir=tables, report_path=staging / "report.html",
                                 summary_path=staging / "summary.md", csv_dialect=dialect,
                                 group_by=())
        atomic.write_text(config.summary_path, summary)
        write_report(config, summary, written, None, names=doc_titles(docs),
                     title=say("update_title", lang, corpus=display_path(info["corpus"])),
                     lang=lang, theme_labels=theme_labels_in(result, lang),
                     theme_names=theme_names_in(result, lang),
                     lead=(say("update_changes", lang), summary.split("\n", 1)[1]))
        atomic.write_text(staging / "update.json", json.dumps(info, indent=1) + "\n")
        folder.commit({"command": "update", **{k: v for k, v in info.items() if k != "edits"}})


def names_int(names: dict) -> set:
    return {int(k) for k in names if k.lstrip("-").isdigit()}


def update_summary(model, corpus, docs, shares, new_table, assignment, min_size,
                   lang: str = "en") -> str:
    """The update in a few lines (in ``lang``): sizes, what is new, and each topic's
    share of the units then and now."""
    from analysis.io.corpus import display_path
    from analysis.report.topic_sections import percent, show_number
    from analysis.report.wording import say

    def pct(value):
        return percent(value, lang)

    n_units = len(assignment.new)
    heading = say("update_heading", lang, model=display_path(model), corpus=display_path(corpus))
    lines = [f"# {heading}",
             "", say("update_sizes", lang, docs=len(docs), units=n_units,
                     new=int(assignment.new.sum()), share=pct(assignment.new.mean() if n_units
                                                              else 0.0),
                     threshold=show_number(assignment.threshold, lang, 3),
                     k=assignment.neighbours),
             say("update_min_size", lang, n=min_size), "",
             "| " + " | ".join(say(k, lang) for k in ("update_topic", "update_name",
                                                       "update_then", "update_now",
                                                       "update_change")) + " |",
             "|---|---|---|---|---|"]
    for r in shares.itertuples():
        change = ("+" if r.change >= 0 else "−") + pct(abs(r.change))
        name = str(r.name).replace("|", "\\|")  # a topic name may hold "|"
        lines.append(f"| {r.topic} | {name} | {pct(r.share_then)} | {pct(r.share_now)} | "
                     f"{change} |")
    if new_table:
        lines += ["", say("update_candidates", lang), ""]
        lines += [f"- {t['name']} ({say('update_units', lang, n=t['units'])}): {t['words']}"
                  for t in new_table]
    return "\n".join(lines) + "\n"
