"""The search hits as a table for the terminal."""

from __future__ import annotations

import pandas as pd


def cut(text, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def hits_text(hits: pd.DataFrame, query: str, width: int = 100) -> str:
    """A plain-text table: rank, score, date, language, topic, title, and the best
    passage under each hit."""
    if hits.empty:
        return f"no document answers {query!r}"
    lines = [f"{len(hits)} best document(s) for {query!r}:", ""]
    for row in hits.itertuples(index=False):
        head = f"{row.rank:>3}. {row.score:.3f}  {row.date or '-':<10}  {row.language or '-':<3}"
        title = cut(row.title or row.doc_id, max(20, width - len(head) - 2))
        lines.append(f"{head}  {title}")
        lines.append(f"     [{row.doc_id}] topic {cut(row.topic_name, width - 20)}")
        lines.append(f"     “{cut(row.passage, width - 7)}”")
    return "\n".join(lines)
