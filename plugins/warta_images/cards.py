"""Social cards: the 1200×630 image of an article without a photo.

Every card of a site shares its background, logo, site name and colours; only
the headline and the date differ, and they sit in a band of background
between the site's name and the accent bar. So a worker process prepares the
shared part once (:class:`CardPainter`):

- the card is a palette PNG: the template's own colours, plus two ramps from
  the background to the headline's and the date's colour for anti-aliased
  text, each after an index of the background colour, so text is drawn
  straight in palette indices (no table lookup);
- the rows above and below the band are compressed once;
- every glyph is drawn once per font size and kept; a headline is laid out by
  pasting glyphs at their advances (with the font's kerning between pairs).

A card then costs a few glyph pastes and the compression of the band, about
0.45 ms instead of the 11 ms that drawing, quantising and encoding the whole
image with Pillow takes.
"""

import io
import os
import struct
import zlib
from dataclasses import dataclass

from isal import isal_zlib
from PIL import Image, ImageDraw, ImageFont

HEADLINE_POINTS = (64, 58, 52, 46, 42)  # the largest at which the headline fits
RAMP_STEPS = 32  # anti-aliasing levels of each text colour
# Palette: 0 the background, then the headline's ramp, the background again and
# the date's ramp. Drawing "full" ink over a band of the ramp's base index
# blends straight to palette indices.
INK_FULL = RAMP_STEPS
DATE_BASE = RAMP_STEPS + 1
DATE_FULL = DATE_BASE + RAMP_STEPS
LEVEL = 2  # ISA-L's compression level (0–3) for the text band: 0.13 ms, about 17 KB
_PAINTERS = {}  # per worker process: CardStyle -> CardPainter


@dataclass(frozen=True)
class CardStyle:
    """What every card of a site shares."""

    site: str
    institution: str
    logo: bytes  # PNG, or b"" for none
    size: tuple
    colours: tuple  # (background, text, muted, accent) as RGB tuples
    fonts: tuple  # (bold, regular) TTF paths


@dataclass(frozen=True)
class CardJob:
    """A social card for an article without a photo."""

    path: str
    title: str
    date: str
    style: CardStyle


def draw_card(job):
    """Draw ``job``'s card and save it as PNG at ``job.path``."""
    painter = _PAINTERS.get(job.style)
    if painter is None:
        painter = _PAINTERS[job.style] = CardPainter(job.style)
    data = painter.png(job.title, job.date)
    os.makedirs(os.path.dirname(job.path), exist_ok=True)
    temporary = f"{job.path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, job.path)


class Layout:
    """Where things go on a card of ``size`` (drawn for 1200 px wide, scaled)."""

    def __init__(self, size):
        self.width, self.height = size
        unit = self.width / 1200
        self.unit = unit
        self.margin = round(64 * unit)
        self.top = round(56 * unit)
        self.logo_side = round(96 * unit)
        self.bar_top = self.height - round(14 * unit)
        self.date_points = round(30 * unit)
        self.date_y = self.bar_top - self.margin - self.date_points
        self.headline_top = self.top + self.logo_side + round(52 * unit)
        self.headline_bottom = self.date_y - round(28 * unit)


