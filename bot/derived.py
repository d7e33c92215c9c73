"""Answers derived from the titles and credits, so nobody has to hand-write "who plays Winston?".

Refs: derived:<kind>:<key>, kinds release / director / writers / runtime / rating / cast /
about / timeline (one per title), character (one per character name), actor (one per
actor) and order:watch. Each entry has a natural question and aliases built from every
name of its title ("Chapter 4", "John Wick 4", ...) and from character first names.
Answers are plain prose with a little Discord markdown, never over 4000 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from bot.entries import ACTOR_REF, CHARACTER_REF, Entry
from bot.models import Credit, Title
from bot.text import normalize, terms
from bot.timeutil import utcnow

MAX_ANSWER = 4000
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_CHAPTER_RE = re.compile(r"\bchapter\s+(\d+)\b", re.IGNORECASE)
_DASH_RE = re.compile(r"\s[-\u2013\u2014]\s")
_WATCHABLE = frozenset({"film", "series", "anime"})  # what "watch order" lists
# facts a kind of title has none of: a comic has no runtime and no cast, a game no runtime
_NOT_FOR = {"comic": frozenset({"director", "runtime", "cast"}), "game": frozenset({"runtime"})}
_TO_COME = {"director": "Who is directing {n}?", "writers": "Who is writing {n}?"}
_TBA_RE = re.compile(r"^TBA\s*[:;,.—–-]?\s*", re.IGNORECASE)
_LEADING = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr", "young", "old", "mister"})

# (kind, question template, alias templates) for the per-title facts; {n} is a title name
_TITLE_FACTS = (
    ("release", "When does {n} come out?",  # "When did {n} come out?" once it has
     ("when does {n} come out", "{n} release date", "when did {n} come out")),
    ("director", "Who directed {n}?", ("who directed {n}", "{n} director")),
    ("writers", "Who wrote {n}?", ("who wrote {n}", "{n} writers")),
    ("runtime", "How long is {n}?", ("how long is {n}", "{n} runtime")),
    ("rating", "What is {n} rated?", ("what is {n} rated", "{n} age rating")),
    ("cast", "Who is in the cast of {n}?", ("{n} cast", "who is in {n}", "who stars in {n}")),
)


def ordered_credits(titles: Sequence[Title], credits: Sequence[Credit]) -> list[Credit]:
    """The credits of `titles`, in the order the derived answers tell them: by the titles'
    release, then billing, actor and character."""
    rank = {title.key: i for i, title in enumerate(_release_order(titles))}
    return sorted((c for c in credits if c.title_key in rank),
                  key=lambda c: (rank[c.title_key], c.position, c.actor, c.character))


def derived_entries(titles: Sequence[Title], credits: Sequence[Credit],
                    now: datetime | None = None) -> list[Entry]:
    """Every derived answer for this catalogue, in a stable order, worded as of `now`
    (default: the present): a title out by then "came out", one still to come "is to be
    directed by" its announced director."""
    now = now or utcnow()
    ordered = _release_order(titles)
    by_key = {title.key: title for title in ordered}
    known = ordered_credits(ordered, credits)
    entries: list[Entry] = []
    story = _story_places(ordered)
    for title in ordered:
        title_credits = [c for c in known if c.title_key == title.key]
        entries += _title_entries(title, title_credits, story.get(title.key), now)
    firsts = _first_name_counts(c.character for c in known)
    for title in ordered:  # "who plays John" would read as John Wick the film
        firsts.update({word: 2 for word in normalize(title.name).split()})
    for name, group in _grouped(known, lambda c: c.character).items():
        entries.append(_character_entry(name, group, by_key, firsts))
    for name, group in _grouped(known, lambda c: c.actor).items():
        entries.append(_actor_entry(name, group, by_key))
    watchable = [t for t in ordered if t.kind in _WATCHABLE]
    if len(watchable) >= 2:
        entries.append(_order_entry(watchable))
    return entries


# --- titles ---------------------------------------------------------------------------
def _release_order(titles: Sequence[Title]) -> list[Title]:
    """By release date, TBA last, ties in catalogue order."""
    return [t for _, t in sorted(enumerate(titles), key=lambda it: (
        it[1].release_at is None, it[1].release_at.timestamp() if it[1].release_at else 0.0,
        it[0]))]


