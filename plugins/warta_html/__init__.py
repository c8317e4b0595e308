"""Safe article HTML: cleaned with nh3, then finished for readers.

Journalists paste HTML from other systems into Markdown, and Python-Markdown
passes it through untouched. This plugin cleans what the Markdown renders,
before anything else sees it:

- the body and the summary of every article and page go through
  :mod:`warta_html.sanitise` (an allow-list: no script, no event handler, no
  ``javascript:``/``data:`` URL, no style, no form, no unknown iframe);
- the body then goes through :mod:`warta_html.enhance` (scrolling tables,
  heading ids, ``rel="noopener"``, lazy players) and through the transforms
  other plugins put in the Pelican context under :data:`TRANSFORMS_KEY`, on a
  BeautifulSoup tree (:mod:`warta_html.soup`) of the bodies they want —
  warta_images turns the body's images into ``<figure>``/``<picture>``.

Signals: ``initialized`` (checks that Jinja escapes every value the
templates print, and the embed hosts setting), ``get_generators``
(:class:`HtmlGenerator` keeps the cache of finished bodies, see
:mod:`warta_html.finish`), ``content_object_init`` (cleans each article and
page as Pelican makes it, so the clean HTML is what summaries, feeds, static
links and templates use).
"""

import logging

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import Generator

from warta_settings import WartaConfigError, get_setting

from .finish import Finisher, cache_path
from .sanitise import clean_summary
from .soup import Tags, parse, serialise

logger = logging.getLogger(__name__)

# Context key: a list of (wants, transform) pairs. For each finished body for
# which wants(html) is true, transform(content, soup, tags) runs on it, in
# order; ``tags`` is the :class:`warta_html.soup.Tags` index of the soup.
TRANSFORMS_KEY = "warta_html_transforms"
FINISHER_KEY = "warta_html_finisher"


def check_settings(pelican):
    """Stop on settings that would let markup through or break the cleaner."""
    settings = pelican.settings
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if not environment.get("autoescape"):
        raise WartaConfigError(
            "JINJA_ENVIRONMENT has no 'autoescape': True, so a title or caption containing "
            'markup would reach readers as HTML; add "autoescape": True to '
            "JINJA_ENVIRONMENT in pelicanconf.py"
        )
    hosts = get_setting(settings, "WARTA_EMBED_HOSTS")
    if not isinstance(hosts, (list, tuple)) or not all(isinstance(h, str) for h in hosts):
        raise WartaConfigError(
            f"WARTA_EMBED_HOSTS = {hosts!r} is not valid; expected a tuple of host names "
            'such as ("www.youtube.com", "player.vimeo.com")'
        )


class HtmlGenerator(Generator):
    """Holds the build's :class:`Finisher` (and its cache) while content is read.

    Made before any file is read; Pelican runs its ``generate_context`` after
    the articles and pages generators, when every body is finished, so the
    cache is written then.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.finisher = Finisher(self.settings, cache_path(self.settings))
        self.context[FINISHER_KEY] = self.finisher

    def generate_context(self):
        self.finisher.save()


def get_generators(pelican):
    return HtmlGenerator


FINISHED = "warta_html_finished"  # metadata flag: cleaned and finished in advance
WANTED = "warta_html_wanted"  # metadata flag set with it: a transform wants the body


def finish_in_advance(settings, context):
    """A function (html, metadata) -> (html, metadata) that cleans and finishes
    both ahead of time (in warta_build's reading processes, forked with the
    build's ``context``); clean_content then only runs the transforms of other
    plugins on them, and only when one of them wants the body."""
    finisher = Finisher(settings)
    hosts = get_setting(settings, "WARTA_EMBED_HOSTS")
    transforms = context.get(TRANSFORMS_KEY, ())

    def finish(html, metadata):
        metadata = dict(metadata)
        if metadata.get("summary"):
            metadata["summary"] = clean_summary(metadata["summary"], hosts)
        html = finisher.finish(html)
        metadata[FINISHED] = True
        metadata[WANTED] = any(wants(html) for wants, _ in transforms)
        return html, metadata

    return finish


def clean_content(content):
    """Clean the summary and body of an article or page, in place."""
    if not isinstance(content, (Article, Page)):
        return
    settings = content.settings
    context = getattr(content, "_context", None) or {}
    finished = content.metadata.get(FINISHED, False)
    summary = content.metadata.get("summary")
    if summary and not finished:
        summary = clean_summary(summary, get_setting(settings, "WARTA_EMBED_HOSTS"))
        content.metadata["summary"] = summary
        content._summary = summary
    if finished and not content.metadata.get(WANTED, True):
        return  # nothing to do: the body stays packed
    html = original = getattr(content, "_content", None)
    if not html:
        return
    if not finished:
        finisher = context.get(FINISHER_KEY) or Finisher(settings)
        html = finisher.finish(html)
    transforms = [t for wants, t in context.get(TRANSFORMS_KEY, ()) if wants(html)]
    if transforms:
        soup = parse(html)
        tags = Tags(soup)
        for transform in transforms:
            transform(content, soup, tags)
        html = serialise(soup)
    if html is not original:  # articles keep their body compressed: set it only when changed
        content._content = html


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(clean_content)
