"""Pelican's generators, made deterministic and linear in the number of articles.

- Files are read in sorted order, so articles with the same date always come
  out in the same order (Pelican walks them as a set).
- Articles are read in parallel before Pelican asks for them (see
  :mod:`warta_build.prefetch`).
- Tag, author and category pages and the period archives find their articles
  by position instead of scanning every article for each taxonomy entry
  (Pelican does ``[a for a in self.dates if a in articles]``, which grows with
  articles × entries).
"""

import calendar
import logging
import os
from collections import defaultdict
from itertools import groupby
from operator import attrgetter

from isal import isal_zlib
from pelican import signals
from pelican.contents import Article, Content, Page, SkipStub
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import order_content, process_translations
from pelican.writers import FileOverwriteFailedError

from warta_check import check_file
from warta_reader.reader import field_context
from warta_settings import get_setting

from .prefetch import read_ahead

logger = logging.getLogger(__name__)

# Pelican's own pattern of {filename}/|filename| links: no "{" or "|", no link.
DEFAULT_LINK_PATTERN = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
GRANULARITY_KEYS = {
    "year": attrgetter("date.year"),
    "month": attrgetter("date.year", "date.month"),
    "day": attrgetter("date.year", "date.month", "date.day"),
}


class UrlsOnce:
    """Content whose URL, output path and relative source path are worked out once.

    Pelican formats both again (with the file's relative path) on every use;
    listings use an article's URL many times and every page's footer links
    to each page. A change of status (draft → published) forgets them, as
    the URL depends on it.
    """

    @property
    def url(self):
        return self._once("url")

    @property
    def save_as(self):
        return self._once("save_as")

    def get_relative_source_path(self, source_path=None):
        if source_path:
            return super().get_relative_source_path(source_path)
        if "_warta_relative_path" not in self.__dict__:  # used by every URL and link
            self.__dict__["_warta_relative_path"] = super().get_relative_source_path()
        return self.__dict__["_warta_relative_path"]

    def _once(self, key):
        override = self.__dict__.get(f"override_{key}")
        if override is not None:
            return override
        cached = f"_warta_{key}"
        if cached not in self.__dict__:
            self.__dict__[cached] = self.get_url_setting(key)
        return self.__dict__[cached]

    @Content.status.setter
    def status(self, value):
        Content.status.fset(self, value)
        self.__dict__.pop("_warta_url", None)
        self.__dict__.pop("_warta_save_as", None)


class WartaArticle(UrlsOnce, Article):
    """Pelican's Article with its URL worked out once and its HTML kept compressed.

    The body is used a few times a build (its page, feeds) but held for the
    whole build: compressed, 50,000 stories take about 100 MB instead of 300.
    Pelican memoises ``get_content`` for every story for ever (another 300 MB
    at 50,000 stories); here the links are filled in on each use instead, and
    only in bodies that can hold one.
    """

    def get_content(self, siteurl):
        if not self.__dict__.get("_may_link", True):
            return self._content  # no {filename} link to fill in
        return self._update_content(self._content, siteurl)

    @property
    def _content(self):
        packed = self.__dict__.get("_packed_content")
        return packed if packed is None else isal_zlib.decompress(packed).decode("utf-8")

    @_content.setter
    def _content(self, html):
        packed = html if html is None else isal_zlib.compress(html.encode("utf-8"), 1)
        self.__dict__["_packed_content"] = packed
        may_link = bool(html) and _may_link(html, self.settings)
        self.__dict__["_may_link"] = may_link
        # A {static} or {attach} link names its kind; most bodies have neither.
        self.__dict__["_may_link_files"] = may_link and ("static" in html or "attach" in html)

    def get_static_links(self):
        if not self.__dict__.get("_may_link_files", True):
            return set()  # without unpacking the body
        return super().get_static_links()


def _may_link(html, settings):
    """False when ``html`` cannot hold a link for Pelican to fill in."""
    if settings.get("INTRASITE_LINK_REGEX", DEFAULT_LINK_PATTERN) != DEFAULT_LINK_PATTERN:
        return True
    return "{" in html or "|" in html


