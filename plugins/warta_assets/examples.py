"""The theme's components rendered from their example inputs.

Every macro in ``theme/templates/macros/<name>.html`` has example inputs in
``theme/templates/macros/examples/<name>.yaml``::

    macro: card                 # the macro's name in the file
    examples:
      - name: lead with picture
        description: what the example shows
        params: {article: {...}, lead: true}
        expect:                 # optional, checked by tests/test_components.py
          select: {".warta-card__image": 1}   # CSS selector: how many
          text: ["21 Jan 2020"]               # must appear in the text
          empty: false                        # true: renders nothing

``siteurl`` defaults to "" when the macro takes it. Objects are plain
mappings (Jinja reads ``article.title`` from ``{"title": …}``) and YAML
timestamps become datetimes.

The environment is Pelican's, with the JINJA_ENVIRONMENT options of
pelicanconf.py and Warta's filters, so a macro renders here exactly as in
the site. :func:`render_gallery` puts every example on one page, like the
review app of govuk-frontend: the browser tests check it with axe and the Nu
HTML Checker, and ``invoke gallery`` writes it for people to look at.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import yaml
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from warta_jinja import add_filters

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme"
MACROS = THEME / "templates" / "macros"
EXAMPLES = MACROS / "examples"
# Helpers that other macros call, not components of their own.
HELPERS = ("picture",)


@dataclass
class Example:
    component: str  # file name: macros/<component>.html
    macro: str
    name: str
    description: str = ""
    params: dict = field(default_factory=dict)
    expect: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.component}-{self.name}".replace(" ", "-").lower()


@cache
def site_settings():
    """The settings of pelicanconf.py (JINJA_ENVIRONMENT, WARTA_LOCALE, …)."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))


def environment(settings=None):
    """A Jinja environment like the one Pelican gives the theme: the same
    JINJA_ENVIRONMENT options (autoescaping, trim_blocks, …) and filters."""
    settings = settings if settings is not None else site_settings()
    options = dict(settings.get("JINJA_ENVIRONMENT") or {})
    env = Environment(loader=FileSystemLoader(str(THEME / "templates")), **options)
    add_filters(SimpleNamespace(settings=settings, env=env))
    return env


def components():
    """Names of the component macros (files in macros/, helpers excluded)."""
    return sorted(p.stem for p in MACROS.glob("*.html") if p.stem not in HELPERS)


def load_examples(component):
    """The examples of one component, in file order."""
    path = EXAMPLES / f"{component}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Example(
            component=component,
            macro=data.get("macro", component),
            name=str(item["name"]),
            description=item.get("description", ""),
            params=item.get("params") or {},
            expect=item.get("expect") or {},
        )
        for item in data["examples"]
    ]


def all_examples():
    return [example for name in components() for example in load_examples(name)]


def image_sources():
    """Every image ``src`` the examples use (to copy the files next to the gallery)."""
    return sorted({src for e in all_examples() for src in _sources(e.params)})


def _sources(value):
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("src"), str):
            found.append(value["src"])
        for item in value.values():
            found += _sources(item)
    elif isinstance(value, list):
        for item in value:
            found += _sources(item)
    return found


def render(example, env=None):
    """The HTML of ``example`` (a str; empty when the macro renders nothing)."""
    env = env or environment()
    module = env.get_template(f"macros/{example.component}.html").module
    macro = getattr(module, example.macro)
    params = dict(example.params)
    if "siteurl" in macro.arguments:
        params.setdefault("siteurl", "")
    return str(macro(**params)).strip()


def render_gallery(stylesheet, env=None):
    """One HTML page with every example, linking ``stylesheet`` (a URL)."""
    env = env or environment()
    sections = []
    for component in components():
        examples = load_examples(component)
        items = []
        for example in examples:
            html = render(example, env) or '<p class="gallery-empty">(renders nothing)</p>'
            items.append(
                Markup(
                    '<div class="gallery-example" id="{id}">'
                    '<h3 class="gallery-name" lang="en">{name}</h3>{desc}'
                    '<div class="gallery-render" lang="id">{html}</div></div>'
                ).format(
                    id=example.id,
                    name=example.name,
                    desc=Markup('<p class="gallery-description" lang="en">{}</p>').format(
                        example.description
                    )
                    if example.description
                    else "",
                    html=Markup(html),
                )
            )
        sections.append(
            Markup(
                '<section class="gallery-component" aria-labelledby="c-{c}">'
                '<h2 id="c-{c}"><code>{c}</code></h2>{items}</section>'
            ).format(c=component, items=Markup("").join(items))
        )
    return GALLERY.format(stylesheet=escape(stylesheet), sections=Markup("\n").join(sections))


GALLERY = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warta components</title>
<link rel="stylesheet" href="{stylesheet}">
<style>
.gallery-component {{ border-top: 4px solid var(--warta-brand); margin-top: 2rem; }}
.gallery-example {{ border: 1px dashed var(--warta-line); padding: 0 1rem 1rem; margin: 1rem 0; }}
.gallery-name {{ font-size: 0.875rem; text-transform: uppercase; color: var(--warta-muted); }}
.gallery-description, .gallery-empty {{ color: var(--warta-muted); font-size: 0.9375rem; }}
</style>
</head>
<body>
<main id="main-content" class="warta-main">
<h1 class="warta-page-title">Warta components</h1>
<p class="warta-page-lead">Every example in <code>theme/templates/macros/examples/</code>.</p>
{sections}
</main>
</body>
</html>
"""
