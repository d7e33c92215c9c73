"""Letter-trigram similarity (bot.engine_trigram) and the rescue of typo'd questions."""

from __future__ import annotations

import pytest

from bot.engine import AnswerIndex, Entry
from bot.engine_trigram import RESCUE_SIMILARITY, rescue, similarity, trigrams
from tests.bot.test_engine import INDEX, _shipped_index


def test_trigrams_are_pg_trgm_s() -> None:
    # SELECT show_trgm('Cat') -> {"  c"," ca","at ","cat"}
    assert trigrams("Cat") == frozenset({"  c", " ca", "cat", "at "})
    assert trigrams("") == frozenset()
    assert similarity(trigrams("word"), trigrams("word")) == 1.0
    assert similarity(trigrams("word"), frozenset()) == 0.0
    # pg_trgm: similarity('word', 'two words') = 4 / 11 ≈ 0.363636
    assert similarity(trigrams("word"), trigrams("two words")) == pytest.approx(4 / 11)


def _index() -> AnswerIndex:
    return AnswerIndex([
        Entry("faq:1", "What perks do server boosters get?", "A colour role.",
              aliases=("booster perks",), faq_id=1),
        Entry("faq:2", "How do I appeal a ban?", "Write to the staff.", faq_id=2),
        Entry("faq:3", "Where do memes go?", "In #memes.", faq_id=3),
    ])


def test_a_badly_typed_question_is_answered_when_the_letters_agree() -> None:
    index = _shipped_index()
    question = "hwo much money did balelrina make"  # the terms alone are unsure
    ranking = index._rank(question)
    top = ranking.matches[0]
    assert ranking.typo and top.entry.question == "How much did Ballerina make at the box office?"
    assert rescue(question, ranking.matches, index._phrasing_grams) is top
    answer = index.answer(question)
    assert answer.best is not None and answer.best.entry.question == top.entry.question


def test_no_rescue_for_a_word_the_entry_does_not_explain() -> None:
    """"poter" is taken for "peter" (in the answer, not in any phrasing): no rescue."""
    ranking = INDEX._rank("who plays hary poter")
    assert not ranking.typo and INDEX.answer("who plays hary poter").best is None


def test_rescue_needs_similar_letters_and_a_lead() -> None:
    index = _index()
    ranked = index._rank("booster perks").matches
    grams = index._phrasing_grams
    assert rescue("booster perks", ranked, grams) is ranked[0]
    assert rescue("boat parts", ranked, grams) is None  # too few letters in common
    assert rescue("anything", [], grams) is None
    assert RESCUE_SIMILARITY > 0.3  # stricter than pg_trgm's own threshold


def test_an_off_topic_question_with_a_typo_is_not_rescued() -> None:
    answer = _index().answer("how do i bake a caek")
    assert answer.best is None
