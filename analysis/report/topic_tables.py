"""From topics to documents: the tables an analyst reads a topic by.

Small pure functions of pandas tables, each deterministic (float64 sums in a
fixed order, stable sorts, ties broken by the corpus's own order):

- :func:`document_topic_table`: each document's title, date, groups, main topic
  and its share of every topic (``document_topics.csv``);
- :func:`representative_passages`: the units nearest each topic's centre, one per
  document (``topic_passages.csv``);
- :func:`topics_by_group`: documents and mean topic share per topic and value of a
  ``--group-by`` column (``topics_by_<column>.csv``);
- :func:`choose_period`, :func:`period_labels` and :func:`topics_over_time`: topic
  shares per day, week, month or quarter (``topics_over_time.csv``).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

# Representative passages shown per topic.
PASSAGES_PER_TOPIC = 3
# A document is listed under a topic holding at least this share of its words
# (and always under its main topic).
MIN_LISTED_SHARE = 0.2


_LANGUAGE_PREFIX = re.compile(r"^(.*? · )[a-z]{2,3}: ")


def plain_topic_names(names: dict, n_languages: int) -> dict:
    """Topic names as a reader sees them: in a corpus of one language, "0 · en: a,
    b, c" is "0 · a, b, c" (the language says nothing there)."""
    if n_languages > 1:
        return dict(names)
    return {t: _LANGUAGE_PREFIX.sub(r"\1", str(n), count=1) for t, n in names.items()}


def newest_first(corpus) -> list[str]:
    """The documents' ids, the newest first when they are dated (undated ones
    after, each in the corpus's order): the order of lists of documents."""
    docs = list(corpus)
    ranked = sorted(range(len(docs)), key=lambda i: (
        docs[i].date is None, -(docs[i].date.toordinal() if docs[i].date else 0), i))
    return [docs[i].doc_id for i in ranked]


# The topic of units an update found far from every saved topic (analysis.update):
# -1 inside, ``new`` in the tables. A fitted run never has it.
NEW_TOPIC_ID = -1


