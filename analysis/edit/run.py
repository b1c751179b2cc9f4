"""Merge and rename topics of a run without embedding again.

The edits are stored in the saved analysis (``saved/edits.json``) and applied by
every later command (search shows the new names, update keeps them). The topic
tables of the run (``topic_info.csv``, ``document_topics.csv``,
``unit_topics.csv``) are rewritten with the edits, and ``topic_edits.csv`` lists
the topics after them. The edited run is written through
:class:`analysis.io.runfolder.RunFolder`: into a staging folder, then swapped in
whole with a new manifest, so a failed edit leaves the folder as it was.
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


def _read(path: Path, dialect: str):
    import pandas as pd

    from analysis.io.atomic import CSV_DIALECTS

    options = CSV_DIALECTS[dialect]
    return pd.read_csv(path, sep=options["sep"], decimal=options["decimal"],
                       encoding=options["encoding"], keep_default_na=False)


def rewrite_tables(tables: Path, saved, dialect: str) -> list:
    """Rewrite the topic tables in ``tables`` with the edits; the files written."""
    from analysis.edit.tables import (
        merged_document_topics,
        merged_topic_info,
        merged_unit_topics,
    )
    from analysis.io.atomic import write_csv

    mapping = {t: m for t, m in saved.topic_of().items() if t != m}
    names = saved.topic_names()
    written = []
    steps = (("topic_info.csv", lambda f: merged_topic_info(f, mapping, names)),
             ("document_topics.csv", lambda f: merged_document_topics(f, mapping)),
             ("unit_topics.csv", lambda f: merged_unit_topics(f, mapping)))
    for name, change in steps:
        path = tables / name
        if path.is_file():
            written.append(write_csv(change(_read(path, dialect)), path, dialect=dialect))
    written.append(write_csv(saved.topic_table(), tables / "topic_edits.csv", dialect=dialect))
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
        dialect = manifest.get("settings", {}).get("csv_dialect") or "standard"
        rewrite_tables(staging / "tables", saved, dialect)
        settings = dict(manifest.get("settings", {}))
        settings["edits"] = edits
        folder.commit(settings)
    table = saved.topic_table()
    log.info("edited %s: %d merge(s), %d rename(s)", target, len(merges), len(renames))
    lines = [f"Topics of {target} after the edits:"]
    lines += [f"  {r.topic:>3}  {r.name}  ({r.size} units)" for r in table.itertuples()]
    return "\n".join(lines)
