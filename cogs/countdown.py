"""/countdown and /releases, and the Discord side of the announcement scheduler.

The scheduler (bot/schedule.py) decides what to announce and when; this cog starts it,
posts what it asks for, and turns Discord's answers into outcomes: a channel that is
gone or forbidden comes back as "gone", and the scheduler disables that subscription;
Discord's own trouble (5xx) or no connection comes back as "retry", tried again later.
Admin commands live in cogs/countdown_admin.py and tell us about changes with the
custom event "countdown_changed".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog_search import fit_lines, rank, suggest_threshold
from bot.markup import escape_markdown
from bot.schedule import Announcement, PostResult, Scheduler
from bot.timeline import (
    Dated,
    announcement_text,
    countdown_lines,
    dated_items,
    find_item,
    listing,
    no_upcoming_lines,
    release_sorted,
)
from bot.timeutil import utcnow
from bot.ui import BRAND_COLOUR, EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT, NO_PINGS, clip

if TYPE_CHECKING:
    from bot.client import ConciergeBot

log = logging.getLogger(__name__)
FIELD_LIMIT = 1024
UNKNOWN_CHANNEL = 10003  # Discord's JSON error code


def announcement_message(item: Announcement) -> tuple[str, discord.Embed, discord.AllowedMentions]:
    """(content, embed, allowed mentions): only the configured role may be pinged, nothing else."""
    text = announcement_text(item.milestone, item.release.name, item.release.release_at, utcnow(),
                             item.late_cause, item.release.event,
                             item.release.all_day)
    embed = discord.Embed(title=clip(text.title, EMBED_TITLE_LIMIT),
                          description=fit_lines(text.lines, EMBED_DESCRIPTION_LIMIT), colour=BRAND_COLOUR)
    role_id = item.subscription.role_id
    if role_id is None:
        return clip(text.headline, 2000), embed, NO_PINGS
    mentions = discord.AllowedMentions(everyone=False, users=False, roles=[discord.Object(role_id)],
                                       replied_user=False)
    return clip(f"<@&{role_id}> {text.headline}", 2000), embed, mentions


class Countdown(commands.Cog):
    def __init__(self, bot: ConciergeBot) -> None:
        self.bot = bot
        self.scheduler = Scheduler(bot.store, self.post)
        self._task: asyncio.Task[None] | None = None

    # -- the scheduler's life --------------------------------------------------------------------

    async def cog_load(self) -> None:
        self._task = asyncio.create_task(self._run_scheduler(), name="announcement-scheduler")

    async def cog_unload(self) -> None:
        """Runs on bot.close() too (it unloads every extension), before the store closes."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run_scheduler(self) -> None:
        await self.bot.wait_until_ready()  # catch-up posts need a connected bot
        await self.scheduler.run()

    @commands.Cog.listener()
    async def on_countdown_changed(self, guild_id: int, releases: bool, subscriptions: bool) -> None:
        self.scheduler.notify(releases=releases, subscriptions=subscriptions, guild_id=guild_id)

    async def post(self, item: Announcement) -> PostResult:
        """Post one announcement; Discord's refusals become outcomes the scheduler understands."""
        channel_id = item.subscription.channel_id
        item = await self._without_a_deleted_role(item)
        content, embed, mentions = announcement_message(item)
        channel = self.bot.get_partial_messageable(channel_id, guild_id=item.subscription.guild_id)
        try:
            message = await channel.send(content, embed=embed, allowed_mentions=mentions,
                                         nonce=item.nonce)  # a retry never posts twice
        except discord.Forbidden as error:  # 50001 Missing Access, 50013 Missing Permissions
            return PostResult("gone", detail=f"the bot lost access to <#{channel_id}> "
                                             f"({error.text or 'forbidden'}, code {error.code})")
        except discord.NotFound as error:  # 10003 Unknown Channel: deleted while we were away
            outcome: Literal["deleted", "gone"] = ("deleted" if error.code == UNKNOWN_CHANNEL
                                                   else "gone")
            return PostResult(outcome, detail=f"<#{channel_id}> no longer exists (code {error.code})")
        except discord.DiscordServerError as error:  # Discord's own trouble (after its retries)
            return PostResult("retry", detail=f"HTTP {error.status}: {error.text}")
        except discord.HTTPException as error:
            return PostResult("failed", detail=f"HTTP {error.status}: {error.text}")
        except (aiohttp.ClientError, OSError, TimeoutError) as error:  # no connection to Discord
            return PostResult("retry", detail=f"{type(error).__name__}: {error}")
        return PostResult("posted", message_id=message.id)

    async def _without_a_deleted_role(self, item: Announcement) -> Announcement:
        """`item`, not pinging its role if the guild no longer has it (deleted while the bot
        was away: no GUILD_ROLE_DELETE came); the subscription forgets the role too."""
        role_id, guild_id = item.subscription.role_id, item.subscription.guild_id
        guild = self.bot.get_guild(guild_id)
        if role_id is None or guild is None or guild.unavailable or guild.get_role(role_id):
            return item
        try:
            if await self.bot.store.announcements.forget_role(guild_id, role_id):
                log.info("role %s of guild %s is gone: announcements no longer ping it",
                         role_id, guild_id)
                self.scheduler.notify(releases=False, subscriptions=True, guild_id=guild_id)
        except sqlite3.Error:  # still posted, without the ping; forgotten at the next post
            log.exception("could not forget deleted role %s of guild %s", role_id, guild_id)
        return replace(item, subscription=replace(item.subscription, role_id=None))

    # -- member commands -------------------------------------------------------------------------

    async def items(self, guild_id: int | None) -> list[Dated]:
        titles = await self.bot.store.catalog.titles()
        releases = await self.bot.store.releases.for_guild(guild_id) if guild_id else []
        return dated_items(titles, releases, utcnow())

    @app_commands.command(name="countdown", description="Time to a release (default: the next one), "
                                                        "in your own time zone")
    @app_commands.describe(title="A title or one of this server's events (default: the next release)")
    async def countdown(self, interaction: discord.Interaction[ConciergeBot],
                        title: str | None = None) -> None:
        items = await self.items(interaction.guild_id)
        now = utcnow()
        item = find_item(items, title, now)
        if item is None:
            embed = discord.Embed(title="Countdown", colour=BRAND_COLOUR,
                                  description=fit_lines(no_upcoming_lines(items), EMBED_DESCRIPTION_LIMIT))
        else:
            embed = discord.Embed(title=clip(escape_markdown(item.name), EMBED_TITLE_LIMIT),
                                  colour=BRAND_COLOUR,
                                  description=fit_lines(countdown_lines(item, now), EMBED_DESCRIPTION_LIMIT))
            embed.set_footer(text=f"{item.kind} · {item.date_text()}")
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_PINGS)

    @countdown.autocomplete("title")
    async def countdown_choices(self, interaction: discord.Interaction[ConciergeBot],
                                current: str) -> list[app_commands.Choice[str]]:
        items = await self.items(interaction.guild_id)
        by_ref = {item.ref: item for item in items}
        if current.strip():
            options = [(item.ref, item.names or (item.name,)) for item in items]
            refs = [ref for ref, _ in rank(current, options, threshold=suggest_threshold(current))]
        else:
            now = utcnow()
            ordered = release_sorted(items)  # upcoming first, then the rest
            refs = [i.ref for i in ordered if i.release_at and i.release_at > now]
            refs += [i.ref for i in ordered if i.ref not in refs]
        return [app_commands.Choice(name=clip(f"{by_ref[r].name} ({by_ref[r].date_text()})", 100), value=r)
                for r in refs[:25]]

    @app_commands.command(name="releases", description="Every title: type, date (or TBA) and place in "
                                                       "the story")
    @app_commands.describe(order="Release order (default) or the in-universe story order")
    async def releases(self, interaction: discord.Interaction[ConciergeBot],
                       order: Literal["release", "story"] = "release") -> None:
        titles, own = listing(await self.items(interaction.guild_id), order, utcnow())
        heading = "Release order" if order == "release" else "Story order (1 = earliest)"
        embed = discord.Embed(title=f"Every title: {heading.lower()}", colour=BRAND_COLOUR,
                              description=fit_lines(titles, EMBED_DESCRIPTION_LIMIT))
        if own:
            embed.add_field(name="This server's dates", value=fit_lines(own, FIELD_LIMIT), inline=False)
        embed.set_footer(text="Dates are US releases, or this server's where marked; TBA = not "
                              "announced yet. /countdown for one title.")
        await interaction.response.send_message(embed=embed, allowed_mentions=NO_PINGS)


async def setup(bot: ConciergeBot) -> None:
    await bot.add_cog(Countdown(bot))
