"""Mutable fake-Discord state: users, guilds, roles, channels, members, attachments, messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .core import FakeDiscordBase
from .models import ChannelType, FakeGuild, Perm, channel_payload, iso_now, role_payload, user_payload
from .payloads import attachment_payload, compute_mentions, message_payload


class StateMixin(FakeDiscordBase):
    """Setting up the world the bot sees. Add guilds/members/channels before the bot connects;
    later additions are not announced on the gateway unless you dispatch the event yourself
    (e.g. ``await fake.gateway.dispatch("CHANNEL_CREATE", channel, guild_id=...)``)."""

    def add_user(
        self,
        user_id: int | None = None,
        name: str = "user",
        *,
        bot: bool = False,
        global_name: str | None = None,
    ) -> dict[str, Any]:
        """Register a user (needed for mentions, DMs, resolved data). Returns the user object."""
        user_id = user_id or self.ids.next()
        self.users[user_id] = user_payload(user_id, name, bot=bot, global_name=global_name)
        return self.users[user_id]

    def add_guild(
        self,
        guild_id: int | None = None,
        name: str = "Test Guild",
        *,
        owner_id: int | None = None,
        channels: list[str | dict[str, Any]] | None = None,
        roles: list[dict[str, Any]] | None = None,
        everyone_permissions: int = Perm.EVERYONE_DEFAULT,
        bot_permissions: int = Perm.BOT_DEFAULT,
        **extra: Any,
    ) -> FakeGuild:
        """Add a guild with @everyone, the bot (with a managed role holding ``bot_permissions``),
        the owner, the default tester user and ``channels`` (default: one text channel "general").
        Add guilds before the bot connects: they are sent as GUILD_CREATE after READY.
        """
        guild_id = guild_id or self.ids.next()
        guild = FakeGuild(id=guild_id, name=name, owner_id=owner_id or self.owner_id, extra=extra)
        self.guilds[guild_id] = guild
        guild.roles[guild_id] = role_payload(guild_id, "@everyone", permissions=everyone_permissions)
        bot_role = self.add_role(
            guild_id,
            self.bot_user["username"],
            bot_permissions,
            managed=True,
            tags={"bot_id": str(self.bot_user_id)},
        )
        for role_spec in roles or []:
            fields = dict(role_spec)
            self.add_role(
                guild_id,
                fields.pop("name"),
                int(fields.pop("permissions", 0)),
                role_id=fields.pop("id", None),
                **fields,
            )
        for channel_spec in channels if channels is not None else ["general"]:
            if isinstance(channel_spec, str):
                self.add_channel(guild_id, channel_spec)
            else:
                fields = dict(channel_spec)
                self.add_channel(
                    guild_id,
                    fields.pop("name"),
                    fields.pop("type", ChannelType.TEXT),
                    channel_id=fields.pop("id", None),
                    **fields,
                )
        if guild.owner_id not in self.users:
            self.add_user(guild.owner_id, "owner")
        self.add_member(guild_id, self.bot_user_id, roles=[int(bot_role["id"])])
        self.add_member(guild_id, guild.owner_id)
        self.add_member(guild_id, self.default_user_id)
        return guild

    def add_role(
        self, guild_id: int, name: str, permissions: int = 0, *, role_id: int | None = None, **extra: Any
    ) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        role_id = role_id or self.ids.next()
        guild.roles[role_id] = role_payload(
            role_id, name, permissions=permissions, position=len(guild.roles), **extra
        )
        return guild.roles[role_id]

    def add_channel(
        self,
        guild_id: int,
        name: str,
        type: int = ChannelType.TEXT,
        *,
        channel_id: int | None = None,
        overwrites: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Add a channel.

        ``overwrites``: ``[{"id": role_or_user_id, "type": 0 (role) | 1 (member),
        "allow": int, "deny": int}]``.
        """
        guild = self.guilds[guild_id]
        channel_id = channel_id or self.ids.next()
        channel = channel_payload(
            channel_id, guild_id, name, type=type, position=len(guild.channels), **extra
        )
        channel["permission_overwrites"] = [
            {
                "id": str(o["id"]),
                "type": o.get("type", 0),
                "allow": str(o.get("allow", 0)),
                "deny": str(o.get("deny", 0)),
            }
            for o in overwrites or []
        ]
        guild.channels[channel_id] = channel
        return channel

    def add_member(
        self,
        guild_id: int,
        user_id: int | None = None,
        name: str = "member",
        *,
        permissions: int | None = None,
        roles: Iterable[int] = (),
        nick: str | None = None,
        bot: bool = False,
    ) -> dict[str, Any]:
        """Add a member (creating the user if unknown). ``permissions`` (an int bitfield) is granted
        through a role of its own, so discord.py's computed permissions match the interaction's."""
        if user_id is None or user_id not in self.users:
            user_id = int(self.add_user(user_id, name, bot=bot)["id"])
        role_ids = [str(r) for r in roles]
        if permissions is not None:
            role = self.add_role(guild_id, f"{self.users[user_id]['username']} perms", permissions)
            role_ids.append(role["id"])
        member = {
            "user": self.users[user_id],
            "nick": nick,
            "avatar": None,
            "banner": None,
            "roles": role_ids,
            "joined_at": iso_now(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        self.guilds[guild_id].members[user_id] = member
        return member

    def dm_channel(self, user_id: int) -> dict[str, Any]:
        """The DM channel between the bot and ``user_id`` (created on first use)."""
        if user_id not in self.dm_channels:
            self.dm_channels[user_id] = {
                "id": str(self.ids.next()),
                "type": ChannelType.DM,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.users[user_id]],
            }
        return self.dm_channels[user_id]

    def find_channel(self, channel_id: int) -> tuple[FakeGuild | None, dict[str, Any] | None]:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild, guild.channels[channel_id]
        for channel in self.dm_channels.values():
            if int(channel["id"]) == channel_id:
                return None, channel
        return None, None

    def lose_next_response(self, channel_id: int) -> None:
        """The next message posted to ``channel_id`` is made, but the poster gets a 503 (a
        response lost on Discord's side): what a retry must not post twice."""
        self.lost_responses.add(channel_id)

    def set_channel_error(self, channel_id: int, code: int | None) -> None:
        """Make every request to ``/channels/{channel_id}/...`` fail with a Discord error code,
        e.g. 50013 (403 Missing Permissions), 50001 (403 Missing Access), 10003 (404 Unknown Channel),
        or 503 (HTTP 503: Discord's own trouble, which discord.py does not retry itself).
        ``None`` clears it."""
        if code is None:
            self.channel_errors.pop(channel_id, None)
        else:
            self.channel_errors[channel_id] = code

    def add_attachment(
        self, data: bytes, filename: str, content_type: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        """An attachment object whose ``url`` serves ``data`` from this server (start() first)."""
        attachment_id = self.ids.next()
        self.attachments[attachment_id] = data
        url = f"{self.base_url}/attachments/{attachment_id}/{filename}"
        return attachment_payload(attachment_id, filename, data, url=url, content_type=content_type, **extra)

    def make_message(
        self,
        channel_id: int,
        content: str = "",
        author_id: int | None = None,
        *,
        store: bool = True,
        **fields: Any,
    ) -> dict[str, Any]:
        """A complete message object from a user (default: the tester) in ``channel_id``.
        Mentions are computed from the content. Extra ``fields`` go to ``message_payload``."""
        author_id = author_id or self.default_user_id
        guild, channel = self.find_channel(channel_id)
        if channel is None:
            raise LookupError(f"unknown channel {channel_id}")
        if guild is not None and author_id not in guild.members:
            self.add_member(guild.id, author_id, f"user{author_id % 10000}")
        known_roles = list(guild.roles) if guild else []
        mentions, mention_roles, everyone = compute_mentions(
            content, None, known_users=self.users, known_roles=known_roles
        )
        if guild is not None:
            mentions = [
                dict(u, member=guild.member_payload(int(u["id"]), with_user=False))
                if int(u["id"]) in guild.members
                else u
                for u in mentions
            ]
        fields.setdefault("mentions", mentions)
        fields.setdefault("mention_roles", mention_roles)
        fields.setdefault("mention_everyone", everyone)
        message = message_payload(
            self.ids.next(),
            channel_id,
            self.users[author_id],
            content=content,
            guild_id=guild.id if guild else None,
            member=guild.member_payload(author_id, with_user=False)
            if guild and author_id in guild.members
            else None,
            **fields,
        )
        if store:
            self.messages[int(message["id"])] = message
        return message
