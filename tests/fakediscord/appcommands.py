"""Application command registration (bulk overwrite, upsert, list, delete).

Besides the OpenAPI schema check, the rules Discord enforces server-side that
the schema cannot express are checked here, answering 400 Invalid Form Body
(code 50035) like Discord and recording a validation failure.
"""

from __future__ import annotations

import re
from typing import Any

from .records import RecordedRequest
from .server import ID, Reply, RestMixin, RouteSpec, error

_CHAT_INPUT_NAME = re.compile(r"^[-_'\w\u0900-\u097F\u0E00-\u0E7F]{1,32}$")


def command_problems(cmd: dict[str, Any]) -> list[str]:
    """Discord-side rules for one command (beyond the JSON schema)."""
    problems: list[str] = []
    kind = cmd.get("type") or 1
    name = cmd.get("name", "")
    if kind == 1:
        if not _CHAT_INPUT_NAME.match(name) or name != name.lower():
            problems.append(f"{name!r}: chat input names must be lowercase, 1-32 of [-_a-z0-9...]")
        if not 1 <= len(cmd.get("description") or "") <= 100:
            problems.append(f"{name!r}: description must be 1-100 characters")
        problems += _option_problems(name, cmd.get("options") or [])
    elif cmd.get("description") or cmd.get("options"):
        problems.append(f"{name!r}: context menu commands take no description or options")
    return problems


