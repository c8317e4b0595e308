"""Finish clean article HTML in one pass over its tags: what readers and browsers need.

- paragraphs the sanitiser emptied are dropped;
- every heading has an ``id`` (for links into the story), and ``# …`` in the
  text becomes an ``<h2>`` (the page's ``<h1>`` is the headline);
- every table sits in a labelled region that scrolls sideways on phones;
- links to other sites get ``rel="noopener"``;
- embedded players load lazily, with a title, a privacy-friendly address
  (youtube-nocookie) and no referrer beyond the site's origin.

The input is always the sanitiser's output (:func:`warta_html.sanitise.clean_body`),
which html5ever writes in one canonical form: lowercase names, every attribute
value in double quotes with ``&``, ``<``, ``>``, ``"`` and the no-break space
as entities, ``&``, ``<`` and ``>`` escaped in text, no comments, every
element properly nested and closed. So outside an ``<iframe>`` (whose content
is raw text up to ``</iframe>``) a tag is exactly ``<[^>]*>``, and a stack of
the open elements is the tree. What the pass does not change is copied as it
is; values it writes are escaped the same way.
"""

import re
from html import unescape
from urllib.parse import urlsplit, urlunsplit

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

HEADING_NAMES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID_NAMES = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
TABLE_WRAPPER = '<div class="warta-table" role="region" aria-label="Tabel" tabindex="0">'
EMBED_WRAPPER = '<div class="warta-embed">'
EMBED_TITLE = "Video tersemat"
EMBED_ATTRIBUTES = {  # values with nothing to escape
    "loading": "lazy",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "allow": "encrypted-media; picture-in-picture; fullscreen",
    "allowfullscreen": "",
}
# Ids the theme uses on every page; a heading must not take them.
RESERVED_IDS = frozenset({"main-content", "ralat"})
SLUG_SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
# The sanitiser writes class="" where it removed every class.
EMPTY_CLASS = ' class=""'

