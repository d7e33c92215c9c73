"""Discord-facing helpers shared by cogs: error replies, safe sending, base views and modals.

With bot/client.py, bot/faq_ui.py and bot/faq_admin_ui.py, the only modules in bot/ that
import discord.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Collection
from typing import Any

import discord
from discord import app_commands

from bot.errors import ConciergeError

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()
MESSAGE_LIMIT = 2000
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_TITLE_LIMIT = 256
CHOICE_LIMIT = 25
CHOICE_NAME_LIMIT = 100
BRAND_COLOUR = discord.Colour(0x8B0000)
OOPS = "Something went wrong on my side. It has been logged; please try again later."


class BotRun:
    """This run of the bot. Its buttons and menus carry `current` in their custom ids, so
    a click on one sent before a restart (its live view died with the old process) is told
    apart and answered, instead of Discord's "This interaction failed"."""

    current: str = secrets.token_hex(4)

    @classmethod
    def new(cls) -> None:
        cls.current = secrets.token_hex(4)


def stamped(name: str) -> str:
    """A component's custom id for this run: "faq-confirm:1a2b3c4d"."""
    return f"{name}:{BotRun.current}"


def picked_id(value: str) -> int | None:
    """The FAQ id an autocomplete choice carries, or None for text typed instead (ASCII
    digits only: "²" is a digit to Python, not to int())."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut text to `limit` characters at a word boundary, marking the cut with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + ellipsis


def user_message(error: BaseException) -> str | None:
    """The short text a user should see for an error, or None if it is a bug."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, ConciergeError):
        return error.message
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {max(1, round(error.retry_after))} s."
    if isinstance(error, app_commands.MissingPermissions | app_commands.BotMissingPermissions):
        who = "You need" if isinstance(error, app_commands.MissingPermissions) else "I need"
        perms = ", ".join(p.replace("_", " ").replace("guild", "server").title()
                          for p in error.missing_permissions)
        return f"{who} the {perms} permission to do that."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here."
    if isinstance(error, app_commands.TransformerError):
        if isinstance(error.__cause__, ConciergeError):  # our own refusal, inside an option
            return error.__cause__.message
        typed = repr(error.value) if isinstance(error.value, str) else "that"
        return f"I couldn't understand {typed}. Pick one of the suggestions."
    return None


async def send_ephemeral(interaction: discord.Interaction[Any], content: str) -> None:
    """Reply privately whether or not the interaction was already answered."""
    content = clip(content, MESSAGE_LIMIT)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(
                content, ephemeral=True, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("could not deliver an error message for interaction %s", interaction.id)


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """The one place an interaction error becomes a user message (or a logged traceback)."""
    message = user_message(error)
    if message is None:
        original = getattr(error, "original", error)
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("unhandled error in %s", command, exc_info=original)
        message = OOPS
    await send_ephemeral(interaction, message)


def require_manager(interaction: discord.Interaction[Any]) -> int:
    """The guild id, if the user may manage this server; raise the refusal otherwise.

    Commands are hidden from non-managers by default, but server admins can change that,
    so every admin command, button and form checks again when used.
    """
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    permissions = interaction.permissions
    if not (permissions.manage_guild or permissions.administrator):
        raise app_commands.MissingPermissions(["manage_guild"])
    return interaction.guild_id


class BaseView(discord.ui.View):
    """A view whose errors go through report_error and that only its owner (and any
    `co_owner_ids`) may use."""

    def __init__(self, *, owner_id: int | None = None, co_owner_ids: Collection[int] = (),
                 timeout: float | None = 180) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.co_owner_ids = frozenset(co_owner_ids)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        user_id = interaction.user.id
        if self.owner_id is not None and user_id != self.owner_id and user_id not in self.co_owner_ids:
            await send_ephemeral(interaction, "These buttons belong to someone else's question. "
                                              "Ask your own with /faq.")
            return False
        return True

    async def on_error(self, interaction: discord.Interaction[Any], error: Exception,
                       item: discord.ui.Item[Any], /) -> None:
        await report_error(interaction, error)


class BaseModal(discord.ui.Modal):
    # Modal.on_error really takes two arguments; discord.py's stubs inherit View's three.
    async def on_error(  # type: ignore[override]
            self, interaction: discord.Interaction[Any], error: Exception, /) -> None:
        await report_error(interaction, error)
