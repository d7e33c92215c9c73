"""Whether the answer engine's best entry is about what the question asks about
(`bot.engine_subject`, `bot.engine_names`). Uses the FAQ set of tests/bot/test_engine.py."""

from __future__ import annotations

from bot.engine_names import Names, mentioned
from bot.entries import faq_entry
from bot.models import Faq
from bot.text import terms
from tests.bot.test_engine import _best, _build_shipped_index, _shipped_index


def test_a_bare_name_does_not_answer_what_else_is_asked_of_it() -> None:
    """The shipped alias "ana de armas" says who she plays; "how old is ana de armas" asks
    something no phrasing or answer of that FAQ explains."""
    index = _shipped_index()
    eve = "Who is Eve Macarro, and who plays her?"
    assert _best("ana de armas", index).question == eve
    for question in ("how old is ana de armas", "does ana de armas have kids"):
        ranking = index._rank(question)
        assert ranking.off_subject and ranking.matches[0].entry.question == eve, question
        answer = index.answer(question)
        assert answer.best is None, question
        assert eve in [m.entry.question for m in answer.suggestions]  # still offered
    # a phrasing that names two things asks about them together: not a bare name
    assert not index._rank("is the ballerina in john wick 3 the same person as eve").off_subject


def test_name_parts_stay_bounded() -> None:
    from bot.engine_names import MAX_NAME_TERMS, _parts, name_terms

    def name_parts(name: str) -> set[frozenset[str]]:  # every part of a name, as Names keeps them
        return _parts(name_terms(name))

    assert frozenset({"chapter", "4"}) in name_parts("John Wick: Chapter 4")
    long = " ".join(f"zz{c}" for c in "abcdefghijklmnopqrstu")  # 21 terms
    assert name_parts(long) == {frozenset(terms(long))}  # only as a whole
    six = "alpha bravo charlie delta echo foxtrot"
    assert len(terms(six)) == MAX_NAME_TERMS
    assert len(name_parts(six)) == 2 ** MAX_NAME_TERMS - 1


def test_a_name_the_best_never_mentions_makes_it_about_something_else() -> None:
    """"who composed the chapter 4 soundtrack": the best-worded FAQ is about Ballerina's
    music and says nothing of Chapter 4, so it is not the answer; Ballerina's is."""
    index = _shipped_index()
    asked = "who composed the john wick chapter 4 soundtrack"
    ranking = index._rank(asked)
    assert "Ballerina" in ranking.matches[0].entry.question and ranking.off_subject
    assert index.answer(asked).best is None
    assert _best("who composed the ballerina soundtrack", index).question == \
        ranking.matches[0].entry.question
    # ... and "when did chapter 4 come out on digital" is neither Ballerina's digital date
    # nor Chapter 4's cinema date, which says nothing of digital
    assert index.answer("when did chapter 4 come out on digital").best is None
    # a title's number in a date is no mention of the title: "4 June" is not Chapter 4
    weight = index._index.weight
    chapter_4 = frozenset(terms("chapter 4"))
    assert not mentioned(chapter_4, set(terms("friday 4 june 2025")), weight, 2.0)
    assert mentioned(chapter_4, set(terms("after chapter 4")), weight, 2.0)
    # a one-word title asked about alone ("the continental") is a subject as well: not
    # Ballerina's budget; next to a title the entry does mention, it may be a detail
    assert index.answer("how much did the continental cost to make").best is None
    assert not index._rank("is ballerina part of the continental series").off_subject
    # a number alone is no name ("2 scenes" is not Chapter 2), nor is one ordinary word
    # ("continental", the hotel or the series), nor are common words ("the director")
    best = index.answer("is keanu in ballerina for 2 scenes or more").best
    assert best is not None and best.entry.question == "Is Keanu Reeves in Ballerina?"
    for question in ("is ballerina part of the continental series",
                     "what did the director of ballerina say about the ending"):
        assert not index._rank(question).off_subject, question


def test_a_derived_answer_subject_is_named_as_a_whole_word() -> None:
    from bot.engine_names import names_subject

    assert names_subject("**Avi** is played by ...", ["Who plays Avi?"])
    assert not names_subject("**Avi** is played by ...", ["Who is Javier?"])


def test_a_sequel_nobody_announced_is_no_question_about_the_one_there_is() -> None:
    """"when is ballerina 2 coming out" got Ballerina's 2025 date, as if a sequel came out;
    "when does john wick 6 come out" the watch order. A number no title has is no answer."""
    index = _shipped_index()
    for question in ("when is ballerina 2 coming out", "when does john wick 6 come out",
                     "chapter 7 release date", "how long is ballerina 3",
                     "when is the ballerina 2 movie coming out"):
        assert index._rank(question).off_subject, question
        assert index.answer(question).best is None, question
    # best: Chapter 2's cast, which says "2": not off-subject, nor an answer
    assert index.answer("ballerina 2 cast").best is None
    for question, shown in (("john wick 4 runtime", "How long is John Wick: Chapter 4?"),
                            ("jw2 director", "Who directed John Wick: Chapter 2?"),
                            ("is ballerina 2 hours long", "How long is Ballerina?"),
                            ("is ballerina 15 rated", "What is Ballerina rated?")):
        assert _best(question, index).question == shown, question


def test_a_server_faq_that_numbers_a_title_is_still_its_answer() -> None:
    index = _build_shipped_index()
    index.upsert(faq_entry(Faq(9001, "When is the Ballerina 2 watch party?", "Friday at 8.",
                               aliases=("ballerina 2 watch party",))))
    for question in ("When is the Ballerina 2 watch party?", "ballerina 2 watch party",
                     "what time is the ballerina 2 watch party"):
        assert _best(question, index).question == "When is the Ballerina 2 watch party?", question


def test_numbers_that_name_no_title() -> None:
    names = Names()
    names.add(["John Wick: Chapter 4", "Chapter 4", "Ballerina"], titles=True)

    def asks(question: str, known: frozenset[str] = frozenset()) -> bool:
        return names.numbers_an_unknown_title(terms(question), set(known))

    assert asks("when is ballerina 2 out") and asks("chapter 6 release") and asks("ballerina 3")
    assert asks("when is the ballerina 2 movie out")  # "movie" is no quantity
    assert not asks("chapter 4 release")  # there is one
    assert not asks("ballerina 2 hours") and not asks("is ballerina 15 rated")  # quantities
    assert not asks("ballerina 2025 cast")  # a year
    assert not asks("did they film ballerina 2")  # a last 2: chat for "too"
    assert not asks("when did ballerina 1 come out")  # the first
    assert not asks("chapter 4 6 cast")  # a list of numbers
    assert not asks("top 10 kills in ballerina")  # no title before it
    assert not asks("ballerina 2 watch party", frozenset({"ballerina", "2", "watchparty"}))
