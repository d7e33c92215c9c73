"""The assembled :class:`FakeDiscord` and a helper to run a discord.py bot against it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any, TypeVar

from .actions import ActionsMixin

BotT = TypeVar("BotT")


class FakeDiscord(ActionsMixin):
    """A loopback Discord (REST v10 + gateway) for driving a real discord.py bot in tests.

    Typical use::

        async with FakeDiscord() as fake:          # start on a free port + patch discord.py
            guild = fake.add_guild(name="Fans")    # @everyone, bot, owner, tester, #general
            bot = make_bot()                       # e.g. commands.AutoShardedBot(..., guild_ready_timeout=0)
            async with run_bot(fake, bot):
                ix = await fake.send_slash_command("ping")
                body = await fake.wait_for_callback(ix)
        # on a clean exit: fake.assert_all_valid() (OpenAPI + unexpected endpoints)

    Constructor options: ``application_id``/``bot_user_id`` (generated), ``bot_name``, ``token``,
    ``interaction_timeout`` (3 s like Discord; ``None`` disables), ``validate`` (OpenAPI checks),
    ``reject_invalid`` (answer invalid bodies with 400/50035 instead of only recording them),
    ``shard_count`` (returned by GET /gateway/bot).
    """


@contextlib.asynccontextmanager
async def run_bot(fake: FakeDiscord, bot: BotT, *, timeout: float = 10.0) -> AsyncIterator[BotT]:  # noqa: ASYNC109
    """Start ``bot`` (a discord.py Client) with ``fake.token``, wait until it is ready and has
    every fake guild cached, yield it, then close it and wait for its task to finish."""
    client: Any = bot
    task = asyncio.create_task(client.start(fake.token), name="fakediscord-bot")
    ready = asyncio.create_task(client.wait_until_ready())
    try:
        done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()  # raises the start error
            raise RuntimeError("bot.start() returned before the bot was ready")
        if ready not in done:
            raise TimeoutError(f"bot not ready after {timeout}s")
        await fake.wait_until_ready_sent(timeout)
        await fake.wait_until(
            lambda: all(client.get_guild(g) for g in fake.guilds), timeout, "guilds cached by bot"
        )
        yield bot
    finally:
        ready.cancel()
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            try:
                await asyncio.wait_for(task, timeout)
            except Exception:
                if not task.cancelled() and task.done() and task.exception() is not None:
                    raise
