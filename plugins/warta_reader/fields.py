"""Turn raw front-matter values into Pelican metadata, explaining every mistake.

Each ``_field`` function reads one key of a :class:`FrontMatter`, records a
problem (with the key's line) when the value is wrong, and returns the value
Pelican expects.
"""

import difflib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.urlwrappers import Author, Tag

from warta_regions.registry import TIMEZONES, RegionError

from . import fastpath

ARTICLE_FIELDS = (
    "title",
    "date",
    "modified",
    "author",
    "authors",
    "dateline",
    "region",
    "tags",
    "summary",
    "image",
    "status",
    "slug",
    "corrections",
    "lang",
    "template",
    "save_as",
    "url",
)
PAGE_FIELDS = (
    "title",
    "slug",
    "summary",
    "status",
    "date",
    "modified",
    "template",
    "save_as",
    "url",
    "lang",
)
STATUSES = ("published", "draft")
IMAGE_KEYS = ("src", "alt", "caption", "credit")
CORRECTION_KEYS = ("date", "note")
CORRECTION_EXAMPLE = "'- date: 2020-01-22T09:00+07:00' and, below it, '  note: What was corrected.'"
_SENTENCE_END = (".", "!", "?", '"', "”")
# A date further ahead than this is more likely a typo than an embargo.
FAR_FUTURE = timedelta(days=366)
DATE_HELP = "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM+07:00, e.g. 2020-01-21T10:00+07:00"
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(.*)$")


class Context:
    """What the field converters need besides the front matter itself."""

    def __init__(self, settings, regions, topics, markdown):
        self.settings = settings
        self.regions = regions
        self.topics = topics
        self.markdown = markdown
        self.site_zone = ZoneInfo(settings.get("TIMEZONE") or "Asia/Jakarta")
        self.content_path = Path(settings.get("PATH", "."))


def article_metadata(matter, ctx):
    """Metadata of a news article; problems are added to ``matter``."""
    _unknown_fields(matter, ARTICLE_FIELDS)
    meta = {"title": _title(matter)}
    meta["authors"] = _authors(matter, ctx)
    meta["dateline"] = _text(matter, "dateline")
    meta["regions"] = _regions(matter, ctx, meta["dateline"])
    zone = _zone(meta["regions"], ctx)
    meta["date"] = _date(matter, "date", zone, required=True)
    meta["date_only"] = _is_date_only(matter.fields.get("date"))
    meta["modified"] = _date(matter, "modified", zone)
    _check_modified(matter, meta)
    _check_far_future(matter, meta)
    meta["corrections"] = _corrections(matter, zone, meta["date"])
    meta["modified"] = _latest_change(meta)
    meta["tags"] = _tags(matter, ctx)
    meta["summary"] = _summary(matter, ctx)
    meta["image"] = _image(matter, ctx)
    meta["status"] = _status(matter)
    meta["slug"] = _text(matter, "slug")
    _copy_plain(matter, meta, ("lang", "template", "save_as", "url"))
    return {key: value for key, value in meta.items() if value not in (None, [], "", False)}


def page_metadata(matter, ctx):
    """Metadata of a static page (Tentang, Kontak, …)."""
    _unknown_fields(matter, PAGE_FIELDS)
    meta = {
        "title": _title(matter),
        "summary": _summary(matter, ctx),
        "status": _status(matter),
        "slug": _text(matter, "slug"),
        "date": _date(matter, "date", ctx.site_zone),
        "modified": _date(matter, "modified", ctx.site_zone),
    }
    _copy_plain(matter, meta, ("lang", "template", "save_as", "url"))
    return {key: value for key, value in meta.items() if value not in (None, [], "")}


def _unknown_fields(matter, known):
    for key in matter.fields:
        if key in known:
            continue
        if _is_swallowed_text(matter, key):
            matter.error(
                key,
                f"'{key}' is not a field, and '{_shorten(matter.fields[key])}' reads like "
                "text; if it is the first paragraph, put an empty line between the header "
                "and the text, or it is lost",
            )
            continue
        guess = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "known fields: " + ", ".join(known[:12])
        matter.warning(key, f"unknown field '{key}' is ignored; {hint}")


def _is_swallowed_text(matter, key):
    """True for a sentence read as a field in a 'Key: value' header.

    Pelican's header ends at the first empty line, so 'TOBOALI: Bupati membuka
    rapat.' right under it becomes a field. YAML fields start on line 2, after
    the opening '---'; a 'Key: value' header starts on line 1.
    """
    value = matter.fields[key]
    if min(matter.lines.values(), default=0) != 1 or not isinstance(value, str):
        return False
    words = value.split()
    return len(words) >= 6 or (len(words) >= 2 and value.rstrip().endswith(_SENTENCE_END))


def _shorten(value, limit=40):
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(matter, key, required=False):
    value = matter.fields.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            matter.error(key, f"'{key}' is missing; add a line '{key}: …' to the front matter")
        return None
    if isinstance(value, (list, dict)):
        matter.error(key, f"'{key}' must be a single text, not a {_kind(value)}; keep one value")
        return None
    return str(value).strip()


