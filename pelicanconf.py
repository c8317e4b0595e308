"""Pelican settings for the Warta demo site (local preview).

Plain Pelican works from the repository root:
    .venv/bin/pelican content -s pelicanconf.py -o output
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Warta's plugins import each other (warta_reader uses warta_regions, …).
sys.path.insert(0, str(ROOT / "plugins"))

# --- Identity ---------------------------------------------------------------
SITENAME = "Warta Nusantara"
SITESUBTITLE = "Berita pemerintah daerah"
SITEURL = ""
AUTHOR = "Redaksi Warta Nusantara"
WARTA_INSTITUTION = "Dinas Komunikasi dan Informatika (situs contoh)"
WARTA_ADDRESS = "Jl. Pulau Bangka No. 1, Kompleks Perkantoran, Pangkalpinang 33149"
WARTA_PHONE = "(0717) 000-0000"
WARTA_EMAIL = "redaksi@warta.example.go.id"
WARTA_SOCIAL = (
    ("Instagram", "https://www.instagram.com/warta.contoh"),
    ("YouTube", "https://www.youtube.com/@warta.contoh"),
)

# --- Language and time ------------------------------------------------------
DEFAULT_LANG = "id"
TIMEZONE = "Asia/Jakarta"
WARTA_LOCALE = "id_ID"

# --- Content ----------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["pages"]
# Photos under content/images are published only through warta_images
# (copies without metadata); Pelican must not copy the originals.
STATIC_PATHS = []
IGNORE_FILES = [".#*", "*.yml", "README*"]
SLUGIFY_SOURCE = "basename"
# One language: no translations to pair up (Pelican's pairing scans every
# article for each article).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
READERS = {"rst": None, "htm": None, "html": None}  # Markdown only
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = [
    "warta_settings",
    "warta_reader",
    "warta_check",
    "warta_jinja",
    "warta_regions",
    "warta_topics",
    "warta_related",
    "warta_output",
    "warta_assets",
    "warta_newsroom",
    "warta_html",
    "warta_images",
]
# Every value a template prints is escaped: a title, tag, author or caption
# with markup in it shows as text. Article bodies are cleaned by warta_html.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
    # Templates are read once per build (not checked on disk for every page);
    # the live preview reloads them itself when the theme changes.
    "auto_reload": False,
}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- URLs: clean, and pagination that cannot collide ------------------------
ARTICLE_URL = "berita/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
# Local preview: drafts and future-dated (embargoed) articles are built at
# their normal URL with a banner; publishconf.py leaves them out entirely.
WARTA_SHOW_DRAFTS = True
DRAFT_URL = "draf/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
TAG_URL = "topik/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "topik/"
TAGS_SAVE_AS = "topik/index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_URL = "penulis/"
AUTHORS_SAVE_AS = "penulis/index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = "arsip/index.html"
YEAR_ARCHIVE_URL = "arsip/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "arsip/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "authors", "archives", "404"]

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {
    "index": None,
    "tag": None,
    "author": None,
    "region": None,
    "period_archives": None,
}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds: one Atom feed per listing, each at its own path -----------------
# Feeds need absolute links: the local preview server's address.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/semua.atom.xml"
FEED_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
TAG_FEED_ATOM = "topik/{slug}/atom.xml"
AUTHOR_FEED_ATOM = "penulis/{slug}/atom.xml"
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20

# --- Build ------------------------------------------------------------------
# Warta's build: parallel writing, unchanged files left alone, and files the
# build no longer produces removed at the end (DELETE_OUTPUT_DIRECTORY).
PELICAN_CLASS = "warta_build.WartaPelican"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git"]
CACHE_CONTENT = False
