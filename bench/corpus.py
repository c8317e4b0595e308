"""A deterministic synthetic corpus in Warta's format, plus a copy for vanilla Pelican.

``generate(root, articles=N)`` writes::

    root/warta/berita/YYYY/MM/<slug>.md   YAML front matter (Warta's reader)
    root/warta/pages/*.md, root/warta/topics.yml
    root/vanilla/berita/YYYY/MM/<slug>.md Pelican's ``Key: value`` header, same body
    root/vanilla/pages/*.md

Regions come from the registry (``plugins/warta_regions/data/regions.csv``):
every province gets province-level stories in turn, regencies and cities are
drawn with a long-tailed popularity, some stories name two regions and some
name none (the reader infers it from the dateline). Tags come from the
generated ``topics.yml``, written as names, slugs or aliases, plus a few tags
that are not in it. One seed gives the same bytes every time.
"""

import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from . import text, words

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from warta_regions.registry import load_registry, slugify  # noqa: E402

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2026, 10, 31)
OFFSETS = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}
PHOTO_COUNT = 8

# Kinds of stories, in a fixed cycle so that even a small corpus has each:
# 10 % about a province, 10 % about two regions, 5 % with the region left
# to the dateline, the rest about one regency or city.
KIND_CYCLE = (
    "province", "one", "one", "two", "one", "inferred", "one", "one", "one", "one",
    "province", "one", "one", "one", "two", "one", "one", "one", "one", "one",
)  # fmt: skip
FREE_TAG_EVERY = 25  # one story in 25 has a tag that is not in topics.yml
DATE_ONLY_SHARE = 0.10
MODIFIED_SHARE = 0.08
TWO_AUTHOR_SHARE = 0.05
DRAFT_SHARE = 0.01
PHOTO_SHARE = 0.40
SEE_ALSO_SHARE = 0.40


@dataclass
class ArticleSpec:
    """Everything about one generated article; rendered twice (YAML and Key: value)."""

    path: str  # berita/YYYY/MM/slug.md
    slug: str
    title: str
    date: str
    authors: list
    dateline: str
    regions: list  # labels as written; empty when the dateline names the region
    codes: list  # registry codes of the regions the story is about
    tags: list  # as written in the YAML copy (names, slugs or aliases)
    topic_names: list  # what the tags resolve to, for the vanilla copy
    summary: str
    body: str
    modified: str = ""
    status: str = ""
    image: dict = field(default_factory=dict)


@dataclass
class Corpus:
    root: Path
    warta: Path
    vanilla: Path
    articles: list
    stats: dict


# --- choosing regions, authors and topics -------------------------------------


class RegionPicker:
    """Draws the regions of each story from the registry."""

    def __init__(self, rng):
        self.registry = load_registry()
        self.provinces = list(self.registry.provinces)
        places = [r for r in self.registry if not r.is_province]
        rng.shuffle(places)  # popularity order: a long tail of small regencies
        self.places = places
        self.weights = [1 / (rank + 1) ** 0.6 for rank in range(len(places))]
        self.inferable = [r for r in places if self.registry.from_dateline(r.capital) == r]
        self._next_province = 0

    def pick(self, rng, kind):
        """(regions to write, regions the story is about, dateline) for a kind of story."""
        if kind == "province":
            province = self.provinces[self._next_province % len(self.provinces)]
            self._next_province += 1
            return [province], [province], province.capital
        if kind == "inferred":
            place = rng.choice(self.inferable)
            return [], [place], place.capital
        first = self._popular(rng)
        if kind == "two":
            second = self._neighbour(rng, first)
            return [first, second], [first, second], first.capital
        return [first], [first], first.capital

    def _popular(self, rng):
        return rng.choices(self.places, weights=self.weights)[0]

    def _neighbour(self, rng, region):
        siblings = [r for r in self.registry.children(region.province_code) if r != region]
        if siblings and rng.random() < 0.7:
            return rng.choice(siblings)
        other = self._popular(rng)
        return other if other != region else self._popular(rng)

    def label(self, rng, region):
        """How a journalist writes the region; always resolves to ``region``."""
        if region.is_province:
            candidates = [f"Provinsi {region.name}"]
        elif rng.random() < 0.25:
            candidates = [region.short_name, region.name]
        else:
            candidates = [region.name]
        for candidate in candidates:
            if self._resolves(candidate, region):
                return candidate
        return region.code

    def _resolves(self, name, region):
        try:
            return self.registry.resolve(name) == region
        except ValueError:
            return False


