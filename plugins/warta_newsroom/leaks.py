"""The leak scan: after a publish build, nothing withheld may be in the output.

The publish build leaves drafts and embargoed articles out (see
``schedule``), but a link in a published story, a template or another plugin
could still carry one of them into the site. At ``finalized`` this scan
looks, for every withheld article and page, for

- output files: its page (at the article or the draft URL), a file or folder
  named after its slug, its images and their derivatives (``foto-640.webp``);
- text in the HTML, feeds and other text files: its URLs, its source file
  name (an unresolved ``{filename}`` link), its image paths, and its title
  as a whole element text or attribute value (``>Title<``, ``"Title"``);

and fails the build (exit status 1), naming the output file and line, the
withheld source and what leaked. URLs, slugs, titles and images that
published content shares are not searched for.

Cost: one walk over the output; each text file is read once and searched
with ``in`` for a few literals per withheld item, and only a hit is checked
with a regular expression. A build with nothing withheld is not scanned.
"""

import html
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markupsafe import escape
from pelican.contents import Content, Page

from warta_reader.reader import display_path

from .schedule import is_draft
from .state import reset, shows_drafts, state_of

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".atom", ".rss", ".json", ".txt", ".js", ".css", ".svg"}
TITLE_MIN_WORDS = 3  # shorter titles are too likely to be the text of some other element
REPORT_LIMIT = 50
# Derivatives of foto.jpg: foto-640.webp, foto_2x.jpg, foto.640.avif, foto@2x.png
SEPARATORS = "-_.@"
_AFTER_TITLE = r"\s*(?:<|\"|–|&ndash;|&#8211;|\\u2013|\|)"


class LeakFound(SystemExit):
    """Withheld content reached the output; exits with status 1."""

    def __init__(self, leaks):
        super().__init__(1)
        self.leaks = leaks


@dataclass(frozen=True, order=True)
class Leak:
    """One trace of a withheld article or page in the output."""

    path: str  # the output file, as the user would type it
    line: int
    source: str  # the withheld content file
    what: str  # "the title 'Judul'"
    reason: str = ""  # "a draft", "scheduled for 2030-01-01 08:00 +0700"
    origin: str = ""  # the published content file the output file was made from

    def __str__(self):
        return f"{self.path}:{self.line}: {self.source} ({self.reason}) shows up here: {self.what}"

    @property
    def fix(self):
        where = self.origin or "the source of this page"
        return (
            f"remove the link or mention from {where}, or publish the article first "
            "('status: published' and a date that has passed)"
        )


@dataclass(frozen=True)
class _Needle:
    anchors: tuple  # literals, one of which must be in the text
    regex: re.Pattern
    source: str
    what: str
    reason: str


def scan_after_build(pelican):
    """``finalized``: fail a publish build whose output carries withheld content."""
    settings = pelican.settings
    state = state_of(settings)
    reset(settings)
    if shows_drafts(settings) or not state:
        return
    leaks = scan_output(
        pelican.output_path,
        state.contents,
        state.published,
        state.images,
        state.used,
        only=_this_build(state),
    )
    if leaks:
        report(leaks, pelican.output_path)
        raise LeakFound(leaks)


def scan_output(output_path, withheld, published, images=None, used=(), only=None):
    """Every leak of ``withheld`` content in ``output_path``, sorted by file and line.

    ``images``: {content-relative path: withheld item} for the files only
    withheld content uses; ``used``: the paths published content or a setting
    uses; ``only``: a test of the output-relative paths to look at (default: all).
    """
    output = Path(output_path)
    images = images or {}
    taken = _Taken(published, used)
    needles = text_needles(withheld, taken, images)
    files = _FileNames(withheld, taken, images)
    origins = {_key(c.save_as): display_path(c.source_path) for c in published if c.save_as}
    leaks = set()
    for path in _all_files(output):
        relative = path.relative_to(output).as_posix()
        if only and not only(relative, path):
            continue
        found = files.owner(relative)
        if found:
            leaks.add(Leak(display_path(path), 1, *found))
        if needles and path.suffix.lower() in TEXT_SUFFIXES:
            origin = origins.get(relative, "")
            for needle, line in _search(path, needles):
                leaks.add(
                    Leak(
                        display_path(path), line, needle.source, needle.what, needle.reason, origin
                    )
                )
    return _grouped(leaks)


