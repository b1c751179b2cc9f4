"""Benchmark: the full keyword pipeline against plain scikit-learn TF-IDF on BBC.

Baseline: ``TfidfVectorizer(stop_words="english")`` on the raw article texts.
Package: cleaning, language detection, lemmatised language-aware TF-IDF (phrases up
to 3 words). Both are timed in the same run over the same texts, already read
from disk (reading is the same for both and is timed apart). Peak memory is the
process's peak resident set size after each step (``resource.getrusage``), and
tracemalloc's peak of Python allocations during each step.

    python bench/bench_vectorize.py [--bbc ../shared/benchmarks/bbc] [--repeat 3]
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def interleaved(fns, repeat):
    """First and best wall time of ``repeat`` runs of each function, the functions
    taking turns (a shared machine's speed drifts; alternating runs expose both
    sides to the same drift)."""
    times = [[] for _ in fns]
    results = [None] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            results[i] = fn()
            times[i].append(time.perf_counter() - start)
    return [(t[0], min(t), r) for t, r in zip(times, results)]


def python_peak_mb(fn) -> float:
    """Peak of Python allocations during one run, under tracemalloc (which slows
    Python code, so this run is not timed)."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", type=Path, default=ROOT.parent / "shared/benchmarks/bbc")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import vectorize_corpus
    from analysis.text.language import LanguageDetector

    start = time.perf_counter()
    corpus = load_corpus(args.bbc, progress=lambda x, **_: x)
    read_s = time.perf_counter() - start
    texts = [d.text for d in corpus]
    print(f"BBC: {len(texts)} articles from {args.bbc} (read and cleaned in {read_s:.2f}s, "
          f"{len(corpus.problems)} warning(s))")

    def baseline():
        return TfidfVectorizer(stop_words="english").fit_transform(texts)

    def package():
        from analysis.io.corpus import make_document

        docs = [make_document(d.doc_id, d.source, d.text) for d in corpus]
        corpus.documents = docs
        return vectorize_corpus(corpus, unit="document", max_n=3)[3]

    # warm both once (imports, lingua's models, simplemma's dictionaries)
    baseline()
    LanguageDetector().detect(["warm up"])
    from analysis.text.analyzer import TextAnalyzer

    TextAnalyzer(("en",))("warm up the dictionaries", "en")
    base_mem = python_peak_mb(baseline)
    base_rss = rss_mb()
    (base_first, base_s, base_x), (pkg_first, pkg_s, pkg_x) = interleaved(
        [baseline, package], args.repeat)
    pkg_mem = python_peak_mb(package)
    pkg_rss = rss_mb()
    print(f"machine: {platform.machine()}, {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores; best of {args.repeat}, the two sides "
          "taking turns")
    print(f"{'step':<52}{'first s':>8}{'best s':>8}{'ratio':>7}{'py peak MB':>11}"
          f"{'RSS MB':>8}{'terms':>8}")
    print(f"{'baseline: TfidfVectorizer(stop_words=english)':<52}{base_first:>8.2f}"
          f"{base_s:>8.2f}{1:>7.2f}{base_mem:>11.0f}{base_rss:>8.0f}{base_x.shape[1]:>8}")
    print(f"{'package: clean + detect + lemmatised TF-IDF (1-3)':<52}{pkg_first:>8.2f}"
          f"{pkg_s:>8.2f}{pkg_s / base_s:>7.2f}{pkg_mem:>11.0f}{pkg_rss:>8.0f}"
          f"{pkg_x.shape[1]:>8}")
    ratio = pkg_s / base_s
    ok = ratio <= 5 and pkg_rss < 1024
    print(f"limit (<= 5x the baseline's time, best of {args.repeat} runs on each side; "
          f"peak RSS < 1 GB): {'met' if ok else 'NOT met'}; "
          f"target <= 4x: {'met' if ratio <= 4 else 'NOT met'} ({ratio:.2f}x)")
    first = pkg_first / base_first
    print(f"first runs only (the package's token-to-lemma memos start empty, as in a "
          f"fresh process): {first:.2f}x, {'within' if first <= 5 else 'above'} 5x")


if __name__ == "__main__":
    main()
