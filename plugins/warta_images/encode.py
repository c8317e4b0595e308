"""The Pillow work, done in worker processes: resized copies, crops and cards.

Every function here takes a picklable job and writes files into the cache;
nothing here knows about Pelican. Each photo is decoded once (at a reduced
scale when the largest copy is much smaller, see ``Image.draft``), turned
upright (``ImageOps.exif_transpose``), converted to sRGB, stripped of all
metadata (``info`` is emptied, so no EXIF, GPS, XMP, IPTC, ICC profile or
comment reaches a saved file), then resized for each width and saved in
each format.
"""

import io
import math
import os
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps

from .config import FORMATS
from .sources import ORIENTATION, ROTATED

# Vertical point of a photo kept when it is cropped for social media: faces
# are usually above the middle.
CROP_CENTRE = (0.5, 0.4)
PIL_FORMATS = {**{name: spec[2] for name, spec in FORMATS.items()}, "png": "PNG"}
_SRGB = None
_FONTS = {}
_TEMPLATES = {}  # per worker process: the shared part of the social cards


@dataclass(frozen=True)
class Variant:
    """One file made from a photo."""

    path: str  # where it goes in the cache
    fmt: str  # "avif", "webp" or "jpeg"
    width: int
    height: int
    options: tuple  # Pillow save options, as sorted (name, value) pairs
    crop: bool = False  # True: cover-crop to width × height (social image)


@dataclass(frozen=True)
class PhotoJob:
    source: str  # path on disk
    relative: str  # path in the content folder, for messages
    variants: tuple
    done_marker: str  # written when every variant exists


@dataclass(frozen=True)
class CardJob:
    """A social card for an article without a photo."""

    path: str
    title: str
    date: str
    site: str
    institution: str
    logo: bytes  # PNG, or b"" for none
    size: tuple
    colours: tuple  # (background, text, muted, accent) as RGB tuples
    fonts: tuple  # (bold, regular) TTF paths


def run_job(job):
    """Do ``job``: (files written, error message or ""). Never raises."""
    try:
        if isinstance(job, CardJob):
            draw_card(job)
            return 1, ""
        return encode_photo(job), ""
    except Exception as exc:  # reported by the parent as a content problem
        return 0, f"{type(exc).__name__}: {exc}"


# --- photos -----------------------------------------------------------------


def encode_photo(job):
    """Write every missing variant of ``job``; return how many were written."""
    missing = [v for v in job.variants if not os.path.exists(v.path)]
    if missing:
        with Image.open(job.source) as image:
            base = upright_srgb(image, _needed_size(image, missing))
        _write_variants(base, missing)
    _touch(job.done_marker)
    return len(missing)


def _needed_size(image, variants):
    """The smallest upright size that every variant can be made from."""
    width, height = image.size
    if _orientation(image) in ROTATED:
        width, height = height, width
    need = 1
    for v in variants:
        if v.crop:
            need = max(need, math.ceil(width * max(v.width / width, v.height / height)))
        else:
            need = max(need, v.width)
    return need, math.ceil(need * height / width)


def _orientation(image):
    try:
        return image.getexif().get(ORIENTATION, 1)
    except Exception:  # a damaged EXIF block: treat the photo as upright
        return 1


def upright_srgb(image, need=None):
    """``image`` decoded, upright, in sRGB (RGB or RGBA), with no metadata at all."""
    if need and image.format == "JPEG":
        stored = need[::-1] if _orientation(image) in ROTATED else need
        image.draft(None, stored)  # let libjpeg decode at 1/2, 1/4 or 1/8 scale
    image.load()
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:  # a damaged EXIF block: keep the pixels as stored
        upright = image.copy()
    result = _to_srgb(upright)
    result.info = {}
    return result


def _to_srgb(image):
    icc = image.info.get("icc_profile")
    alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "P":
        image = image.convert("RGBA" if alpha else "RGB")
    target = "RGBA" if alpha else "RGB"
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, profile, _srgb(), outputMode=target)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or unusable profile: convert without it
    return image if image.mode == target else image.convert(target)


def _srgb():
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB


def _write_variants(base, variants):
    resized = {}
    current = base
    for size in sorted({(v.width, v.height) for v in variants if not v.crop}, reverse=True):
        # each size from the one before: cheaper than from the full photo every time
        if current.size != size:
            current = current.resize(size, Image.Resampling.LANCZOS)
        resized[size] = current
    for v in variants:
        if v.crop:
            image = ImageOps.fit(
                base, (v.width, v.height), Image.Resampling.LANCZOS, centering=CROP_CENTRE
            )
        else:
            image = resized[(v.width, v.height)]
        save(image, v.path, v.fmt, dict(v.options))


def save(image, path, fmt, options):
    """Save ``image`` to ``path`` atomically, with no metadata."""
    if fmt == "jpeg" and image.mode != "RGB":
        image = _flatten(image)
    image.info = {}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        image.save(temporary, PIL_FORMATS[fmt], **options)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _flatten(image):
    """A transparent image on white (JPEG has no transparency)."""
    if image.mode not in ("RGBA", "LA"):
        return image.convert("RGB")
    flat = Image.new("RGB", image.size, (255, 255, 255))
    flat.paste(image.convert("RGBA"), mask=image.getchannel("A"))
    return flat


