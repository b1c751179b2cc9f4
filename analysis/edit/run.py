"""Merge and rename topics of a run without embedding again.

The edits are stored in the saved analysis (``saved/edits.json``) and applied by
every later command (search shows the new names, update keeps them). The run's
topic tables, figures, ``summary.md`` and ``report.html`` (and its ``--html``
views) are written again from the saved analysis
(:mod:`analysis.saved.rebuild`): the same writers as the run, with merged topics
under one id and words computed on their units together, and renamed topics
under their new names; ``topic_edits.csv`` lists the topics after the edits. The
edited run is written through :class:`analysis.io.runfolder.RunFolder`: into a
staging folder, then swapped in whole with a new manifest, so a failed edit
leaves the folder as it was.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from analysis.errors import UserInputError


def check_edits(saved, merges: list, renames: dict) -> None:
    """Every id names a topic of the analysis (after its earlier edits)."""
    current = sorted(set(saved.topic_of().values()))
    known = set(current)
    shown = ", ".join(map(str, current))
    for group in merges:
        for t in group:
            if t not in known:
                raise UserInputError(f"--merge {','.join(map(str, group))}: there is no topic "
                                     f"{t} (the topics are {shown}).")
    from analysis.saved.format import merge_map

    after = merge_map([*saved.edits.get("merges", []), *merges])
    for t in renames:
        if t not in known or t in after:
            raise UserInputError(f"--rename {t}: there is no topic {t} after the merges (the "
                                 f"topics are {', '.join(map(str, sorted(known - set(after))))}).")


def redraw(staging: Path, saved, settings: dict, log) -> list:
    """Write what the edits change in the run in ``staging`` again from ``saved``
    (with its edits): the topic tables and figures, the topics of ``summary.md``,
    the page (and its ``--html`` views); ``settings`` are the run's (its
    manifest's). The theme, translation and keyword outputs, which no edit changes,
    stay as the run wrote them. The files written."""
    from types import SimpleNamespace

    from analysis.io import atomic
    from analysis.pipeline.run import _short
    from analysis.report.outputs import RunData
    from analysis.report.page import write_report
    from analysis.report.summary import doc_titles, topic_summary_section, with_section
    from analysis.report.tables import write_outputs
    from analysis.report.theme_outputs import theme_labels_in, theme_names_in
    from analysis.report.topic_tables import main_topic_counts
    from analysis.report.wording import report_language, say
    from analysis.saved.rebuild import saved_corpus, saved_keywords, saved_topics

    dialect = settings.get("csv_dialect") or "standard"
    themes = settings.get("themes")
    if themes and not Path(themes).is_file():
        log.warning("the run's themes file %s is not found from here; the topics' nearest "
                    "themes are those of the built-in themes. Run edit from the folder the "
                    "analysis ran in to use that file.", themes)
        themes = None
    corpus = saved_corpus(saved)
    corpus.source = settings.get("corpus") or corpus.source
    keywords = saved_keywords(saved, corpus)
    result = saved_topics(saved, corpus, keywords, themes)
    lang = report_language(settings.get("lang"), corpus)
    tables, figures = staging / "tables", staging / "figures"
    titles = doc_titles(corpus)
    data = RunData(corpus, keywords, result, lang, command={"edits": saved.topic_table()},
                   titles=titles)
    written = write_outputs(data, ("topics", "edit"), tables, figures, dialect)
    views = None
    if settings.get("html"):
        views = sorted(p for p in (staging / "interactive").glob("*") if p.is_file())
        log.warning("the --html views keep the topics as fitted; run the analysis again "
                    "with --html for views of the edited topics.")
    summary_path = staging / "summary.md"
    summary = ""
    if summary_path.is_file():  # a run always has one
        summary = with_section(summary_path.read_text(encoding="utf-8"),
                               topic_summary_section(result.topic_info, lang,
                                                     main_topic_counts(result.doc_topics)))
        atomic.write_text(summary_path, summary)
    config = SimpleNamespace(tables_dir=tables, report_path=staging / "report.html",
                             summary_path=summary_path, csv_dialect=dialect,
                             group_by=tuple(settings.get("group_by") or ()))
    every = sorted(p for folder in (tables, figures) if folder.is_dir()
                   for p in folder.iterdir() if p.is_file())
    write_report(config, summary, every, views, names=titles,
                 title=say("report_title", lang, corpus=_short(corpus.source)), lang=lang,
                 theme_labels=theme_labels_in(result, lang),
                 theme_names=theme_names_in(result, lang))
    return written


def edit(model, merges=(), renames=None, labels=None, out=None, log=None) -> str:
    """Apply ``merges`` (lists of topic ids, each merged into its first) and
    ``renames`` (``{id: name}``), and those of a ``labels`` file
    (:func:`analysis.edit.parse.read_labels`), to the run ``model``; write the
    edited run into ``out`` (default: ``model`` itself). Returns a short report."""
    from analysis.edit.parse import read_labels
    from analysis.io.runfolder import MANIFEST, RunFolder
    from analysis.saved import SAVED_DIR, load_analysis
    from analysis.saved.format import EDITS_FILE

    log = log or logging.getLogger("analysis")
    merges = [list(map(int, g)) for g in merges]
    renames = {int(k): v for k, v in (renames or {}).items()}
    if labels is not None:
        more_merges, more_renames = read_labels(labels)
        merges += more_merges
        renames.update(more_renames)
    if not merges and not renames:
        raise UserInputError("nothing to edit: give --merge A,B, --rename ID=\"NAME\" or "
                             "--labels FILE.")
    model = Path(model)
    saved = load_analysis(model)
    check_edits(saved, merges, renames)
    manifest = json.loads((model / MANIFEST).read_text(encoding="utf-8"))
    edits = {"merges": [*saved.edits.get("merges", []), *merges],
             "renames": {**saved.edits.get("renames", {}),
                         **{str(k): v for k, v in renames.items()}}}
    saved.edits = edits
    target = Path(out) if out is not None else model
    folder = RunFolder(target, "--out" if out is not None else "--model")
    with folder as staging:
        for entry in sorted(model.iterdir()):
            if entry.name == MANIFEST:
                continue
            if entry.is_dir():
                shutil.copytree(entry, staging / entry.name)
            else:
                shutil.copy2(entry, staging / entry.name)
        (staging / SAVED_DIR / EDITS_FILE).write_text(
            json.dumps(edits, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        redraw(staging, saved, manifest.get("settings", {}), log)
        settings = dict(manifest.get("settings", {}))
        settings["edits"] = edits
        folder.commit(settings)
    table = saved.topic_table()
    log.info("edited %s: %d merge(s), %d rename(s)", target, len(merges), len(renames))
    lines = [f"Topics of {target} after the edits:"]
    lines += [f"  {r.topic:>3}  {r.name}  ({r.size} units)" for r in table.itertuples()]
    return "\n".join(lines)
