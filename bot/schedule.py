"""The announcement scheduler (milestones and what is due: bot/milestones.py). No discord
import: posting is injected.

Milestones are 30 days, 7 days and 1 day before a release instant, and the instant
itself, in absolute time: "7 days before" is exactly 7 × 24 hours earlier. Across a
daylight-saving change the local wall-clock time of a reminder therefore moves by
the change (a 09:00 New York release after the March switch gets its 7-day reminder
at 08:00 New York winter time, which is the same instant as 09:00 summer time). The
announcement shows Discord timestamps, which every reader sees in their own zone, so
an exact "N days to go" matters more than one zone's wall clock.

Which announcements are due, for one (subscription, release) pair:
- only milestones at or after the pair's baseline: when the subscription started
  (or was re-enabled) and when the bot first knew the release date; older ones never
  post (a release added 3 s ahead announces only its "release" milestone);
- only milestones within CATCH_UP of now (after a week offline, nothing stale posts);
- of the due ones not yet in the ledger, only the latest posts: on time if within
  GRACE of its instant, otherwise marked late; the earlier ones are recorded as
  skipped so they never post.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.milestones import (
    CATCH_UP,
    GRACE,
    MILESTONES,
    Announcement,
    Poster,
    PostResult,
    Release,
    decide,
    milestones,
    releases_from,
)
from bot.store import Store
from bot.store.announcements import CLAIMED, FAILED, POSTED, Existing, LedgerEntry, Subscribed
from bot.timeutil import utcnow

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(seconds=30)  # after an unexpected error (database busy, ...)
# A post Discord could not take for now (5xx, network) is tried again after each of these,
# its ledger row still 'claimed' meanwhile (a restart never posts it twice); then 'failed'.
RETRY_POST = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10))
KEEP_LEDGER = timedelta(days=30)  # ledger rows of releases older than this are pruned (> CATCH_UP)


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        """Return at `when` (never, if None) or as soon as `wake` is set, whichever is first."""


class SystemClock:
    # The wait runs on the event loop's monotonic clock, which a suspended host or a stepped
    # wall clock leaves behind: a sleep looks at the wall clock again every minute, so such a
    # jump delays a milestone by a minute at most
    MAX_NAP = 60.0
    SLACK = 0.005  # the event loop's timer may fire a hair before the wall clock agrees

    def now(self) -> datetime:
        return utcnow()

    async def sleep_until(self, when: datetime | None, wake: asyncio.Event) -> None:
        """Naps of MAX_NAP at most, each measured from the wall clock anew, until `when`
        (with no `when`: one nap, so the caller looks again)."""
        if when is None:
            await self._nap(self.MAX_NAP, wake)
            return
        while not wake.is_set():
            delay = (when - self.now()).total_seconds() + self.SLACK
            if delay <= 0:
                return
            await self._nap(min(delay, self.MAX_NAP), wake)

    @staticmethod
    async def _nap(seconds: float, wake: asyncio.Event) -> None:
        # asyncio.timeout, not wait_for: Python 3.11's wait_for swallows a cancel that lands
        # as the event is set, and the scheduler task then never ends (the bot's close hung)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await wake.wait()


class Scheduler:
    """One task: sleep until the next due milestone or a change, announce what is due, repeat."""

    def __init__(self, store: Store, post: Poster, *, clock: Clock | None = None,
                 concurrency: int = 5) -> None:
        self.store = store
        self.post = post
        self.clock: Clock = clock or SystemClock()
        self._posting = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._stale_releases = True
        self._stale_subscriptions = True
        self._stale_guilds: set[int] = set()
        self._after: datetime | None = None  # every milestone at or before this is handled
        self._releases: list[Release] = []
        self._seen: dict[tuple[str, datetime], datetime] = {}
        self._timeline: list[tuple[datetime, int]] = []  # (milestone instant, release index)
        self._everyone: list[Subscribed] = []
        self._by_guild: dict[int, list[Subscribed]] = {}
        self.passes = 0  # completed steps (for health checks and tests)
        self._pruned: datetime | None = None
        self._retrying: set[asyncio.Task[None]] = set()  # posts waiting to be tried again

    # -- changes ---------------------------------------------------------------------------------

    def notify(self, *, releases: bool = True, subscriptions: bool = True,
               guild_id: int | None = None) -> None:
        """Something changed in the store: reload it and re-plan now (cheap, call freely).

        With `guild_id`, a subscription change reloads that guild's subscriptions only.
        """
        self._stale_releases |= releases
        if subscriptions and guild_id is not None:
            self._stale_guilds.add(guild_id)
        else:
            self._stale_subscriptions |= subscriptions
        self._wake.set()

    async def refresh(self) -> None:
        """Reload what changed from the store and rebuild the timeline."""
        now = self.clock.now()
        if self._after is None:
            self._after = now - CATCH_UP
        if self._stale_subscriptions:
            self._stale_subscriptions = False
            self._stale_guilds.clear()
            self.set_subscriptions(await self.store.announcements.active())
        if self._stale_guilds:
            while self._stale_guilds:
                guild_id = self._stale_guilds.pop()
                self._by_guild.pop(guild_id, None)
                subscribers = await self.store.announcements.active(guild_id)
                if subscribers:
                    self._by_guild[guild_id] = subscribers
            self._everyone = [s for group in self._by_guild.values() for s in group]
        if self._stale_releases:
            self._stale_releases = False
            horizon = min(self._after, now - CATCH_UP)
            releases = releases_from(await self.store.catalog.titles(),
                                     await self.store.releases.since(horizon), now, since=horizon)
            seen = await self.store.announcements.seen(
                ((r.ref, r.release_at) for r in releases), now=now)
            self.set_releases(releases, seen)

    def set_subscriptions(self, subscribers: Sequence[Subscribed]) -> None:
        self._everyone = list(subscribers)
        self._by_guild = {}
        for subscriber in subscribers:
            self._by_guild.setdefault(subscriber.subscription.guild_id, []).append(subscriber)

    def set_releases(self, releases: Sequence[Release],
                     seen: dict[tuple[str, datetime], datetime]) -> None:
        self._releases = list(releases)
        self._seen = seen
        self._timeline = sorted((instant, index) for index, release in enumerate(self._releases)
                                for _, instant in milestones(release.release_at))

    def _audience(self, release: Release) -> list[Subscribed]:
        if release.guild_id is None:
            if release.other_dates:  # those guilds count down to their own date for it
                return [s for s in self._everyone
                        if s.subscription.guild_id not in release.other_dates]
            return self._everyone
        return self._by_guild.get(release.guild_id, [])

    # -- planning --------------------------------------------------------------------------------

    def next_due(self) -> datetime | None:
        """The first milestone after the ones handled that some subscription would get."""
        after = self._after or self.clock.now()
        start = bisect.bisect_right(self._timeline, (after, len(self._releases)))
        for instant, index in self._timeline[start:]:
            if self._audience(self._releases[index]):
                return instant
        return None

    def _due_releases(self, now: datetime) -> list[Release]:
        after = self._after or now
        lo = bisect.bisect_right(self._timeline, (after, len(self._releases)))
        hi = bisect.bisect_right(self._timeline, (now, len(self._releases)))
        indexes = sorted({index for _, index in self._timeline[lo:hi]})
        return [self._releases[i] for i in indexes if self._audience(self._releases[i])]

    # -- the loop --------------------------------------------------------------------------------

    async def step(self) -> datetime | None:
        """Refresh, announce everything due by now, and return when the next milestone is due."""
        self._wake.clear()  # before reading the store: a change from now on wakes the next sleep
        await self.refresh()
        now = self.clock.now()
        due = self._due_releases(now)
        if due:
            await self._announce(due, now)
        if self._pruned is None or now - self._pruned > timedelta(days=1):
            # no milestone of a release older than CATCH_UP can be due again: its rows can go
            self._pruned = now
            await self.store.announcements.prune(now - KEEP_LEDGER)
        self._after = now
        self.passes += 1
        return self.next_due()

    async def run(self) -> None:
        """Run until cancelled. Errors are logged and retried; they never end the task."""
        try:
            while True:
                try:
                    when = await self.step()
                except Exception:
                    log.exception("announcement scheduler failed; retrying in %s", RETRY_AFTER)
                    self._stale_releases = self._stale_subscriptions = True
                    when = self.clock.now() + RETRY_AFTER
                await self.clock.sleep_until(when, self._wake)
        finally:  # posts waiting for a retry stay 'claimed': at most once, as after a crash
            waiting = list(self._retrying)
            for task in waiting:
                task.cancel()
            await asyncio.gather(*waiting, return_exceptions=True)  # done before the store closes

    async def _announce(self, due: list[Release], now: datetime) -> None:
        """Claim, then post, then settle: the order that makes announcements exactly-once.

        1. claim: in one transaction, read the ledger for these releases and insert a
           row for each (subscription, release, milestone) to post (and the skipped
           ones). A row already there means someone already claimed it: no post.
        2. post: only the rows this call inserted, after that transaction committed.
        3. settle: record each outcome (message id, failure) in one transaction. A post
           Discord cannot take for now (5xx, no connection) stays claimed while a task
           tries it again (RETRY_POST) if it may still go out, and that task settles it;
           every try carries the same nonce, so a response lost on Discord's side does not
           make a second message.
        Recording before posting means a crash or restart can never post twice: the
        next run finds the row and skips it. The price is that a crash between 1 and
        2 loses that one announcement (it stays 'claimed'): at most once, never twice.
        """
        after = self._after or now
        by_key = {(r.ref, r.release_at): r for r in due}

        def choose(existing: Existing) -> list[LedgerEntry]:
            entries: list[LedgerEntry] = []
            for key, release in by_key.items():
                entries += decide(release, self._seen.get(key, now), self._audience(release),
                                  existing.get(key, set()), after, now)
            return entries

        entries = await self.store.announcements.claim(list(by_key), choose)
        claimed = [e for e in entries if e.status == CLAIMED]
        if not claimed:
            return
        subscriptions = {s.subscription.id: s.subscription for r in due for s in self._audience(r)}
        gone: dict[int, PostResult] = {}

        async def deliver(entry: LedgerEntry) -> LedgerEntry | None:
            release = by_key[(entry.release_ref, entry.release_at)]
            instant = dict(milestones(release.release_at))[entry.milestone]
            item = Announcement(subscriptions[entry.subscription_id], release, entry.milestone,
                                instant, entry.late)
            async with self._posting:  # a few at a time; a channel found gone is not tried again
                if item.subscription.id in gone:
                    return replace(entry, status=FAILED)
                result = await self._attempt(item)
            if result.outcome == "retry":
                task = asyncio.create_task(self._retry(entry, item))  # it settles the row
                self._retrying.add(task)
                task.add_done_callback(self._retrying.discard)
                return None
            if result.stops:
                gone[item.subscription.id] = result
            return _settled(entry, result)

        settled = await asyncio.gather(*(deliver(entry) for entry in claimed))
        await self.store.announcements.settle([e for e in settled if e is not None])
        await self._disable(gone, now)

    async def _attempt(self, item: Announcement) -> PostResult:
        """Post one announcement; a crash in the poster is a failure."""
        try:
            result = await self.post(item)
        except Exception:
            log.exception("posting %s %s to channel %s failed", item.release.ref,
                          item.milestone, item.subscription.channel_id)
            return PostResult("failed", detail="the poster crashed")
        if result.outcome != "posted":
            log.warning("announcement %s %s to channel %s: %s (%s)", item.release.ref,
                        item.milestone, item.subscription.channel_id, result.outcome, result.detail)
        return result

    async def _retry(self, entry: LedgerEntry, item: Announcement) -> None:
        """Try a post Discord could not take again after each of RETRY_POST, while it may
        still go out (`still_claimed`: not unsubscribed, the release not removed or moved);
        then settle its row. Errors are logged here: nobody awaits this task."""
        try:
            result = PostResult("failed", detail="Discord could not take it")
            for delay in RETRY_POST:
                await self.clock.sleep_until(self.clock.now() + delay, asyncio.Event())
                if not await self.store.announcements.still_claimed(
                        entry, item.subscription.channel_id):
                    return  # its row is gone or no longer this post's: nothing to settle
                late_now = not item.late and self.clock.now() - item.instant > GRACE
                async with self._posting:
                    result = await self._attempt(
                        replace(item, late=True, late_by_discord=True) if late_now else item)
                if result.outcome != "retry":
                    break
            await self.store.announcements.settle([_settled(entry, result)])  # "retry": failed
            if result.stops:
                await self._disable({item.subscription.id: result}, self.clock.now())
        except Exception:
            log.exception("retrying %s %s to channel %s failed", item.release.ref, item.milestone,
                          item.subscription.channel_id)

    async def _disable(self, gone: dict[int, PostResult], now: datetime) -> None:
        """Stop posting to subscriptions whose channel refuses the bot (disabled, the reason
        dated `now`) or no longer exists (removed: nobody could pick the channel to mend or
        unsubscribe it)."""
        if gone:
            await self.store.announcements.disable(
                {sid: f"{result.detail} on {now:%Y-%m-%d}" for sid, result in gone.items()
                 if result.outcome == "gone"})
            await self.store.announcements.remove(
                [sid for sid, result in gone.items() if result.outcome == "deleted"])
            self.set_subscriptions([s for s in self._everyone if s.subscription.id not in gone])


def _settled(entry: LedgerEntry, result: PostResult) -> LedgerEntry:
    if result.outcome == "posted":
        return replace(entry, status=POSTED, message_id=result.message_id)
    return replace(entry, status=FAILED)


__all__ = [
    "CATCH_UP", "GRACE", "MILESTONES", "RETRY_POST", "Announcement", "Clock", "PostResult", "Poster",
    "Release", "Scheduler", "SystemClock", "decide", "milestones", "releases_from",
]
