"""The site logo (WARTA_LOGO) as a PNG for the social cards."""

import io
import logging
from pathlib import Path

from PIL import Image

from warta_settings import get_setting

logger = logging.getLogger(__name__)


def logo_file(settings, include_theme=True):
    """The file WARTA_LOGO names: in the theme's static folders or in the content folder."""
    logo = str(get_setting(settings, "WARTA_LOGO") or "").strip().lstrip("/")
    if not logo or "://" in logo:
        return None
    static_dir = (settings.get("THEME_STATIC_DIR") or "theme").strip("/")
    if logo.startswith(static_dir + "/"):
        if not include_theme:
            return None
        rest = logo[len(static_dir) + 1 :]
        for folder in settings.get("THEME_STATIC_PATHS") or ["static"]:
            candidate = Path(settings["THEME"]) / folder / rest
            if candidate.is_file():
                return candidate
        return None
    candidate = Path(settings["PATH"]) / logo
    return candidate if candidate.is_file() else None


def logo_png(settings, side):
    """The logo drawn at most ``side`` pixels wide and high, as PNG bytes; b"" without one."""
    path = logo_file(settings)
    if path is None:
        return b""
    try:
        if path.suffix.lower() in (".svg", ".svgz"):
            image = _svg(path, side)
        else:
            with Image.open(path) as raster:
                image = raster.convert("RGBA")
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
        image.info = {}
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        return buffer.getvalue()
    except Exception as exc:  # any SVG or image the renderer cannot read
        logger.warning(
            "%s: the logo could not be drawn (%s); social cards are made without it. "
            "Point WARTA_LOGO at an SVG or PNG file",
            path,
            exc,
        )
        return b""


def _svg(path, side):
    import resvg_py

    png = resvg_py.svg_to_bytes(svg_path=str(path), width=side)
    image = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    if image.height > side:  # a tall logo: fit its height instead
        png = resvg_py.svg_to_bytes(svg_path=str(path), height=side)
        image = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    return image
