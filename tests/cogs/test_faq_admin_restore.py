"""/faq-admin restore end to end through the fake Discord: a shipped FAQ hidden in a server
(removed, or the server's own version of it removed) comes back, and only then."""

from __future__ import annotations

from typing import Any

from bot.models import FaqDraft
from bot.ui import stamped
from tests.cogs.conftest import Harness
from tests.cogs.faq_admin_helpers import EPHEMERAL, SHIPPED, ask, shipped_id, snapshot


async def remove(harness: Harness, faq_id: int) -> str:
    """/faq-admin remove, confirmed; the confirmation's text."""
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": str(faq_id)}, subcommand="remove",
                                               user_id=harness.admin_id)
    await harness.fake.wait_for_callback(ix)
    click = await harness.fake.send_component(stamped("faq-confirm"), user_id=harness.admin_id)
    return str((await harness.fake.wait_for_callback(click))["data"]["content"])


async def restore(harness: Harness, value: str) -> dict[str, Any]:
    ix = await harness.fake.send_slash_command("faq-admin", {"faq": value}, subcommand="restore",
                                               user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL
    return dict(body["data"])


async def hidden_choices(harness: Harness, typed: str) -> list[dict[str, Any]]:
    ix = await harness.fake.send_autocomplete("faq-admin", "faq", typed, subcommand="restore",
                                              user_id=harness.admin_id)
    return list((await harness.fake.wait_for_callback(ix))["data"]["choices"])


async def test_a_hidden_shipped_faq_comes_back(harness: Harness) -> None:
    shipped = await shipped_id(harness)
    assert await hidden_choices(harness, "") == []  # nothing hidden yet
    assert "/faq-admin restore brings it back" in await remove(harness, shipped)
    assert (await ask(harness, SHIPPED)).get("embeds", [{}])[0].get("title") != SHIPPED

    assert await hidden_choices(harness, "directed BALLERINA") == [
        {"name": f"{SHIPPED} · 0 uses", "value": str(shipped)}]
    assert await hidden_choices(harness, "wrote") == []
    data = await restore(harness, str(shipped))
    assert data["content"] == f"Restored “{SHIPPED}” in this server: /faq answers it again."
    assert data["allowed_mentions"] == {"parse": []}
    assert (await ask(harness, SHIPPED))["embeds"][0]["title"] == SHIPPED
    assert await hidden_choices(harness, "") == []


async def test_removing_the_servers_own_version_says_the_original_stays_hidden(
        harness: Harness) -> None:
    shipped = await shipped_id(harness)
    own = await harness.bot.answers.edit_faq(harness.guild_id, shipped, FaqDraft(SHIPPED, "Ours."))
    content = await remove(harness, own.id)
    assert "The shipped FAQ it replaced stays hidden" in content and "restore" in content
    await restore(harness, str(shipped))
    answer = (await ask(harness, SHIPPED))["embeds"][0]
    assert answer["title"] == SHIPPED and "Wiseman" in answer["description"]


async def test_restore_refuses_what_is_not_hidden_or_asked_by_the_servers_own_faq(
        harness: Harness) -> None:
    shipped = await shipped_id(harness)
    before = await snapshot(harness)
    for value in (str(shipped), "directed ballerina", "9" * 30, "²"):  # visible; typed; long; ²
        data = await restore(harness, value)
        assert "isn't hidden in this server" in data["content"]
    assert await snapshot(harness) == before

    await remove(harness, shipped)
    await harness.bot.answers.add_faq(harness.guild_id, FaqDraft(SHIPPED.upper(), "Our own."))
    before = await snapshot(harness)
    data = await restore(harness, str(shipped))
    assert "has its own FAQ asking" in data["content"] and "Remove that one first" in data["content"]
    assert await snapshot(harness) == before
    assert (await ask(harness, SHIPPED))["embeds"][0]["description"] == "Our own."
