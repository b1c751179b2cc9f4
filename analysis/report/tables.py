"""Write a run's tables (CSV) and figures (PNG and SVG), atomically.

What each output is and how it is made is declared once, in
:mod:`analysis.report.outputs`; this module only writes. :func:`write_outputs`
writes the outputs of some parts of a run (``run``: all but the commands' own;
``update``: all and its own; ``edit``: the topic part again and its own).
"""

from __future__ import annotations

from pathlib import Path

from analysis.io import atomic
from analysis.report.outputs import RunData, make, output_for, outputs_of
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
