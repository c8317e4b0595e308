"""Topics: tags normalised against the registry in content/topics.yml.

The reader maps every tag to its registered topic (same slug for "Dana Desa",
"dana desa" and the alias "DD"), so Pelican's own tag pages become the topic
pages. On ``article_generator_finalized`` this plugin gives each topic its
description and puts the registry in the template context as ``topics``.
"""

from pelican import signals

from .registry import topic_registry


def describe_topics(generator):
    registry = topic_registry(generator.settings)
    for tag in generator.tags:
        topic = registry.get(tag.slug)
        tag.description = topic.description if topic else ""
        tag.registered = topic is not None
    generator.context["topics"] = registry


def register():
    signals.article_generator_finalized.connect(describe_topics)
