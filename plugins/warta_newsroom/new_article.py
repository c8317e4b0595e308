"""``invoke new``: start an article whose front matter is complete and passes the check.

The file is ``<ARTICLE_PATHS[0]>/YYYY/MM/<slug>.md`` under the content
folder, dated now in the region's own time zone, with the region's capital as
dateline and ``status: draft``, so nothing goes out before an editor changes
it. An existing file is never overwritten.
"""

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from warta_reader.reader import display_path
from warta_regions.registry import (
    TIMEZONES,
    RegionError,
    UnknownRegionError,
    load_registry,
    slugify,
)
from warta_settings import WartaError
from warta_topics.registry import topic_registry

SLUG_LIMIT = 80

BODY = (
    "<!-- Write the story below this line, in Markdown. Do not start with "
    "'{dateline} –': the site adds the dateline itself. Delete this line. -->\n"
)


class NewArticleError(WartaError):
    """``invoke new`` cannot write the article; the message says why."""


class ArticleExistsError(NewArticleError):
    """The file for this title is already there."""


def new_article(settings, title, region, author, tags="", now=None):
    """Write a new article and return its path.

    ``region``: a name, short name, alias or code (or the capital of one
    regency/city: Toboali); ``tags``: a list or a
    comma-separated text; ``now``: the creation time (default: the clock).
    Raises NewArticleError with a message for the journalist.
    """
    title = " ".join(str(title or "").split())
    if not title:
        raise NewArticleError('the title is empty; write it in quotes: invoke new "Judul berita"')
    author = " ".join(str(author or "").split())
    if not author:
        raise NewArticleError('no author; add --author "Nama Anda"')
    place = _region(region)
    zone = ZoneInfo(TIMEZONES[place.timezone])
    when = (now or datetime.now(UTC)).astimezone(zone).replace(second=0, microsecond=0)
    slug = make_slug(title)
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0] / f"{when:%Y}" / f"{when:%m}"
    path = folder / f"{slug}.md"
    text = (
        front_matter(title, when, author, place, _tags(tags, settings))
        + "\n"
        + BODY.format(dateline=place.capital.upper())
    )
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ArticleExistsError(
            f"{display_path(path)} already exists; nothing was written. Edit that file, "
            "or choose another title"
        ) from None
    return path


def make_slug(title):
    """The file name for ``title``: lowercase ASCII words joined by hyphens."""
    slug = slugify(title)
    if len(slug) > SLUG_LIMIT:
        slug = slug[: SLUG_LIMIT + 1].rsplit("-", 1)[0]
    if not slug:
        raise NewArticleError(
            f"cannot make a file name from the title {title!r}; use letters or digits in it"
        )
    return slug


def front_matter(title, when, author, region, tags):
    """The YAML front matter, every value quoted only where YAML needs it."""
    name = f"Provinsi {region.name}" if region.is_province else region.name
    lines = [
        "---",
        f"title: {_scalar(title)}",
        f"date: {when.isoformat(timespec='minutes')}",
        f"author: {_scalar(author)}",
        f"dateline: {_scalar(region.capital)}",
        f"region: {_scalar(name)}",
        f"tags: {_flow_list(tags)}",
        "summary:",
        "status: draft",
        "# image:",
        f"#   src: images/berita/{when:%Y}/nama-foto.jpg",
        "#   alt: What the photo shows",
        "#   caption: Caption under the photo.",
        "#   credit: Photographer or office",
        "---",
    ]
    return "\n".join(lines) + "\n"


def _region(name):
    """The region named ``name``, or the one whose capital (ibu kota) it is."""
    registry = load_registry()
    try:
        return registry.resolve(str(name or ""))
    except UnknownRegionError as exc:
        seat = registry.from_dateline(str(name or ""))
        if seat is None:
            raise NewArticleError(f"--region: {exc}") from None
        return seat
    except RegionError as exc:
        raise NewArticleError(f"--region: {exc}") from None


def _tags(value, settings):
    """Tags as the topic registry names them; unknown ones are kept as written."""
    if isinstance(value, str):
        value = value.split(",")
    registry = topic_registry(settings)
    tags = []
    for raw in value or ():
        text = " ".join(str(raw).split())
        if text:
            topic = registry.find(text)
            tags.append(topic.name if topic else text)
    return list(dict.fromkeys(tags))


def _flow_list(values):
    """``values`` as a one-line YAML list: [umkm, dana desa]."""
    return yaml.safe_dump(
        list(values), allow_unicode=True, width=10_000, default_flow_style=True
    ).strip()


def _scalar(value):
    """``value`` as one YAML scalar: plain when that reads back the same, else quoted."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_style=None)
    text = re.sub(r"\n(\.\.\.\n)?$", "", text)
    return text