def _option_problems(path: str, options: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(options) > 25:
        problems.append(f"{path}: at most 25 options")
    names = [o.get("name") for o in options]
    if len(set(names)) != len(names):
        problems.append(f"{path}: duplicate option names {names}")
    seen_optional = False
    for opt in options:
        where = f"{path} {opt.get('name')}"
        if opt.get("type") in (1, 2):
            problems += _option_problems(where, opt.get("options") or [])
            continue
        if not _CHAT_INPUT_NAME.match(opt.get("name", "")) or opt.get("name") != str(opt.get("name")).lower():
            problems.append(f"{where}: option names must be lowercase, 1-32 characters")
        if not 1 <= len(opt.get("description") or "") <= 100:
            problems.append(f"{where}: option description must be 1-100 characters")
        if opt.get("required"):
            if seen_optional:
                problems.append(f"{where}: required options must be placed before non-required options")
        else:
            seen_optional = True
        choices = opt.get("choices") or []
        if len(choices) > 25:
            problems.append(f"{where}: at most 25 choices")
        if choices and opt.get("autocomplete"):
            problems.append(f"{where}: autocomplete may not be set together with choices")
        for choice in choices:
            if not 1 <= len(str(choice.get("name", ""))) <= 100:
                problems.append(f"{where}: choice names must be 1-100 characters")
            if isinstance(choice.get("value"), str) and len(choice["value"]) > 100:
                problems.append(f"{where}: string choice values must be at most 100 characters")
    return problems


class CommandsMixin(RestMixin):
    def _routes(self) -> list[RouteSpec]:
        base = rf"/applications/{ID}"
        return [
            *super()._routes(),
            ("GET", rf"{base}/commands", self._list_commands, True),
            ("PUT", rf"{base}/commands", self._put_commands, True),
            ("POST", rf"{base}/commands", self._post_command, True),
            ("DELETE", rf"{base}/commands/{ID}", self._delete_command, True),
            ("GET", rf"{base}/guilds/{ID}/commands", self._list_commands, True),
            ("PUT", rf"{base}/guilds/{ID}/commands", self._put_commands, True),
            ("POST", rf"{base}/guilds/{ID}/commands", self._post_command, True),
            ("DELETE", rf"{base}/guilds/{ID}/commands/{ID}", self._delete_command, True),
        ]

    def registered_commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """The commands the bot registered: global ones, or those of ``guild_id``."""
        return list(self.global_commands if guild_id is None else self.guild_commands.get(guild_id, []))

    def find_command(self, name: str, guild_id: int | None = None, type: int = 1) -> dict[str, Any] | None:
        """A registered command by name: the guild's own first, then global (as Discord resolves)."""
        pools = ([self.guild_commands.get(guild_id, [])] if guild_id else []) + [self.global_commands]
        for pool in pools:
            for cmd in pool:
                if cmd["name"] == name and cmd.get("type", 1) == type:
                    return cmd
        return None

    def _scope(self, rec: RecordedRequest) -> int | None:
        m = re.match(r"^/applications/\d+/guilds/(\d+)/", rec.route + "/")
        return int(m.group(1)) if m else None

    def _check_app(self, rec: RecordedRequest) -> Reply | None:
        if not rec.route.startswith(f"/applications/{self.application_id}/"):
            return error(0, "404: Not Found")
        guild_id = self._scope(rec)
        if guild_id is not None and guild_id not in self.guilds:
            return 403, {"message": "Missing Access", "code": 50001}
        return None

    def _stored(
        self, body: dict[str, Any], guild_id: int | None, existing: dict[str, Any] | None
    ) -> dict[str, Any]:
        cmd: dict[str, Any] = {
            "id": existing["id"] if existing else str(self.ids.next()),
            "application_id": str(self.application_id),
            "version": str(self.ids.next()),
            "default_member_permissions": body.get("default_member_permissions"),
            "type": body.get("type") or 1,
            "name": body["name"],
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description") or "",
            "description_localizations": body.get("description_localizations"),
            "nsfw": bool(body.get("nsfw")),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
        }
        if body.get("options"):
            cmd["options"] = body["options"]
        if guild_id is not None:
            cmd["guild_id"] = str(guild_id)
        else:
            cmd["dm_permission"] = body.get("dm_permission", True)
        return cmd

    def _reject(self, rec: RecordedRequest, problems: list[str]) -> Reply:
        self.validation_failures.append(
            f"{rec.method} {rec.route}: Discord would reject:\n  " + "\n  ".join(problems)
        )
        return error(
            50035,
            errors={"_errors": [{"code": "APPLICATION_COMMAND_INVALID", "message": p} for p in problems]},
        )

    async def _list_commands(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        return self._check_app(rec) or (200, self.registered_commands(self._scope(rec)))

    async def _put_commands(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        bad = self._check_app(rec)
        if bad:
            return bad
        guild_id = self._scope(rec)
        bodies = rec.json or []
        problems = [p for body in bodies for p in command_problems(body)]
        keys = [(b.get("name"), b.get("type") or 1) for b in bodies]
        if len(set(keys)) != len(keys):
            problems.append("duplicate command names")
        if sum(1 for _, t in keys if t == 1) > 100 or sum(1 for _, t in keys if t != 1) > 10:
            problems.append("too many commands (100 chat input, 5 user + 5 message context menus)")
        if problems:
            return self._reject(rec, problems)
        old = {(c["name"], c["type"]): c for c in self.registered_commands(guild_id)}
        stored = [self._stored(b, guild_id, old.get((b["name"], b.get("type") or 1))) for b in bodies]
        if guild_id is None:
            self.global_commands = stored
        else:
            self.guild_commands[guild_id] = stored
        return 200, stored

    async def _post_command(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        bad = self._check_app(rec)
        if bad:
            return bad
        guild_id, body = self._scope(rec), rec.json or {}
        problems = command_problems(body)
        if problems:
            return self._reject(rec, problems)
        pool = self.global_commands if guild_id is None else self.guild_commands.setdefault(guild_id, [])
        key = (body.get("name"), body.get("type") or 1)
        existing = next((c for c in pool if (c["name"], c["type"]) == key), None)
        cmd = self._stored(body, guild_id, existing)
        if existing:
            pool[pool.index(existing)] = cmd
        else:
            pool.append(cmd)
        return (200 if existing else 201), cmd

    async def _delete_command(self, rec: RecordedRequest, m: re.Match[str]) -> Reply:
        bad = self._check_app(rec)
        if bad:
            return bad
        guild_id = self._scope(rec)
        pool = self.global_commands if guild_id is None else self.guild_commands.get(guild_id, [])
        cmd_id = rec.route.rstrip("/").rsplit("/", 1)[1]
        for cmd in pool:
            if cmd["id"] == cmd_id:
                pool.remove(cmd)
                return 204, None
        return 404, {"message": "Unknown application command", "code": 10063}
