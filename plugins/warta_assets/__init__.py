"""Theme assets: one stylesheet and one script per build, named by content.

The theme's CSS is written as small files: the base rules in
``static/css/warta.css``, one file per component in
``static/css/components/<macro>.css`` and the print rules in
``static/css/print.css``, in that order. The JavaScript is the files in
``static/js/``. A reader's browser should fetch one file of each, so this
plugin joins them, strips comments and blank space (rcssmin, rjsmin), and names each bundle
after a hash of its content (``theme/css/warta.1a2b3c4d.css``): a changed
file gets a new name, so the server may let browsers cache them for a year.

Signal: ``get_generators`` adds :class:`AssetsGenerator`. Its
``generate_context`` puts the bundles' root-relative paths into the template
context as ``WARTA_STYLESHEET`` and ``WARTA_SCRIPT``; its ``generate_output``
writes them. The bundles are rebuilt on every run, so ``make devserver``
picks up CSS changes.
"""

import hashlib
import os
from pathlib import Path

import rcssmin
import rjsmin
from pelican import signals
from pelican.generators import Generator

from warta_build.writer import write_if_changed

CSS_ORDER = ("css/warta.css", "css/components/*.css", "css/print.css")
JS_ORDER = ("js/*.js",)


def minify_css(text):
    """``text`` without comments and needless blank space (rcssmin)."""
    return rcssmin.cssmin(text) + "\n"


def minify_js(text):
    """``text`` without comments and needless blank space (rjsmin)."""
    return rjsmin.jsmin(text) + "\n"


def source_files(static, patterns):
    """The files under ``static`` matching ``patterns``, in that order, once each."""
    seen = []
    for pattern in patterns:
        for path in sorted(Path(static).glob(pattern)):
            if path.is_file() and path not in seen:
                seen.append(path)
    return seen


def bundle(static, patterns, minify):
    """(text, hash) of the files under ``static`` joined and minified."""
    chunks = []
    for path in source_files(static, patterns):
        chunks.append(minify(path.read_text(encoding="utf-8")))
    text = "".join(chunks)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return text, digest


class AssetsGenerator(Generator):
    """Writes ``<THEME_STATIC_DIR>/css/warta.<hash>.css`` and ``…/js/warta.<hash>.js``."""

    def generate_context(self):
        static = Path(self.theme) / "static"
        base = self.settings.get("THEME_STATIC_DIR", "theme").strip("/")
        self.bundles = {}
        for name, patterns, minify, ext in (
            ("WARTA_STYLESHEET", CSS_ORDER, minify_css, "css"),
            ("WARTA_SCRIPT", JS_ORDER, minify_js, "js"),
        ):
            text, digest = bundle(static, patterns, minify)
            if not text.strip():
                self.context[name] = ""
                continue
            path = f"{base}/{ext}/warta.{digest}.{ext}"
            self.bundles[path] = text
            self.context[name] = path

    def planned_outputs(self):
        """(output path, source) of each bundle; warta_build keeps them."""
        for path in self.bundles:
            yield path, "theme assets"

    def generate_output(self, writer):
        del writer  # plain files, not templates
        for path, text in self.bundles.items():
            # An unchanged bundle keeps its date (for uploads that follow dates).
            write_if_changed(os.path.join(self.output_path, path), text.encode("utf-8"))


def get_generators(pelican):
    del pelican
    return AssetsGenerator


def register():
    signals.get_generators.connect(get_generators)