class CardPainter:
    """Draws the cards of one :class:`CardStyle` (see the module docstring)."""

    def __init__(self, style):
        self.layout = layout = Layout(style.size)
        self.date_face = Face(style.fonts[1], layout.date_points)
        bold = style.fonts[0]
        self.headline_faces = [Face(bold, round(p * layout.unit)) for p in HEADLINE_POINTS]
        background, ink, muted, _ = style.colours
        template = draw_template(style, layout)
        shared = template.quantize(256 - DATE_FULL - 1, dither=Image.Dither.NONE)
        ramps = [background, *_ramp(background, ink), background, *_ramp(background, muted)]
        colours = ramps + _palette_colours(shared)
        rows = _rows(shared, len(ramps))
        width = layout.width + 1  # each row starts with its filter byte (0: none)
        self.head = _header(layout, colours)
        self.above = _Segment(rows[: width * layout.headline_top], zlib.Z_SYNC_FLUSH)
        self.below = _Segment(rows[width * layout.bar_top :], zlib.Z_FINISH)

    def png(self, title, date):
        """The card's PNG bytes."""
        band = self._headline(title).tobytes() + self._date(date).tobytes()
        squeezer = isal_zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        middle = squeezer.compress(band) + squeezer.flush(zlib.Z_SYNC_FLUSH)
        checksum = isal_zlib.adler32(self.below.raw, isal_zlib.adler32(band, self.above.checksum))
        data = b"\x78\x01" + self.above.packed + middle + self.below.packed
        data += struct.pack(">I", checksum)
        return self.head + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")

    def _headline(self, title):
        layout = self.layout
        room = layout.width - 2 * layout.margin
        height = layout.headline_bottom - layout.headline_top
        for face in self.headline_faces:
            line_height = round(face.size * 1.18)
            lines = wrap(title, face.width, room)
            if len(lines) * line_height <= height:
                break
        fitting = max(1, height // line_height)
        if len(lines) > fitting:
            lines = lines[:fitting]
            lines[-1] = fit_line(lines[-1] + " …", face.width, room)
        coverage = _coverage(layout, layout.date_y - layout.headline_top)
        for number, line in enumerate(lines):
            face.draw(coverage, layout.margin + 1, number * line_height, line, INK_FULL)
        return coverage

    def _date(self, date):
        layout = self.layout
        coverage = _coverage(layout, layout.bar_top - layout.date_y, DATE_BASE)
        if date:
            self.date_face.draw(coverage, layout.margin + 1, 0, date, DATE_FULL)
        return coverage


class Face:
    """One font at one size, with the glyphs and kerning it has drawn so far."""

    def __init__(self, path, size):
        self.font = ImageFont.truetype(path, size)
        self.size = size
        self._glyphs = {}
        self._kerning = {}

    def glyph(self, char):
        """(coverage image or None, left, top, advance) of ``char``."""
        glyph = self._glyphs.get(char)
        if glyph is None:
            left, top, right, bottom = self.font.getbbox(char)
            image = None
            if right > left and bottom > top:
                image = Image.new("L", (right - left, bottom - top))
                ImageDraw.Draw(image).text((-left, -top), char, font=self.font, fill=255)
            glyph = self._glyphs[char] = (image, left, top, self.font.getlength(char))
        return glyph

    def kerning(self, pair):
        value = self._kerning.get(pair)
        if value is None:
            font = self.font
            value = font.getlength(pair) - font.getlength(pair[0]) - font.getlength(pair[1])
            self._kerning[pair] = value
        return value

    def width(self, text):
        """How wide ``text`` is drawn, in pixels."""
        end = 0.0
        for glyph, pen in self._pens(text, 0.0):
            end = pen + glyph[3]
        return end

    def draw(self, coverage, x, y, text, full=255):
        """Draw ``text`` into ``coverage`` (an "L" image) with its top-left at (x, y).

        A fully covered pixel gets ``full``, a partly covered one its share:
        with ``full`` = RAMP_STEPS the values are the ink ramp's palette indices.
        """
        target = coverage.im  # pasting on the core image: a glyph costs 1.5 µs, not 4
        for (image, left, top, _), pen in self._pens(text, float(x)):
            if image is not None:
                x0, y0 = round(pen) + left, y + top
                target.paste(full, (x0, y0, x0 + image.width, y0 + image.height), image.im)

    def _pens(self, text, pen):
        """Each character's glyph and the pen position it is drawn at, from ``pen``."""
        previous = ""
        for char in text:
            if previous:
                pen += self.kerning(previous + char)
            glyph = self.glyph(char)
            yield glyph, pen
            pen += glyph[3]
            previous = char


def draw_template(style, layout):
    """The shared part of every card, in RGB: background, logo, site name, accent bar."""
    width, height = style.size
    background, ink, muted, accent = style.colours
    card = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, layout.bar_top, width, height], fill=accent)
    text_x = layout.margin
    if style.logo:
        side = layout.logo_side
        with Image.open(io.BytesIO(style.logo)) as logo:
            logo = logo.convert("RGBA")
            logo.thumbnail((side, side), Image.Resampling.LANCZOS)
            card.paste(logo, (layout.margin, layout.top), logo)
        text_x = layout.margin + side + round(28 * layout.unit)
    unit = layout.unit
    bold = ImageFont.truetype(style.fonts[0], round(36 * unit))
    regular = ImageFont.truetype(style.fonts[1], round(26 * unit))
    room = width - text_x - layout.margin
    site = fit_line(style.site, bold.getlength, room)
    draw.text((text_x, layout.top + round(4 * unit)), site, font=bold, fill=ink)
    if style.institution:
        line = fit_line(style.institution, regular.getlength, room)
        draw.text((text_x, layout.top + round(54 * unit)), line, font=regular, fill=muted)
    return card


def wrap(text, measure, width):
    """``text`` broken into lines no wider than ``width`` pixels by ``measure``."""
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


def _longest_prefix(word, measure, width):
    for cut in range(len(word) - 1, 0, -1):
        if measure(word[:cut]) <= width:
            return cut
    return 1


def fit_line(text, measure, width):
    """``text`` on one line, shortened at a word with " …" when too wide."""
    if measure(text) <= width:
        return text
    words = text.split()
    while len(words) > 1 and measure(" ".join(words) + " …") > width:
        words.pop()
    shortened = " ".join(words)
    while shortened and measure(shortened + " …") > width:
        shortened = shortened[:-1]
    return (shortened.rstrip() + " …").strip()


# --- the PNG ------------------------------------------------------------------


class _Segment:
    """Rows compressed once, as a piece of every card's zlib stream, and their checksum."""

    def __init__(self, raw, flush):
        squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
        self.raw = raw
        self.packed = squeezer.compress(raw) + squeezer.flush(flush)
        self.checksum = zlib.adler32(raw)


def _coverage(layout, height, background=0):
    """An empty band of card rows (palette index ``background``), after a column
    of PNG filter bytes (0: none)."""
    band = Image.new("L", (layout.width + 1, height), background)
    band.paste(0, (0, 0, 1, height))
    return band


def _rows(indexed, offset):
    """The image's palette indices plus ``offset`` as PNG rows, each after its filter byte."""
    width, height = indexed.size
    indices = Image.frombytes("L", indexed.size, indexed.tobytes())
    rows = Image.new("L", (width + 1, height))
    rows.paste(indices.point(lambda index: index + offset), (1, 0))
    return rows.tobytes()


def _ramp(background, colour):
    """RAMP_STEPS colours from just off ``background`` to ``colour``."""
    pairs = list(zip(background, colour, strict=True))
    return [
        tuple(round(b + (c - b) * step / RAMP_STEPS) for b, c in pairs)
        for step in range(1, RAMP_STEPS + 1)
    ]


def _palette_colours(image):
    palette = image.getpalette()[: 3 * (max(image.getextrema()[1], 0) + 1)]
    return [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]


def _header(layout, colours):
    signature = b"\x89PNG\r\n\x1a\n"
    header = struct.pack(">IIBBBBB", layout.width, layout.height, 8, 3, 0, 0, 0)
    palette = bytes(value for colour in colours for value in colour)
    return signature + _chunk(b"IHDR", header) + _chunk(b"PLTE", palette)


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
