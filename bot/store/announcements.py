"""Announcement subscriptions (one per channel) and the ledger of what was announced.

The ledger is what makes announcements exactly-once: one row per (subscription,
release, release instant, milestone), ever, claimed in a transaction before the
post (see `AnnouncementStore.claim` and bot/schedule.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.errors import NotSubscribed
from bot.models import Subscription
from bot.store.database import Database
from bot.store.releases import release_id_of
from bot.timeutil import from_db, to_db, utcnow

CLAIMED, POSTED, SKIPPED, FAILED = "claimed", "posted", "skipped", "failed"

ReleaseKey = tuple[str, datetime]  # (release_ref, release_at)
Existing = dict[ReleaseKey, set[tuple[int, str]]]  # release -> {(subscription id, milestone)}


@dataclass(frozen=True, slots=True)
class Subscribed:
    """An enabled subscription and since when it has been enabled."""

    subscription: Subscription
    since: datetime


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    subscription_id: int
    release_ref: str
    release_at: datetime
    milestone: str
    status: str = CLAIMED
    late: bool = False
    message_id: int | None = None


def _subscription(row: Any) -> Subscription:
    return Subscription(id=row["id"], guild_id=row["guild_id"], channel_id=row["channel_id"],
                        role_id=row["role_id"], enabled=bool(row["enabled"]),
                        disabled_reason=row["disabled_reason"])


def _entry(row: Any) -> LedgerEntry:
    return LedgerEntry(subscription_id=row["subscription_id"], release_ref=row["release_ref"],
                       release_at=from_db(row["release_at"]), milestone=row["milestone"],
                       status=row["status"], late=bool(row["late"]), message_id=row["message_id"])


class AnnouncementStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- subscriptions -------------------------------------------------------------------------

    async def subscribe(self, guild_id: int, channel_id: int, role_id: int | None,
                        *, now: datetime | None = None) -> tuple[Subscription, Subscription | None]:
        """Subscribe a channel (or change its role, or re-enable it). Returns (new, before).

        A new or re-enabled subscription starts `now`: milestones that passed before it
        are never announced there, so re-enabling never replays what was missed.
        """
        now = now or utcnow()
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM subscriptions WHERE channel_id = ?", (channel_id,)) as cursor:
                row = await cursor.fetchone()
            before = _subscription(row) if row is not None else None
            if before is None:
                await conn.execute(
                    """INSERT INTO subscriptions (guild_id, channel_id, role_id, enabled, created_at)
                       VALUES (?, ?, ?, 1, ?)""", (guild_id, channel_id, role_id, to_db(now)))
            elif before.enabled:
                await conn.execute("UPDATE subscriptions SET role_id = ? WHERE id = ?",
                                   (role_id, before.id))
            else:
                await conn.execute(
                    """UPDATE subscriptions SET role_id = ?, enabled = 1, disabled_reason = NULL,
                       created_at = ? WHERE id = ?""", (role_id, to_db(now), before.id))
            async with conn.execute(
                "SELECT * FROM subscriptions WHERE channel_id = ?", (channel_id,)) as cursor:
                after = await cursor.fetchone()
        assert after is not None
        return _subscription(after), before

    async def unsubscribe(self, guild_id: int, channel_id: int) -> Subscription:
        """Remove a channel's subscription and its ledger rows."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM subscriptions WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id)) as cursor:
                row = await cursor.fetchone()
            if row is None:
                raise NotSubscribed(f"<#{channel_id}>")
            await conn.execute("DELETE FROM subscriptions WHERE id = ?", (row["id"],))
        return _subscription(row)

    async def forget_role(self, guild_id: int, role_id: int) -> int:
        """A deleted role pings nobody: the subscriptions that pinged it ping no role now.
        Returns how many did."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE subscriptions SET role_id = NULL WHERE guild_id = ? AND role_id = ?",
                (guild_id, role_id))
            return cursor.rowcount

    async def for_guild(self, guild_id: int) -> list[Subscription]:
        rows = await self.db.fetchall(
            "SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY id", (guild_id,))
        return [_subscription(row) for row in rows]

    async def active(self, guild_id: int | None = None) -> list[Subscribed]:
        """Enabled subscriptions (of one guild, if given)."""
        if guild_id is None:
            rows = await self.db.fetchall("SELECT * FROM subscriptions WHERE enabled = 1 ORDER BY id")
        else:
            rows = await self.db.fetchall(
                "SELECT * FROM subscriptions WHERE enabled = 1 AND guild_id = ? ORDER BY id", (guild_id,))
        return [Subscribed(_subscription(row), from_db(row["created_at"])) for row in rows]

    async def remove(self, subscription_ids: Sequence[int]) -> None:
        """Remove these subscriptions, with their ledger rows."""
        if not subscription_ids:
            return
        async with self.db.transaction() as conn:
            await conn.executemany("DELETE FROM subscriptions WHERE id = ?",
                                   [(sid,) for sid in subscription_ids])

    async def disable(self, reasons: dict[int, str]) -> None:
        """Stop announcing to these subscriptions, with a reason admins can read."""
        if not reasons:
            return
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE subscriptions SET enabled = 0, disabled_reason = ? WHERE id = ?",
                [(reason, sub_id) for sub_id, reason in reasons.items()])

    # -- release dates ---------------------------------------------------------------------------

    async def seen(self, releases: Iterable[ReleaseKey], *, now: datetime | None = None
                   ) -> dict[ReleaseKey, datetime]:
        """When each release date was first known; dates never seen before are seen `now`."""
        keys = list(dict.fromkeys(releases))
        if not keys:
            return {}
        stamp = to_db(now or utcnow())
        async with self.db.transaction() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO release_seen (release_ref, release_at, first_seen) VALUES (?, ?, ?)",
                [(ref, to_db(at), stamp) for ref, at in keys])
        by_text = {(ref, to_db(at)): (ref, at) for ref, at in keys}
        found: dict[ReleaseKey, datetime] = {}
        refs = sorted({ref for ref, _ in keys})
        for start in range(0, len(refs), 500):  # stay under SQLite's bound-parameter limit
            chunk = refs[start:start + 500]
            rows = await self.db.fetchall(
                f"SELECT * FROM release_seen WHERE release_ref IN ({', '.join('?' * len(chunk))})",
                chunk)
            for row in rows:
                key = by_text.get((row["release_ref"], row["release_at"]))
                if key is not None:
                    found[key] = from_db(row["first_seen"])
        return found

    # -- the ledger ------------------------------------------------------------------------------

    async def claim(self, releases: Sequence[ReleaseKey],
                    choose: Callable[[Existing], list[LedgerEntry]]) -> list[LedgerEntry]:
        """Read the ledger rows of `releases`, let `choose` decide what to add, add it: atomically.

        BEGIN IMMEDIATE holds SQLite's write lock from the read to the commit, so no other
        writer (another task, another process on the same file) can claim the same row
        in between; and the primary key refuses a duplicate even if one tried.
        """
        async with self.db.transaction() as conn:
            existing: Existing = {}
            for ref, at in releases:
                async with conn.execute(
                    "SELECT subscription_id, milestone FROM announcements "
                    "WHERE release_ref = ? AND release_at = ?", (ref, to_db(at))) as cursor:
                    existing[(ref, at)] = {(row[0], row[1]) for row in await cursor.fetchall()}
            entries = choose(existing)
            stamp = to_db(utcnow())
            await conn.executemany(
                """INSERT INTO announcements (subscription_id, release_ref, release_at, milestone,
                                              recorded_at, late, status) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [(e.subscription_id, e.release_ref, to_db(e.release_at), e.milestone, stamp,
                  int(e.late), e.status) for e in entries])
        return entries

    async def settle(self, entries: Sequence[LedgerEntry]) -> None:
        """Record how claimed posts went (status and message id), in one transaction."""
        if not entries:
            return
        async with self.db.transaction() as conn:
            await conn.executemany(
                """UPDATE announcements SET status = ?, message_id = ?
                   WHERE subscription_id = ? AND release_ref = ? AND release_at = ? AND milestone = ?""",
                [(e.status, e.message_id, e.subscription_id, e.release_ref, to_db(e.release_at),
                  e.milestone) for e in entries])

    async def still_claimed(self, entry: LedgerEntry, channel_id: int) -> bool:
        """Whether a claimed post may still go out: its row is still claimed (unsubscribing
        or removing the release deletes it), its subscription is still that channel's and
        enabled, and a guild release still has that date (moving it keeps the old rows)."""
        row = await self.db.fetchone(
            """SELECT 1 FROM announcements a
               JOIN subscriptions s ON s.id = a.subscription_id AND s.enabled = 1
                                    AND s.channel_id = :channel
               WHERE a.subscription_id = :sub AND a.release_ref = :ref AND a.release_at = :at
                 AND a.milestone = :milestone AND a.status = 'claimed'
                 AND NOT EXISTS (SELECT 1 FROM guild_releases g WHERE g.id = :release
                                 AND g.release_at != a.release_at)""",
            {"channel": channel_id, "sub": entry.subscription_id, "ref": entry.release_ref,
             "release": release_id_of(entry.release_ref), "at": to_db(entry.release_at),
             "milestone": entry.milestone})
        return row is not None

    async def prune(self, before: datetime) -> int:
        """Forget ledger rows and seen dates of releases before `before`; returns rows deleted.

        Only safe for releases no milestone of which can be due again (see schedule.CATCH_UP).
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM announcements WHERE release_at < ?", (to_db(before),))
            await conn.execute("DELETE FROM release_seen WHERE release_at < ?", (to_db(before),))
        return cursor.rowcount

    async def ledger(self, subscription_id: int | None = None) -> list[LedgerEntry]:
        """Ledger rows, oldest first (for admins' eyes and tests)."""
        where, params = "", []
        if subscription_id is not None:
            where, params = "WHERE subscription_id = ?", [subscription_id]
        rows = await self.db.fetchall(
            f"SELECT * FROM announcements {where} ORDER BY recorded_at, release_at, milestone", params)
        return [_entry(row) for row in rows]
