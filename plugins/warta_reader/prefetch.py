"""Articles read ahead of time, keyed by file and its stamp.

The build reads articles in parallel before Pelican asks for them (see
warta_build.prefetch); the reader takes the result here when the file has
not changed since, and reads the file itself otherwise.
"""

import os

_READY = {}  # absolute path -> (stamp, loader with .load() -> (html, metadata, problems))


def stamp(path):
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size


def store(path, file_stamp, loader):
    _READY[path] = (file_stamp, loader)


def take(path):
    """(html, metadata, problems) read ahead for ``path``, or None; used once."""
    entry = _READY.pop(path, None)
    if entry is None or entry[0] != stamp(path):
        return None
    return entry[1].load()
