"""Jinja filters for the theme, added on ``generator_init``.

Dates are written as readers in Indonesia write them, through Babel (never
the OS locale):

- ``tanggal``: "Selasa, 21 Januari 2020"
- ``tanggal_waktu``: "Selasa, 21 Januari 2020 10.00 WIB"
- ``tanggal_pendek``: "21 Jan 2020"
- ``bulan``: "Januari 2020" for a (year, month) pair
- ``isoformat``: the machine-readable value for ``<time datetime>``

and ``with_dateline`` starts an article body with "TOBOALI – ".

The global ``site_address(SITEURL, FEED_DOMAIN)`` is the site's absolute
address: SITEURL in published builds, the local server's in previews (for
canonical links, sharing, printing and Open Graph).

The global ``story_card`` is the card macro (``macros/card.html``) drawn
once per story and arguments: a story's card appears on its regions',
topics', author's and archive listings and under related stories, about ten
times a build.

Each story's date appears on many listing pages, so the formatted texts are
remembered (Babel formats slowly).

Templates are :class:`WartaTemplate`: a page imports about eight macro files,
and Jinja works out for each import which of the page's globals the macros
lack, through a ChainMap a key at a time; here the same answer comes from
plain dictionaries. And a page prints about 120 values, each through
markupsafe's ``escape``; :func:`quick_escape` gives the same Markup in less
than half the time.
"""

import re
from collections import ChainMap
from datetime import date, datetime, timedelta
from functools import lru_cache, partial

from babel.dates import format_date
from jinja2 import Template
from markupsafe import Markup, escape
from pelican import signals

from warta_settings import get_setting

try:  # markupsafe 3's escaping of a plain str (in C, or its Python fallback)
    from markupsafe import _escape_inner
except ImportError:  # markupsafe 2: quick_escape is escape
    _escape_inner = None

ZONE_LABELS = {
    timedelta(hours=7): "WIB",
    timedelta(hours=8): "WITA",
    timedelta(hours=9): "WIT",
}


def zone_label(value):
    """WIB / WITA / WIT for Indonesian offsets, else 'UTC+x'."""
    offset = value.utcoffset()
    if offset is None:
        return ""
    if offset in ZONE_LABELS:
        return ZONE_LABELS[offset]
    hours = offset.total_seconds() / 3600
    return f"UTC{hours:+g}"


def tanggal(value, locale="id_ID"):
    return _day(_local_date(value), "EEEE, d MMMM y", locale)


def tanggal_waktu(value, locale="id_ID"):
    # Babel's "EEEE, d MMMM y HH.mm", with the day's part remembered per day.
    text = f"{tanggal(value, locale)} {value:%H.%M}"
    label = zone_label(value)
    return f"{text} {label}" if label else text


def tanggal_pendek(value, locale="id_ID"):
    return _day(_local_date(value), "d MMM y", locale)


def _local_date(value):
    """The day of ``value`` where it was written (an aware datetime's own zone).

    Not the datetime itself as a key of the cache: datetimes in two zones at
    the same instant are equal, but their days and times are not.
    """
    return value.date() if isinstance(value, datetime) else value


@lru_cache(maxsize=100_000)
def _day(day, pattern, locale):
    return format_date(day, pattern, locale=locale)


@lru_cache(maxsize=100_000)
def bulan(period, locale="id_ID"):
    """'Januari 2020' for (2020, 1); '2020' for (2020,)."""
    if len(period) == 1:
        return str(period[0])
    return format_date(date(period[0], period[1], 1), "MMMM y", locale=locale)


def isoformat(value):
    return value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()


def with_dateline(html, dateline):
    """Put 'DATELINE – ' at the start of the first paragraph of ``html``."""
    if not dateline:
        return Markup(html)
    label = Markup('<span class="warta-dateline">{}</span> &ndash; ').format(
        escape(dateline).upper()
    )
    html, count = _FIRST_PARAGRAPH.subn(lambda m: m.group(0) + str(label), str(html), count=1)
    return Markup(html if count else f"<p>{label}</p>{html}")


_FIRST_PARAGRAPH = re.compile(r"<p(\s[^>]*)?>")
# Cards kept by StoryCards: two kinds (listing, related) of 20,000 stories,
# about 20 MB.
CARDS_KEPT = 40_000

LOCALISED = {
    "tanggal": tanggal,
    "tanggal_waktu": tanggal_waktu,
    "tanggal_pendek": tanggal_pendek,
    "bulan": bulan,
}


def site_address(siteurl, feed_domain=""):
    """SITEURL when it is absolute, else the local server's address before it."""
    return siteurl if siteurl.startswith("http") else (feed_domain or "") + siteurl


class StoryCards:
    """``card(article, siteurl, level, lead, show_summary)``, remembered.

    The macro's output depends only on its arguments (it is imported without
    context) and the template, so the last ``size`` cards drawn are kept. The
    keys hold the story and the template by identity: a story read again or a
    template reloaded (in the live preview) makes new keys.
    """

    def __init__(self, env, size=CARDS_KEPT):
        self.env = env
        self._draw = lru_cache(maxsize=size)(_draw_card)

    def __call__(self, article, siteurl, level=3, lead=False, show_summary=True):
        template = self.env.get_template("macros/card.html")
        return self._draw(template, article, siteurl, level, lead, show_summary)


def _draw_card(template, article, siteurl, level, lead, show_summary):
    card = template.module.card
    return card(article, siteurl, level=level, lead=lead, show_summary=show_summary)


class WartaTemplate(Template):
    """Jinja's Template, quicker to import from and to print values with
    (see the module docstring)."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        # The compiled template looks ``escape`` up in its module on every value.
        namespace["escape"] = quick_escape
        return super()._from_namespace(environment, namespace, globals)

    def _get_default_module(self, ctx=None):
        # Jinja: with globals the imported template lacks, a module of its own;
        # without (every import of this theme), the template's cached module.
        if ctx is not None and _has_all(self.globals, ctx.globals_keys):
            ctx = None
        return super()._get_default_module(ctx)


def quick_escape(value, _new=str.__new__):
    """markupsafe.escape, with plain strings (most printed values) made
    Markup directly, without a second Python call through Markup.__new__."""
    if value.__class__ is str and _escape_inner is not None:
        return _new(Markup, _escape_inner(value))
    return escape(value)


def _has_all(globals_, keys):
    """True when the ChainMap ``globals_`` holds every one of ``keys``."""
    return isinstance(globals_, ChainMap) and not keys.difference(*globals_.maps)


def add_filters(generator):
    locale = get_setting(generator.settings, "WARTA_LOCALE")
    filters = {name: partial(f, locale=locale) for name, f in LOCALISED.items()}
    filters.update(isoformat=isoformat, zona=zone_label, with_dateline=with_dateline)
    generator.env.filters.update(filters)
    generator.env.globals["story_card"] = StoryCards(generator.env)
    generator.env.globals["site_address"] = site_address
    generator.env.template_class = WartaTemplate


def register():
    signals.generator_init.connect(add_filters)
