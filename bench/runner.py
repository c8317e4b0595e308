"""Run one build, or the content check alone, and write what it measured as JSON.

The benchmark starts this module in a fresh process for every measurement, so
that each build has its own peak memory and nothing is cached between builds::

    python -m bench.runner build --site warta --content C --output O --cache K --result R.json
    python -m bench.runner build --site vanilla ...     # stock Pelican, no plugins
    python -m bench.runner build ... --profile P.prof    # under cProfile
    python -m bench.runner check --content C --cache K --result R.json

The build uses the class named by PELICAN_CLASS, as the ``pelican`` command
does. Phases are timed by wrapping the methods of the generator classes the
build really uses (``articles.generate_tags``, ``region.generate_output`` …),
the writer, the reader, Markdown, Jinja, every Pelican signal and each plugin's
receivers (after ``initialized``); the overhead is a clock read per call. When
the build forks worker processes, the phases show the main process's share.
"""

import argparse
import cProfile
import functools
import io
import json
import logging
import pstats
import re
import resource
from collections import defaultdict
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
MB = 2**20

GENERATOR_METHODS = (
    "generate_context",
    "_build_period_archives",
    "generate_output",
    "generate_feeds",
    "generate_articles",
    "generate_period_archives",
    "generate_direct_templates",
    "generate_tags",
    "generate_categories",
    "generate_authors",
    "generate_drafts",
)
# (label, module, class or None, function) timed in every build.
FUNCTIONS = (
    ("reader.read_file", "pelican.readers", "Readers", "read_file"),
    ("markdown.convert", "markdown", "Markdown", "convert"),
    ("jinja.render", "jinja2.environment", "Template", "render"),
    ("os.fork", "os", None, "fork"),
)
WARTA_FUNCTIONS = (
    ("warta.check_site", "warta_check", None, "check_site"),
    ("warta.front_matter", "warta_reader.frontmatter", None, "split"),
)
# Taxonomy work: the region index and pages, the topic (tag) pages and feeds.
TAXONOMY = (
    "region.generate_context",
    "region.generate_output",
    "articles.generate_tags",
    "feeds.tag",
)
FEED_KINDS = ("TAG", "AUTHOR", "CATEGORY", "REGION")


class PhaseTimer:
    """Adds up the wall-clock seconds and calls of wrapped functions."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.calls = defaultdict(int)

    def add(self, label, seconds):
        self.seconds[label] += seconds
        self.calls[label] += 1

    def timed(self, label, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(label, perf_counter() - start)

        return wrapper

    def wrap_functions(self, functions):
        """Time ``module.class.function`` (or ``module.function``) where it exists."""
        for label, module_name, class_name, name in functions:
            module = _import(module_name)
            owner = getattr(module, class_name, None) if class_name else module
            if owner is not None and hasattr(owner, name):
                setattr(owner, name, self.timed(label, getattr(owner, name)))

    def wrap_generators(self, classes):
        """Time the generate_* methods of the generator classes in use."""
        for cls in classes:
            prefix = generator_label(cls)
            for name in GENERATOR_METHODS:
                if hasattr(cls, name):
                    setattr(cls, name, self.timed(f"{prefix}.{name}", getattr(cls, name)))

    def wrap_signals(self):
        """Time every Pelican signal, i.e. the plugins' receivers."""
        from blinker import NamedSignal
        from pelican.plugins import signals

        for value in vars(signals).values():
            if isinstance(value, NamedSignal):
                value.send = self.timed(f"signal.{value.name}", value.send)

    def wrap_receivers(self):
        """Time each plugin receiver of every signal, keeping their order."""
        from blinker import ANY, NamedSignal
        from pelican.plugins import signals

        for value in vars(signals).values():
            if not isinstance(value, NamedSignal):
                continue
            receivers = list(value.receivers_for(ANY))
            for receiver in receivers:
                value.disconnect(receiver)
            for receiver in receivers:
                label = f"receiver.{receiver.__module__}.{receiver.__qualname__}"
                value.connect(self.timed(label, receiver), weak=False)

    def wrap_writer(self, pelican):
        """Time the writer's write_file, and write_feed by kind of feed."""
        make_writer = pelican._get_writer

        def get_writer():
            writer = make_writer()
            writer.write_file = self.timed("writer.write_file", writer.write_file)
            writer.write_feed = self._timed_feeds(writer.write_feed, writer.settings)
            return writer

        pelican._get_writer = get_writer

    def _timed_feeds(self, write_feed, settings):
        patterns = {}  # read at the first feed: plugins add their settings late

        @functools.wraps(write_feed)
        def wrapper(elements, context, path=None, *args, **kwargs):
            if not patterns:
                patterns.update(feed_patterns(settings))
            start = perf_counter()
            try:
                return write_feed(elements, context, path, *args, **kwargs)
            finally:
                self.add(f"feeds.{feed_kind(path, patterns)}", perf_counter() - start)

        return wrapper

    def report(self):
        return {
            "seconds": {k: round(v, 4) for k, v in sorted(self.seconds.items())},
            "calls": dict(sorted(self.calls.items())),
        }


