"""Photos for readers on phones, with nothing of the photographer's metadata.

Every image an article uses — the front matter's ``image`` and the images in
its body — is published only as copies made with Pillow: upright (EXIF
orientation applied), in sRGB, without any metadata (EXIF with GPS, XMP,
IPTC, comments, ICC profiles), at several widths (never wider than the
original) in AVIF and WebP with a JPEG fallback. The originals never reach
the output. Each article also gets a 1200×630 social image (``og:image``):
a crop of its photo, or a card with the site logo, headline and date.

Templates read ``article.image`` — the front matter's ``src`` (the source,
relative to the content folder; it is not published), ``alt``, ``caption``
and ``credit``, plus ``url`` (the JPEG fallback), ``width``, ``height``,
``srcset``, ``sources`` and ``sizes`` (see macros/picture.html) — and
``article.og_image`` / ``og_image_width`` / ``og_image_height`` (a
site-relative path and its size).

Files are made once: they are cached by the SHA-256 of the source and a
digest of the encoder settings (see :mod:`warta_images.catalog`), encoded in
a pool of processes, then hard-linked into the output.

Signals:

- ``initialized``: check the image settings;
- ``get_generators``: :class:`ImageGenerator` (plans, encodes, publishes);
- ``static_generator_finalized``: drop any image file Pelican's static
  generator would copy as it is (STATIC_PATHS, ``{static}`` links).

Body images are rewritten through warta_html (a transform run on each
article's parsed body), so this plugin needs warta_html in PLUGINS.
"""

import logging
import os
import sys
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from warta_html import TRANSFORMS_KEY

from .catalog import ImageCatalog, wants_rewrite
from .config import read_config
from .logo import logo_file
from .sources import is_raster

logger = logging.getLogger(__name__)


class ImageGenerator(Generator):
    """Plans the images of all content, encodes what is new, publishes them."""

    shares_output = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = ImageCatalog(self.settings, self.env)
        transforms = self.context.setdefault(TRANSFORMS_KEY, [])
        transforms.append((wants_rewrite, self.catalog.rewrite_body))

    def generate_context(self):
        catalog = self.catalog
        catalog.finish(written_contents(self.context))
        catalog.plan_logo()
        encoded = catalog.encode()
        catalog.save_index()
        logger.info(
            "Images: %d file(s) encoded, %d published from the cache (%s)",
            encoded,
            len(catalog.outputs),
            catalog.config.cache_dir,
        )
        if catalog.problems:
            # imported here: warta_check imports warta_images.check
            from warta_check import ContentCheckFailed, report

            report(catalog.problems)
            print(
                "The site was not written; fix the errors above and build again.", file=sys.stderr
            )
            raise ContentCheckFailed(catalog.problems)

    def planned_outputs(self):
        """(output path, source) of every image file; warta_build keeps them."""
        yield from self.catalog.planned_outputs()

    def generate_output(self, writer):
        # Images are linked from the cache, not rendered; each writing process
        # links its share (see warta_build).
        changed = self.catalog.publish(self.output_path, getattr(writer, "owns", None))
        logger.debug("Images: %d output file(s) linked or copied", changed)


def check_settings(pelican):
    read_config(pelican.settings)


def get_generators(pelican):
    return ImageGenerator


def written_contents(context):
    """The articles and pages this build writes, with their translations.

    The articles and pages generators run before this one and leave their
    lists in the context; what a plugin took out of them (an embargoed
    story in a publish build) is not written, so its images are not either.
    """
    seen = set()
    for key in ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages"):
        for content in context.get(key) or ():
            for item in (content, *getattr(content, "translations", ())):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def drop_original_images(generator):
    """Pelican's static generator must not publish a photo as it is."""
    kept, dropped = [], []
    for static in generator.staticfiles:
        (dropped if is_raster(static.source_path) else kept).append(static)
    if not dropped:
        return
    generator.staticfiles[:] = kept  # the context holds this very list
    for static in dropped:
        generator.context["static_content"].pop(static.get_relative_source_path(), None)
    logo = logo_file(generator.settings, include_theme=False)  # published by the catalog
    dropped = [s for s in dropped if logo is None or Path(s.source_path) != logo]
    if not dropped:
        return
    names = ", ".join(sorted(os.path.relpath(s.source_path) for s in dropped)[:5])
    logger.warning(
        "%d image file(s) not published as they are (%s%s): photos are published only as "
        "copies without metadata, through an article's 'image:' or its text; remove the "
        "folder from STATIC_PATHS",
        len(dropped),
        names,
        ", …" if len(dropped) > 5 else "",
    )


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signals.static_generator_finalized.connect(drop_original_images)
