"""The theme's components: every macro rendered from its example inputs.

Like govuk-frontend's fixtures: theme/templates/macros/examples/<name>.yaml
holds example inputs for macros/<name>.html and what each must render; the
same examples make the component gallery the browser tests check with axe
and the Nu HTML Checker (tests/browser/).
"""

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from conftest import ROOT, soup
from warta_assets import CSS_ORDER, bundle, minify_css, source_files
from warta_assets.examples import (
    EXAMPLES,
    HELPERS,
    MACROS,
    Example,
    all_examples,
    components,
    environment,
    render,
    render_gallery,
)
from warta_jinja import with_dateline

CSS = ROOT / "theme" / "static" / "css"
COMPONENT_CSS = CSS / "components"
EXAMPLE_LIST = all_examples()
WIB = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def env():
    return environment()


def block(component):
    """BEM block class of a component: region_list -> warta-region-list."""
    return "warta-" + component.replace("_", "-")


def html(text):
    return BeautifulSoup(text, "html.parser")


# --- Conventions ----------------------------------------------------------


def test_every_component_has_examples_and_its_own_stylesheet():
    names = components()
    assert len(names) >= 12
    for name in names:
        assert (EXAMPLES / f"{name}.yaml").is_file(), f"add macros/examples/{name}.yaml"
        assert (COMPONENT_CSS / f"{name}.css").is_file(), f"add css/components/{name}.css"
    helpers_and_components = {p.stem for p in MACROS.glob("*.html")}
    stylesheets = {p.stem for p in COMPONENT_CSS.glob("*.css")}
    assert stylesheets <= helpers_and_components, "a stylesheet without its macro"
    assert set(HELPERS) <= helpers_and_components


@pytest.mark.parametrize("name", components())
def test_component_stylesheet_only_styles_its_own_block(name):
    """components/<name>.css uses only classes of the block warta-<name>."""
    text = re.sub(r"/\*.*?\*/", "", (COMPONENT_CSS / f"{name}.css").read_text(), flags=re.S)
    classes = set(re.findall(r"\.(-?[_a-zA-Z][-_a-zA-Z0-9]*)", re.sub(r'"[^"]*"', "", text)))
    own = re.compile(rf"^{block(name)}(__[a-z0-9-]+)?(--[a-z0-9-]+)?$")
    foreign = sorted(c for c in classes if not own.match(c))
    assert foreign == [], f"{name}.css styles other blocks: {foreign}"


@pytest.mark.parametrize("example", EXAMPLE_LIST, ids=lambda e: e.id)
def test_example_renders_as_expected(example, env):
    out = render(example, env)
    expect = example.expect
    if expect.get("empty"):
        assert out == "", f"{example.id} should render nothing"
        return
    assert out, f"{example.id} rendered nothing"
    assert "{{" not in out and "{%" not in out
    page = html(out)
    root = page.find(True)
    assert block(example.component) in root.get("class", []), "the block class comes first"
    for tag in page.find_all(class_=True):
        for name in tag["class"]:
            assert name.startswith("warta-"), f"class {name!r} lacks the warta- prefix"
    for selector, count in (expect.get("select") or {}).items():
        assert len(page.select(selector)) == count, f"{example.id}: {selector}"
    text = re.sub(r"\s+", " ", page.get_text()).strip()
    for wanted in expect.get("text") or []:
        assert wanted in text, f"{example.id}: {wanted!r} not in {text!r}"


def test_gallery_shows_every_example_once(env):
    page = html(render_gallery("/theme/css/warta.css", env))
    ids = [div["id"] for div in page.select(".gallery-example")]
    assert ids == [e.id for e in EXAMPLE_LIST]
    assert len(set(ids)) == len(ids)
    assert page.select_one("link[rel=stylesheet]")["href"] == "/theme/css/warta.css"
    all_ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(all_ids) == len(set(all_ids)), "duplicate ids in the gallery"


# --- Component behaviour ----------------------------------------------------


def example(component, **params):
    return Example(component=component, macro=component, name="test", params=params)


def test_dateline_macro_matches_the_body_filter(env):
    macro = render(example("dateline", place="Toboali"), env)
    body = with_dateline(Markup("<p>Isi.</p>"), "Toboali")
    assert str(body) == f"<p>{macro} Isi.</p>"


def test_share_links_are_plain_and_encode_the_story(env):
    url = "https://warta.example.go.id/berita/2020/01/rakor/"
    page = html(render(example("share", url=url, title="Rakor & <em>Bupati</em>"), env))
    links = {a.get_text(strip=True): a["href"] for a in page.select("a")}
    encoded = "https%3A//warta.example.go.id/berita/2020/01/rakor/"
    assert links["WhatsApp"] == f"https://wa.me/?text=Rakor%20%26%20Bupati%20{encoded}"
    assert links["Telegram"].startswith("https://t.me/share/url?url=" + encoded)
    assert links["Facebook"] == "https://www.facebook.com/sharer/sharer.php?u=" + encoded
    assert links["X"].startswith("https://x.com/intent/post?url=" + encoded)
    assert links["Salin tautan"] == url
    assert not page.find("script") and not page.find("iframe") and not page.find("img")


