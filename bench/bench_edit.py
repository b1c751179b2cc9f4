"""Edit (issue 23): merging and renaming topics of a run of about 10,000 units,
against running the analysis again (the baseline an analyst would otherwise use).

BBC articles (the classes in turn, each in name order) linked into a temporary
folder until they hold at least ``--units`` paragraph units; then, each in its own
process so that its peak memory is its own:

1. ``run`` with an empty embedding cache (the first run of the day);
2. ``run`` again into a new folder with the cache now warm: the baseline, what
   re-running costs when the vectors are already there;
3. ``edit --merge A,B --rename A="..."`` of the first run into a new folder: the
   topic tables, figures, summary and page written again from ``saved/``.

Printed: wall time and peak RSS of each, and the edit's time as a ratio of the warm
re-run's. The goal (issue 23) is an edit under 10 s for 10,000 units.

    .venv/bin/python bench/bench_edit.py [--data ../shared/benchmarks] [--units 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = ("import resource, runpy, sys; sys.argv = ['analysis', *sys.argv[1:]]\n"
         "try:\n    runpy.run_module('analysis', run_name='__main__')\n"
         "except SystemExit as stop:\n    code = stop.code\nelse:\n    code = 0\n"
         "print('PEAK_MB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
         " file=sys.stderr)\nsys.exit(code)\n")


def timed(args: list, env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``python -m analysis ARGS``."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:1])} failed:\n{done.stderr[-3000:]}")
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK_MB")]
    return seconds, float(peak[-1].split()[1])


def corpus_of(data: Path, folder: Path, units: int) -> tuple[int, int]:
    """Link BBC articles, round-robin over the classes, until their paragraphs
    (lines of four words or more, about what the paragraph units are) reach ``units``."""
    classes = [sorted(d.glob("*.txt")) for d in sorted((data / "bbc").iterdir())
               if d.is_dir()]
    folder.mkdir()
    n_docs = n_units = 0
    for i in range(max(map(len, classes))):
        for label, files in zip("abcde", classes):
            if i < len(files) and n_units < units:
                text = files[i].read_bytes().decode("latin-1")
                n_units += sum(len(line.split()) >= 4 for line in text.splitlines())
                (folder / f"{label}_{files[i].name}").symlink_to(files[i])
                n_docs += 1
    return n_docs, n_units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true",
                        help="edit once more under cProfile and print where its time goes")
    parser.add_argument("--cache", type=Path, default=None,
                        help="embedding cache to use and keep (default: a new, empty one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-edit-") as tmp:
        tmp = Path(tmp)
        n_docs, n_units = corpus_of(args.data, tmp / "corpus", args.units)
        cache = args.cache or tmp / "cache"
        cold_cache = not (cache.is_dir() and any(cache.iterdir()))
        env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "ANALYSIS_PROGRESS": "0"}
        print(f"{n_docs} BBC articles, about {n_units} paragraphs; {os.cpu_count()} CPUs")
        cold = timed(["run", "--corpus", str(tmp / "corpus"), "--out", str(tmp / "run"), "-q"],
                     env)
        warm = timed(["run", "--corpus", str(tmp / "corpus"), "--out", str(tmp / "run2"),
                      "-q"], env)
        meta = json.loads((tmp / "run" / "saved" / "analysis.json").read_text())
        units = meta["n_units"]
        largest = sorted(meta["topics"], key=lambda t: -t["size"])[:2]
        a, b = sorted(t["id"] for t in largest)
        edited = timed(["edit", "--model", str(tmp / "run"), "--merge", f"{a},{b}",
                        "--rename", f'{a}="Merged by the bench"', "--out",
                        str(tmp / "edited"), "-q"], env)
        page = (tmp / "edited" / "report.html").read_text(encoding="utf-8")
        assert "Merged by the bench" in page
        print(f"{units} units, {len(meta['topics'])} topics; merged {a} and {b}")
        print(f"{'step':<34}{'wall s':>8}{'peak MB':>9}{'vs warm run':>13}")
        first = "run, empty cache" if cold_cache else "run, cache from an earlier bench"
        for name, (seconds, peak) in ((first, cold),
                                      ("run again, warm cache (baseline)", warm),
                                      ("edit: merge + rename, redraw", edited)):
            print(f"{name:<34}{seconds:8.1f}{peak:9.0f}{seconds / warm[0]:12.2f}x")
        print(f"edit under 10 s for {units} units: {'yes' if edited[0] < 10 else 'NO'}")
        if args.profile:
            done = subprocess.run(
                [sys.executable, "-m", "cProfile", "-s", "cumtime", "-m", "analysis", "edit",
                 "--model", str(tmp / "run"), "--rename", f'{a}="Profiled"', "--out",
                 str(tmp / "profiled"), "-q"], cwd=ROOT, env=env, capture_output=True,
                text=True)
            print("\n".join(done.stdout.splitlines()[:60]))


if __name__ == "__main__":
    main()
