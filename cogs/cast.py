"""/cast: who plays whom, by title, person or character (the lookup is bot/catalog_search.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog_search import CastAnswer, CastIndex, fit_lines
from bot.ui import BRAND_COLOUR, EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT, NO_PINGS, clip

if TYPE_CHECKING:
    from bot.client import ConciergeBot


def cast_embed(answer: CastAnswer) -> discord.Embed:
    embed = discord.Embed(title=clip(answer.heading, EMBED_TITLE_LIMIT),
                          description=fit_lines(answer.lines, EMBED_DESCRIPTION_LIMIT),
                          colour=BRAND_COLOUR)
    if answer.footer:
        embed.set_footer(text=clip(answer.footer, 2048))
    return embed


class Cast(commands.Cog):
    def __init__(self, bot: ConciergeBot) -> None:
        self.bot = bot
        self._index: CastIndex | None = None

    async def index(self) -> CastIndex:
        """Built once from the store (the shipped catalogue only changes at start-up)."""
        if self._index is None:
            catalog = self.bot.store.catalog
            self._index = CastIndex(await catalog.titles(), await catalog.credits())
        return self._index

    @app_commands.command(name="cast", description="Who plays whom: a title's cast, or an actor's "
                                                   "or a character's roles across the franchise")
    @app_commands.describe(title="A film, series or game (leave empty for the list)",
                           name="An actor or a character, e.g. Keanu Reeves or Winston")
    async def cast(self, interaction: discord.Interaction[ConciergeBot], title: str | None = None,
                   name: str | None = None) -> None:
        answer = (await self.index()).answer(title, name)
        await interaction.response.send_message(embed=cast_embed(answer), allowed_mentions=NO_PINGS)

    @cast.autocomplete("title")
    async def title_choices(self, interaction: discord.Interaction[ConciergeBot],
                            current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=label, value=value)
                for label, value in (await self.index()).complete_titles(current)]

    @cast.autocomplete("name")
    async def name_choices(self, interaction: discord.Interaction[ConciergeBot],
                           current: str) -> list[app_commands.Choice[str]]:
        title = getattr(interaction.namespace, "title", None)
        choices = (await self.index()).complete_names(current, title if isinstance(title, str) else None)
        return [app_commands.Choice(name=label, value=value) for label, value in choices]


async def setup(bot: ConciergeBot) -> None:
    await bot.add_cog(Cast(bot))
