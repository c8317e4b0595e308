"""The measured scenarios: each takes a :class:`Bench` and returns a :class:`Run`.

To measure something new, write ``def my_scenario(bench) -> Run`` and add it to
:data:`SCENARIOS`. A live-preview server plugs into :func:`save_to_preview`:
pass it a callable that returns once the preview shows the saved file, e.g.
``save_to_preview(bench, server.wait_until_updated)``.
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from .corpus import Corpus
from .measure import Run, changes, file_stamps, output_stats, run_runner
from .preview import PreviewServer


@dataclass
class Bench:
    """The corpus and the folders one benchmark works in."""

    corpus: Corpus
    work: Path
    edits: int = 0
    runs: int = 0
    stale: bool = True  # the content changed since the last Warta build (or none yet)
    _settings: dict = field(default_factory=dict)

    def output(self, site):
        return self.work / f"output-{site}"

    def cache(self, site):
        """CACHE_PATH of the site's builds (processed images, HTML cache …)."""
        return self.work / f"cache-{site}"

    def clean(self, site):
        """Move the site's output and caches aside: the next build is cold."""
        for folder in (self.output(site), self.cache(site)):
            set_aside(folder, self.work)

    def content(self, site):
        return self.corpus.warta if site == "warta" else self.corpus.vanilla

    @property
    def settings(self):
        """Warta's settings for the corpus (read once, in this process)."""
        if not self._settings:
            from .runner import warta_settings

            self._settings.update(warta_settings(self.corpus.warta, self.output("warta"), "."))
        return self._settings

    def spec_at(self, path):
        """The ArticleSpec of the Warta file at ``path``."""
        relative = Path(path).relative_to(self.corpus.warta).as_posix()
        return next(spec for spec in self.corpus.articles if spec.path == relative)

    def log(self, name):
        """A new log file for one run: logs/NN-name.log."""
        self.runs += 1
        folder = self.work / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{self.runs:02d}-{name}.log"


def set_aside(folder, work):
    """Move ``folder`` into ``work``/trash, to be deleted when the run is over.

    Deleting tens of thousands of files just before a build would slow the
    build down on some file systems: ext4 without a journal skips inodes freed
    in the last minute one by one when it creates a file, which can add a
    third to a cold build of 10,000 articles. A real cold build (a fresh
    clone, a new machine) does not pay that, so the benchmark must not either.
    """
    if folder.exists():
        trash = work / "trash"
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{len(list(trash.iterdir()))}-{folder.name}")


def empty_trash(work):
    shutil.rmtree(work / "trash", ignore_errors=True)


def build(bench, site="warta", name="build", profile=None):
    """Build the site in a new process into its output folder."""
    output = bench.output(site)
    args = ["build", "--site", site, "--content", bench.content(site), "--output", output]
    args += ["--cache", bench.cache(site)]
    if profile:
        args += ["--profile", profile]
    before = file_stamps(output)
    run = run_runner(args, bench.log(name))
    run.output = {**output_stats(output), **changes(before, file_stamps(output))}
    if site == "warta":
        bench.stale = False
    return run


def cold_build(bench):
    """Warta build with an empty output folder and empty caches."""
    bench.clean("warta")
    return build(bench, name="cold-build")


def warm_rebuild(bench):
    """Warta build again, nothing changed since the last build (output and caches kept)."""
    if bench.stale or not bench.output("warta").exists():
        build(bench, name="warm-up")
    return build(bench, name="warm-rebuild")


def edit_article(bench):
    """Append a sentence to one published article; return its path."""
    published = [spec for spec in bench.corpus.articles if spec.status != "draft"]
    spec = published[len(published) // 2]
    path = bench.corpus.warta / spec.path
    bench.edits += 1
    bench.stale = True
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(f"\nPembaruan {bench.edits}: data penerima manfaat telah diperbarui.\n")
    return path


def save_to_preview(bench, refresh):
    """Edit one article, then time ``refresh(path)`` until the preview shows it.

    ``refresh`` gets the path of the saved file and returns when the preview is
    up to date. If it returns a Run (a build process), that run is the result:
    its time is the build's, from start to exit, without the benchmark's own
    listing of the output folder before and after; otherwise the time is the
    time ``refresh`` took.
    """
    path = edit_article(bench)
    load = os.getloadavg()[0]
    start = perf_counter()
    refreshed = refresh(path)
    run = refreshed if isinstance(refreshed, Run) else Run(perf_counter() - start)
    run.load = load
    return run


def edit_rebuild(bench):
    """Save → preview with today's tooling: a full Warta rebuild."""
    return save_to_preview(bench, lambda path: build(bench, name="edit-rebuild"))


def preview_save(bench):
    """Save → preview with the live preview server (warta_preview).

    The server starts (a full build) and stops in each round, so that it does
    not react to the other scenarios' edits while they are measured.
    """
    server = PreviewServer(bench).start()
    try:
        run = save_to_preview(bench, server.wait_for_edit)
    finally:
        server.stop()
    run.peak_mb, run.tree_mb = server.peak_mb, server.tree_mb
    run.result = {"start_seconds": round(server.start_seconds, 3)}
    return run


def content_check(bench):
    """Warta's content check alone (``warta_check.check_site``) in a new process."""
    args = ["check", "--content", bench.corpus.warta, "--cache", bench.cache("warta")]
    return run_runner(args, bench.log("check"))


def vanilla_cold_build(bench):
    """Stock Pelican (notmyidea, MarkdownReader) on the Key: value copy."""
    bench.clean("vanilla")
    return build(bench, site="vanilla", name="vanilla-cold-build")


def profile_build(bench, path):
    """A cold Warta build under cProfile; writes PATH and PATH.txt (a summary)."""
    bench.clean("warta")
    return build(bench, name="profile", profile=Path(path).resolve())


SCENARIOS = {
    "cold_build": cold_build,
    "warm_rebuild": warm_rebuild,
    "edit_rebuild": edit_rebuild,
    "preview_save": preview_save,
    "check": content_check,
    "vanilla_cold_build": vanilla_cold_build,
}


def run_scenarios(bench, names, repeat, progress):
    """{name: [Run, …]}: ``repeat`` rounds, each running every scenario once.

    Rounds (rather than all runs of one scenario in a row) spread the noise of
    a shared machine over all scenarios, so that ratios such as Warta/vanilla
    compare runs made close in time.
    """
    chosen = [name for name in SCENARIOS if name in names]
    runs = {name: [] for name in chosen}
    for number in range(1, repeat + 1):
        for name in chosen:
            run = SCENARIOS[name](bench)
            runs[name].append(run)
            progress(f"round {number}/{repeat} {name}: {run.seconds:.2f} s, {_peak(run)}")
    return runs


def _peak(run):
    if not run.peak_mb:
        return "peak n/a"
    tree = f", tree {run.tree_mb:.0f} MB" if run.tree_mb else ""
    return f"peak {run.peak_mb:.0f} MB{tree}"
