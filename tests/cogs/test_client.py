"""The bot through the fake Discord: connects, registers its commands, answers /help, fails safely."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.client import ConciergeBot, serve
from bot.models import FaqDraft
from bot.settings import Settings
from bot.ui import OOPS
from tests.cogs.conftest import Harness
from tests.fakediscord import FakeDiscord, run_bot

EPHEMERAL = 64


async def test_connects_and_registers_every_command(harness: Harness) -> None:
    registered = {command["name"] for command in harness.fake.registered_commands()}
    assert "help" in registered
    assert registered == {command.name for command in harness.bot.tree.get_commands()} | {
        command.name for command in harness.bot.tree.get_commands(type=discord.AppCommandType.message)}
    assert harness.bot.allowed_mentions is not None
    assert harness.bot.allowed_mentions.to_dict() == {"parse": []}


async def test_help_lists_what_the_bot_can_do(harness: Harness) -> None:
    ix = await harness.fake.send_slash_command("help")
    body = await harness.fake.wait_for_callback(ix)
    assert body["type"] == 4
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}
    embed = data["embeds"][0]
    assert "/faq" in embed["description"]
    assert "**/help**" in embed["fields"][0]["value"]


async def test_an_unexpected_error_is_logged_not_shown(harness: Harness, caplog: Any) -> None:
    @app_commands.command(name="boom", description="always fails")
    async def boom(interaction: discord.Interaction) -> None:
        raise RuntimeError("secret internals")

    harness.bot.tree.add_command(boom)
    await harness.bot.tree.sync()
    ix = await harness.fake.send_slash_command("boom")
    body = await harness.fake.wait_for_callback(ix)
    assert body["data"]["content"] == OOPS
    assert "secret internals" not in str(body)
    assert body["data"]["flags"] & EPHEMERAL
    assert any(record.exc_info and "secret internals" in str(record.exc_info[1])
               for record in caplog.records)


async def test_restart_keeps_the_store(harness: Harness) -> None:
    await harness.bot.answers.add_faq(harness.guild_id, FaqDraft("When is movie night?", "Fridays."))
    bot = await harness.restart()
    seen = await bot.answers.store.faqs.visible(harness.guild_id)
    assert any(faq.question == "When is movie night?" for faq in seen)


async def test_sigterm_closes_the_bot_and_its_store(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        fake.add_guild()
        db_path = tmp_path / "signal.db"
        bot = ConciergeBot(Settings(database_path=db_path), guild_ready_timeout=0)
        running = asyncio.create_task(serve(bot, fake.token))
        await fake.wait_until_ready_sent(10)
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        assert db_path.with_name("signal.db-wal").exists()
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(running, 10)
        assert bot.is_closed()
        # the last connection closing cleanly checkpoints and removes the WAL file
        assert not db_path.with_name("signal.db-wal").exists()


async def test_a_dev_guild_the_bot_is_not_in_is_logged_and_the_bot_runs(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with FakeDiscord() as fake:
        fake.add_guild()
        settings = Settings(database_path=tmp_path / "dev.db", dev_guild_id=123456789012345678)
        with caplog.at_level(logging.WARNING, logger="bot.client"):
            async with run_bot(fake, ConciergeBot(settings, guild_ready_timeout=0)) as running:
                assert "help" in {c["name"] for c in fake.registered_commands()}
                assert running.is_ready()
        assert "DEV_GUILD_ID=123456789012345678: could not sync" in caplog.text


async def test_dev_guild_gets_its_own_copy_of_the_commands(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild()
        settings = Settings(database_path=tmp_path / "dev.db", dev_guild_id=guild.id)
        async with run_bot(fake, ConciergeBot(settings, guild_ready_timeout=0)):
            global_names = {c["name"] for c in fake.registered_commands()}
            guild_names = {c["name"] for c in fake.registered_commands(guild_id=guild.id)}
            assert "help" in global_names
            assert guild_names == global_names
