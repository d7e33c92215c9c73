"""Plain data records of what the bot sent to the fake Discord."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

API_PREFIX = "/api/v10"


@dataclass
class RecordedFile:
    """One file part of a multipart request (``files[n]``)."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes

    def text(self, encoding: str = "utf-8") -> str:
        return self.data.decode(encoding)


@dataclass
class RecordedRequest:
    """One HTTP request the bot made, as the fake server received it.

    ``json`` is the parsed JSON body; for ``multipart/form-data`` it is the
    parsed ``payload_json`` part and ``files`` holds the attached files.
    ``status`` and ``response`` are what the fake answered.
    """

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    files: list[RecordedFile] = field(default_factory=list)
    content_type: str | None = None
    status: int = 0
    response: Any = None

    @property
    def route(self) -> str:
        """The path relative to ``/api/v10`` (``/channels/1/messages``)."""
        if self.path.startswith(API_PREFIX + "/"):
            return self.path[len(API_PREFIX) :]
        return self.path

    @property
    def is_api(self) -> bool:
        return self.path.startswith(API_PREFIX + "/") or self.path == API_PREFIX

    @property
    def is_multipart(self) -> bool:
        return (self.content_type or "").startswith("multipart/")

    def __str__(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.query.items())
        return f"{self.method} {self.path}{'?' + query if query else ''} -> {self.status}"


@dataclass
class SentInteraction:
    """An interaction the fake dispatched, and everything the bot did with it.

    ``callback`` is the accepted POST .../callback (``callback_late`` if it came after the
    timeout and was answered 10062), ``rejected`` the callbacks answered with another error,
    ``original`` the response message, ``followups``/``edits`` the webhook requests and
    ``messages`` every message created for it.
    """

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    sent_at: float
    guild_id: int | None
    channel_id: int
    user_id: int
    callback: RecordedRequest | None = None
    callback_late: bool = False
    original: dict[str, Any] | None = None
    followups: list[RecordedRequest] = field(default_factory=list)
    edits: list[RecordedRequest] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[RecordedRequest] = field(default_factory=list)  # callbacks answered with an error

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else (self.callback.json or {}).get("type")

    @property
    def data(self) -> dict[str, Any]:
        """The interaction's ``data`` (command name/options, custom_id, ...)."""
        return self.payload.get("data") or {}

    def __repr__(self) -> str:
        label = self.data.get("name") or self.data.get("custom_id")
        return f"<SentInteraction id={self.id} type={self.type} {label!r}>"