def title_names(title: Title) -> list[str]:
    """The ways people name a title: its name, aliases, colon halves, "John Wick 4"."""
    names = [title.name, *title.aliases]
    head, _, tail = (p.strip() for p in title.name.partition(":"))
    if tail:  # "John Wick: Chapter 4" -> "Chapter 4"; "The Continental: From the World of ..."
        names.append(head if normalize(tail).startswith("from the world of") else tail)
        names += [p.strip() for p in _DASH_RE.split(tail)[1:]]  # "Chapter 3 – Parabellum"
    for number in _CHAPTER_RE.findall(title.name):
        names.append(f"Chapter {number}")
        if "john wick" in normalize(title.name):
            names.append(f"John Wick {number}")
    seen: set[frozenset[str]] = set()
    unique = []
    for name in names:
        key = frozenset(terms(name))
        if key and key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def format_release(title: Title) -> str:
    when = title.release_at
    if when is None:
        return "TBA — no date announced"
    if title.release_precision == "year":
        return f"only the year is known: {when.year}"
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def _title_facts(title: Title, cast_lines: list[str], out: bool) -> dict[str, str]:
    """`out`: the title has come out (else its crew is as announced)."""
    name = f"**{title.name}**"
    release = f"{name} ({title.kind}) — release date: {format_release(title)}."
    if title.release_note:
        note = title.release_note
        if title.release_at is None:  # "TBA: in development" after "TBA": once is enough
            release = f"{name} ({title.kind}) — release date: TBA."
            note = _TBA_RE.sub("", note)
            note = note[:1].upper() + note[1:]
        release += f" {_sentence(note)}"
    # out: the fact exists somewhere, unverified; to come: it may not exist yet
    unknown, unknown_plural = (("couldn't be verified",) * 2 if out
                               else ("isn't known yet", "aren't known yet"))
    if title.runtime_minutes:
        hours, minutes = divmod(title.runtime_minutes, 60)
        runtime = f"{name} runs {title.runtime_minutes} minutes ({hours} h {minutes:02d} min)."
    else:
        runtime = f"The runtime of {name} {unknown}."
    cast = (f"The cast of {name}:\n" + "\n".join(cast_lines) if cast_lines
            else f"No cast is listed for {name}." if out else f"No cast is listed for {name} yet.")
    return {
        "release": release,
        "director": (f"{name} is directed by {title.director}." if title.director and out
                     else f"{name} is to be directed by {title.director} (announced)."
                     if title.director else f"The director of {name} {unknown}."),
        "writers": (f"{name} is written by {join_names(title.writers)}." if title.writers and out
                    else f"{name} is being written by {join_names(title.writers)} (announced)."
                    if title.writers else f"The writers of {name} {unknown_plural}."),
        "runtime": runtime,
        "rating": (f"{name} is rated {title.rating}." if title.rating
                   else f"The age rating of {name} couldn't be verified." if out
                   else f"{name} has no age rating yet."),
        "cast": cast,
    }


def _story_places(ordered: list[Title]) -> dict[str, str]:
    """title key -> where it sits in the in-universe timeline, for titles that know: its
    note, and the nearest dated films and shows set before and after it (a game, an
    undated project or one of the same period is no landmark: "before John Wick Hex")."""
    landmarks = sorted((t for t in ordered if t.story_order is not None
                        and t.kind in _WATCHABLE and t.release_at is not None),
                       key=lambda t: t.story_order or 0)
    places = {}
    for title in ordered:
        sentence = ""
        if (order := title.story_order) is not None:
            before = [t for t in landmarks if (t.story_order or 0) < order]
            after = [t for t in landmarks if (t.story_order or 0) > order]
            around = [f"after {before[-1].name}" if before else "",
                      f"before {after[0].name}" if after else ""]
            where = " and ".join(a for a in around if a)
            sentence = f"In story order it comes {where}." if where else ""
        note = _sentence(title.story_note) if title.story_note else ""
        if note or sentence:
            places[title.key] = " ".join(p for p in (note, sentence) if p)
    return places


