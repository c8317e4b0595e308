"""warta_images.cards: social cards assembled from cached glyphs match Pillow's drawing.

The card painter lays headlines out glyph by glyph and writes the PNG itself;
these tests draw the same card the plain way (Pillow's ``ImageDraw.text`` on
the whole image) and compare them pixel by pixel. The painter compresses only
the rows the text reaches; its cards must keep exactly the pixels of the plain
assembly (the whole band drawn, then compressed in one piece), so that cards
already in the cache stay right.
"""

import io
import random
import struct
import zlib

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from warta_images.cards import (
    DATE_BASE,
    DATE_FULL,
    INK_FULL,
    CardJob,
    CardPainter,
    CardStyle,
    Layout,
    _adler32_combine,
    _longest_prefix,
    draw_card,
    draw_template,
    fit_line,
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


def wrap(text, measure, width):
    """The plain way to break ``text`` into lines no wider than ``width`` by ``measure``:
    every candidate line measured from its start (the painter's reference)."""
    lines, line = [], ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{line} {word}".strip()
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while measure(word) > width:  # a word longer than the line (a URL)
            cut = _longest_prefix(word, measure, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


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


# --- the same pixels as the plain assembly ----------------------------------------

LONG_WORD = "https://example.org/berita/" + "jembatan-penghubung-antardesa-" * 4
TITLES = [
    "",
    "Banjir",
    "Awasi Benih Padi Unggul, Pemkab Indramayu Libatkan 950 Warga",
    "Bupati Basel: Jalan Toboali–Sadai “Rampung” Akhir 2020, Anggaran Rp 12,5 Miliar",
    "Pemkab Bangka Selatan Salurkan Bantuan Beras kepada 1.250 Keluarga Penerima Manfaat "
    "di Tujuh Kecamatan, Jumat (12/6)",
    " ".join(["Pembangunan Jembatan Penghubung Antardesa"] * 8),  # smaller, then shortened
    "Ájá Ñgèmplàk Ġûŷ: jqyg ÉÀÖ ÇÅ ‘Quote’ (gjpqy) [|] {Ý}",  # accents and descenders
    f"Tautan {LONG_WORD} dibagikan",  # a word wider than a line
    "  spasi\tganda \n baris  ",
    "日本語 𝕏 ﷽",  # glyphs the font lacks
]
DATES = ["", "Selasa, 21 Januari 2020", "Kamis, 1 Oktober 2026"]


@pytest.fixture(scope="module")
def painter():
    return CardPainter(STYLE)


def inflate(packed):
    return zlib.decompressobj(-15).decompress(packed)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def paste_text(band, face, x, y, text, full):
    """``text`` pasted glyph by glyph into ``band``, the pen moved by advances and kerning."""
    pen, previous = float(x), ""
    for char in text:
        if previous:
            pen += face.kerning(previous + char)
        glyph = face.glyph(char)
        if glyph.mask is not None:
            left, top = round(pen) + glyph.left, y + glyph.top
            band.im.paste(full, (left, top, left + glyph.width, top + glyph.height), glyph.mask)
        pen += glyph.advance
        previous = char


def plain_card(painter, title, date):
    """The card as the painter used to assemble it: the whole band drawn (headline,
    then date) and compressed in one piece between the shared rows above and below."""
    layout = painter.layout
    room = layout.width - 2 * layout.margin
    height = layout.headline_bottom - layout.headline_top
    for face in painter.headline_faces:
        line_height = round(face.size * 1.18)
        lines = wrap(title, face.width, room)
        if len(lines) * line_height <= height:
            break
    fitting = max(1, height // line_height)
    if len(lines) > fitting:
        lines = lines[:fitting]
        lines[-1] = fit_line(lines[-1] + " …", face.width, room)
    headline = Image.new("L", (layout.width + 1, layout.date_y - layout.headline_top), 0)
    for number, line in enumerate(lines):
        paste_text(headline, face, layout.margin + 1, number * line_height, line, INK_FULL)
    dated = Image.new("L", (layout.width + 1, layout.bar_top - layout.date_y), DATE_BASE)
    dated.paste(0, (0, 0, 1, dated.height))  # the rows' filter bytes
    if date:
        paste_text(dated, painter.date_face, layout.margin + 1, 0, date, DATE_FULL)
    rows = [inflate(painter.above.packed), headline.tobytes(), dated.tobytes()]
    raw = b"".join([*rows, inflate(painter.below.packed)])
    return painter.head + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")


def pixels(data):
    """A PNG's palette indices and palette, after checking its chunks and zlib stream."""
    Image.open(io.BytesIO(data)).verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "P" and image.size == (1200, 630)
        return image.tobytes(), image.getpalette()


@pytest.mark.parametrize("title", TITLES)
def test_a_card_keeps_the_pixels_of_the_plain_assembly(painter, title):
    for date in DATES:
        assert pixels(painter.png(title, date)) == pixels(plain_card(painter, title, date))


def test_many_headlines_keep_the_pixels_of_the_plain_assembly(painter):
    words = [*" ".join(TITLES[2:6]).split(), LONG_WORD, "—", "…", "Wali", "AVATAR", "Tj"]
    rng = random.Random(7)
    for _ in range(60):
        title = " ".join(rng.choices(words, k=rng.randint(1, 30)))
        date = rng.choice(DATES)
        assert pixels(painter.png(title, date)) == pixels(plain_card(painter, title, date))


def test_a_card_is_the_same_bytes_whatever_was_drawn_before():
    fresh, used = CardPainter(STYLE), CardPainter(STYLE)
    for title in reversed(TITLES):
        for date in DATES:
            used.png(title, date)
    for title in TITLES:
        for date in DATES:
            assert fresh.png(title, date) == used.png(title, date)


def test_faces_wrap_as_wrap_does(painter):
    """Face.wrap measures incrementally; its breaks are exactly the plain wrap()'s."""
    words = [*" ".join(TITLES[:7]).split(), "a", "Rp", "12,5", "“Rampung”", "Antardesa—Toboali"]
    rng = random.Random(11)
    titles = [*TITLES, *(" ".join(rng.choices(words, k=rng.randint(1, 40))) for _ in range(200))]
    layout = painter.layout
    for face in [*painter.headline_faces, painter.date_face]:
        for room in (layout.width - 2 * layout.margin, 250):  # 250: words cut more often
            for title in titles:
                assert face.wrap(title, room) == wrap(title, face.width, room)


def test_adler32_combines_as_over_the_whole():
    rng = random.Random(3)
    data = rng.randbytes(300_000) + bytes(100_000) + b"\xff" * 70_000
    for _ in range(200):
        cut = rng.randrange(len(data) + 1)
        first, second = data[:cut], data[cut:]
        combined = _adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
        assert combined == zlib.adler32(data)
    assert _adler32_combine(zlib.adler32(data), zlib.adler32(b""), 0) == zlib.adler32(data)
