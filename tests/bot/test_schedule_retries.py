"""The scheduler's retries: a post Discord could not take is tried again, once, and only
while it still holds."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot import schedule
from bot.schedule import GRACE, RETRY_POST, Scheduler, SystemClock
from bot.store import Store
from bot.store.announcements import CLAIMED, FAILED, POSTED
from bot.timeutil import utcnow
from cogs.countdown import announcement_message
from tests.bot.schedule_helpers import FakeClock, Recorder
from tests.bot.test_schedule import GUILD, T0, make


async def _attempts(recorder: Recorder, count: int) -> None:
    """Wait until the poster was called `count` times (a retry runs in its own task)."""
    for _ in range(500):
        if len(recorder.attempts) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{len(recorder.attempts)} attempts, not {count}")


async def _settled_ledger(store: Store) -> list[tuple[str, str]]:
    for _ in range(500):
        entries = await store.announcements.ledger()
        if entries and all(e.status != CLAIMED for e in entries):
            return [(e.milestone, e.status) for e in entries]
        await asyncio.sleep(0.01)
    raise AssertionError("the ledger never settled")


async def _premiere_due(store: Store, clock: FakeClock) -> datetime:
    """A channel subscribed, a release 5 minutes after T0, and the clock at its instant."""
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    release_at = T0 + timedelta(minutes=5)
    await store.releases.add(GUILD, "Premiere", release_at, now=T0)
    clock.set(release_at)
    return release_at


async def test_a_post_discord_could_not_take_is_tried_again_and_posted_once(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(busy=2)
    release_at = await _premiere_due(store, clock)
    # Discord answers 503: the row stays claimed, a retry waits
    await (await make(store, clock, recorder)).step()
    assert recorder.posted == [] and len(recorder.attempts) == 1
    [entry] = await store.announcements.ledger()
    assert entry.status == CLAIMED
    await (await make(store, clock, recorder)).step()  # meanwhile a restart posts nothing
    assert len(recorder.attempts) == 1
    clock.set(release_at + RETRY_POST[0])
    await _attempts(recorder, 2)  # 503 again
    clock.set(release_at + RETRY_POST[0] + RETRY_POST[1])
    assert await _settled_ledger(store) == [("release", POSTED)]
    assert [a.milestone for a in recorder.posted] == ["release"] and len(recorder.attempts) == 3


async def test_a_post_that_never_goes_through_fails_and_keeps_the_subscription(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(busy=99)
    await _premiere_due(store, clock)
    await (await make(store, clock, recorder)).step()
    for tries, delay in enumerate(RETRY_POST, start=2):
        clock.set(clock.now() + delay)
        await _attempts(recorder, tries)
    assert await _settled_ledger(store) == [("release", FAILED)]
    assert len(recorder.attempts) == 1 + len(RETRY_POST)
    [subscription] = await store.announcements.for_guild(GUILD)
    assert subscription.enabled


@pytest.mark.parametrize("change", ["unsubscribed", "moved", "removed"])
async def test_a_retry_does_not_post_what_changed_meanwhile(store: Store, change: str) -> None:
    clock, recorder = FakeClock(T0), Recorder(busy=1)
    release_at = await _premiere_due(store, clock)
    await (await make(store, clock, recorder)).step()
    if change == "unsubscribed":  # and a new channel subscribed, which may get the same id
        await store.announcements.unsubscribe(GUILD, 5)
        await store.announcements.subscribe(GUILD, 6, None, now=clock.now())
    elif change == "moved":
        await store.releases.add(GUILD, "Premiere", release_at + timedelta(days=1), now=T0)
    else:
        await store.releases.remove(GUILD, "Premiere")
    clock.set(release_at + RETRY_POST[0])
    await asyncio.sleep(0.05)
    assert recorder.posted == [] and len(recorder.attempts) == 1


async def test_a_retry_past_the_grace_is_marked_late(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(busy=2)
    release_at = await _premiere_due(store, clock)
    await (await make(store, clock, recorder)).step()
    clock.set(release_at + RETRY_POST[0])
    await _attempts(recorder, 2)
    clock.set(release_at + RETRY_POST[0] + RETRY_POST[1])  # 2.5 minutes after the instant
    await _attempts(recorder, 3)
    assert RETRY_POST[0] + RETRY_POST[1] > GRACE
    # and says why: the bot was online, Discord held it up
    assert [(a.milestone, a.late_cause) for a in recorder.posted] == [("release", "discord")]
    assert announcement_message(recorder.posted[0])[0].endswith("(late: Discord couldn't take it on time)")


async def test_a_retry_that_finds_the_channel_gone_disables_it(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(busy=1, gone={5})
    release_at = await _premiere_due(store, clock)
    await (await make(store, clock, recorder)).step()
    clock.set(release_at + RETRY_POST[0])
    assert await _settled_ledger(store) == [("release", FAILED)]
    [subscription] = await store.announcements.for_guild(GUILD)
    assert not subscription.enabled and "lost access" in (subscription.disabled_reason or "")


async def test_stopping_the_scheduler_leaves_a_waiting_retry_claimed(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder(busy=1)
    release_at = await _premiere_due(store, clock)
    task = asyncio.create_task((await make(store, clock, recorder)).run())
    await _attempts(recorder, 1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    clock.set(release_at + RETRY_POST[0])
    await asyncio.sleep(0.05)
    assert recorder.posted == []
    [entry] = await store.announcements.ledger()
    assert entry.status == CLAIMED  # at most once: like a crash, it is never posted again


async def test_retries_wait_their_whole_delay_not_one_nap(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # scaled down: naps of a minute against waits of 30 s, 2 and 10 minutes
    monkeypatch.setattr(SystemClock, "MAX_NAP", 0.05)
    monkeypatch.setattr(schedule, "RETRY_POST", (timedelta(seconds=0.1), timedelta(seconds=0.4),
                                                 timedelta(seconds=2)))
    now = utcnow()
    await store.announcements.subscribe(GUILD, 5, None, now=now - timedelta(minutes=1))
    await store.releases.add(GUILD, "Premiere", now, now=now - timedelta(minutes=1))
    recorder = Recorder(busy=99)  # Discord answers 5xx every time
    running = asyncio.create_task(Scheduler(store, recorder, clock=SystemClock()).run())
    await asyncio.sleep(1.0)  # well short of the 2.5 s the three waits add up to
    attempts = len(recorder.attempts)
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    assert attempts == 3  # the first try and two retries, not all four


async def test_a_sleep_cancelled_just_as_it_is_woken_still_ends() -> None:
    """Python 3.11's wait_for returned normally from such a cancel, so the scheduler task
    kept running and the bot's close waited for it (the test suite hung in teardown)."""
    for _ in range(20):
        wake = asyncio.Event()
        nap = asyncio.create_task(SystemClock().sleep_until(utcnow() + timedelta(hours=1), wake))
        await asyncio.sleep(0.001)  # napping
        wake.set()  # the wait wakes ...
        nap.cancel()  # ... and the cancel lands before the nap has run again
        with pytest.raises(asyncio.CancelledError):
            await nap
