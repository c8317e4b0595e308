"""Read many articles in a pool of forked processes, before Pelican asks for them.

Reading an article means parsing its front matter, rendering its Markdown
and, with warta_html, cleaning and finishing the HTML; together they are most
of the cost of a build. The workers do all of it, and the content check of
the file (warta_check) on the same front matter; the main process then only
builds Pelican's Article objects. A file with an error is not read: the
check reports it before anything is written.

Metadata travels back pickled, with the settings (which every Tag and Author
holds) replaced by a reference to the main process's own settings.
"""

import io
import multiprocessing
import os
import pickle

from warta_check import check_matter
from warta_reader import prefetch
from warta_reader.reader import field_context, load_matter, metadata_of

_worker = {}


def read_ahead(base, names, settings, context, processes, minimum):
    """Yield (name, check) for each of ``names`` (relative to ``base``) once it
    has been read ahead; ``check`` is warta_check's (problems, claim) of the file.

    In file order, so the caller reads each result as it comes: only the few
    files the workers are ahead by are held in memory, not the whole site.
    Small sites (or one process) are not read ahead at all: ``check`` is None.
    """
    if processes < 2 or len(names) < minimum or not hasattr(os, "fork"):
        yield from ((name, None) for name in names)
        return
    paths = [os.path.join(base, name) for name in names]
    forking = multiprocessing.get_context("fork")
    with forking.Pool(processes, initializer=_start, initargs=(settings, context)) as pool:
        results = pool.imap(_read, paths, chunksize=16)
        for name, (path, file_stamp, payload, check) in zip(names, results, strict=True):
            if payload is not None:
                prefetch.store(path, file_stamp, _Loader(payload, settings))
            yield name, check


def _start(settings, context):
    _worker["settings"] = settings
    _worker["ctx"] = field_context(settings)
    _worker["finish"] = _finisher(settings, context)


def _finisher(settings, context):
    """warta_html's cleaning of a body and a summary, when that plugin is on."""
    if "warta_html" not in settings.get("PLUGINS", ()):
        return None
    from warta_html import finish_in_advance  # only with the plugin on

    return finish_in_advance(settings, context)


def _read(path):
    """(path, stamp, pickled (html, metadata, warnings) or None, check)."""
    settings, ctx = _worker["settings"], _worker["ctx"]
    matter = load_matter(path)
    metadata = None if matter.broken else metadata_of(matter, path, ctx)
    warnings = list(matter.problems)  # the reader's, before the check adds its own
    check = check_matter(path, matter, metadata, settings)
    if matter.broken or any(p.is_error for p in matter.problems):
        return path, None, None, check
    ctx.markdown.reset()
    html = ctx.markdown.convert(matter.body)
    if _worker["finish"]:
        html, metadata = _worker["finish"](html, metadata)
    buffer = io.BytesIO()
    _Pickler(buffer, settings).dump((html, metadata, warnings))
    return path, prefetch.stamp(path), buffer.getvalue(), check


class _Pickler(pickle.Pickler):
    def __init__(self, file, settings):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._settings = settings

    def persistent_id(self, obj):
        return "settings" if obj is self._settings else None


class _Loader:
    """Unpickles a prefetched article with the main process's settings."""

    def __init__(self, payload, settings):
        self.payload, self.settings = payload, settings

    def load(self):
        unpickler = pickle.Unpickler(io.BytesIO(self.payload))
        unpickler.persistent_load = lambda _pid: self.settings
        return unpickler.load()
