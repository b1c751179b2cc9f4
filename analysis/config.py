"""Paths and defaults, all derived from this file's location.

The package's own data (themes, stop words) sits beside the code and ships in the
wheel. The project's folders (the bundled corpus, ``output/``, ``figures/``,
``.cache/``) belong to the checkout the package runs from; after a plain
``pip install`` (no checkout around the package) they are taken from the current
folder instead. Nothing here touches the disk at import time: directories are
created by the functions that write into them.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA_DIR = PACKAGE_DIR / "data"
THEMES_FILE = PACKAGE_DATA_DIR / "themes.toml"
DOMAIN_STOPWORDS_FILE = PACKAGE_DATA_DIR / "domain_stopwords.txt"


def _project_dir() -> Path:
    """The checkout holding the package (it has a ``pyproject.toml``), else the
    current folder (an installed package lives in site-packages)."""
    checkout = PACKAGE_DIR.parent
    return checkout if (checkout / "pyproject.toml").is_file() else Path.cwd()


PROJECT_DIR = _project_dir()
CORPUS_DIR = PROJECT_DIR / "data" / "corpus"
FIGURES_DIR = PROJECT_DIR / "figures"
OUTPUT_DIR = PROJECT_DIR / "output"

DEFAULT_SEED = 42
DEFAULT_TOP_N = 10
# Files above this size are skipped with a message (--max-bytes): a news article is
# a few kB, and a 20 MB text file is a whole archive that should be split.
MAX_BYTES = 20_000_000


def cache_dir() -> Path:
    """Where expensive results (embeddings, fitted topic models) are cached:
    ``ANALYSIS_CACHE_DIR`` if set, else ``<project>/.cache``."""
    return Path(os.environ.get("ANALYSIS_CACHE_DIR", PROJECT_DIR / ".cache"))