def author_pool(rng, count):
    names = []
    while len(names) < count:
        name = text.person(rng)
        if name not in names:
            names.append(name)
    return names


def topic_weights(rng):
    ranks = list(range(len(words.TOPICS)))
    rng.shuffle(ranks)
    return [1 / (rank + 1) ** 0.8 for rank in ranks]


def pick_tags(rng, weights, free=False):
    """(tags as written, topic names, [(slug, name)]) for one story.

    ``free`` adds a tag that is not in the registry.
    """
    count = rng.choice((1, 2, 2, 3, 3, 4))
    chosen = []
    while len(chosen) < count:
        topic = rng.choices(words.TOPICS, weights=weights)[0]
        if topic not in chosen:
            chosen.append(topic)
    written = [_tag_form(rng, topic) for topic in chosen]
    names = [name for _, name, _, _ in chosen]
    if free:
        tag = rng.choice(words.FREE_TAGS)
        written.append(tag)
        names.append(tag)
    return written, names, [(slug, name) for slug, name, _, _ in chosen]


def _tag_form(rng, topic):
    slug, name, _, aliases = topic
    roll = rng.random()
    if roll < 0.5 or (roll >= 0.75 and not aliases):
        return name.lower() if rng.random() < 0.3 else name
    return slug if roll < 0.75 else rng.choice(aliases)


# --- dates ------------------------------------------------------------------------


def pick_date(rng, timezone):
    """(date text as written, datetime) for a story in ``timezone``."""
    day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    moment = datetime(day.year, day.month, day.day, rng.randint(6, 21), rng.randrange(0, 60, 5))
    if rng.random() < DATE_ONLY_SHARE:
        return day.isoformat(), moment
    return f"{moment.isoformat()}{OFFSETS[timezone]}", moment


def modified_after(rng, moment, timezone):
    later = moment + timedelta(hours=rng.randint(1, 72))
    return f"{later.isoformat()}{OFFSETS[timezone]}"


def day_label(moment):
    """'Selasa (21/1/2020)', as dates are written in Indonesian news."""
    weekday = words.DAYS[moment.weekday()]
    return f"{weekday} ({moment.day}/{moment.month}/{moment.year})"


# --- planning the articles ---------------------------------------------------------


class Planner:
    """Plans article after article; keeps what must be unique or shared."""

    def __init__(self, seed, authors):
        pool_rng = random.Random(f"{seed}-pools")
        self.seed = seed
        self.regions = RegionPicker(pool_rng)
        self.authors = author_pool(pool_rng, authors)
        self.author_weights = [1 / (rank + 1) ** 0.5 for rank in range(authors)]
        self.topic_weights = topic_weights(pool_rng)
        self.slugs = set()
        self.recent = {}  # province code -> [(title, path)] of its latest stories

    def plan(self, index, photos=False, drafts=True):
        rng = random.Random(f"{self.seed}-article-{index}")
        kind = KIND_CYCLE[index % len(KIND_CYCLE)]
        written, about, dateline = self.regions.pick(rng, kind)
        date_text, moment = pick_date(rng, about[0].timezone)
        free = index % FREE_TAG_EVERY == FREE_TAG_EVERY // 2
        tags, topic_names, topics = pick_tags(rng, self.topic_weights, free)
        story = self._story(rng, about, dateline, moment, topics)
        title = text.title(rng, story)
        slug = self._unique_slug(title)
        path = f"berita/{moment:%Y}/{moment:%m}/{slug}.md"
        spec = ArticleSpec(
            path=path,
            slug=slug,
            title=title,
            date=date_text,
            authors=self._authors(rng),
            dateline=dateline,
            regions=[self.regions.label(rng, r) for r in written],
            codes=[r.code for r in about],
            tags=tags,
            topic_names=topic_names,
            summary=text.summary(rng, story),
            body=text.body(rng, story),
        )
        self._optional_fields(rng, spec, moment, about[0].timezone, photos)
        if not drafts:
            spec.status = ""
        self.recent.setdefault(about[0].province_code, []).append((title, path))
        return spec

    def _story(self, rng, about, dateline, moment, topics):
        region = about[0]
        recent = self.recent.get(region.province_code, [])[-5:]
        return text.Story(
            place=region.name,
            short=region.short_name,
            kind=region.kind,
            dateline=dateline,
            day=day_label(moment),
            action=rng.choice(words.ACTIONS),
            thing=rng.choice(words.OBJECTS),
            goal=rng.choice(words.GOALS),
            topics=topics,
            see_also=recent if recent and rng.random() < SEE_ALSO_SHARE else [],
        )

    def _authors(self, rng):
        count = 2 if rng.random() < TWO_AUTHOR_SHARE else 1
        names = []
        while len(names) < count:
            name = rng.choices(self.authors, weights=self.author_weights)[0]
            if name not in names:
                names.append(name)
        return names

    def _unique_slug(self, title):
        base = slugify(title)
        slug, number = base, 2
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        return slug

    @staticmethod
    def _optional_fields(rng, spec, moment, timezone, photos):
        if "T" in spec.date and rng.random() < MODIFIED_SHARE:
            spec.modified = modified_after(rng, moment, timezone)
        if rng.random() < DRAFT_SHARE:
            spec.status = "draft"
        if photos and rng.random() < PHOTO_SHARE:
            spec.image = photo(rng, spec)


