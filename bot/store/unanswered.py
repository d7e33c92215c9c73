"""Questions that got no confident answer: normalised text, count, first/last asked, best
score, and the suggestions members picked after them."""

from __future__ import annotations

from collections import defaultdict

from bot.models import PickedFaq, UnansweredQuestion
from bot.store.database import Database
from bot.store.faqs import usage_guild, visible_to
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

    async def record_pick(self, guild_id: int, query_norm: str, faq_id: int) -> None:
        """A member picked FAQ `faq_id` among the suggestions for a logged miss. Nothing is
        noted for a miss no longer listed (answered or dismissed meanwhile)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                """INSERT INTO unanswered_picks (guild_id, query_norm, faq_id)
                   SELECT guild_id, query_norm, ? FROM unanswered
                   WHERE guild_id = ? AND query_norm = ? AND EXISTS (SELECT 1 FROM faqs WHERE id = ?)
                   ON CONFLICT (guild_id, query_norm, faq_id) DO UPDATE SET count = count + 1""",
                (faq_id, guild_id, query_norm, faq_id),
            )

    async def top(self, guild_id: int | None, limit: int = 10) -> list[UnansweredQuestion]:
        guild = usage_guild(guild_id)
        rows = await self.db.fetchall(
            """SELECT * FROM unanswered WHERE guild_id = ?
               ORDER BY count DESC, last_asked DESC LIMIT ?""",
            (guild, limit),
        )
        picks = await self._picks(guild, [row["query_norm"] for row in rows])
        return [
            UnansweredQuestion(
                guild_id=row["guild_id"] or None, query_norm=row["query_norm"],
                sample=row["sample"], count=row["count"],
                first_asked=from_db(row["first_asked"]), last_asked=from_db(row["last_asked"]),
                best_score=row["best_score"], picks=tuple(picks[row["query_norm"]]),
            )
            for row in rows
        ]

    async def _picks(self, guild: int, queries: list[str]) -> defaultdict[str, list[PickedFaq]]:
        """The picks after each of `queries`, most picked first."""
        found: defaultdict[str, list[PickedFaq]] = defaultdict(list)
        if not queries:
            return found
        # a pick of a shipped FAQ the guild replaced counts for its own version (with the
        # picks made since); the FAQ must be one the guild sees (not hidden since)
        visible, params = visible_to(guild)
        keys = {f"q{n}": query for n, query in enumerate(queries)}
        rows = await self.db.fetchall(
            f"""SELECT p.query_norm, f.id AS faq_id, f.question, sum(p.count) AS count
                FROM unanswered_picks p
                LEFT JOIN faqs own ON own.guild_id = p.guild_id AND own.overrides_id = p.faq_id
                JOIN faqs f ON f.id = coalesce(own.id, p.faq_id)
                WHERE p.guild_id = :guild AND p.query_norm IN ({", ".join(f":{k}" for k in keys)})
                  AND {visible}
                GROUP BY p.query_norm, f.id
                ORDER BY count DESC, faq_id""",
            {**params, **keys},
        )
        for row in rows:
            found[row["query_norm"]].append(PickedFaq(row["faq_id"], row["question"], row["count"]))
        return found

    async def listed(self, guild_id: int | None, query_norm: str) -> bool:
        """Whether a miss is still waiting for a manager (not answered or dismissed)."""
        return await self.db.fetchone(
            "SELECT 1 FROM unanswered WHERE guild_id = ? AND query_norm = ?",
            (usage_guild(guild_id), query_norm)) is not None

    async def resolve(self, guild_id: int | None, query_norm: str) -> None:
        """Forget a miss once an admin has answered or dismissed it, and its picks."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM unanswered WHERE guild_id = ? AND query_norm = ?",
                (usage_guild(guild_id), query_norm),
            )
