"""Each guild's own releases: dated events or newly announced dates, added by its admins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.errors import InvalidRelease, ReleaseNotFound
from bot.models import GuildRelease
from bot.store.database import Database
from bot.text import normalize
from bot.timeutil import from_db, to_db, utcnow

MAX_RELEASES_PER_GUILD = 100


def title_norm(title: str) -> str:
    """The per-guild uniqueness key: case- and space-insensitive."""
    return " ".join(title.casefold().split())


GUILD_REF = "guild:"


def release_ref(release_id: int) -> str:
    """How the announcement ledger names a guild release."""
    return f"{GUILD_REF}{release_id}"


def release_id_of(ref: str) -> int | None:
    """The guild release a ledger ref names (`release_ref`'s inverse); None for a title's."""
    return int(ref.removeprefix(GUILD_REF)) if ref.startswith(GUILD_REF) else None


TITLE_REF = "title:"


def title_release_ref(key: str) -> str:
    """How the announcement ledger names a shipped title's release."""
    return f"{TITLE_REF}{key}"


async def date_moved(conn: aiosqlite.Connection, ref: str, release_at: datetime | None) -> None:
    """A release's date changed: forget when its other dates were first known, so a date
    moved back to one it had is known from now on (milestones that passed while it was
    elsewhere were never due, and a late "one week to go" would be wrong)."""
    await conn.execute("DELETE FROM release_seen WHERE release_ref = ? AND release_at IS NOT ?",
                       (ref, to_db(release_at) if release_at is not None else None))


def _release(row: Any) -> GuildRelease:
    return GuildRelease(id=row["id"], guild_id=row["guild_id"], title=row["title"],
                        release_at=from_db(row["release_at"]), timezone=row["timezone"],
                        title_key=row["title_key"])


class ReleaseStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def for_guild(self, guild_id: int) -> list[GuildRelease]:
        """The guild's releases, soonest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM guild_releases WHERE guild_id = ? ORDER BY release_at, id", (guild_id,))
        return [_release(row) for row in rows]

    async def since(self, moment: datetime) -> list[GuildRelease]:
        """Every guild's releases at or after `moment` (what the scheduler still cares about),
        and every one dating a shipped title, however old: its guild keeps its own date for
        that title, not the shipped one, for good."""
        rows = await self.db.fetchall(
            """SELECT * FROM guild_releases WHERE release_at >= ? OR title_key IS NOT NULL
               ORDER BY release_at, id""",
            (to_db(moment),))
        # ISO strings in UTC compare in time order except across the optional microseconds;
        # filter again on the parsed value so the edge is exact
        return [release for release in map(_release, rows)
                if release.release_at >= moment or release.title_key is not None]

    async def get(self, guild_id: int, title: str) -> GuildRelease:
        row = await self.db.fetchone(
            "SELECT * FROM guild_releases WHERE guild_id = ? AND title_norm = ?",
            (guild_id, title_norm(title)))
        if row is None:
            raise ReleaseNotFound(title)
        return _release(row)

    async def add(self, guild_id: int, title: str, release_at: datetime, timezone: str = "UTC",
                  *, now: datetime | None = None, title_key: str | None = None,
                  ) -> tuple[GuildRelease, GuildRelease | None]:
        """Add a release, or move an existing one (same title) to the new date. `title_key`:
        the shipped title it dates (moving a release keeps the title it dated).

        Returns (the release, what it was before or None if new). The date is also
        registered as seen `now`, so the scheduler never announces milestones that
        had passed before anyone knew the date.
        """
        now = now or utcnow()
        title = title.strip()
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM guild_releases WHERE guild_id = ? AND title_norm = ?",
                (guild_id, title_norm(title))) as cursor:
                row = await cursor.fetchone()
            before = _release(row) if row is not None else None
            if before is None:
                async with conn.execute(
                    "SELECT count(*) FROM guild_releases WHERE guild_id = ?", (guild_id,)) as cursor:
                    count_row = await cursor.fetchone()
                if count_row is not None and count_row[0] >= MAX_RELEASES_PER_GUILD:
                    raise InvalidRelease(
                        f"This server already has {MAX_RELEASES_PER_GUILD} releases. "
                        "Remove one with /countdown-admin remove-release first.")
                cursor = await conn.execute(
                    """INSERT INTO guild_releases (guild_id, title, title_norm, release_at, timezone,
                                                   created_at, title_key)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (guild_id, title, title_norm(title), to_db(release_at), timezone, to_db(now),
                     title_key))
                release_id = cursor.lastrowid
                assert release_id is not None
            else:
                release_id = before.id
                title_key = before.title_key or title_key
                await conn.execute(
                    """UPDATE guild_releases SET title = ?, release_at = ?, timezone = ?, title_key = ?
                       WHERE id = ?""",
                    (title, to_db(release_at), timezone, title_key, release_id))
            if before is not None and before.release_at != release_at:
                await date_moved(conn, release_ref(release_id), release_at)
            await conn.execute(
                "INSERT OR IGNORE INTO release_seen (release_ref, release_at, first_seen) VALUES (?, ?, ?)",
                (release_ref(release_id), to_db(release_at), to_db(now)))
        release = GuildRelease(id=release_id, guild_id=guild_id, title=title,
                               release_at=release_at, timezone=timezone, title_key=title_key)
        return release, before

    async def mark_dated_titles(self, open_titles: dict[str, str]) -> int:
        """Give the guild releases named like a title still TBA (`open_titles`: normalised
        name -> title key) that title's key, so they keep dating it once the shipped data
        dates it too. Run before a sync changes the titles; returns how many were marked."""
        rows = await self.db.fetchall(
            "SELECT id, title FROM guild_releases WHERE title_key IS NULL")
        marks = [(key, row["id"]) for row in rows
                 if (key := open_titles.get(normalize(row["title"]))) is not None]
        if marks:
            async with self.db.transaction() as conn:
                await conn.executemany(
                    "UPDATE guild_releases SET title_key = ? WHERE id = ? AND title_key IS NULL",
                    marks)
        return len(marks)

    async def remove(self, guild_id: int, title: str) -> GuildRelease:
        """Remove a release with its ledger rows (row ids can be reused by SQLite)."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM guild_releases WHERE guild_id = ? AND title_norm = ?",
                (guild_id, title_norm(title))) as cursor:
                row = await cursor.fetchone()
            if row is None:
                raise ReleaseNotFound(title)
            release = _release(row)
            ref = release_ref(release.id)
            await conn.execute("DELETE FROM guild_releases WHERE id = ?", (release.id,))
            await conn.execute("DELETE FROM announcements WHERE release_ref = ?", (ref,))
            await conn.execute("DELETE FROM release_seen WHERE release_ref = ?", (ref,))
        return release
