"""FakeDiscord's state, lifecycle (start/close/patching) and waiting helpers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Self, TypeVar

from aiohttp import web

from .gateway import Gateway, GatewaySession
from .models import FakeGuild, Snowflakes, user_payload
from .records import RecordedRequest, SentInteraction

T = TypeVar("T")

ERRORS: dict[int, tuple[int, str]] = {
    # code: (http status, message) -- Discord's JSON error codes
    0: (404, "404: Not Found"),
    10003: (404, "Unknown Channel"),
    10004: (404, "Unknown Guild"),
    10007: (404, "Unknown Member"),
    10008: (404, "Unknown Message"),
    10013: (404, "Unknown User"),
    10015: (404, "Unknown Webhook"),
    10062: (404, "Unknown interaction"),
    40060: (400, "Interaction has already been acknowledged."),
    50001: (403, "Missing Access"),
    50005: (403, "Cannot edit a message authored by another user"),
    50006: (400, "Cannot send an empty message"),
    50013: (403, "Missing Permissions"),
    50035: (400, "Invalid Form Body"),
    160002: (403, "Cannot reply without permission to read message history"),
    503: (503, "503: Service Unavailable"),  # not a JSON code: Discord's own trouble, for set_channel_error
}


class FakeDiscordBase:
    """State and lifecycle. See :class:`tests.fakediscord.FakeDiscord` for the full API."""

    def __init__(
        self,
        *,
        application_id: int | None = None,
        bot_user_id: int | None = None,
        bot_name: str = "Concierge",
        token: str = "fake-bot-token",
        interaction_timeout: float | None = 3.0,
        validate: bool = True,
        reject_invalid: bool = False,
        shard_count: int = 1,
    ) -> None:
        self.ids = Snowflakes()
        self.application_id: int = application_id or self.ids.next()
        self.bot_user_id: int = bot_user_id or self.application_id
        self.token = token
        self.interaction_timeout = interaction_timeout
        self.validate = validate
        self.reject_invalid = reject_invalid
        self.shard_count = shard_count
        self.users: dict[int, dict[str, Any]] = {}
        self.bot_user = self.users[self.bot_user_id] = user_payload(self.bot_user_id, bot_name, bot=True)
        self.owner_id: int = self.ids.next()  # owns the application and, by default, every guild
        self.users[self.owner_id] = user_payload(self.owner_id, "owner")
        self.default_user_id: int = self.ids.next()  # "tester": who interacts unless told otherwise
        self.users[self.default_user_id] = user_payload(self.default_user_id, "tester")
        self.guilds: dict[int, FakeGuild] = {}
        self.dm_channels: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.channel_errors: dict[int, int] = {}
        self.lost_responses: set[int] = set()  # channels whose next post is made, then answered 503
        self.attachments: dict[int, bytes] = {}
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.interactions: dict[str, SentInteraction] = {}
        self.requests: list[RecordedRequest] = []
        self.validation_failures: list[str] = []
        self.unhandled: list[RecordedRequest] = []
        self.gateway = Gateway(self)
        self.port: int = 0
        self._runner: web.AppRunner | None = None
        self._waiters: list[asyncio.Future[None]] = []
        self._patch_stack: contextlib.ExitStack | None = None

    # -- lifecycle -------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def _build_app(self) -> web.Application:  # implemented by the REST mixin
        raise NotImplementedError

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        self._runner = web.AppRunner(self._build_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        """Close gateway connections and stop the server."""
        await self.gateway.disconnect_all(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        for waiter in self._waiters:
            waiter.cancel()

    @contextlib.contextmanager
    def patched(self) -> Iterator[None]:
        """Point discord.py at this server (``Route.BASE``, ``DEFAULT_GATEWAY``); restore on exit."""
        import discord.gateway
        import discord.http
        import yarl

        old_base, old_gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url + "/")
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    async def __aenter__(self) -> Self:
        await self.start()
        self._patch_stack = contextlib.ExitStack()
        self._patch_stack.enter_context(self.patched())
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._patch_stack is not None:
            self._patch_stack.close()
        await self.close()
        if exc_type is None:
            self.assert_all_valid()

    # -- checks -----------------------------------------------------------------
    def assert_all_valid(self) -> None:
        """Fail if any request body broke the OpenAPI spec or hit an endpoint the fake doesn't know."""
        problems = list(self.validation_failures)
        problems += [f"unexpected request (answered 404): {r}" for r in self.unhandled]
        if problems:
            raise AssertionError(
                f"{len(problems)} bad request(s) to fake Discord:\n\n" + "\n\n".join(problems)
            )

    # -- waiting ----------------------------------------------------------------
    def _notify(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait_until(
        self,
        predicate: Callable[[], T | None],
        timeout: float = 5.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> T:
        """Wait until ``predicate()`` is truthy (re-checked after every request); return its value."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = "\n  ".join(str(r) for r in self.requests[-15:]) or "(none)"
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what}; last requests:\n  {recent}"
                )
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(waiter, min(remaining, 0.25))

    async def wait_until_ready_sent(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until READY and every GUILD_CREATE were delivered to all shards."""
        await asyncio.wait_for(self.gateway.ready_sent.wait(), timeout)

    def _ready_payload(self, session: GatewaySession, guilds: list[FakeGuild]) -> dict[str, Any]:
        return {
            "v": 10,
            "user": dict(self.bot_user, verified=True, mfa_enabled=False, email=None),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "session_type": "normal",
            "shard": [session.shard_id, session.shard_count],
            "application": {"id": str(self.application_id), "flags": self.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "user_settings": {},
            "geo_ordered_rtc_regions": ["rotterdam"],
            "auth": {},
            "_trace": ['["fake-gateway",{"micros":1}]'],
        }

    # GATEWAY_MESSAGE_CONTENT_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | APPLICATION_COMMAND_BADGE
    application_flags: int = (1 << 19) | (1 << 15) | (1 << 23)
