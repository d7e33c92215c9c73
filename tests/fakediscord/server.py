"""The REST side: request recording + validation, routing, and channel/user/guild endpoints."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from .core import ERRORS
from .messages import MessagesMixin
from .models import FakeGuild, Perm
from .openapi import validate_request
from .records import RecordedFile, RecordedRequest

Reply = tuple[int, Any] | web.Response
Handler = Callable[[RecordedRequest, "re.Match[str]"], Awaitable[Reply]]
RouteSpec = tuple[
    str, str, Handler, bool
]  # method, path regex (relative to /api/v10), handler, needs bot auth

ID = r"(\d+)"
TOKEN = r"([^/]+)"


def error(code: int, message: str | None = None, errors: dict[str, Any] | None = None) -> tuple[int, Any]:
    """A Discord-shaped error reply: ``(status, {"message": ..., "code": ...})``."""
    status, default = ERRORS[code]
    body: dict[str, Any] = {"message": message or default, "code": code}
    if errors:
        body["errors"] = errors
    return status, body


def json_response(status: int, payload: Any) -> web.Response:
    """JSON with ``Content-Type: application/json`` exactly (discord.py compares it verbatim;
    ``web.json_response`` would append ``; charset=utf-8``)."""
    if status == 204:
        return web.Response(status=204)
    return web.Response(
        status=status, body=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )


class RestMixin(MessagesMixin):
    """Records every request, validates it, and routes it to a handler."""

    def _routes(self) -> list[RouteSpec]:
        return [
            ("GET", r"/gateway", self._get_gateway, False),
            ("GET", r"/gateway/bot", self._get_gateway, True),
            ("GET", r"/users/@me", self._get_me, True),
            ("GET", rf"/users/{ID}", self._get_user, True),
            ("POST", r"/users/@me/channels", self._create_dm, True),
            ("GET", r"/oauth2/applications/@me", self._get_app_info, True),
            ("GET", r"/applications/@me", self._get_app_info, True),
            ("GET", rf"/channels/{ID}", self._get_channel, True),
            ("GET", rf"/channels/{ID}/messages/{ID}", self._get_message, True),
            ("POST", rf"/channels/{ID}/messages", self._post_message, True),
            ("PATCH", rf"/channels/{ID}/messages/{ID}", self._patch_message, True),
            ("DELETE", rf"/channels/{ID}/messages/{ID}", self._delete_message, True),
            ("POST", rf"/channels/{ID}/typing", self._no_content, True),
            ("PUT", rf"/channels/{ID}/messages/{ID}/reactions/{TOKEN}/@me", self._no_content, True),
            ("DELETE", rf"/channels/{ID}/messages/{ID}/reactions/{TOKEN}/@me", self._no_content, True),
            ("GET", rf"/guilds/{ID}", self._get_guild, True),
            ("GET", rf"/guilds/{ID}/channels", self._get_guild_channels, True),
            ("GET", rf"/guilds/{ID}/roles", self._get_guild_roles, True),
            ("GET", rf"/guilds/{ID}/members/{ID}", self._get_member, True),
        ]

    def _build_app(self) -> web.Application:
        self._compiled = [(m, re.compile(f"^{p}$"), h, auth) for m, p, h, auth in self._routes()]
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        return app

    # -- plumbing -------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await self.gateway.handle(request)
        rec = await self._record(request)
        if rec.path.startswith("/attachments/"):
            return self._serve_attachment(rec)
        reply = await self._route(rec, request.headers.get("Authorization"))
        response = reply if isinstance(reply, web.Response) else json_response(*reply)
        rec.status = response.status
        if not isinstance(reply, web.Response):
            rec.response = reply[1]
        self._notify()
        return response

    async def _record(self, request: web.Request) -> RecordedRequest:
        rec = RecordedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
        )
        if request.content_type.startswith("multipart/"):
            rec.content_type = request.content_type
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue  # nested multipart: Discord does not use it
                data = await part.read()
                if part.name == "payload_json":
                    rec.json = json.loads(data)
                else:
                    content_type = part.headers.get("Content-Type")
                    rec.files.append(RecordedFile(part.name or "", part.filename, content_type, bytes(data)))
        elif request.body_exists:
            rec.content_type = request.content_type
            raw = await request.read()
            if raw:
                try:
                    rec.json = json.loads(raw)
                except ValueError:
                    rec.json = raw.decode(errors="replace")
        self.requests.append(rec)
        return rec

    async def _route(self, rec: RecordedRequest, auth: str | None) -> Reply:
        if not rec.is_api:
            self.unhandled.append(rec)
            return error(0)
        problem = None
        if self.validate:
            try:
                validate_request(rec)
            except AssertionError as exc:
                problem = str(exc)
                self.validation_failures.append(problem)
        for method, pattern, handler, needs_auth in self._compiled:
            match = pattern.match(rec.route)
            if match is None or method != rec.method:
                continue
            if needs_auth and auth != f"Bot {self.token}":
                return 401, {"message": "401: Unauthorized", "code": 0}
            if problem is not None and self.reject_invalid:
                return error(
                    50035, errors={"_spec": {"_errors": [{"code": "SPEC_INVALID", "message": problem}]}}
                )
            return await handler(rec, match)
        self.unhandled.append(rec)
        return error(0)

    def _serve_attachment(self, rec: RecordedRequest) -> web.Response:
        match = re.match(r"^/attachments/(\d+)/", rec.path)
        data = self.attachments.get(int(match.group(1))) if match else None
        rec.status = 200 if data is not None else 404
        self._notify()
        if data is None:
            return web.Response(status=404, text="not found")
        return web.Response(status=200, body=data, headers={"Content-Type": "application/octet-stream"})

    async def _no_content(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 204, None

    # -- simple reads ------------------------------------------------------------------
    async def _get_gateway(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        body: dict[str, Any] = {"url": self.gateway_url}
        if rec.route == "/gateway/bot":
            body["shards"] = self.shard_count
            body["session_start_limit"] = {
                "total": 1000,
                "remaining": 999,
                "reset_after": 14400000,
                "max_concurrency": 1,
            }
        return 200, body

    async def _get_me(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 200, dict(
            self.bot_user, verified=True, mfa_enabled=False, email=None, locale="en-US", premium_type=0
        )

    async def _get_user(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        user = self.users.get(int(m.group(1)))
        return (200, user) if user else error(10013)

    async def _create_dm(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        user_id = int((rec.json or {}).get("recipient_id", 0))
        return (
            (200, self.dm_channel(user_id)) if user_id in self.users else error(50035, "Invalid Recipient(s)")
        )

    async def _get_app_info(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return 200, {
            "id": str(self.application_id),
            "name": self.bot_user["username"],
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "hook": True,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": self.application_flags,
            "owner": self.users[self.owner_id],
            "team": None,
            "bot": self.bot_user,
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "rpc_origins": [],
            "tags": [],
            "approximate_guild_count": len(self.guilds),
            "integration_types_config": {"0": {}},
            "event_webhooks_status": 1,
        }

    async def _get_channel(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        cid = int(m.group(1))
        if cid in self.channel_errors:
            return error(self.channel_errors[cid])
        _, channel = self.find_channel(cid)
        return (200, channel) if channel else error(10003)

    def _guild_or_error(self, m: re.Match[str]) -> FakeGuild | None:
        return self.guilds.get(int(m.group(1)))

    async def _get_guild(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        guild = self._guild_or_error(m)
        if guild is None:
            return error(10004)
        data = guild.create_payload()
        for key in (
            "members",
            "channels",
            "threads",
            "presences",
            "voice_states",
            "joined_at",
            "large",
            "member_count",
        ):
            data.pop(key, None)
        return 200, data

    async def _get_guild_channels(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        guild = self._guild_or_error(m)
        return (200, list(guild.channels.values())) if guild else error(10004)

    async def _get_guild_roles(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        guild = self._guild_or_error(m)
        return (200, list(guild.roles.values())) if guild else error(10004)

    async def _get_member(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        guild = self._guild_or_error(m)
        if guild is None:
            return error(10004)
        member = guild.members.get(int(m.group(2)))
        return (200, member) if member else error(10007)

    # -- channel messages ---------------------------------------------------------------
    def _channel_check(self, cid: int, needed: int = 0) -> tuple[FakeGuild | None, tuple[int, Any] | None]:
        if cid in self.channel_errors:
            return None, error(self.channel_errors[cid])
        guild, channel = self.find_channel(cid)
        if channel is None:
            return None, error(10003)
        if guild is not None:
            perms = guild.permissions_in(self.bot_user_id, cid)
            if not perms & Perm.VIEW_CHANNEL:
                return guild, error(50001)
            if perms & needed != needed:
                return guild, error(50013)
        return guild, None

    async def _get_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        _, problem = self._channel_check(int(m.group(1)), Perm.READ_MESSAGE_HISTORY)
        if problem:
            return problem
        message = self.messages.get(int(m.group(2)))
        return (200, message) if message and message["channel_id"] == m.group(1) else error(10008)

    async def _post_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        cid = int(m.group(1))
        body = rec.json if isinstance(rec.json, dict) else {}
        needed = Perm.SEND_MESSAGES | (Perm.ATTACH_FILES if rec.files else 0)
        guild, problem = self._channel_check(cid, needed)
        if problem:
            return problem
        if (body.get("message_reference") and guild is not None
                and not guild.permissions_in(self.bot_user_id, cid) & Perm.READ_MESSAGE_HISTORY):
            return error(160002)  # a reply needs Read Message History
        if guild is not None and not guild.permissions_in(self.bot_user_id, cid) & Perm.EMBED_LINKS:
            body = dict(body, embeds=[])  # Discord drops embeds silently without Embed Links
        if body.get("enforce_nonce") and body.get("nonce") is not None:
            # Discord answers a repeat of a recent nonce with the message it already made
            for made in self.messages.values():
                if (made["channel_id"] == str(cid) and made.get("nonce") == body["nonce"]
                        and made["author"]["id"] == str(self.bot_user_id)):
                    return 200, made
        message = self.build_message(cid, body, rec.files, author=self.bot_user)
        if message is None:
            return error(50006)
        await self._echo("MESSAGE_CREATE", message)
        if cid in self.lost_responses:
            self.lost_responses.discard(cid)
            return error(503)
        return 200, message

    async def _patch_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        _, problem = self._channel_check(int(m.group(1)))
        if problem:
            return problem
        message = self.messages.get(int(m.group(2)))
        if message is None or message["channel_id"] != m.group(1):
            return error(10008)
        if message["author"]["id"] != str(self.bot_user_id):
            return error(50005)
        self.edit_message(message, rec.json or {}, rec.files)
        await self._echo("MESSAGE_UPDATE", message)
        return 200, message

    async def _delete_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        _, problem = self._channel_check(int(m.group(1)))
        if problem:
            return problem
        message = self.messages.pop(int(m.group(2)), None)
        if message is None:
            return error(10008)
        await self._echo(
            "MESSAGE_DELETE",
            {
                "id": message["id"],
                "channel_id": message["channel_id"],
                **({"guild_id": message["guild_id"]} if "guild_id" in message else {}),
            },
        )
        return 204, None