def _title_entries(title: Title, credits: list[Credit], story: str | None,
                   now: datetime) -> list[Entry]:
    names = title_names(title)
    cast_lines = [f"- {c.actor} as {c.character}{_marks(c)}" for c in credits]
    out = released(title, now)
    facts = _title_facts(title, cast_lines, out)
    entries = []
    for kind, question, alias_templates in _TITLE_FACTS:
        if kind in _NOT_FOR.get(title.kind, ()):
            continue
        aliases = [t.format(n=n) for n in names for t in alias_templates]
        if not out:  # "Who directed the untitled anime?" asks about what is yet to be
            question = _TO_COME.get(kind, question)
        elif kind == "release":
            question = "When did {n} come out?"
        entries.append(derived_entry(f"derived:{kind}:{title.key}",
                                     question.format(n=mid_sentence(title)), facts[kind], aliases,
                                     names))
    if title.summary:
        entries.append(derived_entry(
            f"derived:about:{title.key}", f"What is {mid_sentence(title)} about?", title.summary,
            [t.format(n=n) for n in names for t in ("what is {n} about", "{n} plot",
                                                     "{n} story")], names))
    if story:
        entries.append(derived_entry(
            f"derived:timeline:{title.key}", f"When does {mid_sentence(title)} take place?",
            f"**{title.name}**: {story}",
            [t.format(n=n) for n in names for t in ("when does {n} take place", "{n} timeline",
                                                     "where does {n} fit in the timeline",
                                                     "what year is {n} set in")],
            names))
    return entries


def _order_entry(ordered: list[Title]) -> Entry:
    lines = ["**Release order:**"]
    lines += [f"{i}. {t.name} ({year_of(t)})" for i, t in enumerate(ordered, 1)]
    story = sorted((t for t in ordered if t.story_order is not None),
                   key=lambda t: (t.story_order, t.name))
    if story:
        lines += ["", "**Story (chronological) order:**"]
        lines += [f"{i}. {t.name}" + (f" — {t.story_note}" if t.story_note else "")
                  for i, t in enumerate(story, 1)]
    question = "In what order should I watch the films and shows?"
    return derived_entry("derived:order:watch", question, "\n".join(lines),
                         ["watch order", "release order", "chronological order", "story order",
                          "what order do the films go in", "in what order were they released"])


# --- people ---------------------------------------------------------------------------
def _character_entry(name: str, credits: list[Credit], titles: dict[str, Title],
                     firsts: dict[str, int]) -> Entry:
    first = _first_name(name)
    short = first if first and firsts.get(normalize(first), 0) == 1 else None
    answer = character_roles(name, credits, titles, short) + "".join(_notes(credits, titles))
    called = [name] + ([short] if short else [])
    aka = list(dict.fromkeys(a for c in credits for a in c.aka))  # "Mr. Nobody"
    aliases = [t.format(c=c) for c in called + aka
               for t in ("who plays {c}", "who played {c}", "{c} actor", "{c} cast", "who is {c}")]
    for variant in sorted({c.variant for c in credits if c.variant}):
        aliases += [f"who plays {variant} {c}" for c in called] + [f"{variant} {called[-1]} actor"]
    for credit in credits:
        names = title_names(titles[credit.title_key])[:3]
        aliases += [f"who plays {c} in {n}" for c in (called[-1], *credit.aka) for n in names]
    return derived_entry(f"{CHARACTER_REF}{slug(name)}", f"Who plays {name}?", answer, aliases,
                         called + aka)


def character_roles(name: str, credits: list[Credit], titles: dict[str, Title],
                    short: str | None) -> str:
    """Who plays a character where, as a sentence ("**Winston Scott** is played by Ian
    McShane in ...; young Winston by Colin Woodell in ..."); `short`: their first name, if
    it names them alone."""
    clauses: list[str] = []
    for (actor, variant), group in _grouped(credits, lambda c: (c.actor, c.variant or "")).items():
        where = join_names([f"{mid_sentence(titles[c.title_key])}{' (cameo)' if c.cameo else ''}"
                            for c in group])
        if not clauses:
            verb, role = (("voiced", "") if variant == "voice"
                          else ("played", f" ({variant})" if variant else ""))
            clauses.append(f"**{name}** is {verb} by {actor}{role} in {where}")
        else:
            who = ("voiced" if variant == "voice" else f"{variant} {short or name}" if variant
                   else "also")
            clauses.append(f"{who} by {actor} in {where}")
    return "; ".join(clauses) + "."


