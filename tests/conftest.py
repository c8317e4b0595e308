"""Shared fixtures: build a real Warta site into a temporary folder."""

import importlib
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"
LOCAL_FEED_DOMAIN = "http://127.0.0.1:8000"


def site_settings(content, output, config="pelicanconf.py", **override):
    """Warta's settings pointed at ``content`` and ``output``."""
    cache = Path(output).parent / "cache"
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        **override,
    }
    return read_settings(str(ROOT / config), override=override)


def build_site(content, output, config="pelicanconf.py", **override):
    """Build the site in ``content`` into ``output`` and return ``output``."""
    settings = site_settings(content, output, config, **override)
    pelican_class(settings)(settings).run()
    return Path(output)


def pelican_class(settings):
    """The class named by PELICAN_CLASS (Warta's build), as the CLI uses it."""
    module, name = settings["PELICAN_CLASS"].rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


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


def broken_links(output):
    """(page, url) for every internal link in ``output`` that leads to no file."""
    missing = set()
    for html in Path(output).rglob("*.html"):
        for url in internal_links(soup(html)):
            target = output_file(output, url.removeprefix(LOCAL_FEED_DOMAIN))
            if is_internal(url) and not target.is_file():
                missing.add((html.relative_to(output).as_posix(), url))
    return sorted(missing)


def is_internal(url):
    return (url.startswith("/") and not url.startswith("//")) or url.startswith(LOCAL_FEED_DOMAIN)


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory):
    """The tiny site in tests/sites/basic, built once per test module."""
    tmp = tmp_path_factory.mktemp("basic")
    content = copy_site("basic", tmp)
    return build_site(content, tmp / "output")
