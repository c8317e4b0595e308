"""Warta's build: deterministic, parallel, leaves unchanged files alone."""

import filecmp
import logging
import os
import time
from datetime import UTC, datetime, timedelta

import pytest

from conftest import build_site, copy_site
from warta_check import ContentCheckFailed


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def assert_same_trees(first, second):
    assert tree(first) == tree(second)
    for name in tree(first):
        assert filecmp.cmp(first / name, second / name, shallow=False), name


@pytest.fixture
def content(tmp_path):
    return copy_site("basic", tmp_path)


def test_two_builds_are_byte_identical(content, tmp_path):
    first = build_site(content, tmp_path / "one")
    second = build_site(content, tmp_path / "two")
    assert_same_trees(first, second)


def test_parallel_build_writes_the_same_site(content, tmp_path):
    serial = build_site(content, tmp_path / "serial", WARTA_BUILD_PROCESSES=1)
    parallel = build_site(
        content,
        tmp_path / "parallel",
        WARTA_BUILD_PROCESSES=3,
        WARTA_PARALLEL_MIN_FILES=1,
        WARTA_BUILD_MEMORY_MB=0,
    )
    assert_same_trees(serial, parallel)


def test_unchanged_files_keep_their_mtime(content, tmp_path, capsys):
    output = build_site(content, tmp_path / "output")
    home = output / "index.html"
    os.utime(home, (1_000_000, 1_000_000))
    build_site(content, output)
    assert home.stat().st_mtime == 1_000_000
    assert "(0 written, 46 unchanged, 0 removed" in capsys.readouterr().out


def test_an_edit_rewrites_the_pages_that_changed(content, tmp_path):
    output = build_site(content, tmp_path / "output")
    page = output / "berita/2019/09/jembatan-saumlaki/index.html"
    os.utime(page, (1_000_000, 1_000_000))
    source = content / "berita" / "jembatan-saumlaki.md"
    source.write_text(source.read_text().replace("dua desa", "tiga desa"))
    build_site(content, output)
    assert page.stat().st_mtime != 1_000_000
    assert "tiga desa" in page.read_text()


def test_an_edit_leaves_unchanged_pages_and_bundles_alone(content, tmp_path):
    output = build_site(content, tmp_path / "output")
    kept = [output / "tentang/index.html", *output.glob("theme/css/warta.*.css")]
    assert len(kept) == 2
    for path in kept:
        os.utime(path, (1_000_000, 1_000_000))
    source = content / "berita" / "jembatan-saumlaki.md"
    source.write_text(source.read_text().replace("dua desa", "tiga desa"))
    build_site(content, output)
    assert [path.stat().st_mtime for path in kept] == [1_000_000, 1_000_000]


def test_files_no_longer_produced_are_removed(content, tmp_path):
    output = build_site(content, tmp_path / "output")
    gone = output / "berita/2019/09/jembatan-saumlaki/index.html"
    assert gone.is_file()
    (content / "berita" / "jembatan-saumlaki.md").unlink()
    build_site(content, output)
    assert not gone.exists()
    assert not gone.parent.exists()
    assert (output / "index.html").is_file()


def test_a_first_build_records_every_file_it_wrote(content, tmp_path):
    import json

    from conftest import site_settings
    from warta_build import state

    output = build_site(content, tmp_path / "output")
    settings = site_settings(content, output)
    with open(state.record_path(settings), encoding="utf-8") as handle:
        recorded = json.load(handle)["files"]
    assert sorted(recorded) == tree(output)


def test_old_files_go_but_retained_folders_stay(content, tmp_path):
    output = tmp_path / "output"
    (output / ".git").mkdir(parents=True)
    (output / ".git" / "config").write_text("[core]")
    (output / "lama" / "index.html").parent.mkdir()
    (output / "lama" / "index.html").write_text("old page")
    old = time.time() - 60
    for path in (output / ".git" / "config", output / "lama" / "index.html"):
        os.utime(path, (old, old))
    build_site(content, output, OUTPUT_RETENTION=[".git"])
    assert (output / ".git" / "config").read_text() == "[core]"
    assert not (output / "lama").exists()