class WartaPage(UrlsOnce, Page):
    """Pelican's Page with its URL worked out once."""

    def _expand_settings(self, key):
        # Pelican names a page's settings after its class (PAGE_URL …).
        klass = "draft_page" if self.status == "draft" else "page"
        return Content._expand_settings(self, key, klass)


class SortedFilesMixin:
    """Return content files in a stable order."""

    def get_files(self, paths, exclude=None, extensions=None):
        return sorted(super().get_files(paths, exclude=exclude, extensions=extensions))


class WartaArticlesGenerator(SortedFilesMixin, ArticlesGenerator):
    """Pelican's ArticlesGenerator, split into reading and indexing.

    ``generate_context`` checks and reads every file (in parallel first, on
    big sites), then builds the lists and taxonomies in :meth:`index`. The
    check's results stay in ``checked`` for the build's content check (see
    :func:`warta_check.check_site`); files with errors are not read. The live
    preview re-reads one file with :meth:`read` and calls :meth:`index` again.
    """

    def generate_context(self):
        files = self.get_files(
            self.settings["ARTICLE_PATHS"], exclude=self.settings["ARTICLE_EXCLUDES"]
        )
        processes = get_setting(self.settings, "WARTA_BUILD_PROCESSES") or os.cpu_count() or 1
        minimum = get_setting(self.settings, "WARTA_PARALLEL_MIN_FILES")
        self.sources, self.checked = {}, {}
        check_context = None
        ahead = read_ahead(self.path, files, self.settings, self.context, processes, minimum)
        for name, check in ahead:
            path = os.path.abspath(os.path.join(self.path, name))
            if check is None:  # not read ahead: check the file here
                check_context = check_context or field_context(self.settings, render=False)
                check = check_file(path, self.settings, check_context)
            self.checked[path] = check
            if not any(problem.is_error for problem in check[0]):
                self.read(name)
        self.index()

    def read(self, name):
        """Read the file ``name`` (relative to the content folder) into ``sources``."""
        self.sources.pop(name, None)
        # Pelican stats the file for its content cache even when it is off or empty.
        article = self.get_cached_data(name, None) if self._cache else None
        if article is None:
            try:
                article = self.readers.read_file(
                    base_path=self.path,
                    path=name,
                    content_class=WartaArticle,
                    context=self.context,
                    preread_signal=signals.article_generator_preread,
                    preread_sender=self,
                    context_signal=signals.article_generator_context,
                    context_sender=self,
                )
            except Exception:
                logger.exception("Could not process %s", name)
                self._add_failed_source_path(name)
                return None
            if isinstance(article, SkipStub) or not article.is_valid():
                self._add_failed_source_path(name)
                return None
            if self._cache_data_policy:
                self.cache_data(name, article)
        self.sources[name] = article
        self.add_source_path(article)
        self.add_static_links(article)
        return article

    def forget(self, name):
        """Drop the article read from ``name`` (the file was deleted)."""
        article = self.sources.pop(name, None)
        if article is not None:
            self.context["generated_content"].pop(name, None)
        return article

    def index(self):
        """Build the article lists, taxonomies and archives from ``sources``."""
        by_status = defaultdict(list)
        for name in sorted(self.sources):
            by_status[self.sources[name].status].append(self.sources[name])
        self.articles, self.translations = self._ordered(by_status["published"])
        self.hidden_articles, self.hidden_translations = self._ordered(by_status["hidden"])
        self.drafts, self.drafts_translations = self._ordered(by_status["draft"])
        signals.article_generator_pretaxonomy.send(self)
        self._taxonomies()
        self.dates = self._dates_of(self.articles)
        self.period_archives = self._build_period_archives(self.dates, self.articles, self.settings)
        self._update_context(
            ("articles", "drafts", "hidden_articles", "dates", "tags", "categories", "authors")
        )
        self.context["period_archives"] = self.period_archives
        self.save_cache()
        self.readers.save_cache()
        signals.article_generator_finalized.send(self)

    def _ordered(self, articles):
        originals, translations = process_translations(
            articles, translation_id=self.settings["ARTICLE_TRANSLATION_ID"]
        )
        return order_content(originals, self.settings["ARTICLE_ORDER_BY"]), translations

    def _taxonomies(self):
        self.tags, categories, authors = defaultdict(list), defaultdict(list), defaultdict(list)
        for article in self.articles:
            if hasattr(article, "category"):
                categories[article.category].append(article)
            for tag in getattr(article, "tags", ()):
                self.tags[tag].append(article)
            for author in getattr(article, "authors", ()):
                authors[author].append(article)
        reverse = self.settings["REVERSE_CATEGORY_ORDER"]
        self.categories = sorted(categories.items(), reverse=reverse)
        self.authors = sorted(authors.items())

    def _dates_of(self, articles):
        """``articles`` in archive order (newest first by default)."""
        newest_first = self.context["NEWEST_FIRST_ARCHIVES"]
        return sorted(articles, key=attrgetter("date"), reverse=newest_first)

    def _build_period_archives(self, sorted_articles, articles, settings):
        position = {id(article): n for n, article in enumerate(articles)}
        archives = {}
        for granularity, key in GRANULARITY_KEYS.items():
            save_as = settings[f"{granularity.upper()}_ARCHIVE_SAVE_AS"]
            if save_as:
                url = settings[f"{granularity.upper()}_ARCHIVE_URL"]
                archives[granularity] = [
                    _period(granularity, period, list(group), position, save_as, url)
                    for period, group in groupby(sorted_articles, key=key)
                ]
        return archives

    def generate_tags(self, write):
        self._write_taxonomy(write, "tag", self.tags.items())

    def generate_categories(self, write):
        self._write_taxonomy(write, "category", self.categories)

    def generate_authors(self, write):
        self._write_taxonomy(write, "author", self.authors)

    def generate_drafts(self, write):
        """Pelican's, without assuming that every draft has a category."""
        for draft in [*self.drafts_translations, *self.drafts]:
            write(
                draft.save_as,
                self.get_template(draft.template),
                self.context,
                article=draft,
                category=getattr(draft, "category", None),
                override_output=hasattr(draft, "override_save_as"),
                blog=True,
                all_articles=self.articles,
                url=draft.url,
            )

    def _write_taxonomy(self, write, kind, entries):
        template = self.get_template(kind)
        for item, articles in entries:
            if not item.slug:
                continue  # Pelican logs the invalid slug when the item is made
            try:
                write(
                    item.save_as,
                    template,
                    self.context,
                    url=item.url,
                    articles=articles,
                    dates=self._dates_of(articles),
                    template_name=kind,
                    blog=True,
                    page_name=item.page_name,
                    all_articles=self.articles,
                    **{kind: item},
                )
            except FileOverwriteFailedError as error:
                raise FileOverwriteFailedError(f"{kind} {item.name!r}: {error}") from None


def _period(granularity, period, dates, position, save_as, url):
    first = dates[0].date
    period = period if isinstance(period, tuple) else (period,)
    names = list(period)
    if granularity != "year":
        names[1] = calendar.month_name[period[1]]
    return {
        "dates": dates,
        "articles": sorted(dates, key=lambda article: position[id(article)]),
        "save_as": save_as.format(date=first),
        "url": url.format(date=first),
        "period": tuple(names),
        "period_num": period,
    }


class WartaPagesGenerator(SortedFilesMixin, PagesGenerator):
    """Pelican's PagesGenerator, making :class:`WartaPage` objects."""

    def generate_context(self):
        super().generate_context()
        # Pelican makes Page objects; WartaPage only adds cached properties.
        for page in (
            *self.pages,
            *self.translations,
            *self.hidden_pages,
            *self.hidden_translations,
            *self.draft_pages,
            *self.draft_translations,
        ):
            page.__class__ = WartaPage


REPLACEMENTS = {
    ArticlesGenerator: WartaArticlesGenerator,
    PagesGenerator: WartaPagesGenerator,
}