def _title(matter):
    return _text(matter, "title", required=True)


def _kind(value):
    return "list" if isinstance(value, list) else "group of fields"


def _names(matter, key):
    """A name or a list of names (authors)."""
    value = matter.fields.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(";") if key == "authors" or ";" in value else [value]
        if key == "authors" and len(parts) == 1:
            parts = value.split(",")
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    matter.error(key, f"'{key}' must be a name or a list of names like [Ani, Budi]")
    return []


def _authors(matter, ctx):
    names = _names(matter, "author") + _names(matter, "authors")
    if not names and not _has_problem(matter, ("author", "authors")):
        matter.error(None, "'author' is missing; add a line 'author: Your Name'")
    names = list(dict.fromkeys(names))
    return [Author(name, ctx.settings) for name in names]


def _has_problem(matter, keys):
    lines = {matter.lines.get(k) for k in keys if k in matter.lines}
    return any(p.line in lines for p in matter.problems)


def _regions(matter, ctx, dateline):
    value = matter.fields.get("region")
    if value in (None, "", []):
        return _regions_from_dateline(matter, ctx, dateline)
    if not isinstance(value, (str, list)) or (
        isinstance(value, list) and not all(isinstance(v, (str, int)) for v in value)
    ):
        matter.error("region", "'region' must be a region name or a list of names")
        return []
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    found = []
    for name in value:
        try:
            found.append(ctx.regions.resolve(str(name)))
        except RegionError as exc:
            matter.error("region", str(exc))
    _check_dateline_province(matter, ctx, dateline, found)
    return list(dict.fromkeys(found))


def _regions_from_dateline(matter, ctx, dateline):
    region = ctx.regions.from_dateline(dateline) if dateline else None
    if region:
        return [region]
    where = (
        f" and the dateline '{dateline}' is not the seat of exactly one regency or city"
        if dateline
        else ""
    )
    matter.error(
        "region" if "region" in matter.lines else "dateline",
        f"'region' is missing{where}; add e.g. 'region: Kabupaten Bangka Selatan'",
    )
    return []


def _check_dateline_province(matter, ctx, dateline, regions):
    place = ctx.regions.from_dateline(dateline) if dateline else None
    if not place or not regions:
        return
    provinces = {ctx.regions.province_of(r).code for r in regions}
    home = ctx.regions.province_of(place)
    if home.code not in provinces:
        matter.warning(
            "dateline",
            f"dateline '{dateline}' is in {home.name} but 'region' is in "
            f"{', '.join(sorted(ctx.regions.get(c).name for c in provinces))}; "
            "check the dateline and the region",
        )


def _zone(regions, ctx):
    if regions:
        return ZoneInfo(TIMEZONES[regions[0].timezone])
    return ctx.site_zone


def _date(matter, key, zone, required=False):
    value = matter.fields.get(key)
    if value is None or value == "":
        if required:
            matter.error(key, f"'{key}' is missing; add a line '{key}: 2020-01-21T10:00+07:00'")
        return None
    return _parse_date(matter, key, key, value, zone)


def _parse_date(matter, key, label, value, zone):
    """An aware datetime from ``value``; problems are reported on ``key``'s line."""
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        matter.error(key, _date_problem(label, text, exc))
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def _date_problem(key, text, exc):
    dmy = _DMY.match(text)
    if dmy:
        day, month, year, rest = dmy.groups()
        iso = f"{year}-{int(month):02d}-{int(day):02d}"
        time = rest.strip()
        fixed = f"{iso}T{time}" if time else iso
        return (
            f"{key} '{text}' is ambiguous (day/month or month/day?); "
            f"write it year-month-day, e.g. '{fixed}'"
        )
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}", text) and "range" in str(exc):
        return f"{key} '{text}' does not exist ({exc}); check the day and the month"
    return f"{key} '{text}' is not a date; {DATE_HELP}"


def _is_date_only(value):
    """True for '2020-01-21' (no time of day given)."""
    return isinstance(value, str) and bool(re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value))


def _check_modified(matter, meta):
    date, modified = meta.get("date"), meta.get("modified")
    if date and modified and modified < date:
        matter.error(
            "modified",
            f"'modified' ({modified.isoformat()}) is before 'date' "
            f"({date.isoformat()}); a story can only be changed after it is published",
        )


def _check_far_future(matter, meta):
    date = meta.get("date")
    if date and date - datetime.now(UTC) > FAR_FUTURE:
        matter.warning(
            "date",
            f"date {date.date().isoformat()} is more than a year from now, so the article "
            "stays unpublished until then; check the year",
        )


def _corrections(matter, zone, date):
    """Corrections as [{"date": aware datetime, "note": str}], oldest first."""
    value = matter.fields.get("corrections")
    if value is None or value in ("", []):
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        matter.error(
            "corrections",
            "'corrections' must be a list with one item per correction; "
            f"write each as {CORRECTION_EXAMPLE}",
        )
        return []
    found = []
    for number, entry in enumerate(value, start=1):
        correction = _correction(matter, f"correction {number}", entry, zone, date)
        if correction:
            found.append(correction)
    return sorted(found, key=lambda c: c["date"])


