"""Every file a build will write, with where it comes from."""

import os

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.paginator import Paginator


def plan_outputs(generators):
    """Yield (output path, source) for everything the generators will write."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from _articles_outputs(generator)
        elif isinstance(generator, PagesGenerator):
            yield from _pages_outputs(generator)
        elif isinstance(generator, StaticGenerator):
            yield from _static_outputs(generator)
        elif hasattr(generator, "planned_outputs"):
            yield from generator.planned_outputs()


class Source:
    """Where an output comes from, described only when a message needs it.

    ``thing`` is a content object (named by its file), a taxonomy entry
    (named by its name) or a text; ``page`` is the page of a listing.
    """

    __slots__ = ("kind", "page", "thing")

    def __init__(self, kind, thing, page=1):
        self.kind, self.thing, self.page = kind, thing, page

    def __str__(self):
        text = f"{self.kind} {_name(self.thing)}".strip()
        return text if self.page == 1 else f"page {self.page} of {text}"

    def __eq__(self, other):
        return isinstance(other, Source) and (self.kind, self.thing, self.page) == (
            other.kind,
            other.thing,
            other.page,
        )

    def __hash__(self):
        return hash((self.kind, id(self.thing), self.page))


def _name(thing):
    if isinstance(thing, str):
        return thing
    path = getattr(thing, "source_path", None)
    if path:
        return os.path.relpath(path)
    return repr(getattr(thing, "name", None) or getattr(thing, "title", thing))


def paginated(save_as, url, items, settings, template, source):
    """(save_as, source) of every page of a paginated listing."""
    if template not in settings["PAGINATED_TEMPLATES"]:
        yield save_as, source
        return
    per_page = settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(save_as, url, items, settings, per_page)
    for number in paginator.page_range:
        page_source = source if number == 1 else Source(source.kind, source.thing, number)
        yield paginator.page(number).save_as, page_source


def _content(items, kind):
    for item in items:
        yield item.save_as, Source(kind, item)


def _articles_outputs(gen):
    settings = gen.settings
    yield from _content([*gen.articles, *gen.translations, *gen.hidden_articles], "article")
    yield from _content([*gen.drafts, *gen.drafts_translations], "draft")
    yield from _feeds(settings)
    for kind, groups in (("tag", gen.tags.items()), ("author", gen.authors)):
        for item, articles in groups:
            yield from _taxonomy(settings, kind, item, articles)
    for item, articles in gen.categories:
        yield from _taxonomy(settings, "category", item, articles)
    for granularity, archives in gen.period_archives.items():
        for archive in archives:
            source = Source(f"{granularity} archive", archive["save_as"])
            yield from paginated(
                archive["save_as"],
                archive["url"],
                archive["dates"],
                settings,
                "period_archives",
                source,
            )
    yield from _direct_templates(gen)


def _taxonomy(settings, kind, item, articles):
    source = Source(kind, item)
    if item.save_as:
        yield from paginated(item.save_as, item.url, articles, settings, kind, source)
    for feed in ("ATOM", "RSS"):
        pattern = settings.get(f"{kind.upper()}_FEED_{feed}")
        if pattern:
            yield pattern.format(slug=item.slug), Source(f"{feed.lower()} feed of {kind}", item)


def _feeds(settings):
    for name in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        if settings.get(name):
            yield settings[name], Source("setting", name)


def _direct_templates(gen):
    settings = gen.settings
    for template in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        url = settings.get(f"{template.upper()}_URL", f"{template}.html")
        if save_as:
            source = Source("template", f"{template}.html")
            yield from paginated(save_as, url, gen.articles, settings, template, source)


def _pages_outputs(gen):
    pages = [*gen.pages, *gen.translations, *gen.hidden_pages, *gen.hidden_translations]
    yield from _content(pages, "page")
    yield from _content([*gen.draft_pages, *gen.draft_translations], "draft page")


def _static_outputs(gen):
    for static in gen.staticfiles:
        yield static.save_as, Source("static file", static)
    theme_static = os.path.join(gen.theme, "static")
    for root, _dirs, files in os.walk(theme_static):
        for name in files:
            relative = os.path.relpath(os.path.join(root, name), theme_static)
            path = os.path.join(gen.settings["THEME_STATIC_DIR"], relative)
            yield path, Source("theme file", relative)
