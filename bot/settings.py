"""Typed settings read once from the environment (and `.env` through python-dotenv)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

from bot.errors import SettingsError

DEFAULT_DATABASE_PATH = Path("data/concierge.db")
TOKEN_HELP = (
    "DISCORD_TOKEN is not set: put DISCORD_TOKEN=<your bot token> in a .env file "
    "(see .env.example) or export it in the environment."
)

SERVER_ID_MAX = 2**63 - 1  # SQLite's INTEGER; Discord's ids are far below


def server_id(text: str) -> int | None:
    """A Discord server id typed as text (ASCII digits, 1 to SERVER_ID_MAX); None if not."""
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= SERVER_ID_MAX:
        return None
    return int(text)


@dataclass(frozen=True, slots=True)
class Settings:
    # repr=False so the token can never end up in a log line or a traceback's locals dump
    discord_token: str | None = field(default=None, repr=False)
    database_path: Path = DEFAULT_DATABASE_PATH
    dev_guild_id: int | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
        """Read settings; `.env` fills in what the real environment does not set."""
        if env is None:
            if dotenv:
                load_dotenv(override=False)
            env = os.environ
        token = (env.get("DISCORD_TOKEN") or "").strip() or None
        database_path = Path(env.get("DATABASE_PATH") or DEFAULT_DATABASE_PATH)

        raw_guild = (env.get("DEV_GUILD_ID") or "").strip()
        dev_guild_id = server_id(raw_guild) if raw_guild else None
        if raw_guild and dev_guild_id is None:
            raise SettingsError(
                f"DEV_GUILD_ID must be a server id (digits only, not 0), not {raw_guild!r}."
            )

        log_level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
        if not isinstance(logging.getLevelName(log_level), int):
            raise SettingsError(
                f"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not {log_level!r}."
            )
        return cls(token, database_path, dev_guild_id, log_level)

    def require_token(self) -> str:
        if not self.discord_token:
            raise SettingsError(TOKEN_HELP)
        return self.discord_token
