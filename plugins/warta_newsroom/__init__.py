"""The newsroom's workflow: drafts, embargoes, a leak scan, and new articles.

An article is *withheld* while its ``status`` is ``draft`` or its ``date`` is
still in the future (an embargo). ``WARTA_SHOW_DRAFTS`` chooses the build:

- preview (``pelicanconf.py``, True): withheld articles are built at their
  normal URL and listed like the others; the theme reads ``article.status``
  ("draft") and ``article.scheduled`` (True while the date is in the future)
  to show its banner.
- publish (``publishconf.py``, False): withheld articles and draft pages are
  taken out before taxonomies, feeds, archives and the other plugins see
  them; images that no published article or page uses are not copied; and
  after the build a leak scan fails it (exit 1) if a withheld article's URL,
  file name, title or image is found in the output.

Signals:

- ``article_generator_pretaxonomy``: :func:`schedule.sort_articles`;
- ``page_generator_finalized``: :func:`schedule.sort_pages`;
- ``static_generator_finalized``: :func:`images.withhold_images`;
- ``all_generators_finalized``: :func:`state.remember_generators`;
- ``finalized``: :func:`leaks.scan_after_build`.

``invoke new`` calls :func:`new_article.new_article`.
"""

from pelican import signals

from .images import withhold_images
from .leaks import scan_after_build
from .schedule import sort_articles, sort_pages
from .state import remember_generators

__all__ = ["register"]


def register():
    signals.article_generator_pretaxonomy.connect(sort_articles)
    signals.page_generator_finalized.connect(sort_pages)
    signals.static_generator_finalized.connect(withhold_images)
    signals.all_generators_finalized.connect(remember_generators)
    signals.finalized.connect(scan_after_build)
