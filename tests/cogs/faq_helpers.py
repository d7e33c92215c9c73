"""What the /faq tests share: flags, asking as a member, the "did you mean" buttons, stored
FAQs' use counts."""

from __future__ import annotations

from typing import Any

from tests.cogs.conftest import Harness

EPHEMERAL = 64
NO_PINGS: dict[str, list[str]] = {"parse": []}
UNSURE = "ballerina"  # several FAQs fit equally well: "did you mean"
NONSENSE = "pizza recipe with pineapple"  # nothing fits at all
PINGS = "Ask @everyone or @here, the <@&123> role, or <@456> directly."


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in message.get("components") or [] for c in row.get("components", [])
            if c["type"] == 2]


def not_it(message: dict[str, Any]) -> dict[str, Any]:
    """The "Not what I asked" button of a message."""
    [button] = [b for b in buttons(message) if b["label"] == "Not what I asked"]
    return button


async def faq_id(harness: Harness, question: str, guild_id: int | None = None) -> int:
    seen = await harness.bot.store.faqs.visible(guild_id or harness.guild_id)
    return next(faq.id for faq in seen if faq.question == question)


async def picked_uses(harness: Harness, button: dict[str, Any]) -> int:
    """The use count of the stored FAQ a "did you mean" button names."""
    kind, faq = button["custom_id"].rsplit(":", 2)[-2:]
    assert kind == "faq", button
    await harness.bot.answers.bookkeeping.settled()
    return (await harness.bot.answers.faq(harness.guild_id, int(faq))).uses


async def uses(harness: Harness, question: str) -> int:
    await harness.bot.answers.bookkeeping.settled()  # counts are written behind the replies
    faq = await harness.bot.answers.faq(harness.guild_id, await faq_id(harness, question))
    return faq.uses


async def mention(harness: Harness, text: str, author: int | None = None) -> dict[str, Any]:
    """A message mentioning the bot with `text` after the mention (by a member by default)."""
    bot_id = harness.fake.bot_user_id
    return await harness.fake.send_message_create(
        harness.channel_id, f"<@{bot_id}> {text}", author or harness.member_id)


async def member_asks_ix(harness: Harness, question: str, **options: Any) -> tuple[Any, dict[str, Any]]:
    """/faq `question` asked by a member: the interaction and its response's data."""
    ix = await harness.fake.send_slash_command("faq", {"question": question, **options},
                                               user_id=harness.member_id)
    return ix, dict((await harness.fake.wait_for_callback(ix))["data"])


async def member_asks(harness: Harness, question: str, **options: Any) -> dict[str, Any]:
    """/faq `question` asked by a member: the response's data."""
    return (await member_asks_ix(harness, question, **options))[1]
