"""Theme detection benchmark (issue #21): precision and recall per theme and
language on the labelled theme set (``bench/theme_labels/labels.csv``, rules in
``bench/theme_labels/RULES.md``), for, in one run and on the same units and
embeddings:

- ``detector``: the package's :class:`~analysis.themes.detector.ThemeDetector`
  (a document is about a theme when its most supportive paragraph is);
- ``head-scorer``: the scorer of git HEAD's ``analysis/themes/scorer.py`` with
  HEAD's ``analysis/data/themes.toml`` (read with ``git show``); a document is
  flagged when its share of the theme is at least 0.2 (the issue's reading);
- ``best-paragraph``: plain embedding similarity, the best paragraph's cosine to
  the theme description (mean of the English and French descriptions), flagged at
  the threshold that maximises F1 on the calibration split (never the evaluation
  split).

The texts are read from ``../shared/benchmarks`` (``--root``); only their ids and
labels are in the project. Metrics are on the ``evaluation`` split; the
``calibration`` split (a third of the ids, by hash) is only for choosing
thresholds. Also printed: the share of ordinary news each method flags with any
theme (``--ordinary N`` documents per source from the sources' sport, entertainment,
politics and like categories, not in the labelled set and not read), how much a
document's answer moves when it is scored alone rather than inside the labelled set
(``--alone N`` documents), and each method's peak traced memory and the process's
peak RSS.

    python bench/bench_themes.py                 # the comparison
    python bench/bench_themes.py --calibrate     # detector threshold grid on the calibration split
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
from pathlib import Path

import numpy as np
import pandas as pd

# -- the labelled documents' readers: each yields (doc_id, language, text[, label]) -----

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


def bbc(root=ROOT):
    for path in sorted((Path(root) / "bbc").glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text:
            text = path.read_bytes().decode("latin-1")
        yield f"bbc:{path.parent.name}/{path.stem}", "en", text.strip()


def masakhanews_rows(root=ROOT):
    """``(doc_id, language, row)`` of every MasakhaNEWS English and French article."""
    csv.field_size_limit(10_000_000)
    for lang in ("eng", "fra"):
        for split in ("train_50shot", "dev", "test"):
            path = Path(root) / "masakhanews" / lang / f"{split}.tsv"
            if not path.is_file():
                continue
            with open(path, encoding="utf-8", newline="") as handle:
                for i, row in enumerate(csv.DictReader(handle, delimiter="\t")):
                    yield f"masakhanews:{lang}/{split}/{i}", lang[:2], row


def masakhanews(root=ROOT):
    for doc_id, lang, row in masakhanews_rows(root):
        yield doc_id, lang, f"{row['headline']}\n\n{row['text']}"


def reuters(root=ROOT):
    pattern = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
    for path in sorted((Path(root) / "reuters21578").glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for newid, body in pattern.findall(raw):
            title = re.search(r"<TITLE>(.*?)</TITLE>", body, re.S)
            text = re.search(r"<BODY>(.*?)</BODY>", body, re.S)
            if not text:
                continue
            topics = re.findall(r"<D>(.*?)</D>", re.search(r"<TOPICS>(.*?)</TOPICS>",
                                                          body, re.S).group(1))
            full = html.unescape((title.group(1) + "\n\n" if title else "") + text.group(1))
            yield f"reuters:{newid}", "en", full.replace("\x03", "").strip(), topics


def thucnews(root=ROOT):
    with open(Path(root) / "zh" / "thucnews_titles_5000.csv", encoding="utf-8") as handle:
        for i, row in enumerate(csv.DictReader(handle)):
            yield f"thucnews:{i}", "zh", row["text"], row["label"]


def sib200(root=ROOT):
    with open(Path(root) / "zh" / "sib200_zh_en_fr.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield f"sib200:{row['lang']}/{row['index_id']}", row["lang"], row["text"], row["label"]


def bundled():
    for path in sorted((PROJECT / "data" / "corpus").glob("*.txt")):
        yield f"bundled:{path.stem}", None, path.read_text(encoding="utf-8")


def all_documents(root=ROOT) -> dict:
    """doc_id -> (language, text) for every benchmark document."""
    out = {}
    for doc_id, lang, text in bbc(root):
        out[doc_id] = (lang, text)
    for doc_id, lang, text in masakhanews(root):
        out[doc_id] = (lang, text)
    for doc_id, lang, text, _ in reuters(root):
        out[doc_id] = (lang, text)
    for doc_id, lang, text, _ in thucnews(root):
        out[doc_id] = (lang, text)
    for doc_id, lang, text, _ in sib200(root):
        out[doc_id] = (lang, text)
    for doc_id, lang, text in bundled():
        out[doc_id] = (lang, text)
    return out


# Ordinary news: the sources' own categories that are far from the three themes (the
# issue's "ordinary news": sport, entertainment, politics and the like). These
# documents are not read or labelled; a few may truly be about a theme.
ORDINARY = {"bbc": ("sport", "entertainment", "politics"),
            "masakhanews": ("sports", "entertainment", "health", "politics", "religion"),
            "thucnews": ("sports", "entertainment", "realty", "education", "society",
                         "politics")}


def ordinary_ids(root=ROOT, per_source=300, exclude=()) -> list[str]:
    """Up to ``per_source`` ids per source from the ordinary-news categories, chosen by
    the SHA-1 of the id (so the same ids on every machine), labelled ids left out."""
    import hashlib

    def key(doc_id):
        return hashlib.sha1(doc_id.encode()).hexdigest()

    exclude = set(exclude)
    pools = {"bbc": [], "masakhanews": [], "thucnews": []}
    for doc_id, _lang, _text in bbc(root):
        if doc_id.split(":")[1].split("/")[0] in ORDINARY["bbc"]:
            pools["bbc"].append(doc_id)
    for doc_id, _lang, row in masakhanews_rows(root):
        if row["category"] in ORDINARY["masakhanews"]:
            pools["masakhanews"].append(doc_id)
    for doc_id, _lang, _text, label in thucnews(root):
        if label in ORDINARY["thucnews"]:
            pools["thucnews"].append(doc_id)
    chosen = []
    for ids in pools.values():
        ids = sorted((d for d in ids if d not in exclude), key=key)
        chosen += ids[:per_source]
    return chosen


PROJECT = Path(__file__).resolve().parents[1]
LABELS = PROJECT / "bench" / "theme_labels" / "labels.csv"
KEYS = ("ai_governance", "manufacturing", "digital_economy")
HEAD_SHARE = 0.2


def load_labelled(root):
    labels = pd.read_csv(LABELS, dtype={"doc_id": str})
    texts = all_documents(root)
    missing = [d for d in labels["doc_id"] if d not in texts]
    if missing:
        raise SystemExit(f"{len(missing)} labelled ids not found under {root}: {missing[:3]}")
    return labels, {d: texts[d][1] for d in labels["doc_id"]}


def corpus_of(ids, texts, workdir: Path):
    """The package's corpus of these documents (a temporary CSV, outside the project)."""
    from analysis.io.corpus import load_corpus

    path = workdir / f"corpus_{len(ids)}_{abs(hash(tuple(ids))) % 10**8}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "text"])
        for d in ids:
            writer.writerow([d, texts[d]])
    return load_corpus(path, id_column="doc_id", progress=lambda x, **_: x)


