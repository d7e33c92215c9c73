"""The fake gateway websocket: HELLO, IDENTIFY/READY, heartbeats, RESUME, dispatch.

Speaks JSON (``encoding=json``). When the client asks for ``compress=zlib-stream``
every frame is a binary message from one zlib stream per connection, ending with
``Z_SYNC_FLUSH``; ``compress=zstd-stream`` is honoured when a zstd module is
importable (discord.py only asks for it in that case). Otherwise text frames.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .core import FakeDiscordBase

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41250

# Which intent bit gates an event (guild variant, DM variant).
_INTENT_FOR_EVENT: dict[str, tuple[int, int]] = {
    **{
        e: (1 << 0, 0)
        for e in (
            "GUILD_CREATE",
            "GUILD_UPDATE",
            "GUILD_DELETE",
            "GUILD_ROLE_CREATE",
            "GUILD_ROLE_UPDATE",
            "GUILD_ROLE_DELETE",
            "CHANNEL_CREATE",
            "CHANNEL_UPDATE",
            "CHANNEL_DELETE",
            "THREAD_CREATE",
        )
    },
    **{e: (1 << 1, 0) for e in ("GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE")},
    **{e: (1 << 9, 1 << 12) for e in ("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE")},
    **{e: (1 << 10, 1 << 13) for e in ("MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE")},
}


class _Encoder:
    def __init__(self, compress: str | None) -> None:
        self.mode: str | None = None
        self._compress: Callable[[bytes], bytes] | None = None
        if compress == "zlib-stream":
            zctx = zlib.compressobj()
            self._compress = lambda raw: zctx.compress(raw) + zctx.flush(zlib.Z_SYNC_FLUSH)
            self.mode = compress
        elif compress == "zstd-stream":
            self._compress = _zstd_stream()
            self.mode = compress if self._compress else None

    def encode(self, payload: dict[str, Any]) -> str | bytes:
        raw = json.dumps(payload, separators=(",", ":"))
        return raw if self._compress is None else self._compress(raw.encode())


def _zstd_stream() -> Callable[[bytes], bytes] | None:
    try:
        import zstandard

        zobj = zstandard.ZstdCompressor().compressobj()
        return lambda raw: zobj.compress(raw) + zobj.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
    except ImportError:
        pass
    try:
        from compression.zstd import ZstdCompressor

        zc = ZstdCompressor()
        return lambda raw: zc.compress(raw, mode=ZstdCompressor.FLUSH_BLOCK)
    except ImportError:
        return None


async def _send_frame(ws: web.WebSocketResponse, encoder: _Encoder, payload: dict[str, Any]) -> None:
    frame = encoder.encode(payload)
    if isinstance(frame, bytes):
        await ws.send_bytes(frame)
    else:
        await ws.send_str(frame)


@dataclass
class GatewaySession:
    """One identified gateway session (survives reconnects until it is invalidated)."""

    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: dict[str, Any]
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    encoder: _Encoder | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    presence: dict[str, Any] | None = None

    def owns(self, guild_id: int | None) -> bool:
        return ((guild_id or 0) >> 22) % self.shard_count == self.shard_id


class Gateway:
    """Serves the websocket; ``fake`` supplies READY/GUILD_CREATE data."""

    def __init__(self, fake: FakeDiscordBase) -> None:
        self.fake = fake
        self.sessions: dict[str, GatewaySession] = {}
        self.received: list[dict[str, Any]] = []
        self.connect_queries: list[dict[str, str]] = []  # query string of every websocket connect
        self.connections: set[web.WebSocketResponse] = set()
        self.ready_sent = asyncio.Event()
        self.shard_count = 1

    # -- sending ----------------------------------------------------------
    async def _send(self, session: GatewaySession, payload: dict[str, Any]) -> None:
        ws, encoder = session.ws, session.encoder
        if ws is None or encoder is None or ws.closed:
            return
        async with session.lock:
            try:
                await _send_frame(ws, encoder, payload)
            except ConnectionError:  # the client went away mid-send; it may RESUME
                log.debug("fake gateway: send failed, client disconnected")

    async def send_dispatch(self, session: GatewaySession, event: str, data: Any) -> None:
        guild_bit, dm_bit = _INTENT_FOR_EVENT.get(event, (0, 0))
        has_guild = (isinstance(data, dict) and data.get("guild_id") is not None) or event.startswith(
            "GUILD_"
        )
        bit = guild_bit if has_guild else dm_bit
        if bit and not session.intents & bit:
            return
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.sent.append(payload)
        await self._send(session, payload)

    async def dispatch(self, event: str, data: Any, *, guild_id: int | None = None) -> int:
        """Send a dispatch to every session whose shard owns ``guild_id`` (DMs: shard 0).

        Returns how many sessions it was sent to.
        """
        sent = 0
        for session in list(self.sessions.values()):
            if session.owns(guild_id):
                await self.send_dispatch(session, event, data)
                sent += 1
        return sent

    async def send_op(self, op: int, data: Any = None) -> None:
        """Send a raw non-dispatch opcode (e.g. 7 RECONNECT, 9 INVALID_SESSION) to all sessions."""
        for session in list(self.sessions.values()):
            await self._send(session, {"op": op, "d": data, "s": None, "t": None})

    async def disconnect_all(self, code: int = 4000) -> None:
        """Close every websocket (sessions stay resumable unless ``code`` says otherwise)."""
        for ws in list(self.connections):
            await ws.close(code=code, message=b"fake disconnect")

    # -- receiving --------------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        query = request.query
        self.connect_queries.append(dict(query))
        if query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"only encoding=json is supported by the fake")
            return ws
        encoder = _Encoder(query.get("compress"))
        self.connections.add(ws)
        hello = {"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None}
        session: GatewaySession | None = None
        try:
            await _send_frame(ws, encoder, hello)
            async for msg in ws:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    break
                session = await self._on_message(ws, encoder, session, json.loads(msg.data))
                self.fake._notify()
        finally:
            self.connections.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
        return ws

    async def _on_message(
        self,
        ws: web.WebSocketResponse,
        encoder: _Encoder,
        session: GatewaySession | None,
        payload: dict[str, Any],
    ) -> GatewaySession | None:
        op: Any = payload.get("op")
        d: Any = payload.get("d")
        recorded = dict(payload)
        if isinstance(d, dict) and "token" in d:
            recorded["d"] = {k: v for k, v in d.items() if k != "token"}
        self.received.append(recorded)
        if op == 1:  # HEARTBEAT
            ack = {"op": 11, "d": None, "s": None, "t": None}
            if session is not None:
                await self._send(session, ack)
            else:
                await _send_frame(ws, encoder, ack)
        elif op == 2:
            return await self._identify(ws, encoder, d)
        elif op == 6:
            return await self._resume(ws, encoder, d)
        elif op == 8 and session is not None:
            await self._request_members(session, d)
        elif op == 3 and session is not None:
            session.presence = d
        return session

    async def _identify(
        self, ws: web.WebSocketResponse, encoder: _Encoder, d: dict[str, Any]
    ) -> GatewaySession | None:
        if d.get("token") != self.fake.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        shard_id, shard_count = d.get("shard") or [0, 1]
        session = GatewaySession(
            session_id=uuid.uuid4().hex,
            shard_id=shard_id,
            shard_count=shard_count,
            intents=int(d.get("intents", 0)),
            identify={k: v for k, v in d.items() if k != "token"},
        )
        session.ws, session.encoder = ws, encoder
        self.shard_count = shard_count
        self.sessions[session.session_id] = session
        guilds = [g for g in self.fake.guilds.values() if session.owns(g.id)]
        await self.send_dispatch(session, "READY", self.fake._ready_payload(session, guilds))
        for guild in guilds:
            await self.send_dispatch(session, "GUILD_CREATE", guild.create_payload())
        shards = {s.shard_id for s in self.sessions.values()}
        if shards >= set(range(shard_count)):
            self.ready_sent.set()
        return session

    async def _resume(
        self, ws: web.WebSocketResponse, encoder: _Encoder, d: dict[str, Any]
    ) -> GatewaySession | None:
        session = self.sessions.get(d.get("session_id", ""))
        if session is None or d.get("token") != self.fake.token:
            await _send_frame(ws, encoder, {"op": 9, "d": False, "s": None, "t": None})
            return None
        session.ws, session.encoder = ws, encoder
        seq = d.get("seq") or 0
        for payload in [p for p in session.sent if p["s"] > seq]:
            await self._send(session, payload)
        await self.send_dispatch(session, "RESUMED", {})
        return session

    async def _request_members(self, session: GatewaySession, d: dict[str, Any]) -> None:
        guild_ids: Any = d.get("guild_id")
        for gid in guild_ids if isinstance(guild_ids, list) else [guild_ids]:
            guild = self.fake.guilds.get(int(gid))
            if guild is None:
                continue
            members = list(guild.members.values())
            wanted = d.get("user_ids")
            if wanted:
                wanted_ids = {str(u) for u in (wanted if isinstance(wanted, list) else [wanted])}
                members = [m for m in members if m["user"]["id"] in wanted_ids]
            elif d.get("query"):
                members = [m for m in members if m["user"]["username"].startswith(d["query"])]
            chunk = {
                "guild_id": str(gid),
                "members": members,
                "chunk_index": 0,
                "chunk_count": 1,
                "not_found": [],
            }
            if d.get("nonce") is not None:
                chunk["nonce"] = d["nonce"]
            if d.get("presences"):
                chunk["presences"] = []
            await self.send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)
