"""Do headlines make topics of their own? (issue #22, item 3)

Each corpus is run twice through the package's keyword and topic steps
(default paragraph units): once as a table whose text opens with the article's
headline on a line of its own ("Headline\\n\\nFirst paragraph..."), as wire copy and
exported tables hold it, and once with the body alone, the baseline in the same
run. For each topic of the headline run it counts the units that are mostly
headline (the headline's words are at least half of the unit's words) and the
short units (under ``SHORT_WORDS`` words), and it gives the document-level NMI of
each document's main topic against the corpus's labels in both runs.

Goal: no topic is made mostly of headlines (nor of short units), and the NMI with
headlines is not below the NMI without them.

    python bench/bench_headlines.py [--data ../shared/benchmarks] [--per-class 100]
    python bench/bench_headlines.py --corpora fr --fit-seeds 1,2,3
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHORT_WORDS = 10
LABELS = ("business", "entertainment", "politics", "sport", "tech", "health", "sports",
          "technology")


def bbc(root: Path, per_class: int, seed: int) -> pd.DataFrame:
    """BBC articles: each file's first line is its headline, then a blank line."""
    rows = []
    for folder in sorted(p for p in (root / "bbc").iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:  # one file is Latin-1
                text = raw.decode("latin-1")
            headline, _, body = text.strip().partition("\n")
            rows.append((f"{folder.name}-{path.stem}", headline.strip(), body.strip(),
                         folder.name))
    frame = pd.DataFrame(rows, columns=["id", "headline", "body", "label"])
    return _per_class(frame, per_class, seed)


def masakhanews(root: Path, lang: str, per_class: int, seed: int) -> pd.DataFrame:
    frame = pd.read_csv(root / "masakhanews" / lang / "test.tsv", sep="\t")
    frame = frame.rename(columns={"category": "label", "text": "body"})
    frame["id"] = [f"{lang}-{i}" for i in range(len(frame))]
    frame = frame.dropna(subset=["headline", "body"])
    return _per_class(frame[["id", "headline", "body", "label"]], per_class, seed)


def _per_class(frame: pd.DataFrame, per_class: int, seed: int) -> pd.DataFrame:
    picked = [group.sample(min(per_class, len(group)), random_state=seed)
              for _, group in frame.groupby("label", sort=True)]
    return pd.concat(picked).sort_values("id", kind="stable").reset_index(drop=True)


def run_topics(frame: pd.DataFrame, with_headline: bool, seed: int):
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords
    from analysis.pipeline.steps import analyse_topics_frame

    text = (frame["headline"] + "\n\n" + frame["body"]) if with_headline else frame["body"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.csv"
        pd.DataFrame({"id": frame["id"], "text": text}).to_csv(path, index=False)
        start = time.perf_counter()
        corpus = load_corpus(path, text_column="text", id_column="id")
        keywords = analyse_keywords(corpus)
        result = analyse_topics_frame(corpus, keywords, seed=seed)
        seconds = time.perf_counter() - start
    return keywords.units, result, seconds


def main_topics(result) -> dict:
    """Each document's main topic: its largest share, the first on a tie."""
    doc = result.doc_topics
    columns = [c for c in doc.columns if str(c).startswith("topic_")]
    best = doc[columns].to_numpy(dtype=float).argmax(axis=1)
    return dict(zip(doc["doc_id"], (columns[i] for i in best)))


def headline_share(unit_text: str, headline: str) -> float:
    words = unit_text.split()
    if not words or not unit_text.startswith(headline.strip()):
        return 0.0
    return len(headline.split()) / len(words)


def measure(name: str, frame: pd.DataFrame, seed: int) -> dict:
    from sklearn.metrics import normalized_mutual_info_score as nmi

    labels = dict(zip(frame["id"], frame["label"]))
    headlines = dict(zip(frame["id"], frame["headline"]))
    out = {"corpus": name, "documents": len(frame)}
    for with_headline in (False, True):
        units, result, seconds = run_topics(frame, with_headline, seed)
        main = main_topics(result)
        ids = [d for d in frame["id"] if d in main]
        key = "with" if with_headline else "without"
        out[f"nmi_{key}"] = nmi([labels[d] for d in ids], [main[d] for d in ids])
        out[f"topics_{key}"] = len(set(result.topics))
        out[f"units_{key}"] = len(units)
        out[f"seconds_{key}"] = seconds
        table = units.assign(topic=np.asarray(result.topics))
        short = table.groupby("topic")["n_words"].apply(lambda n: float((n < SHORT_WORDS).mean()))
        out[f"short_max_{key}"] = float(short.max())
        if with_headline:
            mostly = [headline_share(t, headlines[d]) >= 0.5
                      for t, d in zip(table["text"], table["doc_id"])]
            by_topic = table.assign(mostly=mostly).groupby("topic")["mostly"].mean()
            out["headline_units"] = int(np.sum(mostly))
            out["headline_max"] = float(by_topic.max())
            out["unit_own_headline"] = int(sum(t.strip() == headlines[d].strip()
                                               for t, d in zip(table["text"],
                                                               table["doc_id"])))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--per-class", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42,
                        help="the sample's seed, and the topic step's")
    parser.add_argument("--fit-seeds", default="",
                        help="more seeds of the topic step alone, comma-separated (the "
                             "same documents; does the NMI change hold?)")
    parser.add_argument("--corpora", default="bbc,en,fr", help="of bbc, en, fr")
    args = parser.parse_args(argv)
    makers = {"bbc": ("BBC", lambda: bbc(args.data, args.per_class, args.seed)),
              "en": ("MasakhaNEWS en",
                     lambda: masakhanews(args.data, "eng", args.per_class, args.seed)),
              "fr": ("MasakhaNEWS fr",
                     lambda: masakhanews(args.data, "fra", args.per_class, args.seed))}
    seeds = [args.seed, *(int(s) for s in args.fit_seeds.split(",") if s.strip())]
    rows = []
    for key in args.corpora.split(","):
        name, make = makers[key.strip()]
        frame = make()
        for seed in seeds:
            print(f"{name}: {len(frame)} documents, seed {seed}", file=sys.stderr, flush=True)
            rows.append(measure(name if seed == args.seed else f"{name} (fit seed {seed})",
                                frame, seed))
    print("| corpus | docs | topics without / with headline | NMI without | NMI with | "
          "with / without | units that are mostly headline | largest share of such units "
          "in a topic | units that are only a headline | largest short-unit share in a "
          "topic (with) | s without / with |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['corpus']} | {r['documents']} | {r['topics_without']} / {r['topics_with']} "
              f"| {r['nmi_without']:.3f} | {r['nmi_with']:.3f} | "
              f"{r['nmi_with'] / max(r['nmi_without'], 1e-9):.3f}× | {r['headline_units']} of "
              f"{r['units_with']} | {r['headline_max']:.1%} | {r['unit_own_headline']} | "
              f"{r['short_max_with']:.1%} | {r['seconds_without']:.0f} / "
              f"{r['seconds_with']:.0f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:,.0f} MB; short = under {SHORT_WORDS} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
