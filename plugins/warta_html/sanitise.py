"""Clean article HTML with nh3 (the Rust sanitiser ammonia) against an allow-list.

What news needs stays: text formatting, headings, lists, quotes, tables,
figures, images, footnotes, links (http, https, mailto, tel and relative) and
players from :data:`EMBED_HOSTS`. Everything else goes: ``<script>`` and
``<style>`` with their content, forms, ``on*`` attributes, ``style`` (except
``text-align`` in table cells), ``javascript:`` and ``data:`` URLs, and any
iframe whose address is not an allowed player.
"""

import functools
import re
from urllib.parse import urlsplit

import nh3

BODY_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    }
)  # fmt: skip
SUMMARY_TAGS = frozenset(
    {"a", "abbr", "b", "br", "code", "em", "i", "p", "q", "s", "small", "span", "strong",
     "sub", "sup"}
)  # fmt: skip
# Removed together with everything inside them (the rest keep their text).
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "object", "embed", "applet", "svg", "math",
     "form", "select", "textarea", "button", "frameset", "noembed", "noframes", "title",
     "head", "meta", "link", "base"}
)  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
    "del": {"datetime"},
    "iframe": {"src", "width", "height", "allowfullscreen"},
    "img": {"src", "alt", "width", "height"},
    "ins": {"datetime"},
    "li": {"value"},
    "ol": {"start", "reversed", "type"},
    "q": {"cite"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
}
# Python-Markdown's footnotes; classes anyone could type are not kept.
CLASSES = {
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes whose value is a URL: besides nh3's scheme check, a URL that
# still looks like a script after removing blanks and control characters is
# dropped.
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_ID = re.compile(r"^[A-Za-z][\w:.-]{0,79}$")
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")


def embed_allowed(url, hosts):
    """True for an https address on one of ``hosts`` (a player to embed)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme == "https" and (parts.hostname or "") in hosts and not parts.username


def _attribute_filter(hosts, tag, attribute, value):
    if attribute == "id":
        return value if _ID.match(value) else None
    if attribute in URL_ATTRIBUTES:
        squeezed = _BLANKS.sub("", value).lower()
        if squeezed.startswith(("javascript:", "vbscript:", "data:")):
            return None
        if tag == "iframe" and attribute == "src" and not embed_allowed(value, hosts):
            return None
    return value


@functools.cache
def _cleaner(hosts, summary=False):
    tags = SUMMARY_TAGS if summary else BODY_TAGS
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={
            tag: set(names) for tag, names in ATTRIBUTES.items() if tag in tags or tag == "*"
        },
        attribute_filter=functools.partial(_attribute_filter, hosts),
        allowed_classes={tag: set(names) for tag, names in CLASSES.items() if tag in tags},
        filter_style_properties={"text-align"},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,  # warta_html.enhance marks external links itself
    )


def clean_body(html, hosts):
    """``html`` of an article body with everything not allowed removed."""
    if not html:
        return html
    return _cleaner(tuple(sorted(hosts))).clean(html)


def clean_summary(html, hosts=()):
    """A summary: the same rules, inline text and paragraphs only."""
    if not html:
        return html
    return _cleaner(tuple(sorted(hosts)), summary=True).clean(html)
