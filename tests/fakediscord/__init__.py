"""A loopback fake Discord (REST API v10 + gateway) for testing the real discord.py client.

See README.md in this directory for the usage guide, :class:`FakeDiscord` for the API,
:func:`run_bot` to run a bot against it, :mod:`tests.fakediscord.fixtures` for a pytest
fixture and :mod:`tests.fakediscord.openapi` for request-body validation against Discord's
OpenAPI spec (:data:`OPENAPI_AVAILABLE`, :func:`validate_request`).
"""

from .fake import FakeDiscord, run_bot
from .models import ChannelType, FakeGuild, Perm
from .openapi import OPENAPI_AVAILABLE, SPEC_PATH, validate_request
from .records import RecordedFile, RecordedRequest, SentInteraction

__all__ = [
    "OPENAPI_AVAILABLE",
    "SPEC_PATH",
    "ChannelType",
    "FakeDiscord",
    "FakeGuild",
    "Perm",
    "RecordedFile",
    "RecordedRequest",
    "SentInteraction",
    "run_bot",
    "validate_request",
]
