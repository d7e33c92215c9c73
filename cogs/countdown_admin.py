"""/countdown-admin: a server's own releases and its announcement channels (Manage Server only).

Every change is announced with the custom event "countdown_changed", which wakes the
scheduler (cogs/countdown.py) so it re-plans at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog_search import fit_lines, rank, suggest_threshold
from bot.errors import ChannelUnusable, InvalidRelease, NotSubscribed
from bot.markup import escape_markdown
from bot.models import Subscription
from bot.release_input import clean_title, parse_release_time, zone_choices
from bot.text import normalize
from bot.timeline import local_text, open_titles, relative_words, stamp, zone_label
from bot.timeutil import utcnow
from bot.ui import MESSAGE_LIMIT, NO_PINGS, clip, require_manager

if TYPE_CHECKING:
    from bot.client import ConciergeBot

log = logging.getLogger(__name__)

NEEDED = ("view_channel", "send_messages", "embed_links")


class TextChannelOption(app_commands.Transformer):
    """A text or announcement channel option, passed on as Discord resolved it (maybe uncached)."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news]

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> Any:
        if not isinstance(value, app_commands.AppCommandChannel) or value.type not in self.channel_types:
            raise ChannelUnusable("Pick a text or announcement channel.")
        return value


AnnouncementChannel = app_commands.Transform[app_commands.AppCommandChannel, TextChannelOption]


def bot_permissions(interaction: discord.Interaction[ConciergeBot],
                    channel: app_commands.AppCommandChannel) -> discord.Permissions | None:
    """The bot's own permissions in `channel`, or None when they can't be worked out."""
    if channel.id == interaction.channel_id:
        return interaction.app_permissions  # computed by Discord for this very channel
    guild = interaction.guild
    resolved = channel.resolve()
    if guild is None or resolved is None or guild.me is None:
        return None
    return resolved.permissions_for(guild.me)


def describe(subscription: Subscription) -> str:
    role = f", pinging <@&{subscription.role_id}>" if subscription.role_id else ""
    if subscription.enabled:
        return f"<#{subscription.channel_id}>{role}: active"
    return (f"<#{subscription.channel_id}>{role}: **disabled**: {subscription.disabled_reason or 'unknown'}"
            " (subscribe it again once fixed)")


