"""warta_build.atom: AtomFeed.write gives exactly the text Atom1Feed.write gives.

Random feeds (any text XML allows, with the characters escaping cares about
made frequent) are written by both and compared as strings; text with a
character XML 1.0 refuses must be refused by both. Items with no
date are stamped with the current time by feedgenerator, so the clock is
frozen while both write.
"""

import datetime
import io
import types
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import feedparser
import pytest
from feedgenerator import Atom1Feed, Enclosure
from feedgenerator.django.utils import feedgenerator as feedgenerator_module
from feedgenerator.django.utils.xmlutils import UnserializableContentError
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.plugins import signals

from conftest import build_site, copy_site
from warta_build import atom
from warta_build.atom import AtomFeed

# --- a frozen clock for both modules ------------------------------------------


class _FrozenType(type):
    # Real datetimes must still pass rfc3339_date's isinstance(date, datetime.datetime).
    def __instancecheck__(cls, obj):
        return isinstance(obj, datetime.datetime)


class FrozenDatetime(datetime.datetime, metaclass=_FrozenType):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime(2024, 8, 17, 9, 45, 30, 123456, tzinfo=tz)


FROZEN_DATETIME_MODULE = types.SimpleNamespace(
    datetime=FrozenDatetime, time=datetime.time, timezone=datetime.timezone
)


def frozen_clock():
    stack = ExitStack()
    for module in (feedgenerator_module, atom):
        stack.enter_context(mock.patch.object(module, "datetime", FROZEN_DATETIME_MODULE))
    return stack


def both_writes(feed, outfile_class=io.StringIO):
    """(Atom1Feed's output, AtomFeed's output) for ``feed``."""
    reference, fast = outfile_class(), outfile_class()
    with frozen_clock():
        Atom1Feed.write(feed, reference, "utf-8")
        feed.write(fast, "utf-8")
    return reference.getvalue(), fast.getvalue()


# --- random feeds ------------------------------------------------------------

# Every character XML 1.0 allows (feedgenerator refuses the other control characters).
XML_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\ufffe", "\uffff"],
)
FRAGMENTS = st.sampled_from(
    [
        "&",
        "<",
        ">",
        '"',
        "'",
        "\n",
        "\r",
        "\t",
        " ",
        "&amp;",
        "]]>",
        '<p class="lead">',
        "</p>",
        "<a href='/berita/'>",
        "Rapat koordinasi teknis dibuka",
        "Bupati Bangka Selatan",
        "Pemkab menyalurkan bantuan Rp1,5 miliar",
        "é",
        "–",
        "🎉",
        "👍🏽",
    ]
)
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(XML_CHARACTERS, max_size=6)), max_size=12).map(
    "".join
)
MAYBE_TEXTS = st.none() | TEXTS
URLS = st.sampled_from(["https://warta.example.go.id", "http://127.0.0.1:8000", ""]).flatmap(
    lambda site: TEXTS.map(lambda path: f"{site}/{path}")
)
ZONES = st.sampled_from(
    [datetime.timezone(datetime.timedelta(hours=hours)) for hours in (7, 8, 9)] + [datetime.UTC]
)
DATES = st.none() | st.datetimes(
    min_value=datetime.datetime(1990, 1, 1),
    max_value=datetime.datetime(2040, 12, 31),
    timezones=ZONES,
)

ITEMS = st.fixed_dictionaries(
    {
        "title": TEXTS,
        "link": URLS,
        "description": MAYBE_TEXTS,
    },
    optional={
        "content": MAYBE_TEXTS,
        "unique_id": MAYBE_TEXTS,
        "author_name": MAYBE_TEXTS,
        "author_email": MAYBE_TEXTS,
        "author_link": st.none() | URLS,
        "pubdate": DATES,
        "updateddate": DATES,
        "categories": st.lists(TEXTS, max_size=4),
        "item_copyright": MAYBE_TEXTS,
    },
)
FEEDS = st.fixed_dictionaries(
    {
        "title": TEXTS,
        "link": URLS,
        "description": TEXTS,
    },
    optional={
        "language": st.none() | st.sampled_from(["id", "en", "jv"]) | TEXTS,
        "subtitle": MAYBE_TEXTS,
        "feed_url": st.none() | URLS,
        "author_name": MAYBE_TEXTS,
        "author_email": MAYBE_TEXTS,
        "author_link": st.none() | URLS,
        "categories": st.lists(TEXTS, max_size=3),
        "feed_copyright": MAYBE_TEXTS,
        "feed_guid": MAYBE_TEXTS,
    },
)


def make_feed(fields, items):
    feed = AtomFeed(**fields)
    for item in items:
        feed.add_item(**item)
    return feed


@settings(max_examples=400, deadline=None, database=None)
@given(FEEDS, st.lists(ITEMS, max_size=5))
def test_random_feeds_are_written_the_same(fields, items):
    reference, fast = both_writes(make_feed(fields, items))
    assert fast == reference


