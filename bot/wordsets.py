"""`word_set`: the word tables of the text modules, written as one string of words.

A module of its own so that `bot.text` and the modules it imports (`bot.question_shapes`)
can share it without importing each other.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of `words`."""
    return frozenset(words.split())