def test_a_failed_build_leaves_the_previous_site_in_place(content, tmp_path):
    output = build_site(content, tmp_path / "output")
    before = tree(output)
    (content / "berita" / "rusak.md").write_text("---\ntitle: x\n")
    with pytest.raises(ContentCheckFailed):
        build_site(content, output)
    assert tree(output) == before


def test_a_build_with_nothing_changed_does_nothing(content, tmp_path, capsys):
    output = build_site(content, tmp_path / "output")
    home = output / "index.html"
    before = home.stat().st_mtime_ns
    capsys.readouterr()
    build_site(content, output)
    assert "nothing changed since the last build" in capsys.readouterr().out
    assert home.stat().st_mtime_ns == before


@pytest.mark.parametrize("change", ["edit", "delete-output", "settings"])
def test_any_change_builds_again(content, tmp_path, capsys, change):
    output = build_site(content, tmp_path / "output")
    override = {}
    if change == "edit":
        source = content / "berita" / "jembatan-saumlaki.md"
        source.write_text(source.read_text().replace("dua desa", "tiga desa"))
    elif change == "delete-output":
        (output / "tentang" / "index.html").unlink()
    else:
        override["SITENAME"] = "Warta Lain"
    capsys.readouterr()
    build_site(content, output, **override)
    assert "nothing changed" not in capsys.readouterr().out
    assert (output / "tentang" / "index.html").is_file()


def test_the_output_stops_being_current_when_an_embargo_ends(content, tmp_path):
    from conftest import pelican_class, site_settings
    from warta_build import state

    later = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    embargoed = (content / "berita" / "jembatan-saumlaki.md").read_text()
    (content / "berita" / "nanti.md").write_text(
        embargoed.replace("date: 2019-09-02", f"date: {later.isoformat()}")
    )
    output = build_site(content, tmp_path / "output", config="publishconf.py")
    assert not list(output.glob(f"berita/{later:%Y}/{later:%m}/nanti"))
    settings = site_settings(content, output, config="publishconf.py")
    pelican = pelican_class(settings)(settings)  # settings as the build sees them
    digest = state.fingerprint(pelican.settings)
    ends = later.timestamp()
    assert state.is_current(pelican.settings, digest, now=ends - 1)
    assert not state.is_current(pelican.settings, digest, now=ends)


def test_article_bodies_are_kept_compressed_and_never_memoised():
    from pelican.settings import DEFAULT_CONFIG

    from warta_build.generators import WartaArticle

    settings = {**DEFAULT_CONFIG, "SITEURL": "https://warta.example"}
    body = "<p>Isi berita yang cukup panjang untuk dikompres. </p>" * 40
    article = WartaArticle(
        body, {"title": "Judul", "date": datetime(2020, 1, 21, tzinfo=UTC)}, settings=settings
    )
    assert article.content == body
    assert len(article.__dict__["_packed_content"]) < len(body) / 5
    article._content = "<p>Diralat.</p>"  # a later change shows: nothing kept from before
    assert article.content == "<p>Diralat.</p>"


def test_article_static_links_are_found_without_unpacking_plain_bodies():
    from pelican.settings import DEFAULT_CONFIG

    from warta_build.generators import WartaArticle

    meta = {"title": "Judul", "date": datetime(2020, 1, 21, tzinfo=UTC)}
    linked = '<p><a href="{static}/dokumen/apbd.pdf">APBD</a> <a href="{attach}peta.png">x</a></p>'
    article = WartaArticle(linked, meta, settings=DEFAULT_CONFIG, source_path="berita/a.md")
    assert article.get_static_links() == {"dokumen/apbd.pdf", "berita/peta.png"}
    plain = WartaArticle("<p>Isi.</p>", meta, settings=DEFAULT_CONFIG, source_path="berita/a.md")
    del plain.__dict__["_packed_content"]  # not unpacked: it would fail
    assert plain.get_static_links() == set()


