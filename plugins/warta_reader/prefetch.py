"""HTML rendered ahead of time, keyed by file and its stamp.

The build renders Markdown bodies in parallel before Pelican reads the files
(see warta_build.prefetch); the reader takes the ready HTML here when the
file has not changed since, and renders it itself otherwise.
"""

import os

_READY = {}  # absolute path -> (stamp, html)


def stamp(path):
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size


def store(path, file_stamp, html):
    _READY[path] = (file_stamp, html)


def take(path):
    """The prefetched HTML of ``path``, or None; each entry is used once."""
    entry = _READY.pop(path, None)
    if entry is None or entry[0] != stamp(path):
        return None
    return entry[1]