def photo(rng, spec):
    number = rng.randint(1, PHOTO_COUNT)
    return {
        "src": f"images/berita/foto-{number:02d}.jpg",
        "alt": f"Suasana kegiatan di {spec.dateline}, warga dan petugas berdiri di halaman kantor.",
        "caption": f"Kegiatan di {spec.dateline}.",
        "credit": "Ilustrasi Redaksi Warta",
    }


def plan_articles(count, seed=7, authors=36, photos=False, drafts=True):
    planner = Planner(seed, authors)
    return [planner.plan(index, photos, drafts) for index in range(count)]


# --- rendering -----------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][\w .,()/'-]*$")
_PLAIN_IN_LIST = re.compile(r"^[A-Za-z][\w .()/'-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_scalar(value, in_list=False):
    """``value`` as a YAML scalar: plain when safe, else double-quoted (JSON)."""
    plain = _PLAIN_IN_LIST if in_list else _PLAIN
    if (
        plain.match(value)
        and ": " not in value
        and " #" not in value
        and value.lower() not in _YAML_WORDS
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values):
    return "[" + ", ".join(yaml_scalar(v, in_list=True) for v in values) + "]"


def warta_text(spec):
    """The article with YAML front matter, as a journalist writes it."""
    lines = ["---", f"title: {yaml_scalar(spec.title)}", f"date: {spec.date}"]
    if spec.modified:
        lines.append(f"modified: {spec.modified}")
    if len(spec.authors) == 1:
        lines.append(f"author: {yaml_scalar(spec.authors[0])}")
    else:
        lines.append(f"authors: {yaml_list(spec.authors)}")
    lines.append(f"dateline: {yaml_scalar(spec.dateline)}")
    if len(spec.regions) == 1:
        lines.append(f"region: {yaml_scalar(spec.regions[0])}")
    elif spec.regions:
        lines.append(f"region: {yaml_list(spec.regions)}")
    lines.append(f"tags: {yaml_list(spec.tags)}")
    lines.append(f"summary: {yaml_scalar(spec.summary)}")
    if spec.image:
        lines.append("image:")
        lines += [f"  {key}: {yaml_scalar(value)}" for key, value in spec.image.items()]
    if spec.status:
        lines.append(f"status: {spec.status}")
    lines += ["---", "", spec.body]
    return "\n".join(lines)


def vanilla_text(spec):
    """The same article with Pelican's ``Key: value`` header."""
    lines = [
        f"Title: {spec.title}",
        f"Date: {spec.date}",
        f"Authors: {', '.join(spec.authors)}",
        "Category: Berita",
        f"Tags: {', '.join(spec.topic_names)}",
        f"Slug: {spec.slug}",
        f"Summary: {spec.summary}",
        f"Dateline: {spec.dateline}",
    ]
    if spec.modified:
        lines.append(f"Modified: {spec.modified}")
    if spec.regions:
        lines.append(f"Region: {'; '.join(spec.regions)}")
    if spec.status:
        lines.append(f"Status: {spec.status}")
    lines += ["", spec.body]
    return "\n".join(lines)


def topics_text():
    lines = ["# Topic registry generated by bench/corpus.py.", ""]
    for slug, name, description, aliases in words.TOPICS:
        lines += [f"- slug: {slug}", f"  name: {yaml_scalar(name)}"]
        lines.append(f"  description: {yaml_scalar(description)}")
        if aliases:
            lines.append(f"  aliases: {yaml_list(aliases)}")
        lines.append("")
    return "\n".join(lines)


PAGES = (
    ("tentang", "Tentang Kami", "Warta adalah portal berita contoh pemerintah daerah."),
    ("kontak", "Kontak", "Alamat dan nomor telepon redaksi (contoh)."),
    ("kebijakan-privasi", "Kebijakan Privasi", "Warta tidak memakai cookie."),
)


def page_body(rng):
    story = text.Story(
        place="Indonesia",
        short="Indonesia",
        kind="provinsi",
        dateline="Jakarta",
        day="Senin (5/1/2026)",
        action=rng.choice(words.ACTIONS),
        thing=rng.choice(words.OBJECTS),
        goal=rng.choice(words.GOALS),
    )
    return "\n\n".join(text.paragraph(rng, story) for _ in range(4)) + "\n"


def write_pages(seed, warta, vanilla):
    for slug, title, summary in PAGES:
        body = page_body(random.Random(f"{seed}-page-{slug}"))
        front = f"---\ntitle: {title}\nslug: {slug}\nsummary: {summary}\n---\n\n{body}"
        header = f"Title: {title}\nSlug: {slug}\nSummary: {summary}\n\n{body}"
        write(warta / "pages" / f"{slug}.md", front)
        write(vanilla / "pages" / f"{slug}.md", header)


def write_photos(folders):
    """Small gradient JPEGs for the optional ``image:`` fields (needs Pillow)."""
    from PIL import Image

    for number in range(1, PHOTO_COUNT + 1):
        image = Image.linear_gradient("L").resize((640, 427)).convert("RGB")
        tint = Image.new("RGB", image.size, ((number * 37) % 256, (number * 71) % 256, 120))
        image = Image.blend(image, tint, 0.5)
        for folder in folders:
            target = folder / "images" / "berita" / f"foto-{number:02d}.jpg"
            target.parent.mkdir(parents=True, exist_ok=True)
            image.save(target, "JPEG", quality=80)


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def generate(root, articles, seed=7, authors=36, photos=False, drafts=True):
    """Write the corpus under ``root`` (warta/ and vanilla/) and return a Corpus.

    ``drafts=False`` publishes the 1 % of stories that would be drafts (the
    random choices stay the same, so the rest of the corpus does not change).
    """
    root = Path(root)
    warta, vanilla = root / "warta", root / "vanilla"
    specs = plan_articles(articles, seed, authors, photos, drafts)
    for spec in specs:
        write(warta / spec.path, warta_text(spec))
        write(vanilla / spec.path, vanilla_text(spec))
    write(warta / "topics.yml", topics_text())
    write_pages(seed, warta, vanilla)
    if photos:
        write_photos([warta, vanilla])
    return Corpus(root, warta, vanilla, specs, describe(specs, warta))


def describe(specs, warta):
    """Counts that show what the corpus covers."""
    codes = {code for spec in specs for code in spec.codes}
    return {
        "articles": len(specs),
        "drafts": sum(spec.status == "draft" for spec in specs),
        "authors": len({name for spec in specs for name in spec.authors}),
        "provinces": len({code.split(".")[0] for code in codes}),
        "regencies_and_cities": sum("." in code for code in codes),
        "two_regions": sum(len(spec.regions) > 1 for spec in specs),
        "region_from_dateline": sum(not spec.regions for spec in specs),
        "tags_outside_registry": sum(
            name in words.FREE_TAGS for spec in specs for name in spec.topic_names
        ),
        "years": len({spec.path.split("/")[1] for spec in specs}),
        "words": sum(len(spec.body.split()) for spec in specs),
        "mb": round(_size(warta) / 2**20, 1),
    }


def _size(folder):
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
