"""Drafts and embargoes: keep withheld articles in the preview, out of the publish build.

Pelican puts ``status: draft`` articles in ``generator.drafts`` (written at
DRAFT_URL, outside every listing) and publishes future-dated ones like any
other. Here both are handled the newsroom's way, before Pelican builds tags,
authors and archives from ``generator.articles``:

- preview: drafts join the articles at their normal URL, so the listings,
  region pages and feeds show the site as it will be; every article gets
  ``scheduled`` (True while its date is in the future) for the theme;
- publish: drafts and future-dated articles leave every list, and their
  source paths leave ``generated_content`` so no link can resolve to them.
"""

from datetime import UTC

from pelican.contents import Content
from pelican.utils import order_content

from .state import build_time, shows_drafts, start, state_of


def is_draft(content):
    return getattr(content, "status", "") == "draft"


def is_scheduled(content, now):
    """True while the content's date is still in the future (an embargo)."""
    date = getattr(content, "date", None)
    if date is None or (is_draft(content) and date.year == 9999):
        return False  # Pelican dates an undated draft datetime.max
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return date > now


def is_withheld(content, now):
    """True for a draft or an article whose date is in the future."""
    return is_draft(content) or is_scheduled(content, now)


def sort_articles(generator):
    """``article_generator_pretaxonomy``: show or drop drafts and embargoed articles."""
    now = build_time()
    settings = generator.settings
    start(settings)
    drafts = [*generator.drafts, *generator.drafts_translations]
    if shows_drafts(settings):
        for draft in drafts:
            keep_normal_url(draft, "article")
        generator.articles = order_content(
            [*generator.articles, *generator.drafts], settings["ARTICLE_ORDER_BY"]
        )
        generator.translations = [*generator.translations, *generator.drafts_translations]
    else:
        withheld = [*drafts]
        for name in ("articles", "translations", "hidden_articles", "hidden_translations"):
            kept = []
            for article in getattr(generator, name):
                (withheld if is_withheld(article, now) else kept).append(article)
            setattr(generator, name, kept)
        _forget(generator.context, withheld)
        state_of(settings).add(withheld)
    generator.drafts, generator.drafts_translations = [], []
    for article in _all_articles(generator):
        article.scheduled = is_scheduled(article, now)
        if not hasattr(article, "corrections"):
            article.corrections = []


def sort_pages(generator):
    """``page_generator_finalized``: draft pages at their URL, or out of the build."""
    drafts = [*generator.draft_pages, *generator.draft_translations]
    if shows_drafts(generator.settings):
        for draft in drafts:
            keep_normal_url(draft, "page")
        generator.pages[:] = order_content(
            [*generator.pages, *generator.draft_pages], generator.settings["PAGE_ORDER_BY"]
        )
        generator.translations.extend(generator.draft_translations)
    else:
        _forget(generator.context, drafts)
        state_of(generator.settings).add(drafts)
    # In place: the context holds these very lists.
    generator.draft_pages.clear()
    generator.draft_translations.clear()


def keep_normal_url(content, kind):
    """Give a draft the URL and file it will have once published."""
    for key in ("url", "save_as"):
        if hasattr(content, f"override_{key}"):
            continue
        setting = key if content.in_default_lang else f"lang_{key}"
        value = Content._expand_settings(content, setting, kind)
        setattr(content, f"override_{key}", value)


def _all_articles(generator):
    for name in ("articles", "translations", "hidden_articles", "hidden_translations"):
        yield from getattr(generator, name)


def _forget(context, contents):
    """Drop withheld content from the source map that resolves {filename} links."""
    generated = context.get("generated_content", {})
    for content in contents:
        generated.pop(content.get_relative_source_path(), None)
