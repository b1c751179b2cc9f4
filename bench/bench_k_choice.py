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

``reuters`` is Reuters-21578 sentences labelled by their story's topic (single-topic
stories of the 9 topics with at least 100 such stories; ``reuters_labels.py`` says
exactly how), a seeded sample of ``--reuters-units`` sentences (default 20,000).
``--half-seeds`` draws the half with several seeds (the fits keep ``--seed``), to
see whether the +-1 holds for other halves. ``NMI/base`` is the row's NMI over
the ``k = labels`` row's; ``RSS MB`` is the process's peak resident memory so far
(it never falls, so a row's value is an upper bound of that row's own peak).

    python bench/bench_k_choice.py [--datasets bbc,masakhanews,sib200,thucnews]
    python bench/bench_k_choice.py --datasets bbc,masakhanews,reuters --fixed \\
        --half-seeds 42,1,2
    python bench/bench_k_choice.py --datasets reuters --skip-auto --curve --fixed \\
        --ks 2,3,4,6,8,12,16   # what k the labels support, and the choice's scores
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


def gain_curve(texts, languages, vectors, seed) -> dict:
    """``{k: (stability, null stability)}`` of the package's choice of k on all the
    texts: the same topic space and ``StableKMeans`` as ``package_fit`` builds
    (``fit_topics`` fits ``StableKMeans(max_clusters=16)`` on it), so the same
    scores as the ``auto, all`` row's choice."""
    from analysis.text.vectorize import LanguageAwareCountVectorizer
    from analysis.topics.clustering import StableKMeans, topic_space

    vectorizer = LanguageAwareCountVectorizer(languages=tuple(sorted(set(languages))), max_n=3)
    counts = vectorizer.fit_transform(list(zip(texts, languages)))
    space = topic_space(vectors, languages, counts, random_state=seed)
    return StableKMeans("auto", max_clusters=16, random_state=seed).fit(space).scores_


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = bench_parser(__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="bbc,masakhanews,sib200,thucnews")
    parser.add_argument("--fixed", action="store_true",
                        help="also fit the k of --ks on all the texts")
    parser.add_argument("--reuters-units", type=int, default=None,
                        help="sentences of the reuters dataset (default 20,000)")
    parser.add_argument("--half-seeds", default=None,
                        help="seeds of the half samples, comma-separated (default: --seed)")
    parser.add_argument("--ks", default=",".join(map(str, FIXED_KS)),
                        help="the fixed k of --fixed, comma-separated")
    parser.add_argument("--curve", action="store_true",
                        help="print the stability, null stability and gain of every k tried "
                        "on all the texts and on each half (one more choice of k each)")
    parser.add_argument("--skip-auto", action="store_true",
                        help="only the fixed k (with --fixed) and --curve")
    args = parser.parse_args()
    half_seeds = [int(s) for s in (args.half_seeds or str(args.seed)).split(",")]
    fixed_ks = [int(k) for k in args.ks.split(",")]
    print(f"{'dataset':<12}{'run':<20}{'units':>7}{'k':>5}{'NMI':>7}{'ARI':>7}"
          f"{'NMI/base':>9}{'wall s':>8}{'RSS MB':>8}")
    summary = []
    for name in args.datasets.split(","):
        _, texts, labels, languages = load_dataset(name, args.root, args.reuters_units)
        start = time.perf_counter()
        vectors = np.asarray(embeddings_for(texts, languages, args.cache))
        print(f"{name:<12}{'(embeddings)':<20}{len(texts):>7}{'':>5}{'':>7}{'':>7}{'':>9}"
              f"{time.perf_counter() - start:>8.1f}{peak_rss_mb():>8.0f}", flush=True)
        labels = np.asarray(labels)
        n_labels = DATASET_K.get(name, len(np.unique(labels)))
        everything = np.arange(len(texts))
        runs = [(f"k = labels ({n_labels})", everything, n_labels)]
        if not args.skip_auto:
            runs.append(("auto, all", everything, None))
        halves = [(f"half s={seed}", np.sort(np.random.default_rng(seed).choice(
            len(texts), len(texts) // 2, replace=False))) for seed in half_seeds]
        for seed, (_, half) in zip([] if args.skip_auto else half_seeds, halves):
            runs.append(("auto, half" if seed == args.seed else f"auto, half s={seed}",
                         half, None))
        if args.fixed:
            runs += [(f"k = {k}", everything, k) for k in fixed_ks]
        if args.curve:  # on all the texts and on each half
            for what, rows in [("all", everything)] + halves:
                start = time.perf_counter()
                curve = gain_curve([texts[i] for i in rows], [languages[i] for i in rows],
                                   vectors[rows], args.seed)
                print(f"{name:<12}stability of each k, {what} ({len(rows)} units, "
                      f"{time.perf_counter() - start:.1f}s, RSS {peak_rss_mb():.0f} MB)")
                print(f"{'':<12}   k  real  null  gain")
                for k, (real, null) in sorted(curve.items()):
                    print(f"{'':<12}{k:>4}{real:>6.3f}{null:>6.3f}{real - null:>6.3f}",
                          flush=True)
        ks, base = {}, None
        for run, rows, k in runs:
            topics, wall = fit([texts[i] for i in rows], [languages[i] for i in rows],
                               vectors[rows], args.seed, k=k)
            nmi, ari = scores(labels[rows], topics)
            base = nmi if base is None else base
            ks[run] = len(np.unique(topics))
            print(f"{name:<12}{run:<20}{len(rows):>7}{ks[run]:>5}{nmi:>7.3f}{ari:>7.3f}"
                  f"{nmi / base:>9.3f}{wall:>8.1f}{peak_rss_mb():>8.0f}", flush=True)
        if "auto, all" in ks:
            summary.append((name, ks["auto, all"], [(run, k) for run, k in ks.items()
                                                    if run.startswith("auto, half")]))
    print("\nk on all the texts against k on half of them (goal: within +-1)")
    for name, whole, half_ks in summary:
        for run, half in half_ks:
            verdict = "holds" if abs(whole - half) <= 1 else "moves"
            print(f"  {name:<12} all {whole:>3}  {run[6:]:<12}{half:>3}  {verdict}")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