def prepare(corpus, cache):
    from analysis.embed.cache import embed
    from analysis.embed.usem3 import USEEncoder
    from analysis.keywords.tables import analyse_keywords

    keywords = analyse_keywords(corpus, unit="paragraph")
    encoder = USEEncoder()
    def embed_fn(texts):
        return embed(texts, encoder, cache)

    vectors = embed_fn(keywords.units["text"].tolist())
    return keywords, embed_fn, vectors


def run_detector(keywords, embed_fn, vectors, documents, **params):
    from analysis.themes.detector import ThemeDetector

    analyzer = keywords.vectorizer.make_text_analyzer()
    detector = ThemeDetector(**params).fit(analyzer, embed_fn, documents)
    found = detector.detect(keywords.units, vectors, analyzer,
                            hits=detector.lexicon_hits(keywords.counts, keywords.vectorizer))
    return found


def head_scorer(keywords, embed_fn, vectors, workdir: Path):
    """Document shares from git HEAD's scorer and themes file."""
    def show(path):
        return subprocess.run(["git", "show", f"HEAD:{path}"], cwd=PROJECT, check=True,
                              capture_output=True, text=True).stdout

    module = types.ModuleType("head_scorer")
    sys.modules["head_scorer"] = module  # dataclasses look their module up
    exec(compile(show("analysis/themes/scorer.py"), "HEAD:scorer.py", "exec"), module.__dict__)
    themes_path = workdir / "head_themes.toml"
    themes_path.write_text(show("analysis/data/themes.toml"), encoding="utf-8")
    from analysis.themes.lexicon import load_themes

    themes = load_themes(themes_path)
    for t in themes:  # HEAD's themes had no examples
        t.examples = []
    analyzer = keywords.vectorizer.make_text_analyzer()
    scorer = module.ThemeScorer(themes).fit(analyzer, embed_fn)
    scores = scorer.score(keywords.units, vectors, analyzer, counts=keywords.counts,
                          vectorizer=keywords.vectorizer)
    return module.document_shares(scores.shares, [t.key for t in themes]).set_index("doc_id")


