"""Start a runner process and measure it: wall-clock time and peak memory.

Peak memory is measured two ways:

- ``peak_mb``: the peak resident set of the largest single process of the
  build, from ``os.wait4`` (the rusage of that one child and what it reaped).
  ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` holds the same value, but
  as a maximum over every child waited for so far, so after a big build it
  would hide the peak of every smaller one.
- ``tree_mb``: the peak of the summed PSS (proportional set size) of the build
  process and all the processes it forks, sampled from /proc every 0.1 s.
  Forked workers share pages with their parent; PSS counts each shared page
  once in total, so this is the memory the whole build really occupies.
"""

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
MB = 2**20  # the report's "MB" are mebibytes


class BenchError(RuntimeError):
    """A measured process failed; the message names its log file."""


@dataclass
class Run:
    """One measurement."""

    seconds: float  # wall clock, process start to exit (what a user waits)
    peak_mb: float | None = None  # peak RSS of the largest process of the build
    tree_mb: float | None = None  # peak summed PSS of the build's process tree
    result: dict = field(default_factory=dict)  # what the runner reported
    output: dict = field(default_factory=dict)  # pages and MB in the output folder
    load: float | None = None  # 1-minute load average when the run started


def run_runner(args, log_path):
    """Run ``python -m bench.runner ARGS`` in a new process and measure it."""
    log_path = Path(log_path)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    result_path = log_path.with_suffix(".json")
    result_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.runner", *map(str, args), "--result", result_path]
    load = os.getloadavg()[0]
    with open(log_path, "w", encoding="utf-8") as log:
        start = perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = perf_counter() - start
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not result_path.exists():
        raise BenchError(f"{' '.join(map(str, command))} failed; see {log_path}")
    result = json.loads(result_path.read_text(encoding="utf-8"))
    peak_mb = usage.ru_maxrss * 1024 / MB
    return Run(seconds, peak_mb, sampler.peak_mb(), result, load=load)


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants (Linux /proc)."""

    def __init__(self, pid, interval=0.1):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(self.interval):
            total = sum(pss_kb(pid) for pid in process_tree(self.pid))
            self.peak_kb = max(self.peak_kb, total)

    def stop(self):
        self.done.set()
        self.join()

    def peak_mb(self):
        return self.peak_kb * 1024 / MB if self.peak_kb else None


def process_tree(pid):
    """``pid`` and all its living descendants."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for tasks in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue += [int(child) for child in tasks.read_text().split()]
            except OSError:
                continue
    return found


def pss_kb(pid):
    """Proportional set size of ``pid`` in KiB; 0 when it is gone or unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def file_stamps(folder):
    """{path: (mtime, size)} of every file under ``folder``."""
    stamps = {}
    for path in Path(folder).rglob("*"):
        if path.is_file():
            info = path.stat()
            stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def changes(before, after):
    """Files the build wrote (new or changed) and removed."""
    written = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return {"written": written, "removed": len(before.keys() - after.keys())}


def output_stats(folder):
    """HTML pages, feeds, files and MB in a built site."""
    pages = feeds = files = size = 0
    for path in Path(folder).rglob("*"):
        if not path.is_file():
            continue
        files += 1
        size += path.stat().st_size
        pages += path.suffix == ".html"
        feeds += path.suffix == ".xml"
    return {"pages": pages, "feeds": feeds, "files": files, "mb": round(size / MB, 1)}
