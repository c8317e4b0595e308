"""warta_html: pasted HTML cannot run script, and the article HTML is finished for readers.

Unit tests for the cleaner and the finishing pass, then a real build of
tests/sites/images, whose berita/xss.md carries markup in the title, tags,
author, summary, caption, credit, image alt and body: none of it may be
live in any page.
"""

import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from test_images import draw_photos, fast_settings

from conftest import ROOT, build_site, copy_site, soup
from warta_html import check_settings
from warta_html.enhance import enhance, is_external
from warta_html.sanitise import clean_body, clean_summary
from warta_settings import DEFAULTS, WartaConfigError

HOSTS = DEFAULTS["WARTA_EMBED_HOSTS"]
XSS_ARTICLE = "berita/2020/03/xss/index.html"


def clean(html):
    return BeautifulSoup(clean_body(html, HOSTS), "html.parser")


def finished_html(html, site_host="warta.example.go.id"):
    return enhance(clean_body(html, HOSTS), site_host=site_host)


def finished(html, site_host="warta.example.go.id"):
    return BeautifulSoup(finished_html(html, site_host), "html.parser")


# --- the cleaner ---------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//contoh.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="https://contoh.example"><input name="sandi"><button>Kirim</button></form>',
        '<iframe src="https://contoh.example/jahat"></iframe>',
        '<iframe src="http://www.youtube.com/embed/x"></iframe>',  # not https
        '<iframe src="https://www.youtube.com.contoh.example/embed/x"></iframe>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="https://contoh.example/">',
        '<link rel="stylesheet" href="https://contoh.example/x.css">',
        "<!-- <script>alert(1)</script> -->",
        "<template><script>alert(1)</script></template>",
        "<noscript><img src=x onerror=alert(1)></noscript>",
    ],
)
def test_dangerous_elements_are_removed(html):
    page = finished(f"<p>Sebelum</p>{html}<p>Sesudah</p>")
    names = {tag.name for tag in page.find_all(True)}
    assert names <= {"p", "div"}, names
    assert "alert" not in str(page)
    assert page.get_text(" ", strip=True).startswith("Sebelum")


@pytest.mark.parametrize(
    "html",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="x">',
        '<img src="javascript:alert(1)" alt="x">',
        '<blockquote cite="javascript:alert(1)">x</blockquote>',
    ],
)
def test_script_and_data_urls_are_removed(html):
    page = clean(html)
    for tag in page.find_all(True):
        for name in ("href", "src", "cite"):
            assert name not in tag.attrs, str(page)


@pytest.mark.parametrize(
    "html",
    [
        '<b onclick="alert(1)">x</b>',
        '<img src="a.jpg" alt="x" onerror="alert(1)">',
        '<p onmouseover="alert(1)" style="color:red">x</p>',
        '<a href="/" target="_blank" onfocus="alert(1)" class="warta-official-banner">x</a>',
        '<div data-x="1" aria-hidden="true" role="dialog" tabindex="1">x</div>',
    ],
)
def test_event_handlers_and_unknown_attributes_are_removed(html):
    page = finished(html)
    for tag in page.find_all(True):
        assert set(tag.attrs) <= {"href", "src", "alt"}, str(page)


