"""The images of one build: what each article shows, what to encode, what to publish.

An :class:`ImageCatalog` lives for one build (it is made by the
ImageGenerator). It

1. plans: for every photo an article uses, the resized copies (widths ×
   formats) and a social crop, each named by the photo's SHA-256 and a digest
   of the encoder settings; for every article without a photo, a card;
2. encodes what the cache does not hold yet, in a pool of processes;
3. publishes: hard-links (or copies) the cached files into the output.

Cache layout (``WARTA_IMAGE_CACHE``, default ``cache/images/``)::

    sources.json                      stat stamp -> SHA-256 and size of each source
    ab/ab12…/<variant digest>.avif    one photo's copies, named by recipe
    ab/ab12…/<set digest>.done        every copy of that photo exists
    cards/cd/cd34….png                social cards, named by their content

Output names: ``images/berita/2020/foto-800.ab12cd34ef56.avif``, next to where
the source sits in the content folder; the digest changes whenever the photo
or the settings change, so the files can be cached by browsers for ever.
"""

import hashlib
import json
import logging
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.contents import Article
from PIL import Image

from warta_jinja import tanggal
from warta_reader.problems import Problem
from warta_reader.reader import display_path, load_matter
from warta_settings import get_setting

from . import encode
from .cards import CardJob, CardStyle
from .check import NO_ALT
from .config import FALLBACK, FORMATS, PIPELINE_VERSION, read_config
from .logo import logo_file, logo_png
from .sources import READABLE, SourceIndex, SourceProblem, resolve_source

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FILES = (FONTS / "NotoSans-Bold.ttf", FONTS / "NotoSans-Regular.ttf")
CARD_VERSION = 4
_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\bFoto\s*:\s*(?P<credit>[^:]+?)\s*$", re.S)
_IMAGE_LINK = re.compile(r"\.(?:jpe?g|png|webp|avif|gif|tiff?)(?:[?#\"']|$)", re.I)
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Photo:
    """A planned photo: its copies and where they go."""

    source: object  # sources.Source
    sha: str
    width: int
    height: int
    copies: tuple  # ((fmt, width, height, cache path, output path), …)
    social: tuple  # (width, height, cache path, output path)
    done_marker: str  # exists once every file of the photo is in the cache


