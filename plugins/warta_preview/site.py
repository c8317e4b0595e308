"""The previewed site, kept in memory and brought up to date file by file.

:class:`PreviewSite` builds the whole site once into the output folder, then
keeps Pelican's generators. When a file changes it re-reads only that file,
rebuilds the lists and indexes (linear in the number of articles) and
records again which call writes which page. Pages are rendered when the
browser asks for them, so an edit shows after one file is read and one page
rendered, whatever the size of the site.
"""

import os
import threading
from pathlib import Path

from pelican import signals

from warta_build import WartaPelican, writes_through_writer
from warta_check import check_site

from .routes import RouteRecorder, RouteRenderer

ARTICLE, PAGE, CONTENT, THEME, CODE, OTHER = [
    "article",
    "page",
    "content",
    "theme",
    "code",
    "other",
]
MARKDOWN = {".md", ".markdown", ".mkd", ".mdown"}


class PreviewSite:
    """The site in memory: ``refresh`` after changes, ``render`` on request."""

    def __init__(self, settings, root):
        self.settings = settings
        self.root = Path(root)
        self.version = 0
        self.problems = {}  # file -> its errors, while it has any
        self.lock = threading.Lock()
        self.pelican = WartaPelican(settings)
        self.pelican.run(
            skip_if_current=False
        )  # the full site on disk: images, assets, static files
        self.generators = self.pelican.generators
        self._record_routes()

    # --- loading -----------------------------------------------------------

    def _load(self):
        """Read everything into fresh generators (for changes that touch every article)."""
        self.generators = self.pelican._make_generators()
        for generator in self.generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
        self._finish()

    def _finish(self):
        signals.all_generators_finalized.send(self.generators)
        for generator in self.generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        self._record_routes()

    def _record_routes(self):
        recorder = RouteRecorder(self.pelican.output_path, self.settings)
        for generator in self.generators:
            if writes_through_writer(generator):
                generator.generate_output(recorder)
        self.routes = recorder.routes
        self.version += 1

    # --- changes -----------------------------------------------------------

    def refresh(self, changed):
        """Bring the site up to date with the files in ``changed``; return kinds seen."""
        kinds = {self.kind(path) for path in changed}
        if CODE in kinds:
            return kinds  # plugins or settings changed: the server restarts
        with self.lock:
            if not self._check([p for p in changed if self.kind(p) in (ARTICLE, PAGE)]):
                self.version += 1  # show the problems in the browser
                return kinds
            if CONTENT in kinds:
                self._load()
            elif ARTICLE in kinds or PAGE in kinds:
                self._reread(changed, kinds)
            if THEME in kinds:
                self._reload_theme()
            if OTHER in kinds or THEME in kinds:
                self._rerun_other_outputs()
        return kinds

    def _check(self, paths):
        """Check the changed files; False while any file has an error."""
        for path in paths:
            self.problems.pop(str(Path(path).resolve()), None)
        existing = [p for p in paths if Path(p).exists()]
        for problem in check_site(self.settings, existing) if existing else ():
            if problem.is_error:
                key = str(Path(problem.path).resolve())
                self.problems.setdefault(key, []).append(problem)
        return not self.problems

    def kind(self, path):
        """What a change to ``path`` means for the site."""
        path = Path(path).resolve()
        content = Path(self.settings["PATH"]).resolve()
        theme = Path(self.settings["THEME"]).resolve()
        if path.is_relative_to(theme):
            return THEME
        if path.suffix == ".py" and path.is_relative_to(self.root):
            return CODE
        if not path.is_relative_to(content):
            return OTHER
        relative = path.relative_to(content).as_posix()
        if path.suffix.lower() not in MARKDOWN:
            return CONTENT if path.suffix in (".yml", ".yaml") else OTHER
        if any(relative.startswith(p.rstrip("/") + "/") for p in self.settings["PAGE_PATHS"]):
            return PAGE
        return ARTICLE

    def _reread(self, changed, kinds):
        if PAGE in kinds:
            self._generator("WartaPagesGenerator").generate_context()
        if ARTICLE in kinds:
            self._reread_articles([p for p in changed if self.kind(p) == ARTICLE])
        self._finish()

    def _reread_articles(self, paths):
        articles = self._generator("WartaArticlesGenerator")
        content = Path(self.settings["PATH"]).resolve()
        for path in paths:
            name = Path(path).resolve().relative_to(content).as_posix()
            if Path(path).exists():
                articles.read(name)
            else:
                articles.forget(name)
        articles.index()
        self._generator("RegionGenerator").generate_context()

    def _reload_theme(self):
        for generator in self.generators:
            if hasattr(generator, "env"):
                generator._templates.clear()
                generator.env.cache.clear()
        self._record_routes()  # the recorded calls hold the old templates

    def _rerun_other_outputs(self):
        """Static files, images, asset bundles: their generators write to disk."""
        writer = self.pelican._get_writer()
        for generator in self.generators:
            if not writes_through_writer(generator) and hasattr(generator, "generate_context"):
                generator.generate_context()
                if hasattr(generator, "generate_output"):
                    generator.generate_output(writer)
        self.version += 1

    def _generator(self, name):
        return next(g for g in self.generators if type(g).__name__ == name)

    # --- serving -----------------------------------------------------------

    def render(self, path):
        """The bytes of the output at ``path`` (relative), or None."""
        with self.lock:
            route = self.routes.get(path)
            if route is not None:
                renderer = RouteRenderer(self.pelican.output_path, self.settings)
                return renderer.render(path, route)
        file = os.path.join(self.pelican.output_path, path)
        if os.path.isfile(file):
            with open(file, "rb") as handle:
                return handle.read()
        return None
