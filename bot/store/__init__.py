"""The store: the only place with SQL. One Database, one module per table group."""

from __future__ import annotations

from pathlib import Path

from bot.store.announcements import AnnouncementStore
from bot.store.catalog import CatalogStore
from bot.store.database import Database
from bot.store.faqs import FaqStore
from bot.store.releases import ReleaseStore
from bot.store.unanswered import UnansweredStore


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.faqs = FaqStore(db)
        self.catalog = CatalogStore(db)
        self.unanswered = UnansweredStore(db)
        self.releases = ReleaseStore(db)
        self.announcements = AnnouncementStore(db)

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        return cls(await Database.open(path))

    async def close(self) -> None:
        await self.db.close()


__all__ = ["Database", "Store"]
