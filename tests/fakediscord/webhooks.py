"""Interaction callbacks and the interaction webhook (original response, follow-ups)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from .appcommands import CommandsMixin
from .payloads import MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING, interaction_callback_response
from .records import RecordedRequest, SentInteraction
from .server import ID, TOKEN, Reply, RouteSpec, error

_TRUE = {"1", "true", "True"}
# interaction type -> callback types Discord accepts for it
_ALLOWED_CALLBACKS: dict[int, set[int]] = {1: {1}, 2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}


class WebhooksMixin(CommandsMixin):
    def _routes(self) -> list[RouteSpec]:
        hook = rf"/webhooks/{ID}/{TOKEN}"
        return [
            *super()._routes(),
            ("POST", rf"/interactions/{ID}/{TOKEN}/callback", self._callback, False),
            ("GET", rf"{hook}/messages/@original", self._get_original, False),
            ("PATCH", rf"{hook}/messages/@original", self._patch_original, False),
            ("DELETE", rf"{hook}/messages/@original", self._delete_original, False),
            ("POST", hook, self._followup, False),
            ("GET", rf"{hook}/messages/{ID}", self._get_webhook_message, False),
            ("PATCH", rf"{hook}/messages/{ID}", self._patch_webhook_message, False),
            ("DELETE", rf"{hook}/messages/{ID}", self._delete_webhook_message, False),
        ]

    # -- helpers -------------------------------------------------------------------
    def _interaction_message_type(self, ix: SentInteraction) -> int:
        if ix.type in (2, 4):
            return 20 if ix.data.get("type", 1) == 1 else 23
        return 19 if ix.type in (3, 5) and ix.payload.get("message") else 0

    def _interaction_message(
        self,
        ix: SentInteraction,
        body: dict[str, Any],
        rec: RecordedRequest,
        *,
        flags: int | None = None,
        allow_empty: bool = False,
    ) -> dict[str, Any] | None:
        user = ix.payload.get("member", {}).get("user") or ix.payload.get("user")
        meta: dict[str, Any] = {
            "id": str(ix.id),
            "type": ix.type,
            "user": user,
            "authorizing_integration_owners": ix.payload["authorizing_integration_owners"],
        }
        if ix.type == 2:
            meta["name"] = ix.data.get("name")
            meta["command_type"] = ix.data.get("type", 1)
        if ix.type == 5 and ix.payload.get("message"):
            meta["interacted_message_id"] = ix.payload["message"]["id"]
        if flags is not None:
            body = dict(body, flags=flags)
        message = self.build_message(
            ix.channel_id,
            body,
            rec.files,
            author=self.bot_user,
            type=self._interaction_message_type(ix),
            webhook_id=self.application_id,
            application_id=self.application_id,
            interaction_metadata=meta,
            allow_empty=allow_empty,
        )
        if message is not None:
            ix.messages.append(message)
        return message

    def _webhook_interaction(self, m: re.Match[str]) -> SentInteraction | None:
        ix = self.interactions.get(m.group(2))
        if ix is None or int(m.group(1)) != self.application_id:
            return None
        return ix

    def _owned_message(self, ix: SentInteraction, message_id: str) -> dict[str, Any] | None:
        if not any(msg["id"] == message_id for msg in ix.messages + ([ix.original] if ix.original else [])):
            return None
        return self.messages.get(int(message_id))

    # -- callback ------------------------------------------------------------------------
    async def _callback(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self.interactions.get(m.group(2))
        if ix is None or str(ix.id) != m.group(1):
            return error(10062)
        reply = await self._acknowledge(ix, rec)
        if isinstance(reply, tuple) and reply[0] >= 400 and not ix.callback_late:
            ix.rejected.append(rec)
        return reply

    async def _acknowledge(self, ix: SentInteraction, rec: RecordedRequest) -> Reply:
        if ix.callback is not None:
            return error(40060)
        loop = asyncio.get_running_loop()
        if self.interaction_timeout is not None and loop.time() - ix.sent_at > self.interaction_timeout:
            ix.callback, ix.callback_late = rec, True
            return error(10062)
        body = rec.json if isinstance(rec.json, dict) else {}
        kind: int = body.get("type", 0)
        data: dict[str, Any] = body.get("data") or {}
        if kind not in _ALLOWED_CALLBACKS.get(ix.type, ()):
            return error(
                50035, f"Interaction callback type {kind} is not valid for interaction type {ix.type}"
            )
        if kind in (6, 7) and not ix.payload.get("message"):
            return error(50035, "Interaction callback types 6/7 need the interaction's message")
        message: dict[str, Any] | None = None
        if kind == 4:
            message = self._interaction_message(ix, data, rec)
            if message is None:
                return error(50006)
        elif kind == 5:
            flags = MESSAGE_FLAG_LOADING | (int(data.get("flags") or 0) & MESSAGE_FLAG_EPHEMERAL)
            message = self._interaction_message(ix, {"content": ""}, rec, flags=flags, allow_empty=True)
        elif kind in (6, 7):
            message = self.messages.setdefault(int(ix.payload["message"]["id"]), ix.payload["message"])
            if kind == 7:
                self.edit_message(message, data, rec.files)
        ix.callback = rec
        ix.original = message
        if kind in (4, 5) and message is not None:
            await self._echo("MESSAGE_CREATE", message)
        elif kind == 7 and message is not None:
            await self._echo("MESSAGE_UPDATE", message)
        if rec.query.get("with_response") in _TRUE:
            return 200, interaction_callback_response(ix.payload, kind, message)
        return 204, None

    # -- webhook: original response ----------------------------------------------------------
    async def _get_original(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None:
            return error(10015)
        if ix.original is None or int(ix.original["id"]) not in self.messages:
            return error(10008)
        return 200, ix.original

    async def _patch_original(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None:
            return error(10015)
        if ix.original is None or int(ix.original["id"]) not in self.messages:
            return error(10008)
        ix.edits.append(rec)
        self.edit_message(ix.original, rec.json or {}, rec.files)
        await self._echo("MESSAGE_UPDATE", ix.original)
        return 200, ix.original

    async def _delete_original(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None:
            return error(10015)
        if ix.original is None or self.messages.pop(int(ix.original["id"]), None) is None:
            return error(10008)
        return 204, None

    # -- webhook: follow-ups -----------------------------------------------------------------
    async def _followup(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None or ix.callback is None or ix.callback_late:
            return error(10015)
        body = rec.json if isinstance(rec.json, dict) else {}
        ix.followups.append(rec)
        original = ix.original
        if original is not None and original["flags"] & MESSAGE_FLAG_LOADING:
            # Discord: the first follow-up after a deferred response replaces the "thinking" message
            # (its ephemerality was fixed by the defer).
            if not (body.get("content") or body.get("embeds") or rec.files or body.get("components")):
                return error(50006)
            self.edit_message(original, {k: v for k, v in body.items() if k != "flags"}, rec.files)
            message = original
            await self._echo("MESSAGE_UPDATE", message)
        else:
            flags = int(body.get("flags") or 0)
            built = self._interaction_message(ix, body, rec, flags=flags)
            if built is None:
                return error(50006)
            message = built
            await self._echo("MESSAGE_CREATE", message)
        if rec.query.get("wait") in _TRUE:
            return 200, message
        return 204, None

    async def _get_webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None:
            return error(10015)
        message = self._owned_message(ix, m.group(3))
        return (200, message) if message else error(10008)

    async def _patch_webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None:
            return error(10015)
        message = self._owned_message(ix, m.group(3))
        if message is None:
            return error(10008)
        self.edit_message(message, rec.json or {}, rec.files)
        await self._echo("MESSAGE_UPDATE", message)
        return 200, message

    async def _delete_webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        ix = self._webhook_interaction(m)
        if ix is None:
            return error(10015)
        message = self._owned_message(ix, m.group(3))
        if message is None:
            return error(10008)
        self.messages.pop(int(message["id"]), None)
        return 204, None
