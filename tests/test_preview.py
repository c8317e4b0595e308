"""The live preview: changes show on the next request, served over http."""

import shutil
import threading
import urllib.request

import pytest

from conftest import ROOT, copy_site, site_settings
from warta_preview import PreviewSite
from warta_preview.server import make_server

ARTICLE = "berita/2019/09/jembatan-saumlaki/index.html"
NEW = """---
title: Berita Baru dari Toboali
date: 2021-05-05T09:00:00+07:00
author: Rini Oktaviani
dateline: Toboali
tags: [pemerintahan]
---

Isi berita baru.
"""


@pytest.fixture
def preview(tmp_path):
    content = copy_site("basic", tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = site_settings(content, tmp_path / "output", THEME=str(theme), DEFAULT_PAGINATION=2)
    return PreviewSite(settings, ROOT), content, theme


def page(site, path):
    body = site.render(path)
    return body.decode() if body is not None else None


def test_an_edited_article_shows_on_the_next_request(preview):
    site, content, _ = preview
    source = content / "berita" / "jembatan-saumlaki.md"
    source.write_text(source.read_text().replace("dua desa", "tiga desa"))
    version = site.version
    site.refresh([str(source)])
    assert "tiga desa" in page(site, ARTICLE)
    assert site.version > version


def test_a_new_article_gets_its_page_and_joins_the_listings(preview):
    site, content, _ = preview
    source = content / "berita" / "baru.md"
    source.write_text(NEW)
    site.refresh([str(source)])
    assert "Isi berita baru." in page(site, "berita/2021/05/baru/index.html")
    assert "Berita Baru dari Toboali" in page(site, "index.html")
    assert "Format Lama Tetap Terbaca" in page(site, "page/2/index.html")  # pushed down
    region = "wilayah/kepulauan-bangka-belitung/kabupaten-bangka-selatan/index.html"
    assert "Berita Baru dari Toboali" in page(site, region)


def test_a_deleted_article_disappears(preview):
    site, content, _ = preview
    assert page(site, ARTICLE) is not None
    source = content / "berita" / "jembatan-saumlaki.md"
    source.unlink()
    site.refresh([str(source)])
    assert site.routes.get(ARTICLE) is None
    assert "Jembatan Baru di Saumlaki" not in page(site, "index.html")


def test_a_theme_change_shows_without_restart(preview):
    site, _, theme = preview
    template = theme / "templates" / "404.html"
    template.write_text(template.read_text().replace("Halaman tidak ditemukan", "Tidak ada"))
    site.refresh([str(template)])
    assert "Tidak ada" in page(site, "404.html")


def test_listing_cards_follow_an_edited_title_and_a_changed_card_template(preview):
    site, content, theme = preview
    region = "wilayah/kepulauan-bangka-belitung/kabupaten-bangka-selatan/index.html"
    assert "Rakor Teknis Dibuka di Toboali" in page(site, region)  # its card is now kept
    source = content / "berita" / "rakor-toboali.md"
    source.write_text(source.read_text().replace("Rakor Teknis Dibuka", "Rakor Teknis Ditutup"))
    site.refresh([str(source)])
    assert "Rakor Teknis Ditutup di Toboali" in page(site, region)
    template = theme / "templates" / "macros" / "card.html"
    template.write_text(template.read_text().replace("warta-card__meta", "warta-card__info"))
    site.refresh([str(template)])
    assert "warta-card__info" in page(site, region)


def test_a_broken_file_is_reported_and_the_last_good_page_kept(preview):
    site, content, _ = preview
    source = content / "berita" / "jembatan-saumlaki.md"
    source.write_text(source.read_text().replace("date: 2019-09-02", "date: 02/09/2019"))
    site.refresh([str(source)])
    [problems] = site.problems.values()
    assert "write it year-month-day" in problems[0].message
    assert "Jembatan Baru di Saumlaki" in page(site, ARTICLE)
    source.write_text(source.read_text().replace("date: 02/09/2019", "date: 2019-09-02"))
    site.refresh([str(source)])
    assert site.problems == {}


def test_the_server_injects_live_reload_and_shows_problems(preview):
    site, content, _ = preview
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        html = urllib.request.urlopen(base + "/" + ARTICLE.removesuffix("index.html")).read()
        assert b"/__warta/events" in html
        source = content / "berita" / "jembatan-saumlaki.md"
        source.write_text(source.read_text().replace("author: Yohanes Latumahina\n", ""))
        site.refresh([str(source)])
        html = urllib.request.urlopen(base + "/").read().decode()
        assert "&#x27;author&#x27; is missing" in html
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/tidak-ada/")
        assert missing.value.code == 404
        events = urllib.request.urlopen(base + "/__warta/events", timeout=5)
        assert events.readline().startswith(b"data: ")
    finally:
        server.shutdown()
