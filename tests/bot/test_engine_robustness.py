"""No question breaks the answer engine: odd shapes that the rules read word by word (a
phrase cut short, a rule's trigger as the last word) are answered or declined, never raised."""

from __future__ import annotations

from bot.engine_spaces import SPLIT_TRIES, respace, unjoin
from bot.engine_typos import LONGEST_WORD, fuzzable
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


def test_a_pasted_run_of_letters_is_no_word_to_fix() -> None:
    """Past LONGEST_WORD letters a "word" is neither a typo nor words run together: it gets
    no typo search and no split, whose cost grows with its length (a 2 000-letter paste in a
    mention took a third of a second, holding up every other reply)."""
    index = _shipped_index()
    run = "ballerinawick" * 3  # 39 letters
    assert not fuzzable(run) and fuzzable(run[:LONGEST_WORD])
    assert respace(index._index, [run]) == [run]
    assert respace(index._index, ["ballerinawick"]) == ["ballerina", "wick"]
    for text in (run, "ballerinawick" * 150, "who plays " + "a" * 2000):
        answer = index.answer(text)
        assert answer.best is None and answer.query == text


def test_only_a_few_words_of_a_question_are_tried_as_two() -> None:
    """Keyboard mash has a long unknown word in every place; each split try costs up to a
    millisecond, so a question gets SPLIT_TRIES of them (real ones need three at most)."""
    index = _shipped_index()
    joined = ["ballerinawick"] * (SPLIT_TRIES + 1)
    assert unjoin(index._index, joined, {}) == ["ballerina", "wick"] * SPLIT_TRIES + joined[-1:]
    assert respace(index._index, joined) == ["ballerina", "wick"] * SPLIT_TRIES + joined[-1:]
