"""Announcement scheduler at scale: 10 000 subscriptions × 50 releases.

    .venv/bin/python -m benchmarks.bench_schedule [--subscriptions N] [--releases N] [--changes N]

Prints, on a temporary SQLite file:
- replan after a release change: reload releases + find the next due milestone (p50/p99);
- replan after a subscription change: reload every subscription + next due (p50/p99);
- replan in memory only (no store): rebuild the timeline + next due (p50/p99);
- fan-out: one milestone due for every subscription: claim in the ledger, "post" (a no-op
  poster), settle; wall time;
- memory: the scheduler's in-memory state, and the peak while fanning out (tracemalloc).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.models import Knowledge, Title
from bot.schedule import Announcement, PostResult, Scheduler, releases_from
from bot.store import Store

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class StillClock:
    """A clock the benchmark moves by hand; the scheduler never sleeps here."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        raise AssertionError("the benchmark drives step() itself")


async def no_op_post(item: Announcement) -> PostResult:
    return PostResult("posted", message_id=1)


async def populate(store: Store, subscriptions: int, releases: int) -> list[int]:
    """`subscriptions` channels over a quarter as many guilds; a fifth of the releases shipped
    (every subscription gets them), the rest guild releases. Returns the guild ids."""
    guilds = [10_000 + n for n in range(max(1, subscriptions // 4))]
    before = START - timedelta(days=1)
    for n in range(subscriptions):
        await store.announcements.subscribe(guilds[n % len(guilds)], 1_000_000 + n, None, now=before)
    shipped = max(1, releases // 5)
    titles = [Title(f"title-{n}", f"Title {n}", "film", release_at=START + timedelta(days=40 + n))
              for n in range(shipped)]
    await store.catalog.sync(Knowledge(titles=titles))
    for n in range(releases - shipped):
        await store.releases.add(guilds[n % len(guilds)], f"Event {n}",
                                 START + timedelta(days=10 + n, hours=n % 24), now=before)
    return guilds


async def timed(action: Callable[[], Awaitable[object]], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(label: str, millis: list[float]) -> str:
    ordered = sorted(millis)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"{label:<52} p50 {statistics.median(ordered):8.2f} ms   p99 {p99:8.2f} ms   (n={len(ordered)})"


async def main(subscriptions: int, releases: int, changes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.db")
        try:
            started = time.perf_counter()
            guilds = await populate(store, subscriptions, releases)
            print(f"setup: {subscriptions} subscriptions in {len(guilds)} guilds, {releases} releases "
                  f"({time.perf_counter() - started:.1f} s)")
            clock = StillClock(START)
            scheduler = Scheduler(store, no_op_post, clock=clock)
            first_due = await scheduler.step()
            print(f"first plan: next due {first_due:%Y-%m-%d %H:%M} UTC")

            counter = iter(range(10**9))

            async def release_change() -> None:
                n = next(counter)
                await store.releases.add(guilds[0], "Moving event", START + timedelta(days=5, minutes=n),
                                         now=clock.now())
                scheduler.notify(releases=True, subscriptions=False)
                start = time.perf_counter()
                await scheduler.step()
                replans.append((time.perf_counter() - start) * 1000)

            async def subscription_change() -> None:
                n = next(counter)
                guild_id = guilds[n % len(guilds)]
                await store.announcements.subscribe(guild_id, 5_000_000 + n, None, now=clock.now())
                scheduler.notify(releases=False, subscriptions=True, guild_id=guild_id)
                start = time.perf_counter()
                await scheduler.step()
                replans.append((time.perf_counter() - start) * 1000)

            replans: list[float] = []
            await timed(release_change, changes)
            print(summary("replan after a release change (store + plan)", replans))
            replans = []
            await timed(subscription_change, max(10, changes // 4))
            print(summary("replan after a subscription change (store + plan)", replans))

            titles = await store.catalog.titles()
            in_memory = releases_from(titles, await store.releases.since(START), START)
            seen = {(r.ref, r.release_at): START for r in in_memory}

            async def replan_in_memory() -> None:
                scheduler.set_releases(in_memory, seen)
                scheduler.next_due()

            print(summary("replan in memory (timeline + next due)", await timed(replan_in_memory, changes)))

            async def full_reload() -> None:
                await Scheduler(store, no_op_post, clock=clock).step()

            print(summary("start-up: load everything + plan (restart)", await timed(full_reload, 10)))

            tracemalloc.start()
            fresh = Scheduler(store, no_op_post, clock=clock)
            base = tracemalloc.get_traced_memory()[0]
            await fresh.refresh()
            state = tracemalloc.get_traced_memory()[0] - base
            tracemalloc.reset_peak()
            # fan-out: the first shipped title's "30d" milestone is due for everyone
            due = min(t.release_at for t in titles if t.release_at) - timedelta(days=30)
            clock.current = due + timedelta(seconds=1)
            start = time.perf_counter()
            await fresh.step()
            fan_out = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] - base
            tracemalloc.stop()
            posted = sum(1 for e in await store.announcements.ledger() if e.status == "posted")
            print(f"{'fan-out: one milestone to every subscription':<52} {fan_out * 1000:8.0f} ms "
                  f"({posted} claimed, posted, settled)")
            print(f"memory: scheduler state {state / 2**20:.1f} MiB; peak during fan-out "
                  f"{peak / 2**20:.1f} MiB (tracemalloc)")
        finally:
            await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--releases", type=int, default=50)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} cores, {platform.machine()}")
    asyncio.run(main(args.subscriptions, args.releases, args.changes))