def test_article_links_are_filled_in_only_in_bodies_that_can_hold_one(monkeypatch):
    from pelican.settings import DEFAULT_CONFIG

    from warta_build.generators import WartaArticle

    meta = {"title": "Judul", "date": datetime(2020, 1, 21, tzinfo=UTC)}
    settings = {**DEFAULT_CONFIG, "SITEURL": "https://warta.example"}
    linked = '<p><a href="{index}">Beranda</a> dan <a href="|index|">lagi</a></p>'
    article = WartaArticle(linked, meta, settings=settings, source_path="berita/a.md")
    filled_in = article.get_content("https://warta.example")
    assert filled_in.count('href="https://warta.example/index.html"') == 2
    filled = []
    monkeypatch.setattr(WartaArticle, "_update_content", lambda s, h, u: filled.append(h) or h)
    plain = WartaArticle("<p>Isi tanpa tautan.</p>", meta, settings=settings)
    assert plain.content == "<p>Isi tanpa tautan.</p>" and not filled
    # another pattern for links: every body is looked at
    custom = {**settings, "INTRASITE_LINK_REGEX": "<<(?P<what>.*?)>>"}
    WartaArticle("<p>Isi.</p>", meta, settings=custom).get_content("")
    assert filled == ["<p>Isi.</p>"]


def test_pelicans_content_cache_still_works(content, tmp_path, monkeypatch):
    from warta_reader.reader import WartaReader

    options = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "WARTA_SKIP_UNCHANGED": False}
    first = build_site(content, tmp_path / "one", CACHE_PATH=str(tmp_path / "cache"), **options)
    reads = []
    original = WartaReader.read
    monkeypatch.setattr(
        WartaReader, "read", lambda self, path: reads.append(path) or original(self, path)
    )
    second = build_site(content, tmp_path / "two", CACHE_PATH=str(tmp_path / "cache"), **options)
    assert not [path for path in reads if "/berita/" in path]  # articles came from the cache
    page = "berita/2020/01/rakor-toboali/index.html"
    assert (second / page).read_bytes() == (first / page).read_bytes()


def test_pages_work_out_their_url_once_per_status():
    from pelican.settings import DEFAULT_CONFIG

    from warta_build.generators import WartaPage

    settings = {**DEFAULT_CONFIG, "PAGE_URL": "{slug}/", "DRAFT_PAGE_URL": "draf/{slug}/"}
    page = WartaPage("<p>Isi.</p>", {"title": "Tentang Kami"}, settings=settings)
    assert (page.url, page.save_as) == ("tentang-kami/", "pages/tentang-kami.html")
    settings["PAGE_URL"] = "changed/{slug}/"
    assert page.url == "tentang-kami/"  # worked out once
    page.status = "draft"
    assert page.url == "draf/tentang-kami/"


def test_writers_are_forked_only_while_they_fit_in_memory(content, tmp_path, caplog):
    from warta_build import _writers_that_fit

    assert _writers_that_fit(1024, 600) == 1  # 50,000 articles: the main process writes alone
    assert _writers_that_fit(1024, 150) >= 2  # 10,000 articles
    assert _writers_that_fit(0, 600) >= 1
    with caplog.at_level(logging.INFO, logger="warta_build"):
        build_site(
            content,
            tmp_path / "out",
            WARTA_BUILD_PROCESSES=2,
            WARTA_PARALLEL_MIN_FILES=1,
            WARTA_BUILD_MEMORY_MB=1,
        )
    assert "Writing in 1 process(es), not 2, to stay within WARTA_BUILD_MEMORY_MB" in caplog.text
