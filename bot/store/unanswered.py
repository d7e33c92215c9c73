"""Questions that got no confident answer: normalised text, count, first/last asked, best score."""

from __future__ import annotations

from bot.models import UnansweredQuestion
from bot.store.database import Database
from bot.store.faqs import usage_guild
from bot.timeutil import from_db, to_db, utcnow


class UnansweredStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def log(self, guild_id: int | None, query_norm: str, sample: str, best_score: float) -> None:
        if not query_norm:
            return
        now = to_db(utcnow())
        async with self.db.transaction() as conn:
            await conn.execute(
                """INSERT INTO unanswered (guild_id, query_norm, sample, count, first_asked,
                                           last_asked, best_score)
                   VALUES (?, ?, ?, 1, ?, ?, ?)
                   ON CONFLICT (guild_id, query_norm) DO UPDATE
                   SET count = count + 1, last_asked = excluded.last_asked,
                       sample = excluded.sample,
                       best_score = max(best_score, excluded.best_score)""",
                (usage_guild(guild_id), query_norm, sample[:200], now, now, round(best_score, 1)),
            )

    async def top(self, guild_id: int | None, limit: int = 10) -> list[UnansweredQuestion]:
        rows = await self.db.fetchall(
            """SELECT * FROM unanswered WHERE guild_id = ?
               ORDER BY count DESC, last_asked DESC LIMIT ?""",
            (usage_guild(guild_id), limit),
        )
        return [
            UnansweredQuestion(
                guild_id=row["guild_id"] or None, query_norm=row["query_norm"],
                sample=row["sample"], count=row["count"],
                first_asked=from_db(row["first_asked"]), last_asked=from_db(row["last_asked"]),
                best_score=row["best_score"],
            )
            for row in rows
        ]

    async def resolve(self, guild_id: int | None, query_norm: str) -> None:
        """Forget a miss once an admin has answered it."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM unanswered WHERE guild_id = ? AND query_norm = ?",
                (usage_guild(guild_id), query_norm),
            )
