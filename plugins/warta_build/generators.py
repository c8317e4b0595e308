"""Pelican's generators, made deterministic and linear in the number of articles.

- Files are read in sorted order, so articles with the same date always come
  out in the same order (Pelican walks them as a set).
- Markdown is rendered in parallel before the articles are read (see
  :mod:`warta_build.prefetch`).
- Tag, author and category pages and the period archives find their articles
  by position instead of scanning every article for each taxonomy entry
  (Pelican does ``[a for a in self.dates if a in articles]``, which grows with
  articles × entries).
"""

import calendar
import os
from itertools import groupby
from operator import attrgetter

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.writers import FileOverwriteFailedError

from warta_settings import get_setting

from .prefetch import prefetch_markdown

GRANULARITY_KEYS = {
    "year": attrgetter("date.year"),
    "month": attrgetter("date.year", "date.month"),
    "day": attrgetter("date.year", "date.month", "date.day"),
}


class SortedFilesMixin:
    """Return content files in a stable order."""

    def get_files(self, paths, exclude=None, extensions=None):
        return sorted(super().get_files(paths, exclude=exclude, extensions=extensions))


class WartaArticlesGenerator(SortedFilesMixin, ArticlesGenerator):
    def generate_context(self):
        files = self.get_files(
            self.settings["ARTICLE_PATHS"], exclude=self.settings["ARTICLE_EXCLUDES"]
        )
        paths = [os.path.join(self.path, name) for name in files]
        processes = get_setting(self.settings, "WARTA_BUILD_PROCESSES") or os.cpu_count() or 1
        minimum = get_setting(self.settings, "WARTA_PARALLEL_MIN_FILES")
        prefetch_markdown(paths, self.settings, processes, minimum)
        super().generate_context()

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
    pass


REPLACEMENTS = {
    ArticlesGenerator: WartaArticlesGenerator,
    PagesGenerator: WartaPagesGenerator,
}
