"""Topics that hold: the same tables on another machine, and under noise.

"Another machine" inside ``make test``: the bundled job runs in fresh processes,
each computing its own embeddings (no cache), under other OpenBLAS kernels,
one thread and one core, numpy without its AVX-512 and AVX2 dispatch (another
sort, another tie order), a cache filled first by another corpus, and the Dask
back end. Every topic and theme table must be byte-identical to the default run. Then 20
draws of 1e-6 relative noise on the embeddings must not move a unit.
"""

import filecmp
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
TABLES = ("unit_topics.csv", "topic_info.csv", "document_topics.csv",
          "topic_terms_by_language.csv", "unit_themes.csv", "document_themes.csv",
          "theme_explanations.csv")

# numpy's AVX-512 and AVX2 sorts order ties differently from its baseline sort
NO_SIMD_SORT = "AVX512_SPR AVX512_ICL X86_V4 X86_V3"
# name -> (extra environment, command prefix, extra CLI arguments)
VARIANTS = {
    "haswell": ({"OPENBLAS_CORETYPE": "Haswell"}, [], []),
    "sandybridge": ({"OPENBLAS_CORETYPE": "Sandybridge"}, [], []),
    "one-thread": ({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
                   ["taskset", "-c", "0"] if shutil.which("taskset") else [], []),
    "numpy-baseline-sort": ({"NPY_DISABLE_CPU_FEATURES": NO_SIMD_SORT}, [], []),
    "dask": ({}, [], ["--backend", "dask", "--workers", "2"]),
}


def _run(out: Path, env_extra: dict, prefix: list, args: list, cache: Path | None = None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENBLAS_", "NPY_", "OMP_"))}
    env.update(env_extra, ANALYSIS_PROGRESS="0")
    if cache is not None:
        env["ANALYSIS_CACHE_DIR"] = str(cache)
    cmd = [*prefix, sys.executable, "-m", "analysis", "run", "--corpus", str(CORPUS),
           "--out", str(out), *(["--no-cache"] if cache is None else []), *args]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def _differences(reference: Path, other: Path) -> list[str]:
    return [name for name in TABLES
            if not filecmp.cmp(reference / "tables" / name, other / "tables" / name,
                               shallow=False)]


@pytest.fixture(scope="module")
def machine_runs(tmp_path_factory):
    """The default run and every variant, two at a time (the machine has 2 cores)."""
    base = tmp_path_factory.mktemp("machines")

    def job(name):
        if name == "default":
            return name, _run(base / name, {}, [], [])
        if name == "cache-from-another-corpus":
            cache = base / "shared-cache"
            # sentences of the same corpus first: other batches, other neighbours
            _run(base / "filler", {}, [], ["--unit", "sentence", "--keywords-only"], cache)
            _run(base / "filler2", {}, [], ["--unit", "sentence"], cache)
            return name, _run(base / name, {}, [], [], cache)
        env, prefix, args = VARIANTS[name]
        return name, _run(base / name, env, prefix, args)

    names = ["default", *VARIANTS, "cache-from-another-corpus"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(job, names))


@pytest.mark.parametrize("variant", [*VARIANTS, "cache-from-another-corpus"])
def test_topic_tables_are_identical_on_another_machine(machine_runs, variant):
    assert _differences(machine_runs["default"], machine_runs[variant]) == []


def test_the_variants_change_float32_vectors_but_not_the_encoders(corpus):
    """The check above is only worth something if the variants move float32 vectors:
    they move the stock encoder's, and leave the default encoder's (float64 inside,
    rounded to float32 at the end) bit-identical, texts given in reverse order too."""
    code = ("import numpy as np, sys; from analysis.io.corpus import load_corpus; "
            "from analysis.text.units import build_units; "
            "from analysis.embed.usem3 import USEEncoder;"
            f"t = build_units(load_corpus({str(CORPUS)!r}), 'paragraph')['text'].tolist();"
            "impl, order = sys.argv[1], sys.argv[2];"
            "t = t[::-1] if order == 'reversed' else t;"
            "v = USEEncoder(implementation=impl).encode(t);"
            "v = v[::-1] if order == 'reversed' else v;"
            "sys.stdout.buffer.write(np.ascontiguousarray(v).tobytes())")
    runs = {"default": ({}, "forward"), "sandybridge": ({"OPENBLAS_CORETYPE": "Sandybridge"},
                                                        "forward"),
            "baseline-numpy": ({"NPY_DISABLE_CPU_FEATURES": NO_SIMD_SORT}, "reversed")}
    vectors = {}
    for impl in ("stock", "fast"):
        for name, (extra, order) in runs.items():
            if impl == "stock" and name == "baseline-numpy":
                continue
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("OPENBLAS_", "NPY_"))}
            env.update(extra)
            done = subprocess.run([sys.executable, "-c", code, impl, order], cwd=ROOT,
                                  env=env, capture_output=True, timeout=300, check=True)
            vectors[impl, name] = np.frombuffer(done.stdout, dtype=np.float32)
    assert not np.array_equal(vectors["stock", "default"], vectors["stock", "sandybridge"])
    assert np.array_equal(vectors["fast", "default"], vectors["fast", "sandybridge"])
    assert np.array_equal(vectors["fast", "default"], vectors["fast", "baseline-numpy"])


def test_twenty_noise_draws_move_no_unit(corpus, keywords, topic_result):
    from analysis.pipeline.steps import analyse_topics_frame

    rng = np.random.default_rng(2026)
    reference = topic_result.topics
    moved = []
    for _ in range(20):
        noise = rng.standard_normal(topic_result.embeddings.shape)
        noisy = (topic_result.embeddings * (1 + 1e-6 * noise)).astype(np.float32)
        assert not np.array_equal(noisy, topic_result.embeddings)
        result = analyse_topics_frame(corpus, keywords, embeddings=noisy, cache=False)
        moved.append(int((result.topics != reference).sum()))
    assert moved == [0] * 20
