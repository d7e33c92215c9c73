"""/faq-admin end to end through the fake Discord: permissions, the form, overrides, import/export,
the unanswered list, and a restart keeping it all."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from bot import unanswered_ui
from bot.exchange import MAX_FILE_BYTES
from bot.models import FaqDraft
from bot.ui import stamped
from tests.cogs.conftest import Harness
from tests.cogs.faq_admin_helpers import (
    ALIASES_FIELD,
    EPHEMERAL,
    SHIPPED,
    ask,
    inputs,
    menus,
    open_modal,
    shipped_id,
    snapshot,
    submit,
)
from tests.fakediscord import Perm


# --- permissions -----------------------------------------------------------------------
async def test_registered_for_managers_in_servers_only(harness: Harness) -> None:
    command = harness.fake.find_command("faq-admin")
    assert command is not None
    assert int(command["default_member_permissions"]) == Perm.MANAGE_GUILD
    assert command.get("dm_permission") is False or command.get("contexts") == [0]
    assert {sub["name"] for sub in command["options"]} == {
        "add", "edit", "remove", "restore", "import", "export", "unanswered"}


async def test_a_member_without_manage_server_is_refused(harness: Harness) -> None:
    before = await snapshot(harness)
    attachment = harness.fake.add_attachment(
        json.dumps({"version": 1, "faqs": [{"question": "Q?", "answer": "A."}]}).encode(), "f.json")
    attempts = [("add", None), ("edit", {"faq": str(await shipped_id(harness))}),
                ("remove", {"faq": str(await shipped_id(harness))}),
                ("restore", {"faq": str(await shipped_id(harness))}), ("import", {"file": attachment}),
                ("export", None), ("unanswered", None)]
    for subcommand, options in attempts:
        ix = await harness.fake.send_slash_command("faq-admin", options, subcommand=subcommand,
                                                   user_id=harness.member_id)
        body = await harness.fake.wait_for_callback(ix)
        assert body["type"] == 4, subcommand  # a message, never the form
        assert body["data"]["flags"] & EPHEMERAL
        assert body["data"]["content"] == "You need the Manage Server permission to do that."
        assert not body["data"].get("attachments")
    assert await snapshot(harness) == before


async def test_losing_manage_server_before_submitting_the_form_saves_nothing(harness: Harness) -> None:
    modal = await open_modal(harness, "add")
    fields = inputs(modal)
    ix = await harness.fake.send_modal_submit(
        modal["custom_id"], {fields["Question"]["custom_id"]: "New?", fields["Answer"]["custom_id"]: "A"},
        member_permissions=int(Perm.EVERYONE_DEFAULT))
    body = await harness.fake.wait_for_callback(ix)
    assert "Manage Server" in body["data"]["content"]
    assert await harness.bot.store.faqs.layer(harness.guild_id) == []


# --- add / edit / remove ---------------------------------------------------------------
async def test_add_modal_round_trip(harness: Harness) -> None:
    modal = await open_modal(harness, "add")
    assert len(modal["title"]) <= 45
    fields = inputs(modal)
    assert fields["Answer"]["style"] == 2  # multi-line
    assert fields["Question"]["max_length"] == 200 and fields["Answer"]["max_length"] == 4000
    assert not fields["Tags (comma-separated)"]["required"]

    body = await submit(harness, modal, "When is the watch party?", "Saturdays at 20:00 UTC.\nBring snacks.",
                        aliases="movie night\nwatch party time\n", tags="events")
    assert body["data"]["flags"] & EPHEMERAL
    assert body["data"]["embeds"][0]["title"] == "When is the watch party?"
    [faq] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert faq.aliases == ("movie night", "watch party time") and faq.tags == ("events",)

    data = await ask(harness, "movie night")
    assert data["embeds"][0]["description"] == "Saturdays at 20:00 UTC.\nBring snacks."
    other = await ask(harness, "when is the watch party", harness.other_guild_id)
    assert "Saturdays" not in str(other)


async def test_an_invalid_form_says_what_is_wrong_and_saves_nothing(harness: Harness) -> None:
    modal = await open_modal(harness, "add")
    body = await submit(harness, modal, "Valid question?", "   ", aliases="x" * 101)
    content = body["data"]["content"]
    assert body["data"]["flags"] & EPHEMERAL
    assert "Answer: must not be empty" in content and "Other ways to ask #1: is 101 characters" in content
    assert "aliases[0]" not in content
    modal = await open_modal(harness, "add")
    body = await submit(harness, modal, SHIPPED.upper(), "Someone else.")
    assert "already an FAQ" in body["data"]["content"]
    assert await harness.bot.store.faqs.layer(harness.guild_id) == []


async def test_fix_it_reopens_a_refused_form_with_what_was_typed(harness: Harness) -> None:
    modal = await open_modal(harness, "add")
    await submit(harness, modal, "Valid question?", "   ", aliases="x" * 101, tags="events")
    fix = await harness.fake.send_component(stamped("faq-fix"), user_id=harness.admin_id)
    reopened = (await harness.fake.wait_for_callback(fix))["data"]
    fields = inputs(reopened)
    assert fields["Question"]["value"] == "Valid question?"
    assert fields[ALIASES_FIELD]["value"] == "x" * 101
    assert fields["Tags (comma-separated)"]["value"] == "events"
    body = await submit(harness, reopened, "Valid question?", "Now with an answer.", tags="events")
    assert body["data"]["embeds"][0]["description"] == "Now with an answer."
    [faq] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert (faq.question, faq.aliases, faq.tags) == ("Valid question?", (), ("events",))


async def test_aliases_are_comma_separated_or_one_per_line(harness: Harness) -> None:
    modal = await open_modal(harness, "add")
    assert inputs(modal)[ALIASES_FIELD]["style"] == 2  # multi-line
    await submit(harness, modal, "When does the watch party start?", "Saturdays at 20:00 UTC.",
                 aliases="watch party time, movie night\nparty start\n")  # SPEC's own example
    [faq] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert faq.aliases == ("watch party time", "movie night", "party start")
    # the edit form shows them one per line; saved unchanged, they stay as they were
    edit = await open_modal(harness, "edit", {"faq": str(faq.id)})
    shown = inputs(edit)[ALIASES_FIELD]["value"]
    assert shown == "watch party time\nmovie night\nparty start"
    await submit(harness, edit, faq.question, faq.answer, aliases=shown)
    [saved] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert saved.aliases == faq.aliases


async def test_an_imported_alias_with_a_comma_survives_an_edit(harness: Harness) -> None:
    faq = await harness.bot.answers.add_faq(  # as an import may store it
        harness.guild_id, FaqDraft("Can I post memes?", "Yes.", aliases=("memes, yes or no",)))
    edit = await open_modal(harness, "edit", {"faq": str(faq.id)})
    shown = inputs(edit)[ALIASES_FIELD]["value"]
    await submit(harness, edit, faq.question, "Yes, in #memes.",
                 aliases=f"{shown}\ndank memes, shitposting")
    [saved] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert saved.aliases == ("memes, yes or no", "dank memes", "shitposting")
    assert saved.answer == "Yes, in #memes."


async def test_an_imported_tag_with_a_comma_survives_an_unchanged_edit(harness: Harness) -> None:
    faq = await harness.bot.answers.add_faq(  # as an import may store it
        harness.guild_id, FaqDraft("Movie night?", "Fridays.", tags=("movies, tv", "events")))
    edit = await open_modal(harness, "edit", {"faq": str(faq.id)})
    shown = inputs(edit)["Tags (comma-separated)"]["value"]
    await submit(harness, edit, faq.question, "Fridays at 8.", tags=shown)
    [saved] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert saved.tags == ("movies, tv", "events") and saved.answer == "Fridays at 8."
    edit = await open_modal(harness, "edit", {"faq": str(faq.id)})
    await submit(harness, edit, faq.question, "   ", tags=shown)  # refused: Fix it keeps them
    again = await harness.fake.send_component(stamped("faq-fix"), user_id=harness.admin_id)
    reopened = (await harness.fake.wait_for_callback(again))["data"]
    await submit(harness, reopened, faq.question, "Fridays.", tags=shown)
    [saved] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert saved.tags == ("movies, tv", "events")
    edit = await open_modal(harness, "edit", {"faq": str(faq.id)})
    await submit(harness, edit, faq.question, "Fridays.", tags="movies, tv")  # changed: as typed
    [saved] = await harness.bot.store.faqs.layer(harness.guild_id)
    assert saved.tags == ("movies", "tv")


async def test_editing_a_shipped_faq_overrides_it_in_this_server_only(harness: Harness) -> None:
    shipped = await shipped_id(harness)
    ix = await harness.fake.send_autocomplete("faq-admin", "faq", "directed ballerina",
                                              subcommand="edit", user_id=harness.admin_id)
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert {"name": f"{SHIPPED} · shipped · 0 uses", "value": str(shipped)} in choices

    modal = await open_modal(harness, "edit", {"faq": str(shipped)})
    fields = inputs(modal)
    assert fields["Question"]["value"] == SHIPPED  # prefilled
    assert "Wiseman" in fields["Answer"]["value"]
    body = await submit(harness, modal, SHIPPED, "Our server says: Len Wiseman, with reshoots.",
                        aliases=fields[ALIASES_FIELD].get("value", ""))
    assert "this server's own version" in body["data"]["content"]
    ix = await harness.fake.send_autocomplete("faq-admin", "faq", "directed ballerina",
                                              subcommand="remove", user_id=harness.admin_id)
    names = [c["name"] for c in (await harness.fake.wait_for_callback(ix))["data"]["choices"]]
    assert f"{SHIPPED} · 0 uses" in names and f"{SHIPPED} · shipped · 0 uses" not in names

    assert (await ask(harness, "who directed ballerina"))["embeds"][0]["description"].startswith(
        "Our server says")
    other = await ask(harness, "who directed ballerina", harness.other_guild_id)
    assert "Our server says" not in other["embeds"][0]["description"]
    assert "Wiseman" in other["embeds"][0]["description"]


async def test_edit_of_an_unknown_faq_is_a_short_message(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": "not an id"}, subcommand="edit",
                                               user_id=harness.admin_id)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL and "autocomplete" in data["content"]


async def test_removing_a_shipped_faq_hides_it_here_after_confirmation(harness: Harness) -> None:
    shipped = await shipped_id(harness)
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": str(shipped)}, subcommand="remove",
                                               user_id=harness.admin_id)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL and "other servers keep it" in data["content"]
    assert "(used 0 times here)" in data["content"]
    assert any(f.id == shipped for f in await harness.bot.store.faqs.visible(harness.guild_id))

    click = await harness.fake.send_component(stamped("faq-confirm"), user_id=harness.admin_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7 and update["data"]["components"] == []
    assert not any(f.id == shipped for f in await harness.bot.store.faqs.visible(harness.guild_id))
    assert any(f.id == shipped for f in await harness.bot.store.faqs.visible(harness.other_guild_id))
    ix = await harness.fake.send_autocomplete("faq", "question", "directed ballerina",
                                              user_id=harness.admin_id)
    names = [c["name"] for c in (await harness.fake.wait_for_callback(ix))["data"]["choices"]]
    assert SHIPPED not in names
    other = await ask(harness, SHIPPED, harness.other_guild_id)
    assert other["embeds"][0]["title"] == SHIPPED


async def test_cancelling_a_removal_changes_nothing(harness: Harness) -> None:
    own = await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("Karaoke?", "Sundays."))
    before = await snapshot(harness)
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": str(own.id)}, subcommand="remove",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    click = await harness.fake.send_component(stamped("faq-cancel"), user_id=harness.admin_id)
    assert "nothing changed" in (await harness.fake.wait_for_callback(click))["data"]["content"]
    assert await snapshot(harness) == before


async def test_removing_own_faq_deletes_it(harness: Harness) -> None:
    own = await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("Karaoke?", "Sundays."))
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": str(own.id)}, subcommand="remove",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    click = await harness.fake.send_component(stamped("faq-confirm"), user_id=harness.admin_id)
    assert "Removed" in (await harness.fake.wait_for_callback(click))["data"]["content"]
    assert await harness.bot.store.faqs.layer(harness.guild_id) == []


@pytest.mark.parametrize("kind", ["own", "shipped"])
async def test_a_faq_edited_after_the_removal_prompt_is_not_removed(harness: Harness, kind: str) -> None:
    if kind == "own":
        shown_id = (await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("Karaoke?", "Sundays."))).id
    else:
        shown_id = await shipped_id(harness)
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": str(shown_id)}, subcommand="remove",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    shown = await harness.bot.answers.faq(harness.guild_id, shown_id)
    # meanwhile another manager edits it (a shipped one becomes the server's own version)
    edited = await harness.bot.answers.edit_faq(
        harness.guild_id, shown_id, FaqDraft(shown.question, "Edited meanwhile."))
    click = await harness.fake.send_component(stamped("faq-confirm"), user_id=harness.admin_id)
    update = await harness.fake.wait_for_callback(click)
    assert update["type"] == 7 and update["data"]["components"] == []
    assert "was edited since you asked, so nothing was removed" in update["data"]["content"]
    seen = {f.id: f.answer for f in await harness.bot.store.faqs.visible(harness.guild_id)}
    assert seen[edited.id] == "Edited meanwhile."


# --- import / export -------------------------------------------------------------------
def exchange(*entries: dict[str, Any]) -> bytes:
    return json.dumps({"version": 1, "faqs": list(entries)}).encode()


async def run_import(harness: Harness, attachment: dict[str, Any]) -> str:
    ix = await harness.fake.send_slash_command("faq-admin", {"file": attachment}, subcommand="import",
                                               user_id=harness.admin_id)
    message = await harness.fake.wait_for_response_message(ix)
    assert message["flags"] & EPHEMERAL
    return str(message["content"])


async def test_import_with_one_bad_entry_writes_nothing(harness: Harness) -> None:
    data = exchange({"question": "Good one?", "answer": "Yes."},
                    {"question": "Bad one?", "answer": ""},
                    {"question": "Another good one?", "answer": "Also yes.", "tags": ["x" * 40]})
    content = await run_import(harness, harness.fake.add_attachment(data, "faqs.json"))
    assert "Nothing was saved" in content
    assert "entry 1, answer" in content and "entry 2, tags[0]" in content
    assert await harness.bot.store.faqs.layer(harness.guild_id) == []


async def test_an_import_with_more_problems_than_a_message_holds_attaches_them_all(
        harness: Harness) -> None:
    faqs = [{"question": f"Question {i}?", "answer": "" if i % 2 else "Fine."} for i in range(1500)]
    attachment = harness.fake.add_attachment(json.dumps({"version": 1, "faqs": faqs}).encode(),
                                             "faqs.json")
    ix = await harness.fake.send_slash_command("faq-admin", {"file": attachment},
                                               subcommand="import", user_id=harness.admin_id)
    message = await harness.fake.wait_for_response_message(ix)
    assert message["flags"] & EPHEMERAL and len(message["content"]) <= 2000
    assert message["content"].startswith("Nothing was saved. entry 1, answer")
    assert message["content"].endswith("The attached file lists every problem by entry and field.")
    [attached] = message["attachments"]
    assert attached["filename"] == "import-problems.txt"
    lines = harness.fake.attachments[int(attached["id"])].decode().splitlines()
    assert lines == [f"entry {i}, answer: {lines[0].split(': ', 1)[1]}" for i in range(1, 1500, 2)]
    assert await harness.bot.store.faqs.layer(harness.guild_id) == []


async def test_import_twice_changes_nothing_the_second_time(harness: Harness) -> None:
    data = exchange({"question": "When is movie night?", "answer": "Fridays.", "aliases": ["movie night"]},
                    {"question": SHIPPED, "answer": "Our own wording: Len Wiseman."})
    first = await run_import(harness, harness.fake.add_attachment(data, "faqs.json"))
    assert "1 added, 1 updated, 0 unchanged" in first
    second = await run_import(harness, harness.fake.add_attachment(data, "faqs.json"))
    assert "0 added, 0 updated, 2 unchanged" in second
    assert (await ask(harness, "movie night"))["embeds"][0]["description"] == "Fridays."
    assert (await ask(harness, "who directed ballerina"))["embeds"][0]["description"].startswith("Our own")


async def test_import_refuses_other_files_before_downloading(harness: Harness) -> None:
    text = await run_import(harness, harness.fake.add_attachment(b"hello", "notes.txt"))
    assert ".json" in text
    big = harness.fake.add_attachment(b" " * (MAX_FILE_BYTES + 1), "big.json")
    assert "limit" in await run_import(harness, big)
    assert "not valid JSON" in await run_import(harness, harness.fake.add_attachment(b"{", "x.json"))
    downloads = [r for r in harness.fake.requests if "/attachments/" in r.path]
    assert len(downloads) == 1  # only the small broken file was fetched
    assert await harness.bot.store.faqs.layer(harness.guild_id) == []


async def test_export_sends_the_servers_faqs_as_json(harness: Harness) -> None:
    await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("Karaoke?", "Sundays.", ("sing",)))
    await harness.bot.answers.add_faq(harness.other_guild_id, FaqDraft("Elsewhere?", "Not here."))
    ix = await harness.fake.send_slash_command("faq-admin", subcommand="export", user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    assert ix.callback is not None
    [file] = ix.callback.files
    assert file.filename == f"faqs-{harness.guild_id}.json"
    assert json.loads(file.text()) == {
        "version": 1, "faqs": [{"question": "Karaoke?", "answer": "Sundays.", "aliases": ["sing"]}]}
    assert ix.callback.json["data"]["flags"] & EPHEMERAL


# --- unanswered --------------------------------------------------------------------------
async def test_unanswered_lists_misses_and_turns_one_into_an_faq(harness: Harness) -> None:
    for question in ("pizza recipe with pineapple", "Pizza recipe with pineapple?", "ballerina"):
        await ask(harness, question)
    ix = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                               user_id=harness.admin_id)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    assert data["flags"] & EPHEMERAL
    lines = data["embeds"][0]["description"].splitlines()
    assert "pineapple" in lines[0] and "2 times" in lines[0]
    assert "ballerina" in lines[1] and "once" in lines[1]

    closed = await harness.fake.send_component(stamped("faq-unanswered"), 3, values=["0"],
                                               user_id=harness.admin_id)
    assert (await harness.fake.wait_for_callback(closed))["type"] == 9  # a form, closed unsent
    # the listing is redrawn with nothing picked, so the same pick can open the form again
    redrawn = await harness.fake.wait_for_original_edit(ix)
    shown = menus(redrawn)
    assert [len(m["options"]) for m in shown] == [2, 2, 2]
    assert not any(o.get("default") for m in shown for o in m["options"])
    pick = await harness.fake.send_component(stamped("faq-unanswered"), 3, values=["0"],
                                             user_id=harness.admin_id)
    modal = (await harness.fake.wait_for_callback(pick))["data"]
    assert inputs(modal)["Question"]["value"] == "Pizza recipe with pineapple?"
    body = await submit(harness, modal, "Pizza recipe with pineapple?", "Wrong server, try #food.")
    assert body["data"]["embeds"][0]["description"] == "Wrong server, try #food."
    answered = await harness.fake.wait_for_original_edit(ix, index=2)  # it leaves the listing
    assert "pineapple" not in answered["embeds"][0]["description"]
    shown = menus(answered)
    assert [[o["value"] for o in m["options"]] for m in shown] == [["1"], ["1"], ["1"]]
    remaining = await harness.misses()
    assert [m.query_norm for m in remaining] == ["ballerina"]
    assert (await ask(harness, "pizza recipe with pineapple"))["embeds"][0]["title"] == (
        "Pizza recipe with pineapple?")


async def test_unanswered_junk_can_be_dismissed(harness: Harness) -> None:
    for question in ("asdf qwerty", "asdf qwerty", "ballerina"):  # the junk is listed first
        await ask(harness, question)
    ix = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    refused = await harness.fake.send_component(stamped("faq-unanswered-dismiss"), 3, values=["0"],
                                                user_id=harness.member_id)
    assert (await harness.fake.wait_for_callback(refused))["data"]["flags"] & EPHEMERAL
    assert len(await harness.misses()) == 2  # not theirs to dismiss

    dismiss = await harness.fake.send_component(stamped("faq-unanswered-dismiss"), 3, values=["0"],
                                                user_id=harness.admin_id)
    data = (await harness.fake.wait_for_callback(dismiss))["data"]
    assert data["flags"] & EPHEMERAL and "Dismissed" in data["content"]
    remaining = await harness.misses()
    assert len(remaining) == 1 and remaining[0].query_norm != "asdf qwerty"
    redrawn = await harness.fake.wait_for_original_edit(ix)  # the dismissed one leaves the menus
    shown = menus(redrawn)
    assert [[o["value"] for o in m["options"]] for m in shown] == [["1"], ["1"], ["1"]]
    stale = await harness.fake.send_component(stamped("faq-unanswered"), 3, values=["0"],
                                              user_id=harness.admin_id)
    assert "dismissed already" in (await harness.fake.wait_for_callback(stale))["data"]["content"]

    last = await harness.fake.send_component(stamped("faq-unanswered-dismiss"), 3, values=["1"],
                                             user_id=harness.admin_id)
    await harness.fake.wait_for_callback(last)
    done = await harness.fake.wait_for_original_edit(ix, index=2)
    assert done["components"] == []  # no menus over nothing
    assert done["embeds"][0]["description"] == "Done: every question listed was answered or dismissed."
    assert "footer" not in done["embeds"][0]


async def test_the_unanswered_listing_lives_a_fixed_time_however_often_it_is_used(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """discord.py's timeout restarts on each pick and could outlive the listing's 15-minute
    token; the menus go stale a fixed time after the listing is shown instead."""
    monkeypatch.setattr(unanswered_ui, "LISTING_LIFETIME", 1.0)
    await ask(harness, "asdf qwerty")
    ix = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    shown = asyncio.get_running_loop().time()
    await asyncio.sleep(0.6)
    pick = await harness.fake.send_component(stamped("faq-unanswered"), 3, values=["0"],
                                             user_id=harness.admin_id)  # a pick: no new lease
    await harness.fake.wait_for_callback(pick)
    await harness.fake.wait_for_original_edit(ix)  # the redraw after the pick
    expired = await harness.fake.wait_for_original_edit(ix, timeout=5, index=1)
    assert asyncio.get_running_loop().time() - shown < 1.5
    expired_menus = menus(expired)
    assert expired_menus and all(m["disabled"] for m in expired_menus)


async def test_a_listing_done_before_it_expires_stays_done(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unanswered_ui, "LISTING_LIFETIME", 0.5)
    await ask(harness, "asdf qwerty")
    ix = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    dismiss = await harness.fake.send_component(stamped("faq-unanswered-dismiss"), 3, values=["0"],
                                                user_id=harness.admin_id)
    await harness.fake.wait_for_callback(dismiss)
    assert (await harness.fake.wait_for_original_edit(ix))["components"] == []
    await asyncio.sleep(1.0)  # past the lifetime: no disabled menus drawn back under "Done"
    assert len(ix.edits) == 1


async def test_unanswered_when_there_is_nothing_shows_use_counts(harness: Harness) -> None:
    for _ in range(2):
        await ask(harness, "who wrote ballerina")
    await ask(harness, "who directed ballerina")
    ix = await harness.fake.send_slash_command("faq-admin", subcommand="unanswered",
                                               user_id=harness.admin_id)
    data = (await harness.fake.wait_for_callback(ix))["data"]
    embed = data["embeds"][0]
    assert "None so far" in embed["description"]
    assert not data.get("components")
    assert embed["fields"][0]["value"].splitlines() == [
        "2 × Who wrote Ballerina?", "1 × Who directed Ballerina?"]


# --- restart ---------------------------------------------------------------------------------
async def test_a_restart_keeps_everything(harness: Harness) -> None:
    modal = await open_modal(harness, "add")
    await submit(harness, modal, "When is movie night?", "Fridays.")
    modal = await open_modal(harness, "edit", {"faq": str(await shipped_id(harness))})
    await submit(harness, modal, SHIPPED, "Our wording: Len Wiseman.")
    hidden = await shipped_id(harness, "Who wrote Ballerina?")
    await harness.bot.answers.remove_faq(harness.guild_id, hidden)
    await ask(harness, "when is movie night")
    await ask(harness, "pizza recipe with pineapple")

    await harness.restart()
    assert (await ask(harness, "when is movie night"))["embeds"][0]["description"] == "Fridays."
    assert (await ask(harness, SHIPPED))["embeds"][0]["description"] == "Our wording: Len Wiseman."
    ix = await harness.fake.send_autocomplete("faq", "question", "", user_id=harness.admin_id)
    choices = (await harness.fake.wait_for_callback(ix))["data"]["choices"]
    assert choices[0]["name"] == "When is movie night?"  # used twice now
    assert "Who wrote Ballerina?" not in [c["name"] for c in choices]
    assert [m.query_norm for m in await harness.misses()] == [
        "pizza recipe with pineapple"]
    other = await ask(harness, SHIPPED, harness.other_guild_id)
    assert "Our wording" not in other["embeds"][0]["description"]
