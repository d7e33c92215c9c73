"""Builders for the JSON objects Discord sends: messages, attachments, interactions."""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable
from typing import Any

from .models import iso_now

MESSAGE_FLAG_EPHEMERAL = 1 << 6
MESSAGE_FLAG_LOADING = 1 << 7

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


def normalise_embeds(embeds: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Embeds as Discord echoes them: the sent fields plus ``type: rich``."""
    out = []
    for embed in embeds or []:
        embed = {k: v for k, v in copy.deepcopy(embed).items() if v is not None}
        embed.setdefault("type", "rich")
        embed.setdefault("content_scan_version", 0)
        out.append(embed)
    return out


def normalise_components(components: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Components as Discord echoes them: every component gets a numeric ``id``."""
    counter = itertools.count(1)
    result = copy.deepcopy(list(components or []))

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            item.setdefault("id", next(counter))
            if isinstance(item.get("components"), list):
                walk(item["components"])
            for key in ("component", "accessory"):
                if isinstance(item.get(key), dict):
                    walk([item[key]])

    walk(result)
    return result


def iter_components(components: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Every component, depth first (action rows, labels, sections, containers)."""
    for item in components:
        yield item
        if isinstance(item.get("components"), list):
            yield from iter_components(item["components"])
        for key in ("component", "accessory"):
            if isinstance(item.get(key), dict):
                yield from iter_components([item[key]])


def compute_mentions(
    content: str,
    allowed_mentions: dict[str, Any] | None,
    *,
    known_users: dict[int, dict[str, Any]],
    known_roles: Iterable[int] = (),
    replied_user_id: int | None = None,
) -> tuple[list[dict[str, Any]], list[str], bool]:
    """Who a message really pings, honouring ``allowed_mentions`` the way Discord does.

    Returns ``(mentions, mention_roles, mention_everyone)``. Without
    ``allowed_mentions`` everything in the content pings (Discord's default).
    """
    parse = (
        {"users", "roles", "everyone"}
        if allowed_mentions is None
        else set(allowed_mentions.get("parse") or [])
    )
    allowed_users = {int(u) for u in (allowed_mentions or {}).get("users") or []}
    allowed_roles = {int(r) for r in (allowed_mentions or {}).get("roles") or []}
    roles = set(known_roles)

    user_ids: list[int] = []
    for raw in _USER_MENTION.findall(content or ""):
        uid = int(raw)
        if uid in known_users and uid not in user_ids and ("users" in parse or uid in allowed_users):
            user_ids.append(uid)
    replied = True if allowed_mentions is None else bool(allowed_mentions.get("replied_user", False))
    if (
        replied_user_id is not None
        and replied
        and replied_user_id not in user_ids
        and replied_user_id in known_users
    ):
        user_ids.append(replied_user_id)
    role_ids: list[str] = []
    for raw in _ROLE_MENTION.findall(content or ""):
        rid = int(raw)
        if rid in roles and raw not in role_ids and ("roles" in parse or rid in allowed_roles):
            role_ids.append(raw)
    everyone = "everyone" in parse and ("@everyone" in (content or "") or "@here" in (content or ""))
    return [known_users[u] for u in user_ids], role_ids, everyone


def attachment_payload(
    attachment_id: int, filename: str, data: bytes, *, url: str, content_type: str | None = None, **extra: Any
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(attachment_id),
        "filename": filename,
        "size": len(data),
        "url": url,
        "proxy_url": url,
        "content_type": content_type or _guess_type(filename),
    }
    payload.update({k: v for k, v in extra.items() if v is not None})
    return payload


def _guess_type(filename: str) -> str:
    import mimetypes

    guessed, _ = mimetypes.guess_type(filename)
    if guessed in ("application/json", None) or guessed.startswith("text/"):
        return (guessed or "application/octet-stream") + ("; charset=utf-8" if guessed else "")
    return guessed


def message_payload(
    message_id: int,
    channel_id: int,
    author: dict[str, Any],
    *,
    content: str = "",
    guild_id: int | None = None,
    member: dict[str, Any] | None = None,
    embeds: Iterable[dict[str, Any]] | None = None,
    components: Iterable[dict[str, Any]] | None = None,
    attachments: Iterable[dict[str, Any]] | None = None,
    flags: int = 0,
    type: int = 0,
    tts: bool = False,
    mentions: Iterable[dict[str, Any]] = (),
    mention_roles: Iterable[str] = (),
    mention_everyone: bool = False,
    message_reference: dict[str, Any] | None = None,
    referenced_message: dict[str, Any] | None = None,
    webhook_id: int | None = None,
    application_id: int | None = None,
    interaction_metadata: dict[str, Any] | None = None,
    nonce: int | str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A complete message object, as returned by REST and sent in MESSAGE_CREATE."""
    data: dict[str, Any] = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content or "",
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": list(mentions),
        "mention_roles": list(mention_roles),
        "mention_channels": [],
        "attachments": list(attachments or []),
        "embeds": normalise_embeds(embeds),
        "reactions": [],
        "pinned": False,
        "type": type,
        "flags": flags,
        "components": normalise_components(components),
        "sticker_items": [],
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if member is not None:
        data["member"] = member
    if message_reference is not None:
        ref = {k: str(v) if k.endswith("_id") and v is not None else v for k, v in message_reference.items()}
        ref.setdefault("type", 0)
        ref.setdefault("channel_id", str(channel_id))
        if guild_id is not None:
            ref.setdefault("guild_id", str(guild_id))
        data["message_reference"] = ref
        data["referenced_message"] = referenced_message
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    if nonce is not None:
        data["nonce"] = nonce
    data.update(extra)
    return data


def interaction_payload(
    *,
    interaction_id: int,
    token: str,
    application_id: int,
    type: int,
    data: dict[str, Any] | None,
    channel: dict[str, Any],
    user: dict[str, Any],
    member: dict[str, Any] | None,
    guild_id: int | None,
    app_permissions: int,
    locale: str = "en-US",
    guild_locale: str = "en-US",
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload. ``member`` (with ``permissions``) in guilds, ``user`` in DMs."""
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": type,
        "token": token,
        "version": 1,
        "channel_id": channel["id"],
        "channel": channel,
        "app_permissions": str(app_permissions),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild_id)} if guild_id is not None else {"1": user["id"]},
        "context": 0 if guild_id is not None else 1,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if data is not None:
        payload["data"] = data
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
        payload["guild"] = {"id": str(guild_id), "locale": guild_locale, "features": []}
        payload["guild_locale"] = guild_locale
        payload["member"] = member
    else:
        payload["user"] = user
    if message is not None:
        payload["message"] = message
    return payload


def interaction_callback_response(
    interaction: dict[str, Any], callback_type: int, message: dict[str, Any] | None
) -> dict[str, Any]:
    """The body Discord returns for ``POST .../callback?with_response=true``."""
    info: dict[str, Any] = {"id": interaction["id"], "type": interaction["type"]}
    body: dict[str, Any] = {"interaction": info}
    if message is not None and callback_type in (4, 5):
        info["response_message_id"] = message["id"]
        info["response_message_loading"] = bool(message["flags"] & MESSAGE_FLAG_LOADING)
        info["response_message_ephemeral"] = bool(message["flags"] & MESSAGE_FLAG_EPHEMERAL)
    if message is not None and callback_type in (4, 5, 7):
        body["resource"] = {"type": callback_type, "message": message}
    return body
