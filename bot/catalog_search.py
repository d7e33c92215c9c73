"""Who plays whom: fuzzy lookup of titles, people and characters over the shipped credits.

Pure (no discord, no SQL): built from the store's titles and credits, answers /cast and
its autocomplete. Matching is rapidfuzz's WRatio over normalised names ("jw4" and
"John Wick 4" meet as "jw 4"; accents and punctuation don't count).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from rapidfuzz import fuzz, process

from bot.derived import credited_cast, released, title_names, year_of
from bot.errors import NothingFound, TitleNotFound
from bot.models import Credit, Title
from bot.text import split_words
from bot.timeutil import utcnow

THRESHOLD = 70.0  # below this a name is not a match
NEAR = 10.0  # names scoring within this of the best are shown together ("winston": both Winstons)
MAX_GROUPS = 4  # at most this many people/characters in one answer
CHOICE_LIMIT = 25
CHOICE_NAME_LIMIT = 100


def match_key(text: str) -> str:
    """What fuzzy matching compares: lowercase words, no accents, letters split from digits."""
    return " ".join(split_words(text, chat=False))


def rank(query: str, options: Sequence[tuple[str, Sequence[str]]], *, limit: int = CHOICE_LIMIT,
         threshold: float = THRESHOLD) -> list[tuple[str, float]]:
    """Rank option ids by their best-matching name: [(id, score)], best first, ties in order."""
    query_key = match_key(query)
    if not query_key:
        return []
    names: list[str] = []
    owners: list[int] = []
    for position, (_, option_names) in enumerate(options):
        for name in option_names:
            names.append(match_key(name))
            owners.append(position)
    best: dict[int, float] = {}
    for _, score, index in process.extract(query_key, names, scorer=fuzz.WRatio, limit=None,
                                           score_cutoff=threshold):
        owner = owners[index]
        name = names[index]
        if name.startswith(query_key):  # typing the start of a name beats fuzz
            score = max(score, 100.0 if name == query_key else 95.0)
        elif f" {query_key}" in f" {name}":  # ... and so does the start of one of its words
            score = max(score, 90.0)
        best[owner] = max(best.get(owner, 0.0), score)
    ordered = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [(options[position][0], score) for position, score in ordered[:limit]]


def suggest_threshold(text: str) -> float:
    """Suggestions may be looser than answers, except for a few letters, which fuzz matches
    almost anywhere: then only names (or words) starting with them are offered."""
    return 85.0 if len(match_key(text)) <= 4 else 60.0


def _marks(credit: Credit) -> list[str]:
    return [mark for mark in (credit.variant, "cameo" if credit.cameo else None) if mark]


def _release_key(title: Title) -> tuple[bool, datetime | None, str]:
    return (title.release_at is None, title.release_at, title.name)


@dataclass(frozen=True, slots=True)
class CastAnswer:
    heading: str
    lines: list[str]
    footer: str | None = None


@dataclass(frozen=True, slots=True)
class NameHit:
    kind: Literal["person", "character"]
    name: str
    score: float


class CastIndex:
    """Titles, people and characters of the shipped catalogue, ready to match and answer."""

    def __init__(self, titles: Iterable[Title], credits: Iterable[Credit]) -> None:
        self.titles = sorted(titles, key=_release_key)
        self.by_key = {title.key: title for title in self.titles}
        rank_of = {title.key: position for position, title in enumerate(self.titles)}
        self.credits = sorted((c for c in credits if c.title_key in self.by_key),
                              key=lambda c: (rank_of[c.title_key], c.position))
        self.people: dict[str, list[Credit]] = {}
        self.characters: dict[str, list[Credit]] = {}
        for credit in self.credits:
            self.people.setdefault(credit.actor, []).append(credit)
            self.characters.setdefault(credit.character, []).append(credit)
        self._title_options = [(t.key, [*title_names(t), t.key.replace("-", " ")])
                               for t in self.titles]

    # -- matching --------------------------------------------------------------------------------

    def find_title(self, query: str) -> Title:
        exact = self.by_key.get(query)  # autocomplete values are keys
        if exact is not None:
            return exact
        ranked = rank(query, self._title_options, limit=1)
        if not ranked:
            raise TitleNotFound(query)
        return self.by_key[ranked[0][0]]

    def find_names(self, query: str, credits: Sequence[Credit] | None = None) -> list[NameHit]:
        """People and characters matching `query` (within `credits` if given), best first."""
        pool = self.credits if credits is None else credits
        options = _name_options(sorted({c.actor for c in pool}), sorted({c.character for c in pool}),
                                _aka(pool))
        ranked = rank(query, options, limit=len(options))
        if not ranked:
            return []
        top = ranked[0][1]
        return [NameHit("person" if ref.startswith("p:") else "character", ref[2:], score)
                for ref, score in ranked if score >= top - NEAR][:MAX_GROUPS]

    # -- answers ---------------------------------------------------------------------------------

    def answer(self, title: str | None, name: str | None) -> CastAnswer:
        """/cast: a title's cast, a person's roles, a character's actors, or a name within a title."""
        title, name = (title or "").strip() or None, (name or "").strip() or None
        if title is None and name is None:
            return self.overview()
        if name is None:
            assert title is not None
            return self.cast_of(self.find_title(title))
        chosen = self.find_title(title) if title is not None else None
        pool = [c for c in self.credits if chosen is None or c.title_key == chosen.key]
        hits = self.find_names(name, pool)
        lines: list[str] = []
        if not hits and chosen is not None and (hits := self.find_names(name)):
            # someone of another title's cast: "no", and where they are
            lines.append(f"Not in {credited_cast(chosen, released(chosen, utcnow()))}."
                         if pool else _no_cast(chosen))  # pool: the title's cast
            pool = self.credits
        if not hits:
            where = f" in {chosen.name}" if chosen else ""
            raise NothingFound(f'Nobody called "{name}" is in my cast lists{where}. '
                               "Try a first name, a surname, or pick from the suggestions.")
        for hit in hits:
            credits = [c for c in pool if (c.actor if hit.kind == "person" else c.character) == hit.name]
            lines += self._person_lines(hit.name, credits) if hit.kind == "person" else (
                self._character_lines(hit.name, credits))
        heading = " / ".join(hit.name for hit in hits)
        return CastAnswer(f"{heading} in {chosen.name}" if chosen else heading, lines)

    def overview(self) -> CastAnswer:
        lines = [f"**{t.name}** ({year_of(t)}): {len(self._cast(t))} credited"
                 for t in self.titles if self._cast(t)]
        return CastAnswer(
            "Cast lists", lines,
            "Pick a title for its cast, or a name (actor or character) for every role.")

    def cast_of(self, title: Title) -> CastAnswer:
        credits = self._cast(title)
        if not credits:
            return CastAnswer(f"{title.name} ({year_of(title)})", [_no_cast(title)])
        lines = []
        for credit in credits:
            marks = _marks(credit)
            line = f"**{credit.actor}** as {credit.character}"
            if marks:
                line += f" ({', '.join(marks)})"
            notes = ([credit.note] if credit.note else []) + [f"also called “{a}”" for a in credit.aka]
            if notes:
                line += f" — {'; '.join(notes)}"
            lines.append(line)
        cameos = sum(1 for c in credits if c.cameo)
        footer = f"{len(credits)} credited" + (f", {cameos} cameo{'s' * (cameos != 1)}" if cameos else "")
        return CastAnswer(f"{title.name} ({year_of(title)}): cast", lines, footer)

    def _cast(self, title: Title) -> list[Credit]:
        return [c for c in self.credits if c.title_key == title.key]

    def _where(self, credits: Iterable[Credit]) -> str:
        parts = []
        for credit in credits:
            title = self.by_key[credit.title_key]
            extra = ", cameo" if credit.cameo else ""
            parts.append(f"*{title.name}* ({year_of(title)}{extra})")
        return ", ".join(parts)

    def _person_lines(self, actor: str, credits: Sequence[Credit]) -> list[str]:
        lines = [f"**{actor}** plays:"]
        for (character, variant), group in _grouped(credits, by_character=True).items():
            role = f"{character} ({variant})" if variant else character
            lines.append(f"• {role} in {self._where(group)}")
        return lines

    def _character_lines(self, character: str, credits: Sequence[Credit]) -> list[str]:
        also = _aka(credits).get(character)
        called = f" (also called {', '.join(f'“{a}”' for a in also)})" if also else ""
        lines = [f"**{character}**{called} is played by:"]
        for (actor, variant), group in _grouped(credits, by_character=False).items():
            who = f"{actor} ({variant})" if variant else actor
            lines.append(f"• {who} in {self._where(group)}")
        return lines

    # -- autocomplete ----------------------------------------------------------------------------

    def complete_titles(self, text: str) -> list[tuple[str, str]]:
        """(label, value) choices for a title option; the value is the title key."""
        if not text.strip():
            keys = [t.key for t in self.titles]
        else:
            keys = [key for key, _ in rank(text, self._title_options, threshold=suggest_threshold(text))]
        return [(_label(f"{self.by_key[k].name} ({year_of(self.by_key[k])})"), k)
                for k in keys[:CHOICE_LIMIT]]

    def complete_names(self, text: str, title: str | None = None) -> list[tuple[str, str]]:
        """(label, value) choices for a name option: people and characters (of `title` if set)."""
        pool = self.credits
        if title:
            try:
                chosen = self.find_title(title)
            except TitleNotFound:
                chosen = None
            if chosen is not None:
                pool = self._cast(chosen) or self.credits
        people = list(dict.fromkeys(c.actor for c in pool))
        characters = list(dict.fromkeys(c.character for c in pool))
        aka = _aka(pool)
        options = _name_options(people, characters, aka)
        if text.strip():
            refs = [ref for ref, _ in rank(text, options, threshold=suggest_threshold(text))]
        else:
            counts = {f"p:{n}": len(self.people[n]) for n in people}
            counts |= {f"c:{n}": len(self.characters[n]) for n in characters}
            refs = sorted(counts, key=lambda ref: -counts[ref])
        choices = []
        for ref in refs[:CHOICE_LIMIT]:
            name = ref[2:]
            also = aka.get(name) if ref.startswith("c:") else None
            kind = "actor" if ref.startswith("p:") else (
                f"character, also {', '.join(also)}" if also else "character")
            choices.append((_label(f"{name} ({kind})"), name[:CHOICE_NAME_LIMIT]))
        return choices


