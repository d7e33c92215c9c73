"""The yes-or-no answers on who is in what (bot.casting), over test_derived's catalogue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.casting import APPEARS_REF, Casting, person_of
from bot.derived import derived_entries
from bot.models import Credit, Title
from tests.bot.test_derived import CREDITS, TITLES

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BALLERINA = "From the World of John Wick: Ballerina"
TO_COME = [Title(key="caine", name="Untitled Caine spin-off", kind="film", aliases=("Caine",)),
           Title(key="anime", name="Untitled John Wick anime prequel", kind="anime")]
MORE = [Credit(title_key="caine", actor="Donnie Yen", character="Caine",
               note="Also directs the film"),
        Credit(title_key="anime", actor="Keanu Reeves", character="John Wick", variant="voice")]


def casting() -> Casting:
    titles, credits = [*TITLES, *TO_COME], [*CREDITS, *MORE]
    return Casting(titles, credits, derived_entries(titles, credits, NOW), NOW)


@pytest.mark.parametrize(("person", "title", "answer"), [
    ("actor:halle-berry", "john-wick-3",
     "Yes. **Halle Berry** plays Sofia Al-Azwar in John Wick: Chapter 3 – Parabellum."),
    ("character:eve-macarro", "ballerina",
     f"Yes. **Eve Macarro** is in {BALLERINA}, played by Ana de Armas and Victoria Comte "
     "(young Eve)."),
    ("actor:colin-woodell", "the-continental", "Yes. **Colin Woodell** plays young Winston "
     "Scott in The Continental: From the World of John Wick."),
    ("character:charon", "ballerina", f"Yes. **Charon** is in {BALLERINA}, played by Lance "
     "Reddick (cameo)."),
    ("actor:donnie-yen", "caine",
     "Yes, as announced. **Donnie Yen** plays Caine in the untitled Caine spin-off."),
    ("actor:keanu-reeves", "anime",
     "Yes, as announced. **Keanu Reeves** voices John Wick in the untitled John Wick anime "
     "prequel."),
    ("character:john-wick", "anime", "Yes, as announced. **John Wick** is in the untitled John "
     "Wick anime prequel, voiced by Keanu Reeves."),
])
def test_a_person_in_the_title_gets_yes_and_the_role(person: str, title: str,
                                                     answer: str) -> None:
    entry = casting().answer(f"derived:{person}", title)
    assert entry is not None
    assert entry.answer == answer
    assert entry.ref == f"{APPEARS_REF}{person}:{title}"


def test_a_person_not_in_the_main_cast_gets_no_and_where_they_are() -> None:
    entry = casting().answer("derived:actor:halle-berry", "ballerina")
    assert entry is not None
    assert entry.question == f"Is Halle Berry in {BALLERINA}?"
    assert entry.answer == (f"No. **Halle Berry** isn't in the main cast of {BALLERINA}.\n"
                            "**Halle Berry** plays Sofia Al-Azwar in John Wick: Chapter 3 – "
                            "Parabellum.")
    character = casting().answer("derived:character:winston-scott", "john-wick-hex")
    assert character is None  # a game with no credits: its cast is unknown, not empty


def test_a_title_still_to_come_says_so_far() -> None:
    entry = casting().answer("derived:actor:keanu-reeves", "caine")
    assert entry is not None
    assert entry.answer.startswith(
        "Not announced. **Keanu Reeves** isn't in the cast announced so far for the untitled "
        "Caine spin-off.\n**Keanu Reeves** plays John Wick in")


def test_no_answer_without_credits_for_the_title_or_an_unknown_person() -> None:
    cast = casting()
    assert cast.answer("derived:actor:keanu-reeves", "john-wick-5") is None  # in development
    assert cast.answer("derived:actor:tom-cruise", "ballerina") is None
    assert cast.answer("derived:actor:keanu-reeves", "no-such-title") is None


def test_the_counterparts_are_whom_an_actor_plays_and_who_plays_a_character() -> None:
    people = casting().people
    assert people["derived:actor:ian-mcshane"].counterparts == ("Winston Scott",)
    assert people["derived:character:winston-scott"].counterparts == ("Ian McShane",
                                                                      "Colin Woodell")


def test_the_franchise_s_name_says_no_only_of_the_film() -> None:
    cast = casting()
    assert cast.franchise_named == {"john-wick"}  # "John Wick: Chapter 2" and more begin so
    entry = cast.answer("derived:actor:mel-gibson", "john-wick", or_franchise=True)
    assert entry is not None
    assert entry.answer == ("Not in the main cast of the film John Wick (2014), but elsewhere in "
                            "the franchise.\n"
                            "**Mel Gibson** plays Cormac O'Connor in The Continental: From the "
                            "World of John Wick.")
    entry = cast.answer("derived:actor:keanu-reeves", "john-wick", or_franchise=True)
    assert entry is not None
    assert entry.answer == "Yes. **Keanu Reeves** plays John Wick in John Wick (2014)."


def test_a_no_says_who_plays_their_role_there_and_leaves_out_the_notes() -> None:
    cast = casting()
    mcshane = cast.answer("derived:actor:ian-mcshane", "the-continental")
    assert mcshane is not None
    assert mcshane.answer.splitlines()[:2] == [
        "No. **Ian McShane** isn't in the main cast of The Continental: From the World of "
        "John Wick.",
        "Winston Scott is in it, played by Colin Woodell (young Winston Scott)."]
    caine = cast.answer("derived:character:caine", "ballerina")
    assert caine is not None
    assert caine.answer == (f"No. **Caine** isn't in the main cast of {BALLERINA}.\n**Caine** "
                            "is played by Donnie Yen in John Wick: Chapter 4 and the untitled "
                            "Caine spin-off.")  # not "Also directs the film": that is Yen


def test_an_appearance_answer_names_the_derived_answer_it_is_about() -> None:
    entry = casting().answer("derived:character:the-bowery-king", "john-wick-4")
    assert entry is not None
    assert person_of(entry.ref) == "derived:character:the-bowery-king"


@pytest.mark.parametrize(("one", "other", "title", "same"), [
    ("actor:ian-mcshane", "character:winston-scott", "ballerina", True),  # he plays him there
    ("character:winston-scott", "actor:ian-mcshane", "ballerina", True),
    ("actor:colin-woodell", "character:winston-scott", "ballerina", False),  # not there
    ("actor:laurence-fishburne", "character:the-bowery-king", "ballerina", True),  # neither is
    ("actor:colin-woodell", "actor:ian-mcshane", "the-continental", False),  # two actors
    ("actor:halle-berry", "character:winston-scott", "ballerina", False),
])
def test_the_same_person_is_an_actor_and_their_role_in_that_title(
        one: str, other: str, title: str, same: bool) -> None:
    assert casting().same_person(f"derived:{one}", f"derived:{other}", title) is same