class ImageCatalog:
    """Plans, encodes and publishes the images of one build."""

    def __init__(self, settings, env=None):
        self.settings = settings
        self.config = read_config(settings)
        self.env = env
        self.index = SourceIndex(self.config.cache_dir)
        self.contents = []
        self.problems = []
        self.encoded = 0
        self.photos = {}  # source relative path -> Photo
        self.cards = {}  # cache path -> CardJob
        self.outputs = {}  # output path -> cache path
        self._jobs = {}  # source relative path -> PhotoJob
        self._published = set()  # source relative paths whose files go out
        self._body_photos = {}  # id(content) -> Photos of its body, in order
        self._variant_keys = {}
        self._card_inputs = None

    # --- planning ------------------------------------------------------------

    def photo(self, source):
        """The :class:`Photo` for ``source``, planned once per build (nothing is made yet)."""
        planned = self.photos.get(source.relative)
        if planned is not None:
            return planned
        info = self.index.info(source)
        config = self.config
        folder = self.config.cache_dir / info.sha[:2] / info.sha
        stem = _output_stem(source.relative)
        copies, keys = [], []
        for width in copy_widths(info.width, config.widths):
            height = max(1, round(info.height * width / info.width))
            for fmt in config.all_formats:
                key = self._variant_key("resize", fmt, width, height)
                ext = FORMATS[fmt][1]
                cached = folder / f"{key[:20]}.{ext}"
                output = f"{stem}-{width}.{info.sha[:8]}{key[:4]}.{ext}"
                copies.append((fmt, width, height, str(cached), output))
                keys.append(key)
        social_w, social_h = social_size(info.width, info.height, config.social_size)
        key = self._variant_key("social", FALLBACK, social_w, social_h)
        keys.append(key)
        planned = Photo(
            source,
            info.sha,
            info.width,
            info.height,
            tuple(copies),
            (
                social_w,
                social_h,
                str(folder / f"{key[:20]}.jpg"),
                f"{stem}-sosial.{info.sha[:8]}{key[:4]}.jpg",
            ),
            str(folder / f"{_digest(keys)[:20]}.done"),
        )
        self.photos[source.relative] = planned
        return planned

    def publish_photo(self, photo):
        """Put ``photo``'s files in the output, and encode them first if the cache lacks them."""
        if photo.source.relative in self._published:
            return
        self._published.add(photo.source.relative)
        for *_, cached, output in photo.copies:
            self.outputs[output] = cached
        social_w, social_h, social_cached, social_output = photo.social
        self.outputs[social_output] = social_cached
        if os.path.exists(photo.done_marker):
            return
        options = self.config.options
        variants = [encode.Variant(c, fmt, w, h, options(fmt)) for fmt, w, h, c, _ in photo.copies]
        variants.append(
            encode.Variant(social_cached, FALLBACK, social_w, social_h, options(FALLBACK), True)
        )
        self._jobs[photo.source.relative] = encode.PhotoJob(
            str(photo.source.path), photo.source.relative, tuple(variants), photo.done_marker
        )

    def _variant_key(self, kind, fmt, width, height):
        recipe = (kind, fmt, width, height)
        key = self._variant_keys.get(recipe)
        if key is None:
            key = self._variant_keys[recipe] = self.config.variant_key(*recipe)
        return key

    def picture(self, photo, alt="", caption="", credit=""):
        """What the picture and figure macros need to show ``photo``."""
        by_format = {}
        for fmt, width, height, _, output in photo.copies:
            by_format.setdefault(fmt, []).append({"url": output, "width": width, "height": height})
        fallback = by_format[FALLBACK]
        chosen = fallback[0]
        for copy in fallback:
            if copy["width"] <= self.config.fallback_width:
                chosen = copy
        return {
            "src": photo.source.relative,
            "url": chosen["url"],
            "width": chosen["width"],
            "height": chosen["height"],
            "srcset": fallback,
            "sources": [
                {"type": FORMATS[fmt][0], "srcset": by_format[fmt]} for fmt in self.config.formats
            ],
            "sizes": self.config.sizes,
            "alt": alt,
            "caption": caption,
            "credit": credit,
        }

    def largest(self, photo):
        """Output path of the widest JPEG copy (for links to the full picture)."""
        return max((c for c in photo.copies if c[0] == FALLBACK), key=lambda c: c[1])[4]

    # --- article bodies (a warta_html transform) -----------------------------

    def rewrite_body(self, content, soup, tags):
        """Turn the body's local images into figures with <picture>; called by warta_html."""
        for image in tags["img"]:
            self._rewrite_image(content, soup, image)
        for link in tags["a"]:
            if _IMAGE_LINK.search(link.get("href") or ""):
                self._rewrite_link(content, link)

    def _rewrite_image(self, content, soup, image):
        src = image.get("src", "")
        try:
            source = resolve_source(src, self.config.content_root, content.source_path)
            if source is None:  # a picture on another site: only load it lazily
                image["loading"] = "lazy"
                image["decoding"] = "async"
                return
            photo = self.photo(source)
        except SourceProblem as problem:
            self._problem(content, src, str(problem))
            return
        self._body_photos.setdefault(id(content), []).append(photo)
        if not image.get("alt", "").strip():
            self._problem(content, src, NO_ALT)
        caption, credit = split_credit(image.get("title", ""))
        data = self.picture(photo, image.get("alt", ""), caption, credit)
        parent = image.parent
        alone = parent is not None and parent.name == "p" and _only_child(parent, image)
        markup = self.render("figure" if alone else "picture", data)
        fragment = BeautifulSoup(markup, "html.parser")
        (parent if alone else image).replace_with(fragment)

    def _rewrite_link(self, content, link):
        try:
            source = resolve_source(link["href"], self.config.content_root, content.source_path)
        except SourceProblem:
            return  # not a link to an image, or Pelican's {filename} links
        if source is not None and source.path.suffix.lower() in READABLE:
            try:
                photo = self.photo(source)
            except SourceProblem as problem:
                self._problem(content, link["href"], str(problem))
                return
            self._body_photos.setdefault(id(content), []).append(photo)
            link["href"] = f"{self.config.siteurl}/{self.largest(photo)}"

    def render(self, macro, data, **options):
        """``data`` through macros/figure.html or macros/picture.html of the theme."""
        module = self.env.get_template(f"macros/{macro}.html").module
        return str(getattr(module, macro)(data, self.config.siteurl, **options))

    # --- front matter and social images (after all content is read) ----------

    def finish(self, contents):
        """Plan the photos and social images of the contents that will be written.

        Only these contents' images are published: a draft's photo stays out
        of a build that leaves the draft out. Sets ``image`` (for the picture
        macro) and ``og_image``/``og_image_width``/``og_image_height``.
        """
        self.contents = list(contents)
        for content in self.contents:
            lead = self._lead_photo(content)
            body = self._body_photos.get(id(content), [])
            for photo in [lead, *body]:
                if photo is not None:
                    self.publish_photo(photo)
            photo = lead or (body[0] if body else None)
            if photo is not None:
                width, height, _, output = photo.social
                self._set_social(content, output, width, height)
            else:
                self._plan_card(content)

    def _lead_photo(self, content):
        image = getattr(content, "image", None)
        if not isinstance(image, dict) or not image.get("src") or "sources" in image:
            return None
        try:
            source = resolve_source(image["src"], self.config.content_root)
            if source is None:
                raise SourceProblem(
                    f"image '{image['src']}' is on another site; save the photo under images/ "
                    "in the content folder and give that path"
                )
            photo = self.photo(source)
        except SourceProblem as problem:
            self._problem(content, None, str(problem))
            return None
        data = self.picture(
            photo, image.get("alt", ""), image.get("caption", ""), image.get("credit", "")
        )
        content.image = data
        content.metadata["image"] = data
        return photo

    def _set_social(self, content, output, width, height):
        content.og_image = output
        content.og_image_width = width
        content.og_image_height = height

    def _plan_card(self, content):
        save_as = getattr(content, "save_as", "")
        if not save_as:
            return
        title, date = self._card_text(content)
        inputs = self._card_shared()
        key = _digest([CARD_VERSION, title, date, inputs["digest"]])
        cached = os.path.join(inputs["folder"], key[:2], f"{key}.png")  # 10,000s: no pathlib
        folder = os.path.dirname(save_as)
        output = f"{folder}/sosial.{key[:12]}.png" if folder else f"sosial.{key[:12]}.png"
        self.outputs[output] = cached
        if cached not in self.cards and not os.path.exists(cached):
            self.cards[cached] = CardJob(cached, title, date, inputs["style"])
        self._set_social(content, output, *self.config.social_size)

    def _card_text(self, content):
        date = getattr(content, "date", None) if isinstance(content, Article) else None
        locale = get_setting(self.settings, "WARTA_LOCALE")
        date_text = tanggal(date, locale) if date else ""  # remembered per day
        title = " ".join(str(getattr(content, "title", "") or "").split())
        return title, date_text

    def _card_shared(self):
        """The style every card shares, and its digest."""
        if self._card_inputs is None:
            site = str(self.settings.get("SITENAME") or "")
            institution = str(get_setting(self.settings, "WARTA_INSTITUTION") or "")
            logo = logo_png(self.settings, side=192)
            fonts = hashlib.sha256()
            for font in FONT_FILES:
                fonts.update(font.read_bytes())
            colours = self.config.card_colours
            digest = _digest(
                [
                    PIPELINE_VERSION,
                    self.config.social_size,
                    sorted(colours.items()),
                    hashlib.sha256(logo).hexdigest(),
                    fonts.hexdigest(),
                    site,
                    institution,
                ]
            )
            style = CardStyle(
                site,
                institution,
                logo,
                self.config.social_size,
                tuple(colours[k] for k in ("background", "text", "muted", "accent")),
                tuple(str(f) for f in FONT_FILES),
            )
            folder = str(self.config.cache_dir / "cards")
            self._card_inputs = {"style": style, "digest": digest, "folder": folder}
        return self._card_inputs

    def plan_logo(self):
        """Publish WARTA_LOGO when it lives in the content folder (not in the theme).

        Content images are not copied by Pelican any more; a raster logo is
        saved again without its metadata, an SVG logo is published as it is.
        """
        path = logo_file(self.settings, include_theme=False)
        if path is None:
            return
        output = str(get_setting(self.settings, "WARTA_LOGO")).lstrip("/")
        suffix = path.suffix.lower()
        if suffix not in READABLE:
            self.outputs[output] = str(path)
            return
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        fmt = {".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".avif": "avif"}.get(suffix, "png")
        cached = self.config.cache_dir / sha[:2] / sha / f"logo{PIPELINE_VERSION}{suffix}"
        if not cached.exists():
            with Image.open(path) as image:
                clean = encode.upright_srgb(image)
            encode.save(clean, str(cached), fmt, self.config.encoders.get(fmt, {}))
            self.encoded += 1
        self.outputs[output] = str(cached)

    # --- problems ------------------------------------------------------------

    def _problem(self, content, needle, message):
        path = getattr(content, "source_path", "") or ""
        line = _line_of(path, needle) if needle else _image_line(path)
        self.problems.append(Problem(display_path(path) if path else "?", line, message))

    # --- encoding and publishing ---------------------------------------------

    def encode(self):
        """Make every planned file the cache lacks; returns the number of files made."""
        jobs = [*self._jobs.values(), *self.cards.values()]
        if not jobs:
            return 0
        workers = min(self.config.processes, len(jobs))
        if workers > 1:
            # a few chunks per worker: cards take milliseconds, photos about a second
            chunk = max(1, min(16, len(jobs) // (workers * 8)))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(encode.run_job, jobs, chunksize=chunk))
        else:
            results = [encode.run_job(job) for job in jobs]
        for job, (encoded, error) in zip(jobs, results, strict=True):
            self.encoded += encoded
            if error:
                self._job_problem(job, error)
        self._jobs.clear()
        self.cards.clear()
        return self.encoded

    def _job_problem(self, job, error):
        if isinstance(job, CardJob):
            self.problems.append(
                Problem("?", 0, f"the social card '{job.title}' could not be drawn ({error})")
            )
            return
        relative = job.relative
        message = (
            f"image '{relative}' could not be processed ({error}); "
            "open it and export it again as JPEG"
        )
        users = [c for c in self.contents if self._uses(c, relative)]
        for content in users or [None]:
            if content is None:
                self.problems.append(Problem(relative, 0, message))
            else:
                self._problem(content, relative.rsplit("/", 1)[-1], message)

    def _uses(self, content, relative):
        image = getattr(content, "image", None)
        if isinstance(image, dict) and image.get("src") == relative:
            return True
        return any(p.source.relative == relative for p in self._body_photos.get(id(content), ()))

    def save_index(self):
        self.index.save()

    def planned_outputs(self):
        cache = os.path.join(os.path.abspath(self.config.cache_dir), "")
        shown = os.path.relpath(cache)  # the cache folder as messages show it
        for output, cached in self.outputs.items():
            if cached.startswith(cache):  # os.path.relpath, without its many calls
                yield output, f"image {os.path.normpath(os.path.join(shown, cached[len(cache) :]))}"
            else:
                yield output, f"image {os.path.relpath(cached)}"

    def publish(self, output_path, owns=None):
        """Link (or copy) every planned file into ``output_path``; return how many changed.

        With ``owns``, only the files for which ``owns(output)`` is true.
        """
        changed = 0
        for output, cached in self.outputs.items():
            if owns is not None and not owns(output):
                continue
            target = os.path.join(output_path, output)
            if _up_to_date(cached, target):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            temporary = f"{target}.{os.getpid()}.tmp"
            try:
                os.link(cached, temporary)
            except OSError:  # another file system, or links not allowed
                shutil.copy2(cached, temporary)
            os.replace(temporary, target)
            changed += 1
        return changed


def publish_photos(settings, paths, output_path):
    """Process the photos at ``paths`` (relative to the content folder) as a build does.

    For benchmarks (bench/images.py): plan, encode what the cache lacks, then
    link into ``output_path``. Returns counts, and the problems found.
    """
    catalog = ImageCatalog(settings)
    for path in paths:
        try:
            source = resolve_source(path, catalog.config.content_root)
            catalog.publish_photo(catalog.photo(source))
        except SourceProblem as problem:
            catalog.problems.append(Problem(path, 0, str(problem)))
    encoded = catalog.encode()
    catalog.save_index()
    changed = catalog.publish(output_path)
    return {
        "encoded": encoded,
        "files": len(catalog.outputs),
        "linked": changed,
        "processes": catalog.config.processes,
        "problems": [str(p) for p in catalog.problems],
    }


def wants_rewrite(html):
    """True when a body has an image, or a link that may point at one."""
    return "<img" in html or _IMAGE_LINK.search(html) is not None


def copy_widths(width, widths):
    """The widths to make for a photo ``width`` px wide: never wider than it."""
    chosen = [w for w in widths if w < width]
    top = min(width, max(widths))
    if top not in chosen:
        chosen.append(top)
    return sorted(chosen)


def social_size(width, height, wanted):
    """The social crop: ``wanted`` (1200×630), or smaller in that ratio if the photo is."""
    target_w, target_h = wanted
    scale = min(1.0, width / target_w, height / target_h)
    return max(1, round(target_w * scale)), max(1, round(target_h * scale))


def split_credit(title):
    """('Caption.', 'Humas') from 'Caption. Foto: Humas' (the Markdown image title)."""
    text = " ".join((title or "").split())
    match = _CREDIT.match(text)
    if match and match["credit"]:
        return match["caption"].strip(), match["credit"].strip()
    return text, ""


def _output_stem(relative):
    folder, _, name = relative.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    parts = [p for p in folder.split("/") if p] + [stem]
    return "/".join(_UNSAFE_NAME.sub("-", p).strip("-") or "gambar" for p in parts)


def _only_child(parent, image):
    for child in parent.children:
        if child is image:
            continue
        if isinstance(child, str) and not child.strip():
            continue
        return False
    return True


def _up_to_date(cached, target):
    try:
        source, existing = os.stat(cached), os.stat(target)
    except OSError:
        return False
    if (source.st_dev, source.st_ino) == (existing.st_dev, existing.st_ino):
        return True
    return source.st_size == existing.st_size and source.st_mtime_ns == existing.st_mtime_ns


def _digest(values):
    return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()


def _line_of(path, needle):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except OSError:
        pass
    return 1


def _image_line(path):
    try:
        return load_matter(path).line_of("image")
    except OSError:
        return 1
