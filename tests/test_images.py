"""warta_images: upright photos without metadata, <picture> markup, a cache, social images.

The site in tests/sites/images is built with two small widths so the tests
stay fast; its photos are drawn here (``draw_photos``): a phone photo stored
sideways with EXIF orientation 6, GPS, XMP, an ICC profile and a comment,
and a chart with transparency.
"""

import logging
import os
import re
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from PIL import ExifTags, Image, ImageCms
from PIL.TiffImagePlugin import IFDRational

from conftest import ROOT, build_site, copy_site, output_file, site_settings, soup
from warta_check import check_site
from warta_images.catalog import copy_widths, social_size, split_credit
from warta_images.sources import SourceProblem, resolve_source
from warta_settings import WartaConfigError

ARTICLE = "berita/2020/01/foto-ponsel/index.html"
NO_PHOTO = "berita/2020/02/tanpa-foto/index.html"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff"}
RED, BLUE = (220, 30, 30), (30, 30, 220)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="2,3.79S"/></rdf:RDF></x:xmpmeta>'
)


def fast_settings(tmp_path, **override):
    """Small widths and social size, and a cache of the test's own."""
    return {
        "WARTA_IMAGE_WIDTHS": (160, 320),
        "WARTA_IMAGE_FALLBACK_WIDTH": 160,
        "WARTA_SOCIAL_IMAGE_SIZE": (600, 315),
        "WARTA_IMAGE_CACHE": str(Path(tmp_path) / "cache"),
        **override,
    }


def phone_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Contoh"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(2, 1), IFDRational(3, 1), IFDRational(4716, 100))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(105, 1), IFDRational(10, 1), IFDRational(27, 1))
    return exif


def draw_photos(content):
    """Write images/ponsel.jpg (sideways phone photo) and images/grafik.png."""
    folder = Path(content) / "images"
    folder.mkdir(exist_ok=True)
    upright = Image.new("RGB", (300, 400), RED)  # as the reader should see it
    upright.paste(BLUE, (0, 200, 300, 400))  # red above, blue below
    stored = upright.rotate(90, expand=True)  # what the phone wrote: 400 × 300
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    stored.save(
        folder / "ponsel.jpg",
        "JPEG",
        exif=phone_exif(),
        xmp=XMP,
        icc_profile=srgb,
        comment=b"Lokasi: rumah narasumber",
        quality=90,
    )
    chart = Image.new("RGBA", (480, 240), (0, 0, 0, 0))
    chart.paste((40, 120, 60, 255), (40, 40, 200, 240))
    chart.save(folder / "grafik.png", "PNG")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("images")
    content = copy_site("images", tmp)
    draw_photos(content)
    output = build_site(content, tmp / "output", **fast_settings(tmp))
    return {"tmp": tmp, "content": content, "output": output}


@pytest.fixture(scope="module")
def output(site):
    return site["output"]


@pytest.fixture(scope="module")
def article(output):
    return soup(output / ARTICLE)


def image_files(folder):
    return sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)


# --- the source really carries what must not leak ----------------------------


def test_the_test_photo_is_sideways_with_gps(site):
    with Image.open(site["content"] / "images/ponsel.jpg") as photo:
        assert photo.size == (400, 300)
        exif = photo.getexif()
        assert exif[ExifTags.Base.Orientation] == 6
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert "xmp" in photo.info and "comment" in photo.info


# --- nothing of the photographer's metadata is published ---------------------


def test_no_published_image_carries_metadata(output):
    files = image_files(output)
    assert len(files) > 10
    for path in files:
        if path.suffix == ".svg":
            continue
        data = path.read_bytes()
        for marker in (
            b"Exif\x00\x00",
            b"<x:xmpmeta",
            b"http://ns.adobe.com/xap",
            b"Photoshop 3.0",
        ):
            assert marker not in data, f"{marker!r} in {path}"
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo), path
            leaked = set(image.info) & {"exif", "xmp", "icc_profile", "comment", "photoshop"}
            assert not leaked, f"{leaked} in {path}"
            if image.format == "JPEG":
                assert [marker for marker, _ in image.applist] in ([], ["APP0"]), path


