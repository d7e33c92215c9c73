"""How a question becomes query terms (bot.engine_query): which words are foreign, how the
phrase table's added terms count, when "about" asks."""

from __future__ import annotations

from bot.engine import AnswerIndex, Entry
from bot.engine_index import STOP_WEIGHT
from bot.engine_query import GROUP_SIMILARITY, build_query
from bot.text import canonical, expansions, terms
from tests.bot.test_engine import _index


def test_numbers_are_not_foreign_words() -> None:
    index = _index()
    assert not any(q.foreign for q in build_query(index._index, terms("ballerina 12")))
    assert any(q.foreign for q in build_query(index._index, terms("ballerina potter")))


def test_a_word_the_table_adds_terms_to_counts_once() -> None:
    index = AnswerIndex([
        Entry("faq:1", "Which languages can I use here?", "English, mostly.", faq_id=1),
        Entry("faq:2", "Can I post memes here?", "In #memes.", faq_id=2)])
    query = build_query(index._index, terms("can i speak spanish"),
                        expansions={"spanish": ("language",), "speak": ("language",)})
    grouped = [q for q in query if q.expanded]
    # "speak" is unknown here, but its added term is known: no foreign word, one piece of
    # evidence each; "language" is no query word of its own
    assert [q.unseen for q in grouped] == ["speak", "spanish"]
    assert all(("language", GROUP_SIMILARITY) in q.matches and not q.foreign for q in grouped)
    assert [t for q in query for t, _ in q.matches].count("language") == 2
    # a "language" typed as a word of its own stays one
    asked = ["what", "languages", "do", "you", "speak"]
    typed = build_query(index._index, terms("what languages do you speak"),
                        expansions=expansions(asked, [canonical([w]) for w in asked]))
    assert any(q.matches == (("language", 1.0),) for q in typed)
    ranking = index._rank("can i speak spanish in here")
    assert ranking.matches[0].entry.ref == "faq:1" and not ranking.foreign and not ranking.typo


def test_about_asks_for_the_premise_only_at_the_end() -> None:
    index = AnswerIndex([
        Entry("faq:1", "What is Ballerina about?", "Eve's revenge.", faq_id=1),
        Entry("faq:2", "When is trivia night?", "Fridays.", faq_id=2),
        Entry("faq:3", "What is Chapter 4 about?", "Wick against the High Table.", faq_id=3),
        Entry("faq:4", "Is Ballerina rated R?", "Yes.", faq_id=4)])

    def about_weight(text: str) -> float:
        query = build_query(index._index, terms(text))
        return next(q.weight for q in query if q.matches and q.matches[0][0] == "about")

    assert about_weight("what is ballerina about") > STOP_WEIGHT
    assert about_weight("is there a quiz about the movies") == STOP_WEIGHT
    assert about_weight("tell me about chapter 4") == STOP_WEIGHT
    assert about_weight("what is ballerina about i havent seen it") > STOP_WEIGHT
