"""Writes nobody waits for: use counts, logged misses, picks and "not what I asked" notes.

A reply must reach Discord within 3 seconds, and the store has one writer at a time: an
import (in any guild, or `python -m bot import` beside the bot) holds the write lock for
as long as it runs. So these bookkeeping writes are queued and written in order by one
task, after the reply; one that SQLite refuses as busy is tried again until BUSY_FOR has
passed, and anything else is logged and dropped (a lost count must never cost an answer).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Write = Callable[[], Awaitable[None]]
Done = Callable[[], None]

BUSY_RETRY = 1.0  # seconds between tries of a write SQLite found busy (each waits busy_timeout too)
BUSY_FOR = 120.0  # seconds a write is tried for while the store stays busy, then dropped
CLOSE_WITHIN = 10.0  # seconds `close` waits for the queue before dropping what is left


def is_busy(error: BaseException) -> bool:
    """Whether SQLite refused because another connection holds the lock (worth a retry)."""
    return isinstance(error, sqlite3.OperationalError) and any(
        word in str(error).casefold() for word in ("locked", "busy"))


class WriteBehind:
    def __init__(self, *, busy_retry: float = BUSY_RETRY, busy_for: float = BUSY_FOR) -> None:
        self._queue: asyncio.Queue[tuple[str, Write, Done | None]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._busy_retry = busy_retry
        self._busy_for = busy_for
        self._unfinished = 0  # queued or being written

    def add(self, what: str, write: Write, *, done: Done | None = None) -> None:
        """Queue `write` (described as `what` in the log if it fails); it runs after the
        ones queued before it (again while the store is busy). `done` is called once, when
        it ran or was dropped."""
        self._queue.put_nowait((what, write, done))
        self._unfinished += 1
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._run(), name="write-behind")

    async def settled(self, within: float | None = None) -> bool:
        """Wait until every write queued so far ran (or was dropped), for at most `within`
        seconds if given; whether they did."""
        try:
            async with asyncio.timeout(within):  # not wait_for: it may swallow a cancel (3.11)
                await self._queue.join()
        except TimeoutError:
            return False
        return True

    async def close(self, within: float = CLOSE_WITHIN) -> None:
        """Write what is queued (for at most `within` seconds), then stop."""
        if not await self.settled(within):
            log.error("closing with %d bookkeeping writes not done (the store stayed busy)",
                      self._unfinished)
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
            self._worker = None

    async def _run(self) -> None:
        while True:
            what, write, done = await self._queue.get()
            try:
                await self._write(what, write)
            finally:
                if done is not None:
                    done()
                self._unfinished -= 1
                self._queue.task_done()

    async def _write(self, what: str, write: Write) -> None:
        give_up = time.monotonic() + self._busy_for
        while True:
            try:
                await write()
                return
            except Exception as error:
                if is_busy(error) and time.monotonic() < give_up:
                    await asyncio.sleep(self._busy_retry)
                    continue
                log.exception("bookkeeping write dropped: %s", what)
                return