def test_originals_are_not_published(output):
    names = {p.name for p in output.rglob("*")}
    assert "ponsel.jpg" not in names
    assert "grafik.png" not in names


def test_phone_photo_comes_out_upright(output):
    copies = [p for p in sorted(output.glob("images/ponsel-*.jpg")) if "sosial" not in p.name]
    assert copies
    for path in copies:
        with Image.open(path) as image:
            width, height = image.size
            assert height > width, path  # portrait, as the phone showed it
            rgb = image.convert("RGB")
            top, bottom = rgb.getpixel((width // 2, 5)), rgb.getpixel((width // 2, height - 5))
            assert top[0] > 150 and top[2] < 100, f"top of {path.name} is {top}, not red"
            assert bottom[2] > 150 and bottom[0] < 100, f"bottom of {path.name} is {bottom}"


# --- markup ------------------------------------------------------------------


def test_lead_photo_is_a_picture_with_avif_webp_and_jpeg(article, output):
    figure = article.select_one("figure.warta-figure--lead")
    picture = figure.picture
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    image = picture.img
    assert image["alt"] == "Bupati berdiri di jalan desa yang berlubang"
    assert (int(image["width"]), int(image["height"])) == (160, 213)
    assert image["fetchpriority"] == "high"
    assert "loading" not in image.attrs
    assert image["sizes"] and image["srcset"]
    for source in [*picture.find_all("source"), image]:
        for candidate in source["srcset"].split(","):
            url, width = candidate.split()
            assert output_file(output, url).is_file(), url
            assert re.fullmatch(r"\d+w", width)


def test_copies_are_never_wider_than_the_photo(article):
    srcset = article.select_one("figure.warta-figure--lead img")["srcset"]
    widths = [int(c.split()[1][:-1]) for c in srcset.split(",")]
    assert widths == [160, 300]  # the photo is 300 px wide upright: no 320


def test_lead_caption_and_credit(article):
    caption = article.select_one("figure.warta-figure--lead figcaption")
    assert caption.get_text(" ", strip=True) == (
        "Bupati meninjau jalan desa di Toboali. Foto: Humas Basel"
    )
    assert caption.select_one(".warta-figure__credit").get_text() == "Foto: Humas Basel"


def test_body_image_becomes_a_lazy_figure_with_caption(article):
    body = article.select_one(".warta-article__body")
    figure = body.select_one("figure.warta-figure")
    assert figure.parent.name != "p"
    image = figure.img
    assert image["alt"] == "Grafik anggaran jalan desa 2020"
    assert image["loading"] == "lazy" and image["decoding"] == "async"
    assert "fetchpriority" not in image.attrs
    assert figure.select_one("source[type='image/avif']")
    caption = figure.figcaption
    assert caption.get_text(" ", strip=True) == "Anggaran jalan desa per kecamatan. Foto: Bappeda"


def test_article_has_a_social_crop_of_its_photo(article, output):
    url = article.select_one('meta[property="og:image"]')["content"]
    path = output_file(output, url.split("8000", 1)[-1])
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.size == (300, 158)  # 600×315 scaled to the 300 px photo, never up
    width = article.select_one('meta[property="og:image:width"]')["content"]
    assert width == "300"


def test_article_without_photo_gets_a_drawn_card(output):
    page = soup(output / NO_PHOTO)
    url = page.select_one('meta[property="og:image"]')["content"]
    path = output_file(output, url.split("8000", 1)[-1])
    with Image.open(path) as image:
        assert image.size == (600, 315)
        assert not image.getexif()
        assert len(image.convert("RGB").getcolors(1 << 16) or []) > 4  # text was drawn


# --- cache -------------------------------------------------------------------


def test_second_build_encodes_nothing(site, caplog):
    output = site["output"]
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in image_files(output)}
    with caplog.at_level(logging.INFO, logger="warta_images"):
        build_site(
            site["content"], output, WARTA_SKIP_UNCHANGED=False, **fast_settings(site["tmp"])
        )
    assert "Images: 0 file(s) encoded" in caplog.text
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in image_files(output)}
    assert after == before


