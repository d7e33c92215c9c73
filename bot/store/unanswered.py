"""Questions that got no confident answer: normalised text, count, first/last asked, best
score, the suggestions members picked after them, and the confident answers askers said were
not it."""

from __future__ import annotations

from collections import defaultdict

from bot.models import NotedAnswer, NotedFaq, UnansweredQuestion
from bot.store.database import Database
from bot.store.faqs import TAKE_BACK_USE, usage_guild, visible_to
from bot.timeutil import from_db, to_db, utcnow

# a pick beside a listed miss (nothing for a miss no longer listed, or an FAQ gone)
_PICK = """INSERT INTO unanswered_picks (guild_id, query_norm, faq_id)
           SELECT guild_id, query_norm, ? FROM unanswered
           WHERE guild_id = ? AND query_norm = ? AND EXISTS (SELECT 1 FROM faqs WHERE id = ?)
           ON CONFLICT (guild_id, query_norm, faq_id) DO UPDATE SET count = count + 1"""
# a question without a confident answer, counted
_MISS = """INSERT INTO unanswered (guild_id, query_norm, sample, count, first_asked, last_asked,
                                    best_score)
           VALUES (?, ?, ?, 1, ?, ?, ?)
           ON CONFLICT (guild_id, query_norm) DO UPDATE
           SET count = count + 1, last_asked = excluded.last_asked, sample = excluded.sample,
               best_score = max(best_score, excluded.best_score)"""
# an answer said to be not it, beside the miss just logged (a stored FAQ's only if it exists)
_NOT_IT = """INSERT INTO unanswered_not_it (guild_id, query_norm, ref, question, faq_id)
             SELECT guild_id, query_norm, :ref, :question, :faq FROM unanswered
             WHERE guild_id = :guild AND query_norm = :query
               AND (:faq IS NULL OR EXISTS (SELECT 1 FROM faqs WHERE id = :faq))
             ON CONFLICT (guild_id, query_norm, ref) DO UPDATE
             SET count = count + 1, question = excluded.question"""


class UnansweredStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def log(self, guild_id: int | None, query_norm: str, sample: str, best_score: float,
                  *, not_it: NotedAnswer | None = None) -> None:
        """A question that got no confident answer; `not_it`: the answer it got confidently,
        which the asker said was not what they asked (noted beside the miss, and the use
        counted for it taken back, in the same transaction; its `count` is not read)."""
        if not query_norm and not_it is None:
            return
        now = to_db(utcnow())
        async with self.db.transaction() as conn:
            if query_norm:  # a question with no words is no miss, but its use goes back
                await conn.execute(_MISS, (usage_guild(guild_id), query_norm, sample[:200], now,
                                           now, round(best_score, 1)))
            if not_it is not None:
                await conn.execute(_NOT_IT, {
                    "ref": not_it.ref, "question": not_it.question, "faq": not_it.faq_id,
                    "guild": usage_guild(guild_id), "query": query_norm})
                if not_it.faq_id is not None:
                    await conn.execute(TAKE_BACK_USE, (usage_guild(guild_id), not_it.faq_id))

    async def record_pick(self, guild_id: int, query_norm: str, faq_id: int) -> None:
        """A member picked FAQ `faq_id` among the suggestions for a logged miss. Nothing is
        noted for a miss no longer listed (answered or dismissed meanwhile)."""
        async with self.db.transaction() as conn:
            await conn.execute(_PICK, (faq_id, guild_id, query_norm, faq_id))

    async def top(self, guild_id: int | None, limit: int = 10) -> list[UnansweredQuestion]:
        guild = usage_guild(guild_id)
        rows = await self.db.fetchall(
            """SELECT * FROM unanswered WHERE guild_id = ?
               ORDER BY count DESC, last_asked DESC LIMIT ?""",
            (guild, limit),
        )
        queries = [row["query_norm"] for row in rows]
        picks = await self._picks(guild, queries)
        not_it = await self._not_it(guild, queries)
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

    async def _picks(self, guild: int, queries: list[str]) -> defaultdict[str, list[NotedFaq]]:
        """The picks after each of `queries`, most picked first."""
        found: defaultdict[str, list[NotedFaq]] = defaultdict(list)
        if not queries:
            return found
        # a pick of a shipped FAQ the guild replaced counts for its own version (with the
        # picks made since); the FAQ must be one the guild sees (not hidden since)
        visible, params = visible_to(guild)
        listed, keys = named_list(queries)
        rows = await self.db.fetchall(
            f"""SELECT p.query_norm, f.id AS faq_id, f.question, sum(p.count) AS count
                FROM unanswered_picks p
                LEFT JOIN faqs own ON own.guild_id = p.guild_id AND own.overrides_id = p.faq_id
                JOIN faqs f ON f.id = coalesce(own.id, p.faq_id)
                WHERE p.guild_id = :guild AND p.query_norm IN ({listed})
                  AND {visible}
                GROUP BY p.query_norm, f.id
                ORDER BY count DESC, faq_id""",
            {**params, **keys},
        )
        for row in rows:
            found[row["query_norm"]].append(NotedFaq(row["faq_id"], row["question"], row["count"]))
        return found

    async def _not_it(self, guild: int, queries: list[str],
                      ) -> defaultdict[str, list[NotedAnswer]]:
        """The answers said to be not it for each of `queries`, most often first; a shipped
        FAQ the guild replaced since stands for its own version (`faq_id`)."""
        found: defaultdict[str, list[NotedAnswer]] = defaultdict(list)
        if not queries:
            return found
        listed, keys = named_list(queries)
        rows = await self.db.fetchall(
            # one row per answer: a shipped FAQ's notes and its replacement's summed, shown
            # with the question of the latest noted (SQLite: the bare columns of max())
            f"""SELECT n.query_norm, max(n.rowid) AS latest, n.ref, n.question,
                       coalesce(own.id, n.faq_id) AS faq_id, sum(n.count) AS count
                FROM unanswered_not_it n
                LEFT JOIN faqs own ON own.guild_id = n.guild_id AND own.overrides_id = n.faq_id
                WHERE n.guild_id = :guild AND n.query_norm IN ({listed})
                GROUP BY n.query_norm, coalesce(own.id, n.faq_id, n.ref)
                ORDER BY count DESC, latest DESC""",
            {"guild": guild, **keys},
        )
        for row in rows:
            found[row["query_norm"]].append(
                NotedAnswer(row["ref"], row["question"], row["faq_id"], row["count"]))
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


def named_list(values: list[str]) -> tuple[str, dict[str, str]]:
    """`values` as named SQL parameters: the text for `IN (...)` and the parameters."""
    params = {f"q{n}": value for n, value in enumerate(values)}
    return ", ".join(f":{name}" for name in params), params
