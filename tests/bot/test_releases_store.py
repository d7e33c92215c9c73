"""Guild releases, subscriptions and the announcement ledger against a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import InvalidRelease, NotSubscribed, ReleaseNotFound
from bot.store import Store
from bot.store.announcements import CLAIMED, POSTED, SKIPPED, Existing, LedgerEntry
from bot.store.releases import MAX_RELEASES_PER_GUILD, release_ref

GUILD, OTHER = 111, 222
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=10)


async def test_add_lists_and_moves_a_release_by_title(store: Store) -> None:
    release, before = await store.releases.add(GUILD, "  Watch   party ", LATER, "Europe/London", now=NOW)
    assert before is None and release.title == "Watch   party"
    moved, before = await store.releases.add(GUILD, "WATCH PARTY", LATER + timedelta(days=1), now=NOW)
    assert before is not None and before.release_at == LATER
    assert moved.id == release.id and moved.release_at == LATER + timedelta(days=1)
    assert [r.release_at for r in await store.releases.for_guild(GUILD)] == [LATER + timedelta(days=1)]
    assert await store.releases.for_guild(OTHER) == []
    got = await store.releases.get(GUILD, "watch party")
    assert got.timezone == "UTC" and got.release_at.tzinfo is not None
    # the same title in another guild is another release
    other, _ = await store.releases.add(OTHER, "Watch party", LATER, now=NOW)
    assert other.id != release.id


async def test_each_date_is_seen_when_added(store: Store) -> None:
    release, _ = await store.releases.add(GUILD, "Premiere", LATER, now=NOW)
    ref = release_ref(release.id)
    seen = await store.announcements.seen([(ref, LATER)], now=NOW + timedelta(days=3))
    assert seen == {(ref, LATER): NOW}  # registered by add, not by the later look-up
    await store.releases.add(GUILD, "Premiere", LATER + timedelta(hours=1), now=NOW + timedelta(days=1))
    seen = await store.announcements.seen([(ref, LATER + timedelta(hours=1))])
    assert seen == {(ref, LATER + timedelta(hours=1)): NOW + timedelta(days=1)}


async def test_since_filters_by_instant(store: Store) -> None:
    await store.releases.add(GUILD, "a", NOW + timedelta(seconds=1), now=NOW)
    await store.releases.add(GUILD, "b", NOW + timedelta(microseconds=500), now=NOW)
    await store.releases.add(OTHER, "c", NOW + timedelta(days=2), now=NOW)
    assert [r.title for r in await store.releases.since(NOW + timedelta(microseconds=500))] == ["b", "a", "c"]
    assert [r.title for r in await store.releases.since(NOW + timedelta(seconds=1))] == ["a", "c"]


async def test_remove_takes_its_ledger_rows_and_unknown_titles_fail(store: Store) -> None:
    release, _ = await store.releases.add(GUILD, "Premiere", LATER, now=NOW)
    sub, _ = await store.announcements.subscribe(GUILD, 5, None, now=NOW)
    ref = release_ref(release.id)
    await store.announcements.claim([(ref, LATER)], lambda existing: [
        LedgerEntry(sub.id, ref, LATER, "release")])
    with pytest.raises(ReleaseNotFound):
        await store.releases.remove(OTHER, "Premiere")
    removed = await store.releases.remove(GUILD, "premiere")
    assert removed.id == release.id
    assert await store.announcements.ledger() == []
    with pytest.raises(ReleaseNotFound):
        await store.releases.get(GUILD, "Premiere")


async def test_release_count_is_capped_per_guild(store: Store) -> None:
    for number in range(MAX_RELEASES_PER_GUILD):
        await store.releases.add(GUILD, f"event {number}", LATER, now=NOW)
    with pytest.raises(InvalidRelease):
        await store.releases.add(GUILD, "one too many", LATER, now=NOW)
    await store.releases.add(GUILD, "event 3", LATER + timedelta(days=1), now=NOW)  # moving is fine


async def test_subscribe_change_role_disable_and_reenable(store: Store) -> None:
    sub, before = await store.announcements.subscribe(GUILD, 5, None, now=NOW)
    assert before is None and sub.enabled and sub.role_id is None
    again, before = await store.announcements.subscribe(GUILD, 5, 77, now=NOW + timedelta(days=1))
    assert before == sub and again.id == sub.id and again.role_id == 77
    [active] = await store.announcements.active()
    assert active.since == NOW  # changing the role keeps the start

    await store.announcements.disable({sub.id: "the bot lost access to <#5> on 2026-03-02"})
    [listed] = await store.announcements.for_guild(GUILD)
    assert not listed.enabled and listed.disabled_reason and "lost access" in listed.disabled_reason
    assert await store.announcements.active() == []

    back, before = await store.announcements.subscribe(GUILD, 5, None, now=NOW + timedelta(days=5))
    assert before is not None and not before.enabled
    assert back.enabled and back.disabled_reason is None
    [active] = await store.announcements.active()
    assert active.since == NOW + timedelta(days=5)  # re-enabled: nothing missed is replayed


async def test_unsubscribe_removes_the_ledger_and_unknown_channels_fail(store: Store) -> None:
    sub, _ = await store.announcements.subscribe(GUILD, 5, None, now=NOW)
    await store.announcements.claim([("title:x", LATER)], lambda existing: [
        LedgerEntry(sub.id, "title:x", LATER, "7d")])
    with pytest.raises(NotSubscribed):
        await store.announcements.unsubscribe(OTHER, 5)  # another guild can't touch it
    with pytest.raises(NotSubscribed):
        await store.announcements.unsubscribe(GUILD, 6)
    await store.announcements.unsubscribe(GUILD, 5)
    assert await store.announcements.for_guild(GUILD) == []
    assert await store.announcements.ledger() == []


async def test_claim_sees_existing_rows_and_the_key_refuses_duplicates(store: Store) -> None:
    sub, _ = await store.announcements.subscribe(GUILD, 5, None, now=NOW)
    key = ("title:x", LATER)
    seen_by_choose: list[Existing] = []

    def choose(existing: Existing) -> list[LedgerEntry]:
        seen_by_choose.append(existing)
        if (sub.id, "7d") in existing[key]:
            return []
        return [LedgerEntry(sub.id, *key, "30d", SKIPPED),
                LedgerEntry(sub.id, *key, "7d", CLAIMED, late=True)]

    first = await store.announcements.claim([key], choose)
    assert [e.milestone for e in first] == ["30d", "7d"]
    assert await store.announcements.claim([key], choose) == []
    assert seen_by_choose[1][key] == {(sub.id, "30d"), (sub.id, "7d")}
    with pytest.raises(sqlite3.IntegrityError):  # even a careless caller can't post twice
        await store.announcements.claim([key], lambda existing: [LedgerEntry(sub.id, *key, "7d")])
    await store.announcements.settle([LedgerEntry(sub.id, *key, "7d", POSTED, late=True, message_id=99)])
    rows = {e.milestone: e for e in await store.announcements.ledger(sub.id)}
    assert rows["7d"].status == POSTED and rows["7d"].message_id == 99 and rows["7d"].late
    assert rows["30d"].status == SKIPPED and rows["30d"].message_id is None


async def test_seen_is_first_seen_and_idempotent(store: Store) -> None:
    keys = [("title:a", LATER), ("title:b", LATER)]
    first = await store.announcements.seen(keys, now=NOW)
    second = await store.announcements.seen([*keys, ("title:a", LATER + timedelta(days=1))],
                                            now=NOW + timedelta(days=1))
    assert first == {key: NOW for key in keys}
    assert second[("title:a", LATER)] == NOW
    assert second[("title:a", LATER + timedelta(days=1))] == NOW + timedelta(days=1)
    assert await store.announcements.seen([]) == {}


async def test_prune_forgets_only_old_releases(store: Store) -> None:
    sub, _ = await store.announcements.subscribe(GUILD, 5, None, now=NOW)
    old, recent = ("title:old", NOW - timedelta(days=40)), ("title:new", NOW - timedelta(days=2))
    await store.announcements.seen([old, recent], now=NOW)
    await store.announcements.claim([old, recent], lambda existing: [
        LedgerEntry(sub.id, *old, "release"), LedgerEntry(sub.id, *recent, "release")])
    assert await store.announcements.prune(NOW - timedelta(days=30)) == 1
    assert [e.release_ref for e in await store.announcements.ledger()] == ["title:new"]
    seen = await store.announcements.seen([old, recent], now=NOW + timedelta(days=1))
    assert seen[recent] == NOW and seen[old] == NOW + timedelta(days=1)  # forgotten, seen anew


async def test_a_release_keeps_the_title_it_dates(store: Store) -> None:
    release, _ = await store.releases.add(GUILD, "John Wick: Chapter 5", LATER, now=NOW,
                                          title_key="jw5")
    assert release.title_key == "jw5"
    moved, _ = await store.releases.add(GUILD, "john wick: chapter 5", LATER + timedelta(days=1),
                                        now=NOW)  # the title has a date by now: still its date
    assert moved.title_key == "jw5" and (await store.releases.get(GUILD, "John Wick: Chapter 5")
                                         ).title_key == "jw5"


async def test_releases_named_like_a_tba_title_are_marked_as_dating_it(store: Store) -> None:
    await store.releases.add(GUILD, "John  Wick: Chapter 5!", LATER, now=NOW)
    await store.releases.add(OTHER, "Watch party", LATER, now=NOW)
    marked = await store.releases.mark_dated_titles({"john wick chapter 5": "jw5"})
    assert marked == 1
    assert [r.title_key for r in await store.releases.for_guild(GUILD)] == ["jw5"]
    assert [r.title_key for r in await store.releases.for_guild(OTHER)] == [None]
    assert await store.releases.mark_dated_titles({"john wick chapter 5": "jw5"}) == 0