def test_what_news_needs_is_kept():
    html = (
        "<h2>Anggaran</h2><p><strong>Tebal</strong>, <em>miring</em>, <a href='https://bps.go.id/'"
        " title='BPS'>BPS</a>, <a href='mailto:redaksi@warta.example'>surel</a>, "
        "<abbr title='Anggaran Pendapatan dan Belanja Daerah'>APBD</abbr>, H<sub>2</sub>O.</p>"
        "<ul><li>satu</li></ul><ol start='3'><li>tiga</li></ol>"
        "<blockquote><p>Kutipan</p></blockquote>"
        "<table><caption>Anggaran</caption><thead><tr><th scope='col' style='text-align: right;'>"
        "Rp</th></tr></thead><tbody><tr><td colspan='2'>1</td></tr></tbody></table>"
        "<figure><img src='a.jpg' alt='Foto' width='10' height='10'><figcaption>Ket</figcaption>"
        "</figure><dl><dt>Istilah</dt><dd>Arti</dd></dl><pre><code>kode</code></pre>"
        "<span lang='en'>road</span><time datetime='2020-01-21'>21 Januari</time>"
    )
    page = clean(html)
    for selector in [
        "h2",
        "strong",
        "em",
        "a[href='https://bps.go.id/'][title='BPS']",
        "a[href='mailto:redaksi@warta.example']",
        "abbr[title]",
        "sub",
        "ul > li",
        "ol[start='3']",
        "blockquote > p",
        "table > caption",
        "th[scope='col'][style]",
        "td[colspan='2']",
        "figure > img[src='a.jpg'][alt='Foto'][width='10']",
        "figure > figcaption",
        "dl > dt",
        "pre > code",
        "span[lang='en']",
        "time[datetime]",
    ]:
        assert page.select_one(selector), selector
    assert page.select_one("th")["style"].replace(" ", "") == "text-align:right"


def test_markdown_footnotes_survive():
    html = (
        '<p>Teks<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><hr><ol><li id="fn:1"><p>Catatan <a class="footnote-backref" '
        'href="#fnref:1">&#8617;</a></p></li></ol></div>'
    )
    page = clean(html)
    assert page.select_one("sup#fnref\\:1 a.footnote-ref[href='#fn:1']")
    assert page.select_one("div.footnote li#fn\\:1 a.footnote-backref")


def test_summary_keeps_inline_text_only():
    html = clean_summary(
        '<p>Ringkas <strong>tebal</strong> <img src="a.jpg" alt="x" onerror="alert(1)">'
        "<script>alert(2)</script></p><table><tr><td>sel</td></tr></table>",
        HOSTS,
    )
    page = BeautifulSoup(html, "html.parser")
    assert {t.name for t in page.find_all(True)} == {"p", "strong"}
    assert "alert" not in html


# --- the finishing pass ------------------------------------------------------


def test_tables_are_wrapped_in_a_scrolling_region():
    html = finished_html("<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>")
    page = BeautifulSoup(html, "html.parser")
    wrappers = page.select("div.warta-table")
    assert len(wrappers) == 2
    for wrapper in wrappers:
        assert wrapper.attrs == {
            "class": ["warta-table"],
            "role": "region",
            "aria-label": "Tabel",
            "tabindex": "0",
        }
        assert wrapper.table
    again = BeautifulSoup(enhance(html), "html.parser")  # a second pass wraps nothing twice
    assert len(again.select("div.warta-table")) == 2


def test_headings_get_unique_ids_and_h1_becomes_h2():
    page = finished(
        "<h1>Judul Lain</h1><h2>Anggaran Desa</h2><h2>Anggaran Desa</h2>"
        "<h3 id='sendiri'>Punya id</h3><h2>2020</h2><h2>Ralat</h2>"
    )
    assert not page.find("h1")
    ids = [h.get("id") for h in page.find_all(["h2", "h3"])]
    assert ids == ["judul-lain", "anggaran-desa", "anggaran-desa-2", "sendiri", "bagian-2020",
                   "ralat-2"]  # fmt: skip


def test_external_links_get_noopener():
    page = finished(
        '<a href="https://bps.go.id/">BPS</a> <a href="https://warta.example.go.id/x/">kami</a>'
        ' <a href="/tentang/">tentang</a> <a href="#ralat">ralat</a>'
    )
    links = page.find_all("a")
    assert links[0]["rel"] == ["noopener"]
    assert all("rel" not in a.attrs for a in links[1:])


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("https://bps.go.id/", True),
        ("//bps.go.id/", True),
        ("https://warta.example.go.id/", False),
        ("/berita/", False),
        ("mailto:a@b.c", False),
        ("#x", False),
    ],
)
def test_is_external(url, external):
    assert is_external(url, "warta.example.go.id") is external


