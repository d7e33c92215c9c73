"""Which date a release has: a guild's date for a TBA title (kept once the shipped data
dates it), and a date moved back to one it had."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.models import GuildRelease, Knowledge, Title
from bot.schedule import Scheduler, releases_from
from bot.store import Store
from tests.bot.schedule_helpers import FakeClock, Recorder
from tests.bot.test_schedule import GUILD, OTHER, T0, make


def test_a_guild_release_dating_an_undated_title_is_no_event() -> None:
    """Named like a TBA (or year-only, still to come) title it is that title's date here,
    which comes out; named like a dated title, or one out in an earlier year, it is the
    server's own event (a rewatch), which starts."""
    titles = [Title("a", "A", "film", release_at=T0), Title("b", "B", "film"),
              Title("c", "C", "game", release_at=T0.replace(year=2027), release_precision="year"),
              Title("d", "D", "game", release_at=T0.replace(year=2017), release_precision="year"),
              Title("e", "E", "game", release_at=T0, release_precision="year")]  # this year: out
    found = releases_from(titles, [GuildRelease(1, GUILD, "b", T0), GuildRelease(2, GUILD, "C", T0),
                                   GuildRelease(3, GUILD, "A", T0), GuildRelease(4, GUILD, "d", T0),
                                   GuildRelease(5, GUILD, "e", T0)],
                          T0)
    assert [(r.ref, r.event) for r in found if r.guild_id] == [
        ("guild:1", False), ("guild:2", False), ("guild:3", True), ("guild:4", True),
        ("guild:5", True)]


def test_a_guild_date_for_a_tba_title_stays_its_date_once_the_shipped_data_dates_it() -> None:
    dated = [Title("jw5", "John Wick: Chapter 5", "film", release_at=T0 + timedelta(days=9))]
    own = GuildRelease(1, GUILD, "John Wick: Chapter 5", T0 + timedelta(days=7), title_key="jw5")
    rewatch = GuildRelease(2, OTHER, "John Wick: Chapter 5", T0)  # added once it was dated
    shipped, guild, event = releases_from(dated, [own, rewatch], T0)
    assert (guild.ref, guild.event, event.ref, event.event) == ("guild:1", False, "guild:2", True)
    assert shipped.other_dates == {GUILD}  # that guild counts down to its own date only


@pytest.mark.parametrize("whose", ["guild", "shipped"])
async def test_a_date_moved_back_gets_no_milestones_that_passed_while_it_was_elsewhere(
        store: Store, whose: str) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    await store.announcements.subscribe(GUILD, 5, None, now=T0)

    async def date(release_at: datetime) -> None:
        if whose == "guild":
            await store.releases.add(GUILD, "Premiere", release_at, now=clock.now())
        else:  # a bot update with a new date in faq_data/
            await store.catalog.sync(Knowledge(titles=[
                Title("premiere", "Premiere", "film", release_at=release_at)]))

    day = T0 + timedelta(days=40)
    await date(day)
    scheduler = await make(store, clock, recorder)
    await scheduler.step()
    clock.set(day - timedelta(days=30))
    await scheduler.step()  # "30d", on time
    clock.set(day - timedelta(days=20))  # postponed by 20 days ...
    await date(day + timedelta(days=20))
    scheduler.notify()
    await scheduler.step()
    clock.set(day - timedelta(days=5))  # ... and back: the week before passed meanwhile
    await date(day)
    scheduler.notify()
    await scheduler.step()
    clock.set(day)
    await scheduler.step()
    posted = [(a.milestone, a.late) for a in recorder.posted if a.release.release_at == day]
    assert posted == [("30d", False), ("release", False)]  # no late "one week to go"


async def _dated_by_a_guild(store: Store, clock: FakeClock, recorder: Recorder,
                            own_date: datetime, shipped_date: datetime) -> Scheduler:
    """GUILD (subscribed in channel 5) dated the TBA title jw5; a bot update then dates it."""
    await store.announcements.subscribe(GUILD, 5, None, now=T0)
    await store.releases.add(GUILD, "John Wick: Chapter 5", own_date, now=T0, title_key="jw5")
    await store.catalog.sync(Knowledge(titles=[
        Title("jw5", "John Wick: Chapter 5", "film", release_at=shipped_date)]))
    scheduler = await make(store, clock, recorder)
    await scheduler.step()
    return scheduler


async def test_a_guild_that_dated_a_tba_title_is_told_of_its_own_date_only(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    await store.announcements.subscribe(OTHER, 6, None, now=T0)
    own_date, shipped_date = T0 + timedelta(days=3), T0 + timedelta(days=5)
    scheduler = await _dated_by_a_guild(store, clock, recorder, own_date, shipped_date)
    for instant in (own_date - timedelta(days=1), own_date, shipped_date - timedelta(days=1),
                    shipped_date):
        clock.set(instant)
        await scheduler.step()
    posted = [(a.subscription.channel_id, a.release.release_at, a.milestone, a.release.event)
              for a in recorder.posted]
    assert posted == [(5, own_date, "1d", False), (5, own_date, "release", False),
                      (6, shipped_date, "1d", False), (6, shipped_date, "release", False)]


async def test_a_guild_date_long_past_still_keeps_the_shipped_date_away(store: Store) -> None:
    clock, recorder = FakeClock(T0), Recorder()
    own_date, shipped_date = T0 + timedelta(days=3), T0 + timedelta(days=40)
    scheduler = await _dated_by_a_guild(store, clock, recorder, own_date, shipped_date)
    for instant in (own_date, shipped_date - timedelta(days=30), shipped_date):
        clock.set(instant)
        scheduler.notify()  # a reload (a change, a restart) looks back CATCH_UP only
        await scheduler.step()
    assert [(a.release.ref, a.milestone) for a in recorder.posted] == [("guild:1", "release")]
