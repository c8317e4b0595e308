"""In the publish build, copy only the images that published content uses.

Pelican copies everything under STATIC_PATHS, so the photo of an embargoed
story would be online before the story (Pelican issue #3371). At
``static_generator_finalized`` — after every article and page is read,
before anything is written — the publish build keeps an image only when a
published article or page uses it (``image.src``, a link in the text) or a
setting names it (``WARTA_LOGO``). Other static files (PDFs, …) are dropped
only when withheld content alone links to them.

The paths used only by withheld content are recorded for the leak scan and
for the image plugin (:func:`warta_newsroom.state.withheld_images`).
"""

import logging
import re
from pathlib import PurePosixPath

from pelican.contents import Article, Page

from .state import shows_drafts, state_of

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}
_STOP = r"[^\s\"'()<>?#\\]+"


def withhold_images(generator):
    """``static_generator_finalized``: leave out images only withheld content uses."""
    settings, context = generator.settings, generator.context
    if shows_drafts(settings):
        return
    state = state_of(settings)
    state.published = [
        c for c in context["generated_content"].values() if isinstance(c, (Article, Page))
    ]
    pattern = _reference_pattern(_image_folders(settings, [*state.published, *state.contents]))
    used = set().union(*(references(c, pattern) for c in state.published))
    used |= _named_in_settings(settings, pattern)
    state.used = used
    for content in state.contents:
        for path in sorted(references(content, pattern) - used):
            state.images.setdefault(path, content)
    kept, dropped = [], []
    for static in generator.staticfiles:
        path = _relative(static)
        is_image = PurePosixPath(path).suffix.lower() in IMAGE_SUFFIXES
        if path in state.images or (is_image and path not in used):
            dropped.append(static)
        else:
            kept.append(static)
    generator.staticfiles[:] = kept  # the context holds this very list
    for static in dropped:
        context["static_content"].pop(_relative(static), None)
    if dropped:
        logger.info(
            "Publish build: %d file(s) not copied (used by no published article or page).",
            len(dropped),
        )


def references(content, pattern):
    """Content-relative paths of the static files ``content`` uses."""
    found = set(content.get_static_links())
    image = getattr(content, "image", None)
    if isinstance(image, dict) and image.get("src"):
        found.add(_clean(image["src"]))
    for text in (getattr(content, "_content", None), content.metadata.get("summary")):
        if text:
            found.update(_clean(m) for m in pattern.findall(str(text)))
    return found


def _image_folders(settings, contents):
    """STATIC_PATHS and the top folders of the articles' images ('images')."""
    folders = {str(p).strip("/") for p in settings["STATIC_PATHS"]}
    for content in contents:
        image = getattr(content, "image", None)
        if isinstance(image, dict) and image.get("src"):
            folders.add(PurePosixPath(_clean(image["src"])).parts[0])
    return sorted(f for f in folders if f and f not in (".", ".."))


def _reference_pattern(folders):
    """Mentions of a path in ``folders``: 'images/…' after '/', '"', '(' or a space."""
    if not folders:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(f) for f in folders)
    return re.compile(rf"(?<![\w.-])((?:{alternatives})/{_STOP})")


def _named_in_settings(settings, pattern):
    found = set()
    for name, value in settings.items():
        if name.isupper() and isinstance(value, (str, list, tuple, dict)):
            found.update(_clean(m) for m in pattern.findall(str(value)))
    return found


def _clean(path):
    return str(path).strip().lstrip("/").replace("%20", " ")


def _relative(static):
    return PurePosixPath(static.get_relative_source_path()).as_posix()
