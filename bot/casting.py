"""Who is in what: the yes-or-no answer to "is halle berry in ballerina", from the credits.

Someone asking whether a person is in a title wants "yes" or "no" first, then the role. The
derived answers on an actor or a character list the roles but never say no, and a question
naming a person and a title is otherwise as close to that title's overview as to the
person. The credits are each title's main cast (faq_data/credits.toml), so a "no" says
"isn't in the main cast", and of a title still to come "not announced": "isn't in the cast
announced so far"; a title with no credits at all gets no such answer (its cast is unknown
here, not empty). Worded as the derived answers are: a "no" goes on with who plays the
actor's role there, if anyone ("is ian mcshane in the continental": young Winston is), and
where the person is (their derived answer; a character's without its notes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.derived import (
    character_roles,
    credited_cast,
    derived_entry,
    join_names,
    mid_sentence,
    ordered_credits,
    released,
    slug,
    year_of,
)
from bot.entries import ACTOR_REF, CHARACTER_REF, Entry
from bot.models import Credit, Title
from bot.text import normalize
from bot.timeutil import utcnow

APPEARS_REF = "derived:appears:"  # + "<person's ref key>:<title key>"


def person_of(ref: str) -> str:
    """The ref of the derived answer an appearance answer is about ("derived:actor:x" for
    "derived:appears:actor:x:ballerina"): it says that answer, with yes or no first."""
    return "derived:" + ref.removeprefix(APPEARS_REF).rsplit(":", 1)[0]


@dataclass(frozen=True, slots=True)
class Person:
    """An actor or a character of the credits, as their derived answer knows them."""

    entry: Entry  # the derived answer on them
    is_character: bool
    credits: tuple[Credit, ...]

    @property
    def name(self) -> str:
        return self.entry.names[0]

    @property
    def counterparts(self) -> tuple[str, ...]:
        """Who plays them (a character) or whom they play (an actor): "is ian mcshane in the
        continental" says who plays Winston there."""
        return tuple(dict.fromkeys(c.actor if self.is_character else c.character
                                   for c in self.credits))

    def credits_in(self, title_key: str) -> list[Credit]:
        return [c for c in self.credits if c.title_key == title_key]