def test_players_from_allowed_hosts_are_kept_lazy_and_private():
    page = finished(
        '<iframe src="https://www.youtube.com/embed/abc" width="560" height="315"></iframe>'
        '<iframe src="https://player.vimeo.com/video/1" title="Rapat"></iframe>'
    )
    frames = page.find_all("iframe")
    assert [f["src"] for f in frames] == [
        "https://www.youtube-nocookie.com/embed/abc",
        "https://player.vimeo.com/video/1",
    ]
    for frame in frames:
        assert frame["loading"] == "lazy"
        assert frame["referrerpolicy"] == "strict-origin-when-cross-origin"
        assert frame.parent["class"] == ["warta-embed"]
    assert frames[0]["title"] == "Video tersemat" and frames[1]["title"] == "Rapat"


# --- settings ----------------------------------------------------------------


class _Pelican:
    def __init__(self, settings):
        self.settings = settings


def test_build_stops_without_autoescape(tmp_path):
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(tmp_path), "JINJA_ENVIRONMENT": {"trim_blocks": True}},
    )
    settings["JINJA_ENVIRONMENT"].pop("autoescape", None)
    with pytest.raises(WartaConfigError, match="autoescape"):
        check_settings(_Pelican(settings))


def test_wrong_embed_hosts_stop_the_build(tmp_path):
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(tmp_path), "WARTA_EMBED_HOSTS": "www.youtube.com"},
    )
    with pytest.raises(WartaConfigError, match="WARTA_EMBED_HOSTS"):
        check_settings(_Pelican(settings))


# --- a real build: markup in every field is inert ------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    content = copy_site("images", tmp)
    draw_photos(content)
    return build_site(content, tmp / "output", **fast_settings(tmp))


def live_markup(page):
    """Every script, event handler or script URL a browser would run in ``page``."""
    found = []
    for tag in page.find_all(True):
        if tag.name == "script" and not tag.get("src", "").startswith("/theme/"):
            found.append(str(tag)[:80])
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                found.append(f"{tag.name} {name}={value!r}")
            squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
            if squeezed.startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"{tag.name} {name}={value!r}")
    return found


def test_no_page_of_the_site_has_live_markup(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        assert live_markup(soup(path)) == [], path.relative_to(site)


def test_markup_in_the_title_shows_as_text(site):
    page = soup(site / XSS_ARTICLE)
    title = page.select_one("h1.warta-article__title").get_text()
    assert title == 'Tolak <script>alert("judul")</script> Banjir <img src=x onerror=alert(1)>'


def test_markup_in_author_tags_caption_and_alt_shows_as_text(site):
    page = soup(site / XSS_ARTICLE)
    assert (
        page.select_one(".warta-byline a").get_text()
        == "<b onmouseover=\"alert('penulis')\">Ani</b>"
    )
    topics = [a.get_text() for a in page.select(".warta-chips__link")]
    assert "<svg onload=alert('topik')>Banjir" in topics
    lead = page.select_one("figure.warta-figure--lead")
    assert lead.img["alt"] == "\" onerror=\"alert('alt')"
    caption = lead.figcaption.get_text(" ", strip=True)
    assert caption.startswith('<script>alert("keterangan")</script> Keterangan')
    assert "Foto: <a href=\"javascript:alert('kredit')\">Humas</a>" in caption


def test_body_and_summary_are_cleaned(site):
    page = soup(site / XSS_ARTICLE)
    body = page.select_one(".warta-article__body")
    assert "tebal" in body.get_text() and body.find("b")
    assert not body.find(["style", "form", "input", "button", "svg", "math", "object", "embed"])
    assert not body.find("iframe")  # both iframes pointed elsewhere
    assert body.select("figure picture")  # the pasted <img> became a processed figure
    summary = page.select_one(".warta-article__summary")
    assert summary.get_text(" ", strip=True).startswith("Ringkasan")
    assert summary.a is not None and "href" not in summary.a.attrs


def test_feeds_carry_only_clean_html(site):
    feeds = sorted(site.rglob("*.xml"))
    assert feeds
    for feed in feeds:
        for element in ElementTree.parse(feed).iter():
            if element.get("type") == "html" and element.text:
                html = BeautifulSoup(element.text, "html.parser")
                assert live_markup(html) == [], (feed.relative_to(site), element.tag)
