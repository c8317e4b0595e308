"""Warta's content reader: Markdown with YAML front matter.

Registered on ``readers_init`` for the Markdown extensions, replacing
Pelican's MarkdownReader. Files with Pelican's ``Key: value`` header are read
too, through the same field checks.
"""

from pelican import signals

from .reader import WartaReader


def add_reader(readers):
    for extension in WartaReader.file_extensions:
        readers.reader_classes[extension] = WartaReader


def register():
    signals.readers_init.connect(add_reader)