def _grouped(leaks):
    """One leak per output file and withheld item: 'the URL … and the title …'."""
    groups = {}
    for leak in sorted(leaks):
        key = (leak.path, leak.source)
        if key in groups:
            first = groups[key]
            leak = Leak(
                first.path,
                first.line,
                first.source,
                f"{first.what} and {leak.what}",
                first.reason,
                first.origin or leak.origin,
            )
        groups[key] = leak
    return sorted(groups.values())


def report(leaks, output_path, stream=None):
    """Print each leak as ``path:line: what; how to fix``, then a summary."""
    stream = stream or sys.stderr
    for leak in leaks[:REPORT_LIMIT]:
        print(f"{leak}; {leak.fix}", file=stream)
    if len(leaks) > REPORT_LIMIT:
        print(f"… and {len(leaks) - REPORT_LIMIT} more.", file=stream)
    print(
        f"Leak scan: {len(leaks)} trace(s) of drafts or scheduled articles in "
        f"{display_path(output_path)}; do not upload it.",
        file=stream,
    )


def _this_build(state):
    """A test for the files this build produced, leaving out stale ones.

    Warta's build (warta_build) keeps the output folder and removes the files
    it no longer produces after ``finalized``: a page an earlier preview
    build wrote is still there, and is no leak. A file is this build's when
    it is planned (warta_output.plan) or was written since the build started.
    """
    if not state.generators or state.started is None:
        return None
    try:
        from warta_output.plan import plan_outputs
    except ImportError:
        return None
    planned = {_key(path) for path, _ in plan_outputs(state.generators)}
    started = state.started

    def produced(relative, path):
        return relative in planned or path.stat().st_mtime >= started

    return produced


class _Taken:
    """What published content also uses, so it is no sign of a leak."""

    def __init__(self, published, used):
        self.titles = {getattr(c, "title", "") for c in published}
        self.urls = {u for c in published for u in _urls(c)}
        self.names = {PurePosixPath(c.source_path or "").name for c in published}
        self.slugs = {"index", "page", "feeds", "theme", "images"}
        for content in published:
            self.slugs.add(getattr(content, "slug", None))
            for name in ("tags", "authors", "regions", "provinces"):
                self.slugs.update(
                    getattr(item, "slug", None) for item in getattr(content, name, ())
                )
        self.images = {i for c in published for i in _images_of(c)} | set(used)

    def has_url(self, url):
        return url in self.urls or any(u.endswith("/" + url) for u in self.urls)


def text_needles(withheld, taken, images):
    """The literals (and their exact patterns) that give a withheld item away."""
    needles = []
    for content in withheld:
        source, reason = display_path(content.source_path), _reason(content)

        def add(anchors, pattern, what, source=source, reason=reason):
            needles.append(_Needle(tuple(anchors), re.compile(pattern), source, what, reason))

        for url in sorted(_urls(content)):
            if not taken.has_url(url):
                add([url], _bounded(url), f"the URL '{url}'")
        name = PurePosixPath(content.source_path).name
        if name not in taken.names:
            add([name], _bounded(name), f"the file name '{name}'")
        title = getattr(content, "title", "") or ""
        if len(title.split()) >= TITLE_MIN_WORDS and title not in taken.titles:
            forms = sorted(_title_forms(title), key=len, reverse=True)
            alternatives = "|".join(re.escape(f) for f in forms)
            add(forms, rf"(?<=[>\"])\s*(?:{alternatives}){_AFTER_TITLE}", f"the title '{title}'")
    for image, content in sorted(images.items()):
        source, reason = display_path(content.source_path), _reason(content)
        needles.append(
            _Needle((image,), re.compile(_bounded(image)), source, f"the image '{image}'", reason)
        )
    return needles


