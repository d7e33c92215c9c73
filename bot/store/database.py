"""The SQLite connection: opening, numbered migrations, and transactions."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot.errors import DatabaseUnusable

log = logging.getLogger(__name__)

Params = Sequence[Any] | Mapping[str, Any]  # positional (?) or named (:name) parameters
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) for every migration file, in order."""
    folder = resources.files("bot.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found


class Database:
    """Two aiosqlite connections in autocommit mode: writes go through `transaction()` on
    one, `fetchall`/`fetchone` read on the other.

    The write connection is shared by every coroutine, so a lock serialises transactions:
    otherwise two interleaved coroutines would share one BEGIN. Reads have a connection of
    their own so that they see committed data only (WAL): on the write connection a read
    would see another coroutine's transaction half done, and keep what it read after that
    transaction rolled back. Nor do they wait for a long write (a big import).
    """

    def __init__(self, connection: aiosqlite.Connection, path: Path,
                 reader: aiosqlite.Connection | None = None) -> None:
        self.connection = connection
        self.reader = reader or connection  # one connection for both: ":memory:", migrations
        self.path = path
        self._write_lock = asyncio.Lock()
        self._data_version: int | None = None  # `changed_elsewhere`'s last reading

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; we BEGIN explicitly.
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as error:  # a directory, no permission
            raise DatabaseUnusable(path, error) from error
        reader = None
        try:
            connection.row_factory = aiosqlite.Row
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            await connection.execute("PRAGMA busy_timeout = 5000")
            await connection.execute("PRAGMA synchronous = NORMAL")
            database = cls(connection, path)
            await database.migrate()
            if str(path) != ":memory:":  # another connection to ":memory:" is another database
                reader = await aiosqlite.connect(path, isolation_level=None)
                reader.row_factory = aiosqlite.Row
                await reader.execute("PRAGMA busy_timeout = 5000")
                await reader.execute("PRAGMA query_only = ON")
                database.reader = reader
        except BaseException as error:
            # the connections' worker threads would keep the process alive: close them first
            for opened in (reader, connection):
                if opened is not None:
                    await opened.close()
            if isinstance(error, sqlite3.DatabaseError):  # not SQLite, or a newer schema
                raise DatabaseUnusable(path, error) from error
            raise
        return database

    async def close(self) -> None:
        async with self._write_lock:
            if self.reader is not self.connection:
                await self.reader.close()
            await self.connection.close()

    async def changed_elsewhere(self) -> bool:
        """Whether another process (the CLI's import, say) committed to the file since the
        last call; False on the first. Our own writes don't count: SQLite's data_version
        moves for other connections' commits only."""
        # on the write connection: the reader's count would move for our own commits too
        async with self.connection.execute("PRAGMA data_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> None:
        """Apply every migration newer than the file's user_version, each in its own transaction."""
        current = await self.schema_version()
        for number, name, sql in migrations():
            if number <= current:
                continue
            log.info("applying migration %s", name)
            async with self.transaction() as conn:
                # executescript would COMMIT on its own; run statement by statement instead
                for statement in _split_sql(sql):
                    await conn.execute(statement)
                await conn.execute(f"PRAGMA user_version = {number:d}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception: all or nothing."""
        async with self._write_lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
            else:
                await self.connection.execute("COMMIT")

    async def fetchall(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self.reader.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self.reader.execute(sql, params) as cursor:
            return await cursor.fetchone()


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements. Migrations hold no ';' inside literals or triggers."""
    without_comments = "\n".join(
        line.split("--", 1)[0] for line in script.splitlines()
    )
    return [part.strip() for part in without_comments.split(";") if part.strip()]
