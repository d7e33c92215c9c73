"""/faq-admin unanswered: a miss added to an FAQ as another way to ask it, with the
suggestion members picked after it offered first; end to end through the fake Discord."""

from __future__ import annotations

from typing import Any

from bot.models import FaqDraft, NotedFaq
from bot.ui import stamped
from tests.cogs.conftest import Harness
from tests.cogs.faq_admin_helpers import EPHEMERAL, inputs, menus
from tests.cogs.faq_helpers import buttons, member_asks

KARAOKE = FaqDraft("When is karaoke night?", "Sundays at 20:00 UTC in the Lounge voice channel.")
SUNG = "which night do we sing"  # no confident answer; karaoke is among the suggestions
LONG = ("I keep forgetting which night of the week we all get together in voice chat to sing, "
        "and I would love to know when")
CONTINUITY = "Does Ballerina fit with the continuity of Chapter 3 and Chapter 4?"  # shipped


async def offer_targets(harness: Harness, miss: str = "0") -> tuple[Any, Any, dict[str, Any]]:
    """The listing, then the FAQs offered for one of its misses: (listing, offer, message)."""
    listing = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                                    user_id=harness.admin_id)
    await harness.fake.wait_for_callback(listing)
    offer = await harness.fake.send_component(stamped("faq-unanswered-wording"), 3, values=[miss],
                                              user_id=harness.admin_id)
    return listing, offer, dict((await harness.fake.wait_for_callback(offer))["data"])


async def pick_target(harness: Harness, message: dict[str, Any], question: str) -> Any:
    [menu] = menus(message)
    value = next(o["value"] for o in menu["options"] if o["label"] == question)
    return await harness.fake.send_component(stamped("faq-wording-target"), 3, values=[value],
                                             user_id=harness.admin_id)


async def test_a_miss_becomes_another_way_to_ask_the_faq_members_picked(harness: Harness) -> None:
    karaoke = await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    asked = await member_asks(harness, SUNG)
    [button] = [b for b in buttons(asked) if b["label"] == KARAOKE.question]
    click = await harness.fake.send_component(button["custom_id"], user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(click))["data"]["embeds"][0]["title"] == KARAOKE.question
    [miss] = await harness.misses()
    assert miss.picks == (NotedFaq(karaoke.id, KARAOKE.question, 1),)

    listing = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                                    user_id=harness.admin_id)
    shown = (await harness.fake.wait_for_callback(listing))["data"]["embeds"][0]
    assert "members then picked “When is karaoke night?” once" in shown["description"]
    offer = await harness.fake.send_component(stamped("faq-unanswered-wording"), 3, values=["0"],
                                              user_id=harness.admin_id)
    message = (await harness.fake.wait_for_callback(offer))["data"]
    assert message["flags"] & EPHEMERAL and SUNG in message["content"]
    [menu] = menus(message)
    assert 1 <= len(menu["options"]) <= 5
    assert menu["options"][0]["label"] == KARAOKE.question  # the members' pick first
    assert menu["options"][0]["description"] == "members picked it once after this question"

    chosen = await pick_target(harness, message, KARAOKE.question)
    body = await harness.fake.wait_for_callback(chosen)
    assert body["type"] == 7 and body["data"]["components"] == []  # the offer becomes the outcome
    assert body["data"]["content"] == (f"Added “{SUNG}” to “{KARAOKE.question}” as another way to "
                                       "ask it. /faq answers it with that FAQ now.")
    done = await harness.fake.wait_for_original_edit(listing, index=1)  # it leaves the listing
    assert done["components"] == [] and done["embeds"][0]["description"].startswith("Done")
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == (SUNG,)
    assert (await member_asks(harness, SUNG))["embeds"][0]["title"] == KARAOKE.question
    assert await harness.misses() == []
    assert await harness.bot.store.db.fetchall("SELECT * FROM unanswered_picks") == []


async def test_a_question_too_long_for_a_wording_is_shortened_in_a_form(harness: Harness) -> None:
    karaoke = await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    await member_asks(harness, LONG)
    _, offer, message = await offer_targets(harness)
    chosen = await pick_target(harness, message, KARAOKE.question)
    form = (await harness.fake.wait_for_callback(chosen))["data"]
    [field] = inputs(form).values()
    assert field["max_length"] == 100 and len(field["value"]) <= 100
    assert LONG.startswith(field["value"]) and LONG[len(field["value"])] == " "  # cut at a word
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == ()  # not yet

    submitted = await harness.fake.send_modal_submit(
        form["custom_id"], {field["custom_id"]: "  which night do we all sing in voice chat "},
        user_id=harness.admin_id)
    body = (await harness.fake.wait_for_callback(submitted))["data"]
    assert body["flags"] & EPHEMERAL
    assert body["content"].startswith("Added “which night do we all sing in voice chat” to")
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == (
        "which night do we all sing in voice chat",)
    # the menu was drawn again with nothing picked when the form opened; now it is closed
    assert (await harness.fake.wait_for_original_edit(offer, index=1))["components"] == []
    assert await harness.misses() == []


