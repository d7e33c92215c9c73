"""Timezone-aware UTC times and their storage form. Every time the bot keeps is UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; attach a time zone first")
    return moment.astimezone(UTC).isoformat()


def from_db(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:  # rows written by hand; the store only writes aware UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
