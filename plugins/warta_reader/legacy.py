"""Pelican's own ``Key: value`` header (the Markdown ``meta`` syntax).

Parsed here, with line numbers, so old files go through the same checks as
YAML front matter.
"""

import re

from .frontmatter import FrontMatter

_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")


def looks_like_header(text):
    first = text.split("\n", 1)[0]
    return bool(_KEY.match(first))


def split(text, path):
    """Parse a file whose first lines are ``Key: value`` pairs."""
    matter = FrontMatter(path)
    lines = text.split("\n")
    key = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            matter.body = "\n".join(lines[number:])
            matter.body_line = number + 1
            return matter
        key = _add_line(matter, key, line, number)
        if key is None:
            matter.body = "\n".join(lines[number - 1 :])
            matter.body_line = number
            return matter
    return matter


def _add_line(matter, key, line, number):
    """Record one header line; return the current key, or None at the body."""
    match = _KEY.match(line)
    if match:
        key = match["key"].lower()
        matter.add(key, match["value"].strip(), number)
        return key
    more = _MORE.match(line)
    if more and key:
        matter.fields[key] = f"{matter.fields[key]} {more['value'].strip()}".strip()
        return key
    return None
