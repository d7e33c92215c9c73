"""FAQ rows: the shipped layer, each guild's own FAQs, overrides, hidden shipped FAQs, usage."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.errors import DuplicateFaq, FaqNotFound, FaqNotHidden, FieldProblem, InvalidFaq, RestoreBlocked
from bot.models import Faq, FaqDraft
from bot.store.database import Database
from bot.text import question_key
from bot.timeutil import to_db, utcnow

SHIPPED_FROM_FILES = ("is a shipped FAQ, which comes from faq_data/: change it there (or import "
                      "it with --guild to change it for one server)")
FAQ_COLUMNS = "f.id, f.guild_id, f.shipped_key, f.overrides_id, f.question, f.answer, f.aliases, f.tags"

# The shipped rows a guild (:guild) hid, with its use counts.
HIDDEN_ROWS = f"""SELECT {FAQ_COLUMNS}, ifnull(u.uses, 0) AS uses FROM faqs f
    JOIN hidden_faqs h ON h.faq_id = f.id AND h.guild_id = :guild
    LEFT JOIN faq_usage u ON u.faq_id = f.id AND u.guild_id = :guild"""

# Shipped rows this guild neither hid nor replaced with its own version.
VISIBLE_SHIPPED = """
    f.guild_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM hidden_faqs h WHERE h.guild_id = :guild AND h.faq_id = f.id)
    AND NOT EXISTS (SELECT 1 FROM faqs o WHERE o.guild_id = :guild AND o.overrides_id = f.id)