class Casting:
    """The credits by person and by title, for `answer`."""

    def __init__(self, titles: Sequence[Title], credits: Sequence[Credit],
                 entries: Iterable[Entry], now: datetime | None = None) -> None:
        now = now or utcnow()
        self.titles = {t.key: t for t in titles}
        # a title whose name begins others' names ("John Wick": "John Wick: Chapter 2", "John
        # Wick Hex"), so that it is also the franchise's name
        names = [normalize(t.name) for t in titles]
        self.franchise_named = {t.key for t in titles if sum(
            other.startswith(normalize(t.name) + " ") for other in names) >= 2}
        self._out = {t.key: released(t, now) for t in titles}
        known = ordered_credits(titles, credits)  # as the derived answers tell them
        self._by_title: dict[str, list[Credit]] = {}
        by_character: dict[str, list[Credit]] = {}
        by_actor: dict[str, list[Credit]] = {}
        for credit in known:
            self._by_title.setdefault(credit.title_key, []).append(credit)
            by_character.setdefault(slug(credit.character), []).append(credit)
            by_actor.setdefault(slug(credit.actor), []).append(credit)
        self.people: dict[str, Person] = {}
        for entry in entries:
            if entry.ref.startswith(CHARACTER_REF):
                self._add(entry, True, by_character.get(entry.ref.removeprefix(CHARACTER_REF), []))
            elif entry.ref.startswith(ACTOR_REF):
                self._add(entry, False, by_actor.get(entry.ref.removeprefix(ACTOR_REF), []))

    def _add(self, entry: Entry, is_character: bool, credits: list[Credit]) -> None:
        if credits and entry.names:
            self.people[entry.ref] = Person(entry, is_character, tuple(credits))

    def same_person(self, one: str, other: str, title_key: str) -> bool:
        """Whether asking if `one` is in the title asks what asking of `other` does: they are
        one person, or an actor and a character the actor plays there ("Ian McShane" and
        "Winston Scott" in Ballerina; not Colin Woodell, Winston only in The Continental),
        or plays elsewhere when neither is there (Fishburne and the Bowery King in Ballerina)."""
        if one == other:
            return True
        first, second = self.people.get(one), self.people.get(other)
        if first is None or second is None or first.is_character == second.is_character:
            return False
        character, actor = (first, second) if first.is_character else (second, first)
        roles = [c for c in actor.credits if c.character == character.name]
        there = actor.credits_in(title_key) + character.credits_in(title_key)
        return bool(roles) and (not there or any(c.title_key == title_key for c in roles))

    def names_there(self, person_ref: str, title_key: str) -> list[str]:
        """The person's names, and who plays them or whom they play in the title."""
        person = self.people[person_ref]
        return [*person.entry.names, *(c.actor if person.is_character else c.character
                                       for c in person.credits_in(title_key))]

    def answer(self, person_ref: str, title_key: str, *, or_franchise: bool = False) -> Entry | None:
        """Whether the person (a ref of `people`) is in the title, and as whom; None when
        the credits list nobody for that title. `or_franchise`: the title was named by the
        franchise's name ("is mel gibson in john wick"), so "no" is only of the film."""
        person = self.people.get(person_ref)
        title = self.titles.get(title_key)
        if person is None or title is None or title_key not in self._by_title:
            return None
        out = self._out[title_key]
        named = mid_sentence(title)
        if or_franchise:  # which John Wick: the film
            named = f"{named} ({year_of(title)})"
        if here := person.credits_in(title_key):
            text = _yes(person, here, named, out)
        else:
            if or_franchise:
                opening = (f"Not in the main cast of the {title.kind} {named}, but elsewhere in "
                           "the franchise.")
            else:  # of a title to come, the cast may grow
                opening = (f"{'No' if out else 'Not announced'}. **{person.name}** isn't in "
                           f"{credited_cast(title, out)}.")
            text = "\n".join([opening, *self._played_by_others(person, title_key),
                              self._roles(person)])
        ref = f"{APPEARS_REF}{person_ref.removeprefix('derived:')}:{title_key}"
        return derived_entry(ref, f"Is {person.name} in {named}?", text, [],
                             (person.name, title.name))

    def _roles(self, person: Person) -> str:
        """Where the person is, as their derived answer says (a character's without its
        notes, which may be of the actor: "Also directs ...")."""
        if not person.is_character:
            return person.entry.answer
        return character_roles(person.name, list(person.credits), self.titles, _short(person))

    def _played_by_others(self, person: Person, title_key: str) -> list[str]:
        """An actor's roles that the title has, played by someone else ("is ian mcshane in
        the continental": Winston is, played by Colin Woodell)."""
        if person.is_character:
            return []
        lines = []
        for character in person.counterparts:
            there = [c for c in self._by_title.get(title_key, ()) if c.character == character]
            if there:
                actors = join_names([f"{c.actor}{_as(c, character)}" for c in there])
                lines.append(f"{character} is in it, played by {actors}.")
        return lines


def _short(person: Person) -> str | None:
    """A character's first name, if their derived answer goes by it ("Winston")."""
    aka = {a for c in person.credits for a in c.aka}
    return next((n for n in person.entry.names[1:2] if n not in aka), None)


def _yes(person: Person, credits: list[Credit], named: str, out: bool) -> str:
    opening = "Yes." if out else "Yes, as announced."
    if person.is_character:
        verb = "voiced" if all(c.variant == "voice" for c in credits) else "played"
        called = _short(person) or person.name
        actors = join_names([f"{c.actor}{_as(c, called, verb)}" for c in credits])
        return f"{opening} **{person.name}** is in {named}, {verb} by {actors}."
    verb = "voices" if all(c.variant == "voice" for c in credits) else "plays"
    roles = join_names([_role(c, verb) for c in credits])
    return f"{opening} **{person.name}** {verb} {roles} in {named}."


def _as(credit: Credit, character: str, verb: str = "played") -> str:
    """What an actor is marked with after their name: "(young Winston Scott)", "(cameo)"."""
    marks = _marks(credit, verb)
    if _aged(credit):
        marks.insert(0, f"{credit.variant} {character}")
    return f" ({', '.join(marks)})" if marks else ""


def _role(credit: Credit, verb: str) -> str:
    """A role as an actor plays it: "young Eve Macarro", "John Wick (cameo)"."""
    role = f"{credit.variant} {credit.character}" if _aged(credit) else credit.character
    marks = _marks(credit, verb)
    return role + (f" ({', '.join(marks)})" if marks else "")


def _aged(credit: Credit) -> bool:
    """Whether the credit is of the character at another age ("young"), not a voice."""
    return credit.variant not in (None, "voice")


def _marks(credit: Credit, verb: str) -> list[str]:
    """"voice" (unless the verb says it: "voices", "voiced") and "cameo", as they apply."""
    voice = credit.variant == "voice" and not verb.startswith("voice")
    return [m for m, on in (("voice", voice), ("cameo", credit.cameo)) if on]
