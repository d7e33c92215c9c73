"""Titles and credits, and syncing the shipped knowledge (faq_data/) into the store."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.models import Credit, Knowledge, Title
from bot.store.database import Database
from bot.store.faqs import FAQ_COLUMNS
from bot.store.releases import date_moved, title_release_ref
from bot.text import question_key
from bot.timeutil import from_db, to_db, utcnow

log = logging.getLogger(__name__)

TITLE_FIELDS = (
    "name", "kind", "aliases", "release_at", "release_precision", "release_note", "director",
    "writers", "runtime_minutes", "rating", "story_order", "story_note", "summary",
)
RELEASE_AT = TITLE_FIELDS.index("release_at")


@dataclass(frozen=True, slots=True)
class SyncReport:
    faqs_added: int
    faqs_updated: int
    faqs_removed: int
    titles_changed: int
    credits_replaced: bool


def _title_values(title: Title) -> tuple[Any, ...]:
    return (
        title.name, title.kind, json.dumps(list(title.aliases)),
        to_db(title.release_at) if title.release_at else None, title.release_precision,
        title.release_note, title.director, json.dumps(list(title.writers)),
        title.runtime_minutes, title.rating, title.story_order, title.story_note, title.summary,
    )


def _title_from_row(row: Any) -> Title:
    return Title(
        key=row["key"], name=row["name"], kind=row["kind"],
        aliases=tuple(json.loads(row["aliases"])),
        release_at=from_db(row["release_at"]) if row["release_at"] else None,
        release_precision=row["release_precision"], release_note=row["release_note"],
        director=row["director"], writers=tuple(json.loads(row["writers"])),
        runtime_minutes=row["runtime_minutes"], rating=row["rating"],
        story_order=row["story_order"], story_note=row["story_note"], summary=row["summary"],
    )


class CatalogStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def titles(self) -> list[Title]:
        rows = await self.db.fetchall("SELECT * FROM titles ORDER BY id")
        return [_title_from_row(row) for row in rows]

    async def credits(self) -> list[Credit]:
        rows = await self.db.fetchall(
            """SELECT t.key AS title_key, c.* FROM credits c JOIN titles t ON t.id = c.title_id
               ORDER BY t.id, c.position, c.id""")
        return [
            Credit(title_key=row["title_key"], actor=row["actor"], character=row["character"],
                   variant=row["variant"], cameo=bool(row["cameo"]), note=row["note"],
                   position=row["position"], aka=tuple(json.loads(row["aka"])))
            for row in rows
        ]

    async def sync(self, knowledge: Knowledge) -> SyncReport:
        """Make the shipped layer match faq_data/, in one transaction.

        Keyed by stable ids, so running it again changes nothing. Guild edits live
        in their own override rows, so updating a shipped row never touches them.
        """
        async with self.db.transaction() as conn:
            added, updated, removed = await _sync_faqs(conn, knowledge)
            titles_changed = await _sync_titles(conn, knowledge.titles)
            credits_replaced = await _sync_credits(conn, knowledge.credits)
        report = SyncReport(added, updated, removed, titles_changed, credits_replaced)
        log.info("knowledge synced: %s", report)
        return report


async def _sync_faqs(conn: aiosqlite.Connection, knowledge: Knowledge) -> tuple[int, int, int]:
    async with conn.execute(
        f"SELECT {FAQ_COLUMNS} FROM faqs f WHERE f.guild_id IS NULL") as cursor:
        rows = list(await cursor.fetchall())
    by_key = {row["shipped_key"]: row for row in rows if row["shipped_key"]}
    # a keyless shipped row (from a CLI import) with the same question is adopted, not duplicated
    keyless = {question_key(row["question"]): row for row in rows if not row["shipped_key"]}
    now = to_db(utcnow())
    added = updated = 0
    for key, draft in knowledge.faqs.items():
        values = (draft.question, question_key(draft.question), draft.answer,
                  json.dumps(list(draft.aliases)), json.dumps(list(draft.tags)))
        row = by_key.get(key) or keyless.get(question_key(draft.question))
        if row is None:
            await conn.execute(
                """INSERT INTO faqs (shipped_key, question, question_norm, answer, aliases, tags,
                                     created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (key, *values, now, now))
            added += 1
        elif (row["shipped_key"], row["question"], row["answer"], row["aliases"], row["tags"]) != (
                key, values[0], values[2], values[3], values[4]):
            await conn.execute(
                """UPDATE faqs SET shipped_key = ?, question = ?, question_norm = ?, answer = ?,
                                   aliases = ?, tags = ?, updated_at = ? WHERE id = ?""",
                (key, *values, now, row["id"]))
            updated += 1
    gone = [row["id"] for key, row in by_key.items() if key not in knowledge.faqs]
    for faq_id in gone:  # overrides of it become plain guild FAQs (ON DELETE SET NULL)
        await conn.execute("DELETE FROM faqs WHERE id = ?", (faq_id,))
    return added, updated, len(gone)


async def _sync_titles(conn: aiosqlite.Connection, titles: list[Title]) -> int:
    async with conn.execute("SELECT * FROM titles") as cursor:
        existing = {row["key"]: row for row in await cursor.fetchall()}
    changed = 0
    for title in titles:
        values = _title_values(title)
        row = existing.get(title.key)
        if row is not None and tuple(row[name] for name in TITLE_FIELDS) == values:
            continue
        if row is not None and row["release_at"] != values[RELEASE_AT]:
            await date_moved(conn, title_release_ref(title.key), title.release_at)
        columns = ", ".join(TITLE_FIELDS)
        updates = ", ".join(f"{name} = excluded.{name}" for name in TITLE_FIELDS)
        await conn.execute(
            f"""INSERT INTO titles (key, {columns}) VALUES ({", ".join("?" * (len(values) + 1))})
                ON CONFLICT (key) DO UPDATE SET {updates}""",
            (title.key, *values))
        changed += 1
    wanted = {title.key for title in titles}
    for key in existing.keys() - wanted:
        await conn.execute("DELETE FROM titles WHERE key = ?", (key,))
        changed += 1
    return changed


async def _sync_credits(conn: aiosqlite.Connection, credits: list[Credit]) -> bool:
    """Credits carry no guild data, so they are replaced wholesale, but only when they differ."""
    async with conn.execute(
        """SELECT t.key, c.actor, c.character, c.variant, c.cameo, c.note, c.position, c.aka
           FROM credits c JOIN titles t ON t.id = c.title_id ORDER BY t.key, c.position""") as cur:
        current = [tuple(row) for row in await cur.fetchall()]
    wanted = sorted(
        (c.title_key, c.actor, c.character, c.variant, int(c.cameo), c.note, c.position,
         json.dumps(list(c.aka)))
        for c in credits)
    if sorted(current) == wanted:
        return False
    await conn.execute("DELETE FROM credits")
    for key, actor, character, variant, cameo, note, position, aka in wanted:
        await conn.execute(
            """INSERT INTO credits (title_id, actor, character, variant, cameo, note, position, aka)
               SELECT id, ?, ?, ?, ?, ?, ?, ? FROM titles WHERE key = ?""",
            (actor, character, variant, cameo, note, position, aka, key))
    return True
