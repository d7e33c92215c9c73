"""No question breaks the answer engine: odd shapes that the rules read word by word (a
phrase cut short, a rule's trigger as the last word) are answered or declined, never raised."""

from __future__ import annotations

from bot.text import PHRASES, terms
from tests.bot.test_engine import _shipped_index


def test_a_question_ending_in_how_much_is_read() -> None:
    """"How much" starts the box-office shape; with nothing after it, it is two words."""
    for text in ("how much", "ballerina tickets how much", "nitro how much"):
        assert "boxoffice" not in terms(text), text


def test_every_phrase_cut_short_is_answered_or_declined() -> None:
    """Each phrase-table row and every run of its first words, alone and after a word:
    whatever the shape rules and the phrase matcher make of a phrase that stops early."""
    index = _shipped_index()
    starts = {" ".join(key[:n]) for key in PHRASES for n in range(1, len(key) + 1)}
    for text in sorted(starts | {f"ballerina {start}" for start in starts}):
        answer = index.answer(text)
        assert answer.query == text
        index.complete(text, limit=5)
