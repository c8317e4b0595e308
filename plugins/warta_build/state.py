"""Remember what the last build read and wrote, to skip a build that would change nothing.

The fingerprint covers every file under the content folder, the theme and
the plugin folders (path, size, modification time), the settings and the
versions of Python and Pelican. The record also lists every file the build
produced (size and modification time) and the moment the output stops being
current: the first embargo that ends. A build may be skipped only when the
fingerprint is the same, that moment has not come, and every produced file is
still there untouched.
"""

import contextlib
import hashlib
import json
import os
import platform
import time

import pelican

VERSION = 1


def fingerprint(settings):
    """A digest of everything a build reads."""
    digest = hashlib.sha256()
    digest.update(f"{VERSION} {platform.python_version()} {pelican.__version__}\n".encode())
    digest.update(_settings_text(settings).encode())
    folders = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", ())]
    for folder in folders:
        for line in _stamps(folder):
            digest.update(line.encode())
    return digest.hexdigest()


def _settings_text(settings):
    """The settings as text, with values that have no stable text reduced to their type."""
    lines = []
    for key in sorted(settings):
        value = settings[key]
        text = repr(value) if _plain(value) else type(value).__name__
        lines.append(f"{key}={text}\n")
    return "".join(lines)


def _plain(value):
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    return False


def _stamps(folder):
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            info = os.stat(path)
            yield f"{path} {info.st_size} {info.st_mtime_ns}\n"


def record_path(settings):
    """Where the record of the last build into this output folder is kept."""
    output = os.path.realpath(settings["OUTPUT_PATH"])
    name = hashlib.sha256(output.encode()).hexdigest()[:16]
    return os.path.join(settings["CACHE_PATH"], f"build-{name}.json")


def is_current(settings, digest, now=None):
    """True when the last build used the same inputs and its files are intact."""
    try:
        with open(record_path(settings), encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return False
    now = time.time() if now is None else now
    if record.get("fingerprint") != digest or now >= record.get("valid_until", 0):
        return False
    return _files_intact(settings["OUTPUT_PATH"], record.get("files", {}))


def _files_intact(output_path, files):
    for relative, (size, mtime) in files.items():
        try:
            info = os.stat(os.path.join(output_path, relative))
        except OSError:
            return False
        if info.st_size != size or info.st_mtime_ns != mtime:
            return False
    return True


def save(settings, digest, produced, valid_until):
    """Record a finished build: its fingerprint and the files it produced."""
    files = {}
    for relative in sorted(produced):
        try:
            info = os.stat(os.path.join(settings["OUTPUT_PATH"], relative))
        except OSError:
            continue
        files[relative] = [info.st_size, info.st_mtime_ns]
    record = {"fingerprint": digest, "valid_until": valid_until, "files": files}
    path = record_path(settings)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    os.replace(temporary, path)


def forget(settings):
    """Drop the record (before a build starts writing)."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(record_path(settings))
