"""Does the automatic number of topics hold? The k the package chooses on a corpus
and on a 50 % sample of it, and what the labels say about that k.

For each dataset (the loaders of ``bench_topics.py``; one unit per text): the
package's topic step (``package_fit``: keyword counts, topic space, ``fit_topics``)
with ``--nr-topics auto`` on all the texts and on a seeded random half (the topic
space is rebuilt on the half, as a run on it would), and at fixed k = 5, 10, 20
and 40 on all the texts. Each row gives the k, its NMI and ARI against the
labels, and the wall time. The baseline in the same run is the package at the
number of labels (``k = labels``), i.e. what an oracle k would give.

Goal (issue #24, item 2): the k on the half within +-1 of the k on the whole.

    python bench/bench_k_choice.py [--datasets bbc,masakhanews,sib200,thucnews]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_topics import DATASET_K, bench_parser, embeddings_for, load_dataset  # noqa: E402

FIXED_KS = (5, 10, 20, 40)


def fit(texts, languages, vectors, seed, k=None):
    from bench_topics import package_fit

    start = time.perf_counter()
    _, topics, _ = package_fit(texts, languages, vectors, seed, k=k)
    return np.asarray(topics), time.perf_counter() - start


def scores(labels, topics) -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return normalized_mutual_info_score(labels, topics), adjusted_rand_score(labels, topics)


def main() -> None:
    parser = bench_parser(__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="bbc,masakhanews,sib200,thucnews")
    parser.add_argument("--fixed", action="store_true",
                        help=f"also fit k = {', '.join(map(str, FIXED_KS))} on all the texts")
    args = parser.parse_args()
    print(f"{'dataset':<12}{'run':<18}{'units':>7}{'k':>5}{'NMI':>7}{'ARI':>7}{'wall s':>8}")
    summary = []
    for name in args.datasets.split(","):
        _, texts, labels, languages = load_dataset(name, args.root)
        vectors = np.asarray(embeddings_for(texts, languages, args.cache))
        labels = np.asarray(labels)
        everything = np.arange(len(texts))
        half = np.sort(np.random.default_rng(args.seed).choice(len(texts), len(texts) // 2,
                                                                replace=False))
        runs = [(f"k = labels ({DATASET_K[name]})", everything, DATASET_K[name]),
                ("auto, all", everything, None), ("auto, half", half, None)]
        if args.fixed:
            runs += [(f"k = {k}", everything, k) for k in FIXED_KS]
        ks = {}
        for run, rows, k in runs:
            topics, wall = fit([texts[i] for i in rows], [languages[i] for i in rows],
                               vectors[rows], args.seed, k=k)
            nmi, ari = scores(labels[rows], topics)
            ks[run] = len(np.unique(topics))
            print(f"{name:<12}{run:<18}{len(rows):>7}{ks[run]:>5}{nmi:>7.3f}{ari:>7.3f}"
                  f"{wall:>8.1f}", flush=True)
        summary.append((name, ks["auto, all"], ks["auto, half"]))
    print("\nk on all the texts against k on half of them (goal: within +-1)")
    for name, whole, half in summary:
        verdict = "holds" if abs(whole - half) <= 1 else "moves"
        print(f"  {name:<12} all {whole:>3}  half {half:>3}  {verdict}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