def best_paragraph(keywords, embed_fn, vectors):
    """Per document and theme: the best paragraph's cosine to the theme's description
    (the mean of its English and French descriptions)."""
    from analysis.themes.lexicon import load_themes

    themes = load_themes()
    cents = []
    for t in themes:
        vecs = embed_fn([t.descriptions[k] for k in ("en", "fr") if k in t.descriptions])
        c = np.asarray(vecs, dtype=np.float64).mean(axis=0)
        cents.append(c / np.linalg.norm(c))
    v = np.asarray(vectors, dtype=np.float64)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    cos = pd.DataFrame(v @ np.vstack(cents).T, columns=[t.key for t in themes])
    cos["doc_id"] = keywords.units["doc_id"].to_numpy()
    return cos.groupby("doc_id", sort=False).max()


def best_f1_threshold(scores, truth):
    best = (-1.0, 0.0)
    for thr in np.unique(np.round(scores, 4)):
        pred = scores >= thr
        tp = float((pred & truth).sum())
        f1 = 2 * tp / max(1.0, pred.sum() + truth.sum())
        if f1 > best[0]:
            best = (f1, float(thr))
    return best[1]


def pr(pred, truth):
    tp = int((pred & truth).sum())
    npred, npos = int(pred.sum()), int(truth.sum())
    p = tp / npred if npred else float("nan")
    r = tp / npos if npos else float("nan")
    return p, r, tp, npred, npos


def report(labels, predictions):
    """Precision and recall per method, theme and language on the evaluation split."""
    ev = labels[labels["split"] == "evaluation"]
    print(f"\nEvaluation split: {len(ev)} documents "
          f"({', '.join(f'{k} {v}' for k, v in ev['language'].value_counts().items())})")
    print(f"{'theme':<17}{'lang':<6}{'pos':>4}{'neg':>5}  " + "".join(
        f"{m:>26}" for m in predictions))
    print(f"{'':<32}" + "".join(f"{'P     R   (tp/pred)':>26}" for _ in predictions))
    for key in KEYS:
        for lang in ["all", *sorted(ev["language"].unique())]:
            part = ev if lang == "all" else ev[ev["language"] == lang]
            truth = part[key].to_numpy() == 1
            row = f"{key:<17}{lang:<6}{int(truth.sum()):>4}{int((~truth).sum()):>5}  "
            for preds in predictions.values():
                pred = part["doc_id"].map(preds[key]).fillna(False).to_numpy(dtype=bool)
                p, r, tp, npred, _ = pr(pred, truth)
                row += f"{p:>8.2f}{r:>6.2f} ({tp:>3}/{npred:>3})  "
            print(row)
    neg = ev[(ev[list(KEYS)] == 0).all(axis=1)]
    print(f"\nFalse-positive rate on the {len(neg)} evaluation documents about none of the "
          "themes (any theme flagged):")
    for name, preds in predictions.items():
        flagged = np.zeros(len(neg), dtype=bool)
        for key in KEYS:
            flagged |= neg["doc_id"].map(preds[key]).fillna(False).to_numpy(dtype=bool)
        print(f"  {name:<16}{flagged.mean():.3f} ({int(flagged.sum())}/{len(neg)})")


