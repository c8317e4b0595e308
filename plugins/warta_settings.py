"""Every WARTA_* setting with its default, and the one place that reads them.

Plugins and templates call :func:`get_setting`; user values from
``pelicanconf.py`` are laid over :data:`DEFAULTS`. The settings are checked
once, on Pelican's ``initialized`` signal.
"""

from pelican import signals

DEFAULTS = {
    # Identity of the portal: shown in the header, footer and feeds.
    "WARTA_INSTITUTION": "Dinas Komunikasi dan Informatika",
    "WARTA_ADDRESS": "",
    "WARTA_PHONE": "",
    "WARTA_EMAIL": "",
    "WARTA_LOGO": "theme/images/logo.svg",
    "WARTA_SOCIAL": (),
    # Optional banner above the header: "Situs resmi Pemerintah Provinsi …".
    "WARTA_OFFICIAL_BANNER": "",
    # Optional address the banner's text links to: the government's main portal.
    "WARTA_OFFICIAL_URL": "",
    # Line after "© SITENAME." in the footer: the reuse terms of the content.
    "WARTA_FOOTER_NOTE": "Konten dapat dikutip dengan menyebut sumber.",
    # Locale for dates and numbers (Babel), never the OS locale.
    "WARTA_LOCALE": "id_ID",
    # Topic registry, relative to the content folder.
    "WARTA_TOPICS_FILE": "topics.yml",
    # Home page: how many stories in "Terbaru" and per province block.
    "WARTA_HOME_LATEST": 8,
    "WARTA_HOME_PER_PROVINCE": 3,
    # Article page: how many related stories.
    "WARTA_RELATED_COUNT": 4,
    # Build: processes that read and write (0 = one per core), and the
    # smallest number of files worth forking for.
    "WARTA_BUILD_PROCESSES": 0,
    # Skip a build whose inputs and output are the same as the last build's.
    "WARTA_SKIP_UNCHANGED": True,
    "WARTA_PARALLEL_MIN_FILES": 400,
    # Memory a build may use in MB (0: no limit): pages are written by as
    # many processes as fit.
    "WARTA_BUILD_MEMORY_MB": 1024,
    # Images (warta_images): widths of the resized copies in pixels (never
    # wider than the original), the <picture> formats offered before the JPEG
    # fallback, Pillow's options per format, the width of the <img src>
    # fallback and the `sizes` attribute (how wide the article column is).
    "WARTA_IMAGE_WIDTHS": (480, 800, 1200, 1600),
    "WARTA_IMAGE_FORMATS": ("avif", "webp"),
    "WARTA_IMAGE_ENCODERS": {
        "avif": {"quality": 50, "speed": 8, "max_threads": 1},
        "webp": {"quality": 78, "method": 4},
        "jpeg": {"quality": 80, "optimize": True, "progressive": True},
    },
    "WARTA_IMAGE_FALLBACK_WIDTH": 800,
    "WARTA_IMAGE_SIZES": "(min-width: 48rem) 42rem, 100vw",
    # Where processed images are kept between builds ("" = CACHE_PATH/images).
    "WARTA_IMAGE_CACHE": "",
    # Social image (og:image): its size, and the colours of the card drawn
    # for articles without a photo.
    "WARTA_SOCIAL_IMAGE_SIZE": (1200, 630),
    "WARTA_SOCIAL_CARD_COLOURS": {
        "background": "#0b3d6b",
        "text": "#ffffff",
        "muted": "#c5d3e2",
        "accent": "#a4231c",
    },
    # Article HTML (warta_html): hosts whose players may be embedded (https).
    "WARTA_EMBED_HOSTS": (
        "www.youtube.com",
        "youtube.com",
        "www.youtube-nocookie.com",
        "youtube-nocookie.com",
        "player.vimeo.com",
    ),
    # Newsroom (warta_newsroom): build drafts and future-dated articles, with a
    # banner, at their normal URL (the local preview), or leave them and the
    # images only they use out and scan the output for leaks (publish).
    "WARTA_SHOW_DRAFTS": False,
    # Region pages (URLWrapper reads REGION_URL / REGION_SAVE_AS).
    "REGION_URL": "wilayah/{path}/",
    "REGION_SAVE_AS": "wilayah/{path}/index.html",
    "REGION_FEED_ATOM": "wilayah/{path}/atom.xml",
    "REGIONS_URL": "wilayah/",
    "REGIONS_SAVE_AS": "wilayah/index.html",
}

_TYPES = {
    "WARTA_HOME_LATEST": int,
    "WARTA_HOME_PER_PROVINCE": int,
    "WARTA_RELATED_COUNT": int,
    "WARTA_BUILD_PROCESSES": int,
    "WARTA_PARALLEL_MIN_FILES": int,
    "WARTA_BUILD_MEMORY_MB": int,
    "WARTA_SOCIAL": (list, tuple),
}


class WartaError(Exception):
    """Base class of every error Warta reports to its users."""


class WartaConfigError(WartaError):
    """A setting in pelicanconf.py / publishconf.py is wrong."""


def get_setting(settings, name):
    """Return setting ``name``: the user's value, else Warta's default."""
    if name in settings:
        return settings[name]
    return DEFAULTS[name]


def validate(settings):
    """Raise WartaConfigError for the first setting of the wrong type."""
    for name, expected in _TYPES.items():
        value = get_setting(settings, name)
        if not isinstance(value, expected) or isinstance(value, bool):
            raise WartaConfigError(
                f"{name} = {value!r} is not valid; expected "
                f"{_type_name(expected)} (see README, 'Settings')"
            )
    for name in ("REGION_URL", "REGION_SAVE_AS", "REGION_FEED_ATOM"):
        if "{path}" not in get_setting(settings, name):
            raise WartaConfigError(f"{name} must contain '{{path}}'")


def _type_name(expected):
    if isinstance(expected, tuple):
        return " or ".join(t.__name__ for t in expected)
    return expected.__name__


def apply_defaults(pelican):
    """Fill in missing defaults and validate once, before anything is read."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    validate(pelican.settings)


def register():
    signals.initialized.connect(apply_defaults)
