"""`harness`: the loopback fake Discord plus a real ConciergeBot on a temp SQLite file.

    async def test_something(harness: Harness) -> None:
        ix = await harness.fake.send_slash_command("faq", {"question": "who plays eve"})
        body = await harness.fake.wait_for_callback(ix)
        await harness.restart()   # a new bot process on the same database

Two guilds (`guild_id`, `other_guild_id`), an admin with Manage Server (`admin_id`) and a
plain member (`member_id`) in each, and `channel_id`, the first guild's #general.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.client import ConciergeBot
from bot.models import UnansweredQuestion
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, Perm, run_bot


class Harness:
    def __init__(self, fake: FakeDiscord, db_path: Path) -> None:
        self.fake = fake
        self.db_path = db_path
        guild = fake.add_guild(name="Fans", channels=["general", "announcements"])
        other = fake.add_guild(name="Other fans")
        self.guild_id: int = guild.id
        self.other_guild_id: int = other.id
        self.channel_id: int = guild.default_channel_id
        self.announcements_channel_id: int = int(guild.channel_by_name("announcements")["id"])
        self.admin_id = int(fake.add_member(guild.id, name="admin", permissions=Perm.MANAGE_GUILD)
                            ["user"]["id"])
        self.member_id = int(fake.add_member(guild.id, name="member")["user"]["id"])
        self.other_admin_id = int(
            fake.add_member(other.id, name="other-admin", permissions=Perm.MANAGE_GUILD)["user"]["id"])
        self._running: contextlib.AsyncExitStack | None = None
        self.bot: ConciergeBot

    async def misses(self) -> list[UnansweredQuestion]:
        """The guild's logged misses once the bot's queued bookkeeping writes are done."""
        await self.bot.answers.bookkeeping.settled()
        return await self.bot.store.unanswered.top(self.guild_id)

    def new_bot(self) -> ConciergeBot:
        return ConciergeBot(Settings(database_path=self.db_path), guild_ready_timeout=0)

    async def start(self) -> ConciergeBot:
        stack = contextlib.AsyncExitStack()
        self.bot = await stack.enter_async_context(run_bot(self.fake, self.new_bot()))
        self._running = stack
        return self.bot

    async def stop(self) -> None:
        if self._running is not None:
            running, self._running = self._running, None
            await running.aclose()

    async def restart(self) -> ConciergeBot:
        """Close the bot (store included) and start a fresh one on the same database."""
        await self.stop()
        return await self.start()


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    async with FakeDiscord() as fake:
        harness = Harness(fake, tmp_path / "bot.db")
        await harness.start()
        try:
            yield harness
        finally:
            await harness.stop()
