"""Reads the shipped knowledge in faq_data/ (TOML) and checks it against the exchange limits.

Loading into the store is `CatalogStore.sync`, keyed by the stable keys in the files.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.errors import ConciergeError, FieldProblem
from bot.exchange import validate_entry
from bot.models import Credit, Knowledge, Title
from bot.text import normalize, question_key

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "faq_data"
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TITLE_KINDS = {"film", "series", "game", "comic", "anime"}


class KnowledgeError(ConciergeError):
    """faq_data/ is malformed; the message names the file, entry and field."""


def load_knowledge(data_dir: Path = DEFAULT_DATA_DIR) -> Knowledge:
    problems: list[str] = []
    knowledge = Knowledge()
    _load_faqs(_read(data_dir / "faqs.toml", "faq"), knowledge, problems)
    _load_titles(_read(data_dir / "titles.toml", "title"), knowledge, problems)
    _load_credits(_read(data_dir / "credits.toml", "credit"), knowledge, problems)
    if problems:
        raise KnowledgeError("faq_data/ has problems: " + "; ".join(problems[:20]))
    return knowledge


def _read(path: Path, table: str) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise KnowledgeError(f"{path} is missing.") from None
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError(f"{path.name}: {error}") from None
    entries = document.get(table, [])
    if not isinstance(entries, list):
        raise KnowledgeError(f"{path.name}: expected [[{table}]] tables")
    return entries


def _load_faqs(entries: list[dict[str, Any]], knowledge: Knowledge, problems: list[str]) -> None:
    seen_phrases: dict[str, str] = {}
    for index, entry in enumerate(entries):
        key = entry.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.append(f"faqs.toml entry {index}: key must be a lowercase slug")
            continue
        if key in knowledge.faqs:
            problems.append(f"faqs.toml: key {key!r} is used twice")
            continue
        draft, entry_problems = validate_entry(
            entry.get("question"), entry.get("answer"), entry.get("aliases"), entry.get("tags"),
            index=index)
        problems += [f"faqs.toml {key}: {problem.field}: {problem.problem}"
                     for problem in entry_problems]
        if draft is None:
            continue
        for phrase in (draft.question, *draft.aliases):
            norm = question_key(phrase)
            if norm in seen_phrases and seen_phrases[norm] != key:
                problems.append(
                    f"faqs.toml {key}: {phrase!r} is already a question or alias of {seen_phrases[norm]}")
            seen_phrases[norm] = key
        knowledge.faqs[key] = draft


def _release_at(entry: dict[str, Any], name: str, problems: list[str]) -> tuple[datetime | None, str]:
    released = entry.get("release_date")
    year = entry.get("release_year")
    if isinstance(released, date):
        # shipped dates are calendar days; midnight UTC is the instant used for countdowns
        return datetime(released.year, released.month, released.day, tzinfo=UTC), "day"
    if isinstance(year, int):
        return datetime(year, 1, 1, tzinfo=UTC), "year"
    if released is not None or year is not None:
        problems.append(f"titles.toml {name}: release_date must be a TOML date, release_year an int")
    return None, "day"


def _strings(entry: dict[str, Any], field: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    return tuple(value) if isinstance(value, list) else ()


def _load_titles(entries: list[dict[str, Any]], knowledge: Knowledge, problems: list[str]) -> None:
    keys: set[str] = set()
    for index, entry in enumerate(entries):
        key, name, kind = entry.get("key"), entry.get("name"), entry.get("kind")
        if not isinstance(key, str) or not KEY_PATTERN.match(key) or key in keys:
            problems.append(f"titles.toml entry {index}: key missing, malformed or repeated")
            continue
        if not isinstance(name, str) or not name or kind not in TITLE_KINDS:
            problems.append(f"titles.toml {key}: needs a name and a kind in {sorted(TITLE_KINDS)}")
            continue
        keys.add(key)
        release_at, precision = _release_at(entry, key, problems)
        knowledge.titles.append(Title(
            key=key, name=name, kind=kind, aliases=_strings(entry, "aliases"),
            release_at=release_at, release_precision=precision,
            release_note=entry.get("release_note"), director=entry.get("director"),
            writers=_strings(entry, "writers"), runtime_minutes=entry.get("runtime_minutes"),
            rating=entry.get("rating"), story_order=entry.get("story_order"),
            story_note=entry.get("story_note"), summary=entry.get("summary"),
        ))


def _load_credits(entries: list[dict[str, Any]], knowledge: Knowledge, problems: list[str]) -> None:
    title_keys = {title.key for title in knowledge.titles}
    positions: dict[str, int] = {}
    seen: set[tuple[str, str, str]] = set()
    for index, entry in enumerate(entries):
        title, actor, character = entry.get("title"), entry.get("actor"), entry.get("character")
        if title not in title_keys:
            problems.append(f"credits.toml entry {index}: unknown title {title!r}")
            continue
        if not isinstance(actor, str) or not actor or not isinstance(character, str) or not character:
            problems.append(f"credits.toml entry {index}: needs actor and character")
            continue
        if (title, actor, character) in seen:
            problems.append(f"credits.toml entry {index}: repeats {actor} as {character} in {title}")
            continue
        aka = entry.get("aka", [])
        if not isinstance(aka, list) or not all(isinstance(a, str) and a.strip() for a in aka):
            problems.append(f"credits.toml entry {index}: aka must be a list of names")
            continue
        seen.add((title, actor, character))
        positions[title] = positions.get(title, 0) + 1
        knowledge.credits.append(Credit(
            title_key=title, actor=actor, character=character, variant=entry.get("variant"),
            cameo=bool(entry.get("cameo", False)), note=entry.get("note"),
            position=positions[title], aka=tuple(a.strip() for a in aka),
        ))
    _check_aka(knowledge.credits, problems)


def _check_aka(credits: list[Credit], problems: list[str]) -> None:
    """An other name must be nobody's own name (its character's included) nor another
    character's other name: asked for by it, which one would it be?"""
    names = {normalize(c.character): c.character for c in credits}
    owners: dict[str, str] = {}
    for credit in credits:
        for aka in credit.aka:
            key = normalize(aka)
            if key in names:
                problems.append(f"credits.toml: {credit.character}'s aka {aka!r} is the name of "
                                f"{names[key]}")
            elif owners.setdefault(key, credit.character) != credit.character:
                problems.append(f"credits.toml: aka {aka!r} is given to both {owners[key]} and "
                                f"{credit.character}")


__all__ = ["DEFAULT_DATA_DIR", "FieldProblem", "KnowledgeError", "load_knowledge"]
