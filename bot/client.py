"""The bot: an AutoShardedBot that opens the store, loads the cogs and syncs app commands."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import signal
import sys
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import AnswerService
from bot.knowledge import DEFAULT_DATA_DIR, load_knowledge
from bot.settings import Settings
from bot.store import Store
from bot.ui import NO_PINGS, BotRun, report_error

log = logging.getLogger(__name__)


def discover_extensions() -> tuple[str, ...]:
    """Every module in cogs/ is an extension (each has a `setup`)."""
    import cogs

    return tuple(sorted(f"cogs.{module.name}" for module in pkgutil.iter_modules(cogs.__path__)))


class ConciergeTree(app_commands.CommandTree["ConciergeBot"]):
    async def on_error(self, interaction: discord.Interaction[ConciergeBot],
                       error: app_commands.AppCommandError, /) -> None:
        await report_error(interaction, error)


class ConciergeBot(commands.AutoShardedBot):
    store: Store
    answers: AnswerService

    def __init__(self, settings: Settings, *, data_dir: Path = DEFAULT_DATA_DIR,
                 extensions: tuple[str, ...] | None = None, **options: Any) -> None:
        intents = discord.Intents.default()  # no privileged intents: mentions carry their text
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=NO_PINGS,  # nothing pings unless a send says otherwise
            help_command=None,
            tree_cls=ConciergeTree,
            **options,
        )
        self.settings = settings
        self.data_dir = data_dir
        self._shutdown: asyncio.Future[None] | None = None
        self.extension_names = extensions if extensions is not None else discover_extensions()

    async def setup_hook(self) -> None:
        self.store = await Store.open(self.settings.database_path)
        self.answers = AnswerService(self.store)
        await self.answers.load_knowledge(load_knowledge(self.data_dir))
        BotRun.new()  # buttons sent before this start are told apart (bot.ui.BotRun)
        for extension in self.extension_names:
            await self.load_extension(extension)
        synced = await self.tree.sync()
        log.info("synced %d global app commands", len(synced))
        if self.settings.dev_guild_id:
            await self._sync_dev_guild(self.settings.dev_guild_id)

    async def _sync_dev_guild(self, guild_id: int) -> None:
        """A copy of the commands in the dev server; a wrong DEV_GUILD_ID (a server the bot
        is not in, a channel's id) is logged, not a reason to stop: it only adds that copy."""
        guild = discord.Object(guild_id)
        self.tree.copy_global_to(guild=guild)
        try:
            await self.tree.sync(guild=guild)
        except discord.HTTPException as error:
            self.tree.clear_commands(guild=guild)
            log.warning("DEV_GUILD_ID=%s: could not sync the commands to that server (%s); "
                        "is the bot in it, with the applications.commands scope? The global "
                        "commands are synced", guild_id, error)
            return
        log.info("synced app commands to the dev server %s", guild_id)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: mentions are answered by the FAQ cog's listener."""

    async def close(self) -> None:
        """Close Discord, then the store; every caller waits for the same one shutdown."""
        if self._shutdown is None:
            self._shutdown = asyncio.ensure_future(self._close_everything())
        await asyncio.shield(self._shutdown)

    async def _close_everything(self) -> None:
        await super().close()  # unloads the cogs first, so their tasks stop before the store
        answers = getattr(self, "answers", None)
        if answers is not None:
            await answers.close()
        store = getattr(self, "store", None)
        if store is not None:
            await store.close()
            log.info("store closed")


async def serve(bot: ConciergeBot, token: str) -> None:
    """Run until closed; SIGINT/SIGTERM close the bot and its store cleanly."""
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
            handled.append(sig)
    try:
        async with bot:
            await bot.start(token)
    finally:
        await bot.close()  # start() returns mid-shutdown; wait for the store to close too
        for sig in handled:
            loop.remove_signal_handler(sig)


def run_bot(settings: Settings) -> int:
    token = settings.require_token()
    discord.utils.setup_logging(level=logging.getLevelName(settings.log_level), root=True)
    try:
        asyncio.run(serve(ConciergeBot(settings), token))
    except discord.LoginFailure:
        # discord.py's message never contains the token; ours doesn't either
        print("Discord rejected DISCORD_TOKEN: check it in the Developer Portal and .env.",
              file=sys.stderr, flush=True)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("Discord refused an intent the bot asked for; enable it in the Developer Portal.",
              file=sys.stderr, flush=True)
        return 1
    return 0