class _FileNames:
    """Which withheld item an output file belongs to, by its path."""

    def __init__(self, withheld, taken, images):
        self.pages, self.slugs, self.bases = {}, {}, {}
        for content in withheld:
            owner = (display_path(content.source_path), _reason(content))
            for save_as in _save_as(content):
                self.pages.setdefault(_key(save_as), (owner, f"the page '{save_as}'"))
            slug = str(getattr(content, "slug", "") or "")
            if re.search(r"[a-z]", slug) and slug not in taken.slugs:
                self.slugs.setdefault(slug, owner)
        for image, content in images.items():
            self._add_image(image, ((display_path(content.source_path), _reason(content)), image))
        for image in taken.images:
            self._add_image(image, None)

    def _add_image(self, image, owner):
        path = PurePosixPath(image)
        self.bases.setdefault(path.stem, []).append((path.parent.name, owner))

    def owner(self, relative):
        """(source, what, reason) when ``relative`` belongs to a withheld item."""
        if relative in self.pages:
            (source, reason), what = self.pages[relative]
            return source, what, reason
        path = PurePosixPath(relative)
        for part in (*path.parts[:-1], path.stem):
            if part in self.slugs:
                source, reason = self.slugs[part]
                return source, f"a file named after its slug '{part}'", reason
        return self._image_owner(path, relative)

    def _image_owner(self, path, relative):
        if not self.bases:
            return None
        name = path.name
        cuts = [i for i, char in enumerate(name) if char in SEPARATORS and i]
        for cut in reversed(cuts):  # the longest known stem decides
            candidates = self.bases.get(name[:cut])
            if not candidates:
                continue
            same_folder = [owner for folder, owner in candidates if folder in path.parts]
            owners = same_folder or [owner for _, owner in candidates]
            if any(owner is None for owner in owners):
                return None  # a published image's file
            (source, reason), image = owners[0]
            shown = "" if relative == image else f" (as '{relative}')"
            return source, f"the image '{image}'{shown}", reason
        return None


def _search(path, needles):
    """(needle, line of its first hit) for each needle found in the text file."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = []
    for needle in needles:
        if not any(anchor in text for anchor in needle.anchors):
            continue
        match = needle.regex.search(text)
        if match:
            found.append((needle, text.count("\n", 0, match.start()) + 1))
    return found


def _reason(content):
    if is_draft(content):
        return "a draft"
    date = getattr(content, "date", None)
    return f"scheduled for {date:%Y-%m-%d %H:%M %z}".rstrip() if date else "withheld"


def _kinds(content):
    return ("page", "draft_page") if isinstance(content, Page) else ("article", "draft")


def _urls(content):
    """The URLs a withheld item could have: published and draft."""
    found = {_expand(content, "url", kind) for kind in _kinds(content)}
    found.add(getattr(content, "url", None))
    return {u for u in found if u}


def _save_as(content):
    found = {_expand(content, "save_as", kind) for kind in _kinds(content)}
    found.add(getattr(content, "save_as", None))
    return {s for s in found if s}


def _expand(content, key, kind):
    try:
        return Content._expand_settings(content, key, kind)
    except (KeyError, ValueError, IndexError):
        return None


def _title_forms(title):
    """The title as HTML, XML and JSON write it."""
    forms = {
        title,
        html.escape(title, quote=False),
        html.escape(title),
        str(escape(title)),
        json.dumps(title)[1:-1],
        json.dumps(title, ensure_ascii=False)[1:-1],
    }
    return {f for f in forms if f.strip()}


def _images_of(content):
    """Content-relative paths of the images and files ``content`` uses."""
    found = set(content.get_static_links())
    image = getattr(content, "image", None)
    if isinstance(image, dict) and image.get("src"):
        found.add(str(image["src"]).strip().lstrip("/"))
    return found


def _bounded(literal):
    """``literal`` not glued to a longer name on its left or its right."""
    return rf"(?<![\w-]){re.escape(literal)}(?!\w)"


def _key(save_as):
    return PurePosixPath(str(save_as).lstrip("/")).as_posix()


def _all_files(output):
    for folder, _dirs, names in os.walk(output):
        for name in sorted(names):
            yield Path(folder) / name
