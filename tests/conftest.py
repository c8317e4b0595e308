"""Shared fixtures: build a real Warta site into a temporary folder."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"
LOCAL_FEED_DOMAIN = "http://127.0.0.1:8000"


def site_settings(content, output, config="pelicanconf.py", **override):
    """Warta's settings pointed at ``content`` and ``output``."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **override}
    return read_settings(str(ROOT / config), override=override)


def build_site(content, output, config="pelicanconf.py", **override):
    """Build the site in ``content`` into ``output`` and return ``output``."""
    Pelican(site_settings(content, output, config, **override)).run()
    return Path(output)


def copy_site(name, tmp_path):
    """Copy tests/sites/<name>/content into ``tmp_path`` and return the copy."""
    target = Path(tmp_path) / "content"
    shutil.copytree(SITES / name / "content", target)
    return target


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def output_file(output, url):
    """The file a root-relative URL is served from."""
    path = urlsplit(url).path.lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    return Path(output) / path


def internal_links(page):
    """Every href/src on a page that points into the site."""
    for tag in page.find_all(href=True):
        yield tag["href"]
    for tag in page.find_all(src=True):
        yield tag["src"]


def is_internal(url):
    return (url.startswith("/") and not url.startswith("//")) or url.startswith(LOCAL_FEED_DOMAIN)


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory):
    """The tiny site in tests/sites/basic, built once per test module."""
    tmp = tmp_path_factory.mktemp("basic")
    content = copy_site("basic", tmp)
    return build_site(content, tmp / "output")