class CountdownAdmin(commands.Cog):
    group = app_commands.Group(
        name="countdown-admin", description="Manage this server's releases and announcement channels",
        default_permissions=discord.Permissions(manage_guild=True), guild_only=True)

    def __init__(self, bot: ConciergeBot) -> None:
        self.bot = bot

    async def interaction_check(  # type: ignore[override]
            self, interaction: discord.Interaction[ConciergeBot], /) -> bool:
        require_manager(interaction)  # checked again at run time: admins can change who sees it
        return True

    def changed(self, guild_id: int, *, releases: bool = False, subscriptions: bool = False) -> None:
        self.bot.dispatch("countdown_changed", guild_id, releases, subscriptions)

    @staticmethod
    async def reply(interaction: discord.Interaction[ConciergeBot], text: str) -> None:
        await interaction.response.send_message(clip(text, MESSAGE_LIMIT), ephemeral=True,
                                                allowed_mentions=NO_PINGS)

    # -- releases --------------------------------------------------------------------------------

    @group.command(name="add-release", description="Add this server's own dated event, or move it")
    @app_commands.describe(title="What it is called (adding an existing title moves it)",
                           date="YYYY-MM-DD", time="HH:MM, 24-hour (default 00:00)",
                           timezone="A time zone such as Europe/London or UTC+2 (default UTC)")
    async def add_release(self, interaction: discord.Interaction[ConciergeBot],
                          title: app_commands.Range[str, 1, 100], date: str, time: str | None = None,
                          timezone: str | None = None) -> None:
        guild_id = require_manager(interaction)
        name = clean_title(title)
        now = utcnow()
        release_at, zone = parse_release_time(date, time, timezone, now)
        titles = await self.bot.store.catalog.titles()
        dates = open_titles(titles, now).get(normalize(name))  # a TBA title it announces the date of
        release, before = await self.bot.store.releases.add(guild_id, name, release_at, zone, now=now,
                                                            title_key=dates)
        self.changed(guild_id, releases=True)
        when = f"{stamp(release_at)} ({relative_words(release_at, now)}; {local_text(release_at, zone)})"
        shown = escape_markdown(release.title)
        if before is None:
            text = f"Added **{shown}**: {when}."
        else:
            text = f"Moved **{shown}** from {stamp(before.release_at)} to {when}."
        if release.title_key is not None:
            text += " /countdown and /releases show it as that title's date in this server."
        await self.reply(interaction, text + " Subscribed channels get reminders 30, 7 and 1 day "
                                              "before, and when it arrives.")

    @add_release.autocomplete("timezone")
    async def timezone_choices(self, interaction: discord.Interaction[ConciergeBot],
                               current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=zone_label(name), value=name) for name in zone_choices(current)]

    @group.command(name="remove-release", description="Remove one of this server's releases")
    @app_commands.describe(title="The release to remove")
    async def remove_release(self, interaction: discord.Interaction[ConciergeBot], title: str) -> None:
        guild_id = require_manager(interaction)
        release = await self.bot.store.releases.remove(guild_id, title)
        self.changed(guild_id, releases=True)
        await self.reply(interaction, f"Removed **{escape_markdown(release.title)}** "
                                      f"({stamp(release.release_at)}); "
                                      "no more announcements for it.")

    @remove_release.autocomplete("title")
    async def release_choices(self, interaction: discord.Interaction[ConciergeBot],
                              current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        releases = await self.bot.store.releases.for_guild(interaction.guild_id)
        if current.strip():
            options = [(r.title, [r.title]) for r in releases]
            titles = [t for t, _ in rank(current, options, threshold=suggest_threshold(current))]
        else:
            titles = [r.title for r in releases]
        return [app_commands.Choice(name=clip(t, 100), value=t[:100]) for t in titles[:25]]

    # -- subscriptions ---------------------------------------------------------------------------

    @group.command(name="subscribe", description="Post release announcements in a channel")
    @app_commands.describe(channel="A text or announcement channel I can post in",
                           role="A role to ping with each announcement (optional)")
    async def subscribe(self, interaction: discord.Interaction[ConciergeBot], channel: AnnouncementChannel,
                        role: discord.Role | None = None) -> None:
        guild_id = require_manager(interaction)
        if role is not None and role.is_default():
            raise InvalidRelease("Pick a real role to ping: announcements never ping @everyone.")
        perms = bot_permissions(interaction, channel)
        if perms is not None:
            missing = [p.replace("_", " ").title() for p in NEEDED if not getattr(perms, p)]
            if missing:
                raise ChannelUnusable(
                    f"I can't post announcements in {channel.mention}: I'm missing "
                    f"{', '.join(missing)} there. Grant them in the channel's permissions, then try again.")
        _, before = await self.bot.store.announcements.subscribe(
            guild_id, channel.id, role.id if role else None)
        self.changed(guild_id, subscriptions=True)
        if before is None:
            text = f"{channel.mention} will get release announcements"
        elif not before.enabled:
            text = f"{channel.mention} gets release announcements again (it was disabled: " \
                   f"{before.disabled_reason or 'unknown reason'})"
        else:
            text = f"{channel.mention} already gets release announcements; updated it"
        if role is not None:
            text += f", pinging {role.mention}."
        elif before is not None and before.role_id is not None:  # a re-run without the role
            text += (f": no role is pinged any more (it pinged <@&{before.role_id}>). Run it again "
                     "with `role` to keep a ping.")
        else:
            text += "."
        if perms is None:
            text += " I couldn't check my permissions there; if I can't post, I'll disable it."
        elif role is not None and not role.mentionable and not perms.mention_everyone:
            text += (f" Note: {role.mention} isn't mentionable and I lack Mention @everyone there, "
                     "so the ping won't notify anyone.")
        await self.reply(interaction, text)

    @group.command(name="unsubscribe", description="Stop release announcements in a channel")
    @app_commands.describe(channel="The channel to stop posting in")
    async def unsubscribe(self, interaction: discord.Interaction[ConciergeBot],
                          channel: AnnouncementChannel) -> None:
        guild_id = require_manager(interaction)
        await self.bot.store.announcements.unsubscribe(guild_id, channel.id)
        self.changed(guild_id, subscriptions=True)
        await self.reply(interaction, f"{channel.mention} won't get release announcements any more.")

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """A deleted channel can't be picked in /countdown-admin unsubscribe any more, so its
        subscription goes with it."""
        try:
            await self.bot.store.announcements.unsubscribe(channel.guild.id, channel.id)
        except NotSubscribed:
            return
        log.info("channel %s of guild %s was deleted: unsubscribed", channel.id, channel.guild.id)
        self.changed(channel.guild.id, subscriptions=True)

    @commands.Cog.listener()
    async def on_guild_role_delete(self, role: discord.Role) -> None:
        """A deleted role shows as "@deleted-role" and pings nobody: announcements stop
        mentioning it. (One deleted while the bot was away: `Countdown.post` finds out.)"""
        if await self.bot.store.announcements.forget_role(role.guild.id, role.id):
            log.info("role %s of guild %s was deleted: announcements no longer ping it",
                     role.id, role.guild.id)
            self.changed(role.guild.id, subscriptions=True)

    @group.command(name="subscriptions", description="The channels that get release announcements")
    async def subscriptions(self, interaction: discord.Interaction[ConciergeBot]) -> None:
        listed = await self.bot.store.announcements.for_guild(require_manager(interaction))
        if not listed:
            await self.reply(interaction, "No channel gets release announcements yet. "
                                          "Add one with /countdown-admin subscribe.")
            return
        lines = ["Release announcements go to:", *(f"• {describe(s)}" for s in listed)]
        await self.reply(interaction, fit_lines(lines, MESSAGE_LIMIT))


async def setup(bot: ConciergeBot) -> None:
    await bot.add_cog(CountdownAdmin(bot))