def _notes(credits: list[Credit], titles: dict[str, Title]) -> list[str]:
    """Each credit's note as a sentence; on a line naming its title (and variant) when the
    character has several credits ("*Ballerina*: Reprises her Chapter 3 role.", "*Ballerina*,
    young: Prologue.")."""
    several = len(credits) > 1
    everywhere = [a for a in credits[0].aka if all(a in c.aka for c in credits)] if several else []
    notes: dict[str, None] = {}
    for credit in credits:
        also = [f'Also called "{a}".' for a in credit.aka if a not in everywhere]
        if credit.note or also:
            note = " ".join(([_sentence(credit.note)] if credit.note else []) + also)
            label = f"*{titles[credit.title_key].name}*" + (
                f", {credit.variant}" if credit.variant else "")
            notes.setdefault(f"\n{label}: {note}" if several else f" {note}", None)
    if everywhere:  # a name it goes by in every title, said once
        quoted = join_names([f'"{a}"' for a in everywhere])
        notes.setdefault(f"\nAlso called {quoted}.", None)
    return list(notes)


def _actor_entry(actor: str, credits: list[Credit], titles: dict[str, Title]) -> Entry:
    parts = []
    for (character, variant), group in _grouped(
            credits, lambda c: (c.character, c.variant or "")).items():
        where = join_names([f"{mid_sentence(titles[c.title_key])}{' (cameo)' if c.cameo else ''}"
                            for c in group])
        role = f"{character} ({variant})" if variant else character
        parts.append(f"{role} in {where}")
    answer = f"**{actor}** plays " + "; ".join(parts) + "."
    aliases = [t.format(a=actor) for t in (
        "who does {a} play", "who did {a} play", "what role does {a} play", "{a} role",
        "{a} character")]
    for title_key in dict.fromkeys(c.title_key for c in credits):
        for n in title_names(titles[title_key])[:3]:
            aliases += [f"who is {actor} in {n}", f"who does {actor} play in {n}"]
    return derived_entry(f"{ACTOR_REF}{slug(actor)}", f"Who does {actor} play?", answer, aliases,
                         (actor,))


def _first_name(name: str) -> str | None:
    words = name.split()
    if len(words) < 2 or normalize(words[0]) in _LEADING:
        return None
    return words[0]


def _first_name_counts(characters: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in {normalize(c) for c in characters}:
        first = _first_name(name)
        if first:
            counts[first] = counts.get(first, 0) + 1
    return counts


# --- helpers --------------------------------------------------------------------------
def _grouped(items: Iterable[Credit], key: Callable[[Credit], Any]) -> dict[Any, list[Credit]]:
    """Group by `key`, comparing names normalised; each group keeps its first spelling."""
    groups: dict[Any, list[Credit]] = {}
    names: dict[Any, Any] = {}
    for item in items:
        raw = key(item)
        norm = tuple(normalize(k) for k in raw) if isinstance(raw, tuple) else normalize(raw)
        names.setdefault(norm, raw)
        groups.setdefault(norm, []).append(item)
    return {names[norm]: group for norm, group in groups.items()}


def _marks(credit: Credit) -> str:
    marks = [m for m in (credit.variant, "cameo" if credit.cameo else None) if m]
    return f" ({', '.join(marks)})" if marks else ""


def join_names(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def credited_cast(title: Title, out: bool) -> str:
    """What the credits of a title are, named mid-sentence: "the main cast of Ballerina"; of
    one still to come (`out` false), "the cast announced so far for the untitled ..."."""
    return (f"the main cast of {mid_sentence(title)}" if out
            else f"the cast announced so far for {mid_sentence(title)}")


def released(title: Title, now: datetime) -> bool:
    """Whether a title has come out by `now` (one known only to the year: from 1 January)."""
    return title.release_at is not None and title.release_at <= now


def mid_sentence(title: Title) -> str:
    """A title's name inside a question: "Who directed the untitled John Wick anime
    prequel?", not "Who directed Untitled John Wick anime prequel?"."""
    name = title.name
    return f"the u{name[1:]}" if name.startswith("Untitled ") else name


def _sentence(text: str) -> str:
    """`text` ending like a sentence."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def year_of(title: Title) -> str:
    return str(title.release_at.year) if title.release_at else "TBA"


def slug(text: str) -> str:
    return normalize(text).replace(" ", "-") or "unnamed"


def derived_entry(ref: str, question: str, answer: str, aliases: list[str],
                  names: Sequence[str] = ()) -> Entry:
    if len(answer) > MAX_ANSWER:
        answer = answer[:MAX_ANSWER - 2].rsplit("\n", 1)[0] + "\n…"
    unique = tuple(a for a in dict.fromkeys(aliases) if a.casefold() != question.casefold())
    return Entry(ref=ref, question=question, answer=answer, aliases=unique, names=tuple(names))
