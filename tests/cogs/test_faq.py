"""/faq, its autocomplete and mentions, end to end through the fake Discord
("Find answer" is in test_faq_find_answer.py)."""

from __future__ import annotations

import asyncio

import pytest

import bot.faq_ui
from bot.models import FaqDraft
from cogs.faq import FAQ_RATE
from tests.cogs.conftest import Harness
from tests.cogs.faq_helpers import (
    EPHEMERAL,
    NO_PINGS,
    NONSENSE,
    PINGS,
    UNSURE,
    buttons,
    faq_id,
    mention,
    uses,
)
from tests.fakediscord import Perm

SUPPRESS_EMBEDS = 4

# --- /faq -------------------------------------------------------------------------------
async def test_faq_answers_with_an_embed_and_counts_the_use(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq", {"question": "who directed ballerina"})
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 4
    data = body["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    assert data["allowed_mentions"] == NO_PINGS
    assert data["embeds"][0]["title"] == "Who directed Ballerina?"
    assert "Len Wiseman" in data["embeds"][0]["description"]
    assert await uses(harness, "Who directed Ballerina?") == 1


async def test_private_answer_is_ephemeral(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command(
        "faq", {"question": "who directed ballerina", "private": True})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL
    assert data["embeds"][0]["title"] == "Who directed Ballerina?"


async def test_faq_works_in_dms(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq", {"question": "who directed ballerina"}, dm=True)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["embeds"][0]["title"] == "Who directed Ballerina?"


async def test_an_id_picked_from_autocomplete_answers_that_faq(harness: Harness) -> None:
    ix = await harness.fake.send_autocomplete("faq", "question", "who wrote balle")
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    wrote = next(c for c in choices if c["name"] == "Who wrote Ballerina?")
    assert wrote["value"] == f"faq#{await faq_id(harness, 'Who wrote Ballerina?')}"
    ix = await harness.fake.send_slash_command("faq", {"question": wrote["value"]})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["embeds"][0]["title"] == "Who wrote Ballerina?"
    assert await uses(harness, "Who wrote Ballerina?") == 1


async def test_an_id_from_another_guild_is_not_answered(harness: Harness) -> None:
    own = await harness.bot.answers.add_faq(harness.other_guild_id, FaqDraft("Secret club?", "Yes."))
    ix = await harness.fake.send_slash_command("faq", {"question": f"faq#{own.id}"})
    body = await harness.fake.wait_for_callback(ix)
    assert "Secret club" not in str(body)


async def test_a_pick_removed_before_it_was_sent_asks_for_a_new_pick(harness: Harness) -> None:
    shipped = await faq_id(harness, "Who wrote Ballerina?")
    await harness.bot.answers.remove_faq(harness.guild_id, shipped)  # hidden meanwhile
    ix = await harness.fake.send_slash_command("faq", {"question": f"faq#{shipped}"})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL and "removed or replaced meanwhile" in data["content"]
    assert "faq#" not in data["content"]
    assert await harness.misses() == []  # nothing to log


async def test_a_question_that_is_only_a_number_is_read_as_text(harness: Harness) -> None:
    shipped = await faq_id(harness, "Who wrote Ballerina?")
    ix = await harness.fake.send_slash_command("faq", {"question": str(shipped)})
    body = await harness.fake.wait_for_callback(ix)
    assert "Who wrote Ballerina?" not in str(body.get("data", {}).get("embeds"))
    assert await uses(harness, "Who wrote Ballerina?") == 0


async def test_a_blank_question_gets_a_hint(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq", {"question": "  <@&1>  "})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & 64 and data["content"].startswith("Type a question")
    assert await harness.misses() == []


# --- autocomplete ----------------------------------------------------------------------
async def test_autocomplete_limits_with_long_questions(harness: Harness) -> None:
    long_tail = " and what the High Table thinks of it" * 4
    for n in range(40):
        question = f"Where is the watch party number {n} held{long_tail}?"
        assert len(question) > 100
        await harness.bot.answers.add_faq(harness.guild_id, FaqDraft(question[:200], f"Room {n}."))
    ix = await harness.fake.send_autocomplete("faq", "question", "watch party")
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert len(choices) == 25
    for choice in choices:
        assert len(choice["name"]) <= 100
        assert choice["name"].endswith("…")
        assert choice["value"].removeprefix("faq#").isdigit()
        assert "watch party" in choice["name"]
    # cut at a word: the text before the ellipsis is a prefix of the question, word-aligned
    first = choices[0]["name"][:-1]
    first_id = int(choices[0]["value"].removeprefix("faq#"))
    question = (await harness.bot.answers.faq(harness.guild_id, first_id)).question
    assert question.startswith(first) and question[len(first)] in " ,?"


async def test_autocomplete_empty_input_shows_the_most_used(harness: Harness) -> None:
    for _ in range(2):
        ix = await harness.fake.send_slash_command("faq", {"question": "who wrote ballerina"})
        await harness.fake.wait_for_callback(ix)
    ix = await harness.fake.send_slash_command("faq", {"question": "who directed ballerina"})
    await harness.fake.wait_for_callback(ix)
    ix = await harness.fake.send_autocomplete("faq", "question", "")
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert [c["name"] for c in choices[:2]] == ["Who wrote Ballerina?", "Who directed Ballerina?"]


async def test_autocomplete_follows_writes(harness: Harness) -> None:
    ix = await harness.fake.send_autocomplete("faq", "question", "karaoke")
    assert (await harness.fake.wait_for_callback(ix))["data"]["choices"] == []
    await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("Is there karaoke night?", "Sundays."))
    ix = await harness.fake.send_autocomplete("faq", "question", "karaoke")
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert [c["name"] for c in choices] == ["Is there karaoke night?"]
    ix = await harness.fake.send_autocomplete("faq", "question", "karaoke",
                                              guild_id=harness.other_guild_id)
    assert (await harness.fake.wait_for_callback(ix))["data"]["choices"] == []


# --- not confident ---------------------------------------------------------------------
async def test_did_you_mean_buttons_answer_for_the_asker_only(harness: Harness) -> None:
    fake = harness.fake
    ix = await fake.send_slash_command("faq", {"question": UNSURE}, user_id=harness.member_id)
    body = await fake.wait_for_callback(ix)
    data = body["data"]
    assert "Did you mean" in data["content"]
    assert data["allowed_mentions"] == NO_PINGS
    offered = buttons(data)
    assert 1 <= len(offered) <= 3
    assert all(b["custom_id"].startswith("faq-dym:") for b in offered)
    assert len({b["label"] for b in offered}) == len(offered)  # no question offered twice

    # someone else cannot use them, and the message stays as it was
    other = await fake.send_component(offered[0]["custom_id"], user_id=harness.admin_id)
    refusal = await fake.wait_for_callback(other)
    assert refusal["data"]["flags"] & EPHEMERAL
    assert "someone else" in refusal["data"]["content"]

    click = await fake.send_component(offered[0]["custom_id"], user_id=harness.member_id)
    update = await fake.wait_for_callback(click)
    assert update["type"] == 7  # the suggestion message becomes the answer
    assert update["data"]["embeds"][0]["title"] == offered[0]["label"]
    assert update["data"]["components"] == []


async def test_did_you_mean_buttons_still_answer_after_a_restart(harness: Harness) -> None:
    fake = harness.fake
    ix = await fake.send_slash_command("faq", {"question": UNSURE}, user_id=harness.member_id)
    offered = buttons((await fake.wait_for_callback(ix))["data"])
    await harness.restart()  # the live view is gone with the old process
    click = await fake.send_component(offered[0]["custom_id"], user_id=harness.member_id)
    data = (await fake.wait_for_callback(click))["data"]
    assert data["flags"] & EPHEMERAL
    assert data["embeds"][0]["title"] == offered[0]["label"]
    assert data["allowed_mentions"] == NO_PINGS


async def test_misses_are_logged_without_user_ids(harness: Harness) -> None:
    for user in (harness.member_id, harness.admin_id):
        ix = await harness.fake.send_slash_command("faq", {"question": f"  {UNSURE.upper()}?"},
                                                   user_id=user)
        await harness.fake.wait_for_callback(ix)
    [miss] = await harness.misses()
    assert miss.query_norm == "ballerina"
    assert miss.count == 2
    assert miss.first_asked <= miss.last_asked
    assert miss.best_score > 0
    rows = await harness.bot.store.db.fetchall("SELECT * FROM unanswered")
    stored = str([tuple(row) for row in rows])
    assert str(harness.member_id) not in stored and str(harness.admin_id) not in stored


async def test_no_suggestions_says_what_to_do(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq", {"question": NONSENSE})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert "/faq-admin add" in data["content"]
    assert not data.get("components")
    assert (await harness.misses())[0].count == 1


async def test_a_dm_miss_is_not_noted_for_managers_it_has_none(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq", {"question": NONSENSE}, dm=True)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert "noted" not in data["content"] and "/faq-admin" not in data["content"]
    assert "your server" in data["content"]
    rows = await harness.bot.store.db.fetchall("SELECT * FROM unanswered")
    assert rows == []


async def test_did_you_mean_buttons_expire(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.faq_ui, "DID_YOU_MEAN_TIMEOUT", 0.2)
    ix = await harness.fake.send_slash_command("faq", {"question": UNSURE})
    offered = buttons((await harness.fake.wait_for_callback(ix))["data"])
    edit = await harness.fake.wait_for_original_edit(ix)
    assert all(b["disabled"] for b in buttons(edit))
    with pytest.raises(ValueError, match="disabled"):
        await harness.fake.send_component(offered[0]["custom_id"])


async def test_cooldown_answers_try_again(harness: Harness) -> None:
    for _ in range(FAQ_RATE):
        ix = await harness.fake.send_slash_command("faq", {"question": "who wrote ballerina"})
        assert (await harness.fake.wait_for_callback(ix))["data"].get("embeds")
    ix = await harness.fake.send_slash_command("faq", {"question": "who wrote ballerina"})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL
    assert data["content"].startswith("Slow down a little: try again in ")
    assert await uses(harness, "Who wrote Ballerina?") == FAQ_RATE
    # another user is not slowed down
    ix = await harness.fake.send_slash_command("faq", {"question": "who wrote ballerina"},
                                               user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(ix))["data"].get("embeds")


# --- output safety ---------------------------------------------------------------------
async def test_mentions_in_answers_are_shown_but_never_ping(harness: Harness) -> None:
    await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("Who do I ask for help?", PINGS))
    ix = await harness.fake.send_slash_command("faq", {"question": "who do I ask for help"})
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["embeds"][0]["description"] == PINGS
    assert data["allowed_mentions"] == NO_PINGS

    message = harness.fake.make_message(harness.channel_id, "who do I ask for help?",
                                        harness.member_id)
    ix = await harness.fake.send_message_context_menu("Find answer", message)
    await harness.fake.wait_for_callback(ix)
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert reply["embeds"][0]["description"] == PINGS
    assert reply["allowed_mentions"] == {"parse": [], "replied_user": False}


# --- mentions ----------------------------------------------------------------------------
async def test_a_mention_is_answered_like_faq(harness: Harness) -> None:
    asked = await mention(harness, "who directed ballerina?")
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert str(reply["message_reference"]["message_id"]) == asked["id"]
    assert reply["embeds"][0]["title"] == "Who directed Ballerina?"
    assert reply["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert await uses(harness, "Who directed Ballerina?") == 1


async def test_an_empty_mention_gets_a_hint(harness: Harness) -> None:
    await mention(harness, "")
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert "/faq" in reply["content"]


async def test_messages_without_a_mention_and_bots_are_ignored(harness: Harness) -> None:
    await harness.fake.send_message_create(harness.channel_id, "who directed ballerina?",
                                           harness.member_id)
    robot = int(harness.fake.add_member(harness.guild_id, name="robot", bot=True)["user"]["id"])
    await mention(harness, "who directed ballerina?", robot)
    await mention(harness, "who wrote ballerina?")  # a marker that the others were skipped
    await harness.fake.wait_for_channel_message(harness.channel_id)
    await asyncio.sleep(0.2)  # anything wrongly answered would have been posted by now
    posts = [r.json for r in harness.fake.channel_posts(harness.channel_id)]
    assert [p["embeds"][0]["title"] for p in posts] == ["Who wrote Ballerina?"]


async def test_a_mention_not_understood_offers_buttons(harness: Harness) -> None:
    await mention(harness, UNSURE)
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    offered = buttons(reply)
    assert offered and "Did you mean" in reply["content"]
    stored = next(b for b in offered if ":faq:" in b["custom_id"])  # a stored FAQ, not derived
    click = await harness.fake.send_component(stored["custom_id"], user_id=harness.member_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7
    assert update["data"]["embeds"][0]["title"] == stored["label"]
    [miss] = await harness.misses()
    assert miss.query_norm == UNSURE
    assert [p.question for p in miss.picks] == [stored["label"]]  # noted for the managers


async def test_mentions_are_rate_limited_quietly(harness: Harness) -> None:
    for _ in range(FAQ_RATE + 2):
        await mention(harness, "who wrote ballerina?")
    await harness.fake.wait_for_channel_message(harness.channel_id, count=FAQ_RATE)
    await mention(harness, "who directed ballerina?", harness.admin_id)  # others still answered
    posts = await harness.fake.wait_for_channel_message(harness.channel_id, count=FAQ_RATE + 1)
    assert sorted(p["embeds"][0]["title"] for p in posts) == ["Who directed Ballerina?"] + [
        "Who wrote Ballerina?"] * FAQ_RATE


async def test_a_mention_where_embeds_are_not_allowed_is_answered_in_text(harness: Harness) -> None:
    fake = harness.fake
    plain = fake.add_channel(harness.guild_id, "no-embeds", overwrites=[
        {"id": fake.bot_user_id, "type": 1, "deny": Perm.EMBED_LINKS}])
    await fake.gateway.dispatch("CHANNEL_CREATE", plain, guild_id=harness.guild_id)
    await fake.send_message_create(int(plain["id"]), f"<@{fake.bot_user_id}> who directed ballerina?",
                                   harness.member_id)
    [reply] = await fake.wait_for_channel_message(int(plain["id"]))
    assert reply["content"].startswith("**Who directed Ballerina?**\n") and not reply.get("embeds")
    assert reply["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_a_mention_where_the_bot_cannot_read_history_is_answered_without_a_reply(
        harness: Harness) -> None:
    fake = harness.fake
    blind = fake.add_channel(harness.guild_id, "no-history", overwrites=[
        {"id": fake.bot_user_id, "type": 1, "deny": Perm.READ_MESSAGE_HISTORY}])
    await fake.gateway.dispatch("CHANNEL_CREATE", blind, guild_id=harness.guild_id)
    for question in ("who directed ballerina?", UNSURE):
        await fake.send_message_create(int(blind["id"]), f"<@{fake.bot_user_id}> {question}",
                                       harness.member_id)
    posted = await fake.wait_for_channel_message(int(blind["id"]), count=2)
    # two messages handled at once: either may be answered first
    [answered] = [m for m in posted if m.get("embeds")]
    [unsure] = [m for m in posted if m is not answered]
    assert answered["embeds"][0]["title"] == "Who directed Ballerina?"
    assert "Did you mean" in unsure["content"] and buttons(unsure)
    assert "message_reference" not in answered and "message_reference" not in unsure
    assert answered["allowed_mentions"] == {"parse": []}
    assert all(r.status == 200 for r in fake.channel_posts(int(blind["id"])))


async def test_a_mention_with_only_other_mentions_gets_the_hint(harness: Harness) -> None:
    await mention(harness, "<@&123> @here")
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert reply["content"].startswith("Ask me a question after the mention")
    assert await harness.misses() == []


async def test_quoting_a_question_with_pings_pings_nobody(harness: Harness) -> None:
    await mention(harness, "@everyone <@&123> ballerina")
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    # the markup is no part of the question, and is not quoted back
    assert "“ballerina”" in reply["content"] and "@everyone" not in reply["content"]
    assert reply["allowed_mentions"] == {"parse": [], "replied_user": False}
    [stored] = [m for m in harness.fake.channel_messages(harness.channel_id)
                if m["author"]["id"] == str(harness.fake.bot_user_id)]
    assert stored["mention_everyone"] is False and stored["mentions"] == []
    assert stored["mention_roles"] == []


async def test_a_quoted_question_shows_its_markdown_as_typed_and_previews_no_link(
        harness: Harness) -> None:
    asked = "[Claim your free Nitro](https://evil.example/login) ||spoiler|| **bold"
    ix = await harness.fake.send_slash_command("faq", {"question": asked}, user_id=harness.member_id)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert not data.get("flags", 0) & EPHEMERAL  # a public reply: what everyone sees
    assert data["flags"] & SUPPRESS_EMBEDS
    assert ("“\\[Claim your free Nitro\\](https://evil.example/login) \\|\\|spoiler\\|\\| "
            "\\*\\*bold”") in data["content"]
    await mention(harness, asked)
    [reply] = await harness.fake.wait_for_channel_message(harness.channel_id)
    assert "\\[Claim" in reply["content"] and reply["flags"] & SUPPRESS_EMBEDS


async def test_a_picked_suggestion_shows_its_embed(harness: Harness) -> None:
    """The "not sure" message suppresses link previews; the answer it becomes must not."""
    ix = await harness.fake.send_slash_command("faq", {"question": UNSURE}, user_id=harness.member_id)
    offered = await harness.fake.wait_for_callback(ix)
    assert offered["data"]["flags"] & SUPPRESS_EMBEDS
    click = await harness.fake.send_component(buttons(offered["data"])[0]["custom_id"],
                                              user_id=harness.member_id)
    await harness.fake.wait_for_callback(click)
    shown = harness.fake.original_message(ix)
    assert shown is not None and shown["embeds"] and not shown["flags"] & SUPPRESS_EMBEDS
