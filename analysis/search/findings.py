"""The "what we found" cell of notebook 6 (ask the corpus)."""

from __future__ import annotations


def ask_findings(saved, query: str, hits, shares):
    """What notebook 6 found: the saved analysis, the best answer to ``query``, and
    how the update's batch differs (``shares``: its ``topic_shares.csv``)."""
    from analysis.report.notebook import Finding

    lines = ["## What we found", "",
             f"- The saved analysis holds {len(saved.units):,} units of "
             f"{saved.units['doc_id'].nunique():,} documents "
             f"({', '.join(saved.languages)}) in {len(saved.topic_table())} topics."]
    if len(hits):
        top = hits.iloc[0]
        lines.append(f"- The best answer to “{query}” is {top['doc_id']} ({top['language']}, "
                     f"score {top['score']:.2f}), in topic “{top['topic_name']}”.")
    if len(shares):
        moved = shares.reindex(shares["change"].abs().sort_values(
            ascending=False, kind="stable").index).iloc[0]
        new = shares.loc[shares["topic"].astype(str) == "new", "share_now"]
        lines.append(f"- In the update, {float(new.sum()):.0%} of the units are new; the "
                     f"largest change is “{moved['name']}” ({moved['change']:+.0%}).")
    return Finding("\n".join(lines))
