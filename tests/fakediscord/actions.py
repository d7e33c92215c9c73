"""User actions on messages (buttons, selects, modals, plain messages) and what-the-bot-did waits."""

from __future__ import annotations

from typing import Any

from .interactions import InteractionsMixin
from .payloads import MESSAGE_FLAG_LOADING, iter_components, normalise_components
from .records import RecordedRequest, SentInteraction

MESSAGE_CONTENT_INTENT = 1 << 15
_SELECTS = (3, 5, 6, 7, 8)


class ActionsMixin(InteractionsMixin):
    # -- components -------------------------------------------------------------------
    def find_message_with_component(self, custom_id: str) -> dict[str, Any]:
        """The newest stored message that has a component with ``custom_id``."""
        for message in reversed(list(self.messages.values())):
            if any(c.get("custom_id") == custom_id for c in iter_components(message.get("components") or [])):
                return message
        raise LookupError(f"no message the bot sent has a component with custom_id {custom_id!r}")

    async def send_component(
        self,
        custom_id: str,
        component_type: int = 2,
        *,
        message: dict[str, Any] | int | None = None,
        values: list[str] | None = None,
        user_id: int | None = None,
        member_permissions: int | None = None,
    ) -> SentInteraction:
        """Click a button / pick from a select (type 3) on ``message``.

        ``message`` defaults to the newest message with that ``custom_id`` (ephemeral ones too: the
        user sees those). Raises if the component is missing or disabled, as the client would not
        let the user click it.
        """
        if message is None:
            message = self.find_message_with_component(custom_id)
        elif isinstance(message, int):
            message = self.messages[message]
        component = next(
            (c for c in iter_components(message.get("components") or []) if c.get("custom_id") == custom_id),
            None,
        )
        if component is None:
            raise LookupError(f"message {message['id']} has no component {custom_id!r}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        if component["type"] != component_type:
            raise ValueError(f"component {custom_id!r} has type {component['type']}, not {component_type}")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if component_type in _SELECTS:
            data["values"] = list(values or [])
            if component_type != 3 and values:
                guild, _ = self.find_channel(int(message["channel_id"]))
                data["resolved"] = self._resolved_for_select(
                    component_type, values, guild, int(message["channel_id"])
                )
        return await self.send_interaction(
            3,
            data,
            channel_id=int(message["channel_id"]),
            user_id=user_id,
            member_permissions=member_permissions,
            message=message,
        )

    def _resolved_for_select(
        self, kind: int, values: list[str], guild: Any, channel_id: int
    ) -> dict[str, Any]:
        resolved: dict[str, Any] = {}
        option_kind = {5: 6, 6: 8, 7: 7, 8: 9}[kind]
        for value in values:
            self._option(
                "select",
                value,
                {"type": option_kind},
                guild,
                channel_id,
                self.default_user_id,
                resolved,
                False,
            )
        return resolved

    # -- modals ------------------------------------------------------------------------
    def find_modal(self, custom_id: str) -> tuple[SentInteraction, dict[str, Any]] | None:
        """The newest modal (callback type 9) the bot opened with ``custom_id``, and its interaction."""
        for ix in reversed(list(self.interactions.values())):
            body = ix.callback.json if ix.callback else None
            if (
                isinstance(body, dict)
                and body.get("type") == 9
                and body["data"].get("custom_id") == custom_id
            ):
                return ix, body["data"]
        return None

    async def send_modal_submit(
        self,
        custom_id: str,
        components: dict[str, str | list[str]],
        *,
        user_id: int | None = None,
        channel_id: int | None = None,
        member_permissions: int | None = None,
        labels: bool | None = None,
    ) -> SentInteraction:
        """Submit modal ``custom_id`` with ``{input custom_id: value}`` (list of values for selects).

        When the bot opened that modal, the submission mirrors its layout (action rows or label
        components), comes from the same user/channel, carries the message for component-opened
        modals, and Discord's client-side rules apply (required inputs, min/max length).
        Without a known modal, classic action rows of text inputs are sent (``labels=True`` for
        label components).
        """
        found = self.find_modal(custom_id)
        message = None
        if found is None:
            rows: list[dict[str, Any]] = [
                {"type": 1, "components": [{"type": 4, "custom_id": k, "style": 1}]} for k in components
            ]
            if labels:
                rows = [
                    {"type": 18, "label": k, "component": r["components"][0]}
                    for k, r in zip(components, rows, strict=True)
                ]
        else:
            opener, modal = found
            rows = modal["components"]
            user_id = user_id or opener.user_id
            channel_id = channel_id or opener.channel_id
            message = opener.payload.get("message")
        submitted, used = self._submitted_rows(normalise_components(rows), components)
        unknown = set(components) - used
        if unknown:
            raise ValueError(f"modal {custom_id!r} has no input(s) {sorted(unknown)}")
        data = {"custom_id": custom_id, "components": submitted}
        return await self.send_interaction(
            5,
            data,
            channel_id=channel_id,
            user_id=user_id,
            member_permissions=member_permissions,
            message=message,
        )

    def _submitted_rows(
        self, rows: list[dict[str, Any]], values: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], set[str]]:
        out: list[dict[str, Any]] = []
        used: set[str] = set()
        for row in rows:
            if row["type"] == 1:
                inner = [self._submitted(c, values, used) for c in row.get("components", [])]
                out.append({"type": 1, "id": row["id"], "components": inner})
            elif row["type"] == 18:
                out.append(
                    {
                        "type": 18,
                        "id": row["id"],
                        "component": self._submitted(row["component"], values, used),
                    }
                )
            elif row["type"] == 10:
                out.append({"type": 10, "id": row["id"]})
        return out, used

    @staticmethod
    def _submitted(component: dict[str, Any], values: dict[str, Any], used: set[str]) -> dict[str, Any]:
        cid = component.get("custom_id", "")
        result: dict[str, Any] = {"type": component["type"], "id": component["id"], "custom_id": cid}
        if cid in values:
            used.add(cid)
        if component["type"] == 4:
            value = str(values.get(cid, component.get("value") or ""))
            if component.get("required", True) and not value:
                raise ValueError(f"text input {cid!r} is required")
            if value and not component.get("min_length", 0) <= len(value) <= component.get(
                "max_length", 4000
            ):
                raise ValueError(f"text input {cid!r}: length {len(value)} outside min/max length")
            result["value"] = value
        elif component["type"] in _SELECTS:
            picked = values.get(cid, [])
            result["values"] = [picked] if isinstance(picked, str) else list(picked)
        return result

    # -- plain messages -------------------------------------------------------------------
    async def delete_channel(self, channel_id: int) -> dict[str, Any]:
        """A server admin deletes a channel: it is gone from the state (requests to it get
        10003 Unknown Channel) and CHANNEL_DELETE goes to the shard that owns its guild."""
        guild_id = next((g for g, guild in self.guilds.items() if channel_id in guild.channels), None)
        if guild_id is None:
            raise KeyError(f"no channel {channel_id}")
        channel = self.guilds[guild_id].channels.pop(channel_id)
        self.set_channel_error(channel_id, 10003)
        if not self.gateway.sessions:
            await self.wait_until(lambda: self.gateway.sessions, 5.0, "the bot to IDENTIFY on the gateway")
        await self.gateway.dispatch("CHANNEL_DELETE", channel, guild_id=guild_id)
        return channel

    async def create_role(self, guild_id: int, name: str, **extra: Any) -> dict[str, Any]:
        """A server admin creates a role: added (`add_role`), and GUILD_ROLE_CREATE goes to
        a connected bot, whose guild then has it as Discord's would."""
        role = self.add_role(guild_id, name, **extra)
        if self.gateway.sessions:
            await self.gateway.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild_id), "role": role},
                                        guild_id=guild_id)
        return role

    async def delete_role(self, guild_id: int, role_id: int, *, notify: bool = True) -> None:
        """A server admin deletes a role: gone from the guild and its members, and
        GUILD_ROLE_DELETE goes to the shard that owns the guild (`notify=False`: deleted
        while the bot was away, so it only finds out from the guild it gets next)."""
        guild = self.guilds[guild_id]
        del guild.roles[role_id]
        for member in guild.members.values():
            member["roles"] = [r for r in member["roles"] if int(r) != role_id]
        if notify:
            if not self.gateway.sessions:
                await self.wait_until(lambda: self.gateway.sessions, 5.0,
                                      "the bot to IDENTIFY on the gateway")
            deleted = {"guild_id": str(guild_id), "role_id": str(role_id)}
            await self.gateway.dispatch("GUILD_ROLE_DELETE", deleted, guild_id=guild_id)

    async def send_message_create(
        self,
        channel_id: int,
        content: str,
        author_id: int | None = None,
        *,
        mentions: list[int | dict[str, Any]] | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """A user posts a message: MESSAGE_CREATE (as Discord gates it: GUILD_MESSAGES /
        DIRECT_MESSAGES intents; without MESSAGE_CONTENT the content, embeds, attachments and
        components are blanked unless the bot is mentioned or it is a DM). Returns the message."""
        if mentions is not None:
            extra = [self.users[_id(m)] for m in mentions]
            fields["mentions"] = extra
        message = self.make_message(channel_id, content, author_id, **fields)
        guild_id = int(message["guild_id"]) if "guild_id" in message else None
        mentioned = any(u["id"] == str(self.bot_user_id) for u in message["mentions"])
        if not self.gateway.sessions:
            await self.wait_until(lambda: self.gateway.sessions, 5.0, "the bot to IDENTIFY on the gateway")
        for session in list(self.gateway.sessions.values()):
            if not session.owns(guild_id):
                continue
            payload = message
            if guild_id is not None and not mentioned and not session.intents & MESSAGE_CONTENT_INTENT:
                payload = dict(message, content="", embeds=[], attachments=[], components=[])
            await self.gateway.send_dispatch(session, "MESSAGE_CREATE", payload)
        return message

    # -- what the bot did ---------------------------------------------------------------------
    async def wait_for_callback(self, ix: SentInteraction, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        """The JSON body the bot POSTed to ``/interactions/{id}/{token}/callback``.

        Raises AssertionError if it came too late (Discord: 10062 Unknown interaction) or was
        rejected (e.g. an empty message, 40060 already acknowledged, wrong callback type).
        """
        await self.wait_until(
            lambda: ix.callback is not None or ix.rejected, timeout, f"a callback to {ix!r}"
        )
        if ix.callback is None:
            bad = ix.rejected[0]
            raise AssertionError(
                f"{ix!r}: callback rejected with {bad.status} {bad.response}; body {bad.json}"
            )
        if ix.callback_late:
            raise AssertionError(
                f"{ix!r}: callback came after {self.interaction_timeout}s; Discord answered "
                "10062 Unknown interaction"
            )
        return ix.callback.json

    def followups(self, ix: SentInteraction) -> list[dict[str, Any]]:
        """Bodies of the follow-up messages (POST /webhooks/{app}/{token}) so far."""
        return [r.json for r in ix.followups]

    async def wait_for_followup(
        self,
        ix: SentInteraction,
        timeout: float = 5.0,  # noqa: ASYNC109
        index: int = 0,
    ) -> dict[str, Any]:
        """The body of follow-up number ``index`` (0 = first), once it arrives."""
        await self.wait_until(lambda: len(ix.followups) > index, timeout, f"follow-up #{index} to {ix!r}")
        return ix.followups[index].json

    async def wait_for_original_edit(
        self,
        ix: SentInteraction,
        timeout: float = 5.0,  # noqa: ASYNC109
        index: int = 0,
    ) -> dict[str, Any]:
        """The body of PATCH ``/messages/@original`` number ``index``."""
        await self.wait_until(lambda: len(ix.edits) > index, timeout, f"edit #{index} of {ix!r}'s response")
        return ix.edits[index].json

    def original_message(self, ix: SentInteraction) -> dict[str, Any] | None:
        """The current message object of the interaction's response (None if there is none)."""
        return ix.original

    async def wait_for_response_message(self, ix: SentInteraction, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        """The message the user ends up seeing: the response, once it is no longer "thinking"
        (covers reply, defer + edit, defer + follow-up, and component updates)."""

        def done() -> dict[str, Any] | None:
            msg = ix.original
            return msg if msg is not None and not msg["flags"] & MESSAGE_FLAG_LOADING else None

        return await self.wait_until(done, timeout, f"the response message of {ix!r}")

    def channel_posts(self, channel_id: int) -> list[RecordedRequest]:
        """Every POST /channels/{channel_id}/messages request, whatever it was answered."""
        route = f"/channels/{channel_id}/messages"
        return [r for r in self.requests if r.method == "POST" and r.route == route]

    async def wait_for_channel_message(
        self,
        channel_id: int,
        timeout: float = 5.0,  # noqa: ASYNC109
        count: int = 1,
    ) -> list[dict[str, Any]]:
        """Bodies of the POST /channels/{id}/messages requests, once there are at least ``count``."""
        await self.wait_until(
            lambda: len([r for r in self.channel_posts(channel_id) if r.status]) >= count,
            timeout,
            f"{count} message(s) posted to channel {channel_id}",
        )
        return [r.json for r in self.channel_posts(channel_id)]

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Message objects currently stored in ``channel_id`` (what a user would see), oldest first."""
        return [m for m in self.messages.values() if m["channel_id"] == str(channel_id)]


def _id(value: int | dict[str, Any]) -> int:
    return int(value["id"]) if isinstance(value, dict) else int(value)