def ordinary_news(root, per_source, labels, workdir, cache, thresholds) -> None:
    """Share of ordinary news (sources' own sport, entertainment, politics... categories;
    not labelled, not in the labelled set) each method flags with any theme."""
    ids = ordinary_ids(root, per_source, labels["doc_id"])
    every = all_documents(root)
    texts = {d: every[d][1] for d in ids}
    corpus = corpus_of(ids, texts, workdir)
    keywords, embed_fn, vectors = prepare(corpus, cache)
    docs = run_detector(keywords, embed_fn, vectors, None).documents.set_index("doc_id")
    shares = head_scorer(keywords, embed_fn, vectors, workdir)
    best = best_paragraph(keywords, embed_fn, vectors)
    flags = {
        "detector": np.any([docs[f"{k}_found"].astype(bool) for k in KEYS], axis=0),
        "head-scorer": np.any([shares[k].reindex(docs.index) >= HEAD_SHARE for k in KEYS],
                              axis=0),
        "best-paragraph": np.any([best[k].reindex(docs.index) >= thresholds[k] for k in KEYS],
                                 axis=0),
    }
    source = pd.Series([d.split(":")[0] for d in docs.index], index=docs.index)
    print(f"\nOrdinary news flagged with any theme ({len(ids)} documents not in the labelled "
          "set, from " + ", ".join(f"{s} {', '.join(c)}" for s, c in ORDINARY.items())
          + "; not read, so a few may truly be about a theme):")
    for name, flagged in flags.items():
        flagged = pd.Series(np.asarray(flagged, dtype=bool), index=docs.index)
        per = ", ".join(f"{s} {int(f.sum())}/{len(f)}" for s, f in flagged.groupby(source))
        print(f"  {name:<16}{flagged.mean():.4f} ({int(flagged.sum())}/{len(flagged)}; {per})")
    flagged = docs.index[flags["detector"]]
    for d in flagged:
        found = [k for k in KEYS if docs.at[d, f"{k}_found"]]
        print(f"    detector flags {d}: {', '.join(found)}")


