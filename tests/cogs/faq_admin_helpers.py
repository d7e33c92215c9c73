"""What the /faq-admin tests share: the form's inputs, opening and submitting it, asking, the
shipped FAQ the tests edit and hide, and a snapshot of the FAQ tables."""

from __future__ import annotations

from typing import Any

from tests.cogs.conftest import Harness

EPHEMERAL = 64
NO_PINGS: dict[str, list[str]] = {"parse": []}
SHIPPED = "Who directed Ballerina?"
ALIASES_FIELD = "Other ways to ask (commas or new lines)"  # the form field's label


def menus(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The select menus of a message."""
    return [c for row in message.get("components") or [] for c in row["components"] if c["type"] == 3]


def inputs(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The text inputs of a modal by label."""
    found = {}
    for row in modal["components"]:
        for component in row.get("components", []) or [row.get("component", {})]:
            if component.get("type") == 4:
                found[component["label"]] = component
    return found


async def open_modal(harness: Harness, subcommand: str, options: dict[str, Any] | None = None,
                     ) -> dict[str, Any]:
    ix = await harness.fake.send_slash_command("faq-admin", options, subcommand=subcommand,
                                               user_id=harness.admin_id)
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 9, body
    return dict(body["data"])


async def submit(harness: Harness, modal: dict[str, Any], question: str, answer: str,
                 aliases: str = "", tags: str = "") -> dict[str, Any]:
    fields = inputs(modal)
    values: dict[str, str | list[str]] = {
        fields["Question"]["custom_id"]: question, fields["Answer"]["custom_id"]: answer}
    for label, value in ((ALIASES_FIELD, aliases),
                         ("Tags (comma-separated)", tags)):
        values[fields[label]["custom_id"]] = value
    ix = await harness.fake.send_modal_submit(modal["custom_id"], values)
    return await harness.fake.wait_for_callback(ix)


async def ask(harness: Harness, question: str, guild_id: int | None = None) -> dict[str, Any]:
    user = harness.admin_id if guild_id in (None, harness.guild_id) else harness.other_admin_id
    ix = await harness.fake.send_slash_command("faq", {"question": question},
                                               guild_id=guild_id or harness.guild_id, user_id=user)
    return dict((await harness.fake.wait_for_callback(ix))["data"])


async def shipped_id(harness: Harness, question: str = SHIPPED) -> int:
    return next(faq.id for faq in await harness.bot.store.faqs.visible(None)
                if faq.question == question)


async def snapshot(harness: Harness) -> tuple[Any, ...]:
    store = harness.bot.store
    return (await store.faqs.layer(harness.guild_id), await store.faqs.visible(harness.guild_id),
            await store.db.fetchall("SELECT guild_id, faq_id FROM hidden_faqs"))
