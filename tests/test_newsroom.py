"""The newsroom's workflow: corrections, old headers, `invoke new`, drafts and embargoes."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from invoke import Context, Exit

import tasks
from conftest import ROOT, build_site, copy_site, site_settings, soup
from warta_check import check_site
from warta_newsroom.leaks import Leak, LeakFound, scan_output
from warta_newsroom.new_article import (
    ArticleExistsError,
    NewArticleError,
    front_matter,
    make_slug,
    new_article,
)
from warta_reader.reader import field_context, load_matter, metadata_of
from warta_regions.registry import load_registry

ARTICLE = """---
title: Judul Berita
date: 2020-01-21T10:00:00+07:00
author: Ani
dateline: Toboali
region: Kabupaten Bangka Selatan
tags: [pemerintahan]
corrections:
  - date: 2020-01-22T09:00+07:00
    note: Nama kepala dinas diperbaiki.
---

Isi berita.
"""
CORRECTIONS_LINE = 8
WIB = ZoneInfo("Asia/Jakarta")  # Toboali
LEGACY = """Title: Format Lama
Date: 2017-05-02 08:00
Author: Ayu Lestari
Region: Kota Pangkal Pinang
{line}

Paragraf kedua.
"""
DRAFT_TITLE = "Rencana Dermaga Baru Masih Dibahas Tertutup"
FUTURE_TITLE = "Pelabuhan Baru Diresmikan Gubernur Pekan Depan"
PAGE_TITLE = "Halaman Susunan Redaksi Baru"
FUTURE = """---
title: {title}
date: {date}
author: Rini Oktaviani
dateline: Toboali
tags: [pelabuhan]
image:
  src: images/embargo-pelabuhan.jpg
  alt: Kapal bersandar di pelabuhan baru
---

