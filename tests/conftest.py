"""Shared fixtures: a real SQLite store in a temp file, and the shipped knowledge."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge
from bot.models import Knowledge
from bot.store import Store


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "concierge.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(db_path)
    try:
        yield store
    finally:
        await store.close()
