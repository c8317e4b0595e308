"""Region and topic pages, feeds, related stories and output-path safety."""

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_site, copy_site, soup
from warta_output import OutputCollision, find_collisions

PROVINCE = "wilayah/kepulauan-bangka-belitung/"
REGENCY = PROVINCE + "kabupaten-bangka-selatan/"

ARTICLE = """---
title: Berita Toboali {n}
date: 2021-03-{day:02d}T08:00:00+07:00
author: Rini Oktaviani
dateline: Toboali
tags: [{tags}]
---

Isi berita {n}.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The basic site plus 12 Toboali stories: enough for a page 2."""
    tmp = tmp_path_factory.mktemp("regions")
    content = copy_site("basic", tmp)
    for n in range(1, 13):
        tags = "pemerintahan, topik tanpa registri" if n == 1 else "pemerintahan"
        text = ARTICLE.format(n=n, day=n, tags=tags)
        (content / "berita" / f"toboali-{n}.md").write_text(text)
    return build_site(content, tmp / "output")


def titles(page):
    return [a.get_text() for a in page.select(".warta-list .warta-card__link")]


def test_directory_lists_all_provinces_and_links_only_those_with_news(site):
    page = soup(site / "wilayah/index.html")
    provinces = page.select(".warta-region-directory__province")
    assert len(provinces) == 38
    linked = [a.get_text() for a in page.select(".warta-region-directory__name a")]
    assert linked == ["Lampung", "Kepulauan Bangka Belitung", "Maluku"]
    children = page.select(".warta-region-directory__children li")
    assert len(children) == 514
    assert page.find("a", string="Kabupaten Bangka Selatan")
    assert not page.find("a", string="Kabupaten Belitung")  # no news there


def test_province_page_holds_the_news_of_its_regencies(site):
    page = soup(site / PROVINCE / "index.html")
    assert page.h1.get_text() == "Kepulauan Bangka Belitung"
    shown = titles(page) + titles(soup(site / PROVINCE / "page/2/index.html"))
    assert "Rakor Teknis Dibuka di Toboali" in shown  # filed under the regency
    assert "Format Lama Tetap Terbaca" in shown  # filed under Kota Pangkal Pinang
    links = [a["href"] for a in page.select(".warta-region-links__list a")]
    assert links == ["/" + REGENCY, "/wilayah/kepulauan-bangka-belitung/kota-pangkal-pinang/"]


def test_region_pages_paginate_at_page_urls(site):
    first = soup(site / REGENCY / "index.html")
    second = soup(site / REGENCY / "page/2/index.html")
    assert len(titles(first)) == 10
    assert len(titles(second)) == 3  # 12 Toboali stories + the rakor
    assert not set(titles(first)) & set(titles(second))
    assert first.select_one('a[rel="next"]')["href"] == "/" + REGENCY + "page/2/"
    assert second.select_one('a[rel="prev"]')["href"] == "/" + REGENCY


def test_breadcrumbs_lead_from_home_to_the_regency(site):
    page = soup(site / REGENCY / "index.html")
    crumbs = [li.get_text(strip=True) for li in page.select(".warta-breadcrumbs li")]
    assert crumbs == ["Beranda", "Wilayah", "Kepulauan Bangka Belitung", "Kabupaten Bangka Selatan"]
    assert page.select_one(".warta-breadcrumbs [aria-current=page]").get_text() == (
        "Kabupaten Bangka Selatan"
    )


def test_region_feeds_are_linked_for_autodiscovery(site):
    page = soup(site / REGENCY / "index.html")
    link = page.select_one('link[rel="alternate"][type="application/atom+xml"][title*="Bangka"]')
    assert link["href"].endswith("/" + REGENCY + "atom.xml")


def test_every_feed_parses(site):
    feeds = list(site.rglob("*.xml"))
    assert len(feeds) > 10
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, path
        assert feed.entries, path


def test_province_feed_includes_regency_stories(site):
    feed = feedparser.parse((site / PROVINCE / "atom.xml").read_bytes())
    titles_in_feed = {e.title for e in feed.entries}
    assert "Rakor Teknis Dibuka di Toboali" in titles_in_feed


