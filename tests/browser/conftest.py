"""Browser tests: the demo site, built once and served on 127.0.0.1, in Chromium.

Needs Debian's Chromium (/usr/bin/chromium), Java (for the Nu HTML Checker)
and the npm packages of package.json (axe-core, vnu-jar); `.ci/run` installs
them. When one is missing the tests fail and say what to install: they never
skip silently.

The site is the real demo content (content/) with an official-site banner,
built into a temporary folder with FEED_DOMAIN set to the test server, plus
the component gallery at /komponen/ (every example in
theme/templates/macros/examples/). Screenshots go to tests/artifacts/.
"""

import contextlib
import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_site, soup

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTHS = (360, 1280)
OFFICIAL_BANNER = "Situs resmi Pemerintah Provinsi Kepulauan Bangka Belitung"
INSTALL_HELP = (
    "Run .ci/run, or install them by hand: "
    "apt-get install chromium default-jre-headless npm && npm ci --ignore-scripts"
)


def missing_tools(java=False):
    """What the browser tests need and this machine lacks."""
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (Debian package 'chromium')")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install -r requirements-dev.txt)")
    if not AXE.is_file():
        missing.append(f"axe-core at {AXE.relative_to(ROOT)} (npm ci)")
    if java:
        if not shutil.which("java"):
            missing.append("Java (Debian package 'default-jre-headless')")
        if not VNU.is_file():
            missing.append(f"the Nu HTML Checker at {VNU.relative_to(ROOT)} (npm ci)")
    return missing


def require(java=False):
    missing = missing_tools(java=java)
    if missing:
        pytest.fail(
            "The browser tests cannot run: missing " + "; ".join(missing) + ". " + INSTALL_HELP,
            pytrace=False,
        )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("browser") / "output"


@pytest.fixture(scope="session")
def server(site_dir):
    """http://127.0.0.1:<free port> serving the built site."""
    site_dir.mkdir(parents=True, exist_ok=True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site(site_dir, server):
    """The demo site plus the component gallery, built once."""
    from warta_assets.examples import image_sources, render_gallery

    content = site_dir.parent / "content"
    shutil.copytree(ROOT / "content", content)
    draft = content / "berita" / "2020" / "02" / f"{DRAFT_SLUG}.md"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(DRAFT, encoding="utf-8")
    build_site(
        content,
        site_dir,
        FEED_DOMAIN=server,
        WARTA_OFFICIAL_BANNER=OFFICIAL_BANNER,
        WARTA_BUILD_PROCESSES=1,
    )
    sheet = next((site_dir / "theme" / "css").glob("warta.*.css"))
    gallery = site_dir / "komponen" / "index.html"
    gallery.parent.mkdir()
    gallery.write_text(render_gallery("/" + sheet.relative_to(site_dir).as_posix()))
    for src in image_sources():  # the examples' photos, as the content has them
        source, target = ROOT / "content" / src, site_dir / src
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return site_dir


DRAFT_SLUG = "contoh-draf-dengan-ralat"
# A draft with corrections: shows the draft banner and the "Ralat" box in a
# real article page (the demo content has neither).
DRAFT = """---
title: Contoh Draf dengan Ralat untuk Uji Tampilan
date: 2020-02-03T09:00:00+07:00
author: Rini Oktaviani
dateline: Toboali
region: Kabupaten Bangka Selatan
tags: [pemerintahan]
summary: Naskah contoh untuk uji peramban; tidak pernah terbit.
status: draft
corrections:
  - date: 2020-02-04T08:00:00+07:00
    note: Nama desa sebelumnya tertulis Rias.
  - date: 2020-02-05
    note: Jumlah peserta diperbaiki menjadi 40 orang.
---

Naskah ini hanya ada dalam uji peramban.

Paragraf kedua dengan [tautan ke beranda](/).
"""


def _href(page, selector, what):
    tag = page.select_one(selector)
    assert tag is not None, f"no {what} found with {selector!r}"
    return urlsplit(tag["href"]).path


def _pictured_story(site):
    """The newest story with a lead picture (the richest article page)."""
    for path in sorted(site.glob("berita/*/*/*/index.html"), reverse=True):
        if soup(path).select_one("figure.warta-figure--lead"):
            return "/" + path.parent.relative_to(site).as_posix() + "/"
    return None


@pytest.fixture(scope="session")
def page_urls(site):
    """Every page type, found in the built site (so content may change)."""
    home = soup(site / "index.html")
    article = _pictured_story(site) or _href(home, ".warta-home__lead .warta-card__link", "lead")
    province = _href(home, ".warta-province-block__title a", "province")
    province_page = soup(site / province.lstrip("/") / "index.html")
    regency = _href(province_page, ".warta-region-links__list a", "regency")
    story = soup(site / article.lstrip("/") / "index.html")
    topic = _href(story, '.warta-chips__link[href*="/topik/"]', "topic")
    page2 = _href(home, '.warta-pagination a[rel="next"]', "home page 2")
    drafts = list(site.glob(f"**/{DRAFT_SLUG}/index.html"))
    assert drafts, "the draft article was not built (preview builds show drafts)"
    draft = "/" + drafts[0].parent.relative_to(site).as_posix() + "/"
    return {
        "home": "/",
        "article": article,
        "draft-article": draft,
        "province": province,
        "regency": regency,
        "topic": topic,
        "page-2": page2,
        "archive": "/arsip/",
        "regions": "/wilayah/",
        "topics": "/topik/",
        "404": "/404.html",
        "static-page": "/tentang/",
        "components": "/komponen/",
    }


PAGE_TYPES = (
    "home",
    "article",
    "draft-article",
    "province",
    "regency",
    "topic",
    "page-2",
    "archive",
    "regions",
    "topics",
    "404",
    "static-page",
    "components",
)


@pytest.fixture(scope="session")
def browser():
    require()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


class Visit:
    """A page in its own browser context; records every request it makes."""

    def __init__(self, browser, server, **options):
        self.server = server
        self.requests = []
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))

    def go(self, path):
        response = self.page.goto(self.server + path, wait_until="load")
        return response

    def third_party(self):
        """Requests that left the test server."""
        origin = urlsplit(self.server).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).netloc != origin
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server, site):
    """visit(path, width=360, **context options) -> Visit, closed after the test."""
    opened = []

    def open_(path, width=360, height=800, **options):
        options.setdefault("viewport", {"width": width, "height": height})
        v = Visit(browser, server, **options)
        opened.append(v)
        if path is not None:
            v.go(path)
        return v

    yield open_
    for v in opened:
        with contextlib.suppress(Exception):
            v.close()


def artifact(name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