"""

# Undo one use (guild, faq): the answer counted was not what was asked.
TAKE_BACK_USE = "UPDATE faq_usage SET uses = uses - 1 WHERE guild_id = ? AND faq_id = ? AND uses > 0"


def visible_to(guild_id: int | None) -> tuple[str, dict[str, int]]:
    """The WHERE condition for the FAQs a guild sees (shipped + its own), and its parameters."""
    own = "OR f.guild_id = :guild" if guild_id is not None else ""
    return f"(({VISIBLE_SHIPPED}) {own})", {"guild": guild_id if guild_id is not None else -1}


def usage_guild(guild_id: int | None) -> int:
    """faq_usage and unanswered key DMs and the CLI as guild 0."""
    return guild_id or 0


def faq_from_row(row: Any, uses: int = 0) -> Faq:
    return Faq(
        id=row["id"],
        question=row["question"],
        answer=row["answer"],
        aliases=tuple(json.loads(row["aliases"])),
        tags=tuple(json.loads(row["tags"])),
        guild_id=row["guild_id"],
        shipped_key=row["shipped_key"],
        overrides_id=row["overrides_id"],
        uses=uses,
    )


@dataclass(slots=True)
class ImportResult:
    created: list[Faq] = field(default_factory=list)
    updated: list[Faq] = field(default_factory=list)
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class EditResult:
    faq: Faq
    replaced_id: int | None  # the id whose entry the new row replaces in this guild's view


class FaqStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def visible(self, guild_id: int | None) -> list[Faq]:
        """What a guild sees: shipped FAQs minus hidden and overridden ones, plus its own."""
        condition, params = visible_to(guild_id)
        rows = await self.db.fetchall(
            f"""SELECT {FAQ_COLUMNS}, ifnull(u.uses, 0) AS uses FROM faqs f
                LEFT JOIN faq_usage u ON u.faq_id = f.id AND u.guild_id = :usage
                WHERE {condition}
                ORDER BY f.id""",
            {**params, "usage": usage_guild(guild_id)},
        )
        return [faq_from_row(row, row["uses"]) for row in rows]

    async def get_visible(self, guild_id: int | None, faq_id: int) -> Faq:
        condition, params = visible_to(guild_id)
        row = await self.db.fetchone(
            f"""SELECT {FAQ_COLUMNS}, ifnull(u.uses, 0) AS uses FROM faqs f
                LEFT JOIN faq_usage u ON u.faq_id = f.id AND u.guild_id = :usage
                WHERE f.id = :id AND {condition}""",
            {**params, "id": faq_id, "usage": usage_guild(guild_id)},
        )
        if row is None:
            raise FaqNotFound(faq_id)
        return faq_from_row(row, row["uses"])

    async def replaced_questions(self, guild_id: int | None) -> set[str]:
        """The question keys (`question_key`) of the shipped FAQs a guild hid or replaced
        with its own version."""
        if guild_id is None:
            return set()
        rows = await self.db.fetchall(
            f"SELECT f.question_norm FROM faqs f WHERE f.guild_id IS NULL AND NOT ({VISIBLE_SHIPPED})",
            {"guild": guild_id})
        return {row["question_norm"] for row in rows}

    async def own_version(self, guild_id: int, faq_id: int) -> int | None:
        """The id of the guild's own version of shipped FAQ `faq_id`, if it replaced it."""
        row = await self.db.fetchone(
            "SELECT id FROM faqs WHERE guild_id = ? AND overrides_id = ?", (guild_id, faq_id))
        return int(row[0]) if row else None

    async def hidden(self, guild_id: int) -> list[Faq]:
        """The shipped FAQs a guild hid, the latest hidden first, with the guild's use counts."""
        rows = await self.db.fetchall(f"{HIDDEN_ROWS} ORDER BY h.hidden_at DESC, f.id",
                                      {"guild": guild_id})
        return [faq_from_row(row, row["uses"]) for row in rows]

    async def unhide(self, guild_id: int, faq_id: int) -> Faq:
        """Show a shipped FAQ the guild hid again; refused while the guild has an FAQ of its
        own asking the same question (two answers to one question would be a duplicate)."""
        async with self.db.transaction() as conn:
            async with conn.execute(f"{HIDDEN_ROWS} WHERE f.id = :id",
                                    {"guild": guild_id, "id": faq_id}) as cursor:
                row = await cursor.fetchone()
            if row is None:
                raise FaqNotHidden()
            if await self._visible_question_id(conn, guild_id, row["question"]) is not None:
                raise RestoreBlocked(row["question"])
            await conn.execute("DELETE FROM hidden_faqs WHERE guild_id = ? AND faq_id = ?",
                               (guild_id, faq_id))
        return faq_from_row(row, row["uses"])

    async def layer(self, guild_id: int | None) -> list[Faq]:
        """The rows a layer owns: the shipped layer, or a guild's own FAQs and overrides."""
        if guild_id is None:
            rows = await self.db.fetchall(
                f"SELECT {FAQ_COLUMNS} FROM faqs f WHERE f.guild_id IS NULL ORDER BY f.id")
        else:
            rows = await self.db.fetchall(
                f"SELECT {FAQ_COLUMNS} FROM faqs f WHERE f.guild_id = ? ORDER BY f.id", (guild_id,))
        return [faq_from_row(row) for row in rows]

    async def add(self, guild_id: int | None, draft: FaqDraft) -> Faq:
        async with self.db.transaction() as conn:
            if await self._visible_question_id(conn, guild_id, draft.question) is not None:
                raise DuplicateFaq(draft.question)
            return await self._insert(conn, guild_id, draft)

    async def edit(self, guild_id: int | None, faq_id: int, draft: FaqDraft) -> EditResult:
        """Edit a guild's own FAQ in place; editing a shipped FAQ creates the guild's override."""
        current = await self.get_visible(guild_id, faq_id)
        async with self.db.transaction() as conn:
            clash = await self._visible_question_id(conn, guild_id, draft.question)
            if clash is not None and clash != faq_id:
                raise DuplicateFaq(draft.question)
            if current.guild_id == guild_id:
                await self._update(conn, faq_id, draft)
                row = await _fetch_row(conn, faq_id)
                return EditResult(faq_from_row(row, current.uses), faq_id)
            faq = await self._insert(conn, guild_id, draft, overrides_id=faq_id)
            return EditResult(faq, faq_id)

    async def remove(self, guild_id: int | None, faq_id: int) -> Faq:
        """Delete a guild's own FAQ; a shipped one (or an override's original) is hidden instead."""
        current = await self.get_visible(guild_id, faq_id)
        async with self.db.transaction() as conn:
            if current.is_shipped and guild_id is not None:
                await _hide(conn, guild_id, faq_id)
            else:
                await conn.execute("DELETE FROM faqs WHERE id = ?", (faq_id,))
                if current.overrides_id is not None and guild_id is not None:
                    await _hide(conn, guild_id, current.overrides_id)
        return current

    async def upsert_many(self, guild_id: int | None, drafts: Sequence[FaqDraft]) -> ImportResult:
        """Import: upsert keyed by question (case/space-insensitive), all in one transaction."""
        result = ImportResult()
        frozen: list[FieldProblem] = []
        async with self.db.transaction() as conn:
            # one read of the guild's questions, not one query per entry: big imports stay fast
            visible = await self._visible_question_ids(conn, guild_id)
            for index, draft in enumerate(drafts):
                key = question_key(draft.question)
                existing_id = visible.get(key)
                if existing_id is None:
                    created = await self._insert(conn, guild_id, draft)
                    visible[key] = created.id
                    result.created.append(created)
                    continue
                row = await _fetch_row(conn, existing_id)
                if _same(row, draft):
                    result.unchanged += 1
                elif guild_id is None and row["shipped_key"] is not None:
                    # faq_data/ is synced into the shipped layer at every start: such a change
                    # would be undone, so it is refused (and the whole import with it)
                    frozen.append(FieldProblem("question", SHIPPED_FROM_FILES, index))
                elif row["guild_id"] == guild_id:
                    await self._update(conn, existing_id, draft)
                    result.updated.append(faq_from_row(await _fetch_row(conn, existing_id)))
                else:  # a shipped FAQ this guild now words its own way
                    result.updated.append(
                        await self._insert(conn, guild_id, draft, overrides_id=existing_id))
            if frozen:
                raise InvalidFaq(frozen)  # rolls the transaction back: nothing was written
        return result

    async def record_use(self, guild_id: int | None, faq_id: int) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                """INSERT INTO faq_usage (guild_id, faq_id, uses, last_used) VALUES (?, ?, 1, ?)
                   ON CONFLICT (guild_id, faq_id) DO UPDATE
                   SET uses = uses + 1, last_used = excluded.last_used""",
                (usage_guild(guild_id), faq_id, to_db(utcnow())),
            )

    async def take_back_use(self, guild_id: int | None, faq_id: int) -> None:
        """Undo one `record_use`: the answer turned out not to be what was asked."""
        async with self.db.transaction() as conn:
            await conn.execute(TAKE_BACK_USE, (usage_guild(guild_id), faq_id))

    async def count(self) -> int:
        row = await self.db.fetchone("SELECT count(*) FROM faqs")
        return int(row[0]) if row else 0

    async def _visible_question_ids(
        self, conn: aiosqlite.Connection, guild_id: int | None
    ) -> dict[str, int]:
        """question key -> id of every FAQ this guild sees (its own rows win over shipped ones)."""
        condition, params = visible_to(guild_id)
        async with conn.execute(
            f"""SELECT f.question_norm, f.id FROM faqs f WHERE {condition}
                ORDER BY f.guild_id IS NOT NULL""",
            params,
        ) as cursor:
            return {row[0]: int(row[1]) for row in await cursor.fetchall()}

    async def _visible_question_id(
        self, conn: aiosqlite.Connection, guild_id: int | None, question: str
    ) -> int | None:
        """The id of the FAQ this guild sees under that question, if any."""
        condition, params = visible_to(guild_id)
        async with conn.execute(
            f"""SELECT f.id FROM faqs f WHERE f.question_norm = :norm AND {condition}
                ORDER BY f.guild_id IS NULL LIMIT 1""",
            {**params, "norm": question_key(question)},
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def _insert(
        self, conn: aiosqlite.Connection, guild_id: int | None, draft: FaqDraft,
        *, overrides_id: int | None = None, shipped_key: str | None = None,
    ) -> Faq:
        now = to_db(utcnow())
        try:
            cursor = await conn.execute(
                """INSERT INTO faqs (guild_id, shipped_key, overrides_id, question, question_norm,
                                     answer, aliases, tags, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (guild_id, shipped_key, overrides_id, draft.question, question_key(draft.question),
                 draft.answer, json.dumps(list(draft.aliases)), json.dumps(list(draft.tags)),
                 now, now),
            )
        except sqlite3.IntegrityError as error:
            raise _integrity(error, draft) from error
        assert cursor.lastrowid is not None
        return faq_from_row(await _fetch_row(conn, cursor.lastrowid))

    async def _update(self, conn: aiosqlite.Connection, faq_id: int, draft: FaqDraft) -> None:
        try:
            await conn.execute(
                """UPDATE faqs SET question = ?, question_norm = ?, answer = ?, aliases = ?,
                                   tags = ?, updated_at = ? WHERE id = ?""",
                (draft.question, question_key(draft.question), draft.answer,
                 json.dumps(list(draft.aliases)), json.dumps(list(draft.tags)),
                 to_db(utcnow()), faq_id),
            )
        except sqlite3.IntegrityError as error:
            raise _integrity(error, draft) from error


async def _fetch_row(conn: aiosqlite.Connection, faq_id: int) -> Any:
    async with conn.execute(f"SELECT {FAQ_COLUMNS} FROM faqs f WHERE f.id = ?", (faq_id,)) as cur:
        row = await cur.fetchone()
    if row is None:
        raise FaqNotFound(faq_id)
    return row


async def _hide(conn: aiosqlite.Connection, guild_id: int, faq_id: int) -> None:
    await conn.execute(
        "INSERT OR IGNORE INTO hidden_faqs (guild_id, faq_id, hidden_at) VALUES (?, ?, ?)",
        (guild_id, faq_id, to_db(utcnow())),
    )


def _integrity(error: sqlite3.IntegrityError, draft: FaqDraft) -> Exception:
    """A UNIQUE clash is the user's duplicate; any other constraint is a bug and stays one."""
    return DuplicateFaq(draft.question) if "UNIQUE" in str(error) else error


def _same(row: Any, draft: FaqDraft) -> bool:
    return (
        row["question"] == draft.question
        and row["answer"] == draft.answer
        and tuple(json.loads(row["aliases"])) == draft.aliases
        and tuple(json.loads(row["tags"])) == draft.tags
    )
