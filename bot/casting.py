"""Who is in what: the yes-or-no answer to "is halle berry in ballerina", from the credits.

Someone asking whether a person is in a title wants "yes" or "no" first, then the role. The
derived answers on an actor or a character list the roles but never say no, and a question
naming a person and a title is otherwise as close to that title's overview as to the
person. The credits are each title's main cast (faq_data/credits.toml), so a "no" says
"isn't in the main cast", of a title still to come "isn't in the cast announced so far";
a title with no credits at all gets no such answer (its cast is unknown here, not empty).
Worded as the derived answers are, and built from them: a "no" goes on with the person's
own derived answer (where they are).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.derived import (
    credit_marks,
    derived_entry,
    join_names,
    mid_sentence,
    released,
    slug,
    title_names,
)
from bot.entries import ACTOR_REF, CHARACTER_REF, Entry
from bot.models import Credit, Title
from bot.timeutil import utcnow

APPEARS_REF = "derived:appears:"  # + "<person's ref key>:<title key>"


@dataclass(frozen=True, slots=True)
class Person:
    """An actor or a character of the credits, as their derived answer knows them."""

    entry: Entry  # the derived answer on them
    is_character: bool
    credits: tuple[Credit, ...]
    # who plays them (a character) or whom they play (an actor): a FAQ naming one of these
    # and the title asks the same ("Is Winston in Ballerina?" for "is ian mcshane in ...")
    counterparts: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.entry.names[0]


class Casting:
    """The credits by person and by title, for `answer`."""

    def __init__(self, titles: Sequence[Title], credits: Sequence[Credit],
                 entries: Iterable[Entry], now: datetime | None = None) -> None:
        now = now or utcnow()
        self.titles = {t.key: t for t in titles}
        self._out = {t.key: released(t, now) for t in titles}
        known = [c for c in credits if c.title_key in self.titles]
        self._credited = {c.title_key for c in known}
        by_character: dict[str, list[Credit]] = {}
        by_actor: dict[str, list[Credit]] = {}
        for credit in known:
            by_character.setdefault(slug(credit.character), []).append(credit)
            by_actor.setdefault(slug(credit.actor), []).append(credit)
        self.people: dict[str, Person] = {}
        for entry in entries:
            if entry.ref.startswith(CHARACTER_REF):
                group = by_character.get(entry.ref.removeprefix(CHARACTER_REF), [])
                self._add(entry, True, group, [c.actor for c in group])
            elif entry.ref.startswith(ACTOR_REF):
                group = by_actor.get(entry.ref.removeprefix(ACTOR_REF), [])
                self._add(entry, False, group, [c.character for c in group])

    def _add(self, entry: Entry, is_character: bool, credits: list[Credit],
             counterparts: list[str]) -> None:
        if credits and entry.names:
            self.people[entry.ref] = Person(entry, is_character, tuple(credits),
                                            tuple(dict.fromkeys(counterparts)))

    def title_names(self, title_key: str) -> list[str]:
        """Every name of a title, as written and as `title_names` adds ("John Wick 4")."""
        title = self.titles[title_key]
        return list(dict.fromkeys([title.name, *title.aliases, *title_names(title)]))

    def answer(self, person_ref: str, title_key: str) -> Entry | None:
        """Whether the person (a ref of `people`) is in the title, and as whom; None when
        the credits list nobody for that title."""
        person = self.people.get(person_ref)
        title = self.titles.get(title_key)
        if person is None or title is None or title_key not in self._credited:
            return None
        out = self._out[title_key]
        named = mid_sentence(title)
        here = [c for c in person.credits if c.title_key == title_key]
        if here:
            text = _yes(person, here, named, out)
        else:
            cast = "the main cast of" if out else "the cast announced so far for"
            text = f"No. **{person.name}** isn't in {cast} {named}.\n{person.entry.answer}"
        ref = f"{APPEARS_REF}{person_ref.removeprefix('derived:')}:{title_key}"
        return derived_entry(ref, f"Is {person.name} in {named}?", text, [],
                             (person.name, title.name))


def _yes(person: Person, credits: list[Credit], named: str, out: bool) -> str:
    opening = "Yes." if out else "Yes, as announced."
    if person.is_character:
        verb = "voiced" if all(c.variant == "voice" for c in credits) else "played"
        actors = join_names([f"{c.actor}{_marks(c, verb)}" for c in credits])
        return f"{opening} **{person.name}** is in {named}, {verb} by {actors}."
    verb = "voices" if all(c.variant == "voice" for c in credits) else "plays"
    roles = join_names([f"{c.character}{_marks(c, verb)}" for c in credits])
    return f"{opening} **{person.name}** {verb} {roles} in {named}."


def _marks(credit: Credit, verb: str) -> str:
    """A credit's marks, but not "(voice)" where the verb says it."""
    if verb.startswith("voice") and credit.variant == "voice":
        return " (cameo)" if credit.cameo else ""
    return credit_marks(credit)
