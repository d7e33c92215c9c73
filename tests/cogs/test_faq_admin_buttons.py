"""The managers' buttons and menus over time, through the fake Discord: "Fix it" reopens a
new form on every click and says when it has expired; controls sent before a restart are
answered, not left to fail."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot import faq_admin_ui
from bot.ui import stamped
from tests.cogs.conftest import Harness
from tests.cogs.faq_admin_helpers import EPHEMERAL, inputs, open_modal, shipped_id, snapshot, submit


async def refused_form(harness: Harness) -> dict[str, Any]:
    """Submit an add form with an empty answer; the refusal message (with "Fix it")."""
    modal = await open_modal(harness, "add")
    body = await submit(harness, modal, "Q one?", "   ")
    assert "Fix it" in body["data"]["content"]
    return body


async def fix_it(harness: Harness) -> dict[str, Any]:
    fix = await harness.fake.send_component(stamped("faq-fix"), user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(fix)
    assert body["type"] == 9, body  # a form
    return dict(body["data"])


async def test_fix_it_opens_a_new_form_each_time(harness: Harness) -> None:
    await refused_form(harness)
    first = await fix_it(harness)
    saved = await submit(harness, first, "Q one?", "Answer one.")
    assert saved["data"]["embeds"][0]["description"] == "Answer one."
    # the same button again (it stays, for a form closed by accident): a form that saves
    second = await fix_it(harness)
    assert inputs(second)["Question"]["value"] == "Q one?"
    body = await submit(harness, second, "Q two?", "Answer two.")
    assert body["data"]["embeds"][0]["description"] == "Answer two."
    assert {f.question for f in await harness.bot.store.faqs.layer(harness.guild_id)} == {
        "Q one?", "Q two?"}


async def test_an_expired_fix_it_is_disabled_and_says_so(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faq_admin_ui, "RETRY_TIMEOUT", 0.2)
    await refused_form(harness)
    message = harness.fake.find_message_with_component(stamped("faq-fix"))

    def expired() -> bool:
        current = harness.fake.messages[int(message["id"])]
        buttons = [c for row in current["components"] for c in row["components"]]
        return all(b.get("disabled") for b in buttons)

    await harness.fake.wait_until(expired, timeout=5)
    current = harness.fake.messages[int(message["id"])]
    assert "has expired: run the command again" in current["content"]
    assert "Press “Fix it”" not in current["content"]
    with pytest.raises(ValueError, match="disabled"):
        await harness.fake.send_component(stamped("faq-fix"), user_id=harness.admin_id)


async def test_a_click_does_not_put_off_the_expiry(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faq_admin_ui, "RETRY_TIMEOUT", 1.0)
    loop = asyncio.get_running_loop()
    await refused_form(harness)
    refused_at = loop.time()
    message = harness.fake.find_message_with_component(stamped("faq-fix"))
    await asyncio.sleep(0.8)
    await fix_it(harness)  # discord.py's own timeout would start again here

    def expired() -> bool:
        current = harness.fake.messages[int(message["id"])]
        return all(c.get("disabled") for row in current["components"] for c in row["components"])

    await harness.fake.wait_until(expired, timeout=5)
    assert loop.time() - refused_at < 1.6  # 1 s after the refusal, not 1 s after the click


async def test_a_confirmation_from_before_a_restart_is_answered_and_changes_nothing(
        harness: Harness) -> None:
    shipped = await shipped_id(harness)
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": str(shipped)}, subcommand="remove",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    old_id = stamped("faq-confirm")
    before = await snapshot(harness)

    await harness.restart()
    assert stamped("faq-confirm") != old_id  # a new run stamps its buttons anew
    click = await harness.fake.send_component(old_id, user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(click)
    assert body["data"]["flags"] & EPHEMERAL
    assert "from before I restarted" in body["data"]["content"]
    assert await snapshot(harness) == before
