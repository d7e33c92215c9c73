"""Appearance questions ("is halle berry in ballerina": bot.engine_appears) answered through
the index, over test_derived's catalogue."""

from __future__ import annotations

import pytest

from bot.casting import APPEARS_REF, Casting
from bot.derived import derived_entries
from bot.engine import AnswerIndex, Entry
from bot.engine_appears import Appearances
from bot.models import Credit
from tests.bot.test_derived import CREDITS, TITLES

DERIVED = derived_entries(TITLES, CREDITS)
CASTING = Casting(TITLES, CREDITS, DERIVED)
APPEARANCES = Appearances(CASTING)
# a FAQ asking the same of Winston, and an overview that names Halle Berry and Ballerina
WINSTON = Entry("faq:1", "Is Winston in Ballerina?", "Yes, Ian McShane plays him again.",
                aliases=("winston ballerina",), faq_id=1)
OVERVIEW = Entry("faq:2", "What should I know about Parabellum?",
                 "Halle Berry joins as Sofia; its dancer is not the Ballerina lead.",
                 aliases=("parabellum halle berry", "parabellum ballerina"), faq_id=2)


def index(*faqs: Entry) -> AnswerIndex:
    return AnswerIndex([*DERIVED, *faqs], APPEARANCES)


@pytest.mark.parametrize(("question", "person", "title"), [
    ("is halle berry in ballerina", "actor:halle-berry", "ballerina"),
    ("hey guys, is Halle Berry in Ballerina too?", "actor:halle-berry", "ballerina"),
    ("will we see sofia al-azwar in the ballerina movie", "character:sofia-al-azwar",
     "ballerina"),
    ("does donnie yen appear in chapter 4", "actor:donnie-yen", "john-wick-4"),
    ("is keanu going to be back in jw1", "actor:keanu-reeves", "john-wick"),
    ("has keanu reeves been in the continental at all", "actor:keanu-reeves", "the-continental"),
    ("is the bowery king in parabellum or not", "character:the-bowery-king", "john-wick-3"),
    ("is winston in john wick 5", "character:winston-scott", "john-wick-5"),
    ("lol is reedus in chapter 4", "actor:norman-reedus", "john-wick-4"),  # a surname
    ("is donnie yen in the cast of chapter 4", "actor:donnie-yen", "john-wick-4"),
])
def test_the_shape_names_one_person_and_one_title(question: str, person: str,
                                                   title: str) -> None:
    assert APPEARANCES.asked(question) == (f"derived:{person}", title, False)


def test_the_franchise_s_name_is_told_from_the_first_film_s_other_names() -> None:
    assert APPEARANCES.asked("is mel gibson in john wick") == (
        "derived:actor:mel-gibson", "john-wick", True)
    assert APPEARANCES.asked("is mel gibson in jw1") == (
        "derived:actor:mel-gibson", "john-wick", False)
    best = index().answer("is mel gibson in john wick?").best
    assert best is not None
    assert best.entry.answer.startswith("Not in the main cast of the film John Wick (2014)")


@pytest.mark.parametrize("question", [
    "who is halle berry in ballerina",  # asks for the role
    "is halle berry good in ballerina",  # asks what she is like in it
    "is eve macarro dead in chapter 4",
    "is halle berry in ballerina and chapter 4",  # two titles
    "is keanu in it",  # no title
    "is tom cruise in ballerina",  # nobody the credits know
    "halle berry ballerina",  # no shape at all
    "is wick in ballerina",  # only actors go by their surname alone
])
def test_other_questions_are_not_appearance_questions(question: str) -> None:
    assert APPEARANCES.asked(question) is None


def test_a_person_not_in_the_title_gets_no_before_a_faq_that_asks_something_else() -> None:
    best = index(OVERVIEW).answer("is halle berry in ballerina?").best
    assert best is not None
    assert best.entry.ref == f"{APPEARS_REF}actor:halle-berry:ballerina"
    assert best.entry.answer.startswith("No. **Halle Berry** isn't in the main cast")


@pytest.mark.parametrize("message", [
    "hey guys, is keanu reeves in jw1?",  # the whole and its asking clause: one answer
    "is halle berry in ballerina, lol",
    "hello, quick question: is sofia al-azwar in ballerina",
])
def test_a_message_around_the_question_gets_the_same_answer(message: str) -> None:
    best = index(OVERVIEW).answer(message).best
    assert best is not None and best.entry.ref.startswith(APPEARS_REF)


