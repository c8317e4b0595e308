"""Benchmark Warta's build on a synthetic corpus: ``python -m bench --articles N``.

Generates the corpus into a work folder, runs every scenario ``--repeat``
times (each build in its own process), prints a table and writes the summary
as JSON to ``--json``. See bench/README.md.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

from .corpus import generate
from .measure import BenchError
from .report import render, summarise
from .scenarios import SCENARIOS, Bench, empty_trash, profile_build, run_scenarios, set_aside

# What a run leaves in --workdir (removed before the next run).
WORK_FOLDERS = (
    "warta",
    "vanilla",
    "logs",
    "output-warta",
    "output-vanilla",
    "cache-warta",
    "cache-vanilla",
    "output-preview",
    "cache-preview",
)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the corpus")
    parser.add_argument("--authors", type=int, default=36, help="number of authors (20–50)")
    parser.add_argument("--photos", action="store_true", help="give 40%% of articles a photo")
    parser.add_argument(
        "--no-drafts", action="store_true", help="publish the 1%% of stories that are drafts"
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per scenario (default 2)")
    parser.add_argument("--json", type=Path, help="write the summary as JSON to this file")
    parser.add_argument(
        "--only",
        default=",".join(SCENARIOS),
        help=f"comma-separated scenarios to run (default: {','.join(SCENARIOS)})",
    )
    parser.add_argument("--profile", type=Path, help="also profile one cold build into this file")
    parser.add_argument(
        "--workdir", type=Path, help="keep the corpus, outputs and logs here (default: temp)"
    )
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    return args


def prepare_workdir(workdir):
    """The folder to work in; earlier bench runs in a given one are set aside."""
    if workdir is None:
        return Path(tempfile.mkdtemp(prefix="warta-bench-")), True
    workdir.mkdir(parents=True, exist_ok=True)
    for name in WORK_FOLDERS:
        set_aside(workdir / name, workdir)
    return workdir.resolve(), False


def source_tree():
    """The commit measured and the files changed since (git, read-only)."""
    root = Path(__file__).resolve().parents[1]

    def git(*args):
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    changed = git("status", "--porcelain", "--untracked-files=no")
    return {
        "root": str(root),
        "commit": git("rev-parse", "--short", "HEAD"),
        "changed_files": changed.splitlines() if changed else [],
    }


def progress(message):
    print(message, file=sys.stderr, flush=True)


def main(argv=None):
    args = parse_args(argv)
    work, temporary = prepare_workdir(args.workdir)
    try:
        start = perf_counter()
        corpus = generate(
            work, args.articles, args.seed, args.authors, args.photos, not args.no_drafts
        )
        stats = {**corpus.stats, "generate_seconds": round(perf_counter() - start, 2)}
        progress(f"corpus: {stats} in {work}")
        bench = Bench(corpus, work)
        runs = run_scenarios(bench, args.only.split(","), args.repeat, progress)
        settings = {
            "seed": args.seed,
            "repeat": args.repeat,
            "photos": args.photos,
            "drafts": not args.no_drafts,
            "tree": source_tree(),
        }
        summary = summarise(runs, stats, settings)
        if args.profile:
            profile_build(bench, args.profile)
            summary["profile"] = str(args.profile.resolve())
            progress(f"profile: {args.profile} and {args.profile}.txt")
    except BenchError as error:
        sys.exit(f"bench: {error} (work folder kept: {work})")
    finally:
        empty_trash(work)
    if temporary:
        shutil.rmtree(work, ignore_errors=True)
    print(render(summary))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
