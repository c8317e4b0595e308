"""Python-Markdown, without trying what cannot match.

Python-Markdown tries each of its block processors on every block of text
(lists, headings, quotes, tables, code …) and each of its inline patterns on
every piece of text (code, escapes, footnotes, four kinds of link, images,
auto-links, line breaks, raw HTML, entities, emphasis). Most of them cannot
match without a certain character: a link needs ``[``, raw HTML ``<``,
emphasis ``*`` or ``_``, a quote ``>``, a list item a digit or bullet at the
start. A paragraph of plain prose has none of them, so here a processor or
pattern is only tried on text that has what it needs. The output is the
same; processors and patterns this module does not know (from other
extensions) are always tried.

The steps before and after the parsing are skipped in the same way where
they cannot change anything (:data:`TEXT_TRIGGERS`: fenced code, raw HTML,
attribute lists, backslash escapes), and the first one, which normalises
blanks, leaves out the changes the text does not need.

A one-line summary of plain prose skips Python-Markdown altogether
(:func:`convert`): it can only become one paragraph.
"""

import re

from markdown import blockparser, preprocessors, treeprocessors, util
from markdown.extensions import attr_list, fenced_code, md_in_html


def _contains(chars):
    if len(chars) == 1:
        return lambda text: chars in text
    return re.compile(f"[{re.escape(chars)}]").search


def _starts_with(pattern):
    return re.compile(pattern).match


# Name of a built-in inline pattern → a test any text it matches passes.
INLINE_TRIGGERS = {
    "backtick": _contains("`"),
    "escape": _contains("\\"),
    "footnote": _contains("["),
    "reference": _contains("["),
    "link": _contains("["),
    "image_link": _contains("["),
    "image_reference": _contains("["),
    "short_reference": _contains("["),
    "short_image_ref": _contains("["),
    "autolink": _contains("<"),
    "automail": _contains("<"),
    "linebreak": _contains("\n"),
    "html": _contains("<"),
    "entity": _contains("&"),
    "em_strong": _contains("*_"),
}

# Name of a built-in block processor → a test any block it handles passes.
BLOCK_TRIGGERS = {
    "indent": _starts_with(" "),  # indented by a tab's width of spaces
    "defindent": _starts_with(" "),
    "code": _starts_with(" "),
    "table": _contains("|"),
    "hashheader": _contains("#"),
    "setextheader": _contains("\n"),  # a line of = or - under the text
    "hr": _contains("-_*"),
    "olist": _starts_with(r" *\d"),
    "ulist": _starts_with(r" *[*+-]"),
    "deflist": _contains(":"),
    "quote": _contains(">"),
    "footnote": _contains("["),
    "abbr": _contains("["),
    "reference": _contains("["),
    "markdown_block": _contains(util.STX),  # raw HTML with markdown="1"
}


class _Steps:
    """The items of a Python-Markdown registry in order of priority, each with
    its trigger from ``table`` (None: always tried), worked out again only when
    the registry has changed."""

    def __init__(self, table):
        self.table = table
        self.items = None
        self.steps = ()

    def of(self, registry):
        items = list(registry)
        if items != self.items:
            table = self.table
            known = {id(registry[name]): table[name] for name in table if name in registry}
            self.items = items
            self.steps = [(item, known.get(id(item))) for item in items]
        return self.steps


class InlineProcessor(treeprocessors.InlineProcessor):
    """Python-Markdown's InlineProcessor, skipping patterns whose characters are absent."""

    def __init__(self, md):
        super().__init__(md)
        self._known = _Steps(INLINE_TRIGGERS)

    def run(self, root, ancestors=None):
        self._steps = self._known.of(self.inlinePatterns)
        return super().run(root, ancestors)

    def _InlineProcessor__handleInline(self, data, index=0):
        # Python-Markdown's private __handleInline, with the check added.
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        steps = self._steps
        start = 0
        while index < len(steps):
            pattern, trigger = steps[index]
            if trigger is not None and not trigger(data):
                index, start = index + 1, 0  # as after a failed match
                continue
            data, matched, start = apply(pattern, data, index, start)
            if not matched:
                index += 1
        return data


