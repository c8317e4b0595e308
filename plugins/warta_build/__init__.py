"""Warta's build: Pelican's run, with parallel writing, safe output and a summary.

Used through ``PELICAN_CLASS = "warta_build.WartaPelican"``. Compared with
``Pelican.run``:

- the output folder is not emptied first: pages are written with
  :class:`WartaWriter` (unchanged files are left alone, new ones are renamed
  into place), and files the build no longer produces are removed at the end —
  so a build that stops on an error leaves the previous site as it was;
- writing is shared between processes (``WARTA_BUILD_PROCESSES``, default: one
  per core) forked after all content is read;
- long builds show a progress bar, and every build ends with one summary line;
- a build whose inputs (content, theme, plugins, settings) are the same as
  the last build's, whose output is intact and whose embargoes have not
  ended does nothing (see :mod:`warta_build.state`).
"""

import atexit
import functools
import gc
import json
import logging
import multiprocessing
import os
import sys
import time
import traceback

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warta_check import check_before_build
from warta_output.plan import plan_outputs
from warta_settings import get_setting

from . import state
from .generators import REPLACEMENTS, WartaArticlesGenerator
from .prune import prune_output
from .writer import WartaWriter

logger = logging.getLogger(__name__)

FOREVER = 2**40  # "no embargo": far beyond any date a story can have
MAIN_GROWTH = 1.15  # the main process's memory while writing, to its memory before
FORK_COPY = 0.9  # the memory a forked writer copies, to the main process's


class WartaPelican(Pelican):
    """Pelican with Warta's build steps (see the module docstring)."""

    checks_content_itself = True  # warta_check leaves the check to run()

    def run(self, skip_if_current=True):
        """Build the site; with nothing changed since the last build, do nothing."""
        start, started = time.perf_counter(), time.time()
        digest = state.fingerprint(self.settings)
        skip = skip_if_current and get_setting(self.settings, "WARTA_SKIP_UNCHANGED")
        if skip and state.is_current(self.settings, digest):
            seconds = time.perf_counter() - start
            console.print(f"Done: nothing changed since the last build ({seconds:.2f} s).")
            return
        state.forget(self.settings)
        try:
            self._build(digest, start, started)
        finally:
            gc.unfreeze()
        _freeze_at_exit()

    def _build(self, digest, start, started):
        """Read, check and write the site; record it and print the summary."""
        fresh = _is_empty(self.output_path)  # a first build: nothing there can be stale
        self.generators = generators = self._make_generators()
        articles = next((g for g in generators if isinstance(g, WartaArticlesGenerator)), None)
        if articles is None:
            check_before_build(self)
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if generator is articles:  # the first generator: nothing has been written yet
                # The stories stay for the whole build: Python's full collections
                # (about 0.15 s each at 10,000 stories) need not walk them again.
                gc.freeze()
                check_before_build(self, known=articles.checked)
                articles.checked = {}
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        planned = {path.lstrip("/") for path, _ in plan_outputs(generators)}
        stats = self._write(generators, len(planned))
        signals.finalized.send(self)
        produced = planned | set(stats.paths)
        if fresh:
            removed, files = 0, produced
        else:
            removed, files = prune_output(self.output_path, produced, self.settings, since=started)
        state.save(self.settings, digest, files, _valid_until(generators))
        self._summary(generators, stats, removed, time.perf_counter() - start)

    def _make_generators(self):
        context = self.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = self.settings["SITEURL"]
        return [
            cls(
                context=context,
                settings=self.settings,
                path=self.path,
                theme=self.theme,
                output_path=self.output_path,
            )
            for cls in self._get_generator_classes()
        ]

    def _get_generator_classes(self):
        return [REPLACEMENTS.get(cls, cls) for cls in super()._get_generator_classes()]

    def _get_writer(self):
        return WartaWriter(self.output_path, settings=self.settings)

    def _write(self, generators, total):
        """Run every generator's output step, shared between processes."""
        writer = self._get_writer()
        slots = _process_count(self.settings, total)
        counter = multiprocessing.Value("L", 0)
        gc.freeze()  # forked writers then share the site's objects instead of copying them
        with _progress(total) as progress:
            children = [
                _fork_writer(generators, writer, slot, slots, counter) for slot in range(1, slots)
            ]
            writer.slot, writer.slots = 0, slots
            writer.on_write = lambda: _tick(counter, progress)
            for generator in generators:
                _generate_output(generator, writer, sharded=shares_output(generator))
            for child in children:
                report = _join(child, progress, counter)
                writer.stats.merge(report["stats"], report["paths"])
        return writer.stats

    def _summary(self, generators, stats, removed, seconds):
        counts = _content_counts(generators)
        console.print(
            f"Done: {counts} → {stats.written + stats.unchanged} files "
            f"({stats.written} written, {stats.unchanged} unchanged, {removed} removed, "
            f"{stats.bytes / 1_000_000:.1f} MB) in {seconds:.2f} s.",
            soft_wrap=True,
        )


