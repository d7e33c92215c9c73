"""Release milestones and which announcements are due: pure, no store, no clock, no discord.
Used by bot/schedule.py, whose docstring has the rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.models import GuildRelease, Subscription, Title
from bot.store.announcements import CLAIMED, SKIPPED, LedgerEntry, Subscribed
from bot.store.releases import release_ref, title_release_ref
from bot.timeline import LateCause, dated_titles

MILESTONES: tuple[tuple[str, timedelta], ...] = (
    ("30d", timedelta(days=30)),
    ("7d", timedelta(days=7)),
    ("1d", timedelta(days=1)),
    ("release", timedelta(0)),
)
GRACE = timedelta(seconds=60)  # posted within this of its instant: on time, else "late"
CATCH_UP = timedelta(days=7)  # missed milestones older than this are never posted


@dataclass(frozen=True, slots=True)
class Release:
    """Something to count down to: a shipped title with a date, or a guild's own release."""

    ref: str  # 'title:<key>' or 'guild:<id>' (the ledger's release_ref)
    name: str
    release_at: datetime  # aware UTC
    guild_id: int | None = None  # None: a shipped title, announced to every subscription ...
    # ... but those of the guilds with a date of their own for it (their guild release)
    other_dates: frozenset[int] = frozenset()
    event: bool = False  # a server's own event (a watch party): it starts, it doesn't come out

    @property
    def all_day(self) -> bool:
        """A shipped title's date is a day (announced from its midnight UTC), not a time."""
        return self.guild_id is None


@dataclass(frozen=True, slots=True)
class Announcement:
    subscription: Subscription
    release: Release
    milestone: str
    instant: datetime
    late: bool
    late_by_discord: bool = False  # on time when claimed, late only after Discord's refusals

    @property
    def late_cause(self) -> LateCause | None:
        if not self.late:
            return None
        return "discord" if self.late_by_discord else "offline"

    @property
    def nonce(self) -> str:
        """The same for every try of one ledger row (Discord's nonce: at most 25 characters).
        Sent with enforce_nonce, a retry after a response lost on Discord's side gets the
        message already made, not a second one (Discord remembers a nonce for minutes)."""
        key = f"{self.subscription.id}|{self.release.ref}|{self.release.release_at.isoformat()}"
        return hashlib.sha256(f"{key}|{self.milestone}".encode()).hexdigest()[:25]


@dataclass(frozen=True, slots=True)
class PostResult:
    # gone: the channel refuses the bot (its subscription is disabled, for admins to mend);
    # deleted: the channel no longer exists (its subscription goes, as when it is deleted
    # while the bot is connected); retry: Discord can't take it now
    outcome: Literal["posted", "gone", "deleted", "failed", "retry"]
    message_id: int | None = None
    detail: str = ""  # for "gone": what admins should read, e.g. "I can't post in #news"

    @property
    def stops(self) -> bool:
        """Whether the subscription gets no more posts (its channel is gone or refuses)."""
        return self.outcome in ("gone", "deleted")


Poster = Callable[[Announcement], Awaitable[PostResult]]


def milestones(release_at: datetime) -> list[tuple[str, datetime]]:
    """(milestone, instant) in time order. Absolute time: see the module docstring."""
    return [(name, release_at - before) for name, before in MILESTONES]


def releases_from(titles: Iterable[Title], guild_releases: Iterable[GuildRelease],
                  now: datetime, since: datetime | None = None) -> list[Release]:
    """What can be announced: shipped titles dated to the day (after `since`, if given), and
    every guild release. `titles` are all of them: an undated one names a guild's new date.

    A title known only to the year has no instant worth announcing.
    """
    titles, guild_releases = list(titles), list(guild_releases)
    dates = dated_titles(titles, guild_releases, now)  # guild releases dating a shipped title
    own: dict[str, set[int]] = {}  # title key -> guilds with a date of their own for it
    for r in guild_releases:
        if r.id in dates:
            own.setdefault(dates[r.id], set()).add(r.guild_id)
    found = [Release(title_release_ref(t.key), t.name, t.release_at,
                     other_dates=frozenset(own.get(t.key, ())))
             for t in titles if t.release_at is not None and t.release_precision == "day"
             and (since is None or t.release_at > since)]
    found += [Release(release_ref(r.id), r.title, r.release_at, r.guild_id,
                      event=r.id not in dates) for r in guild_releases]
    return found


def decide(release: Release, seen: datetime, subscribers: Iterable[Subscribed],
           existing: set[tuple[int, str]], after: datetime, now: datetime) -> list[LedgerEntry]:
    """The ledger rows to add for one release: one claim (the latest due) per subscription,
    the earlier due ones as skipped. Pure; see the module docstring for the rules."""
    due = [(name, instant) for name, instant in milestones(release.release_at)
           if after < instant <= now and instant >= seen and now - instant <= CATCH_UP]
    if not due:
        return []
    order = {name: index for index, (name, _) in enumerate(MILESTONES)}
    newest_recorded: dict[int, int] = {}  # a milestone older than one already recorded never posts
    for sub_id, name in existing:
        newest_recorded[sub_id] = max(newest_recorded.get(sub_id, -1), order.get(name, -1))
    entries: list[LedgerEntry] = []
    for subscriber in subscribers:
        sub_id = subscriber.subscription.id
        newest = newest_recorded.get(sub_id, -1)
        pending = [(name, instant) for name, instant in due
                   if instant >= subscriber.since and order[name] > newest]
        if not pending:
            continue
        *earlier, (latest, instant) = pending
        entries += [LedgerEntry(sub_id, release.ref, release.release_at, name, SKIPPED)
                    for name, _ in earlier]
        entries.append(LedgerEntry(sub_id, release.ref, release.release_at, latest, CLAIMED,
                                   late=now - instant > GRACE))
    return entries
