"""Questions that got no confident answer: normalised text, count, first/last asked, best
score, the suggestions members picked after them, and the confident answers askers said were
not it."""

from __future__ import annotations

from collections import defaultdict

from bot.models import NotedFaq, UnansweredQuestion
from bot.store.database import Database
from bot.store.faqs import usage_guild, visible_to
from bot.timeutil import from_db, to_db, utcnow

# note an FAQ beside a listed miss (nothing for a miss no longer listed, or an FAQ gone);
# {table}: unanswered_picks or unanswered_not_it, which have the same columns
_NOTE = """INSERT INTO {table} (guild_id, query_norm, faq_id)
           SELECT guild_id, query_norm, ? FROM unanswered
           WHERE guild_id = ? AND query_norm = ? AND EXISTS (SELECT 1 FROM faqs WHERE id = ?)
           ON CONFLICT (guild_id, query_norm, faq_id) DO UPDATE SET count = count + 1"""


class UnansweredStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def log(self, guild_id: int | None, query_norm: str, sample: str, best_score: float,
                  *, not_it: int | None = None) -> None:
        """A question that got no confident answer; `not_it`: the FAQ it got confidently,
        which the asker said was not what they asked (noted beside the miss)."""
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
            if not_it is not None:
                await conn.execute(_NOTE.format(table="unanswered_not_it"),
                                   (not_it, usage_guild(guild_id), query_norm, not_it))

    async def record_pick(self, guild_id: int, query_norm: str, faq_id: int) -> None:
        """A member picked FAQ `faq_id` among the suggestions for a logged miss. Nothing is
        noted for a miss no longer listed (answered or dismissed meanwhile)."""
        async with self.db.transaction() as conn:
            await conn.execute(_NOTE.format(table="unanswered_picks"),
                               (faq_id, guild_id, query_norm, faq_id))

    async def top(self, guild_id: int | None, limit: int = 10) -> list[UnansweredQuestion]:
        guild = usage_guild(guild_id)
        rows = await self.db.fetchall(
            """SELECT * FROM unanswered WHERE guild_id = ?
               ORDER BY count DESC, last_asked DESC LIMIT ?""",
            (guild, limit),
        )
        queries = [row["query_norm"] for row in rows]
        picks = await self._noted("unanswered_picks", guild, queries)
        not_it = await self._noted("unanswered_not_it", guild, queries)
        return [
            UnansweredQuestion(
                guild_id=row["guild_id"] or None, query_norm=row["query_norm"],
                sample=row["sample"], count=row["count"],
                first_asked=from_db(row["first_asked"]), last_asked=from_db(row["last_asked"]),
                best_score=row["best_score"], picks=tuple(picks[row["query_norm"]]),
                not_it=tuple(not_it[row["query_norm"]]),
            )
            for row in rows
        ]

    async def _noted(self, table: str, guild: int, queries: list[str],
                     ) -> defaultdict[str, list[NotedFaq]]:
        """The FAQs noted beside each of `queries` in `table` (unanswered_picks or
        unanswered_not_it), most often first."""
        found: defaultdict[str, list[NotedFaq]] = defaultdict(list)
        if not queries:
            return found
        # a pick of a shipped FAQ the guild replaced counts for its own version (with the
        # picks made since); the FAQ must be one the guild sees (not hidden since)
        visible, params = visible_to(guild)
        keys = {f"q{n}": query for n, query in enumerate(queries)}
        rows = await self.db.fetchall(
            f"""SELECT p.query_norm, f.id AS faq_id, f.question, sum(p.count) AS count
                FROM {table} p
                LEFT JOIN faqs own ON own.guild_id = p.guild_id AND own.overrides_id = p.faq_id
                JOIN faqs f ON f.id = coalesce(own.id, p.faq_id)
                WHERE p.guild_id = :guild AND p.query_norm IN ({", ".join(f":{k}" for k in keys)})
                  AND {visible}
                GROUP BY p.query_norm, f.id
                ORDER BY count DESC, faq_id""",
            {**params, **keys},
        )
        for row in rows:
            found[row["query_norm"]].append(NotedFaq(row["faq_id"], row["question"], row["count"]))
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