def test_a_changed_photo_is_encoded_again_under_new_names(tmp_path, caplog):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    settings = fast_settings(tmp_path)
    build_site(content, tmp_path / "out", **settings)
    first = {p.name for p in (tmp_path / "out/images").glob("grafik-*")}
    chart = Image.new("RGB", (480, 240), (200, 200, 0))
    chart.save(content / "images/grafik.png")
    with caplog.at_level(logging.INFO, logger="warta_images"):
        build_site(content, tmp_path / "out", **settings)
    second = {p.name for p in (tmp_path / "out/images").glob("grafik-*")}
    assert first and second and not first & second  # new content, new names
    # only the chart's files (2 widths × 3 formats + social crop) were made again
    assert "Images: 7 file(s) encoded" in caplog.text


# --- Pelican's static generator never copies a photo -------------------------


def test_images_in_static_paths_are_not_copied_as_they_are(tmp_path, caplog):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    settings = fast_settings(tmp_path, STATIC_PATHS=["images"])
    with caplog.at_level(logging.WARNING, logger="warta_images"):
        output = build_site(content, tmp_path / "out", **settings)
    assert not (output / "images/ponsel.jpg").exists()
    assert not (output / "images/grafik.png").exists()
    assert "not published as they are" in caplog.text


# --- content check -------------------------------------------------------------

ARTICLE_HEAD = """---
title: Judul
date: 2020-01-21T10:00:00+07:00
author: Ani
region: Kabupaten Bangka Selatan
---

"""


@pytest.mark.parametrize(
    ("body", "line", "needle"),
    [
        ('Teks.\n\n<img src="../images/grafik.png">\n', 10, "has no alt text"),
        ('<p>Teks</p>\n<img\n  src="../images/grafik.png"\n  alt="">\n', 9, "has no alt text"),
        ("![Peta](../images/peta.jpg)\n", 8, "'../images/peta.jpg' does not exist"),
        ("Teks.\n\n![Peta](../../../rahasia.jpg)\n", 10, "outside the content folder"),
        ("![Foto](../images/foto.heic)\n", 8, "HEIC file"),
    ],
)
def test_content_check_reports_body_image_problems(tmp_path, body, line, needle):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    (content / "images/foto.heic").write_bytes(b"not really")
    (content / "berita/salah.md").write_text(ARTICLE_HEAD + body, encoding="utf-8")
    problems = [
        p for p in check_site(site_settings(content, tmp_path / "out")) if "salah" in p.path
    ]
    found = [p for p in problems if needle in p.message]
    assert found, [str(p) for p in problems]
    assert found[0].line == line and found[0].is_error


def test_content_check_reports_a_lead_photo_it_cannot_publish(tmp_path):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    (content / "images/foto.heic").write_bytes(b"not really")
    head = ARTICLE_HEAD.replace("---\n\n", "image:\n  src: images/foto.heic\n  alt: Foto\n---\n\n")
    (content / "berita/salah.md").write_text(head + "Teks.\n", encoding="utf-8")
    problems = [
        p for p in check_site(site_settings(content, tmp_path / "out")) if "salah" in p.path
    ]
    assert [(p.line, p.is_error) for p in problems if "HEIC file" in p.message] == [(6, True)]


def test_content_check_ignores_images_in_code_blocks(tmp_path):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    body = '```html\n<img src="tidak-ada.jpg">\n```\n'
    (content / "berita/contoh.md").write_text(ARTICLE_HEAD + body, encoding="utf-8")
    problems = check_site(site_settings(content, tmp_path / "out"))
    assert not [p for p in problems if "contoh" in p.path and p.is_error]