def alone_tolerance(ids, texts, workdir, cache, reference):
    """Largest change of a document's confidence between alone and in the set."""
    diffs, flips = [], 0
    for d in ids:
        corpus = corpus_of([d], texts, workdir)
        keywords, embed_fn, vectors = prepare(corpus, cache)
        alone = run_detector(keywords, embed_fn, vectors, None).documents.set_index("doc_id")
        for key in KEYS:
            a = float(alone.at[d, f"{key}_confidence"])
            b = float(reference.at[d, f"{key}_confidence"])
            diffs.append(abs(a - b))
            flips += bool(alone.at[d, f"{key}_found"]) != bool(reference.at[d, f"{key}_found"])
    return max(diffs) if diffs else 0.0, float(np.mean(diffs)) if diffs else 0.0, flips


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--cache", type=Path, default=PROJECT / ".cache")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--show-errors", action="store_true",
                        help="list the detector's false positives and negatives on both "
                             "splits, with each document's first words and its evidence")
    parser.add_argument("--alone", type=int, default=12,
                        help="documents scored alone to measure the tolerance")
    parser.add_argument("--ordinary", type=int, default=300,
                        help="ordinary-news documents per source (BBC, MasakhaNEWS, "
                             "THUCNews) on which to measure the flagged share (0: skip)")
    args = parser.parse_args()
    start = time.perf_counter()
    labels, texts = load_labelled(args.root)
    documents = dict(texts)
    with tempfile.TemporaryDirectory(prefix="bench-themes-") as tmp:
        workdir = Path(tmp)
        corpus = corpus_of(list(labels["doc_id"]), texts, workdir)
        keywords, embed_fn, vectors = prepare(corpus, args.cache)
        print(f"{len(corpus)} documents, {len(keywords.units)} paragraphs; prepared in "
              f"{time.perf_counter() - start:.1f}s")
        calib = labels[labels["split"] == "calibration"]
        if args.calibrate:
            calibrate(keywords, embed_fn, vectors, documents, calib)
            return
        predictions, memory = {}, {}

        tracemalloc.start()
        found = run_detector(keywords, embed_fn, vectors, documents)
        memory["detector"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        docs = found.documents.set_index("doc_id")
        predictions["detector"] = {k: docs[f"{k}_found"].astype(bool) for k in KEYS}

        tracemalloc.start()
        shares = head_scorer(keywords, embed_fn, vectors, workdir)
        memory["head-scorer"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        predictions["head-scorer"] = {k: shares[k] >= HEAD_SHARE for k in KEYS}

        tracemalloc.start()
        best = best_paragraph(keywords, embed_fn, vectors)
        memory["best-paragraph"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        thresholds = {}
        for k in KEYS:
            truth = calib[k].to_numpy() == 1
            scores = calib["doc_id"].map(best[k]).to_numpy(dtype=float)
            thresholds[k] = best_f1_threshold(scores, truth)
        predictions["best-paragraph"] = {k: best[k] >= thresholds[k] for k in KEYS}
        print("best-paragraph thresholds (max F1 on the calibration split): " + ", ".join(
            f"{k} {v:.3f}" for k, v in thresholds.items()))
        report(labels, predictions)
        if args.show_errors:
            show_errors(labels, texts, found)
        if args.ordinary:
            ordinary_news(args.root, args.ordinary, labels, workdir, args.cache, thresholds)
        print("\nPeak traced memory of each method (beyond the shared units and vectors): "
              + ", ".join(f"{m} {v / 2**20:.1f} MiB" for m, v in memory.items()))
        if args.alone:
            rng = np.random.default_rng(21)
            pick = list(rng.choice(labels["doc_id"].to_numpy(), size=args.alone, replace=False))
            pick += [d for d in labels["doc_id"] if d.startswith("bundled:")]
            worst, mean, flips = alone_tolerance(pick, texts, workdir, args.cache, docs)
            print(f"\nAlone vs inside the labelled set ({len(pick)} documents x "
                  f"{len(KEYS)} themes): largest confidence change {worst:.4f}, mean "
                  f"{mean:.4f}, answers changed {flips}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak RSS of the process: {peak:.0f} MiB; total {time.perf_counter() - start:.1f}s")


def show_errors(labels, texts, found) -> None:
    """The detector's false positives and negatives (both splits), each with its
    headline and the evidence of its most supportive paragraph, to find classes of
    error (printed only; the texts stay in ../shared)."""
    docs = found.documents.set_index("doc_id")
    units = found.units
    for key in KEYS:
        best = (units.sort_values([f"{key}_confidence", "unit_id"], ascending=[False, True],
                                  kind="stable").drop_duplicates("doc_id").set_index("doc_id"))
        for kind, truth in (("false positive", 0), ("false negative", 1)):
            rows = labels[(labels[key] == truth)
                          & (labels["doc_id"].map(docs[f"{key}_found"]).fillna(False)
                             .astype(bool) == (truth == 0))]
            print(f"\n{key}: {len(rows)} {kind}s")
            for d, split in zip(rows["doc_id"], rows["split"]):
                head = " ".join(texts[d].split())[:90]
                print(f"  {d:<32}{split[:5]:<6}conf {docs.at[d, f'{key}_confidence']:.3f} "
                      f"cos {best.at[d, f'{key}_cosine']:.3f} "
                      f"terms [{best.at[d, f'{key}_terms']}]  | {head}")


def calibrate(keywords, embed_fn, vectors, documents, calib) -> None:
    """F1 per theme on the calibration split for a grid of detector thresholds."""
    from analysis.themes.detector import ThemeDetector

    analyzer = keywords.vectorizer.make_text_analyzer()
    detector = ThemeDetector().fit(analyzer, embed_fn, documents)
    hits = detector.lexicon_hits(keywords.counts, keywords.vectorizer)
    print(f"{'threshold':>9}" + "".join(f"{k:>30}" for k in KEYS))
    for thr in np.arange(0.5, 6.01, 0.5):
        detector.set_params(threshold=float(thr))
        docs = detector.detect(keywords.units, vectors, analyzer, hits=hits).documents
        docs = docs.set_index("doc_id")
        row = f"{thr:>9.1f}"
        for k in KEYS:
            truth = calib[k].to_numpy() == 1
            pred = calib["doc_id"].map(docs[f"{k}_found"]).fillna(False).to_numpy(dtype=bool)
            p, r, tp, npred, npos = pr(pred, truth)
            row += f"   P {p:.2f} R {r:.2f} ({tp}/{npred}/{npos})"
        print(row, flush=True)


if __name__ == "__main__":
    main()
