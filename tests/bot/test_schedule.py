"""Milestone math, catch-up rules and the scheduler, with time in the test's hands."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.models import GuildRelease, Knowledge, Subscription, Title
from bot.release_input import parse_release_time
from bot.schedule import (
    CATCH_UP,
    GRACE,
    Announcement,
    PostResult,
    Release,
    Scheduler,
    SystemClock,
    decide,
    milestones,
    releases_from,
)
from bot.store import Store
from bot.store.announcements import CLAIMED, FAILED, POSTED, SKIPPED, Subscribed
from bot.store.releases import release_ref
from tests.bot.schedule_helpers import FakeClock, Recorder

GUILD, OTHER = 111, 222
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
NEW_YORK, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")


def local(instant: datetime, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


# -- milestone math ----------------------------------------------------------------------------

def test_milestones_are_absolute_days_before_in_time_order() -> None:
    release = datetime(2026, 6, 5, 18, 0, tzinfo=UTC)
    got = milestones(release)
    assert [name for name, _ in got] == ["30d", "7d", "1d", "release"]
    assert [release - at for _, at in got] == [timedelta(days=d) for d in (30, 7, 1, 0)]


def test_new_york_release_across_the_march_switch() -> None:
    # 2026-03-08: New York moves from EST (UTC-5) to EDT (UTC-4)
    release, zone = parse_release_time("2026-03-10", "09:00", "america/new_york", T0)
    assert zone == "America/New_York" and release == datetime(2026, 3, 10, 13, 0, tzinfo=UTC)
    got = {name: local(at, NEW_YORK) for name, at in milestones(release)}
    assert got == {
        "30d": "2026-02-08 08:00 EST",  # exactly 30 × 24 h earlier: an hour earlier on the wall
        "7d": "2026-03-03 08:00 EST",
        "1d": "2026-03-09 09:00 EDT",  # after the switch: same wall-clock time again
        "release": "2026-03-10 09:00 EDT",
    }


def test_london_release_across_the_march_switch_and_new_york_in_november() -> None:
    # 2026-03-29: London moves from GMT to BST; 2026-11-01: New York back to EST
    release, _ = parse_release_time("2026-04-01", "19:00", "Europe/London", T0)
    assert release == datetime(2026, 4, 1, 18, 0, tzinfo=UTC)
    got = {name: local(at, LONDON) for name, at in milestones(release)}
    assert got["7d"] == "2026-03-25 18:00 GMT" and got["1d"] == "2026-03-31 19:00 BST"
    release, _ = parse_release_time("2026-11-03", "20:00", "America/New_York", T0)
    got = {name: local(at, NEW_YORK) for name, at in milestones(release)}
    assert got["7d"] == "2026-10-27 21:00 EDT" and got["release"] == "2026-11-03 20:00 EST"


def test_shipped_titles_need_a_day_and_guild_releases_always_count() -> None:
    titles = [Title("a", "A", "film", release_at=T0), Title("b", "B", "film"),
              Title("c", "C", "game", release_at=T0, release_precision="year")]
    found = releases_from(titles, [GuildRelease(7, GUILD, "Party", T0)], T0)
    assert found == [Release("title:a", "A", T0), Release("guild:7", "Party", T0, GUILD, event=True)]
    assert releases_from(titles, [], T0, since=T0) == []  # "a" is not after the horizon


# -- the catch-up rules (pure) -----------------------------------------------------------------

def subscriber(sub_id: int, since: datetime, guild: int = GUILD) -> Subscribed:
    return Subscribed(Subscription(sub_id, guild, 1000 + sub_id), since)


RELEASE = Release("guild:1", "Premiere", datetime(2026, 3, 1, 12, 0, tzinfo=UTC), GUILD)
AT = dict(milestones(RELEASE.release_at))


def test_fresh_subscription_and_release_seconds_ahead_get_only_the_release() -> None:
    now = RELEASE.release_at + timedelta(seconds=1)
    seen = RELEASE.release_at - timedelta(seconds=3)
    entries = decide(RELEASE, seen, [subscriber(1, seen - timedelta(seconds=5))], set(),
                     now - CATCH_UP, now)
    assert [(e.milestone, e.status, e.late) for e in entries] == [("release", CLAIMED, False)]


def test_after_downtime_only_the_latest_posts_late_and_the_rest_are_skipped() -> None:
    now = AT["1d"] + timedelta(hours=2)  # offline from before "30d" until after "1d"
    old = RELEASE.release_at - timedelta(days=60)
    entries = decide(RELEASE, old, [subscriber(1, old)], set(), now - CATCH_UP, now)
    assert [(e.milestone, e.status, e.late) for e in entries] == [
        ("7d", SKIPPED, False), ("1d", CLAIMED, True)]  # "30d" is older than the catch-up window


def test_grace_decides_on_time_and_recorded_rows_are_never_redone() -> None:
    old = RELEASE.release_at - timedelta(days=60)
    sub = [subscriber(1, old)]
    on_time = decide(RELEASE, old, sub, set(), AT["7d"] - timedelta(seconds=1), AT["7d"] + GRACE)
    assert [(e.milestone, e.late) for e in on_time] == [("7d", False)]
    late = decide(RELEASE, old, sub, set(), AT["7d"] - timedelta(seconds=1),
                  AT["7d"] + GRACE + timedelta(seconds=1))
    assert [(e.milestone, e.late) for e in late] == [("7d", True)]
    assert decide(RELEASE, old, sub, {(1, "7d")}, AT["7d"] - timedelta(seconds=1), AT["7d"]) == []
    # a milestone older than one already recorded never posts, even if it is missing
    assert decide(RELEASE, old, sub, {(1, "1d")}, AT["30d"] - timedelta(1), AT["1d"]) == []


def test_milestones_before_the_subscription_or_the_date_was_known_never_post() -> None:
    now = AT["7d"] + timedelta(seconds=5)
    after = AT["30d"] - timedelta(days=1)
    late_sub = subscriber(1, AT["30d"] + timedelta(days=1))
    early_sub = subscriber(2, AT["30d"] - timedelta(days=40))
    entries = decide(RELEASE, RELEASE.release_at - timedelta(days=60), [late_sub, early_sub], set(),
                     after, now)
    # "30d" is 23 days back: outside the catch-up window, so not even recorded as skipped
    assert {(e.subscription_id, e.milestone, e.status) for e in entries} == {
        (1, "7d", CLAIMED), (2, "7d", CLAIMED)}
    seen_late = decide(RELEASE, AT["30d"] + timedelta(days=2), [early_sub], set(), after, now)
    assert [(e.milestone, e.status) for e in seen_late] == [("7d", CLAIMED)]


# -- the scheduler over a real store -----------------------------------------------------------

async def make(store: Store, clock: FakeClock, recorder: Recorder) -> Scheduler:
    return Scheduler(store, recorder, clock=clock)


async def test_each_milestone_posts_once_on_time_and_a_restart_posts_nothing(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    sub, _ = await store.announcements.subscribe(GUILD, 5, 9, now=T0)
    release_at = T0 + timedelta(days=40)
    release, _ = await store.releases.add(GUILD, "Premiere", release_at, now=T0)
    scheduler = await make(store, clock, recorder)
    expected = milestones(release_at)
    for _, instant in expected:
        assert await scheduler.step() == instant
        clock.set(instant + timedelta(milliseconds=200))
    assert await scheduler.step() is None
    assert [(a.milestone, a.late, a.release.name, a.subscription.role_id) for a in recorder.posted] == [
        (name, False, "Premiere", 9) for name, _ in expected]
    ledger = await store.announcements.ledger(sub.id)
    assert {(e.release_ref, e.milestone, e.status) for e in ledger} == {
        (release_ref(release.id), name, POSTED) for name, _ in expected}
    assert all(e.message_id for e in ledger)

    restarted = await make(store, clock, recorder)  # same instant, fresh memory
    await restarted.step()
    assert len(recorder.posted) == 4


async def test_catch_up_after_downtime_posts_the_latest_late(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    release_at = T0 + timedelta(days=20)
    await store.releases.add(GUILD, "Premiere", release_at, now=T0)
    before = await make(store, clock, recorder)
    assert await before.step() == release_at - timedelta(days=7)  # "30d" was before it was known
    # the bot is down from here until half a day before the release
    clock.set(release_at - timedelta(hours=12))
    after = await make(store, clock, recorder)
    assert await after.step() == release_at
    assert [(a.milestone, a.late_cause) for a in recorder.posted] == [("1d", "offline")]
    statuses = {e.milestone: e.status for e in await store.announcements.ledger()}
    assert statuses == {"7d": SKIPPED, "1d": POSTED}


async def test_across_the_dst_switch_on_time_then_caught_up(store: Store) -> None:
    clock, recorder = FakeClock(datetime(2026, 2, 1, tzinfo=UTC)), Recorder()
    await store.announcements.subscribe(GUILD, 5, None, now=clock.now())
    release_at, _ = parse_release_time("2026-03-10", "09:00", "America/New_York", clock.now())
    await store.releases.add(GUILD, "NY premiere", release_at, "America/New_York", now=clock.now())
    scheduler = await make(store, clock, recorder)
    due = await scheduler.step()
    assert due is not None and local(due, NEW_YORK) == "2026-02-08 08:00 EST"
    clock.set(due)
    due = await scheduler.step()
    assert due is not None and local(due, NEW_YORK) == "2026-03-03 08:00 EST"
    # down from before the "7d" reminder until 09:30 EDT the day before, past the switch
    clock.set(datetime(2026, 3, 9, 9, 30, tzinfo=NEW_YORK))
    restarted = await make(store, clock, recorder)
    assert await restarted.step() == release_at
    assert [(a.milestone, a.late, local(a.instant, NEW_YORK)) for a in recorder.posted] == [
        ("30d", False, "2026-02-08 08:00 EST"), ("1d", True, "2026-03-09 09:00 EDT")]
    statuses = {e.milestone: e.status for e in await store.announcements.ledger()}
    assert statuses == {"30d": POSTED, "7d": SKIPPED, "1d": POSTED}


async def test_shipped_titles_go_to_every_guild_and_guild_releases_stay_home(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    await store.announcements.subscribe(OTHER, 6, None, now=T0)
    release_at = T0 + timedelta(hours=1)
    await store.releases.add(GUILD, "Home game", release_at, now=T0)
    await store.catalog.sync(Knowledge(titles=[Title("x", "Film X", "film", release_at=release_at)]))
    scheduler = await make(store, clock, recorder)
    assert await scheduler.step() == release_at
    clock.set(release_at)
    await scheduler.step()
    assert sorted((a.subscription.channel_id, a.release.name) for a in recorder.posted) == [
        (5, "Film X"), (5, "Home game"), (6, "Film X")]
    assert scheduler.next_due() is None


async def test_a_title_dated_late_gets_no_stale_milestones(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    await store.announcements.subscribe(GUILD, 5, None, now=T0 - timedelta(days=100))
    scheduler = await make(store, clock, recorder)
    assert await scheduler.step() is None
    release_at = T0 + timedelta(days=20)  # a date announced 20 days ahead, while running
    await store.catalog.sync(Knowledge(titles=[Title("x", "Film X", "film", release_at=release_at)]))
    scheduler.notify()
    assert await scheduler.step() == release_at - timedelta(days=7)
    restarted = await make(store, clock, recorder)  # the date was seen at T0, not at the restart
    clock.set(T0 + timedelta(days=1))
    assert await restarted.step() == release_at - timedelta(days=7)
    assert recorder.posted == []


async def test_a_forbidden_channel_disables_its_subscription_only(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(gone={5})
    bad, _ = await store.announcements.subscribe(GUILD, 5, None, now=T0)
    good, _ = await store.announcements.subscribe(GUILD, 6, None, now=T0)
    release_at = T0 + timedelta(days=3)
    await store.releases.add(GUILD, "Premiere", release_at, now=T0)
    scheduler = await make(store, clock, recorder)
    clock.set(await scheduler.step() or T0)  # the "1d" milestone
    await scheduler.step()
    clock.set(release_at)
    await scheduler.step()
    assert [(a.subscription.channel_id, a.milestone) for a in recorder.posted] == [
        (6, "1d"), (6, "release")]
    assert recorder.attempts.count(5) == 1  # tried once, never again
    listed = {s.channel_id: s for s in await store.announcements.for_guild(GUILD)}
    assert not listed[5].enabled and "2026-01-03" in (listed[5].disabled_reason or "")
    assert listed[6].enabled
    statuses = {(e.subscription_id, e.milestone): e.status for e in await store.announcements.ledger()}
    assert statuses[(bad.id, "1d")] == FAILED and statuses[(good.id, "release")] == POSTED


async def test_a_claim_is_never_posted_again_even_if_the_post_never_happened(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(explode=True)
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    release_at = T0 + timedelta(minutes=5)
    await store.releases.add(GUILD, "Premiere", release_at, now=T0)
    scheduler = await make(store, clock, recorder)
    clock.set(release_at)
    await scheduler.step()  # the poster blows up after the claim committed
    recorder.explode = False
    await (await make(store, clock, recorder)).step()
    assert recorder.posted == []
    [entry] = await store.announcements.ledger()
    assert entry.milestone == "release" and entry.status == FAILED


async def test_two_schedulers_on_one_database_post_once(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(delay=0.01)
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    release_at = T0 + timedelta(minutes=5)
    await store.releases.add(GUILD, "Premiere", release_at, now=T0)
    first, second = await make(store, clock, recorder), await make(store, clock, recorder)
    clock.set(release_at)
    await asyncio.gather(first.step(), second.step())
    assert [a.milestone for a in recorder.posted] == ["release"]


async def test_the_task_sleeps_until_due_and_wakes_on_changes(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    scheduler = await make(store, clock, recorder)
    task = asyncio.create_task(scheduler.run())
    try:
        await clock.wait_for_sleep(1)
        assert clock.sleeps[-1] is None  # nothing to announce: sleeps until woken
        await store.announcements.subscribe(GUILD, 5, None, now=T0)
        release_at = T0 + timedelta(hours=2)
        await store.releases.add(GUILD, "Premiere", release_at, now=T0)
        scheduler.notify()
        await clock.wait_for_sleep(2)
        assert clock.sleeps[-1] == release_at
        clock.set(release_at + timedelta(milliseconds=5))
        await clock.wait_for_sleep(3)
        assert [(a.milestone, a.late) for a in recorder.posted] == [("release", False)]
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_system_clock_wakes_on_the_event_or_at_the_time() -> None:
    clock, wake = SystemClock(), asyncio.Event()
    start = clock.now()
    await clock.sleep_until(start + timedelta(milliseconds=30), wake)
    assert clock.now() >= start + timedelta(milliseconds=30)
    asyncio.get_running_loop().call_later(0.01, wake.set)
    await asyncio.wait_for(clock.sleep_until(None, wake), 1)


async def test_system_clock_notices_a_wall_clock_jump_within_a_nap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the loop's timer is monotonic: a suspended host or a stepped wall clock leaves it
    # behind, so a sleep looks at the wall clock again at least every minute
    assert SystemClock.MAX_NAP <= 60
    monkeypatch.setattr(SystemClock, "MAX_NAP", 0.05)
    clock, wake = SystemClock(), asyncio.Event()
    start = clock.now()
    sleeping = asyncio.create_task(clock.sleep_until(start + timedelta(minutes=5), wake))
    await asyncio.sleep(0.1)
    assert not sleeping.done()  # nap after nap, until the time ...
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(minutes=6))  # ... or a jump past it
    await asyncio.wait_for(sleeping, 1)


def test_announcement_is_plain_data() -> None:
    item = Announcement(Subscription(1, GUILD, 5), RELEASE, "7d", AT["7d"], False)
    assert item.release.ref == "guild:1" and PostResult("posted", 3).message_id == 3


async def test_a_guild_scoped_change_reloads_that_guild_only(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    await store.announcements.subscribe(OTHER, 6, None, now=T0)
    release_at = T0 + timedelta(hours=3)
    await store.releases.add(GUILD, "Home game", release_at, now=T0)
    scheduler = await make(store, clock, recorder)
    assert await scheduler.step() is None  # nobody in GUILD listens yet
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    scheduler.notify(releases=False, subscriptions=True, guild_id=GUILD)
    assert await scheduler.step() == release_at
    await store.announcements.unsubscribe(GUILD, 5)
    scheduler.notify(releases=False, subscriptions=True, guild_id=GUILD)
    assert await scheduler.step() is None
