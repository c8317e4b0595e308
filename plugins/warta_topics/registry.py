"""The topic registry (content/topics.yml): slugs, names, descriptions, aliases."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from warta_settings import WartaConfigError, get_setting


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str = ""
    aliases: tuple = ()


def topic_key(text):
    """Normalise a tag for matching: 'Dana Desa', 'dana_desa' -> 'dana-desa'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


class TopicRegistry:
    """Looks up the topic a tag stands for, by slug, name or alias."""

    def __init__(self, topics=()):
        self.topics = sorted(topics, key=lambda t: t.slug)
        self._by_key = {}
        for topic in self.topics:
            for text in (topic.slug, topic.name, *topic.aliases):
                self._by_key.setdefault(topic_key(text), topic)

    def find(self, tag):
        """Return the Topic for ``tag``, or None when it is not registered."""
        return self._by_key.get(topic_key(tag))

    def get(self, slug):
        return self._by_key.get(slug)

    def __iter__(self):
        return iter(self.topics)

    def __len__(self):
        return len(self.topics)


def load_topics(path):
    """Read the registry at ``path``; a missing file gives an empty registry."""
    path = Path(path)
    if not path.exists():
        return TopicRegistry()
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise WartaConfigError(f"{path}:{line}: not valid YAML: {exc}") from None
    if not isinstance(entries, list):
        raise WartaConfigError(f"{path}:1: expected a list of topics ('- slug: …')")
    return TopicRegistry(_topic(entry, path, n) for n, entry in enumerate(entries, 1))


def _topic(entry, path, number):
    if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("name"):
        raise WartaConfigError(f"{path}: topic #{number} needs at least 'slug' and 'name'")
    slug = str(entry["slug"])
    if topic_key(slug) != slug:
        raise WartaConfigError(
            f"{path}: topic slug {slug!r} must be lowercase words joined by "
            f"hyphens; did you mean {topic_key(slug)!r}?"
        )
    aliases = entry.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [aliases]
    return Topic(
        slug=slug,
        name=str(entry["name"]),
        description=str(entry.get("description") or ""),
        aliases=tuple(str(a) for a in aliases),
    )


@lru_cache(maxsize=8)
def _cached(path, mtime):
    del mtime  # part of the cache key: an edited registry is read again
    return load_topics(path)


def topic_registry(settings):
    """The registry named by WARTA_TOPICS_FILE in the content folder."""
    path = Path(settings["PATH"]) / get_setting(settings, "WARTA_TOPICS_FILE")
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return _cached(str(path), mtime)
