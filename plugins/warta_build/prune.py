"""Remove what earlier builds wrote and this build no longer produces."""

import contextlib
import os


def prune_output(output_path, keep, settings, since):
    """Delete files under ``output_path`` that this build did not produce.

    Produced means: in ``keep`` (relative paths the build planned or wrote),
    or written since ``since`` (a time.time() value) by a plugin. Only when
    DELETE_OUTPUT_DIRECTORY is set, never inside OUTPUT_RETENTION, and never
    when the output folder holds the content. Returns the number removed and
    the relative paths of the files left (one walk serves both).
    """
    deleting = settings.get("DELETE_OUTPUT_DIRECTORY") and not _holds_content(output_path, settings)
    retained = set(settings.get("OUTPUT_RETENTION", ()))
    removed, left = 0, []
    for root, _dirs, files in os.walk(output_path):
        relative_root = os.path.relpath(root, output_path)
        for name in files:
            relative = os.path.normpath(os.path.join(relative_root, name))
            path = os.path.join(root, name)
            if (
                deleting
                and relative not in keep
                and relative.split(os.sep, 1)[0] not in retained
                and os.stat(path).st_mtime < since
            ):
                os.remove(path)
                removed += 1
            else:
                left.append(relative)
    if removed:
        _remove_empty_folders(output_path)
    return removed, left


def _holds_content(output_path, settings):
    output = os.path.realpath(output_path)
    content = os.path.realpath(settings["PATH"])
    return os.path.commonpath([output, content]) == output


def _remove_empty_folders(output_path):
    for root, dirs, files in os.walk(output_path, topdown=False):
        if root != output_path and not dirs and not files:
            with contextlib.suppress(OSError):
                os.rmdir(root)
