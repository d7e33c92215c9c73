"""A clock the test moves by hand, and a poster that records announcements instead of posting."""

from __future__ import annotations

import asyncio
import itertools
from datetime import datetime

from bot.schedule import Announcement, PostResult


class FakeClock:
    """`now()` is whatever the test set; sleepers wake when it passes their time or on the event."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._tick = asyncio.Event()
        self._slept = asyncio.Event()
        self.sleeps: list[datetime | None] = []  # what each sleep_until call waited for

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now
        self._tick.set()

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        self.sleeps.append(when)
        self._slept.set()
        while not wake.is_set() and (when is None or self._now < when):
            self._tick.clear()
            waiters = [asyncio.ensure_future(wake.wait()), asyncio.ensure_future(self._tick.wait())]
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()

    async def wait_for_sleep(self, count: int) -> None:
        """Wait until the scheduler has gone to sleep `count` times (so it finished its work)."""
        async with asyncio.timeout(5):
            while len(self.sleeps) < count:
                self._slept.clear()
                await self._slept.wait()


class Recorder:
    """A Poster: records what would be posted; channels in `gone` answer like a 403."""

    def __init__(self, *, gone: set[int] | None = None, explode: bool = False,
                 delay: float = 0.0, busy: int = 0) -> None:
        self.gone = gone or set()
        self.explode = explode
        self.delay = delay
        self.busy = busy  # this many attempts first answer like a Discord 5xx
        self.posted: list[Announcement] = []
        self.attempts: list[int] = []
        self._ids = itertools.count(1000)

    async def __call__(self, announcement: Announcement) -> PostResult:
        channel = announcement.subscription.channel_id
        self.attempts.append(channel)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.explode:
            raise RuntimeError("the poster crashed")
        if self.busy:
            self.busy -= 1
            return PostResult("retry", detail="HTTP 503: Service Unavailable")
        if channel in self.gone:
            return PostResult("gone", detail=f"the bot lost access to <#{channel}> (Missing Access)")
        self.posted.append(announcement)
        return PostResult("posted", message_id=next(self._ids))
