"""What one publish build leaves out, shared by the newsroom's receivers.

The receivers of one build see the same settings dict (Pelican hands it to
every generator and to ``finalized``), so the state is kept there under
:data:`STATE_KEY` and reset at ``finalized``. Other plugins (the image
plugin) read it through :func:`withheld_sources` and
:func:`withheld_images`.
"""

import time
from datetime import UTC, datetime

from warta_settings import get_setting

STATE_KEY = "WARTA_NEWSROOM_STATE"


class Withheld:
    """Articles and pages withheld from the publish build, and their images."""

    def __init__(self):
        self.contents = []  # Article and Page objects left out of the build
        self.published = []  # every Article and Page that is published
        self.images = {}  # content-relative path used only by withheld content -> one user
        self.used = set()  # content-relative paths published content or a setting uses
        self.started = None  # time.time() before this build wrote anything
        self.generators = []  # this build's generators, to tell its outputs from stale files

    def add(self, contents):
        self.contents.extend(contents)

    def __bool__(self):
        return bool(self.contents)


def state_of(settings):
    """The current build's :class:`Withheld` record."""
    state = settings.get(STATE_KEY)
    if not isinstance(state, Withheld):
        state = settings[STATE_KEY] = Withheld()
    return state


def reset(settings):
    settings[STATE_KEY] = Withheld()


def remember_generators(generators):
    """``all_generators_finalized``: keep the generators for the leak scan."""
    if generators:
        state_of(generators[0].settings).generators = list(generators)


def start(settings):
    """Note the time before this build writes anything."""
    state_of(settings).started = time.time()


def shows_drafts(settings):
    """True in the local preview, False in the publish build."""
    return bool(get_setting(settings, "WARTA_SHOW_DRAFTS"))


def build_time():
    """The moment an article's date is compared with (aware, UTC)."""
    return datetime.now(UTC)


def withheld_sources(settings):
    """Source paths of the articles and pages the publish build leaves out."""
    return {c.source_path for c in state_of(settings).contents}


def withheld_images(settings):
    """Content-relative paths of images used only by withheld content.

    Filled at ``static_generator_finalized``; an image plugin that runs later
    must not publish these (or any derivative of them).
    """
    return set(state_of(settings).images)