def _no_cast(title: Title) -> str:
    """Of a title the credits list nobody for: one out has a cast this bot doesn't know."""
    if released(title, utcnow()):
        return "I have no cast list for this title."
    return "No cast has been announced for this title yet."


def fit_lines(lines: Sequence[str], limit: int, more: str = "… and {n} more") -> str:
    """Join lines with newlines within `limit` characters, cutting at a line boundary and saying
    how many were left out; a single line longer than the limit is cut itself."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        tail = more.format(n=len(lines) - index)
        if used + len(line) + 1 + len(tail) > limit:
            if not kept:
                return line[:limit - 1] + "…"
            return "\n".join([*kept, tail])
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def _label(text: str) -> str:
    return text if len(text) <= CHOICE_NAME_LIMIT else text[:CHOICE_NAME_LIMIT - 1] + "…"


def _grouped(credits: Iterable[Credit], *, by_character: bool) -> dict[tuple[str, str], list[Credit]]:
    groups: dict[tuple[str, str], list[Credit]] = {}
    for credit in credits:
        key = (credit.character if by_character else credit.actor, credit.variant or "")
        groups.setdefault(key, []).append(credit)
    return groups


def _aka(credits: Iterable[Credit]) -> dict[str, list[str]]:
    """Character -> the other names it goes by in these credits ("Mr. Nobody" in Chapter 4)."""
    found: dict[str, list[str]] = {}
    for credit in credits:
        names = found.setdefault(credit.character, [])
        names += [a for a in credit.aka if a not in names]
    return found


def _name_options(people: Iterable[str], characters: Iterable[str],
                  aka: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """rank() options: "p:<actor>" and "c:<character>", a character by its other names too."""
    return ([(f"p:{name}", [name]) for name in people]
            + [(f"c:{name}", [name, *aka.get(name, ())]) for name in characters])


__all__ = ["CastAnswer", "CastIndex", "NameHit", "fit_lines", "match_key", "rank"]