def name_new_topic(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with topic -1 written ``new`` (its ``topic`` and ``main_topic``
    columns, and ``topic_-1`` renamed ``topic_new``); unchanged when it has none."""
    from analysis.saved.format import NEW_TOPIC

    changed = {}
    for column in ("topic", "main_topic"):
        if column in frame:
            is_new = frame[column].astype(object).eq(NEW_TOPIC_ID).to_numpy(dtype=bool)
            if is_new.any():
                changed[column] = frame[column].astype(object).where(~is_new, NEW_TOPIC)
    old = f"topic_{NEW_TOPIC_ID}"
    if not changed and old not in frame:
        return frame
    frame = frame.assign(**changed) if changed else frame
    return frame.rename(columns={old: f"topic_{NEW_TOPIC}"})


def topic_columns(frame: pd.DataFrame) -> list[str]:
    """The ``topic_<k>`` columns of a table, in topic order."""
    found = [c for c in frame.columns if str(c).startswith("topic_")
             and str(c)[6:].lstrip("-").isdigit()]
    return sorted(found, key=lambda c: int(str(c)[6:]))


def document_topic_table(doc_topics: pd.DataFrame, documents: pd.DataFrame,
                         topic_names: dict, titles: dict | None = None,
                         groups=()) -> pd.DataFrame:
    """One row per document, in the corpus's order: ``doc_id, title, date,
    language``, the ``groups`` columns, ``main_topic`` (the topic with the largest
    share; a tie goes to the lower topic), ``main_topic_name``, ``main_share`` and
    each ``topic_<k>``
    share. ``documents`` is ``Corpus.to_frame()``; ``titles`` gives a label to
    documents without a title."""
    titles = titles or {}
    shares = doc_topics.set_index("doc_id")
    columns = topic_columns(shares)
    docs = documents[["doc_id"]].copy()
    title = documents["title"] if "title" in documents else pd.Series(None, index=docs.index)
    docs["title"] = [t if isinstance(t, str) and t.strip() else titles.get(d, d)
                     for d, t in zip(documents["doc_id"], title)]
    docs["date"] = documents["date"] if "date" in documents else None
    docs["language"] = documents["language"] if "language" in documents else None
    for column in groups:
        docs[column] = documents[column] if column in documents else None
    values = shares.reindex(docs["doc_id"])[columns].to_numpy(dtype=np.float64)
    has = ~np.isnan(values).all(axis=1)  # a document without units has no topic
    values = np.nan_to_num(values, nan=0.0)
    main = np.argmax(values, axis=1)  # the first of equal shares: the lower topic
    topic_ids = [int(c[6:]) for c in columns]
    docs["main_topic"] = pd.array([topic_ids[m] if h else pd.NA for m, h in zip(main, has)],
                                  dtype="Int64")
    docs["main_topic_name"] = [topic_names.get(topic_ids[m]) if h else None
                          for m, h in zip(main, has)]
    docs["main_share"] = np.where(has, values[np.arange(len(values)), main], np.nan)
    for i, column in enumerate(columns):
        docs[column] = values[:, i]
    return docs.reset_index(drop=True)


def main_topic_counts(doc_topics: pd.DataFrame) -> dict:
    """``{topic: documents whose main topic it is}`` from ``doc_id, topic_<k>...``
    shares (a tie goes to the lower topic, as in :func:`document_topic_table`)."""
    columns = topic_columns(doc_topics)
    if not columns or not len(doc_topics):
        return {}
    main = np.argmax(doc_topics[columns].to_numpy(dtype=np.float64), axis=1)
    counts = np.bincount(main, minlength=len(columns))
    return {int(c[6:]): int(n) for c, n in zip(columns, counts)}


def representative_passages(units: pd.DataFrame, topics, vectors: np.ndarray,
                            per_topic: int = PASSAGES_PER_TOPIC) -> pd.DataFrame:
    """For each topic, the ``per_topic`` units nearest its centre (cosine to the mean
    of its units' normalised vectors), one per document, the nearest first; equal
    similarities keep the units' order. Columns: ``topic, rank, unit_id, doc_id,
    similarity, text``."""
    topics = np.asarray(topics)
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit_vectors = vectors / np.maximum(norms, 1e-12)
    rows = []
    for topic in sorted({int(t) for t in topics}):
        index = np.flatnonzero(topics == topic)
        centre = unit_vectors[index].sum(axis=0)
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        similarity = unit_vectors[index] @ centre
        order = np.argsort(-similarity, kind="stable")
        seen: set = set()
        for i in order:
            unit = units.iloc[index[i]]
            if unit["doc_id"] in seen:
                continue
            seen.add(unit["doc_id"])
            rows.append({"topic": topic, "rank": len(seen), "unit_id": unit["unit_id"],
                         "doc_id": unit["doc_id"], "similarity": float(similarity[i]),
                         "text": unit["text"]})
            if len(seen) == per_topic:
                break
    return pd.DataFrame(rows, columns=["topic", "rank", "unit_id", "doc_id", "similarity",
                                       "text"])


def topics_by_group(documents: pd.DataFrame, column: str, topic_names: dict) -> pd.DataFrame:
    """Per topic and value of ``column`` (a table of :func:`document_topic_table`):
    ``n_documents`` (documents whose main topic it is), ``mean_share`` (the topic's
    mean share of the group's documents) and ``group_documents``. Groups in
    alphabetical order, topics in their order; a document without a value for
    ``column`` is left out."""
    columns = topic_columns(documents)
    known = documents[documents[column].notna()
                      & (documents[column].astype(str).str.strip() != "")]
    values = known[column].astype(str)
    rows = []
    for group in sorted(set(values)):
        part = known[values == group]
        for name in columns:
            topic = int(name[6:])
            rows.append({"topic": topic, "topic_name": topic_names.get(topic),
                         column: group,
                         "n_documents": int((part["main_topic"] == topic).sum()),
                         "mean_share": float(np.sum(part[name].to_numpy(np.float64)))
                         / max(len(part), 1),
                         "group_documents": len(part)})
    frame = pd.DataFrame(rows, columns=["topic", "topic_name", column, "n_documents",
                                        "mean_share", "group_documents"])
    return frame.sort_values(["topic", column], kind="stable").reset_index(drop=True)


PERIODS = ("day", "week", "month", "quarter")


def choose_period(dates) -> str | None:
    """The period that cuts the span of ``dates`` into a readable number of steps:
    a day up to 6 weeks, a week up to 9 months, a month up to 4 years, else a
    quarter; ``None`` for fewer than two distinct dates."""
    days = sorted({d for d in dates if d is not None})
    if len(days) < 2:
        return None
    span = (days[-1] - days[0]).days
    if span <= 42:
        return "day"
    if span <= 274:
        return "week"
    if span <= 4 * 366:
        return "month"
    return "quarter"


def period_start(date: dt.date, period: str) -> dt.date:
    """The first day of the ``period`` holding ``date`` (weeks start on Monday)."""
    if period == "day":
        return date
    if period == "week":
        return date - dt.timedelta(days=date.weekday())
    if period == "month":
        return date.replace(day=1)
    if period == "quarter":
        return dt.date(date.year, 3 * ((date.month - 1) // 3) + 1, 1)
    raise ValueError(f"unknown period {period!r}")


def period_label(start: dt.date, period: str) -> str:
    """A period as a sortable label: ``2026-01-05`` (a day, or a week's Monday),
    ``2026-01`` (a month), ``2026-Q1`` (a quarter)."""
    if period == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if period == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    return start.isoformat()


def _as_date(value):
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def topics_over_time(documents: pd.DataFrame, topic_names: dict,
                     period: str | None = None) -> tuple[pd.DataFrame, str | None]:
    """``(table, period)``: per period and topic, ``n_documents`` (dated documents in
    the period), ``n_main`` (those whose main topic it is) and ``mean_share`` (the
    topic's mean share of them). The period is :func:`choose_period` of the dates
    unless given; an undated corpus gives an empty table and ``None``."""
    out = ["period", "period_start", "period_kind", "topic", "topic_name", "n_documents", "n_main",
           "mean_share"]
    dates = [_as_date(v) for v in documents["date"]] if "date" in documents else []
    period = period or choose_period(dates)
    if period is None:
        return pd.DataFrame(columns=out), None
    columns = topic_columns(documents)
    starts = pd.Series([period_start(d, period) if d else None for d in dates],
                       index=documents.index)
    rows = []
    for start in sorted({s for s in starts if s is not None}):
        part = documents[starts == start]
        for name in columns:
            topic = int(name[6:])
            rows.append({"period": period_label(start, period),
                         "period_start": start.isoformat(), "period_kind": period,
                         "topic": topic,
                         "topic_name": topic_names.get(topic), "n_documents": len(part),
                         "n_main": int((part["main_topic"] == topic).sum()),
                         "mean_share": float(np.sum(part[name].to_numpy(np.float64)))
                         / len(part)})
    return pd.DataFrame(rows, columns=out), period
