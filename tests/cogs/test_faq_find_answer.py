"""The "Find answer" message command, end to end through the fake Discord."""

from __future__ import annotations

from tests.cogs.conftest import Harness
from tests.cogs.faq_helpers import (
    EPHEMERAL,
    NO_PINGS,
    UNSURE,
    buttons,
    faq_id,
    not_it,
    picked_uses,
    uses,
)
from tests.fakediscord import Perm

DIRECTED = "Who directed Ballerina?"


async def test_find_answer_replies_to_the_target_message(harness: Harness) -> None:
    target = harness.fake.make_message(harness.channel_id, "hey who wrote ballerina?",
                                       harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target,
                                                      user_id=harness.admin_id)
    ack = await harness.fake.wait_for_callback(ix)
    assert ack["data"]["flags"] & EPHEMERAL
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert str(reply["message_reference"]["message_id"]) == target["id"]
    assert reply["embeds"][0]["title"] == "Who wrote Ballerina?"
    assert "admin" in reply["embeds"][0]["footer"]["text"]
    done = await harness.fake.wait_for_followup(ix)
    assert "Answered with a reply" in done["content"] and done["flags"] & EPHEMERAL
    assert await uses(harness, "Who wrote Ballerina?") == 1


async def test_find_answer_without_send_permission_answers_publicly(harness: Harness) -> None:
    channel = harness.fake.guilds[harness.guild_id].channels[harness.channel_id]
    channel["permission_overwrites"].append(
        {"id": str(harness.fake.bot_user_id), "type": 1, "allow": "0",
         "deny": str(Perm.SEND_MESSAGES)})
    target = harness.fake.make_message(harness.channel_id, "who wrote ballerina?", harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    assert data["embeds"][0]["title"] == "Who wrote Ballerina?"
    assert f"/{target['id']}" in data["content"]  # the jump link to the message answered
    assert harness.fake.channel_posts(harness.channel_id) == []


async def test_find_answer_falls_back_when_the_reply_fails(harness: Harness) -> None:
    target = harness.fake.make_message(harness.channel_id, "who wrote ballerina?", harness.member_id)
    harness.fake.set_channel_error(harness.channel_id, 50013)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    ack = await harness.fake.wait_for_callback(ix)
    assert ack["type"] == 5 and ack["data"]["flags"] & EPHEMERAL  # acknowledged before replying
    note = await harness.fake.wait_for_followup(ix, index=0)
    assert "couldn't reply" in note["content"]
    posted = await harness.fake.wait_for_followup(ix, index=1)
    assert posted["embeds"][0]["title"] == "Who wrote Ballerina?"
    assert not posted.get("flags", 0) & EPHEMERAL
    assert f"/{target['id']}" in posted["content"]


async def test_find_answer_unsure_asks_the_helper_privately(harness: Harness) -> None:
    target = harness.fake.make_message(harness.channel_id, UNSURE, harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target,
                                                      user_id=harness.admin_id)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL
    stored = next(b for b in buttons(data) if ":faq:" in b["custom_id"])  # not a derived one
    click = await harness.fake.send_component(stored["custom_id"], user_id=harness.admin_id)
    assert (await harness.fake.wait_for_callback(click))["type"] == 6  # acknowledged first
    closed = await harness.fake.wait_for_original_edit(click)
    assert closed["components"] == [] and "Answered with a reply" in closed["content"]
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert str(reply["message_reference"]["message_id"]) == target["id"]
    assert reply["embeds"][0]["title"] == stored["label"]
    [miss] = await harness.misses()
    assert [p.question for p in miss.picks] == [stored["label"]]  # noted for the managers


async def test_find_answer_unsure_posts_the_pick_when_the_reply_fails(harness: Harness) -> None:
    harness.fake.set_channel_error(harness.channel_id, 50013)
    target = harness.fake.make_message(harness.channel_id, UNSURE, harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    offered = buttons((await harness.fake.wait_for_callback(ix))["data"])
    pick = next(b for b in offered if ":faq:" in b["custom_id"])  # a stored FAQ: it counts
    click = await harness.fake.send_component(pick["custom_id"])
    assert (await harness.fake.wait_for_callback(click))["type"] == 6
    posted = await harness.fake.wait_for_followup(click)
    assert not posted.get("flags", 0) & EPHEMERAL
    assert posted["embeds"][0]["title"] == pick["label"]
    closed = await harness.fake.wait_for_original_edit(click)
    assert closed["components"] == [] and "couldn't reply" in closed["content"]
    assert await picked_uses(harness, pick) == 1


async def test_find_answer_unsure_without_send_permission_posts_the_pick(harness: Harness) -> None:
    channel = harness.fake.guilds[harness.guild_id].channels[harness.channel_id]
    channel["permission_overwrites"].append(
        {"id": str(harness.fake.bot_user_id), "type": 1, "allow": "0",
         "deny": str(Perm.SEND_MESSAGES)})
    target = harness.fake.make_message(harness.channel_id, UNSURE, harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    offered = buttons((await harness.fake.wait_for_callback(ix))["data"])
    pick = next(b for b in offered if ":faq:" in b["custom_id"])  # a stored FAQ: it counts
    click = await harness.fake.send_component(pick["custom_id"])
    posted = (await harness.fake.wait_for_callback(click))["data"]
    assert not posted.get("flags", 0) & EPHEMERAL
    assert posted["embeds"][0]["title"] == pick["label"]
    closed = await harness.fake.wait_for_original_edit(ix)
    assert closed["components"] == [] and "Posted" in closed["content"]
    assert harness.fake.channel_posts(harness.channel_id) == []
    assert await picked_uses(harness, pick) == 1


async def test_find_answer_on_a_message_without_text(harness: Harness) -> None:
    target = harness.fake.make_message(harness.channel_id, "", harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL
    assert "no text" in data["content"]


async def test_find_answer_reads_past_mentions(harness: Harness) -> None:
    target = harness.fake.make_message(harness.channel_id, "@everyone <@&1> who directed ballerina",
                                       harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    await harness.fake.wait_for_callback(ix)
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert reply["embeds"][0]["title"] == "Who directed Ballerina?"


async def test_find_answer_on_a_message_of_mentions_only(harness: Harness) -> None:
    target = harness.fake.make_message(harness.channel_id, f"<@{harness.fake.bot_user_id}>",
                                       harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL and "no text" in data["content"]
    assert await harness.misses() == []


async def test_find_answer_reply_can_be_said_not_it_by_asker_or_helper(harness: Harness) -> None:
    asked = "who directed ballerina"
    target = harness.fake.make_message(harness.channel_id, asked, harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target,
                                                      user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert reply["embeds"][0]["title"] == DIRECTED and await uses(harness, DIRECTED) == 1
    button = not_it(reply)["custom_id"]

    bystander = int(harness.fake.add_member(harness.guild_id, name="bystander")["user"]["id"])
    refused = await harness.fake.send_component(button, user_id=bystander)
    data = (await harness.fake.wait_for_callback(refused))["data"]
    assert data["flags"] & EPHEMERAL and "someone else" in data["content"]
    assert await harness.misses() == []

    click = await harness.fake.send_component(button, user_id=harness.member_id)  # the asker
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7  # the reply becomes "did you mean", in place
    assert update["data"]["content"].startswith(f"Sorry, that was not the answer to “{asked}”")
    assert update["data"]["embeds"] == [] and update["data"]["allowed_mentions"] == NO_PINGS
    directed = await faq_id(harness, DIRECTED)
    [miss] = await harness.misses()
    assert miss.query_norm == asked and [n.faq_id for n in miss.not_it] == [directed]
    assert await uses(harness, DIRECTED) == 0  # a wrong answer was no use of it

    pick = next(b for b in buttons(update["data"]) if ":faq:" in b["custom_id"])
    answered = await harness.fake.send_component(pick["custom_id"], user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(answered)  # the helper may pick for the asker
    assert body["type"] == 7 and body["data"]["embeds"][0]["title"] == pick["label"]
    [miss] = await harness.misses()
    assert [p.question for p in miss.picks] == [pick["label"]]


async def test_find_answer_public_answers_have_not_it_too(harness: Harness) -> None:
    """Without Send Messages the answer is the interaction's response; when the reply fails
    it is a follow-up: "Not what I asked" is under either, for the helper as well."""
    channel = harness.fake.guilds[harness.guild_id].channels[harness.channel_id]
    channel["permission_overwrites"].append(
        {"id": str(harness.fake.bot_user_id), "type": 1, "allow": "0",
         "deny": str(Perm.SEND_MESSAGES)})
    target = harness.fake.make_message(harness.channel_id, "who directed ballerina",
                                       harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target,
                                                      user_id=harness.admin_id)
    public = (await harness.fake.wait_for_callback(ix))["data"]
    click = await harness.fake.send_component(not_it(public)["custom_id"], user_id=harness.admin_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7 and update["data"]["content"].startswith("Sorry")

    channel["permission_overwrites"].clear()
    harness.fake.set_channel_error(harness.channel_id, 50013)
    target = harness.fake.make_message(harness.channel_id, "who wrote ballerina", harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", target,
                                                      user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    posted = await harness.fake.wait_for_followup(ix, index=1)
    assert posted["embeds"][0]["title"] == "Who wrote Ballerina?"
    click = await harness.fake.send_component(not_it(posted)["custom_id"], user_id=harness.member_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7 and update["data"]["content"].startswith("Sorry")
    assert len(await harness.misses()) == 2
