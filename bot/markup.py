"""Discord's markup in text: taken out of a message, where it is no part of a question (user,
role and channel mentions, @everyone/@here, custom emoji and timestamps: "<@&123> who directed
ballerina" asks what "who directed ballerina" asks); escaped in a name the bot shows, where
it is text someone typed ("*Rewatch* night" is not italics)."""

from __future__ import annotations

import re

from bot.text import strip_visible

# <@123> <@!123> <@&123> <#123> <:name:123> <a:name:123> <t:1700000000:R> </cmd:123>, @everyone, @here
_MARKUP_RE = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|/[\w -]+:\d+)>"
                        r"|(?<!\w)@(?:everyone|here)\b")


def without_markup(text: str) -> str:
    """`text` without Discord markup, whitespace collapsed and zero-width characters off its
    ends (a question of only those is empty)."""
    return strip_visible(" ".join(_MARKUP_RE.sub(" ", text).split()))


# what Discord reads as markup anywhere in a line, and at a line's start (headings, lists,
# quotes); a backslash before punctuation shows the punctuation itself
_INLINE_RE = re.compile(r"([\\*_`~|\[\]<>])")
_LINE_START_RE = re.compile(r"^(\s*)([#-])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """`text` shown as typed inside the bot's own Markdown (bold names, lists)."""
    return _LINE_START_RE.sub(r"\1\\\2", _INLINE_RE.sub(r"\\\1", text))
