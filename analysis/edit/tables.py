"""The run's topic tables with the edits applied (pure functions of the tables)."""

from __future__ import annotations

import pandas as pd


def merged_topic_info(info: pd.DataFrame, mapping: dict, names: dict) -> pd.DataFrame:
    """``topic_info.csv`` after merges: the rows of merged topics become one (counts,
    ``n_<language>`` and ``count``, added; the other columns from the largest
    member), and every topic takes its name from ``names``."""
    info = info.copy()
    info["topic"] = info["topic"].astype(int)
    info["_target"] = info["topic"].map(lambda t: mapping.get(int(t), int(t)))
    summed = [c for c in info.columns if c == "count" or c.startswith("n_")]
    size = "count" if "count" in info.columns else None
    rows = []
    for target, group in info.groupby("_target", sort=True):
        if size is not None:
            group = group.sort_values([size, "topic"], ascending=[False, True], kind="stable")
        row = group.iloc[0].copy()
        for c in summed:
            row[c] = group[c].sum()
        row["topic"] = target
        rows.append(row)
    out = pd.DataFrame(rows).drop(columns="_target").reset_index(drop=True)
    if "name" in out.columns:
        out["name"] = out["topic"].map(lambda t: names.get(int(t), ""))
    return out


def merged_document_topics(doc_topics: pd.DataFrame, mapping: dict) -> pd.DataFrame:
    """``document_topics.csv`` after merges: the share columns ``topic_<id>`` of merged
    topics added into the target's column."""
    out = doc_topics[[c for c in doc_topics.columns if not c.startswith("topic_")]].copy()
    columns: dict = {}
    for c in doc_topics.columns:
        if c.startswith("topic_"):
            try:
                t = int(c[len("topic_"):])
            except ValueError:
                out[c] = doc_topics[c]
                continue
            columns.setdefault(mapping.get(t, t), []).append(c)
    for target in sorted(columns):
        out[f"topic_{target}"] = doc_topics[columns[target]].sum(axis=1)
    return out


def merged_unit_topics(unit_topics: pd.DataFrame, mapping: dict) -> pd.DataFrame:
    out = unit_topics.copy()
    out["topic"] = out["topic"].astype(int).map(lambda t: mapping.get(t, t))
    return out