def test_corrections_keep_the_given_order_and_escape_notes(env):
    items = [
        {"date": datetime(2020, 1, 22, 8, 15, tzinfo=WIB), "note": "Pertama"},
        {"date": datetime(2020, 1, 23, 9, 0, tzinfo=WIB), "note": "<b>Kedua</b>"},
    ]
    page = html(render(example("corrections", items=items), env))
    notes = [n.get_text() for n in page.select(".warta-corrections__note")]
    assert notes == ["Pertama", "<b>Kedua</b>"]
    assert not page.find("b")
    assert page.h2.get_text() == "Ralat"


def test_draft_banner_prefers_draft_over_scheduled(env):
    date = datetime(2030, 1, 1, 9, 0, tzinfo=WIB)
    both = render(
        example("draft_banner", article={"status": "draft", "scheduled": True, "date": date})
    )
    assert "Draf" in both and "warta-draft-banner--scheduled" not in both


def test_region_list_links_only_regions_with_news(env):
    regions = [
        {"name": "Kota Metro", "url": "wilayah/lampung/kota-metro/", "count": 2},
        {"name": "Kabupaten Way Kanan", "url": "wilayah/lampung/kabupaten-way-kanan/", "count": 0},
    ]
    page = html(render(example("region_list", regions=regions, **{"class": "extra"}), env))
    assert page.ul["class"] == ["warta-region-list", "extra"]
    assert [a.get_text() for a in page.select("a")] == ["Kota Metro"]


# --- The stylesheet bundle (plugins/warta_assets) ---------------------------


def test_minify_keeps_strings_and_drops_comments():
    css = '/* note: "x" */\n.a  >  .b ,\n.c {\n  content: " (" attr(href) ")";\n  color: red ;\n}\n'
    assert minify_css(css) == '.a>.b,.c{content:" (" attr(href) ")";color:red}\n'


def test_bundle_puts_base_first_then_components_then_print():
    files = [p.relative_to(CSS.parent).as_posix() for p in source_files(CSS.parent, CSS_ORDER)]
    assert files[0] == "css/warta.css"
    assert files[-1] == "css/print.css"
    assert {Path(f).stem for f in files[1:-1]} == set(components())
    text, digest = bundle(CSS.parent, CSS_ORDER, minify_css)
    assert len(digest) == 10
    assert ".warta-share__link" in text and "@media print" in text


def test_built_pages_link_one_fingerprinted_stylesheet(basic_site):
    page = soup(basic_site / "berita/2020/01/rakor-toboali/index.html")
    sheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert len(sheets) == 1
    assert re.fullmatch(r"/theme/css/warta\.[0-9a-f]{10}\.css", sheets[0])
    assert (basic_site / sheets[0].lstrip("/")).is_file()
    scripts = [s["src"] for s in page.select("script[src]")]
    assert len(scripts) == 1 and scripts[0].endswith(".js")
    assert not page.select("script:not([src])"), "no inline scripts"
    assert not page.select("style, [style]"), "no inline styles"


# --- Article page: the components in place -------------------------------


def test_article_has_share_bar_with_absolute_story_address(basic_site):
    page = soup(basic_site / "berita/2020/01/rakor-toboali/index.html")
    copy = page.select_one(".warta-share [data-warta-copy]")
    assert copy["href"] == "http://127.0.0.1:8000/berita/2020/01/rakor-toboali/"
    article = page.select_one("article.warta-article")
    assert article["data-print-url"] == copy["href"]


def test_article_without_newsroom_fields_has_no_banner_or_corrections(basic_site):
    page = soup(basic_site / "berita/2020/01/rakor-toboali/index.html")
    assert not page.select(".warta-draft-banner, .warta-corrections, .warta-article__corrected")
    assert not page.select('meta[name="robots"]')


def test_article_open_graph_image_is_absolute(basic_site):
    page = soup(basic_site / "berita/2020/01/rakor-toboali/index.html")
    image = page.select_one('meta[property="og:image"]')["content"]
    assert image.startswith("http://127.0.0.1:8000/")


def test_identity_comes_from_settings(tmp_path):
    from conftest import build_site, copy_site

    content = copy_site("basic", tmp_path)
    output = build_site(
        content,
        tmp_path / "output",
        SITENAME="Warta Babel",
        WARTA_INSTITUTION="Dinas Komunikasi dan Informatika Provinsi Kepulauan Bangka Belitung",
        WARTA_OFFICIAL_BANNER="Situs resmi Pemerintah Provinsi Kepulauan Bangka Belitung",
        WARTA_OFFICIAL_URL="https://babelprov.example.go.id/",
        WARTA_FOOTER_NOTE="Hak cipta dilindungi.",
        WARTA_SOCIAL=(("Instagram", "https://instagram.example/babel"),),
    )
    home = soup(output / "index.html")
    banner = home.select_one("header .warta-official-banner a")
    assert banner.get_text() == "Situs resmi Pemerintah Provinsi Kepulauan Bangka Belitung"
    assert banner["href"] == "https://babelprov.example.go.id/"
    assert home.select_one(".warta-header__site").get_text() == "Warta Babel"
    footer = home.select_one("footer").get_text(" ", strip=True)
    assert "Provinsi Kepulauan Bangka Belitung" in footer
    assert "Hak cipta dilindungi." in footer
    assert home.select_one('footer a[href="https://instagram.example/babel"]')


def test_templates_hold_no_identity():
    """Names, addresses and institutions come from settings, not templates."""
    for path in (ROOT / "theme" / "templates").rglob("*.html"):
        text = path.read_text()
        for word in ("Warta Nusantara", "Diskominfo", "Pangkalpinang", "@", "go.id"):
            assert word not in text, f"{path.name} contains {word!r}"
