"""A Pelican Writer that shares the work between processes and skips unchanged files.

- ``owns(path)`` splits the outputs between worker processes by a stable hash
  of the path; each process renders only its share.
- A file whose new bytes equal the bytes on disk is left alone, so its mtime
  (and rsync/rclone uploads) follow real changes only.
- Files are written to a temporary name and renamed into place, so an
  interrupted build never leaves a half-written page.
- Atom feeds are :class:`~warta_build.atom.AtomFeed`, which writes the same
  bytes as feedgenerator's Atom1Feed, faster.
"""

import io
import os
import zlib

from feedgenerator import Atom1Feed
from pelican.writers import FileOverwriteFailedError, Writer

from .atom import AtomFeed


class WriteStats:
    """Counts of one process's writes."""

    def __init__(self):
        self.written = 0
        self.unchanged = 0
        self.bytes = 0
        self.paths = []

    def as_tuple(self):
        return self.written, self.unchanged, self.bytes

    def merge(self, counts, paths):
        self.written += counts[0]
        self.unchanged += counts[1]
        self.bytes += counts[2]
        self.paths.extend(paths)


class _PendingFile(io.StringIO):
    """Collects a page in memory; on close writes it only if it changed."""

    def __init__(self, path, writer):
        super().__init__()
        self._path = path
        self._writer = writer

    def close(self):
        if not self.closed:
            self._writer.commit(self._path, self.getvalue().encode("utf-8"))
        super().close()


class WartaWriter(Writer):
    """Writer with sharding across processes and unchanged-file skipping."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.slot, self.slots = 0, 1
        self.stats = WriteStats()
        self.on_write = None  # called after each file, for progress
        self._prefix = os.path.join(os.path.abspath(output_path), "")

    def _relative(self, path):
        """``path`` (absolute, as Pelican joins it) relative to the output folder."""
        if path.startswith(self._prefix):
            return path[len(self._prefix) :]  # os.path.relpath, without its many calls
        return os.path.relpath(path, self.output_path)

    def owns(self, name):
        """True when this process writes the output ``name``."""
        if self.slots == 1:
            return True
        return zlib.crc32(str(name).encode()) % self.slots == self.slot

    def write_file(self, name, *args, **kwargs):
        if name and self.owns(name):
            super().write_file(name, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path is None or self.owns(path):
            return super().write_feed(elements, context, path, *args, **kwargs)
        return None

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        if type(feed) is Atom1Feed:
            # Same attributes and methods, only write() differs: switching the
            # class keeps Pelican's title and URL handling in one place.
            feed.__class__ = AtomFeed
        return feed

    def _open_w(self, filename, encoding, override=False):
        """Pelican's overwrite rules, but the file is written on close."""
        del encoding  # always UTF-8
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f"{filename} would be overwritten a second time")
            return io.StringIO()  # an overriding page already owns this path
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f"{filename} was already written in this build")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PendingFile(filename, self)

    def commit(self, path, data):
        """Write ``data`` to ``path`` unless the file already holds it."""
        self.stats.paths.append(self._relative(path))
        if write_if_changed(path, data):
            self.stats.written += 1
            self.stats.bytes += len(data)
        else:
            self.stats.unchanged += 1
        if self.on_write:
            self.on_write()


def write_if_changed(path, data):
    """Write the bytes ``data`` to ``path`` (renamed into place, its folder made
    if need be) unless the file already holds them; True when written."""
    if _same_bytes(path, data):
        return False
    _replace(path, data)
    return True


def _same_bytes(path, data):
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as existing:
            return existing.read() == data
    except OSError:
        return False


def _replace(path, data):
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        _write_bytes(temporary, data)
    except FileNotFoundError:  # Pelican makes a page's folder first; others may not
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write_bytes(temporary, data)
    os.replace(temporary, path)


def _write_bytes(path, data):
    with open(path, "wb") as handle:
        handle.write(data)
