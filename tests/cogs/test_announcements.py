"""Release announcements end to end: subscribe through /countdown-admin, then the scheduler posts
to the fake Discord on time, once, survives restarts, catches up late, and drops forbidden channels.

Releases are put a few seconds ahead straight into the store (the command takes HH:MM), then
the cog is told exactly as /countdown-admin tells it: the "countdown_changed" event.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot import schedule
from bot.schedule import Scheduler
from bot.store import Store
from bot.store.announcements import CLAIMED, POSTED, SKIPPED, LedgerEntry
from bot.timeutil import utcnow
from tests.cogs.conftest import Harness

EPHEMERAL = 64


async def admin(harness: Harness, sub: str, **options: Any) -> str:
    ix = await harness.fake.send_slash_command(f"countdown-admin {sub}", options, user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(ix)
    assert body["data"]["flags"] & EPHEMERAL
    return str(body["data"]["content"])


async def add_release(harness: Harness, title: str, release_at: datetime) -> None:
    await harness.bot.store.releases.add(harness.guild_id, title, release_at)
    harness.bot.dispatch("countdown_changed", harness.guild_id, True, False)


def scheduler(harness: Harness) -> Scheduler:
    found = getattr(harness.bot.get_cog("Countdown"), "scheduler", None)  # the cog module is
    assert isinstance(found, Scheduler)  # re-imported on each start, so no isinstance on it
    return found


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> None:
    for _ in range(int(seconds * 50)):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"still not true after {seconds} s")


async def settled(harness: Harness) -> None:
    """Wait until the running scheduler has finished a step (its catch-up included)."""
    async def done() -> bool:
        return scheduler(harness).passes >= 1
    await eventually(done)


async def disabled(harness: Harness) -> bool:
    return not await harness.bot.store.announcements.active()


async def ledger(harness: Harness, subscription_id: int | None = None) -> list[LedgerEntry]:
    """The ledger once the posts in flight are settled (the POST lands just before that)."""
    entries: list[LedgerEntry] = []

    async def settled_rows() -> bool:
        nonlocal entries
        entries = await harness.bot.store.announcements.ledger(subscription_id)
        return all(e.status != CLAIMED for e in entries)

    await eventually(settled_rows)
    return entries


async def test_a_release_seconds_ahead_is_announced_on_time_once(harness: Harness) -> None:
    fake, channel = harness.fake, harness.announcements_channel_id
    role = await fake.create_role(harness.guild_id, "Release pings", mentionable=True)
    reply = await admin(harness, "subscribe", channel=channel, role=int(role["id"]))
    assert reply.startswith(f"<#{channel}> will get release announcements, pinging <@&{role['id']}>")

    release_at = utcnow() + timedelta(seconds=3)
    await add_release(harness, "Surprise screening", release_at)
    [body] = await fake.wait_for_channel_message(channel, timeout=10)
    arrived = utcnow()
    assert release_at <= arrived <= release_at + timedelta(seconds=2), arrived - release_at
    # only the "release" milestone: the others had passed before the date was known
    assert body["content"] == f"<@&{role['id']}> It's here: Surprise screening"
    mentions = body["allowed_mentions"]
    assert mentions["parse"] == [] and [int(r) for r in mentions["roles"]] == [int(role["id"])]
    embed = body["embeds"][0]
    stamp = int(release_at.timestamp())
    assert embed["title"] == "Surprise screening"
    assert f"<t:{stamp}:F>" in embed["description"] and f"<t:{stamp}:R>" in embed["description"]
    assert "It's starting now!" in embed["description"]  # the server's own event: it starts
    assert "(late" not in body["content"]
    [entry] = await ledger(harness)
    assert (entry.milestone, entry.status, entry.late) == ("release", POSTED, False)
    assert entry.message_id == int(fake.channel_messages(channel)[0]["id"])

    await harness.restart()  # a new process on the same database, right after
    await settled(harness)
    await asyncio.sleep(0.2)
    assert len(fake.channel_posts(channel)) == 1


async def test_subscribing_again_without_the_role_says_the_ping_is_gone(harness: Harness) -> None:
    fake, channel = harness.fake, harness.announcements_channel_id
    role = await fake.create_role(harness.guild_id, "Release pings", mentionable=True)
    await admin(harness, "subscribe", channel=channel, role=int(role["id"]))
    again = await admin(harness, "subscribe", channel=channel)
    assert f"no role is pinged any more (it pinged <@&{role['id']}>)" in again
    [subscription] = await harness.bot.store.announcements.for_guild(harness.guild_id)
    assert subscription.role_id is None
    same = await admin(harness, "subscribe", channel=channel)  # nothing was pinged before
    assert same == f"<#{channel}> already gets release announcements; updated it."


async def test_without_a_role_nothing_pings(harness: Harness) -> None:
    await admin(harness, "subscribe", channel=harness.announcements_channel_id)
    await add_release(harness, "Quiet premiere", utcnow() + timedelta(seconds=1))
    [body] = await harness.fake.wait_for_channel_message(harness.announcements_channel_id, timeout=10)
    assert body["content"] == "It's here: Quiet premiere"
    assert body["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize("while_away", [False, True])
async def test_a_deleted_role_is_pinged_no_more(harness: Harness, while_away: bool) -> None:
    fake, channel = harness.fake, harness.announcements_channel_id
    if while_away:  # stored with a role the guild no longer has: no GUILD_ROLE_DELETE came
        await harness.bot.store.announcements.subscribe(harness.guild_id, channel, 424242)
        harness.bot.dispatch("countdown_changed", harness.guild_id, False, True)
    else:
        role = await fake.create_role(harness.guild_id, "Release pings", mentionable=True)
        await admin(harness, "subscribe", channel=channel, role=int(role["id"]))
        await fake.delete_role(harness.guild_id, int(role["id"]))

        async def forgotten() -> bool:
            [subscription] = await harness.bot.store.announcements.for_guild(harness.guild_id)
            return subscription.role_id is None
        await eventually(forgotten)
    await add_release(harness, "Quiet premiere", utcnow() + timedelta(seconds=1))
    [body] = await fake.wait_for_channel_message(channel, timeout=10)
    assert body["content"] == "It's here: Quiet premiere"  # no "@deleted-role"
    assert body["allowed_mentions"] == {"parse": []}
    [subscription] = await harness.bot.store.announcements.for_guild(harness.guild_id)
    assert subscription.role_id is None and subscription.enabled


async def test_a_new_date_for_a_tba_title_comes_out_rather_than_starts(harness: Harness) -> None:
    channel = harness.announcements_channel_id
    await admin(harness, "subscribe", channel=channel)
    await add_release(harness, "John Wick: Chapter 5", utcnow() + timedelta(seconds=1))
    [body] = await harness.fake.wait_for_channel_message(channel, timeout=10)
    assert body["content"] == "It's here: John Wick: Chapter 5"
    assert "It's out now!" in body["embeds"][0]["description"]


async def test_after_downtime_only_the_latest_missed_milestone_posts_late(harness: Harness) -> None:
    channel = harness.announcements_channel_id
    await harness.stop()
    now = utcnow()
    store = await Store.open(harness.db_path)  # written while the bot is down
    try:
        sub, _ = await store.announcements.subscribe(harness.guild_id, channel, None,
                                                     now=now - timedelta(days=20))
        await store.releases.add(harness.guild_id, "Festival", now + timedelta(hours=12),
                                 now=now - timedelta(days=20))
    finally:
        await store.close()
    await harness.start()
    [body] = await harness.fake.wait_for_channel_message(channel, timeout=10)
    assert body["content"] == "Tomorrow: Festival (late: the bot was offline)"
    assert "*(late: the bot was offline)*" in body["embeds"][0]["description"]
    rows = {e.milestone: e for e in await ledger(harness, sub.id)}
    assert rows["7d"].status == SKIPPED and rows["1d"].status == POSTED and rows["1d"].late
    assert "30d" not in rows  # older than the catch-up window
    await harness.restart()
    await settled(harness)
    assert len(harness.fake.channel_posts(channel)) == 1


async def test_a_forbidden_channel_is_disabled_not_retried(harness: Harness) -> None:
    fake, channel = harness.fake, harness.announcements_channel_id
    await admin(harness, "subscribe", channel=channel)
    fake.set_channel_error(channel, 50013)  # the bot lost Send Messages there
    await add_release(harness, "Premiere", utcnow() + timedelta(seconds=1))
    await fake.wait_until(lambda: [r for r in fake.channel_posts(channel) if r.status == 403], 10,
                          "a refused announcement")
    await eventually(lambda: disabled(harness))
    listing = await admin(harness, "subscriptions")
    assert f"<#{channel}>: **disabled**: the bot lost access to <#{channel}>" in listing
    assert "Missing Permissions" in listing

    await add_release(harness, "Encore", utcnow() + timedelta(seconds=1))
    await asyncio.sleep(1.5)
    assert len(fake.channel_posts(channel)) == 1  # never retried while disabled

    fake.set_channel_error(channel, None)
    again = await admin(harness, "subscribe", channel=channel)
    assert "gets release announcements again (it was disabled: the bot lost access" in again
    await add_release(harness, "Third time", utcnow() + timedelta(seconds=1))
    posts = await fake.wait_for_channel_message(channel, timeout=10, count=2)
    assert posts[-1]["content"] == "It's here: Third time"  # "Encore" passed while disabled


async def test_a_post_discord_cannot_take_now_lands_on_a_retry(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedule, "RETRY_POST", (timedelta(seconds=0.5),) * 3)
    fake, channel = harness.fake, harness.announcements_channel_id
    await admin(harness, "subscribe", channel=channel)
    fake.set_channel_error(channel, 503)
    await add_release(harness, "Premiere", utcnow() + timedelta(seconds=1))
    await fake.wait_until(lambda: [r for r in fake.channel_posts(channel) if r.status == 503], 10,
                          "a post Discord could not take")
    fake.set_channel_error(channel, None)
    [body] = await fake.wait_for_channel_message(channel, timeout=10)
    assert body["content"] == "It's here: Premiere"
    [entry] = await ledger(harness)
    assert entry.status == POSTED
    assert entry.message_id == int(fake.channel_messages(channel)[0]["id"])
    assert not await disabled(harness)


async def test_a_retry_after_a_lost_response_posts_nothing_twice(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedule, "RETRY_POST", (timedelta(seconds=0.5),) * 3)
    fake, channel = harness.fake, harness.announcements_channel_id
    await admin(harness, "subscribe", channel=channel)
    fake.lose_next_response(channel)  # the post is made, but the bot hears a 503
    await add_release(harness, "Premiere", utcnow() + timedelta(seconds=1))
    await fake.wait_until(lambda: len(fake.channel_posts(channel)) >= 2, 10, "the retry")
    [entry] = await ledger(harness)
    [message] = fake.channel_messages(channel)
    assert entry.status == POSTED and entry.message_id == int(message["id"])
    first, retry = fake.channel_posts(channel)
    assert (first.status, retry.status) == (503, 200)
    assert first.json["nonce"] == retry.json["nonce"] and retry.json["enforce_nonce"] is True


async def test_a_channel_deleted_while_the_bot_was_away_is_unsubscribed_at_its_next_post(
        harness: Harness) -> None:
    fake, channel = harness.fake, harness.announcements_channel_id
    await admin(harness, "subscribe", channel=channel)
    await harness.stop()
    await fake.delete_channel(channel)  # no CHANNEL_DELETE reaches the bot
    await harness.start()
    assert await harness.bot.store.announcements.for_guild(harness.guild_id)
    await add_release(harness, "Premiere", utcnow() + timedelta(seconds=1))

    async def gone() -> bool:  # not left disabled: no admin could pick it to unsubscribe
        return not await harness.bot.store.announcements.for_guild(harness.guild_id)
    await eventually(gone, 10)
    assert "No channel gets release announcements" in await admin(harness, "subscriptions")


async def test_deleting_a_subscribed_channel_unsubscribes_it(harness: Harness) -> None:
    fake, channel = harness.fake, harness.announcements_channel_id
    await admin(harness, "subscribe", channel=channel)
    assert await harness.bot.store.announcements.for_guild(harness.guild_id)
    await fake.delete_channel(channel)  # while subscribed

    async def gone() -> bool:
        return not await harness.bot.store.announcements.for_guild(harness.guild_id)
    await eventually(gone)
    assert "No channel gets release announcements" in await admin(harness, "subscriptions")
    # another channel's deletion is no business of the subscriptions
    await admin(harness, "subscribe", channel=harness.channel_id)
    other = fake.add_channel(harness.guild_id, "off-topic")
    await fake.delete_channel(int(other["id"]))
    await asyncio.sleep(0.2)
    assert len(await harness.bot.store.announcements.for_guild(harness.guild_id)) == 1