@functools.cache
def _freeze_at_exit():
    """Let Python exit without one more full collection of the site's objects.

    At exit Python walks every object for cycles; after a build of 10,000
    stories that took about 1 s, for memory the system takes back anyway.
    """
    atexit.register(gc.freeze)


def _is_empty(folder):
    """True when ``folder`` is missing or holds nothing."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True


def _valid_until(generators, now=None):
    """When the output stops being current: the first embargo to end (epoch seconds)."""
    now = time.time() if now is None else now
    dates = [
        article.date.timestamp()
        for generator in generators
        for article in getattr(generator, "sources", {}).values()
        if article.date.timestamp() > now
    ]
    return min(dates, default=FOREVER)


def _process_count(settings, total):
    wanted = get_setting(settings, "WARTA_BUILD_PROCESSES") or os.cpu_count() or 1
    if not hasattr(os, "fork") or total < get_setting(settings, "WARTA_PARALLEL_MIN_FILES"):
        return 1
    wanted = max(1, min(wanted, total))
    fitting = _writers_that_fit(get_setting(settings, "WARTA_BUILD_MEMORY_MB"), _resident_mb())
    if fitting < wanted:
        logger.info(
            "Writing in %d process(es), not %d, to stay within WARTA_BUILD_MEMORY_MB",
            fitting,
            wanted,
        )
    return min(wanted, fitting)


def _writers_that_fit(limit_mb, main_mb):
    """How many writing processes fit in ``limit_mb`` (0: no limit).

    The main process grows by about a seventh while it writes, and a forked
    writer ends up with its own copy of most of the main process's memory
    (Python touches every object it uses; measured at 50,000 articles: 90 %).
    """
    if not limit_mb:
        return os.cpu_count() or 1
    room = limit_mb - main_mb * MAIN_GROWTH
    return max(1, 1 + int(room // (main_mb * FORK_COPY)))


def _resident_mb():
    """The main process's peak resident memory so far, in MB."""
    import resource  # POSIX only, like fork

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def writes_through_writer(generator):
    """True for generators whose whole output goes through the Writer.

    Their pages can be shared between processes (and rendered on request by
    the preview). Plugin generators opt in with ``writes_through_writer = True``.
    """
    return isinstance(generator, (ArticlesGenerator, PagesGenerator)) or getattr(
        generator, "writes_through_writer", False
    )


def shares_output(generator):
    """True for generators whose output is split between the writing processes.

    Those that write through the Writer, and plugin generators that split
    their own output by ``writer.owns(path)`` (``shares_output = True``).
    """
    return writes_through_writer(generator) or getattr(generator, "shares_output", False)


def _generate_output(generator, writer, sharded):
    """Run one generator's output step; unsharded ones write everything here."""
    if not hasattr(generator, "generate_output"):
        return
    slots = writer.slots
    if not sharded:
        writer.slots = 1
    try:
        generator.generate_output(writer)
    finally:
        writer.slots = slots


def _fork_writer(generators, writer, slot, slots, counter):
    """Fork a process that writes its share; return (pid, pipe to read stats)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    os.close(read_end)
    status = 1
    try:
        writer.slot, writer.slots = slot, slots
        writer.on_write = lambda: _tick(counter, None)
        for generator in generators:
            if shares_output(generator):
                generator.generate_output(writer)
        with os.fdopen(write_end, "w") as pipe:
            json.dump({"stats": writer.stats.as_tuple(), "paths": writer.stats.paths}, pipe)
        status = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _join(child, progress, counter):
    """Wait for a writer process; return its report or raise if it failed."""
    pid, read_end = child
    with os.fdopen(read_end) as pipe:
        report = pipe.read()
    _, status = os.waitpid(pid, 0)
    _tick(counter, progress, increment=False)
    if status != 0 or not report:
        raise RuntimeError("a writer process failed; see the error above")
    return json.loads(report)


def _tick(counter, progress, increment=True):
    if increment:
        with counter.get_lock():
            counter.value += 1
    if progress is not None:
        progress.update(progress.task_ids[0], completed=counter.value)


def _progress(total):
    progress = Progress(
        TextColumn("Menulis halaman"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal or total < 500,
    )
    progress.add_task("write", total=total)
    return progress


def _content_counts(generators):
    articles = drafts = pages = 0
    for generator in generators:
        articles += len(getattr(generator, "articles", ()))
        drafts += len(getattr(generator, "drafts", ()))
        pages += len(getattr(generator, "pages", ()))
    return f"{articles} articles, {drafts} drafts, {pages} pages"
