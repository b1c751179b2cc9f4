"""Write a run's tables (CSV) and figures (PNG and SVG), atomically.

What each output is and how it is made is declared once, in
:mod:`analysis.report.outputs`; this module only writes. :func:`write_outputs`
writes the outputs of some parts of a run; the three functions after it are the
sets the commands write (``run`` all of them, ``edit`` the topic part again).
"""

from __future__ import annotations

from pathlib import Path

from analysis.io import atomic
from analysis.report.outputs import (  # noqa: F401 (the names callers import from here)
    MATCH_COLUMNS,
    PAIR_COLUMNS,
    RunData,
    group_file_names,
    make,
    output_for,
    outputs_of,
    topic_order,
    with_header,
)
from analysis.report.style import save_figure

# Parts whose tables write topic -1 (an update's new units) as "new".
NEW_TOPIC_PARTS = ("topics", "translations")


def write_outputs(data: RunData, parts, tables_dir: Path, figures_dir: Path,
                  csv_dialect: str = "standard") -> list[Path]:
    """Write every output of ``parts`` that ``data`` has, and return their paths in
    :data:`analysis.report.outputs.OUTPUTS`' order.

    An output with nothing to show this time has its file of an earlier write removed
    from the folder (``edit`` writes into a copy of the run it edits), so a folder
    never mixes two writes.
    """
    from analysis.report.topic_tables import name_new_topic

    tables_dir, figures_dir = Path(tables_dir), Path(figures_dir)
    paths = []
    for output in outputs_of(*parts):
        made = make(output, data)
        if output.kind == "table":
            for stem, frame in made.items():
                if output.part in NEW_TOPIC_PARTS:
                    frame = name_new_topic(frame)
                paths.append(atomic.write_csv(frame, tables_dir / f"{stem}.csv",
                                              dialect=csv_dialect))
            _remove_stale(output, made, tables_dir, (".csv",))
        else:
            for stem, figure in made.items():
                paths += save_figure(figure, stem, figures_dir)
            _remove_stale(output, made, figures_dir, (".svg", ".png"))
    return paths


def _remove_stale(output, made: dict, folder: Path, suffixes) -> None:
    """Remove ``output``'s files in ``folder`` that this write did not make."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix in suffixes and path.stem not in made \
                and output_for(path.stem, output.kind) is output:
            path.unlink()


def write_keyword_outputs(corpus, result, tables_dir: Path, figures_dir: Path,
                          csv_dialect: str = "standard", lang: str = "en") -> list[Path]:
    """The corpus, unit and keyword tables, the problems met, and the keyword figures
    (their words in ``lang``)."""
    return write_outputs(RunData(corpus, result, lang=lang), ("keywords",), tables_dir,
                         figures_dir, csv_dialect)


def write_topic_outputs(corpus, keywords, result, tables_dir: Path, figures_dir: Path,
                        csv_dialect: str = "standard", lang: str = "en") -> list[Path]:
    """The topic, translation and theme tables and figures (their words in ``lang``)."""
    return write_outputs(RunData(corpus, keywords, result, lang),
                         ("topics", "translations", "themes"), tables_dir, figures_dir,
                         csv_dialect)


def write_topic_parts(corpus, keywords, result, tables_dir: Path, figures_dir: Path,
                      csv_dialect: str = "standard", lang: str = "en") -> list[Path]:
    """What depends on the topics alone (what ``edit`` writes again): the topic
    tables, passages, topics by group and over time, distinctive terms per topic,
    and the topic keyword and unit map figures."""
    return write_outputs(RunData(corpus, keywords, result, lang), ("topics",), tables_dir,
                         figures_dir, csv_dialect)
