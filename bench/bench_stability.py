"""Do the topics hold? Units moved by 1e-6 relative noise on the embeddings, and what
the stability costs.

1. Noise: on a 1,000-article BBC sample and on MasakhaNEWS French + English, the
   package's topic decision (``topic_space`` + ``StableKMeans``, number of topics
   automatic) is run on the embeddings and on ``--draws`` noisy copies
   (``x * (1 + 1e-6 * N(0, 1))``, about 10 float32 ULPs); the table gives the
   share of units whose topic changed. Baseline in the same run: stock BERTopic
   (UMAP + HDBSCAN, BERTopic's defaults, seeded), the kind of pipeline the package
   used before.
2. Cost: the topic step on 7,600 Reuters-21578 sentences with warm embeddings,
   automatic k (which runs the stability scan) against a fixed k (no scan), in
   the same process.

    python bench/bench_stability.py [--draws 3]
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_topics import bench_parser, embeddings_for, load_dataset, package_fit  # noqa: E402


def stock_topics(texts, vectors, seed):
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                      random_state=seed)
    return np.asarray(BERTopic(umap_model=umap_model).fit_transform(texts,
                                                                    embeddings=vectors)[0])


def fit_method(method, texts, languages, vectors, seed):
    if method == "analysis-auto":
        return package_fit(texts, languages, vectors, seed)[1]
    return stock_topics(texts, vectors, seed)


def moved(a, b) -> float:
    """Share of units whose topic changed, up to a renaming of the topics (each
    topic of ``b`` is matched to the topic of ``a`` it overlaps most)."""
    a, b = np.asarray(a), np.asarray(b)
    same = 0
    for t in np.unique(b):
        same += np.bincount(a[b == t] + 1).max()  # +1: outliers (-1) count too
    return 1 - same / len(a)


def noise_table(args) -> None:
    rng = np.random.default_rng(2026)
    print(f"{'dataset':<14}{'method':<16}{'units':>6}{'topics':>7}  moved by 1e-6 noise "
          f"(per draw){'':<6}{'mean':>7}")
    for name in ("bbc", "masakhanews"):
        ids, texts, labels, languages = load_dataset(name, args.root)
        vectors = embeddings_for(texts, languages, args.cache)
        if name == "bbc":  # a seeded sample of 1,000 articles
            keep = np.sort(np.random.default_rng(0).choice(len(texts), 1000, replace=False))
            texts = [texts[i] for i in keep]
            languages = [languages[i] for i in keep]
            vectors = vectors[keep]
        draws = [(vectors * (1 + 1e-6 * rng.standard_normal(vectors.shape))).astype(np.float32)
                 for _ in range(args.draws)]
        for method in ("analysis-auto", "bertopic-stock"):
            ref = fit_method(method, texts, languages, vectors, args.seed)
            shares = [moved(ref, fit_method(method, texts, languages, v, args.seed))
                      for v in draws]
            cells = " ".join(f"{s:6.2%}" for s in shares)
            print(f"{name:<14}{method:<16}{len(texts):>6}{len(set(ref) - {-1}):>7}  "
                  f"{cells:<32}{np.mean(shares):>7.2%}", flush=True)


def cost_table(args) -> None:
    from bench_scale import reuters_sentences

    texts = reuters_sentences(args.root / "reuters21578", 7600)
    languages = ["en"] * len(texts)
    vectors = embeddings_for(texts, languages, args.cache)  # warm after the first run
    import bertopic  # noqa: F401 (its import cost stays outside the timings)

    times = {}
    for label, k in (("fixed k (no stability scan)", 10), ("automatic k (stability scan)", None)):
        start = time.perf_counter()
        _, topics, choice = package_fit(texts, languages, vectors, args.seed, k)
        times[label] = time.perf_counter() - start
        print(f"topic step, {len(texts)} Reuters sentences, warm embeddings, {label}: "
              f"{times[label]:.1f}s, {len(set(topics))} topics; {choice.clustering}",
              flush=True)
    fixed, auto = times.values()
    print(f"the stability scan costs {auto - fixed:.1f}s = {(auto - fixed) / fixed:.2f}x the "
          f"fixed-k topic step; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = bench_parser(__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--skip-noise", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("ANALYSIS_PROGRESS", "0")
    if not args.skip_noise:
        noise_table(args)
    cost_table(args)


if __name__ == "__main__":
    main()
