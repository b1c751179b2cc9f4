"""Write the main job's tables, figures and Markdown summary."""

from __future__ import annotations

from pathlib import Path

from . import atomic
from .figures import save_figure
from .plots import keyword_bars


def doc_titles(corpus) -> dict:
    """Short display names for documents: id, language and title or first words."""
    names = {}
    for d in corpus:
        head = d.title or " ".join(d.clean.split()[:6]) + "…"
        names[d.doc_id] = f"{d.doc_id[:3]} · {d.language} · {head}"
    return names


def write_keyword_outputs(corpus, result, tables_dir: Path, figures_dir: Path) -> list[Path]:
    paths = [
        atomic.write_csv(corpus.to_frame(), tables_dir / "documents.csv"),
        atomic.write_csv(result.units.drop(columns="text"), tables_dir / "units.csv"),
        atomic.write_csv(result.by_document, tables_dir / "keywords_by_document.csv"),
        atomic.write_csv(result.by_language, tables_dir / "keywords_by_language.csv"),
    ]
    if len(result.distinctive):
        paths.append(atomic.write_csv(result.distinctive, tables_dir / "distinctive_terms.csv"))
    for column, table in result.by_group.items():
        paths.append(atomic.write_csv(table, tables_dir / f"keywords_by_{column}.csv"))
    if corpus.problems:
        import pandas as pd

        problems = pd.DataFrame([p.__dict__ for p in corpus.problems])
        paths.append(atomic.write_csv(problems, tables_dir / "problems.csv"))
    if len(corpus) <= 12:
        fig = keyword_bars(result.by_document, "Top keywords per document",
                           group_titles=doc_titles(corpus))
        paths += save_figure(fig, "keywords_by_document", figures_dir)
    fig = keyword_bars(result.by_language, "Top keywords per language",
                       group_titles={g: f"language: {g}" for g in result.by_language["group"]})
    paths += save_figure(fig, "keywords_by_language", figures_dir)
    return paths


def _counts(series) -> str:
    return ", ".join(f"{k}: {v}" for k, v in series.value_counts().sort_index().items())


def summary_markdown(corpus, result, extra_sections=()) -> str:
    units = result.units
    lines = [
        "# Corpus summary", "",
        f"- Corpus: `{corpus.source}`",
        f"- Documents analysed: {len(corpus)}; skipped or flagged files: {len(corpus.problems)}",
        f"- Units: {len(units)} ({_counts(units['language'])})",
        "",
    ]
    if corpus.problems:
        lines += ["## Files with problems", ""] + [f"- {p}" for p in corpus.problems] + [""]
    lines += ["## Keywords per document", ""]
    titles = doc_titles(corpus)
    for doc_id, rows in result.by_document.groupby("group", sort=False):
        terms = ", ".join(rows.sort_values("rank")["label"].head(8))
        lines.append(f"- **{titles.get(doc_id, doc_id)}**: {terms}")
    lines += ["", "## Keywords per language", ""]
    for lang, rows in result.by_language.groupby("group", sort=False):
        lines.append(f"- **{lang}**: {', '.join(rows.sort_values('rank')['label'].head(10))}")
    for section in extra_sections:
        lines += ["", *section]
    return "\n".join(lines) + "\n"


def side_by_side(doc, chars: int = 400):
    """The start of a document's original and cleaned text, as a two-column table."""
    import pandas as pd

    def cut(text):
        return [p.strip() for p in text[:chars].split("\n") if p.strip()]

    original, cleaned = cut(doc.text), cut(doc.clean)
    n = max(len(original), len(cleaned))
    return pd.DataFrame({"original": original + [""] * (n - len(original)),
                         "cleaned": cleaned + [""] * (n - len(cleaned))})
