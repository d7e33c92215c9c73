"""Dispatching interactions (slash commands, autocomplete, context menus) the way Discord sends them."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from .models import FakeGuild, Perm
from .payloads import interaction_payload
from .records import SentInteraction
from .webhooks import WebhooksMixin

# Application command option types
(
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    STRING,
    INTEGER,
    BOOLEAN,
    USER,
    CHANNEL,
    ROLE,
    MENTIONABLE,
    NUMBER,
    ATTACHMENT,
) = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)


def _snowflake_of(value: Any) -> int:
    if isinstance(value, dict):
        return int(value["id"] if "id" in value else value["user"]["id"])
    return int(value)


class InteractionsMixin(WebhooksMixin):
    # -- context ---------------------------------------------------------------------
    def _context(
        self, guild_id: int | None, channel_id: int | None, user_id: int | None, dm: bool
    ) -> tuple[FakeGuild | None, dict[str, Any], int]:
        user_id = user_id or self.default_user_id
        if user_id not in self.users:
            self.add_user(user_id, f"user{user_id % 10000}")
        guild: FakeGuild | None = None
        if channel_id is not None:
            guild, channel = self.find_channel(channel_id)
            if channel is None:
                raise LookupError(f"unknown channel {channel_id}")
        elif not dm and (guild_id is not None or self.guilds):
            guild = self.guilds[guild_id] if guild_id is not None else next(iter(self.guilds.values()))
            channel = guild.channels[guild.default_channel_id]
        else:
            channel = self.dm_channel(user_id)
        if guild is not None and user_id not in guild.members:
            self.add_member(guild.id, user_id)
        return guild, channel, user_id

    async def send_interaction(
        self,
        type: int,
        data: dict[str, Any] | None,
        *,
        guild_id: int | None = None,
        channel_id: int | None = None,
        user_id: int | None = None,
        member_permissions: int | None = None,
        dm: bool = False,
        message: dict[str, Any] | None = None,
        locale: str = "en-US",
        guild_locale: str = "en-US",
    ) -> SentInteraction:
        """Dispatch an INTERACTION_CREATE with a complete payload; returns its record.

        Defaults: the first guild, its first text channel, the tester user. ``dm=True`` (or no
        guilds) sends it from the user's DM with the bot. ``member_permissions`` overrides the
        computed ``member.permissions`` (prefer ``add_member(permissions=...)``, which stays
        consistent with the roles discord.py sees).
        """
        guild, channel, uid = self._context(guild_id, channel_id, user_id, dm)
        cid = int(channel["id"])
        member = None
        if guild is not None:
            member = guild.member_payload(uid)
            perms = guild.permissions_in(uid, cid) if member_permissions is None else member_permissions
            member["permissions"] = str(perms)
        interaction_id = self.ids.next()
        token = secrets.token_urlsafe(48)
        payload = interaction_payload(
            interaction_id=interaction_id,
            token=token,
            application_id=self.application_id,
            type=type,
            data=data,
            channel=channel,
            user=self.users[uid],
            member=member,
            guild_id=guild.id if guild else None,
            app_permissions=guild.permissions_in(self.bot_user_id, cid) if guild else Perm.DM_DEFAULT,
            locale=locale,
            guild_locale=guild_locale,
            message=message,
        )
        ix = SentInteraction(
            id=interaction_id,
            token=token,
            type=type,
            payload=payload,
            sent_at=0.0,
            guild_id=guild.id if guild else None,
            channel_id=cid,
            user_id=uid,
        )
        self.interactions[token] = ix
        if not self.gateway.sessions:
            await self.wait_until(lambda: self.gateway.sessions, 5.0, "the bot to IDENTIFY on the gateway")
        ix.sent_at = asyncio.get_running_loop().time()
        await self.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=ix.guild_id)
        return ix

    # -- application commands -------------------------------------------------------------
    async def send_slash_command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        user_id: int | None = None,
        member_permissions: int | None = None,
        dm: bool = False,
        locale: str = "en-US",
    ) -> SentInteraction:
        """Invoke ``/name`` (``"group sub"`` or ``subcommand=`` for subcommands) with ``options``.

        Option types come from the registered command when the bot registered it (so USER,
        CHANNEL, ROLE, MENTIONABLE and ATTACHMENT options get ``resolved`` data); otherwise they
        are inferred from the Python values. Pass ids (or the dicts returned by add_member /
        add_channel / add_role / add_attachment) for those types.
        """
        path = name.split() + (subcommand.split() if subcommand else [])
        guild, channel, uid = self._context(guild_id, channel_id, user_id, dm)
        data = self._command_data(path, options or {}, guild, int(channel["id"]), uid, focused=None)
        return await self.send_interaction(
            2,
            data,
            channel_id=int(channel["id"]),
            user_id=uid,
            member_permissions=member_permissions,
            locale=locale,
        )

    async def send_autocomplete(
        self,
        name: str,
        focused: str,
        value: Any,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        user_id: int | None = None,
        member_permissions: int | None = None,
        dm: bool = False,
        locale: str = "en-US",
    ) -> SentInteraction:
        """An autocomplete request (type 4) while the user types ``value`` into option ``focused``."""
        path = name.split() + (subcommand.split() if subcommand else [])
        guild, channel, uid = self._context(guild_id, channel_id, user_id, dm)
        values = dict(options or {}, **{focused: value})
        data = self._command_data(path, values, guild, int(channel["id"]), uid, focused=focused)
        return await self.send_interaction(
            4,
            data,
            channel_id=int(channel["id"]),
            user_id=uid,
            member_permissions=member_permissions,
            locale=locale,
        )

    async def send_message_context_menu(
        self,
        name: str,
        target_message: dict[str, Any] | str,
        *,
        channel_id: int | None = None,
        user_id: int | None = None,
        member_permissions: int | None = None,
        guild_id: int | None = None,
        dm: bool = False,
    ) -> SentInteraction:
        """Run message command ``name`` on ``target_message`` (a message dict, e.g. from
        ``make_message``, or just its content as a string)."""
        if channel_id is None and isinstance(target_message, dict) and "channel_id" in target_message:
            channel_id = int(target_message["channel_id"])
        guild, channel, uid = self._context(guild_id, channel_id, user_id, dm)
        if isinstance(target_message, str):
            target_message = self.make_message(int(channel["id"]), target_message)
        elif "id" not in target_message or "author" not in target_message:
            fields = dict(target_message)
            target_message = self.make_message(
                int(channel["id"]), fields.pop("content", ""), fields.pop("author_id", None), **fields
            )
        data = self._context_menu_data(name, 3, guild, target_message["id"])
        data["resolved"] = {"messages": {target_message["id"]: target_message}}
        return await self.send_interaction(
            2, data, channel_id=int(channel["id"]), user_id=uid, member_permissions=member_permissions
        )

    async def send_user_context_menu(
        self,
        name: str,
        target_user_id: int,
        *,
        channel_id: int | None = None,
        user_id: int | None = None,
        member_permissions: int | None = None,
        guild_id: int | None = None,
        dm: bool = False,
    ) -> SentInteraction:
        """Run user command ``name`` on ``target_user_id``."""
        guild, channel, uid = self._context(guild_id, channel_id, user_id, dm)
        data = self._context_menu_data(name, 2, guild, str(target_user_id))
        resolved: dict[str, Any] = {}
        self._resolve_user(target_user_id, guild, int(channel["id"]), resolved)
        data["resolved"] = resolved
        return await self.send_interaction(
            2, data, channel_id=int(channel["id"]), user_id=uid, member_permissions=member_permissions
        )

    # -- payload building --------------------------------------------------------------------
    def _context_menu_data(
        self, name: str, kind: int, guild: FakeGuild | None, target_id: str
    ) -> dict[str, Any]:
        cmd = self.find_command(name, guild.id if guild else None, kind)
        data: dict[str, Any] = {
            "id": cmd["id"] if cmd else str(self.ids.next()),
            "name": name,
            "type": kind,
            "target_id": target_id,
        }
        if cmd and cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        return data

    def _command_data(
        self,
        path: list[str],
        values: dict[str, Any],
        guild: FakeGuild | None,
        channel_id: int,
        user_id: int,
        *,
        focused: str | None,
    ) -> dict[str, Any]:
        top, subs = path[0], path[1:]
        cmd = self.find_command(top, guild.id if guild else None, 1)
        level: list[dict[str, Any]] | None = cmd.get("options", []) if cmd else None
        chain: list[tuple[str, int]] = []
        for i, sub in enumerate(subs):
            spec = next((o for o in level if o["name"] == sub), None) if level is not None else None
            if level is not None and (spec is None or spec["type"] not in (SUB_COMMAND, SUB_COMMAND_GROUP)):
                raise ValueError(f"/{top} has no subcommand {' '.join(subs[: i + 1])!r}")
            kind = spec["type"] if spec else (SUB_COMMAND_GROUP if i < len(subs) - 1 else SUB_COMMAND)
            chain.append((sub, kind))
            level = spec.get("options", []) if spec else None
        if level is not None:
            known = {o["name"]: o for o in level}
            unknown = set(values) - set(known)
            if unknown:
                raise ValueError(
                    f"/{' '.join(path)} has no option(s) {sorted(unknown)}; it has {sorted(known)}"
                )
            missing = [n for n, o in known.items() if o.get("required") and n not in values]
            if focused is None and missing:
                raise ValueError(f"/{' '.join(path)}: Discord requires option(s) {missing}")
        resolved: dict[str, Any] = {}
        options: list[dict[str, Any]] = []
        for opt_name, value in values.items():
            spec = next((o for o in level or [] if o["name"] == opt_name), None)
            options.append(
                self._option(opt_name, value, spec, guild, channel_id, user_id, resolved, opt_name == focused)
            )
        for sub, kind in reversed(chain):
            options = [{"name": sub, "type": kind, "options": options}]
        data: dict[str, Any] = {
            "id": cmd["id"] if cmd else str(self.ids.next()),
            "name": top,
            "type": 1,
            "options": options,
        }
        if cmd and cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _option(
        self,
        name: str,
        value: Any,
        spec: dict[str, Any] | None,
        guild: FakeGuild | None,
        channel_id: int,
        user_id: int,
        resolved: dict[str, Any],
        focused: bool,
    ) -> dict[str, Any]:
        if spec is not None:
            kind = spec["type"]
        elif isinstance(value, bool):
            kind = BOOLEAN
        elif isinstance(value, int):
            kind = INTEGER
        elif isinstance(value, float):
            kind = NUMBER
        elif isinstance(value, dict) and "filename" in value:
            kind = ATTACHMENT
        else:
            kind = STRING
        option: dict[str, Any] = {"name": name, "type": kind, "value": value}
        if focused:
            option["focused"] = True
            return option  # autocomplete sends the raw text being typed
        choices = (spec or {}).get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise ValueError(
                f"option {name!r}: {value!r} is not one of the choices {[c['value'] for c in choices]}"
            )
        if kind == USER or (kind == MENTIONABLE and _snowflake_of(value) in self.users):
            option["value"] = str(self._resolve_user(_snowflake_of(value), guild, channel_id, resolved))
        elif kind == CHANNEL:
            cid = _snowflake_of(value)
            chan_guild, channel = self.find_channel(cid)
            if channel is None:
                raise LookupError(f"option {name!r}: unknown channel {cid}")
            entry: dict[str, Any] = {
                k: channel[k]
                for k in ("id", "name", "type", "parent_id", "flags", "guild_id")
                if k in channel
            }
            entry["permissions"] = str(
                chan_guild.permissions_in(user_id, cid) if chan_guild else Perm.DM_DEFAULT
            )
            resolved.setdefault("channels", {})[str(cid)] = entry
            option["value"] = str(cid)
        elif kind in (ROLE, MENTIONABLE):
            rid = _snowflake_of(value)
            if guild is None or rid not in guild.roles:
                raise LookupError(f"option {name!r}: unknown role/user {rid}")
            resolved.setdefault("roles", {})[str(rid)] = guild.roles[rid]
            option["value"] = str(rid)
        elif kind == ATTACHMENT:
            if isinstance(value, (bytes, tuple)):
                filename, data = ("upload.bin", value) if isinstance(value, bytes) else value
                value = self.add_attachment(data, filename)
            attachment = value if isinstance(value, dict) else None
            if attachment is None:
                raise TypeError(f"option {name!r}: pass the dict returned by add_attachment()")
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            option["value"] = attachment["id"]
        return option

    def _resolve_user(
        self, uid: int, guild: FakeGuild | None, channel_id: int, resolved: dict[str, Any]
    ) -> int:
        if uid not in self.users:
            raise LookupError(f"unknown user {uid}: add_user()/add_member() it first")
        resolved.setdefault("users", {})[str(uid)] = self.users[uid]
        if guild is not None and uid in guild.members:
            member = guild.member_payload(uid, with_user=False)
            member["permissions"] = str(guild.permissions_in(uid, channel_id))
            resolved.setdefault("members", {})[str(uid)] = member
        return uid
