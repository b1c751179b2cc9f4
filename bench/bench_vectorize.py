"""Benchmark: the full keyword pipeline against plain scikit-learn TF-IDF on BBC,
and its Chinese front on 5,000 THUCNews headlines.

Baseline: ``TfidfVectorizer(stop_words="english")`` on the raw article texts.
Package: cleaning, language detection, lemmatised language-aware TF-IDF (phrases up
to 3 words). Both are timed in the same run over the same texts, already read
from disk (reading is the same for both and is timed apart). Peak memory is the
process's peak resident set size after each step (``resource.getrusage``), and
tracemalloc's peak of Python allocations during each step.

Chinese: the package's keyword front (cleaning, segmentation, language detection,
counts, TF-IDF: ``vectorize_corpus(unit="document")`` on documents made from the
headlines) against ``TfidfVectorizer(tokenizer=<the same segmenter>)`` on the raw
headlines, best of 5 (``--zh-repeat``), the two sides taking turns; the limit is
5x.

Segmenters (``--only segmenters``, needs ``pip install jieba``): jieba and rjieba
on the same headlines, each with and without its HMM for unknown words: time to
load the dictionary, best of 5 cuts of all headlines, whether two runs cut alike,
and whether the two libraries cut alike.

    python bench/bench_vectorize.py [--bbc ../shared/benchmarks/bbc] [--repeat 3]
        [--zh ../shared/benchmarks/zh/thucnews_titles_5000.csv] [--zh-repeat 5]
        [--only bbc|zh|segmenters]
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
    parser.add_argument("--zh", type=Path,
                        default=ROOT.parent / "shared/benchmarks/zh/thucnews_titles_5000.csv")
    parser.add_argument("--zh-repeat", type=int, default=5)
    parser.add_argument("--only", choices=("bbc", "zh", "segmenters"))
    args = parser.parse_args()
    if args.only == "segmenters":
        segmenters(args)
        return
    if args.only != "zh":
        bbc(args)
    if args.only != "bbc":
        chinese(args)


def segmenters(args) -> None:
    """jieba against rjieba on the THUCNews headlines."""
    import csv

    with open(args.zh, encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    import tempfile

    cache = Path(tempfile.gettempdir()) / "jieba.cache"
    had_cache = cache.exists()
    start = time.perf_counter()
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()  # logs to stderr, and writes its cache when there is none
    jieba_load = time.perf_counter() - start
    start = time.perf_counter()
    import rjieba

    rjieba.cut("预热", False)
    rjieba_load = time.perf_counter() - start
    print(f"\nsegmenters on {len(texts)} headlines; dictionary load: jieba {jieba_load:.2f}s "
          f"({'read its' if had_cache else 'wrote a'} {cache.stat().st_size / 1e6:.1f} MB "
          f"cache {cache}), rjieba {rjieba_load:.2f}s (no file written)")
    cuts = {"jieba HMM=False": lambda: [tokenizer.lcut(t, HMM=False) for t in texts],
            "jieba HMM=True": lambda: [tokenizer.lcut(t, HMM=True) for t in texts],
            "rjieba hmm=False": lambda: [rjieba.cut(t, False) for t in texts],
            "rjieba hmm=True": lambda: [rjieba.cut(t, True) for t in texts]}
    results = {}
    for name, cut in cuts.items():
        times, runs = [], []
        for _ in range(args.zh_repeat):
            start = time.perf_counter()
            runs.append(cut())
            times.append(time.perf_counter() - start)
        results[name] = runs[0]
        same = all(r == runs[0] for r in runs)
        print(f"  {name:<18} best {min(times):.4f}s  {sum(map(len, runs[0]))} words  "
              f"runs identical: {same}")
    for hmm in ("False", "True"):
        a, b = results[f"jieba HMM={hmm}"], results[f"rjieba hmm={hmm}"]
        print(f"  jieba and rjieba cut alike (HMM {hmm}): "
              f"{sum(x == y for x, y in zip(a, b))} of {len(a)} headlines")


def chinese(args) -> None:
    """The Chinese keyword front against TfidfVectorizer with the same segmenter."""
    import csv

    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.io.corpus import Corpus, make_document
    from analysis.keywords.tables import vectorize_corpus
    from analysis.text.lang.zh import rjieba_cut

    with open(args.zh, encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    print(f"\nTHUCNews headlines: {len(texts)} from {args.zh} "
          f"({sum(map(len, texts))} characters)")

    def baseline():
        return TfidfVectorizer(tokenizer=rjieba_cut, token_pattern=None).fit_transform(texts)

    def package():
        docs = [make_document(f"{i:05d}", "thucnews", t) for i, t in enumerate(texts)]
        return vectorize_corpus(Corpus(docs, [], "thucnews"), unit="document", max_n=3)[3]

    baseline()
    package()  # warm: imports, lingua's models, the segmenter's dictionary, OpenCC
    cpu = {}

    def timed(name, fn):
        def run():
            start = time.process_time()
            result = fn()
            cpu[name] = min(cpu.get(name, float("inf")), time.process_time() - start)
            return result
        return run

    (base_first, base_s, base_x), (pkg_first, pkg_s, pkg_x) = interleaved(
        [timed("baseline", baseline), timed("package", package)], args.zh_repeat)
    print(f"{'step':<60}{'first s':>8}{'best s':>8}{'ratio':>7}{'cpu s':>7}{'ratio':>7}"
          f"{'terms':>8}")
    print(f"{'baseline: TfidfVectorizer(tokenizer=rjieba cut)':<60}{base_first:>8.3f}"
          f"{base_s:>8.3f}{1:>7.2f}{cpu['baseline']:>7.3f}{1:>7.2f}{base_x.shape[1]:>8}")
    print(f"{'package: clean + segment + detect + counts + TF-IDF (1-3)':<60}"
          f"{pkg_first:>8.3f}{pkg_s:>8.3f}{pkg_s / base_s:>7.2f}{cpu['package']:>7.3f}"
          f"{cpu['package'] / cpu['baseline']:>7.2f}{pkg_x.shape[1]:>8}")
    ratio = pkg_s / base_s
    print(f"limit (<= 5x the baseline's time, best of {args.zh_repeat} runs on each side): "
          f"{'met' if ratio <= 5 else 'NOT met'} ({ratio:.2f}x wall; "
          f"{cpu['package'] / cpu['baseline']:.2f}x in CPU time of all the process's "
          "threads, steadier on a busy machine)")


def bbc(args) -> None:
    """The BBC case: the package's keyword pipeline against TfidfVectorizer."""
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