# --- chosen cases ---------------------------------------------------------------

WIB = datetime.timezone(datetime.timedelta(hours=7), "WIB")
PELICAN_LIKE_ITEM = {
    "title": "Rakor Teknis Dibuka di Toboali",
    "link": "http://127.0.0.1:8000/berita/2020/01/rakor-toboali/",
    "unique_id": "tag:127.0.0.1,2020-01-21:/berita/2020/01/rakor-toboali/",
    "description": "<p>Rapat koordinasi &amp; teknis.</p>",
    "content": '<p>TOBOALI – "Sekda" <a href="/x?a=1&b=2">membuka</a>.</p>',
    "categories": ["Pemerintahan", "SDGs & Desa"],
    "author_name": "",
    "pubdate": datetime.datetime(2020, 1, 21, 10, tzinfo=WIB),
    "updateddate": None,
}


def test_a_pelican_like_feed_is_written_the_same():
    feed = make_feed(
        {"title": "Warta", "link": "/", "description": "", "feed_url": "/feeds/semua.atom.xml"},
        [PELICAN_LIKE_ITEM] * 3,
    )
    reference, fast = both_writes(feed)
    assert fast == reference
    assert "<author><name/></author>" in fast  # Pelican passes "" for no author


def test_empty_text_and_attribute_quoting_match():
    feed = make_feed(
        {"title": "", "link": "/", "description": "", "language": "id", "subtitle": ""},
        [{**PELICAN_LIKE_ITEM, "title": "", "categories": ["a\"b'c\n\td", "it's", 'say "hi"']}],
    )
    reference, fast = both_writes(feed)
    assert fast == reference
    assert "<title/>" in fast
    assert """term="a&quot;b'c&#10;&#9;d\"""" in fast


def test_control_characters_are_refused_as_before():
    feed = make_feed({"title": "bad \x0b", "link": "/", "description": ""}, [])
    with pytest.raises(UnserializableContentError):
        Atom1Feed.write(feed, io.StringIO(), "utf-8")
    with pytest.raises(UnserializableContentError):
        feed.write(io.StringIO(), "utf-8")


# Any character at all, with the ones XML 1.0 refuses and lone surrogates made frequent.
ANY_TEXTS = st.text(
    st.characters() | st.sampled_from(["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\ud800"]),
    max_size=12,
)


def outcome(write, feed):
    """The text ``write`` gives, or "refused" when it refuses a control character."""
    outfile = io.StringIO()
    try:
        write(feed, outfile, "utf-8")
    except UnserializableContentError:
        return "refused"
    return outfile.getvalue()


@settings(max_examples=300, deadline=None, database=None)
@given(ANY_TEXTS, ANY_TEXTS, ANY_TEXTS)
def test_any_text_is_refused_or_written_as_before(title, content, term):
    # Text is checked for control characters; attribute values are not.
    feed = make_feed(
        {"title": title, "link": "/", "description": ""},
        [{**PELICAN_LIKE_ITEM, "content": content, "categories": [term]}],
    )
    assert outcome(AtomFeed.write, feed) == outcome(Atom1Feed.write, feed)


def test_enclosures_and_binary_outputs_use_atom1feed():
    feed = make_feed(
        {"title": "Warta", "link": "/", "description": ""},
        [{**PELICAN_LIKE_ITEM, "enclosures": [Enclosure("/a.mp3", "123", "audio/mpeg")]}],
    )
    reference, fast = both_writes(feed)
    assert fast == reference
    assert 'rel="enclosure"' in fast

    plain = make_feed({"title": "Warta – é", "link": "/", "description": ""}, [PELICAN_LIKE_ITEM])
    reference, fast = both_writes(plain, io.BytesIO)
    assert fast == reference


# --- a real build -------------------------------------------------------------------


def test_site_feeds_are_atomfeeds_written_as_atom1feed_writes_them(tmp_path):
    written = []

    def remember(path, context, feed):
        del context
        written.append((path, feed))

    signals.feed_written.connect(remember)
    try:
        content = copy_site("basic", tmp_path)
        output = build_site(content, tmp_path / "output", WARTA_BUILD_PROCESSES=1)
    finally:
        signals.feed_written.disconnect(remember)

    assert len(written) > 3
    for path, feed in written:
        assert type(feed) is AtomFeed, path
        reference = io.StringIO()
        Atom1Feed.write(feed, reference, "utf-8")
        with open(path, encoding="utf-8", newline="") as handle:
            assert handle.read() == reference.getvalue(), path

    path, feed = next((path, feed) for path, feed in written if path.endswith("semua.atom.xml"))
    parsed = feedparser.parse(Path(path).read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.title == feed.feed["title"]
    assert [entry.link for entry in parsed.entries] == [item["link"] for item in feed.items]
    assert "Rakor Teknis Dibuka di Toboali" in {entry.title for entry in parsed.entries}
    assert Path(path).parent == output / "feeds"
