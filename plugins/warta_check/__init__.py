"""The content check: every problem in every content file, before any output.

Signals: ``initialized``. The check reads the front matter of all articles
and pages through the reader's own field checks, adds the checks that need
the whole site (two files with one URL) and the newsroom's warnings (long
titles, broken encoding, images without alt text), prints every problem as
``path:line: what is wrong; how to fix`` and stops the build with exit
status 1 when there is an error — before the output folder is touched.

``invoke check`` runs the same :func:`check_site` on its own.
"""

import fnmatch
import multiprocessing
import os
import re
import sys
from datetime import datetime
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import slugify

from warta_images.check import body_image_problems
from warta_reader.frontmatter import decode
from warta_reader.problems import ERROR, WARNING, Problem
from warta_reader.reader import field_context, is_page, load_matter, metadata_of
from warta_settings import get_setting

EXTENSIONS = {".md", ".markdown", ".mkd", ".mdown"}
TITLE_LIMIT = 120
SUMMARY_LIMIT = 300
# Text that was UTF-8 but got read as Latin-1/Windows-1252 somewhere upstream.
MOJIBAKE = re.compile(r"Â|Ã[\x80-\xbf¡-ÿ]|â€|ï»¿|\ufffd")
EMPTY_ALT = re.compile(r"!\[\s*\]\(")


class ContentCheckFailed(SystemExit):
    """The content has errors; exits with status 1 (no traceback)."""

    def __init__(self, problems):
        super().__init__(1)
        self.problems = problems


def content_files(settings, paths=()):
    """Markdown files to check: ``paths`` (files or folders), else all content."""
    root = Path(settings["PATH"])
    if not paths:
        paths = [root / p for p in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]]
    found = set()
    for path in (str(Path(p)) for p in paths):
        candidates = [path] if os.path.isfile(path) else _files_under(path)
        found.update(p for p in candidates if _is_content(p, settings))
    # In pathlib's order (part by part), without making and comparing Paths.
    return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]


