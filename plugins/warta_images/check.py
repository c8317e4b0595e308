"""The content check's part for images in article text (called by warta_check).

Finds, with their line numbers, Markdown images ``![alt](path "caption")``
and raw ``<img>`` tags, and reports:

- a raw ``<img>`` without alt text (``![](…)`` is reported by warta_check);
- an image file that does not exist, is outside the content folder or is of
  a type the site cannot publish;
- a front-matter ``image`` of such a type (the reader reports the rest).

Fenced code blocks are skipped: an ``<img>`` shown as an example is not an image.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from warta_reader.problems import ERROR, Problem

from .sources import READABLE, SourceProblem, resolve_source

MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^\s)>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_FENCE = re.compile(r"^\s*(```|~~~)")
NO_ALT = (
    "an image has no alt text; describe what it shows in alt, e.g. "
    '<img src="foto.jpg" alt="Bupati meninjau jalan desa">'
)


def body_image_problems(matter, source_path, content_root):
    """Problems of the images in ``matter``'s text, each at its line."""
    lines = _without_code(matter.body.split("\n"))
    problems = _lead_image_problems(matter, content_root)

    def add(offset, message):
        problems.append(Problem(matter.path, matter.body_line + offset, message, ERROR))

    for offset, line in enumerate(lines):
        if "![" in line:
            for match in MARKDOWN_IMAGE.finditer(line):
                _check_source(match["src"], source_path, content_root, offset, add)
    if "<img" in matter.body.lower():
        finder = _ImageTags()
        finder.feed("\n".join(lines))
        finder.close()
        for offset, attrs in finder.images:
            if not (attrs.get("alt") or "").strip():
                add(offset, NO_ALT)
            _check_source(attrs.get("src") or "", source_path, content_root, offset, add)
    return problems


def _lead_image_problems(matter, content_root):
    """A front-matter image of a type the site cannot publish (the reader checks the rest)."""
    image = matter.fields.get("image")
    src = image.get("src") if isinstance(image, dict) else image
    if not isinstance(src, str) or not src.strip() or Path(src.strip()).suffix.lower() in READABLE:
        return []
    try:
        resolve_source(src, content_root)
    except SourceProblem as problem:
        if "does not exist" not in str(problem):  # reported by the reader already
            return [Problem(matter.path, matter.line_of("image"), str(problem), ERROR)]
    return []


def _check_source(src, source_path, content_root, offset, add):
    try:
        resolve_source(src, content_root, source_path)
    except SourceProblem as problem:
        add(offset, str(problem))


def _without_code(lines):
    """``lines`` with fenced code blocks blanked out (line numbers kept)."""
    kept, fence = [], None
    for line in lines:
        marker = _FENCE.match(line)
        if fence:
            kept.append("")
            if marker and marker.group(1) == fence:
                fence = None
        elif marker:
            fence = marker.group(1)
            kept.append("")
        else:
            kept.append(line)
    return kept


class _ImageTags(HTMLParser):
    """Collects (line offset, attributes) of every <img> in a text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append((self.getpos()[0] - 1, dict(attrs)))

    handle_startendtag = handle_starttag
