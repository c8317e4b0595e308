"""The Warta Markdown reader: YAML front matter (or Pelican's ``Key: value``)."""

import logging
import os
from pathlib import Path

from markdown import Markdown
from pelican.readers import BaseReader

from warta_regions.registry import load_registry
from warta_topics.registry import topic_registry

from . import fields, frontmatter, legacy, prefetch
from .fastpath import speed_up
from .problems import ContentError

logger = logging.getLogger(__name__)

NO_FRONT_MATTER = (
    "the file has no front matter; start it with a line '---', then the fields "
    "(title, date, author, region, …), then another '---'"
)


def display_path(path):
    """The path as the journalist knows it: relative to the working folder."""
    path = os.path.abspath(path)
    folder = os.path.join(os.getcwd(), "")
    return path[len(folder) :] if path.startswith(folder) else path


def load_matter(source_path):
    """Read a content file into a FrontMatter, recording what is wrong."""
    path = display_path(source_path)
    text, problems = frontmatter.decode(Path(source_path).read_bytes(), path)
    if text is None:
        matter = frontmatter.FrontMatter(path, broken=True)
        matter.problems.extend(problems)
        return matter
    if frontmatter.has_front_matter(text):
        return frontmatter.split(text, path)
    if legacy.looks_like_header(text):
        return legacy.split(text, path)
    matter = frontmatter.FrontMatter(path, body=text)
    matter.fail(1, NO_FRONT_MATTER)
    return matter


def is_page(source_path, settings):
    """True for files under PAGE_PATHS (Tentang, Kontak, …)."""
    relative = os.path.relpath(source_path, settings["PATH"]).replace(os.sep, "/")
    return any(
        relative == folder or relative.startswith(folder.rstrip("/") + "/")
        for folder in settings.get("PAGE_PATHS", ["pages"])
    )


def markdown_for(settings):
    config = dict(settings.get("MARKDOWN", {}))
    # As Pelican's MarkdownReader: the extensions configured are the ones used.
    configs = {
        name: options
        for name, options in config.get("extension_configs", {}).items()
        if name != "markdown.extensions.meta"
    }
    names = dict.fromkeys([*config.get("extensions", []), *configs])
    config["extensions"] = [ext for ext in names if ext != "markdown.extensions.meta"]
    config["extension_configs"] = configs
    return speed_up(Markdown(**config))


def field_context(settings, markdown=None, render=True):
    """What the field checks need; ``render=False`` skips Markdown (checking only)."""
    if render and markdown is None:
        markdown = markdown_for(settings)
    return fields.Context(settings, load_registry(), topic_registry(settings), markdown)


def metadata_of(matter, source_path, ctx):
    """Convert front matter to metadata; problems are added to ``matter``."""
    if is_page(source_path, ctx.settings):
        return fields.page_metadata(matter, ctx)
    return fields.article_metadata(matter, ctx)


class WartaReader(BaseReader):
    """Reads Markdown with YAML front matter into Pelican content."""

    enabled = True
    file_extensions = ("md", "markdown", "mkd", "mdown")

    def __init__(self, settings):
        super().__init__(settings)
        self._markdown = markdown_for(settings)

    def read(self, source_path):
        ready = prefetch.take(source_path)
        if ready is not None:
            html, metadata, problems = ready
        else:
            html, metadata, problems = self._read_now(source_path)
        for problem in problems:
            logger.warning("%s", problem)
        return html, metadata

    def _read_now(self, source_path):
        """(html, metadata, warnings) of one file; ContentError when it has errors."""
        matter = load_matter(source_path)
        metadata = {}
        if not matter.broken:
            ctx = field_context(self.settings, self._markdown)
            metadata = metadata_of(matter, source_path, ctx)
        errors = [p for p in matter.problems if p.is_error]
        if errors:
            raise ContentError(errors)
        self._markdown.reset()
        return self._markdown.convert(matter.body), metadata, matter.problems