def _touch(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb"):
        pass


# --- social cards -----------------------------------------------------------


def draw_card(job):
    """Draw the site's card for an article without a photo and save it as PNG."""
    template, palette = _card_template(job)
    width, height = job.size
    _, ink, muted, _ = job.colours
    unit = width / 1200  # the layout is drawn for 1200 px and scaled
    margin = round(64 * unit)
    card = template.copy()
    draw = ImageDraw.Draw(card)
    date_font = _font(job.fonts[1], round(30 * unit))
    date_y = height - round(14 * unit) - margin - round(30 * unit)
    if job.date:
        draw.text((margin, date_y), job.date, font=date_font, fill=muted)
    headline_top = round(56 * unit) + round(96 * unit) + round(52 * unit)
    box = (margin, headline_top, width - margin, date_y - round(28 * unit))
    _draw_headline(draw, job.title, box, job.fonts[0], unit, ink)
    # flat colours and anti-aliased text: the template's 64 colours keep it sharp and small
    card = card.quantize(palette=palette, dither=Image.Dither.NONE)
    card.info = {}
    os.makedirs(os.path.dirname(job.path), exist_ok=True)
    temporary = f"{job.path}.{os.getpid()}.tmp"
    card.save(temporary, "PNG", compress_level=6)
    os.replace(temporary, job.path)


def _card_template(job):
    """What every card of the site shares (background, logo, site name) and its palette.

    Made once per worker process; the palette comes from the template plus
    the colour ramps the text needs, so every process picks the same colours.
    """
    key = (job.size, job.colours, hash(job.logo), job.site, job.institution, job.fonts)
    if key in _TEMPLATES:
        return _TEMPLATES[key]
    width, height = job.size
    background, ink, muted, accent = job.colours
    unit = width / 1200
    margin = round(64 * unit)
    card = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, height - round(14 * unit), width, height], fill=accent)
    top = round(56 * unit)
    text_x = margin
    if job.logo:
        side = round(96 * unit)
        with Image.open(io.BytesIO(job.logo)) as logo:
            logo = logo.convert("RGBA")
            logo.thumbnail((side, side), Image.Resampling.LANCZOS)
            card.paste(logo, (margin, top), logo)
        text_x = margin + side + round(28 * unit)
    bold = _font(job.fonts[0], round(36 * unit))
    regular = _font(job.fonts[1], round(26 * unit))
    room = width - text_x - margin
    draw.text((text_x, top + round(4 * unit)), _fit_line(job.site, bold, room), font=bold, fill=ink)
    if job.institution:
        line = _fit_line(job.institution, regular, room)
        draw.text((text_x, top + round(54 * unit)), line, font=regular, fill=muted)
    sample = Image.new("RGB", (width, height + 2), background)
    sample.paste(card, (0, 0))
    ramps = ImageDraw.Draw(sample)
    for row, colour in ((height, ink), (height + 1, muted)):
        for x in range(width):
            t = x / (width - 1)
            mixed = tuple(round(b + (c - b) * t) for b, c in zip(background, colour, strict=True))
            ramps.point((x, row), fill=mixed)
    palette = sample.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    _TEMPLATES[key] = (card, palette)
    return card, palette


def _draw_headline(draw, title, box, font_path, unit, ink):
    """The headline in the largest size (64 to 42 px) at which it fits ``box``."""
    left, top, right, bottom = box
    width = right - left
    for points in (64, 58, 52, 46, 42):
        font = _font(font_path, round(points * unit))
        line_height = round(points * unit * 1.18)
        lines = wrap(title, font, width)
        if len(lines) * line_height <= bottom - top:
            break
    fitting = max(1, (bottom - top) // line_height)
    if len(lines) > fitting:
        lines = lines[:fitting]
        lines[-1] = _fit_line(lines[-1] + " …", font, width)
    for number, line in enumerate(lines):
        draw.text((left, top + number * line_height), line, font=font, fill=ink)


def wrap(text, font, width):
    """``text`` broken into lines no wider than ``width`` pixels."""
    lines, line = [], ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:  # a word longer than the line (a URL)
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _longest_prefix(word, font, width):
    for cut in range(len(word) - 1, 0, -1):
        if font.getlength(word[:cut]) <= width:
            return cut
    return 1


def _fit_line(text, font, width):
    """``text`` on one line, shortened at a word with " …" when too wide."""
    if font.getlength(text) <= width:
        return text
    words = text.split()
    while len(words) > 1 and font.getlength(" ".join(words) + " …") > width:
        words.pop()
    shortened = " ".join(words)
    while shortened and font.getlength(shortened + " …") > width:
        shortened = shortened[:-1]
    return (shortened.rstrip() + " …").strip()


def _font(path, size):
    key = (path, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(path, size)
    return _FONTS[key]
