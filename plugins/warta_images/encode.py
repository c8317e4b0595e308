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

from PIL import Image, ImageCms, ImageOps

from .cards import CardJob, draw_card
from .config import FORMATS
from .sources import ORIENTATION, ROTATED

# Vertical point of a photo kept when it is cropped for social media: faces
# are usually above the middle.
CROP_CENTRE = (0.5, 0.4)
PIL_FORMATS = {**{name: spec[2] for name, spec in FORMATS.items()}, "png": "PNG"}
_SRGB = None


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