Berita ini terkena embargo.
"""
SECRETS = (
    "draf-dermaga",
    "embargo-pelabuhan",
    "redaksi-baru",
    "lampiran-rahasia",
    DRAFT_TITLE,
    FUTURE_TITLE,
    PAGE_TITLE,
)


# --- content check: corrections, dates, old headers --------------------------


@pytest.fixture
def content(tmp_path):
    return copy_site("basic", tmp_path)


def check(content, tmp_path, text, name="salah.md"):
    path = content / "berita" / name
    path.write_text(text, encoding="utf-8")
    problems = check_site(site_settings(content, tmp_path / "out"))
    return [p for p in problems if p.path.endswith(name)]


def one(problems, needle):
    found = [p for p in problems if needle in p.message]
    assert found, f"no problem mentions {needle!r}: {[str(p) for p in problems]}"
    return found[0]


def metadata(content, text, name="baik.md"):
    path = content / "berita" / name
    path.write_text(text, encoding="utf-8")
    settings = site_settings(content, content.parent / "out")
    matter = load_matter(path)
    return metadata_of(matter, str(path), field_context(settings)), matter.problems


def test_article_with_a_correction_passes(content, tmp_path):
    assert check(content, tmp_path, ARTICLE) == []


def test_corrections_are_sorted_and_the_latest_is_the_modified_date(content):
    text = ARTICLE.replace(
        "---\n\n",
        "  - date: 2020-01-21T12:00\n    note: Judul diperbaiki.\n---\n\n",
    )
    meta, problems = metadata(content, text)
    assert problems == []
    dates = [c["date"].isoformat() for c in meta["corrections"]]
    assert dates == ["2020-01-21T12:00:00+07:00", "2020-01-22T09:00:00+07:00"]
    assert [c["note"] for c in meta["corrections"]] == [
        "Judul diperbaiki.",
        "Nama kepala dinas diperbaiki.",
    ]
    assert meta["modified"] == meta["corrections"][-1]["date"]


def test_a_later_modified_date_is_kept(content):
    text = ARTICLE.replace("tags:", "modified: 2020-02-01T08:00+07:00\ntags:")
    meta, _ = metadata(content, text)
    assert meta["modified"].isoformat() == "2020-02-01T08:00:00+07:00"


@pytest.mark.parametrize(
    ("corrections", "needle"),
    [
        ("corrections: Nama diperbaiki", "'corrections' must be a list"),
        ("corrections:\n  - Nama diperbaiki", "correction 1 must have a 'date' and a 'note'"),
        ("corrections:\n  - note: Nama diperbaiki.", "correction 1 has no 'date'"),
        ("corrections:\n  - date: 2020-01-22", "correction 1 has no 'note'"),
        ("corrections:\n  - date: 2020-01-22\n    note: ' '", "correction 1 has no 'note'"),
        (
            "corrections:\n  - date: 22/01/2020\n    note: x",
            "correction 1: date '22/01/2020' is ambiguous",
        ),
        ("corrections:\n  - date: besok\n    note: x", "correction 1: date 'besok' is not a date"),
        ("corrections:\n  - date: 2020-02-30\n    note: x", "does not exist"),
        ("corrections:\n  - date: 2020-01-20\n    note: x", "is before the article's date"),
        (
            "corrections:\n  - date: 2020-01-22\n    note: x\n  - date: 2019-12-31\n    note: y",
            "correction 2: date",
        ),
        ("corrections:\n  - date: [2020-01-22]\n    note: x", "must be one date"),
        ("corrections:\n  - date: 2020-01-22\n    note: [a, b]", "'note' must be one text"),
    ],
)
def test_correction_errors_name_the_corrections_line(content, tmp_path, corrections, needle):
    text = ARTICLE.split("corrections:")[0] + corrections + "\n---\n\nIsi berita.\n"
    problem = one(check(content, tmp_path, text), needle)
    assert problem.is_error
    assert problem.line == CORRECTIONS_LINE
    assert str(problem).startswith(f"{problem.path}:{CORRECTIONS_LINE}: ")


def test_unknown_correction_field_is_a_warning(content, tmp_path):
    text = ARTICLE.replace("    note:", "    oleh: Redaksi\n    note:")
    problem = one(check(content, tmp_path, text), "unknown field 'oleh'")
    assert not problem.is_error


def test_correction_errors_stop_the_build(content, tmp_path, capsys):
    text = ARTICLE.replace("2020-01-22T09:00+07:00", "2019-01-01")
    (content / "berita" / "salah.md").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        build_site(content, tmp_path / "output")
    assert stop.value.code == 1
    assert f"salah.md:{CORRECTIONS_LINE}: error: correction 1: date" in capsys.readouterr().err


def test_date_far_in_the_future_is_a_warning(content, tmp_path):
    year = datetime.now(UTC).year + 5
    problem = one(
        check(content, tmp_path, ARTICLE.replace("date: 2020-01-21", f"date: {year}-01-21")),
        "more than a year from now",
    )
    assert problem.line == 3
    assert not problem.is_error


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("Isi artikel langsung di bawah kepala.", "no empty line between them"),
        ("PANGKALPINANG: Gubernur membuka rapat koordinasi.", "reads like text"),
        ("Pangkalpinang: gubernur hari ini membuka rapat koordinasi daerah", "reads like text"),
    ],
)
def test_legacy_header_without_blank_line_is_an_error(content, tmp_path, line, needle):
    problem = one(check(content, tmp_path, LEGACY.format(line=line)), needle)
    assert problem.is_error
    assert problem.line == 5


def test_legacy_header_with_blank_line_is_fine(content, tmp_path):
    assert check(content, tmp_path, LEGACY.format(line="\nIsi artikel.")) == []


def test_legacy_unknown_short_field_stays_a_warning(content, tmp_path):
    text = LEGACY.format(line="Subtitle: Rakor Daerah\n\nIsi.")
    problem = one(check(content, tmp_path, text), "unknown field 'subtitle'")
    assert not problem.is_error


def test_yaml_front_matter_ends_at_its_fence(content, tmp_path):
    """With YAML, a paragraph right under the closing '---' is text, not lost."""
    text = ARTICLE.replace("---\n\nIsi berita.", "---\nIsi berita tanpa baris kosong.")
    assert check(content, tmp_path, text) == []
    output = build_site(content, tmp_path / "output")
    page = soup(output / "berita/2020/01/salah/index.html")
    assert "Isi berita tanpa baris kosong." in page.select_one(".warta-article__body").get_text()


def test_check_of_a_path_that_does_not_exist_is_an_error(content, tmp_path):
    missing = content / "berita" / "tidak-ada.md"
    problems = check_site(site_settings(content, tmp_path / "out"), [missing])
    assert [(p.path, p.line, p.is_error) for p in problems] == [(str(missing), 1, True)]
    assert "no such file or folder" in problems[0].message


def test_drafts_claim_the_url_they_will_have(content, tmp_path):
    draft = ARTICLE.replace("tags:", "status: draft\ntags:")
    (content / "berita" / "2020-01").mkdir()
    (content / "berita" / "2020-02").mkdir()
    (content / "berita" / "2020-01" / "rapat.md").write_text(draft, encoding="utf-8")
    later = draft.replace("2020-01-21T10", "2020-02-21T10").replace("2020-01-22", "2020-02-22")
    (content / "berita" / "2020-02" / "rapat.md").write_text(later, encoding="utf-8")
    assert check_site(site_settings(content, tmp_path / "out")) == []  # two months, two URLs
    published = ARTICLE.replace("---\n\n", "slug: rapat\n---\n\n")
    problems = check(content, tmp_path, published, name="lain.md")
    assert "would both be published at /berita/2020/01/rapat/" in one(problems, "both").message


# --- invoke new ----------------------------------------------------------------

NOW = datetime(2026, 3, 5, 7, 30, 12, tzinfo=UTC)


def test_new_article_has_complete_front_matter_that_passes_the_check(content, tmp_path):
    settings = site_settings(content, tmp_path / "out")
    path = new_article(
        settings, "Bupati: Jalan Desa Selesai 2026", "Bangka Selatan", "Rini", "dana desa", NOW
    )
    assert path == content / "berita/2026/03/bupati-jalan-desa-selesai-2026.md"
    text = path.read_text(encoding="utf-8")
    assert "title: 'Bupati: Jalan Desa Selesai 2026'\n" in text
    assert "date: 2026-03-05T14:30+07:00\n" in text  # now, in WIB
    assert "dateline: Toboali\n" in text  # the regency's capital
    assert "region: Kabupaten Bangka Selatan\n" in text
    assert "tags: [Dana Desa]\n" in text  # as the topic registry names it
    assert "status: draft\n" in text
    assert check_site(settings, [path]) == []


def test_new_article_uses_the_regions_time_zone(content, tmp_path):
    settings = site_settings(content, tmp_path / "out")
    path = new_article(settings, "Jembatan Saumlaki", "Kepulauan Tanimbar", "Yohanes", "", NOW)
    text = path.read_text(encoding="utf-8")
    assert "date: 2026-03-05T16:30+09:00\n" in text  # WIT
    assert "dateline: Saumlaki\n" in text
    assert check_site(settings, [path]) == []


def test_new_article_for_a_province(content, tmp_path):
    settings = site_settings(content, tmp_path / "out")
    path = new_article(settings, "Rapat Gubernur", "Babel", "Ani", "", NOW)
    text = path.read_text(encoding="utf-8")
    assert "region: Provinsi Kepulauan Bangka Belitung\n" in text
    assert "dateline: Pangkalpinang\n" in text
    assert check_site(settings, [path]) == []


def test_every_regions_capital_is_a_dateline_the_check_accepts():
    registry = load_registry()
    for region in registry:
        place = registry.from_dateline(region.capital)
        if place is not None:
            assert registry.province_of(place) == registry.province_of(region), region


def test_new_article_refuses_to_overwrite(content, tmp_path):
    settings = site_settings(content, tmp_path / "out")
    path = new_article(settings, "Judul Sama", "Toboali", "Ani", "", NOW)
    path.write_text("tulisan jurnalis", encoding="utf-8")
    with pytest.raises(ArticleExistsError, match="already exists; nothing was written"):
        new_article(settings, "Judul Sama", "Bangka Selatan", "Budi", "", NOW)
    assert path.read_text(encoding="utf-8") == "tulisan jurnalis"


@pytest.mark.parametrize(
    ("title", "region", "author", "needle"),
    [
        ("Judul", "Bangka Selatn", "Ani", "unknown region 'Bangka Selatn'; did you mean"),
        ("Judul", "Gorontalo", "Ani", "ambiguous region"),
        ("  ", "Toboali", "Ani", "the title is empty"),
        ("!!!", "Toboali", "Ani", "cannot make a file name"),
        ("Judul", "Toboali", "", "no author"),
    ],
)
def test_new_article_explains_what_is_wrong(content, tmp_path, title, region, author, needle):
    settings = site_settings(content, tmp_path / "out")
    with pytest.raises(NewArticleError, match=needle):
        new_article(settings, title, region, author, "", NOW)
    assert not (content / "berita" / "2026").exists()


def test_long_titles_make_short_slugs():
    slug = make_slug("Kata " * 40)
    assert len(slug) <= 80 and not slug.endswith("-")


def test_front_matter_quotes_only_where_yaml_needs_it():
    region = load_registry().resolve("Bangka Selatan")
    when = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    text = front_matter("Yes", when, "O'Brien", region, ["a: b", "umkm"])
    assert "title: 'Yes'\n" in text
    assert "author: O'Brien\n" in text
    assert "tags: ['a: b', umkm]\n" in text


def test_invoke_new_task_refuses_to_overwrite(content, monkeypatch, capsys):
    monkeypatch.setitem(tasks.CONFIG, "content", str(content))
    tasks.new(Context(), "Judul Dari Tugas", "Bangka Selatan", author="Ani", tags="umkm")
    out = capsys.readouterr().out
    assert "Created " in out and "judul-dari-tugas.md" in out
    assert "Content check: 0 error(s)" in out
    with pytest.raises(Exit) as refused:
        tasks.new(Context(), "Judul Dari Tugas", "Bangka Selatan", author="Ani")
    assert refused.value.code == 1
    assert "already exists" in str(refused.value.message)


def test_invoke_new_unknown_region_exits_1():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "invoke"), "new", "Judul", "--region", "Bangka Selatn"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "unknown region 'Bangka Selatn'; did you mean 'Kabupaten Bangka Selatan'" in (
        result.stderr
    )


# --- drafts and embargoes: preview and publish builds --------------------------


def newsroom_content(tmp_path):
    """tests/sites/newsroom plus an article dated ten days from now."""
    content = copy_site("newsroom", tmp_path)
    date = (datetime.now(WIB) + timedelta(days=10)).replace(second=0, microsecond=0)
    (content / "berita" / "embargo-pelabuhan.md").write_text(
        FUTURE.format(title=FUTURE_TITLE, date=date.isoformat()), encoding="utf-8"
    )
    return content, date


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("preview")
    content, date = newsroom_content(tmp)
    return build_site(content, tmp / "output"), date


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("publish")
    content, _ = newsroom_content(tmp)
    output = tmp / "output"
    build_site(content, output, "pelicanconf.py")  # a preview first, into the same folder
    return build_site(content, output, "publishconf.py")


def files(output):
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())


def image_files(output, stem):
    """The photo ``images/<stem>.jpg`` as published: itself or its resized copies."""
    return [
        name
        for name in files(output)
        if name.startswith(f"images/{stem}") and name[len(f"images/{stem}")] in "-_.@"
    ]


def future_url(date):
    return f"berita/{date:%Y}/{date:%m}/embargo-pelabuhan/"


def test_publish_build_has_no_trace_of_drafts_or_embargoed_articles(published):
    for name in files(published):
        assert not any(s in name for s in ("draf-dermaga", "embargo", "redaksi-baru")), name
        path = published / name
        if path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8")
            for secret in SECRETS:
                assert secret not in text, f"{secret!r} in {name}"


def test_publish_build_keeps_the_published_article_and_its_images(published):
    assert (published / "berita/2020/03/terbit/index.html").is_file()
    assert (published / "tentang/index.html").is_file()
    assert image_files(published, "terbit")
    assert image_files(published, "bersama")  # used by the draft and a published story
    assert not image_files(published, "draf-dermaga")
    assert not image_files(published, "embargo-pelabuhan")
    assert not image_files(published, "tak-terpakai")  # used by nothing
    assert (published / "files/umum.pdf").is_file()
    assert not (published / "files/lampiran-rahasia.pdf").exists()  # linked by the draft only


def test_publish_feed_lists_only_published_articles(published):
    feed = feedparser.parse((published / "feeds/semua.atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Dermaga Lama Toboali Diperbaiki Dinas Perhubungan"]


def test_preview_builds_drafts_and_embargoes_at_their_normal_url(preview):
    output, date = preview
    assert (output / "berita/2020/03/draf-dermaga/index.html").is_file()
    assert (output / future_url(date) / "index.html").is_file()
    assert (output / "redaksi-baru/index.html").is_file()
    assert not (output / "draf").exists()
    assert image_files(output, "draf-dermaga")
    assert image_files(output, "embargo-pelabuhan")
    assert (output / "files/lampiran-rahasia.pdf").is_file()


def test_preview_lists_drafts_and_embargoes(preview):
    output, date = preview
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "/berita/2020/03/draf-dermaga/" in home
    assert f"/{future_url(date)}" in home
    feed = feedparser.parse((output / "feeds/semua.atom.xml").read_bytes())
    assert {e.title for e in feed.entries} >= {DRAFT_TITLE, FUTURE_TITLE}


def test_preview_listing_marks_drafts_and_embargoes(preview):
    output, date = preview
    labels = {}
    for card in soup(output / "index.html").select(".warta-card"):
        label = card.select_one(".warta-card__label")
        labels[card.select_one(".warta-card__link")["href"]] = label and label.get_text()
    assert labels["/berita/2020/03/draf-dermaga/"] == "Draf"
    assert labels[f"/{future_url(date)}"] == "Terjadwal"
    assert labels["/berita/2020/03/terbit/"] is None


def test_preview_draft_has_the_draft_banner(preview):
    output, _ = preview
    page = soup(output / "berita/2020/03/draf-dermaga/index.html")
    banner = page.select_one(".warta-draft-banner")
    assert banner is not None
    assert "warta-draft-banner--scheduled" not in banner["class"]
    assert banner.select_one(".warta-draft-banner__label").get_text().upper() == "DRAF"


def test_preview_embargoed_article_has_the_scheduled_banner(preview):
    output, date = preview
    page = soup(output / future_url(date) / "index.html")
    banner = page.select_one(".warta-draft-banner--scheduled")
    assert banner is not None
    assert banner.select_one(".warta-draft-banner__label").get_text().upper() == "TERJADWAL"
    assert banner.time["datetime"] == date.isoformat(timespec="minutes")


def test_published_article_has_no_banner(preview):
    output, _ = preview
    page = soup(output / "berita/2020/03/terbit/index.html")
    assert page.select_one(".warta-draft-banner") is None


def test_corrections_box_and_modified_date(preview):
    output, _ = preview
    page = soup(output / "berita/2020/03/terbit/index.html")
    box = page.select_one(".warta-corrections")
    assert box is not None
    times = [t["datetime"] for t in box.select("time")]
    assert times == ["2020-03-03T00:00+07:00", "2020-03-05T14:00+07:00"]  # oldest first
    modified = page.select_one('meta[property="article:modified_time"]')["content"]
    assert modified == "2020-03-05T14:00+07:00"
    feed = feedparser.parse((output / "feeds/semua.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("/berita/2020/03/terbit/"))
    assert entry.updated.startswith("2020-03-05T14:00:00")


# --- the leak scan -------------------------------------------------------------


def test_link_from_a_published_story_to_a_draft_fails_the_publish_build(tmp_path, capsys):
    content, _ = newsroom_content(tmp_path)
    story = content / "berita" / "terbit.md"
    story.write_text(
        story.read_text(encoding="utf-8")
        + "\nBaca juga [rencana dermaga](/berita/2020/03/draf-dermaga/).\n",
        encoding="utf-8",
    )
    with pytest.raises(LeakFound) as failure:
        build_site(content, tmp_path / "output", "publishconf.py")
    assert failure.value.code == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "berita/2020/03/terbit/index.html:" in x)
    assert "draf-dermaga.md (a draft) shows up here: the URL 'berita/2020/03/draf-dermaga/'" in line
    assert "; remove the link or mention from " in line and line.count("terbit.md") == 1
    assert "Leak scan:" in err and "do not upload it" in err


class _Item:
    """Just enough of an Article for scan_output."""

    def __init__(self, source, slug, title, image=None, status="published"):
        self.source_path = source
        self.slug = slug
        self.title = title
        self.status = status
        self.url = f"berita/{slug}/"
        self.save_as = f"berita/{slug}/index.html"
        self.image = {"src": image} if image else None
        self.metadata = {}
        self.date = None
        self.settings = {"ARTICLE_URL": "berita/{slug}/", "DRAFT_URL": "draf/{slug}/"}

    @property
    def url_format(self):
        return {"slug": self.slug}

    def get_static_links(self):
        return set()


def _leak_scan(tmp_path, pages):
    output = tmp_path / "out"
    for name, text in pages.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(text, encoding="utf-8")
    draft = _Item("berita/rahasia.md", "rahasia", "Judul Yang Masih Rahasia", status="draft")
    public = _Item("berita/umum.md", "umum", "Judul Untuk Umum", "images/umum.jpg")
    images = {"images/foto-rahasia.jpg": draft}
    return scan_output(output, [draft], [public], images, {"images/umum.jpg"})


@pytest.mark.parametrize(
    ("name", "text", "what"),
    [
        ("index.html", '<a href="/draf/rahasia/">x</a>', "the URL 'draf/rahasia/'"),
        ("index.html", "<h3>Judul Yang Masih Rahasia</h3>", "the title"),
        ("feed.xml", "<title>Judul Yang Masih Rahasia</title>", "the title"),
        ("index.html", '<meta content="Judul Yang Masih Rahasia">', "the title"),
        ("index.html", '<img src="/images/foto-rahasia.jpg">', "the image"),
        ("index.html", '<a href="{filename}rahasia.md">x</a>', "the file name 'rahasia.md'"),
        ("images/foto-rahasia-640.webp", "", "the image 'images/foto-rahasia.jpg'"),
        ("og/rahasia.png", "", "a file named after its slug 'rahasia'"),
        ("berita/rahasia/index.html", "", "the page"),
    ],
)
def test_leak_scan_finds(tmp_path, name, text, what):
    leaks = _leak_scan(tmp_path, {name: text})
    assert [leak.what.startswith(what) for leak in leaks] == [True], leaks
    assert isinstance(leaks[0], Leak) and leaks[0].source.endswith("rahasia.md")


@pytest.mark.parametrize(
    "text",
    [
        "<p>Kata rahasia dalam teks biasa, dan Judul Yang Masih Rahasia di tengah kalimat.</p>",
        '<a href="/berita/bukan-rahasia/">x</a>',
        '<img src="/images/umum.jpg">',
        "<h3>Judul Untuk Umum</h3>",
    ],
)
def test_leak_scan_ignores_what_is_no_leak(tmp_path, text):
    files = {"index.html": text, "images/umum-640.webp": "", "berita/umum/index.html": ""}
    assert _leak_scan(tmp_path, files) == []