_IFRAME = re.compile(r"(<iframe\b[^>]*>.*?</iframe>)", re.S)
_IFRAME_PARTS = re.compile(r"<iframe([^>]*)>(.*)</iframe>", re.S)
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([^\s="]+)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
_CLASS = re.compile(r'\sclass="([^"]*)"')
_ESCAPES = str.maketrans({"&": "&amp;", "\xa0": "&nbsp;", '"': "&quot;", "<": "&lt;", ">": "&gt;"})


def enhance(html, site_host="", slug_substitutions=SLUG_SUBSTITUTIONS):
    """``html`` (the sanitiser's output) with every step applied."""
    if not html:
        return html
    body = _Body(site_host)
    for number, part in enumerate(_IFRAME.split(html) if "<iframe" in html else (html,)):
        if number % 2:
            body.iframe(part)
        else:
            body.markup(part)
    return body.finish(slug_substitutions)


class _Element:
    """An element the pass is inside."""

    __slots__ = ("after", "attributes", "children", "heading", "name", "start")

    def __init__(self, name, attributes, start):
        self.name = name
        self.attributes = attributes  # the start tag after the name, as written
        self.start = start  # its index in the output
        self.children = False  # whether it has child elements
        self.after = ""  # written after its end tag
        self.heading = None


class _Heading:
    """A heading without an id: its start tag is written once every id is known."""

    __slots__ = ("index", "name", "texts", "values")

    def __init__(self, name, values, index):
        self.name = name
        self.values = values  # attribute name to value as written
        self.index = index  # of its start tag in the output
        self.texts = []


class _Body:
    """The output of one pass, with the elements open at the current point."""

    def __init__(self, site_host):
        self.site_host = site_host
        self.out = []
        self.open = []
        self.ids = set()
        self.headings = []  # headings without an id, in document order
        self.in_headings = []  # those the pass is inside

    def markup(self, html):
        """Text and tags outside iframes."""
        parts = _TAG.split(html)  # text, then for each tag: slash, name, attributes, text
        if parts[0]:
            self.text(parts[0])
        for index in range(1, len(parts), 4):
            slash, name, attributes, text = parts[index : index + 4]
            if slash:
                self.end(name, attributes)
            else:
                self.start(name, attributes)
            if text:
                self.text(text)

    def text(self, text):
        self.out.append(text)
        for heading in self.in_headings:
            heading.texts.append(text)

    def start(self, name, attributes):
        attributes = self._opening(attributes)
        element = _Element(name, attributes, len(self.out))
        if name in HEADING_NAMES:
            tag = self._heading(element)
        elif name == "a" and ' href="' in attributes:
            tag = _link(attributes, self.site_host)
        else:
            tag = f"<{name}{attributes}>"
        if name == "table" and not self._parent_has_class("warta-table", "div"):
            self.out.append(TABLE_WRAPPER)
            element.start += 1
            element.after = "</div>"
        self.out.append(tag)
        if name not in VOID_NAMES:
            self.open.append(element)

    def _opening(self, attributes):
        """A start tag's attributes without class="", its id noted."""
        if self.open:
            self.open[-1].children = True
        if EMPTY_CLASS in attributes:
            attributes = attributes.replace(EMPTY_CLASS, "")
        if ' id="' in attributes:
            found = unescape(_ID.search(attributes).group(1))
            if found:
                self.ids.add(found)
        return attributes

    def _heading(self, element):
        """An h1 becomes an h2; one without an id waits for its text."""
        name = "h2" if element.name == "h1" else element.name
        values = _attributes(element.attributes)
        if unescape(values.get("id", "")):
            return f"<{name}{element.attributes}>"
        element.heading = _Heading(name, values, len(self.out))
        self.headings.append(element.heading)
        self.in_headings.append(element.heading)
        return ""  # written in finish()

    def end(self, name, attributes):
        tag = f"</{name}{attributes}>"
        if not self.open or self.open[-1].name != name:
            self.out.append(tag)  # not the sanitiser's HTML; leave it as it is
            return
        element = self.open.pop()
        if name == "p" and not element.children and _blank(self.out[element.start + 1 :]):
            del self.out[element.start :]  # a paragraph the sanitiser emptied
            return
        if element.heading is not None:
            self.in_headings.pop()
            tag = f"</{element.heading.name}>"
        elif name == "h1":
            tag = "</h2>"
        self.out.append(tag)
        if element.after:
            self.out.append(element.after)

    def iframe(self, html):
        """A player: removed without an address, else made lazy and private."""
        attributes, content = _IFRAME_PARTS.fullmatch(html).groups()
        values = _attributes(self._opening(attributes))
        for heading in self.in_headings:
            heading.texts.extend(_TAG.split(content)[::4])
        src = unescape(values.get("src", ""))
        if not src:
            return  # the sanitiser removed an address it does not allow
        values["src"] = _escape(_nocookie(src))
        values.update(EMBED_ATTRIBUTES)
        if not unescape(values.get("title", "")):
            values["title"] = EMBED_TITLE
        frame = f"{_start_tag('iframe', values)}{content}</iframe>"
        if self._parent_has_class("warta-embed"):
            self.out.append(frame)
        else:
            self.out.append(f"{EMBED_WRAPPER}{frame}</div>")

    def _parent_has_class(self, class_name, parent_name=None):
        if not self.open:
            return False
        parent = self.open[-1]
        if parent_name is not None and parent.name != parent_name:
            return False
        found = _CLASS.search(parent.attributes)
        return found is not None and class_name in unescape(found.group(1)).split()

    def finish(self, slug_substitutions):
        """The output, with an id for each heading that had none."""
        taken = set(RESERVED_IDS) | self.ids
        for heading in self.headings:
            text = _heading_text(heading.texts)
            heading.values["id"] = _escape(_unique_id(text, taken, slug_substitutions))
            self.out[heading.index] = _start_tag(heading.name, heading.values)
        return "".join(self.out)


def _unique_id(text, taken, slug_substitutions=SLUG_SUBSTITUTIONS):
    """An id made from a heading's ``text``, not in ``taken`` (it is added there)."""
    base = slugify(text, regex_subs=slug_substitutions) or "bagian"
    if base.startswith("warta-") or base[0].isdigit():
        base = f"bagian-{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _heading_text(texts):
    """The text of a heading's text nodes as written, stripped and joined by spaces."""
    return " ".join(s for s in (unescape(t).strip() for t in texts) if s)


def _link(attributes, site_host):
    """The start tag of a link; one that leaves the site gets rel="noopener"."""
    values = _attributes(attributes)
    href = unescape(values.get("href", ""))
    if href and is_external(href, site_host):
        rel = unescape(values.get("rel", "")).split()
        if "noopener" not in rel:
            values["rel"] = _escape(" ".join([*rel, "noopener"]))
            return _start_tag("a", values)
    return f"<a{attributes}>"


def is_external(url, site_host=""):
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https", "") or not parts.netloc:
        return False
    return (parts.hostname or "") != site_host


def _nocookie(url):
    """YouTube's player without tracking cookies until the reader presses play."""
    parts = urlsplit(url)
    if parts.hostname in ("www.youtube.com", "youtube.com"):
        return urlunsplit(parts._replace(netloc="www.youtube-nocookie.com"))
    return url


def _blank(texts):
    return not unescape("".join(texts)).strip()


def _attributes(attributes):
    """Name to value as written (escaped), in their order."""
    return dict(_ATTRIBUTE.findall(attributes))


def _start_tag(name, values):
    return "".join([f"<{name}", *(f' {k}="{v}"' for k, v in values.items()), ">"])


def _escape(value):
    return value.translate(_ESCAPES)