async def test_a_form_closed_unsent_can_be_opened_again(harness: Harness) -> None:
    karaoke = await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    await member_asks(harness, LONG)
    _, offer, message = await offer_targets(harness)
    closed = await pick_target(harness, message, KARAOKE.question)
    assert (await harness.fake.wait_for_callback(closed))["type"] == 9  # closed, never sent
    redrawn = await harness.fake.wait_for_original_edit(offer)  # nothing picked: pick it again
    [menu] = menus(redrawn)
    assert len(menu["options"]) == len(menus(message)[0]["options"])
    assert not any(o.get("default") for o in menu["options"])
    again = await pick_target(harness, redrawn, KARAOKE.question)
    form = (await harness.fake.wait_for_callback(again))["data"]
    [field] = inputs(form).values()
    submitted = await harness.fake.send_modal_submit(form["custom_id"], {field["custom_id"]: SUNG},
                                                     user_id=harness.admin_id)
    assert (await harness.fake.wait_for_callback(submitted))["data"]["content"].startswith("Added")
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == (SUNG,)


async def test_a_miss_goes_to_one_faq_however_fast_the_picks(harness: Harness) -> None:
    karaoke = await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    await member_asks(harness, SUNG)
    _, _, message = await offer_targets(harness)
    [menu] = menus(message)
    picks = [await harness.fake.send_component(stamped("faq-wording-target"), 3, values=[value],
                                               user_id=harness.admin_id)
             for value in ("0", "1")]  # the second before the first is answered
    bodies = [await harness.fake.wait_for_callback(pick) for pick in picks]
    assert bodies[0]["type"] == 7 and bodies[0]["data"]["content"].startswith("Added")
    assert bodies[1]["data"]["flags"] & EPHEMERAL
    assert bodies[1]["data"]["content"] == ("That question was answered, added to an FAQ or "
                                            "dismissed already; nothing changed.")
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == (SUNG,)
    assert await harness.bot.store.faqs.layer(harness.guild_id) == [
        await harness.bot.answers.faq(harness.guild_id, karaoke.id)]  # no other FAQ touched
    assert menu["options"][1]["label"] != KARAOKE.question


async def test_a_miss_dismissed_while_its_wording_menu_is_open_is_left_alone(
        harness: Harness) -> None:
    karaoke = await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    await member_asks(harness, SUNG)
    _, _, message = await offer_targets(harness)
    dismiss = await harness.fake.send_component(stamped("faq-unanswered-dismiss"), 3, values=["0"],
                                                user_id=harness.admin_id)
    await harness.fake.wait_for_callback(dismiss)
    body = await harness.fake.wait_for_callback(await pick_target(harness, message, KARAOKE.question))
    assert "dismissed already; nothing changed" in body["data"]["content"]
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == ()


async def test_a_shipped_faq_gets_the_servers_own_version(harness: Harness) -> None:
    await member_asks(harness, "ballerina and chapter 4 connection")
    _, _, message = await offer_targets(harness)
    [menu] = menus(message)
    [option] = [o for o in menu["options"] if o["label"] == CONTINUITY]
    assert option["description"] == "shipped: this server gets its own version"
    body = await harness.fake.wait_for_callback(await pick_target(harness, message, CONTINUITY))
    assert "This server now has its own version of that shipped FAQ." in body["data"]["content"]
    [own] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert own.question == CONTINUITY and own.overrides_id is not None
    shipped = await harness.bot.answers.faq(harness.other_guild_id, own.overrides_id)
    assert own.aliases == (*shipped.aliases, "ballerina and chapter 4 connection")
    assert shipped.is_shipped  # other servers keep the shipped FAQ as it was


async def test_a_wording_added_meanwhile_is_refused_and_nothing_changes(harness: Harness) -> None:
    karaoke = await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    await member_asks(harness, SUNG)
    _, _, message = await offer_targets(harness)
    await harness.bot.answers.add_wording(harness.guild_id, karaoke.id, "Which night do we  SING")
    body = await harness.fake.wait_for_callback(await pick_target(harness, message, KARAOKE.question))
    assert body["data"]["flags"] & EPHEMERAL
    assert body["data"]["content"] == (f'"{SUNG}" is already a way to ask "{KARAOKE.question}"; '
                                       "nothing changed.")
    assert (await harness.bot.answers.faq(harness.guild_id, karaoke.id)).aliases == (
        "Which night do we SING",)


async def test_a_miss_with_nothing_to_suggest_points_elsewhere(harness: Harness) -> None:
    await member_asks(harness, "asdf qwerty")
    _, _, message = await offer_targets(harness)
    assert message["flags"] & EPHEMERAL and not message.get("components")
    assert message["content"].startswith("I have no FAQ to suggest for “asdf qwerty”.")
    assert len(await harness.misses()) == 1  # still listed


async def test_a_wording_menu_from_before_a_restart_is_answered(harness: Harness) -> None:
    await harness.bot.answers.add_faq(harness.guild_id, KARAOKE)
    await member_asks(harness, SUNG)
    await offer_targets(harness)
    old_id = stamped("faq-wording-target")
    await harness.restart()
    click = await harness.fake.send_component(old_id, 3, values=["0"], user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(click)
    assert "from before I restarted" in body["data"]["content"]
    assert (await harness.misses())[0].sample == SUNG
