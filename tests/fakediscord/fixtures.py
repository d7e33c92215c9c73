"""Reusable pytest fixtures. Import them into a conftest.py to use them::

    from tests.fakediscord.fixtures import fake_discord  # noqa: F401

``fake_discord`` is a started, patched :class:`FakeDiscord` (nothing added yet); on teardown
it is closed and :meth:`FakeDiscord.assert_all_valid` runs (OpenAPI + unexpected endpoints).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .fake import FakeDiscord


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        yield fake