def _import(name):
    try:
        return __import__(name, fromlist=["_"])
    except ImportError:
        return None


def generator_label(cls):
    """'articles', 'pages', 'static' for Pelican's (and subclasses), else e.g. 'region'."""
    from pelican import generators

    for label in ("Articles", "Pages", "Static", "TemplatePages", "SourceFile"):
        if issubclass(cls, getattr(generators, f"{label}Generator")):
            return label.lower()
    return cls.__name__.removesuffix("Generator").lower()


def feed_patterns(settings):
    """{kind: [regex]} for the feed paths of each kind in ``settings``."""
    patterns = {}
    for kind in FEED_KINDS:
        for flavour in ("ATOM", "RSS"):
            template = settings.get(f"{kind}_FEED_{flavour}")
            if template:
                regex = re.sub(r"\\\{\w+\\\}", ".+", re.escape(str(template)))
                patterns.setdefault(kind.lower(), []).append(re.compile(regex + "$"))
    return patterns


def feed_kind(path, patterns):
    for kind, regexes in patterns.items():
        if any(regex.match(str(path)) for regex in regexes):
            return kind
    return "site"


# --- settings -----------------------------------------------------------------


def warta_settings(content, output, cache):
    from pelican.settings import read_settings

    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    return read_settings(str(ROOT / "pelicanconf.py"), override=override)


def vanilla_settings(content, output, cache):
    """Stock Pelican: default theme (notmyidea), MarkdownReader, no plugins."""
    from pelican.settings import read_settings

    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        "ARTICLE_PATHS": ["berita"],
        "PAGE_PATHS": ["pages"],
        "DEFAULT_PAGINATION": 10,
        "TIMEZONE": "Asia/Jakarta",
        "SITENAME": "Warta (vanilla Pelican)",
        "PLUGINS": [],
    }
    return read_settings(None, override=override)


SETTINGS = {"warta": warta_settings, "vanilla": vanilla_settings}


def pelican_class(settings):
    """The class named by PELICAN_CLASS, resolved as ``pelican.get_instance`` does."""
    cls = settings["PELICAN_CLASS"]
    if isinstance(cls, str):
        module, name = cls.rsplit(".", 1)
        cls = getattr(__import__(module, fromlist=[name]), name)
    return cls


# --- commands -----------------------------------------------------------------


def build(site, content, output, cache, profile=None):
    """Build the site once; return the build time and its phases."""
    settings = SETTINGS[site](content, output, cache)
    timer = PhaseTimer()
    timer.wrap_functions(FUNCTIONS + (WARTA_FUNCTIONS if site == "warta" else ()))
    timer.wrap_signals()
    cls = pelican_class(settings)
    profiler = cProfile.Profile() if profile else None
    start = perf_counter()
    if profiler:
        profiler.enable()
    pelican = timer.timed("init", cls)(settings)
    timer.wrap_receivers()
    timer.wrap_generators(pelican._get_generator_classes())
    timer.wrap_writer(pelican)
    timer.timed("run", pelican.run)()
    if profiler:
        profiler.disable()
    seconds = perf_counter() - start
    if profiler:
        write_profile(profiler, Path(profile))
    return {
        "site": site,
        "pelican_class": f"{cls.__module__}.{cls.__name__}",
        "build_seconds": round(seconds, 4),
        **memory(),
        **timer.report(),
    }


def memory():
    """Peak RSS of this process and of the largest process it forked and reaped."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / MB
    return {"main_peak_mb": round(own, 1), "forked_peak_mb": round(children, 1)}


def check(content, cache):
    """Run Warta's content check alone; return its time and what it found."""
    settings = warta_settings(content, Path(content).parent / "unused-output", cache)
    from warta_check import check_site

    start = perf_counter()
    problems = check_site(settings)
    seconds = perf_counter() - start
    errors = sum(1 for p in problems if p.is_error)
    return {
        "check_seconds": round(seconds, 4),
        "errors": errors,
        "warnings": len(problems) - errors,
    }


def write_profile(profiler, path, limit=45):
    """Save the raw profile and a text summary (cumulative and tottime)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(path))
    summary = io.StringIO()
    for order in ("cumulative", "tottime"):
        summary.write(f"=== top {limit} by {order} ===\n")
        stats = pstats.Stats(str(path), stream=summary)
        stats.sort_stats(order).print_stats(limit)
    path.with_name(path.name + ".txt").write_text(summary.getvalue(), encoding="utf-8")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.runner", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="build the site once")
    build_parser.add_argument("--site", choices=sorted(SETTINGS), default="warta")
    build_parser.add_argument("--output", required=True)
    build_parser.add_argument("--profile", help="write a cProfile dump to this file")
    check_parser = commands.add_parser("check", help="run the content check alone")
    for command in (build_parser, check_parser):
        command.add_argument("--content", required=True)
        command.add_argument("--cache", required=True, help="CACHE_PATH of the build")
        command.add_argument("--result", required=True, help="JSON file to write")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build":
        result = build(args.site, args.content, args.output, args.cache, args.profile)
    else:
        result = check(args.content, args.cache)
    Path(args.result).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
