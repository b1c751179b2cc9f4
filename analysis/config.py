"""Project paths and defaults, all derived from this file's location.

Nothing here touches the disk at import time: directories are created by the
functions that write into them.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
CORPUS_DIR = DATA_DIR / "corpus"
FIGURES_DIR = PROJECT_DIR / "figures"
OUTPUT_DIR = PROJECT_DIR / "output"
PACKAGE_DATA_DIR = PACKAGE_DIR / "data"
THEMES_FILE = PACKAGE_DATA_DIR / "themes.toml"
DOMAIN_STOPWORDS_FILE = PACKAGE_DATA_DIR / "domain_stopwords.txt"
SHARED_DIR = PROJECT_DIR.parent / "shared"
BENCHMARKS_DIR = SHARED_DIR / "benchmarks"

DEFAULT_SEED = 42
DEFAULT_TOP_N = 10


def cache_dir() -> Path:
    """Where expensive results (embeddings) are cached.

    ``ANALYSIS_CACHE_DIR`` overrides the default ``<project>/.cache``.
    """
    return Path(os.environ.get("ANALYSIS_CACHE_DIR", PROJECT_DIR / ".cache"))
