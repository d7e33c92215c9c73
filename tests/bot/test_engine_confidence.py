"""When the answer engine answers and when it only suggests (`bot.engine_confidence`, and the
runner-up and twin rules of `bot.engine`). Uses the FAQ set of tests/bot/test_engine.py."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import CONFIDENT_SCORE, AnswerIndex, Entry
from bot.engine_confidence import (
    FAR_MARGIN,
    FAR_SCORE,
    MARGIN,
    SHORT_WORDS,
    Evidence,
    confident,
    runner_up,
    verbatim,
)
from bot.entries import phrasings
from bot.text import topic_terms
from tests.bot.test_engine import INDEX, _best, _index, _shipped_index


def test_vague_question_gets_suggestions_not_an_answer() -> None:
    answer = INDEX.answer("ballerina")
    assert answer.best is None
    assert answer.suggestions and all("ballerina" in m.entry.ref or m.entry.faq_id
                                      for m in answer.suggestions)


def test_a_derived_answer_and_a_faq_saying_the_same_are_not_rivals() -> None:
    faq = Entry(ref="faq:500", question="Who is Mr. Fencington in Ballerina?",
                answer="Mr. Fencington, played by **Someone**, teaches fencing.",
                aliases=("mr fencington",), faq_id=500)
    derived = Entry(ref="derived:character:mr-fencington", question="Who plays Mr. Fencington?",
                    answer="**Mr. Fencington** is played by Someone in Ballerina.",
                    aliases=("who plays mr fencington", "mr fencington actor"))
    index = AnswerIndex([faq, derived])
    assert index.answer("mr fencington ballerina").best is not None
    # ... but with a word neither explains ("wife"), the runner-up still counts
    answer = index.answer("mr fencington wife ballerina")
    assert answer.best is None or answer.best.entry.ref == "faq:500"


def test_one_topic_word_far_ahead_is_still_not_an_answer() -> None:
    # a partly covered phrasing far ahead of the rest needs two topic words
    index = _index()
    index.upsert(Entry(ref="faq:600", answer="Yes.", faq_id=600,
                       question="Did the 2023 strikes delay the fencing tournament and its gala?"))
    assert index.answer("fencing").best is None
    assert _best("did the strikes delay the fencing tournament", index).ref == "faq:600"


def test_a_short_question_about_something_unknown_is_not_answered() -> None:
    """Its one never-seen word is likely what it asks about, however well the rest fits."""
    index = _index()
    index.upsert(Entry("faq:90", "Who is Eve Macarro, and who plays her?", "Ana de Armas.",
                       aliases=("eve macarro", "who plays eve", "ana de armas"), faq_id=90))
    assert _best("ana de armas", index).ref == "faq:90"
    for question in ("is ana de armas dating anyone", "ana de armas instagram"):
        answer = index.answer(question)
        assert answer.best is None, question
        assert answer.suggestions[0].entry.ref == "faq:90"  # still offered


def test_a_faq_a_hair_behind_a_derived_answer_is_the_answer() -> None:
    """Both near-perfect: one topic, and the FAQ was written for it (the shipped data: the
    derived release answer of the game scores a hair above the game FAQ)."""
    index = _shipped_index()
    question = "is there a new john wick game coming out"
    ranked, *_ = index._rank(question)
    assert ranked[0].entry.faq_id is not None and ranked[1].entry.faq_id is None
    assert ranked[1].score > ranked[0].score  # swapped: the derived answer was a hair ahead
    assert _best(question, index).question == "Is there a new John Wick video game?"
    # not only near-perfect ones: any confident FAQ a hair behind
    question = "what do i need to know about the continental"
    ranked, *_ = index._rank(question)
    assert ranked[0].score < 90.0 and ranked[1].entry.faq_id is None
    assert ranked[0].entry.faq_id is not None and ranked[1].score - ranked[0].score < 4.0
    assert _best(question, index).question == ranked[0].entry.question
    # ... but one on another topic that explains less of the question is not
    question = "my mum wants to see ballerina but she only likes films with stars she knows, who is in it"
    ranked, *_ = index._rank(question)
    assert ranked[0].entry.ref == "derived:cast:ballerina"
    assert ranked[1].entry.question == "Who was the cinematographer on Ballerina?"
    assert ranked[0].score - ranked[1].score < 4.0  # a hair: the FAQ "films" the question


def test_a_faq_and_the_derived_answer_on_it_are_one_answer_to_a_lone_name() -> None:
    """"parillaud": her FAQ and the derived actor answer both explain it; that is still one
    answer, far ahead of everything else."""
    index = _shipped_index()
    ranking = index._rank("parillaud")
    assert ranking.alone
    best = index.answer("parillaud").best
    assert best is not None and "Parillaud" in best.entry.question


def test_a_runner_up_explaining_only_part_of_what_the_top_explains_is_no_rival() -> None:
    index = _shipped_index()
    # "ballerjna" is no word: "Who directed Ballerina?" explains "direct stahelski", a part of
    # what the top explains ("chad stahelski direct"), a few points behind
    question = "dis chad stahelski direct ballerjna too"
    ranked, *_ = index._rank(question)
    asked = topic_terms(question)
    second = ranked[1].entry
    assert index._explained(second, asked) < index._explained(ranked[0].entry, asked)
    assert ranked[0].score - ranked[1].score < 5.0
    runner = runner_up(ranked, asked, index._explained)
    assert runner is None or runner.entry.ref != second.ref
    # one that explains a word the top does not is still a rival
    question = "who directed ballerina and the continental"
    ranked, *_ = index._rank(question)
    asked = topic_terms(question)
    rival = runner_up(ranked, asked, index._explained)
    assert rival is not None and "ballerina" in index._explained(rival.entry, asked)


def test_in_a_long_message_a_word_nobody_uses_leaves_the_subset_rule_alone() -> None:
    """A word no entry uses is likely the subject of a short question, so every other entry
    is a rival; in a long message it is more likely small talk ("settle this *argument*"),
    and an entry explaining only part of what the best explains is no rival there either."""
    index = _shipped_index()
    kolstad = "Did Derek Kolstad write Ballerina?"
    assert index.answer("derek kolstad wrote ballerina pizza").best is None
    long = ("my cousin swears derek kolstad wrote ballerina since his name is in the credits, "
            "can somebody settle this argument")
    assert _best(long, index).question == kolstad


def test_a_fair_hit_nothing_rivals_on_two_topic_words_is_the_answer() -> None:
    """Every other entry explains only part of what the best explains: a fair score held
    down by the best's longer phrasings is still the answer; not with a word nobody uses, nor
    with a rival."""
    for question, ref in (("what kind of dog was daisy", "faq:6"),
                          ("does the continental have rules for assassins", "faq:3"),
                          ("who runs the ballet in parabellum", "faq:7")):
        ranking = INDEX._rank(question)
        assert ranking.matches[0].score < CONFIDENT_SCORE, question  # no answer by score alone
        assert _best(question).ref == ref
    assert INDEX.answer("what kind of dog food was daisy fed").best is None  # "food", "fed"
    # the Continental's cast and Chapter 3's each explain a word the other does not
    assert INDEX.answer("is the continental in parabellum").best is None


def test_a_fair_hit_well_ahead_is_the_answer_unless_a_word_nobody_uses_is_its_subject() -> None:
    """A fair score with a clear lead answers (10 points ahead of a rival, below
    CONFIDENT_SCORE); a short question with a word nobody uses needs a wider lead."""
    fair = Evidence(score=CONFIDENT_SCORE - 5, lead=12.0, rivalled=True, coverage=0.9,
                    alone=False, foreign=False, faq_first=False, own=True, words=5,
                    topic_words=2)
    assert confident(fair)
    assert not confident(replace(fair, lead=8.0))
    assert not confident(replace(fair, foreign=True))
    index = _shipped_index()
    # "visit": the Ruska Roma FAQ is about the family, not a place to go
    ranking = index._rank("can i visit the ruska roma theatre in real life")
    assert ranking.foreign and ranking.matches[0].score >= CONFIDENT_SCORE
    assert index.answer("can i visit the ruska roma theatre in real life").best is None


def test_a_question_asked_word_for_word_is_its_answer() -> None:
    """"Who is in the cast of the untitled John Wick anime prequel?" scores 100, but "Who
    plays John Wick?" came within 1: asked in exactly one entry's words, it is that entry."""
    index = _shipped_index()
    question = "Who is in the cast of the untitled John Wick anime prequel?"
    ranked = index._rank(question).matches
    assert ranked[1].score > ranked[0].score - MARGIN  # a rival, by the score rules
    best = index.answer(question).best
    assert best is not None and best.entry.question == question
    # ... and so is every shipped FAQ's question and alias (a few phrase one FAQ's answer
    # twice: "who is in ballerina" also asks the derived cast list, which answers)
    for entry in (e for e in index._entries if e is not None and e.faq_id is not None):
        for text in (entry.question, *entry.aliases):
            got = index.answer(text).best
            assert got is not None, text
            assert got.entry.ref == entry.ref or text.casefold() in map(str.casefold, phrasings(got.entry))