def _correction(matter, label, entry, zone, date):
    if not isinstance(entry, dict):
        matter.error(
            "corrections",
            f"{label} must have a 'date' and a 'note'; write it as {CORRECTION_EXAMPLE}",
        )
        return None
    for key in sorted(set(map(str, entry)) - set(CORRECTION_KEYS)):
        matter.warning("corrections", f"{label}: unknown field '{key}' is ignored; use date, note")
    when = _correction_date(matter, label, entry.get("date"), zone, date)
    note = _correction_note(matter, label, entry.get("note"))
    if when is None or note is None:
        return None
    return {"date": when, "note": note}


def _correction_date(matter, label, value, zone, date):
    if value is None or value == "":
        matter.error(
            "corrections",
            f"{label} has no 'date'; add '  date: 2020-01-22T09:00+07:00' (when it was corrected)",
        )
        return None
    if isinstance(value, (list, dict)):
        matter.error(
            "corrections", f"{label}: 'date' must be one date, e.g. 2020-01-22T09:00+07:00"
        )
        return None
    when = _parse_date(matter, "corrections", f"{label}: date", value, zone)
    if when and date and when < date:
        matter.error(
            "corrections",
            f"{label}: date ({when.isoformat()}) is before the article's date "
            f"({date.isoformat()}); a correction can only come after publication",
        )
        return None
    return when


def _correction_note(matter, label, value):
    if isinstance(value, (list, dict)):
        matter.error("corrections", f"{label}: 'note' must be one text, not a {_kind(value)}")
        return None
    note = "" if value is None else str(value).strip()
    if not note:
        matter.error(
            "corrections",
            f"{label} has no 'note'; add '  note: …' saying what was corrected, "
            "e.g. 'Nama kepala dinas diperbaiki.'",
        )
        return None
    return note


def _latest_change(meta):
    """'modified', or the latest correction when that is later."""
    modified = meta.get("modified")
    corrections = meta.get("corrections")
    if corrections and (modified is None or corrections[-1]["date"] > modified):
        return corrections[-1]["date"]
    return modified


def _tags(matter, ctx):
    value = matter.fields.get("tags")
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        matter.error("tags", "'tags' must be a list like [pariwisata, umkm] or 'pariwisata, umkm'")
        return []
    tags = {}
    for name in (str(v).strip() for v in value):
        if name:
            tag = _tag(name, ctx, matter)
            tags.setdefault(tag.slug, tag)
    return list(tags.values())


def _tag(name, ctx, matter):
    topic = ctx.topics.find(name)
    if topic is None:
        if len(ctx.topics):
            matter.warning(
                "tags", f"tag '{name}' is not in the topic registry; {_topic_hint(name, ctx)}"
            )
        return Tag(name, ctx.settings)
    tag = Tag(topic.name, ctx.settings)
    tag.slug = topic.slug
    return tag


def _topic_hint(name, ctx):
    names = {t.name: t for t in ctx.topics}
    guess = difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    if guess:
        return f"did you mean '{guess[0]}'?"
    return (
        f"add it to {ctx.settings.get('WARTA_TOPICS_FILE', 'topics.yml')} or use an existing topic"
    )


def _summary(matter, ctx):
    text = _text(matter, "summary")
    if not text:
        return None
    if ctx.markdown is None:  # checking only: the HTML is not needed
        return text
    return fastpath.convert(ctx.markdown, text)


def _image(matter, ctx):
    value = matter.fields.get("image")
    if value is None:
        return None
    if isinstance(value, str):
        value = {"src": value}
    if not isinstance(value, dict):
        matter.error("image", "'image' must be a group with src, alt, caption and credit")
        return None
    image = {key: str(value[key]).strip() for key in IMAGE_KEYS if value.get(key)}
    for key in set(value) - set(IMAGE_KEYS):
        matter.warning("image", f"unknown image field '{key}'; use {', '.join(IMAGE_KEYS)}")
    _check_image(matter, ctx, image)
    return image


def _check_image(matter, ctx, image):
    src = image.get("src")
    if not src:
        matter.error(
            "image", "the image has no 'src'; give its path, e.g. images/berita/2020/foto.jpg"
        )
        return
    if not _is_file(ctx.content_path / src):
        matter.error(
            "image", f"image '{src}' does not exist; the path is relative to the content folder"
        )
    if not image.get("alt"):
        matter.error(
            "image", "the image has no 'alt' text; describe what the photo shows for blind readers"
        )


def _is_file(path):
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def _status(matter):
    value = _text(matter, "status")
    if value is None:
        return None
    status = value.lower()
    if status not in STATUSES:
        guess = difflib.get_close_matches(status, STATUSES, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "use 'published' or 'draft'"
        matter.error("status", f"unknown status '{value}'; {hint}")
        return None
    return status


def _copy_plain(matter, meta, keys):
    for key in keys:
        if key in matter.fields:
            meta[key] = _text(matter, key)
