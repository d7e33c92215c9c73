"""/countdown, /releases and /countdown-admin through the fake Discord."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bot.timeutil import utcnow
from tests.cogs.conftest import Harness
from tests.fakediscord import Perm
from tests.fakediscord.models import ChannelType

EPHEMERAL = 64
AUTOCOMPLETE_RESULT = 8


async def run(harness: Harness, name: str, options: dict[str, Any] | None = None,
              user_id: int | None = None) -> dict[str, Any]:
    ix = await harness.fake.send_slash_command(name, options or {}, user_id=user_id)
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 4
    assert body["data"]["allowed_mentions"] == {"parse": []}
    return dict(body["data"])


async def admin(harness: Harness, sub: str, **options: Any) -> dict[str, Any]:
    data = await run(harness, f"countdown-admin {sub}", options, user_id=harness.admin_id)
    assert data["flags"] & EPHEMERAL
    return data


async def test_countdown_to_a_past_title_and_a_tba_one(harness: Harness) -> None:
    embed = (await run(harness, "countdown", {"title": "ballerina"}))["embeds"][0]
    assert embed["title"] == "Ballerina"
    assert re.search(r"came out \d+ (months?|years?) ago, on 6 June 2025 \(<t:1749168000:R>\)",
                     embed["description"])
    tba = (await run(harness, "countdown", {"title": "chapter 5"}))["embeds"][0]
    assert tba["title"] == "John Wick: Chapter 5" and "**TBA**" in tba["description"]


async def test_a_newly_announced_date_for_a_tba_title_is_its_countdown_here(harness: Harness) -> None:
    day = (utcnow() + timedelta(days=300)).date().isoformat()
    added = await admin(harness, "add-release", title="John Wick: Chapter 5", date=day)
    assert "as that title's date in this server" in added["content"]
    # kept as that title's date here, even once a bot update dates the title too
    [release] = await harness.bot.store.releases.for_guild(harness.guild_id)
    assert release.title_key == "john-wick-chapter-5"
    embed = (await run(harness, "countdown", {"title": "chapter 5"}))["embeds"][0]
    assert embed["title"] == "John Wick: Chapter 5" and "TBA" not in embed["description"]
    assert "comes out <t:" in embed["description"] and "added by this server" in embed["description"]
    ix = await harness.fake.send_autocomplete("countdown", "title", "chapter 5")
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert [c["name"].split(" (")[0] for c in choices].count("John Wick: Chapter 5") == 1
    listed = (await run(harness, "releases"))["embeds"][0]
    assert f"`{day}` **John Wick: Chapter 5**" in listed["description"]
    assert not listed.get("fields")  # not a second time under "This server's dates"
    ix = await harness.fake.send_slash_command("countdown", {"title": "chapter 5"},
                                               guild_id=harness.other_guild_id)
    other = (await harness.fake.wait_for_callback(ix))["data"]["embeds"][0]
    assert "**TBA**" in other["description"]  # other servers keep the shipped TBA


async def test_default_countdown_without_and_with_an_upcoming_release(harness: Harness) -> None:
    empty = (await run(harness, "countdown"))["embeds"][0]
    assert "Nothing upcoming has a release date yet" in empty["description"]
    assert "• John Wick: Chapter 5" in empty["description"]  # the TBA titles

    day = (utcnow() + timedelta(days=12, hours=6)).date().isoformat()
    added = await admin(harness, "add-release", title="Watch party", date=day, time="20:00",
                        timezone="Europe/London")
    assert added["content"].startswith("Added **Watch party**: <t:")
    embed = (await run(harness, "countdown"))["embeds"][0]
    assert embed["title"] == "Watch party"
    stamps = re.findall(r"<t:(\d+):([RF])>", embed["description"])
    assert {style for _, style in stamps} == {"R", "F"}
    assert "That's in 12 days" in embed["description"] or "That's in 13 days" in embed["description"]
    assert "20:00 (Europe/London)" in embed["description"]
    # another server doesn't see it
    ix = await harness.fake.send_slash_command("countdown", guild_id=harness.other_guild_id)
    other = (await harness.fake.wait_for_callback(ix))["data"]["embeds"][0]
    assert "Nothing upcoming" in other["description"]


async def test_countdown_autocomplete_lists_titles_and_server_events(harness: Harness) -> None:
    day = (utcnow() + timedelta(days=3)).date().isoformat()
    await admin(harness, "add-release", title="Ballerina rewatch", date=day)
    ix = await harness.fake.send_autocomplete("countdown", "title", "baller")
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == AUTOCOMPLETE_RESULT
    names = [choice["name"] for choice in body["data"]["choices"]]
    assert names[0].startswith("Ballerina") and any(n.startswith("Ballerina rewatch") for n in names)
    ix = await harness.fake.send_autocomplete("countdown", "title", "")
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert choices[0]["name"].startswith("Ballerina rewatch")  # upcoming first
    assert len(choices) <= 25
    picked = (await run(harness, "countdown", {"title": choices[0]["value"]}))["embeds"][0]
    assert picked["title"] == "Ballerina rewatch"


async def test_releases_in_release_and_story_order(harness: Harness) -> None:
    embed = (await run(harness, "releases"))["embeds"][0]
    lines = embed["description"].splitlines()
    assert lines[0].startswith("`2014-10-24` **John Wick** · film")
    tba_from = next(i for i, line in enumerate(lines) if line.startswith("`TBA"))
    assert all(line.startswith("`TBA") for line in lines[tba_from:])  # undated last
    story = (await run(harness, "releases", {"order": "story"}))["embeds"][0]
    first = story["description"].splitlines()[0]
    assert "The Continental" in first and first.startswith("` 1`")
    assert story["description"].splitlines()[-1].startswith("` ?`")  # unknown position last
    day = (utcnow() + timedelta(days=40)).date().isoformat()
    await admin(harness, "add-release", title="Marathon", date=day)
    embed = (await run(harness, "releases"))["embeds"][0]
    assert embed["fields"][0]["name"] == "This server's dates"
    assert "**Marathon**" in embed["fields"][0]["value"]


async def test_bad_dates_zones_and_past_dates_are_refused(harness: Harness) -> None:
    future = (utcnow() + timedelta(days=5)).date().isoformat()
    cases = [
        ({"date": "next friday"}, "YYYY-MM-DD"),
        ({"date": "2031-02-30"}, "real calendar date"),
        ({"date": future, "time": "25:00"}, "HH:MM"),
        ({"date": future, "timezone": "Mars/Olympus"}, "time zone"),
        ({"date": "2020-01-01"}, "in the past"),
    ]
    for options, message in cases:
        data = await admin(harness, "add-release", title="Bad", **options)
        assert message in data["content"]
    assert await harness.bot.store.releases.for_guild(harness.guild_id) == []


async def test_timezone_autocomplete(harness: Harness) -> None:
    ix = await harness.fake.send_autocomplete("countdown-admin add-release", "timezone", "new_y",
                                              {"title": "x", "date": "2030-01-01"},
                                              user_id=harness.admin_id)
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert choices[0] == {"name": "America/New_York", "value": "America/New_York"}


async def test_move_and_remove_a_release(harness: Harness) -> None:
    first = (utcnow() + timedelta(days=5)).date().isoformat()
    second = (utcnow() + timedelta(days=6)).date().isoformat()
    await admin(harness, "add-release", title="Premiere", date=first)
    moved = await admin(harness, "add-release", title="premiere", date=second, time="18:30")
    assert moved["content"].startswith("Moved **premiere** from <t:")
    ix = await harness.fake.send_autocomplete("countdown-admin remove-release", "title", "prem",
                                              user_id=harness.admin_id)
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert choices == [{"name": "premiere", "value": "premiere"}]
    removed = await admin(harness, "remove-release", title="Premiere")
    assert removed["content"].startswith("Removed **premiere**")
    again = await admin(harness, "remove-release", title="Premiere")
    assert "no server-added release" in again["content"]


async def test_members_without_manage_server_change_nothing(harness: Harness) -> None:
    registered = {c["name"]: c for c in harness.fake.registered_commands()}
    group = registered["countdown-admin"]
    assert int(group["default_member_permissions"]) == Perm.MANAGE_GUILD
    assert group.get("dm_permission") is False or group.get("contexts") == [0]
    future = (utcnow() + timedelta(days=5)).date().isoformat()
    for sub, options in (("add-release", {"title": "Sneaky", "date": future}),
                         ("subscribe", {"channel": harness.channel_id}),
                         ("subscriptions", {})):
        data = await run(harness, f"countdown-admin {sub}", options, user_id=harness.member_id)
        assert data["flags"] & EPHEMERAL and "Manage Server" in data["content"]
    assert await harness.bot.store.releases.for_guild(harness.guild_id) == []
    assert await harness.bot.store.announcements.for_guild(harness.guild_id) == []


async def test_subscribe_checks_the_bots_permissions_in_the_channel(harness: Harness) -> None:
    fake = harness.fake
    muted = fake.add_channel(harness.guild_id, "read-only", overwrites=[
        {"id": fake.bot_user_id, "type": 1, "deny": Perm.SEND_MESSAGES}])
    await fake.gateway.dispatch("CHANNEL_CREATE", muted, guild_id=harness.guild_id)
    await fake.wait_until(lambda: harness.bot.get_channel(int(muted["id"])), 5, "the new channel")
    refused = await admin(harness, "subscribe", channel=int(muted["id"]))
    assert "can't post announcements" in refused["content"] and "Send Messages" in refused["content"]
    assert await harness.bot.store.announcements.for_guild(harness.guild_id) == []

    ok = await admin(harness, "subscribe", channel=harness.announcements_channel_id)
    assert ok["content"] == f"<#{harness.announcements_channel_id}> will get release announcements."
    listed = await admin(harness, "subscriptions")
    assert f"<#{harness.announcements_channel_id}>: active" in listed["content"]
    everyone = await admin(harness, "subscribe", channel=harness.channel_id, role=harness.guild_id)
    assert "never ping @everyone" in everyone["content"]
    gone = await admin(harness, "unsubscribe", channel=harness.announcements_channel_id)
    assert "won't get release announcements" in gone["content"]
    missing = await admin(harness, "unsubscribe", channel=harness.announcements_channel_id)
    assert "doesn't get release announcements" in missing["content"]


async def test_a_channel_announcements_cannot_go_to_is_refused_with_what_to_pick(
        harness: Harness) -> None:
    voice = harness.fake.add_channel(harness.guild_id, "hangout", ChannelType.VOICE)
    refused = await admin(harness, "subscribe", channel=int(voice["id"]))
    assert refused["content"] == "Pick a text or announcement channel."
    assert await harness.bot.store.announcements.for_guild(harness.guild_id) == []


async def test_a_server_title_is_shown_as_typed_not_as_markdown(harness: Harness) -> None:
    """"*Rewatch* __night__" is a name someone typed: /countdown, /releases and the
    add/remove replies show its asterisks and underscores instead of italics."""
    day = (utcnow() + timedelta(days=9)).date().isoformat()
    typed = "*Rewatch* __night__ ||"
    shown = r"\*Rewatch\* \_\_night\_\_ \|\|"
    added = await admin(harness, "add-release", title=typed, date=day)
    assert added["content"].startswith(f"Added **{shown}**: <t:")
    embed = (await run(harness, "countdown", {"title": "rewatch night"}))["embeds"][0]
    assert embed["title"] == shown and embed["description"].startswith(f"**{shown}** starts")
    listed = (await run(harness, "releases"))["embeds"][0]
    assert f"**{shown}** (in " in listed["fields"][0]["value"]
    removed = await admin(harness, "remove-release", title=typed)
    assert removed["content"].startswith(f"Removed **{shown}** (")