# --- settings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WARTA_IMAGE_WIDTHS", ()),
        ("WARTA_IMAGE_WIDTHS", ("800",)),
        ("WARTA_IMAGE_FORMATS", ("gif",)),
        ("WARTA_SOCIAL_IMAGE_SIZE", (1200,)),
        ("WARTA_SOCIAL_CARD_COLOURS", {"background": "biru"}),
    ],
)
def test_wrong_image_settings_stop_the_build(tmp_path, name, value):
    from warta_images.config import read_config

    settings = site_settings(tmp_path, tmp_path / "out", **{name: value})
    with pytest.raises(WartaConfigError, match=name):
        read_config(settings)


# --- macros ------------------------------------------------------------------


@pytest.fixture(scope="module")
def macros():
    env = Environment(
        loader=FileSystemLoader(str(ROOT / "theme/templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return {
        name: getattr(env.get_template(f"macros/{name}.html").module, name)
        for name in ("picture", "figure")
    }


PROCESSED = {
    "src": "images/a.jpg",
    "url": "images/a-160.jpg",
    "width": 160,
    "height": 120,
    "alt": 'Bupati "meninjau" <jalan>',
    "caption": "<script>alert(1)</script> Jalan desa",
    "credit": "Humas & Protokol",
    "srcset": [
        {"url": "images/a-160.jpg", "width": 160},
        {"url": "images/a-320.jpg", "width": 320},
    ],
    "sources": [
        {"type": "image/avif", "srcset": [{"url": "images/a-160.avif", "width": 160}]},
        {"type": "image/webp", "srcset": [{"url": "images/a-160.webp", "width": 160}]},
    ],
    "sizes": "100vw",
}


def test_picture_macro_renders_sources_and_escapes_alt(macros):
    html = soup_of(macros["picture"](PROCESSED, "https://warta.example"))
    sources = html.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    assert sources[0]["srcset"] == "https://warta.example/images/a-160.avif 160w"
    image = html.img
    assert image["src"] == "https://warta.example/images/a-160.jpg"
    assert image["alt"] == 'Bupati "meninjau" <jalan>'
    assert image["srcset"] == (
        "https://warta.example/images/a-160.jpg 160w, https://warta.example/images/a-320.jpg 320w"
    )
    assert image["loading"] == "lazy" and image["decoding"] == "async"


def test_picture_macro_lead_is_fetched_first(macros):
    image = soup_of(macros["picture"](PROCESSED, "", lead=True, sizes="50vw")).img
    assert image["fetchpriority"] == "high" and "loading" not in image.attrs
    assert image["sizes"] == "50vw"


def test_picture_macro_without_copies_is_a_plain_img(macros):
    html = soup_of(macros["picture"]({"src": "images/a.svg", "alt": "Logo"}, ""))
    assert not html.picture and html.img["src"] == "/images/a.svg"


def test_figure_macro_shows_caption_and_credit_as_text(macros):
    html = soup_of(macros["figure"](PROCESSED, ""))
    assert not html.find("script")
    caption = html.figcaption.get_text(" ", strip=True)
    assert caption == "<script>alert(1)</script> Jalan desa Foto: Humas & Protokol"


def soup_of(markup):
    from bs4 import BeautifulSoup

    return BeautifulSoup(str(markup), "html.parser")


# --- helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "expected"),
    [(4000, [480, 800, 1200, 1600]), (1000, [480, 800, 1000]), (300, [300]), (800, [480, 800])],
)
def test_copy_widths_never_upscale(width, expected):
    assert copy_widths(width, (480, 800, 1200, 1600)) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [((4000, 3000), (1200, 630)), ((600, 800), (600, 315)), ((300, 400), (300, 158))],
)
def test_social_size_keeps_the_ratio_without_upscaling(size, expected):
    assert social_size(*size, (1200, 630)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Jalan desa. Foto: Humas", ("Jalan desa.", "Humas")),
        ("Jalan desa", ("Jalan desa", "")),
        ("Foto: Humas Basel", ("", "Humas Basel")),
        ("", ("", "")),
    ],
)
def test_split_credit(title, expected):
    assert split_credit(title) == expected


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "content"
    (root / "images/berita").mkdir(parents=True)
    (root / "berita/2020").mkdir(parents=True)
    (root / "images/berita/foto.jpg").write_bytes(b"x")
    (root / "berita/2020/lokal.jpg").write_bytes(b"x")
    return root


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("images/berita/foto.jpg", "images/berita/foto.jpg"),
        ("/images/berita/foto.jpg", "images/berita/foto.jpg"),
        ("{static}/images/berita/foto.jpg", "images/berita/foto.jpg"),
        ("../../images/berita/foto.jpg", "images/berita/foto.jpg"),
        ("lokal.jpg", "berita/2020/lokal.jpg"),
        ("https://contoh.example/foto.jpg", None),
        ("//contoh.example/foto.jpg", None),
    ],
)
def test_resolve_source(tree, src, expected):
    found = resolve_source(src, tree, tree / "berita/2020/artikel.md")
    assert (found.relative if found else None) == expected


