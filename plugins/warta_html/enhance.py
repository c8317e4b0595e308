"""Finish clean article HTML with BeautifulSoup: what readers and browsers need.

- every table sits in a labelled region that scrolls sideways on phones;
- every heading has an ``id`` (for links into the story);
- links to other sites get ``rel="noopener"``;
- embedded players load lazily, with a title, a privacy-friendly address
  (youtube-nocookie) and no referrer beyond the site's origin.
"""

import re
from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

HEADING_NAMES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TABLE_WRAPPER = {
    "class": "warta-table",
    "role": "region",
    "aria-label": "Tabel",
    "tabindex": "0",
}
EMBED_TITLE = "Video tersemat"
# Ids the theme uses on every page; a heading must not take them.
RESERVED_IDS = frozenset({"main-content", "ralat"})
SLUG_SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
_NEEDS_SOUP = re.compile(r"<(?:table|h[1-6]|a\s|iframe|img)\b", re.I)


class _Formatter(HTMLFormatter):
    """HTML5 as Python-Markdown writes it: ``<img …>``, attributes in their order."""

    def attributes(self, tag):
        return [(k, None if v == "" else v) for k, v in (tag.attrs or {}).items()]


FORMATTER = _Formatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)


def needs_soup(html):
    """True when ``html`` has anything :func:`enhance` changes."""
    return bool(html) and _NEEDS_SOUP.search(html) is not None


def parse(html):
    return BeautifulSoup(html, "html.parser")


def serialise(soup):
    return soup.decode(formatter=FORMATTER)


class Tags:
    """The elements of a parsed body by name, found in one walk of the tree.

    ``headings`` keeps h1–h6 in document order; ``ids`` holds every id.
    Steps that add or remove elements keep the lists up to date only as far
    as later steps need them.
    """

    def __init__(self, soup):
        self.by_name = defaultdict(list)
        self.headings = []
        self.ids = set()
        for tag in soup.find_all(True):
            self.by_name[tag.name].append(tag)
            attrs = tag.attrs
            if "class" in attrs and not attrs["class"]:
                del attrs["class"]  # the sanitiser leaves class="" where it removed them all
            if attrs.get("id"):
                self.ids.add(attrs["id"])
            if tag.name in HEADING_NAMES:
                self.headings.append(tag)

    def __getitem__(self, name):
        return self.by_name.get(name, ())


def enhance(soup, site_host="", slug_substitutions=SLUG_SUBSTITUTIONS):
    """Apply every step to ``soup`` (changed in place); return its :class:`Tags`."""
    tags = Tags(soup)
    drop_empty_paragraphs(tags)
    add_heading_ids(tags, slug_substitutions)
    wrap_tables(soup, tags)
    mark_external_links(tags, site_host)
    finish_iframes(soup, tags)
    return tags


def drop_empty_paragraphs(tags):
    """Paragraphs the sanitiser emptied (a pasted form, a script on its own line)."""
    for paragraph in tags["p"]:
        if all(isinstance(c, str) and not c.strip() for c in paragraph.contents):
            paragraph.decompose()


def add_heading_ids(tags, slug_substitutions=SLUG_SUBSTITUTIONS):
    """Make '# …' in the text an <h2> (the page's <h1> is the headline), and give
    each heading without an id one made from its text, unique in the page."""
    taken = set(RESERVED_IDS) | tags.ids
    for heading in tags.headings:
        if heading.name == "h1":
            heading.name = "h2"
        if heading.get("id"):
            continue
        base = slugify(heading.get_text(" ", strip=True), regex_subs=slug_substitutions)
        base = base or "bagian"
        if base.startswith("warta-") or base[0].isdigit():
            base = f"bagian-{base}"
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        heading["id"] = candidate
        taken.add(candidate)


def wrap_tables(soup, tags):
    """Put each table in ``<div class="warta-table" role="region" …>``."""
    for table in tags["table"]:
        parent = table.parent
        if parent is not None and parent.name == "div" and "warta-table" in parent.get("class", ()):
            continue
        table.wrap(soup.new_tag("div", attrs=dict(TABLE_WRAPPER)))


def mark_external_links(tags, site_host=""):
    """Add rel="noopener" to links that leave the site."""
    for link in tags["a"]:
        href = link.get("href")
        if href and is_external(href, site_host):
            rel = link.get("rel") or []
            if isinstance(rel, str):
                rel = rel.split()
            if "noopener" not in rel:
                link["rel"] = [*rel, "noopener"]


def is_external(url, site_host=""):
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https", "") or not parts.netloc:
        return False
    return (parts.hostname or "") != site_host


def finish_iframes(soup, tags):
    """Players (already checked by the sanitiser) load lazily and privately."""
    for frame in tags["iframe"]:
        src = frame.get("src")
        if not src:
            frame.decompose()  # the sanitiser removed an address it does not allow
            continue
        frame["src"] = _nocookie(src)
        frame["loading"] = "lazy"
        frame["referrerpolicy"] = "strict-origin-when-cross-origin"
        frame["allow"] = "encrypted-media; picture-in-picture; fullscreen"
        frame["allowfullscreen"] = ""
        if not frame.get("title"):
            frame["title"] = EMBED_TITLE
        parent = frame.parent
        if parent is None or "warta-embed" not in (parent.get("class") or ()):
            frame.wrap(soup.new_tag("div", attrs={"class": "warta-embed"}))


def _nocookie(url):
    """YouTube's player without tracking cookies until the reader presses play."""
    parts = urlsplit(url)
    if parts.hostname in ("www.youtube.com", "youtube.com"):
        return urlunsplit(parts._replace(netloc="www.youtube-nocookie.com"))
    return url
