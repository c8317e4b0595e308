"""The image settings, read and checked once per build."""

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageColor, features

from warta_settings import WartaConfigError, get_setting

logger = logging.getLogger(__name__)

# Bumped whenever the processing changes in a way that changes the output
# files: every cached file is then made again.
PIPELINE_VERSION = 1

# format name -> (MIME type, file extension, Pillow format)
FORMATS = {
    "avif": ("image/avif", "avif", "AVIF"),
    "webp": ("image/webp", "webp", "WEBP"),
    "jpeg": ("image/jpeg", "jpg", "JPEG"),
}
FALLBACK = "jpeg"
COLOUR_KEYS = ("background", "text", "muted", "accent")


@dataclass(frozen=True)
class ImageConfig:
    """Everything the image pipeline needs from the settings."""

    content_root: Path
    cache_dir: Path
    widths: tuple
    formats: tuple  # <source> formats, best first; the JPEG fallback comes after them
    encoders: dict  # format -> Pillow save options
    fallback_width: int
    sizes: str
    social_size: tuple
    card_colours: dict
    processes: int
    siteurl: str

    @property
    def all_formats(self):
        return (*self.formats, FALLBACK)

    def options(self, fmt):
        """Pillow's save options for ``fmt``, as a sorted tuple (hashable)."""
        return tuple(sorted(self.encoders.get(fmt, {}).items()))

    def variant_key(self, kind, fmt, width, height):
        """A digest of everything that decides the bytes of one derived file."""
        recipe = [PIPELINE_VERSION, kind, fmt, width, height, self.options(fmt)]
        return hashlib.sha256(json.dumps(recipe, default=str).encode()).hexdigest()


def read_config(settings):
    """The :class:`ImageConfig` of ``settings``; WartaConfigError when a value is wrong."""
    widths = get_setting(settings, "WARTA_IMAGE_WIDTHS")
    if (
        not isinstance(widths, (list, tuple))
        or not widths
        or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths)
    ):
        raise WartaConfigError(
            f"WARTA_IMAGE_WIDTHS = {widths!r} is not valid; expected widths in pixels, "
            "e.g. (480, 800, 1200, 1600)"
        )
    formats = get_setting(settings, "WARTA_IMAGE_FORMATS")
    if not isinstance(formats, (list, tuple)) or not set(formats) <= {"avif", "webp"}:
        raise WartaConfigError(
            f"WARTA_IMAGE_FORMATS = {formats!r} is not valid; use any of 'avif' and 'webp' "
            "(JPEG is always there as the fallback)"
        )
    formats = tuple(dict.fromkeys(formats))
    if "avif" in formats and not features.check("avif"):
        logger.warning(
            "this Pillow cannot write AVIF (features.check('avif') is False); images are "
            "published as WebP and JPEG only. Install Pillow 11.2 or newer from its wheels."
        )
        formats = tuple(f for f in formats if f != "avif")
    encoders = get_setting(settings, "WARTA_IMAGE_ENCODERS")
    if not isinstance(encoders, dict) or not all(
        isinstance(encoders.get(f, {}), dict) for f in FORMATS
    ):
        raise WartaConfigError(
            f"WARTA_IMAGE_ENCODERS = {encoders!r} is not valid; expected a dict of Pillow "
            'save options per format, e.g. {"jpeg": {"quality": 80}, "webp": {"quality": 78}}'
        )
    fallback_width = get_setting(settings, "WARTA_IMAGE_FALLBACK_WIDTH")
    if not isinstance(fallback_width, int) or fallback_width <= 0:
        raise WartaConfigError(
            f"WARTA_IMAGE_FALLBACK_WIDTH = {fallback_width!r} is not valid; expected a width "
            "in pixels, e.g. 800"
        )
    sizes = get_setting(settings, "WARTA_IMAGE_SIZES")
    if not isinstance(sizes, str) or not sizes.strip():
        raise WartaConfigError(
            f"WARTA_IMAGE_SIZES = {sizes!r} is not valid; expected a `sizes` attribute such as "
            "'(min-width: 46rem) 42rem, 100vw'"
        )
    return ImageConfig(
        content_root=Path(settings["PATH"]),
        cache_dir=_cache_dir(settings),
        widths=tuple(sorted(set(widths))),
        formats=formats,
        encoders={f: dict(encoders.get(f, {})) for f in FORMATS},
        fallback_width=fallback_width,
        sizes=sizes.strip(),
        social_size=_social_size(settings),
        card_colours=_colours(settings),
        processes=_processes(settings),
        siteurl=settings.get("SITEURL") or "",
    )


def _cache_dir(settings):
    folder = get_setting(settings, "WARTA_IMAGE_CACHE")
    if not isinstance(folder, (str, os.PathLike)):
        raise WartaConfigError(
            f"WARTA_IMAGE_CACHE = {folder!r} is not valid; expected a folder such as "
            "'cache/images' (or '' for CACHE_PATH/images)"
        )
    if not str(folder):
        return Path(settings.get("CACHE_PATH") or "cache") / "images"
    return Path(folder)


def _social_size(settings):
    size = get_setting(settings, "WARTA_SOCIAL_IMAGE_SIZE")
    if (
        not isinstance(size, (list, tuple))
        or len(size) != 2
        or not all(isinstance(v, int) and v >= 200 for v in size)
    ):
        raise WartaConfigError(
            f"WARTA_SOCIAL_IMAGE_SIZE = {size!r} is not valid; expected (width, height) in "
            "pixels, e.g. (1200, 630)"
        )
    return tuple(size)


def _colours(settings):
    colours = get_setting(settings, "WARTA_SOCIAL_CARD_COLOURS")
    try:
        if not isinstance(colours, dict) or set(colours) != set(COLOUR_KEYS):
            raise ValueError(colours)
        return {key: ImageColor.getrgb(colours[key])[:3] for key in COLOUR_KEYS}
    except (ValueError, TypeError, AttributeError):
        raise WartaConfigError(
            f"WARTA_SOCIAL_CARD_COLOURS = {colours!r} is not valid; expected a dict with "
            f"{', '.join(COLOUR_KEYS)} as CSS colours, e.g. {{'background': '#0b3d6b', …}}"
        ) from None


def _processes(settings):
    wanted = get_setting(settings, "WARTA_BUILD_PROCESSES")
    if not wanted:
        try:
            wanted = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            wanted = os.cpu_count() or 1
    return max(1, int(wanted))
