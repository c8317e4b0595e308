"""Split a Markdown file into YAML front matter and body, keeping line numbers.

Dates stay strings here (the YAML timestamp type is switched off) so that the
fields module can explain a wrong date instead of YAML guessing at it.
"""

from dataclasses import dataclass, field

import yaml

from .problems import Problem

FENCE = "---"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml when present) that leaves dates as plain strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """Parsed front matter: values, the line of each key, and the body."""

    path: str
    fields: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list = field(default_factory=list)
    broken: bool = False  # True when the fields could not be read at all

    def line_of(self, key):
        """Line of ``key`` in the file, or of the opening fence if absent."""
        return self.lines.get(key, 1)

    def error(self, key, message):
        self.problems.append(Problem(self.path, self.line_of(key), message))

    def fail(self, line, message):
        """Record a problem that makes the fields unreadable."""
        self.problems.append(Problem(self.path, line, message))
        self.broken = True

    def warning(self, key, message):
        self.problems.append(Problem(self.path, self.line_of(key), message, "warning"))

    def add(self, key, value, line):
        """Record ``key: value`` found at ``line``; a repeated key is an error."""
        if key in self.lines:
            message = (
                f"'{key}' is given twice (first at line {self.lines[key]}); "
                "keep one and delete the other"
            )
            self.problems.append(Problem(self.path, line, message))
            return
        self.lines[key] = line
        self.fields[key] = value


def decode(raw, path):
    """Decode bytes as UTF-8 (BOM allowed); return (text, problems)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = (
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at line {line}); "
            "save it again with UTF-8 encoding"
        )
        return None, [Problem(path, line, message)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def has_front_matter(text):
    return text.startswith(FENCE + "\n") or text.rstrip("\n") == FENCE


def split(text, path):
    """Parse ``text`` that starts with a ``---`` fence into a FrontMatter."""
    matter = FrontMatter(path)
    lines = text.split("\n")
    end = _closing_fence(lines)
    if end is None:
        matter.fail(
            1,
            "the front matter is never closed; add a line with only '---' "
            "after the last field, then a blank line, then the text",
        )
        return matter
    matter.body = "\n".join(lines[end + 1 :])
    matter.body_line = end + 2
    _read_mapping("\n".join(lines[1:end]), matter)
    return matter


def _closing_fence(lines):
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            return number
    return None


def _read_mapping(source, matter):
    """Fill matter.fields and matter.lines from the YAML between the fences."""
    loader = _Loader(source)
    try:
        root = loader.get_single_node()
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            matter.fail(
                2,
                "the front matter must be a list of 'field: value' lines; "
                "see docs/panduan-jurnalis.md for an example",
            )
            return
        for key_node, value_node in root.value:
            _add_field(loader, key_node, value_node, matter)
    except yaml.YAMLError as exc:
        matter.fail(*_yaml_problem(exc))
    finally:
        loader.dispose()


def _add_field(loader, key_node, value_node, matter):
    key = str(loader.construct_object(key_node, deep=True)).strip().lower()
    value = loader.construct_object(value_node, deep=True)
    matter.add(key, value, key_node.start_mark.line + 2)  # 1-based, after the fence


def _yaml_problem(exc):
    """(line, message) for a YAML error, pointing where the trouble starts."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    line = mark.line + 2 if mark else 1  # 1-based, after the fence
    what = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)]))
    return line, (
        f"the front matter is not valid YAML ({what or exc}); check the quotes "
        "and the ':' after each field name, and put values containing ': ' in quotes"
    )
