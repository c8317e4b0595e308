"""Build the tiny test site and check the HTML and feeds it writes."""

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import broken_links, soup

ARTICLE = "berita/2020/01/rakor-toboali/index.html"


@pytest.fixture(scope="module")
def article(basic_site):
    return soup(basic_site / ARTICLE)


def test_article_has_byline_with_author_link(article):
    byline = article.select_one(".warta-byline")
    assert byline.get_text(" ", strip=True).startswith("Oleh:")
    link = byline.select_one("a")
    assert link.get_text() == "Rini Oktaviani"
    assert link["href"] == "/penulis/rini-oktaviani/"


def test_article_body_starts_with_dateline_and_en_dash(article):
    first = article.select_one(".warta-article__body p")
    assert first.get_text().startswith("TOBOALI – Penjabat Sekda")


def test_article_date_is_written_in_indonesian(article):
    time = article.select_one(".warta-article__dates time")
    assert time.get_text() == "Selasa, 21 Januari 2020 10.00 WIB"
    assert time["datetime"] == "2020-01-21T10:00+07:00"


def test_article_page_is_indonesian_with_summary_as_description(article):
    assert article.html["lang"] == "id"
    description = article.select_one('meta[name="description"]')["content"]
    assert description == "Rapat koordinasi teknis gubernur dan bupati se-Babel dibuka."


def test_article_links_its_region_and_topics(article):
    chips = [a["href"] for a in article.select(".warta-chips__link")]
    assert "/wilayah/kepulauan-bangka-belitung/kabupaten-bangka-selatan/" in chips
    assert "/topik/pemerintahan/" in chips
    assert "/topik/dana-desa/" in chips


def test_lead_figure_has_caption_and_credit(article):
    figure = article.select_one("figure.warta-figure--lead")
    assert figure.img["alt"] == "Peserta rapat duduk di gedung serba guna"
    caption = figure.figcaption.get_text(" ", strip=True)
    assert "Pembukaan rakor" in caption
    assert "Foto: Humas Babel" in caption


def test_tags_are_normalised_to_registered_topics(basic_site):
    topic = soup(basic_site / "topik/dana-desa/index.html")
    assert topic.h1.get_text() == "Dana Desa"
    # "dana desa" (Toboali) and the alias "DD" (Lampung) land on one page
    titles = {a.get_text() for a in topic.select(".warta-card__link")}
    assert titles == {"Rakor Teknis Dibuka di Toboali", "Sekda Lampung Bahas Kemiskinan dan SDGs"}


def test_region_is_inferred_from_dateline(basic_site):
    page = soup(basic_site / "berita/2019/09/jembatan-saumlaki/index.html")
    chips = [a.get_text() for a in page.select(".warta-chips__link")]
    assert "Kabupaten Kepulauan Tanimbar" in chips


def test_time_without_offset_is_shown_in_the_regions_zone(basic_site):
    page = soup(basic_site / "berita/2019/09/jembatan-saumlaki/index.html")
    time = page.select_one(".warta-article__dates time")
    assert time.get_text() == "Senin, 2 September 2019"  # date only: no time shown
    assert time["datetime"].endswith("+09:00")  # Maluku is WIT


def test_legacy_key_value_header_still_builds(basic_site):
    page = soup(basic_site / "berita/2017/05/lama/index.html")
    assert page.h1.get_text() == "Format Lama Tetap Terbaca"
    assert page.select_one(".warta-article__body p").get_text().startswith("PANGKALPINANG – ")


def test_multiple_authors_in_byline(basic_site):
    page = soup(basic_site / "berita/2016/10/sdgs-lampung/index.html")
    names = [a.get_text() for a in page.select(".warta-byline a")]
    assert names == ["Dedi Kurniawan", "Ayu Lestari"]


def test_home_has_lead_latest_and_province_blocks(basic_site):
    home = soup(basic_site / "index.html")
    lead = home.select_one(".warta-home__lead .warta-card__link")
    assert lead.get_text() == "Rakor Teknis Dibuka di Toboali"  # newest first
    provinces = [h.get_text(strip=True) for h in home.select(".warta-province-block__title")]
    assert provinces == ["Lampung", "Kepulauan Bangka Belitung", "Maluku"]


def test_navigation_and_skip_link(basic_site):
    home = soup(basic_site / "index.html")
    assert home.body.find("a")["href"] == "#main-content"
    assert home.select_one("main#main-content")
    labels = [a.get_text() for a in home.select(".warta-nav__link")]
    assert labels == ["Beranda", "Wilayah", "Topik", "Arsip"]
    assert home.select_one('.warta-nav__link[aria-current="page"]').get_text() == "Beranda"


def test_footer_shows_institution_address_and_contact(basic_site):
    footer = soup(basic_site / "index.html").select_one("footer.warta-footer")
    text = footer.get_text(" ", strip=True)
    assert "Dinas Komunikasi dan Informatika" in text
    assert footer.select_one('a[href^="mailto:"]')


def test_archives_by_year_and_month(basic_site):
    archive = soup(basic_site / "arsip/index.html")
    years = [h.a.get_text() for h in archive.select(".warta-archive__title")]
    assert years == ["2020", "2019", "2017", "2016"]
    month = soup(basic_site / "arsip/2020/01/index.html")
    assert month.h1.get_text() == "Arsip Januari 2020"


