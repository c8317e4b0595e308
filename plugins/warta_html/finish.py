"""Cleaning and finishing an article body, remembered between builds.

Cleaning (nh3) and finishing (:mod:`warta_html.enhance`, one pass over the
tags) take about 0.1 ms for a typical story. The finished HTML depends only
on the Markdown's HTML, the settings and this plugin's code, so
:class:`Finisher` keeps it in a small SQLite file
(``CACHE_PATH/warta_html.sqlite``) under a digest of all three: a rebuild
finishes only the articles that changed. Deleting the file is always safe.
"""

import hashlib
import logging
import os
import sqlite3
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import nh3

from warta_settings import get_setting

from .enhance import SLUG_SUBSTITUTIONS, enhance
from .sanitise import clean_body

logger = logging.getLogger(__name__)

CACHE_NAME = "warta_html.sqlite"
_CODE = ("enhance.py", "sanitise.py", "finish.py")


class Finisher:
    """Cleans and finishes bodies with one build's settings, through the cache."""

    def __init__(self, settings, cache_path=None):
        self.hosts = tuple(get_setting(settings, "WARTA_EMBED_HOSTS"))
        self.site_host = urlsplit(settings.get("SITEURL") or "").hostname or ""
        self.substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS") or SLUG_SUBSTITUTIONS
        recipe = hashlib.sha256()
        for name in _CODE:
            recipe.update((Path(__file__).parent / name).read_bytes())
        recipe.update(repr((nh3.__version__, self.hosts)).encode())
        recipe.update(repr((self.site_host, self.substitutions)).encode())
        self._recipe = recipe.digest()
        self._store = _Store(cache_path) if cache_path else None

    def finish(self, html):
        """``html`` cleaned and finished (see :mod:`warta_html.enhance`)."""
        if not html:
            return html
        key = hashlib.sha256(self._recipe + html.encode()).digest()
        if self._store is not None:
            cached = self._store.get(key)
            if cached is not None:
                return cached
        finished = enhance(clean_body(html, self.hosts), self.site_host, self.substitutions)
        if self._store is not None:
            self._store.put(key, finished)
        return finished

    def save(self):
        if self._store is not None:
            self._store.save()


class _Store:
    """Finished bodies by key; written once at the end of the reading."""

    def __init__(self, path):
        self.path = Path(path)
        self._db = None
        self._new = {}
        self._used = set()

    def _open(self):
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=30)
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS finished (key BLOB PRIMARY KEY, html BLOB)"
                )
            except sqlite3.Error as exc:
                logger.warning("%s cannot be used (%s); article HTML is not cached", self.path, exc)
                self._db = False
        return self._db

    def get(self, key):
        self._used.add(key)
        if key in self._new:
            return self._new[key]
        db = self._open()
        if not db:
            return None
        try:
            row = db.execute("SELECT html FROM finished WHERE key = ?", (key,)).fetchone()
            return zlib.decompress(row[0]).decode("utf-8") if row else None
        except (sqlite3.Error, zlib.error, UnicodeDecodeError):
            return None  # a damaged entry: finish the body again

    def put(self, key, html):
        self._new[key] = html

    def save(self):
        """Write the new bodies; drop old ones when they outnumber the ones in use."""
        db = self._open() if (self._new or self._used) else None
        if not db:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO finished VALUES (?, ?)",
                    ((k, zlib.compress(v.encode("utf-8"))) for k, v in self._new.items()),
                )
                (rows,) = db.execute("SELECT COUNT(*) FROM finished").fetchone()
                if rows > 2 * len(self._used) + 1000:
                    _keep_only(db, self._used)
        except sqlite3.Error as exc:
            logger.warning("%s could not be written (%s)", self.path, exc)
        finally:
            self._new.clear()
            db.close()
            self._db = None


def _keep_only(db, keys):
    db.execute("CREATE TEMP TABLE used (key BLOB PRIMARY KEY)")
    db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in keys))
    db.execute("DELETE FROM finished WHERE key NOT IN (SELECT key FROM used)")
    db.execute("DROP TABLE used")


def cache_path(settings):
    return os.path.join(settings.get("CACHE_PATH") or "cache", CACHE_NAME)