@pytest.mark.parametrize(
    ("src", "needle"),
    [
        ("../../../rahasia.jpg", "outside the content folder"),
        ("images/tidak-ada.jpg", "does not exist"),
        ("", "no address"),
    ],
)
def test_resolve_source_problems(tree, src, needle):
    with pytest.raises(SourceProblem, match=needle):
        resolve_source(src, tree, tree / "berita/2020/artikel.md")


def test_cache_folder_can_be_removed_and_rebuilt(tmp_path):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    settings = fast_settings(tmp_path)
    build_site(content, tmp_path / "out", **settings)
    shutil.rmtree(settings["WARTA_IMAGE_CACHE"])
    output = build_site(content, tmp_path / "out", **settings)
    assert list(output.glob("images/ponsel-160.*.avif"))
    assert os.path.isdir(settings["WARTA_IMAGE_CACHE"])


def test_article_body_is_finished_by_warta_html(article):
    body = article.select_one(".warta-article__body")
    region = body.select_one('div.warta-table[role="region"][aria-label="Tabel"][tabindex="0"]')
    assert region and region.table
    assert [h["id"] for h in body.find_all("h2")] == ["anggaran", "anggaran-2"]
    assert body.select_one('a[href="https://www.bps.go.id/"]')["rel"] == ["noopener"]
    assert "rel" not in body.select_one('a[href="/tentang/"]').attrs
    frame = body.select_one("div.warta-embed > iframe")
    assert frame["src"].startswith("https://www.youtube-nocookie.com/embed/")
    assert frame["loading"] == "lazy" and frame["title"]


def test_a_logo_in_the_content_folder_is_published_without_metadata(tmp_path):
    content = copy_site("images", tmp_path)
    draw_photos(content)
    logo = Image.new("RGB", (64, 64), (11, 61, 107))
    logo.save(content / "images/logo-daerah.png", "PNG", exif=phone_exif())
    settings = fast_settings(tmp_path, WARTA_LOGO="images/logo-daerah.png")
    output = build_site(content, tmp_path / "out", **settings)
    with Image.open(output / "images/logo-daerah.png") as published:
        assert published.size == (64, 64)
        assert not published.getexif() and "exif" not in published.info
    header = soup(output / "index.html").select_one(".warta-header__logo")
    assert header["src"] == "/images/logo-daerah.png"


def test_a_parallel_build_turns_body_photos_into_pictures_too(site, tmp_path):
    parallel = build_site(
        site["content"],
        tmp_path / "output",
        WARTA_BUILD_PROCESSES=2,
        WARTA_PARALLEL_MIN_FILES=1,
        WARTA_BUILD_MEMORY_MB=0,
        **fast_settings(site["tmp"]),
    )
    page = parallel / ARTICLE
    assert soup(page).select(".warta-article__body figure picture")
    assert page.read_bytes() == (site["output"] / ARTICLE).read_bytes()