def test_words_said_by_two_entries_are_not_verbatim() -> None:
    docs = [(("who", "cast", "john", "wick"),), (("who", "cast", "john", "wick"), ("x",))]
    assert not verbatim("John Wick cast?", docs)  # a film's cast, or the character's actor
    assert verbatim("who cast john wick", docs[:1])
    assert not verbatim("who cast john wick please", docs[:1])


def test_a_stored_faq_far_ahead_of_everything_is_the_answer() -> None:
    """A server's own FAQ has few phrasings, so a member's other words cover little of them:
    far ahead of every other entry (FAR_MARGIN) at a fair score it still answers, even
    with a word nobody uses in a short question ("karaoke *calendar*"); but not a derived
    answer or a shipped FAQ with one ("who plays harry *potter*": there is a Harry; "is
    shay hatten *married*"), nor in a long message, whose small talk leaves a single name
    scoring high."""
    far = Evidence(score=FAR_SCORE + 2, lead=FAR_MARGIN + 2, rivalled=True, coverage=0.5,
                   alone=False, foreign=True, faq_first=False, own=True, words=3,
                   topic_words=1)
    assert confident(far)
    assert not confident(replace(far, lead=FAR_MARGIN - 2))
    assert not confident(replace(far, own=False))  # a derived answer, or a shipped FAQ
    assert not confident(replace(far, words=SHORT_WORDS + 1))
    assert confident(replace(far, own=False, foreign=False))
    shipped = _shipped_index()
    karaoke = Entry("faq:901", "When is karaoke night?", "Every Friday at 20:00 UTC, in voice.",
                    aliases=("karaoke",), faq_id=901)  # a server's own (not shipped)
    faqs = [replace(e, shipped=e.faq_id is not None)  # as the bot loads faq_data/
            for e in shipped._entries if e is not None]
    index = AnswerIndex([*faqs, karaoke])
    for question in ("karaoke calendar", "karaoke schedule"):
        assert index._rank(question).foreign, question
        assert _best(question, index).ref == "faq:901", question
    for question in ("who plays harry potter", "is shay hatten married", "how tall is shay hatten"):
        assert index.answer(question).best is None, question
