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

A one-line summary of plain prose skips Python-Markdown altogether
(:func:`convert`): it can only become one paragraph.
"""

import re

from markdown import blockparser, treeprocessors, util

# Name of a built-in inline pattern → characters one of which any match contains.
TRIGGERS = {
    "backtick": "`",
    "escape": "\\",
    "footnote": "[",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "linebreak": "\n",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
}


class InlineProcessor(treeprocessors.InlineProcessor):
    """Python-Markdown's InlineProcessor, skipping patterns whose characters are absent."""

    _patterns = None

    def run(self, root, ancestors=None):
        patterns = list(self.inlinePatterns)  # in order of priority
        if patterns != self._patterns:  # the first run, or patterns were registered since
            registry = self.inlinePatterns
            known = {id(registry[name]): TRIGGERS[name] for name in TRIGGERS if name in registry}
            self._patterns = patterns
            self._triggers = [known.get(id(pattern)) for pattern in patterns]
        return super().run(root, ancestors)

    def _InlineProcessor__handleInline(self, data, index=0):
        # Python-Markdown's private __handleInline, with the check added.
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns, triggers = self._patterns, self._triggers
        start = 0
        while index < len(patterns):
            trigger = triggers[index]  # one character, a string of them, or None
            if trigger is not None and (
                trigger not in data if len(trigger) == 1 else not any(c in data for c in trigger)
            ):
                index, start = index + 1, 0  # as after a failed match
                continue
            data, matched, start = apply(patterns[index], data, index, start)
            if not matched:
                index += 1
        return data


def _contains(chars):
    return re.compile(f"[{re.escape(chars)}]").search


def _starts_with(pattern):
    return re.compile(pattern).match


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


class BlockParser(blockparser.BlockParser):
    """Python-Markdown's BlockParser, skipping processors whose test fails anyway."""

    _processors = None

    def parseBlocks(self, parent, blocks):
        processors = list(self.blockprocessors)  # in order of priority
        if processors != self._processors:  # the first run, or processors changed
            registry = self.blockprocessors
            known = {id(registry[n]): BLOCK_TRIGGERS[n] for n in BLOCK_TRIGGERS if n in registry}
            self._processors = processors
            self._triggers = [known.get(id(processor)) for processor in processors]
        steps = list(zip(processors, self._triggers, strict=True))
        while blocks:  # Python-Markdown's loop, with the triggers
            for processor, trigger in steps:
                if trigger is not None and not trigger(blocks[0]):
                    continue
                if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break


def speed_up(markdown):
    """Give ``markdown`` the :class:`BlockParser` and :class:`InlineProcessor` here."""
    if type(markdown.parser) is blockparser.BlockParser:
        markdown.parser.__class__ = BlockParser  # it only adds the triggers
    standard = markdown.treeprocessors["inline"]
    if type(standard) is treeprocessors.InlineProcessor:
        priority = next(i.priority for i in markdown.treeprocessors._priority if i.name == "inline")
        markdown.treeprocessors.register(InlineProcessor(markdown), "inline", priority)
    return markdown


# One line that starts with a letter (not a list, heading, quote or code
# block) and has no character that any block or inline pattern needs:
# Python-Markdown makes it one paragraph, unchanged.
_PLAIN_LINE = re.compile(r"[^\W\d_][^\x00-\x1f\x7f`\\\[\]!<>&*_#|~{}]*")


def convert(markdown, text):
    """``markdown``'s HTML for ``text`` (the same, faster for a plain line)."""
    if _PLAIN_LINE.fullmatch(text):
        return f"<p>{text}</p>"
    return markdown.reset().convert(text)
