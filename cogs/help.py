"""/help: what the bot can do, built from the commands actually registered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.ui import BRAND_COLOUR, NO_PINGS

if TYPE_CHECKING:
    from bot.client import ConciergeBot

INTRO = (
    "I answer questions about the John Wick films and *Ballerina* (2025). "
    "Ask with **/faq**, or mention me with your question."
)


def command_lines(tree: app_commands.CommandTree[ConciergeBot]) -> tuple[list[str], list[str]]:
    """(member lines, admin lines) for every slash command and context menu."""
    members: list[str] = []
    admins: list[str] = []
    for command in sorted(tree.get_commands(), key=lambda c: c.name):
        if isinstance(command, app_commands.ContextMenu):
            members.append(f"**{command.name}** (right-click a message → Apps): "
                           "answers that message with the best FAQ")
            continue
        is_admin = command.default_permissions is not None and command.default_permissions.value
        if isinstance(command, app_commands.Group):
            lines = [f"**/{sub.qualified_name}**: {sub.description}" for sub in command.commands]
        else:
            lines = [f"**/{command.name}**: {command.description}"]
        (admins if is_admin else members).extend(lines)
    return members, admins


class Help(commands.Cog):
    def __init__(self, bot: ConciergeBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What I can do")
    async def help(self, interaction: discord.Interaction[ConciergeBot]) -> None:
        members, admins = command_lines(self.bot.tree)
        embed = discord.Embed(title="Concierge", description=INTRO, colour=BRAND_COLOUR)
        embed.add_field(name="Everyone", value="\n".join(members)[:1024] or "—", inline=False)
        if admins:
            embed.add_field(name="Server managers", value="\n".join(admins)[:1024], inline=False)
        embed.set_footer(text="Answers you get with private:true are only shown to you.")
        await interaction.response.send_message(embed=embed, ephemeral=True,
                                                allowed_mentions=NO_PINGS)


async def setup(bot: ConciergeBot) -> None:
    await bot.add_cog(Help(bot))
