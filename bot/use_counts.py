"""Use count changes counted in memory but not yet written to the store (the writes queue
behind the replies, `bot.write_behind`): an index built meanwhile adds them to what it reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from bot.engine import faq_ref
from bot.models import Faq


class UnwrittenUses:
    def __init__(self) -> None:
        self._changes: dict[int | None, Counter[str]] = {}

    def add(self, guild_id: int | None, ref: str, change: int) -> None:
        changes = self._changes.setdefault(guild_id, Counter())
        changes[ref] += change
        if not changes[ref]:
            del changes[ref]
            if not changes:
                del self._changes[guild_id]

    def applied(self, guild_id: int | None, faqs: Iterable[Faq]) -> list[Faq]:
        """`faqs` as read from the store, with the guild's unwritten changes to their uses."""
        changes = self._changes.get(guild_id)
        if not changes:
            return list(faqs)
        return [replace(faq, uses=max(0, faq.uses + change))
                if (change := changes.get(faq_ref(faq.id), 0)) else faq for faq in faqs]
