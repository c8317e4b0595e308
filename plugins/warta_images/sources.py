"""Where an image an article names lives, and what it is (digest and size).

:func:`resolve_source` turns what a journalist wrote (``images/x.jpg``,
``../images/x.jpg``, ``{static}/images/x.jpg``, ``/images/x.jpg``) into a file
in the content folder. :class:`SourceIndex` remembers each file's SHA-256
and upright size by its stat stamp, so a build reads the bytes of an image
only when the file changed.
"""

import contextlib
import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

# Files the pipeline can read, and other image files that must never be
# published as they are (they could carry a camera's metadata).
READABLE = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"})
RASTER = READABLE | {".bmp", ".heic", ".heif", ".jxl", ".jfif", ".jpe"}
_PELICAN_PREFIX = re.compile(r"^(?:\{(?:static|attach|filename)\}|\|(?:static|attach|filename)\|)")
ROTATED = frozenset({5, 6, 7, 8})  # EXIF orientations that swap width and height
ORIENTATION = 0x0112
INDEX_NAME = "sources.json"
INDEX_VERSION = 1


class SourceProblem(Exception):
    """An image reference that cannot be published; the message says how to fix it."""


@dataclass(frozen=True)
class Source:
    """An image file in the content folder."""

    path: Path  # on disk
    relative: str  # POSIX path relative to the content folder


@dataclass(frozen=True)
class SourceInfo:
    sha: str  # SHA-256 of the file's bytes
    width: int  # upright (after the EXIF orientation)
    height: int


def is_raster(path):
    return Path(str(path)).suffix.lower() in RASTER


def resolve_source(src, content_root, document=None):
    """The :class:`Source` that ``src`` names, None for an address on another site.

    ``document`` is the file that uses the image: a path without a leading
    ``/`` is looked up next to it first, then from the content folder (as the
    front matter's ``image.src``). Raises SourceProblem when the path leaves
    the content folder, the file does not exist or is not an image the
    pipeline reads.
    """
    text = (src or "").strip()
    if not text:
        raise SourceProblem("the image has no address; write its path, e.g. images/berita/foto.jpg")
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(_PELICAN_PREFIX.sub("", parts.path))
    candidates = []
    if path.startswith("/"):
        candidates.append(path.lstrip("/"))
    else:
        if document is not None:
            folder = Path(os.path.relpath(Path(document).parent, content_root)).as_posix()
            candidates.append(posixpath.join(folder, path))
        candidates.append(path)
    root = Path(content_root)
    for candidate in candidates:
        relative = posixpath.normpath(candidate)
        if _outside(relative):
            continue
        if _is_file(root / relative):
            return _checked(Source(root / relative, relative), src)
    if all(_outside(posixpath.normpath(c)) for c in candidates):
        raise SourceProblem(
            f"image '{src}' is outside the content folder; put it under images/ in the "
            "content folder and use that path"
        )
    raise SourceProblem(
        f"image '{src}' does not exist; the path is relative to the content folder "
        "(e.g. images/berita/2020/foto.jpg) or to this file"
    )


def _outside(relative):
    return relative == ".." or relative.startswith("../") or posixpath.isabs(relative)


def _is_file(path):
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _checked(source, src):
    suffix = source.path.suffix.lower()
    if suffix not in READABLE:
        kind = suffix.lstrip(".").upper() or "without an extension"
        raise SourceProblem(
            f"image '{src}' is a {kind} file, which the site cannot publish; "
            "export it as JPEG (or PNG for a chart or screenshot)"
        )
    return source


class SourceIndex:
    """Digest and upright size of each source, remembered by its stat stamp."""

    def __init__(self, cache_dir):
        self.path = Path(cache_dir) / INDEX_NAME
        self._entries = self._load()
        self._dirty = False

    def _load(self):
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return {}
        entries = data.get("sources")
        return entries if isinstance(entries, dict) else {}

    def info(self, source):
        """The :class:`SourceInfo` of ``source``; SourceProblem if it is no image."""
        try:
            stat = source.path.stat()
        except OSError as exc:
            raise SourceProblem(
                f"image '{source.relative}' cannot be opened ({exc.strerror})"
            ) from None
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        entry = self._entries.get(source.relative)
        if entry and entry[:3] == stamp:
            return SourceInfo(*entry[3:])
        info = inspect(source)
        self._entries[source.relative] = [*stamp, info.sha, info.width, info.height]
        self._dirty = True
        return info

    def save(self):
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        payload = {"version": INDEX_VERSION, "sources": self._entries}
        temporary.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, self.path)
        self._dirty = False


def inspect(source):
    """Read the digest and the upright size of ``source`` (only its header is decoded)."""
    digest = hashlib.sha256()
    try:
        with open(source.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        with Image.open(source.path) as image:
            width, height = image.size
            orientation = 1
            with contextlib.suppress(Exception):  # a broken EXIF block: no rotation
                orientation = image.getexif().get(ORIENTATION, 1)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise SourceProblem(
            f"image '{source.relative}' cannot be read as a picture ({_reason(exc)}); "
            "open it and export it again as JPEG"
        ) from None
    if orientation in ROTATED:
        width, height = height, width
    return SourceInfo(digest.hexdigest(), width, height)


def _reason(exc):
    if isinstance(exc, UnidentifiedImageError):
        return "not an image file, or a damaged one"
    if isinstance(exc, Image.DecompressionBombError):
        return "far too many pixels"
    return str(exc) or type(exc).__name__
