"""Building and editing the message objects the bot creates (channel posts, interaction replies)."""

from __future__ import annotations

from typing import Any

from .models import iso_now
from .payloads import (
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
    compute_mentions,
    message_payload,
    normalise_components,
    normalise_embeds,
)
from .records import RecordedFile
from .state import StateMixin


class MessagesMixin(StateMixin):
    # -- message building (shared with webhooks) -------------------------------------------
    def _attachments_from(
        self, body: dict[str, Any], files: list[RecordedFile], existing: list[dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        existing = existing or []
        by_index = {f.name[len("files[") : -1]: f for f in files if f.name.startswith("files[")}
        old = {a["id"]: a for a in existing}
        out: list[dict[str, Any]] = []
        specs = body.get("attachments")
        if specs is None:
            specs = [{"id": key} for key in by_index] if files else [{"id": a["id"]} for a in existing]
        for spec in specs:
            key = str(spec.get("id"))
            if key in by_index:
                f = by_index[key]
                att = self.add_attachment(
                    f.data, spec.get("filename") or f.filename or "file", description=spec.get("description")
                )
                out.append(att)
            elif key in old:
                out.append(old[key])
        return out

    def build_message(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: list[RecordedFile],
        *,
        author: dict[str, Any],
        store: bool = True,
        allow_empty: bool = False,
        **fields: Any,
    ) -> dict[str, Any] | None:
        """A message the bot sends, from a request body; ``None`` if Discord would call it empty."""
        guild, _ = self.find_channel(channel_id)
        attachments = self._attachments_from(body, files)
        content = body.get("content") or ""
        if not allow_empty and not (
            content.strip()
            or body.get("embeds")
            or attachments
            or body.get("components")
            or body.get("sticker_ids")
            or body.get("poll")
        ):
            return None
        ref = body.get("message_reference")
        referenced = self.messages.get(int(ref["message_id"])) if ref and ref.get("message_id") else None
        mentions, mention_roles, everyone = compute_mentions(
            content,
            body.get("allowed_mentions"),
            known_users=self.users,
            known_roles=list(guild.roles) if guild else [],
            replied_user_id=int(referenced["author"]["id"]) if referenced else None,
        )
        message = message_payload(
            self.ids.next(),
            channel_id,
            author,
            content=content,
            guild_id=guild.id if guild else None,
            member=guild.member_payload(int(author["id"]), with_user=False)
            if guild and int(author["id"]) in guild.members
            else None,
            embeds=body.get("embeds"),
            components=body.get("components"),
            attachments=attachments,
            flags=int(body.get("flags") or 0),
            tts=bool(body.get("tts")),
            mentions=mentions,
            mention_roles=mention_roles,
            mention_everyone=everyone,
            message_reference=ref,
            referenced_message=referenced,
            nonce=body.get("nonce"),
            type=fields.pop("type", 19 if ref else 0),
            **fields,
        )
        if body.get("poll"):
            message["poll"] = dict(body["poll"], results={"is_finalized": False, "answer_counts": []})
        if store:
            self.messages[int(message["id"])] = message
        return message

    def edit_message(self, message: dict[str, Any], body: dict[str, Any], files: list[RecordedFile]) -> None:
        """Apply a PATCH body to a stored message in place, as Discord does."""
        was_loading = bool(message["flags"] & MESSAGE_FLAG_LOADING)
        if "content" in body:
            message["content"] = body["content"] or ""
        if "embeds" in body:
            message["embeds"] = normalise_embeds(body["embeds"])
        if "components" in body:
            message["components"] = normalise_components(body["components"])
        if "attachments" in body or files:
            message["attachments"] = self._attachments_from(body, files, message["attachments"])
        if "flags" in body and body["flags"] is not None:
            # only SUPPRESS_EMBEDS can be toggled; IS_COMPONENTS_V2 can be set but not cleared
            suppress, v2 = 1 << 2, 1 << 15
            message["flags"] = (message["flags"] & ~suppress) | (int(body["flags"]) & (suppress | v2))
        message["flags"] &= ~MESSAGE_FLAG_LOADING
        if "content" in body or "allowed_mentions" in body:
            guild = self.guilds.get(int(message.get("guild_id", 0)))
            users, roles, everyone = compute_mentions(
                message["content"],
                body.get("allowed_mentions"),
                known_users=self.users,
                known_roles=list(guild.roles) if guild else [],
            )
            message.update(mentions=users, mention_roles=roles, mention_everyone=everyone)
        message["edited_timestamp"] = None if was_loading else iso_now()

    async def _echo(self, event: str, message: dict[str, Any]) -> None:
        """Send the gateway event Discord sends for the bot's own message (not for ephemerals)."""
        if message.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL:
            return
        guild_id = int(message["guild_id"]) if message.get("guild_id") else None
        await self.gateway.dispatch(event, message, guild_id=guild_id)
