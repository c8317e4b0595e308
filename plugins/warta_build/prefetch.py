"""Render the Markdown of many articles in a pool of forked processes.

Markdown is most of the cost of reading an article. The workers render the
bodies; the main process keeps the light front-matter work and builds the
Article objects as Pelican does.
"""

import multiprocessing
import os

from warta_reader import prefetch
from warta_reader.reader import load_matter, markdown_for

_worker_markdown = None


def prefetch_markdown(paths, settings, processes, minimum):
    """Render ``paths`` (absolute) with ``processes`` workers, when worth it."""
    if processes < 2 or len(paths) < minimum or not hasattr(os, "fork"):
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_start, initargs=(settings,)) as pool:
        for path, file_stamp, html in pool.imap_unordered(_render, paths, chunksize=32):
            if html is not None:
                prefetch.store(path, file_stamp, html)


def _start(settings):
    global _worker_markdown
    _worker_markdown = markdown_for(settings)


def _render(path):
    matter = load_matter(path)
    if matter.broken:
        return path, None, None
    _worker_markdown.reset()
    return path, prefetch.stamp(path), _worker_markdown.convert(matter.body)
