"""Discord's markup in a message's text, which is no part of a question: user, role and
channel mentions, @everyone/@here, custom emoji and timestamps ("<@&123> who directed
ballerina" asks what "who directed ballerina" asks). Plain text in, plain text out."""

from __future__ import annotations

import re

# <@123> <@!123> <@&123> <#123> <:name:123> <a:name:123> <t:1700000000:R> </cmd:123>, @everyone, @here
_MARKUP_RE = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFR])?|/[\w -]+:\d+)>"
                        r"|(?<!\w)@(?:everyone|here)\b")


def without_markup(text: str) -> str:
    """`text` without Discord markup, whitespace collapsed."""
    return " ".join(_MARKUP_RE.sub(" ", text).split())