def _files_under(folder):
    """Files under ``folder``, as Path.rglob finds them (not inside linked folders)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(entry.path)
        elif entry.is_file():
            yield entry.path


def _is_content(path, settings):
    """True for a Markdown file not ignored (``path`` is known to be a file)."""
    name = os.path.basename(path)
    return os.path.splitext(name)[1].lower() in EXTENSIONS and not any(
        fnmatch.fnmatch(name, pat) for pat in settings["IGNORE_FILES"]
    )


def check_site(settings, paths=(), known=None):
    """Every problem in the content, sorted by file and line.

    ``known`` maps the absolute path of files already checked (by the build,
    while reading them) to their :func:`check_matter` result.
    """
    known = known or {}
    problems = [_missing(p) for p in paths if not Path(p).exists()]
    files = content_files(settings, paths)
    todo = [path for path in files if os.path.abspath(path) not in known]
    checked = dict(zip(todo, _check_files(settings, todo), strict=True))
    outputs = {}  # save_as -> the file that claimed it first
    for path in files:
        found, claim = checked.get(path) or known[os.path.abspath(path)]
        problems.extend(found)
        if claim:
            problems.extend(_claim(claim, outputs))
    return sorted(problems)


def _check_files(settings, files):
    """(problems, claim) for each file, in order; in parallel on big sites."""
    processes = get_setting(settings, "WARTA_BUILD_PROCESSES") or os.cpu_count() or 1
    if processes < 2 or len(files) < get_setting(settings, "WARTA_PARALLEL_MIN_FILES"):
        _start(settings)
        yield from map(_check_file, files)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_start, initargs=(settings,)) as pool:
        yield from pool.imap(_check_file, files, chunksize=64)


_worker = {}


def _start(settings):
    _worker["settings"] = settings
    _worker["ctx"] = field_context(settings, render=False)


def _check_file(path):
    return check_file(path, _worker["settings"], _worker["ctx"])


def check_file(path, settings, ctx):
    """(problems, claim) of one file; ``ctx`` from ``field_context(settings, render=False)``."""
    matter = load_matter(path)
    metadata = None if matter.broken else metadata_of(matter, path, ctx)
    return check_matter(path, matter, metadata, settings)


def check_matter(path, matter, metadata, settings):
    """The problems of a file already read into ``matter`` and ``metadata``, and
    the output it claims (or None). The problems found here are added to
    ``matter.problems``."""
    claim = None
    if not matter.broken:
        if not any(p.is_error for p in matter.problems):
            claim = _output_of(path, matter, metadata, settings)
        _newsroom_warnings(matter, metadata)
        _check_legacy_layout(path, matter)
        matter.problems.extend(body_image_problems(matter, path, settings["PATH"]))
    return matter.problems, claim


def _missing(path):
    return Problem(
        str(path),
        1,
        "there is no such file or folder; check the path (relative to the folder "
        "you run the command in)",
    )


def _output_of(path, matter, metadata, settings):
    """(save_as, url, file, line) where the file will be published.

    A draft claims the URL it will have once published (warta_newsroom).
    Worked out from the *_URL/*_SAVE_AS settings as Pelican does, without
    building Pelican's content object (the check's most costly step).
    """
    kind = "PAGE" if is_page(path, settings) else "ARTICLE"
    lang = metadata.get("lang") or settings["DEFAULT_LANG"]
    if lang != settings["DEFAULT_LANG"]:
        return _output_via_pelican(path, matter, metadata, settings, kind)
    values = {
        **metadata,
        "slug": metadata.get("slug") or _slug(path, metadata, settings),
        "lang": lang,
        "date": metadata.get("date") or datetime.now(),
        "author": metadata["authors"][0].slug if metadata.get("authors") else "",
        "category": "",
    }
    save_as = metadata.get("save_as") or settings[f"{kind}_SAVE_AS"].format(**values)
    url = metadata.get("url") or settings[f"{kind}_URL"].format(**values)
    return save_as, url, matter.path, matter.line_of("slug")


def _slug(path, metadata, settings):
    source = settings.get("SLUGIFY_SOURCE", "title")
    text = Path(path).stem if source == "basename" else metadata.get("title", "")
    return slugify(
        text,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def _output_via_pelican(path, matter, metadata, settings, kind):
    cls = Page if kind == "PAGE" else Article
    content = cls(
        "", metadata={**metadata, "status": "published"}, settings=settings, source_path=str(path)
    )
    return content.save_as, content.url, matter.path, matter.line_of("slug")


def _claim(claim, outputs):
    """An error when another file already claimed this output."""
    save_as, url, path, line = claim
    if save_as not in outputs:
        outputs[save_as] = path
        return []
    message = (
        f"this file and {outputs[save_as]} would both be published at /{url}; "
        "give one of them another 'slug:' (or file name)"
    )
    return [Problem(path, line, message)]


def _check_legacy_layout(path, matter):
    """A 'Key: value' header must be followed by an empty line before the text.

    YAML front matter ends at its closing '---'; Pelican's old header ends at
    the first empty line only. Such files are rare, so only they are read
    again. YAML fields start on line 2; a 'Key: value' header on line 1.
    """
    if min(matter.lines.values(), default=0) != 1 or matter.body_line < 3:
        return
    text, _ = decode(Path(path).read_bytes(), matter.path)
    lines = (text or "").split("\n")
    before = matter.body_line - 2  # index of the line just above the text
    if before < len(lines) and lines[before].strip():
        message = (
            "the text starts right under the header, with no empty line between them; "
            f"add an empty line after line {matter.body_line - 1}, or a first line "
            "such as 'TOBOALI: …' is read as a field and lost"
        )
        matter.problems.append(Problem(matter.path, matter.body_line, message, ERROR))


def _newsroom_warnings(matter, metadata):
    title = metadata.get("title") or ""
    if len(title) > TITLE_LIMIT:
        matter.warning(
            "title",
            f"the title has {len(title)} characters; keep it under {TITLE_LIMIT} "
            "so it fits in search results and on phones",
        )
    summary = str(matter.fields.get("summary") or "")
    if len(summary) > SUMMARY_LIMIT:
        matter.warning(
            "summary",
            f"the summary has {len(summary)} characters; keep it under {SUMMARY_LIMIT}",
        )
    _scan_body(matter)


def _scan_body(matter):
    if not (MOJIBAKE.search(matter.body) or EMPTY_ALT.search(matter.body)):
        return  # most bodies: no need to look line by line
    for offset, line in enumerate(matter.body.split("\n")):
        number = matter.body_line + offset
        bad = MOJIBAKE.search(line)
        if bad:
            matter.problems.append(
                Problem(
                    matter.path,
                    number,
                    f"'{bad.group(0)}' looks like broken encoding (text pasted from "
                    "another system); delete it or retype the character",
                    WARNING,
                )
            )
        if EMPTY_ALT.search(line):
            matter.problems.append(
                Problem(
                    matter.path,
                    number,
                    "an image has no alt text; write what it shows inside the "
                    "brackets: ![Bupati meninjau jalan](foto.jpg)",
                    ERROR,
                )
            )


def report(problems, stream=None, strict=False):
    """Print the problems and a summary line; return the number of errors."""
    stream = stream or sys.stderr
    errors = sum(1 for p in problems if p.is_error or strict)
    for problem in problems:
        label = "error" if problem.is_error or strict else "warning"
        print(f"{problem.path}:{problem.line}: {label}: {problem.message}", file=stream)
    warnings = len(problems) - errors
    print(f"Content check: {errors} error(s), {warnings} warning(s).", file=stream)
    return errors


def _check_at_start(pelican):
    """``initialized``: check now, unless the build runs the check itself."""
    if not getattr(pelican, "checks_content_itself", False):
        check_before_build(pelican)


def check_before_build(pelican, known=None):
    """Stop the build before anything is written when the content has errors.

    ``known``: results of files the build has already checked (see check_site).
    """
    problems = check_site(pelican.settings, known=known)
    errors = [p for p in problems if p.is_error]
    if errors:
        report(problems)
        print("Nothing was written; fix the errors above and build again.", file=sys.stderr)
        raise ContentCheckFailed(errors)


def register():
    signals.initialized.connect(_check_at_start)
