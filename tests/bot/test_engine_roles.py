"""Role questions (`bot.engine_roles`): who plays a character, however it is described."""

from __future__ import annotations

import pytest

from bot.engine_roles import Roles
from tests.bot.test_engine import _shipped_index


def _roles() -> Roles:
    roles = Roles()
    roles.add("derived:character:caine", ("Caine",))
    roles.add("derived:character:helen-wick", ("Helen Wick", "Helen"))
    roles.add("derived:character:john-wick", ("John Wick",))
    roles.add("derived:character:the-director", ("The Director",))
    roles.add("derived:character:akira", ("Akira",))
    roles.add("derived:character:harry", ("Harry",))
    roles.add("derived:character:yen", ("Yen",))
    roles.add("derived:character:viggo-tarasov", ("Viggo Tarasov", "Viggo"))
    roles.add("derived:character:iosef-tarasov", ("Iosef Tarasov", "Iosef"))
    roles.add_person(("Donnie Yen",))
    roles.add_person(("Michael Nyqvist",))
    return roles


@pytest.mark.parametrize(("question", "ref", "rest"), [
    ("who plays the blind assassin caine", "caine", set()),
    ("who played john's wife helen", "helen-wick", set()),
    ("who was the assassin caine played by", "caine", set()),
    ("who is the actor for caine in chapter 4", "caine", {"chapter", "4"}),
    ("the caine actor", "caine", set()),
    ("who plays john wick in ballerina", "john-wick", {"ballerina"}),
    ("who plays the director in the movie", "the-director", set()),  # "movie" names nothing
    ("who plays caine in jw4 and is he good", "caine", {"john", "wick", "chapter", "4"}),
    ("who played helen, the wife", "helen-wick", set()),  # the clause before the comma
    ("the blind assassin caine is played by who", "caine", set()),
    ("who plays young caine", "caine", set()),  # an age describes without an article
    ("who plays iosef, viggo's son", "iosef-tarasov", set()),  # Viggo only as someone's
    ("question for the mods: caine actor or am i wrong", "caine", set()),
    ("who pláys the blind assassin caine", "caine", set()),  # accents, as the parser reads them
    ("who ＰＬＡＹＳ caine", "caine", set()),
    ("can anyone tell me who plays caine", "caine", set()),
])
def test_the_character_a_role_question_asks_about(question: str, ref: str,
                                                  rest: set[str]) -> None:
    assert _roles().asked(question) == (f"derived:character:{ref}", rest)


@pytest.mark.parametrize("question", [
    "who plays caine's daughter",  # the role phrase's head is "daughter", not Caine
    "who plays the daughter of caine",
    "who plays in john wick",  # the film's cast, not the character
    "who does helen play",  # asks what a person plays
    "who is caine",  # no cast word
    "who plays caine and who plays helen",  # two characters: which?
    "who plays harry potter",
    "who plays caine and akira",  # which?
    "who plays caine & akira",
    "which theaters are playing john wick",  # asks no one
    "who should play young john wick",  # a wish
    "the actor who plays caine, was he in ip man",  # asks something else too
    "who played opposite donnie yen",  # an actor's name, not the character Yen
    "who plays michael caine",
    "who played prince harry",  # a description needs an article, an age or a possessive
    "who's playing prince harry",  # "who's" is no possessive
    "who should have played caine",  # wishes, however worded
    "who would be playing caine",
    "who should be the actor for caine",
])
def test_no_single_character_is_asked(question: str) -> None:
    assert _roles().asked(question) is None


def test_a_role_question_gets_the_character_answer() -> None:
    """Descriptions no entry uses ("blind", "wife") and a title that shares the name (the
    cast of "John Wick: Ballerina") left these with no answer; the rest of the question must
    still be something the character's answer knows."""
    index = _shipped_index()
    for question, character in [
        ("who plays john wick in ballerina", "John Wick"),
        ("who plays john wick in chapter 4", "John Wick"),
        ("who plays the blind assassin caine", "Caine"),
        ("who played john's wife helen", "Helen Wick"),
        ("who was the russian mob boss viggo played by", "Viggo Tarasov"),
    ]:
        best = index.answer(question).best
        assert best is not None and best.entry.question == f"Who plays {character}?", question
    for question in ("who plays caine's daughter",
                     "who voices caine in the new john wick game",  # not in Caine's answer
                     "who plays winston in chapter 5"):
        assert index.answer(question).best is None, question


def test_the_cheap_check_lets_every_cast_word_through() -> None:
    """`Roles.asked` skips a text with none of `_CAST_STEMS` in it: each cast word has one."""
    from bot.engine_roles import _CAST_NOUNS, _CAST_STEMS, _CAST_VERBS

    for word in _CAST_VERBS | _CAST_NOUNS:
        assert any(word.startswith(stem) for stem in _CAST_STEMS), word
    assert _roles().asked("WHO PLAYS CAINE") == ("derived:character:caine", set())