def test_a_stored_faq_asking_the_same_keeps_its_answer() -> None:
    for question in ("is winston in ballerina", "is ian mcshane in ballerina"):
        best = index(WINSTON).answer(question).best
        assert best is not None and best.entry.ref == "faq:1", question
    # Halle Berry plays no role of Winston's: the FAQ does not ask that
    best = index(WINSTON).answer("is halle berry in ballerina").best
    assert best is not None and best.entry.ref.startswith(APPEARS_REF)


def test_a_title_without_credits_is_answered_as_before() -> None:
    asked = "is winston in john wick 5"
    assert index().answer(asked) == AnswerIndex(DERIVED).answer(asked)


def test_a_stored_faq_naming_the_person_and_title_in_other_words_keeps_its_answer() -> None:
    cameo = Entry("faq:3", "Does Halle Berry have a cameo in Ballerina?", "No, sadly.",
                  aliases=("halle berry in ballerina",), faq_id=3)
    best = index(cameo).answer("is halle berry in ballerina").best
    assert best is not None and best.entry.ref == "faq:3"


def test_an_actor_of_the_same_role_elsewhere_is_someone_else() -> None:
    # Colin Woodell is young Winston in The Continental only: "Is Winston in Ballerina?"
    # (Ian McShane, yes) does not answer whether Woodell is in Ballerina
    best = index(WINSTON).answer("is colin woodell in ballerina").best
    assert best is not None and best.entry.ref.startswith(APPEARS_REF)
    assert best.entry.answer.startswith("No. **Colin Woodell** isn't in the main cast")
    assert "Winston Scott is in it, played by Ian McShane." in best.entry.answer


def test_a_word_of_two_names_names_nobody() -> None:
    credits = [*CREDITS,
               Credit(title_key="the-continental", actor="Peter Greene", character="Uncle Charlie"),
               Credit(title_key="john-wick-3", actor="Asia Kate Dillon", character="The Adjudicator"),
               Credit(title_key="the-continental", actor="Nhung Kate", character="Yen"),
               Credit(title_key="john-wick-4", actor="Donnie Yen", character="Caine")]
    appearances = Appearances(Casting(TITLES, credits, derived_entries(TITLES, credits)))
    for question in ("is peter in the continental",  # Peter Greene, or Clarke Peters?
                     "is kate in chapter 3",  # Asia Kate Dillon, or Nhung Kate?
                     "is yen in chapter 4",  # the character Yen, or Donnie Yen?
                     "is charlie in the continental"):  # Uncle Charlie
        assert appearances.asked(question) is None, question
    assert appearances.asked("is greene in the continental") is not None


def test_the_new_john_wick_is_not_the_2014_film() -> None:
    assert APPEARANCES.asked("is keanu in the new john wick") is None


@pytest.mark.parametrize(("question", "ref"), [
    ("is hale berry in ballerina", "actor:halle-berry:ballerina"),  # the name mistyped
    ("is halle berry in balerina", "actor:halle-berry:ballerina"),  # the title mistyped
    ("is donie yen in chapter 4", "actor:donnie-yen:john-wick-4"),
    # the typo's stem (rev) too short to put right: the word typed is
    ("is keanu reves in chapter 4", "actor:keanu-reeves:john-wick-4"),
])
def test_typos_are_put_right_as_the_engine_puts_them_right(question: str, ref: str) -> None:
    best = index(OVERVIEW).answer(question).best
    assert best is not None and best.entry.ref == f"{APPEARS_REF}{ref}", question
    # read alone, with no index to spell by, the typos name nobody
    assert APPEARANCES.asked(question) is None


@pytest.mark.parametrize("question", [
    "is the ferry in ballerina",  # not Halle Berry
    "is the sofa in ballerina",  # not Sofia
    "is keanu black in ballerina",  # not "back"
])
def test_an_english_word_is_no_typo_of_a_name(question: str) -> None:
    best = index(OVERVIEW).answer(question).best
    assert best is None or not best.entry.ref.startswith(APPEARS_REF), question