def test_404_page_exists(basic_site):
    page = soup(basic_site / "404.html")
    assert page.h1.get_text() == "Halaman tidak ditemukan"


def test_pages_are_written_at_clean_urls(basic_site):
    page = soup(basic_site / "tentang/index.html")
    assert page.h1.get_text() == "Tentang Kami"


def test_every_internal_link_resolves_to_a_written_file(basic_site):
    assert broken_links(basic_site) == []


def test_feeds_parse_and_list_articles(basic_site):
    for feed_path in ["feeds/semua.atom.xml", "topik/sdgs/atom.xml", "wilayah/lampung/atom.xml"]:
        feed = feedparser.parse((basic_site / feed_path).read_bytes())
        assert feed.bozo == 0, feed_path
        assert feed.entries, feed_path


def test_pages_link_to_themselves_with_an_absolute_address(basic_site, article):
    # In a local build SITEURL is empty: the address is the local server's.
    url = "http://127.0.0.1:8000/berita/2020/01/rakor-toboali/"
    assert article.select_one('link[rel="canonical"]')["href"] == url
    assert article.select_one('meta[property="og:url"]')["content"] == url
    assert article.select_one(".warta-article")["data-print-url"] == url
    home = soup(basic_site / "index.html")
    assert home.select_one('link[rel="canonical"]')["href"] == "http://127.0.0.1:8000/"


def test_site_address_is_siteurl_when_absolute():
    from warta_jinja import site_address

    assert site_address("https://warta.example", "http://127.0.0.1:8000") == "https://warta.example"
    assert site_address("", "http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    assert site_address("/warta", None) == "/warta"


def test_dates_are_written_in_their_own_time_zone_even_at_the_same_instant():
    from datetime import datetime, timedelta, timezone

    from warta_jinja import tanggal, tanggal_waktu

    jakarta = datetime(2017, 12, 8, 22, 17, tzinfo=timezone(timedelta(hours=7)))
    jayapura = datetime(2017, 12, 9, 0, 17, tzinfo=timezone(timedelta(hours=9)))
    assert jakarta == jayapura  # one instant: a cache keyed on it would mix them up
    assert tanggal_waktu(jakarta) == "Jumat, 8 Desember 2017 22.17 WIB"
    assert tanggal_waktu(jayapura) == "Sabtu, 9 Desember 2017 00.17 WIT"
    assert tanggal(jayapura) == "Sabtu, 9 Desember 2017"


@pytest.mark.parametrize("quick", [False, True], ids=["jinja", "warta"])
def test_macro_imports_see_the_globals_of_the_importing_template(quick):
    from jinja2 import DictLoader, Environment

    from warta_jinja import WartaTemplate

    macro = "{% macro who() %}{{ name|default('?') }}/{{ unit|default('?') }}{% endmacro %}"
    page = '{% from "macros.html" import who %}{{ who() }}'
    env = Environment(loader=DictLoader({"macros.html": macro, "page.html": page}))
    if quick:
        env.template_class = WartaTemplate
    env.globals["name"] = "Warta"
    assert env.get_template("page.html").render() == "Warta/?"
    macros = env.get_template("macros.html")
    context = env.get_template("page.html").new_context()
    assert macros._get_default_module(context) is macros.module  # same globals: cached
    # a template loaded with a global of its own passes it on to its imports
    own = env.get_template("page.html", globals={"unit": "Kominfo"})
    assert own.render() == "Warta/Kominfo"
    assert env.get_template("macros.html").render() == ""


class Shown:
    """Not a string: printed through str()."""

    def __str__(self):
        return "<b>7 & 8</b>"


class Safe:
    """Has __html__: printed as it says, unescaped."""

    def __html__(self):
        return "<i>aman</i>"


class Word(str):
    """A str subclass: escaped, never taken as safe."""


HTML_TEXT = st.text(st.one_of(st.characters(), st.sampled_from("<>&\"'")))


@given(st.one_of(HTML_TEXT, HTML_TEXT.map(Word), st.integers(), st.none()))
def test_quick_escape_gives_what_markupsafe_gives(value):
    from markupsafe import Markup, escape

    from warta_jinja import quick_escape

    quick = quick_escape(value)
    assert type(quick) is Markup
    assert quick == escape(value)


def test_templates_print_values_as_jinja_does():
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup

    from warta_jinja import WartaTemplate

    page = (
        "{% macro item(x) %}<li>{{ x }}</li>{% endmacro %}"
        "<p>{{ title }}</p><ul>{% for x in values %}{{ item(x) }}{% endfor %}</ul>"
        "{{ title ~ '!' }}{% filter upper %}{{ title }}{% endfilter %}"
    )
    values = ['"Dua" & <tiga>', Markup("<em>sah</em>"), Shown(), Safe(), 3.5, None, Word("<w>")]
    rendered = []
    for template_class in (None, WartaTemplate):
        env = Environment(loader=DictLoader({"page.html": page}), autoescape=True)
        if template_class:
            env.template_class = template_class
        rendered.append(env.get_template("page.html").render(title="A & B <c>", values=values))
    assert rendered[0] == rendered[1]
    assert "&#34;Dua&#34; &amp; &lt;tiga&gt;" in rendered[1]
