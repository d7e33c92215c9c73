"""Common English words, to tell a real word the index never saw from a typo of one it has.

"paid" is no typo of "play", nor "kill" of "Killa": a question with such a word asks about
something the FAQs may not cover. The list (`common_words.txt`, about 7 000 words of four
letters or more) is made by `scripts/common_words.py`; it is read once, on first use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

WORDS_PATH = Path(__file__).with_name("common_words.txt")


@cache
def _common() -> frozenset[str]:
    lines = WORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common_word(word: str) -> bool:
    """Whether `word` (lowercase, as typed) is a common English word of 4 letters or more."""
    return word in _common()
