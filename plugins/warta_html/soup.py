"""The finished body as a BeautifulSoup tree, for the transforms of other plugins.

Only bodies that a transform wants (warta_images: bodies with images) are
parsed; :func:`serialise` writes them back as Python-Markdown writes HTML5.
"""

from collections import defaultdict

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter


class _Formatter(HTMLFormatter):
    """HTML5 as Python-Markdown writes it: ``<img …>``, attributes in their order."""

    def attributes(self, tag):
        return [(k, None if v == "" else v) for k, v in (tag.attrs or {}).items()]


FORMATTER = _Formatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)


def parse(html):
    return BeautifulSoup(html, "html.parser")


def serialise(soup):
    return soup.decode(formatter=FORMATTER)


class Tags:
    """The elements of a parsed body by name, in document order, found in one walk."""

    def __init__(self, soup):
        self.by_name = defaultdict(list)
        for tag in soup.find_all(True):
            self.by_name[tag.name].append(tag)

    def __getitem__(self, name):
        return self.by_name.get(name, ())
