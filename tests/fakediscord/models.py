"""Guild state of the fake Discord: snowflakes, permissions, users, roles, channels, members."""

from __future__ import annotations

import datetime
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

DISCORD_EPOCH_MS = 1420070400000


class Perm:
    """Permission bits (https://discord.com/developers/docs/topics/permissions)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 53) - 1

    EVERYONE_DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CONNECT
        | SPEAK
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS
    )
    BOT_DEFAULT = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
        | SEND_MESSAGES_IN_THREADS
    )
    DM_DEFAULT = (
        ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | USE_APPLICATION_COMMANDS
    )


class ChannelType:
    TEXT = 0
    DM = 1
    VOICE = 2
    CATEGORY = 4
    ANNOUNCEMENT = 5
    PUBLIC_THREAD = 11
    FORUM = 15


class Snowflakes:
    """Monotonic, time-based snowflake ids (so discord.py's ``created_at`` is sane)."""

    def __init__(self) -> None:
        self._last = 0
        self._counter = itertools.count()

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (1 << 17) | (next(self._counter) & 0xFFF)
        self._last = value = max(value, self._last + 1)
        return value


def iso_now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat()


def user_payload(
    user_id: int, username: str, *, bot: bool = False, global_name: str | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": global_name if global_name is not None else (None if bot else username),
        "avatar": None,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "public_flags": 0,
        "flags": 0,
    }
    if bot:
        data["bot"] = True
    return data


def role_payload(
    role_id: int, name: str, *, permissions: int = 0, position: int = 0, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    data.update(extra)
    return data


def channel_payload(
    channel_id: int,
    guild_id: int,
    name: str,
    *,
    type: int = ChannelType.TEXT,
    position: int = 0,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(channel_id),
        "type": type,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "parent_id": None,
        "flags": 0,
    }
    if type in (ChannelType.TEXT, ChannelType.ANNOUNCEMENT, ChannelType.FORUM):
        data.update(topic=None, nsfw=False, last_message_id=None, rate_limit_per_user=0)
    if type == ChannelType.VOICE:
        data.update(bitrate=64000, user_limit=0, rtc_region=None, nsfw=False, rate_limit_per_user=0)
    if type == ChannelType.FORUM:
        data.update(
            available_tags=[], default_reaction_emoji=None, default_sort_order=None, default_forum_layout=0
        )
    data.update(extra)
    if "id" in extra:
        data["id"] = str(extra["id"])
    return data


@dataclass
class FakeGuild:
    """A guild the fake serves. Payload dicts are stored exactly as Discord sends them."""

    id: int
    name: str
    owner_id: int
    channels: dict[int, dict[str, Any]] = field(default_factory=dict)
    roles: dict[int, dict[str, Any]] = field(default_factory=dict)
    members: dict[int, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    joined_at: str = field(default_factory=iso_now)

    @property
    def default_channel_id(self) -> int:
        """The first text channel (the one created by default)."""
        for cid, channel in self.channels.items():
            if channel["type"] in (ChannelType.TEXT, ChannelType.ANNOUNCEMENT):
                return cid
        raise LookupError(f"guild {self.id} has no text channel")

    @property
    def everyone_role(self) -> dict[str, Any]:
        return self.roles[self.id]

    def channel_by_name(self, name: str) -> dict[str, Any]:
        for channel in self.channels.values():
            if channel["name"] == name:
                return channel
        raise LookupError(f"guild {self.id} has no channel named {name!r}")

    def role_by_name(self, name: str) -> dict[str, Any]:
        for role in self.roles.values():
            if role["name"] == name:
                return role
        raise LookupError(f"guild {self.id} has no role named {name!r}")

    def base_permissions(self, user_id: int) -> int:
        """Guild-level permissions: @everyone | member's roles; owner/admin get everything."""
        if user_id == self.owner_id:
            return Perm.ALL
        member = self.members.get(user_id)
        perms = int(self.everyone_role["permissions"])
        for role_id in member["roles"] if member else []:
            role = self.roles.get(int(role_id))
            if role is not None:
                perms |= int(role["permissions"])
        return Perm.ALL if perms & Perm.ADMINISTRATOR else perms

    def permissions_in(self, user_id: int, channel_id: int | None) -> int:
        """Channel permissions with overwrites applied, as Discord computes them."""
        perms = self.base_permissions(user_id)
        channel = self.channels.get(channel_id) if channel_id is not None else None
        if perms & Perm.ADMINISTRATOR or channel is None:
            return perms
        overwrites = {int(o["id"]): o for o in channel.get("permission_overwrites", [])}
        everyone = overwrites.get(self.id)
        if everyone:
            perms = (perms & ~int(everyone["deny"])) | int(everyone["allow"])
        member = self.members.get(user_id)
        allow = deny = 0
        for role_id in member["roles"] if member else []:
            ow = overwrites.get(int(role_id))
            if ow and ow.get("type", 0) == 0:
                allow |= int(ow["allow"])
                deny |= int(ow["deny"])
        perms = (perms & ~deny) | allow
        own = overwrites.get(user_id)
        if own and own.get("type", 1) == 1:
            perms = (perms & ~int(own["deny"])) | int(own["allow"])
        return perms

    def member_payload(self, user_id: int, *, with_user: bool = True) -> dict[str, Any]:
        member = dict(self.members[user_id])
        if not with_user:
            member.pop("user", None)
        return member

    def create_payload(self) -> dict[str, Any]:
        """The GUILD_CREATE payload."""
        text_ids = [c for c, ch in self.channels.items() if ch["type"] == ChannelType.TEXT]
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "features": [],
            "application_id": None,
            "system_channel_id": str(text_ids[0]) if text_ids else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "incidents_data": None,
            "emojis": [],
            "stickers": [],
            "roles": list(self.roles.values()),
            "joined_at": self.joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "members": list(self.members.values()),
            "channels": list(self.channels.values()),
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
        data.update(self.extra)
        return data