class BlockParser(blockparser.BlockParser):
    """Python-Markdown's BlockParser, skipping processors whose test fails anyway."""

    def parseBlocks(self, parent, blocks):
        steps = self._known.of(self.blockprocessors)
        while blocks:  # Python-Markdown's loop, with the triggers
            for processor, trigger in steps:
                if trigger is not None and not trigger(blocks[0]):
                    continue
                if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break


class NormalizeWhitespace(preprocessors.NormalizeWhitespace):
    """Python-Markdown's first step, skipping the changes the text cannot need
    (no tab, no line of blanks); keeps the text for :class:`_IfPresent`."""

    def run(self, lines):
        source = "\n".join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        if "\t" in source:
            source = source.expandtabs(self.md.tab_length)
        if " \n" in source:
            source = _BLANK_LINE.sub("\n", source)
        self.md.warta_text = source
        return source.split("\n")


_BLANK_LINE = re.compile(r"(?<=\n) +\n")


class _IfPresent:
    """A processor's ``run``, skipped when the text lacks what it looks for."""

    def __init__(self, markdown, run, trigger, skipped):
        self.markdown, self.run, self.trigger, self.skipped = markdown, run, trigger, skipped

    def __call__(self, data):
        if self.trigger(self.markdown.warta_text):
            return self.run(data)
        return self.skipped(data)


def _lines_unchanged(lines):
    return lines


def _root_unchanged(root):
    del root  # a treeprocessor returning None keeps the tree it was given


# Processors that change nothing in a text without certain characters: a fenced
# code block needs ``` or ~~~, raw HTML "<" (and the HTML step also rewrites an
# entity, "&"), an attribute list "{", a backslash escape "\\".
# Name → (the standard classes, the test, what skipping returns).
TEXT_TRIGGERS = {
    "fenced_code_block": (
        (fenced_code.FencedBlockPreprocessor,),
        lambda text: "```" in text or "~~~" in text,
        _lines_unchanged,
    ),
    "html_block": (
        (preprocessors.HtmlBlockPreprocessor, md_in_html.HtmlBlockPreprocessor),
        _contains("<&"),
        _lines_unchanged,
    ),
    "attr_list": ((attr_list.AttrListTreeprocessor,), _contains("{"), _root_unchanged),
    "unescape": ((treeprocessors.UnescapeTreeprocessor,), _contains("\\"), _root_unchanged),
}


def speed_up(markdown):
    """Give ``markdown`` the :class:`BlockParser`, :class:`InlineProcessor` and
    :class:`NormalizeWhitespace` here, and skip the processors of
    :data:`TEXT_TRIGGERS` where they cannot change anything."""
    if type(markdown.parser) is blockparser.BlockParser:
        markdown.parser.__class__ = BlockParser  # it only adds the triggers
        markdown.parser._known = _Steps(BLOCK_TRIGGERS)
    _replace(markdown.treeprocessors, "inline", treeprocessors.InlineProcessor, InlineProcessor)
    if _replace(
        markdown.preprocessors,
        "normalize_whitespace",
        preprocessors.NormalizeWhitespace,
        NormalizeWhitespace,
    ):
        _skip_where_absent(markdown)
    return markdown


def _replace(registry, name, standard, faster):
    """Register ``faster`` in place of the ``standard`` processor ``name``; False if absent."""
    if name not in registry or type(registry[name]) is not standard:
        return False
    priority = next(item.priority for item in registry._priority if item.name == name)
    registry.register(faster(registry[name].md), name, priority)
    return True


def _skip_where_absent(markdown):
    for name, (standard, trigger, skipped) in TEXT_TRIGGERS.items():
        for registry in (markdown.preprocessors, markdown.treeprocessors):
            if name in registry and type(registry[name]) in standard:
                processor = registry[name]
                processor.run = _IfPresent(markdown, processor.run, trigger, skipped)


# One line that starts with a letter (not a list, heading, quote or code
# block) and has no character that any block or inline pattern needs:
# Python-Markdown makes it one paragraph, unchanged.
_PLAIN_LINE = re.compile(r"[^\W\d_][^\x00-\x1f\x7f`\\\[\]!<>&*_#|~{}]*")


def convert(markdown, text):
    """``markdown``'s HTML for ``text`` (the same, faster for a plain line)."""
    if _PLAIN_LINE.fullmatch(text):
        return f"<p>{text}</p>"
    return markdown.reset().convert(text)
