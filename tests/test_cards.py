"""warta_images.cards: social cards assembled from cached glyphs match Pillow's drawing.

The card painter lays headlines out glyph by glyph and writes the PNG itself;
these tests draw the same card the plain way (Pillow's ``ImageDraw.text`` on
the whole image) and compare them pixel by pixel.
"""

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from warta_images.cards import (
    CardJob,
    CardPainter,
    CardStyle,
    Layout,
    draw_card,
    draw_template,
    wrap,
)
from warta_images.catalog import FONT_FILES

COLOURS = ((11, 61, 110), (255, 255, 255), (200, 210, 225), (180, 30, 30))
FONTS = tuple(str(f) for f in FONT_FILES)
DATE = "Selasa, 21 Januari 2020"
# Mean difference (0–255) below which two cards show the same text: glyphs sit
# on whole pixels, so edges differ a little (about 0.05); a different word
# gives about 7, a missing date about 0.4.
CLOSE = 0.25


def logo_png():
    logo = Image.new("RGBA", (192, 192), (255, 255, 255, 255))
    ImageDraw.Draw(logo).ellipse((40, 40, 152, 152), fill=(180, 30, 30, 255))
    buffer = io.BytesIO()
    logo.save(buffer, "PNG")
    return buffer.getvalue()


STYLE = CardStyle("Warta Nusantara", "Dinas Kominfo", logo_png(), (1200, 630), COLOURS, FONTS)


def reference_card(title, date, points):
    """The card's text drawn with ImageDraw at ``points``, on the painter's template."""
    layout = Layout(STYLE.size)
    card = draw_template(STYLE, layout)
    draw = ImageDraw.Draw(card)
    font = ImageFont.truetype(FONTS[0], points)
    for number, line in enumerate(wrap(title, font.getlength, layout.width - 2 * layout.margin)):
        top = layout.headline_top + number * round(points * 1.18)
        draw.text((layout.margin, top), line, font=font, fill=COLOURS[1])
    date_font = ImageFont.truetype(FONTS[1], layout.date_points)
    draw.text((layout.margin, layout.date_y), date, font=date_font, fill=COLOURS[2])
    return card


def painted(title, date=DATE):
    data = CardPainter(STYLE).png(title, date)
    Image.open(io.BytesIO(data)).verify()  # chunk checksums and the zlib stream
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "P" and image.size == (1200, 630)
        return image.convert("RGB")


def difference(first, second):
    """Mean difference of two RGB images, 0–255."""
    return ImageStat.Stat(ImageChops.difference(first, second).convert("L")).mean[0]


@pytest.mark.parametrize(
    ("title", "points"),
    [
        ("Awasi Benih Padi Unggul, Pemkab Indramayu Libatkan 950 Warga", 64),
        ("Bupati Basel: Jalan Toboali–Sadai “Rampung” Akhir 2020, Anggaran Rp 12,5 Miliar", 64),
    ],
)
def test_a_card_looks_like_pillow_drawing_it(title, points):
    mean = difference(painted(title), reference_card(title, DATE, points))
    assert mean < CLOSE


def test_a_wrong_headline_or_a_missing_date_is_seen():
    title = "Pemkab Bangka Selatan Salurkan Bantuan Beras"
    mean = difference(painted(title, date=""), reference_card(title, DATE, 64))
    assert mean > CLOSE
    mean = difference(
        painted("Pemkab Bangka Selatan Salurkan Bantuan Beras"),
        reference_card("Pemkab Bangka Barat Salurkan Bantuan Beras", DATE, 64),
    )
    assert mean > CLOSE


def test_a_long_headline_gets_smaller_then_shortened():
    long_title = " ".join(["Pembangunan Jembatan Penghubung Antardesa"] * 8)
    card = painted(long_title)
    layout = Layout(STYLE.size)
    # nothing drawn over the date line or the accent bar
    date_band = card.crop((0, layout.headline_bottom, 1200, layout.date_y))
    assert date_band.getcolors() == [(date_band.width * date_band.height, COLOURS[0])]
    assert card.getpixel((600, 625)) == COLOURS[3]


def test_draw_card_writes_the_file_in_one_piece(tmp_path):
    path = tmp_path / "cards" / "ab" / "card.png"
    draw_card(CardJob(str(path), "Judul Berita", DATE, STYLE))
    assert [p.name for p in path.parent.iterdir()] == ["card.png"]  # no temporary left
    with Image.open(path) as image:
        assert image.format == "PNG" and not image.info.get("exif")
