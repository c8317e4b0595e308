"""Python-Markdown's inline processing, without trying patterns that cannot match.

For every piece of text, Python-Markdown tries each inline pattern in turn
(code, escapes, footnotes, four kinds of link, images, auto-links, line
breaks, raw HTML, entities, emphasis): about half of the time it takes to
render a story. Most of them cannot match without a certain character: a
link needs ``[``, raw HTML ``<``, emphasis ``*`` or ``_``. A sentence of
plain prose has none of them, so here a pattern is only tried on text that
contains one of its characters. The output is the same; patterns this module
does not know (from other extensions) are always tried.

A one-line summary of plain prose skips Python-Markdown altogether
(:func:`convert`): it can only become one paragraph.
"""

import re

from markdown import treeprocessors, util

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


def speed_up(markdown):
    """Replace ``markdown``'s inline processor by :class:`InlineProcessor`."""
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