def test_topic_directory_counts_and_topic_page(site):
    page = soup(site / "topik/index.html")
    items = {
        li.a.get_text(): li.select_one(".warta-count").get_text()
        for li in page.select(".warta-topic-directory__item")
    }
    assert items["Pemerintahan"] == "(15)"
    topic = soup(site / "topik/pemerintahan/index.html")
    assert topic.select_one(".warta-page-lead").get_text() == (
        "Kebijakan dan koordinasi pemerintah daerah."
    )
    assert (site / "topik/pemerintahan/page/2/index.html").is_file()
    assert (site / "topik/pemerintahan/atom.xml").is_file()


def test_unregistered_tag_still_gets_a_page(site):
    assert (site / "topik/topik-tanpa-registri/index.html").is_file()


def test_related_articles_share_region_or_topic_and_are_deterministic(site):
    page = soup(site / "berita/2020/01/rakor-toboali/index.html")
    related = [a.get_text() for a in page.select(".warta-related .warta-card__link")]
    assert 3 <= len(related) <= 5
    assert all(t.startswith("Berita Toboali") for t in related)  # same regency first
    assert related == sorted(related, key=lambda t: -int(t.split()[-1]))  # newest first


def _plainly_related(article, articles, count):
    """The scoring of warta_related written the plain way: the reference."""
    from warta_related import CANDIDATES_PER_KEY, WEIGHTS, article_keys

    scores = {}
    for key in article_keys(article):
        others = [a for a in articles if key in article_keys(a) and a is not article]
        for other in others[: count * CANDIDATES_PER_KEY]:
            scores[other] = scores.get(other, 0) + WEIGHTS[key[0]]
    return sorted(scores, key=lambda other: (-scores[other], articles.index(other)))[:count]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from("abcde"), max_size=3),
            st.lists(st.sampled_from(["r1", "r2", "r3", "p1", "p2"]), max_size=3),
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 4),
)
def test_related_articles_match_the_plain_scoring(stories, count):
    from types import SimpleNamespace as Thing

    from warta_related import build_index, related_to

    class Story:  # hashed by identity, as Pelican's articles are
        def __init__(self, tags, codes):
            self.tags = [Thing(slug=tag) for tag in tags]
            self.regions = [Thing(code=c, is_province=c.startswith("p")) for c in codes]
            self.provinces = [r for r in self.regions if r.is_province]

    articles = [Story(tags, codes) for tags, codes in stories]
    draft = articles.pop()  # not in the list: a draft still gets related stories
    index = build_index(articles)
    rank = (articles, {article: n for n, article in enumerate(articles)})
    for article in [*articles, draft]:
        expected = _plainly_related(article, articles, count)
        assert related_to(article, index, count, rank) == expected


def test_dateline_in_another_province_warns(tmp_path, caplog):
    content = copy_site("basic", tmp_path)
    text = ARTICLE.format(n=1, day=1, tags="pemerintahan").replace(
        "dateline: Toboali", "dateline: Toboali\nregion: Kota Ambon"
    )
    (content / "berita" / "jauh.md").write_text(text)
    build_site(content, tmp_path / "output")
    assert "dateline 'Toboali' is in Kepulauan Bangka Belitung" in caplog.text


def test_collision_between_a_page_and_the_region_directory_stops_the_build(tmp_path, capsys):
    content = copy_site("basic", tmp_path)
    page = (content / "pages" / "tentang.md").read_text().replace("slug: tentang", "slug: wilayah")
    (content / "pages" / "tentang.md").write_text(page)
    with pytest.raises(OutputCollision) as failure:
        build_site(content, tmp_path / "output")
    assert failure.value.code == 1
    err = capsys.readouterr().err
    assert "the region directory" in err
    assert "tentang.md" in err
    assert "wilayah/index.html" in err
    assert not (tmp_path / "output" / "index.html").exists()


def test_pelicans_default_shared_feed_path_is_caught(tmp_path, capsys):
    content = copy_site("basic", tmp_path)
    (content / "berita" / "rakor-toboali.md").write_text(
        (content / "berita" / "rakor-toboali.md")
        .read_text()
        .replace("author: Rini Oktaviani", "author: Pemerintahan")
    )
    with pytest.raises(OutputCollision):
        build_site(
            content,
            tmp_path / "output",
            AUTHOR_FEED_ATOM="feeds/{slug}.atom.xml",
            TAG_FEED_ATOM="feeds/{slug}.atom.xml",
        )
    assert "feeds/pemerintahan.atom.xml" in capsys.readouterr().err


def test_find_collisions_names_both_sources():
    planned = [("a/index.html", "page x"), ("b.xml", "feed"), ("/a/index.html", "region y")]
    assert find_collisions(planned) == [("a/index.html", "page x", "region y")]
