"""Release dates in words: countdowns, the release list, announcements (admins' date input:
`bot.release_input`).

Pure (no discord, no SQL). Discord's timestamp markup (`<t:UNIX:R>`, `<t:UNIX:F>`) is
plain text, so it is built here too: readers see it in their own time zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.catalog_search import rank
from bot.derived import released, title_names
from bot.errors import TitleNotFound
from bot.markup import escape_markdown
from bot.models import GuildRelease, Title
from bot.store.releases import GUILD_REF, TITLE_REF, release_ref, title_release_ref
from bot.text import normalize, strip_visible

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MILESTONE_HEADLINES = {
    "30d": "30 days to go: {name}",
    "7d": "One week to go: {name}",
    "1d": "Tomorrow: {name}",
    "release": "It's here: {name}",
}
# Why an announcement went out after its time: the bot was away when it fell due, or
# Discord could not take it then (posted by a later retry).
LateCause = Literal["offline", "discord"]
LATE_NOTES: dict[LateCause, str] = {
    "offline": "(late: the bot was offline)",
    "discord": "(late: Discord couldn't take it on time)",
}


# -- words -----------------------------------------------------------------------------------

def span_words(delta: timedelta) -> str:
    """A duration the way Discord's relative timestamps round it: "12 days", "3 months"."""
    seconds = abs(delta.total_seconds())
    days = seconds / 86400
    if seconds < 45:
        return "a few seconds"
    for limit, amount, unit in (
        (45 * 60, seconds / 60, "minute"), (22 * 3600, seconds / 3600, "hour"),
        (26 * 86400, days, "day"), (320 * 86400, days / 30.4375, "month"),
    ):
        if seconds < limit:
            return _plural(max(1, round(amount)), unit)
    return _plural(max(1, round(days / 365.25)), "year")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'s' if count != 1 else ''}"


def relative_words(when: datetime, now: datetime) -> str:
    """ "in 12 days", "3 months ago" or "right now"."""
    delta = when - now
    if abs(delta) < timedelta(seconds=45):
        return "right now"
    return f"in {span_words(delta)}" if delta > timedelta(0) else f"{span_words(delta)} ago"


def stamp(when: datetime, style: str = "F") -> str:
    """Discord timestamp markup: each reader sees it in their own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"


def day_text(when: datetime) -> str:
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def local_text(when: datetime, zone: str) -> str:
    """ "5 June 2026, 19:00 (Europe/London)": the wall-clock time in `zone`."""
    local = when.astimezone(ZoneInfo(zone))
    return f"{day_text(local)}, {local:%H:%M} ({zone_label(zone)})"


ETC_OFFSET_RE = re.compile(r"^Etc/GMT([+-])(\d{1,2})$")


def zone_label(zone: str) -> str:
    """A zone as people read it: "Etc/GMT-2", whose sign POSIX inverts, is "UTC+02:00"."""
    match = ETC_OFFSET_RE.match(zone)
    if match is None:
        return zone
    sign = "-" if match.group(1) == "+" else "+"
    return f"UTC{sign}{int(match.group(2)):02d}:00"


# -- what can be counted down to -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Dated:
    """A shipped title or a guild release, as /countdown and /releases see it."""

    ref: str  # 'title:<key>' or 'guild:<id>' (the autocomplete value)
    name: str
    kind: str
    release_at: datetime | None  # None: TBA
    precision: str = "day"  # day | year (shipped titles) | minute (guild releases)
    note: str | None = None
    story_order: int | None = None
    timezone: str | None = None  # guild releases: the zone the admin gave
    names: tuple[str, ...] = ()  # every way to name it, for matching

    @property
    def exact(self) -> bool:
        return self.release_at is not None and self.precision != "year"

    def date_text(self) -> str:
        if self.release_at is None:
            return "TBA"
        if self.precision == "year":
            return str(self.release_at.year)
        if self.precision == "day":
            return day_text(self.release_at)
        return local_text(self.release_at, self.timezone or "UTC")


SERVER_DATE_NOTE = "The date was added by this server."
SERVER_DATE_MARK = "date from this server"
SERVER_EVENT = "server event"  # the kind of a guild release that names no shipped title


def open_titles(titles: Iterable[Title], now: datetime) -> dict[str, str]:
    """Each name of a shipped title still to come without an exact date (TBA, or a later
    year), normalised -> its key: a guild release named so announces that title's date; any
    other is a server event (a "John Wick VR" night: that game came out in 2017). A title of
    this year counts as out, as /countdown and the derived answers tell it."""
    return {normalize(name): t.key for t in titles
            if t.release_at is None or (t.release_precision == "year" and not released(t, now))
            for name in title_names(t)}


def dated_titles(titles: Iterable[Title], releases: Iterable[GuildRelease],
                 now: datetime) -> dict[int, str]:
    """Guild release id -> the key of the shipped title it dates: the one it was added for
    while that title was TBA (`GuildRelease.title_key`, kept once the title is dated), or
    one still TBA it is named like. Any other guild release is a server event."""
    titles = list(titles)
    known = {t.key for t in titles}
    undated = open_titles(titles, now)
    found = {}
    for release in releases:
        key = release.title_key or undated.get(normalize(release.title))
        if key is not None and key in known:
            found[release.id] = key
    return found


def dated_items(titles: Iterable[Title], releases: Iterable[GuildRelease],
                now: datetime) -> list[Dated]:
    """Shipped titles and a guild's releases. A guild release dating a shipped title
    (`dated_titles`: "John Wick: Chapter 5" added while TBA) is that title's date in this
    guild: one item, not two, even once the shipped data dates the title too. Any other is
    a server event of its own (a "Chapter 4" rewatch is no new release date)."""
    titles, releases = list(titles), list(releases)
    names = {t.key: title_names(t) for t in titles}
    dates = dated_titles(titles, releases, now)
    announced: dict[str, GuildRelease] = {}
    taken = set()
    for r in sorted(releases, key=lambda r: -r.id):  # the newest announcement wins
        key = dates.get(r.id)
        if key is not None:
            announced.setdefault(key, r)
            taken.add(r.id)
    items = []
    for t in titles:
        own = announced.get(t.key)
        if own is None:
            items.append(Dated(title_release_ref(t.key), t.name, t.kind, t.release_at, t.release_precision,
                               t.release_note, t.story_order, names=tuple(names[t.key])))
        else:
            items.append(Dated(title_release_ref(t.key), t.name, t.kind, own.release_at, "minute",
                               SERVER_DATE_NOTE, t.story_order, own.timezone,
                               names=tuple(names[t.key])))
    items += [Dated(release_ref(r.id), r.title, SERVER_EVENT, r.release_at, "minute",
                    timezone=r.timezone, names=(r.title,))
              for r in releases if r.id not in taken]
    return items


def release_sorted(items: Iterable[Dated]) -> list[Dated]:
    """Dated first, soonest first; undated (TBA) last, by name."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(items, key=lambda i: (i.release_at is None, i.release_at or far, i.name))


def find_item(items: Sequence[Dated], query: str | None, now: datetime) -> Dated | None:
    """The item a /countdown asks for; no query: the next upcoming exact-dated one (or None)."""
    if not query or not strip_visible(query):
        upcoming = [i for i in release_sorted(items) if i.exact and i.release_at and i.release_at > now]
        return upcoming[0] if upcoming else None
    by_ref = {item.ref: item for item in items}
    if query in by_ref:
        return by_ref[query]
    ranked = rank(query, [(item.ref, item.names or (item.name,)) for item in items], limit=1)
    if not ranked:
        raise TitleNotFound(query)
    return by_ref[ranked[0][0]]


def countdown_lines(item: Dated, now: datetime) -> list[str]:
    """The body of a /countdown answer."""
    name = f"**{escape_markdown(item.name)}**"
    if item.release_at is None:
        lines = [f"{name}: release date **TBA**, nothing has been announced yet."]
    elif item.precision == "year":
        year = item.release_at.year
        lines = ([f"{name} came out in {year} (the exact date isn't known)."]
                 if year <= now.year else [f"{name} is expected in {year}; the exact date is TBA."])
    elif item.release_at > now and item.precision == "day":
        # a date, not an instant: a full timestamp of its midnight UTC would show the US
        # reader the evening before
        lines = [f"{name} comes out on {item.date_text()} ({stamp(item.release_at, 'R')}).",
                 f"That's {relative_words(item.release_at, now)}."]
    elif item.release_at > now:
        verb = "starts" if item.kind == SERVER_EVENT else "comes out"
        lines = [f"{name} {verb} {stamp(item.release_at, 'R')}, on {stamp(item.release_at)}.",
                 f"That's {relative_words(item.release_at, now)} ({item.date_text()})."]
    else:  # a watch party "started", it never "came out"
        verb = "started" if item.kind == SERVER_EVENT else "came out"
        lines = [f"{name} {verb} {relative_words(item.release_at, now)}, on {item.date_text()} "
                 f"({stamp(item.release_at, 'R')})."]
    if item.note:
        lines.append(f"*{item.note}*")
    return lines


def no_upcoming_lines(items: Sequence[Dated]) -> list[str]:
    tba = [f"• {escape_markdown(i.name)}" for i in release_sorted(items) if i.release_at is None]
    lines = ["Nothing upcoming has a release date yet."]
    if tba:
        lines += ["Announced, date **TBA**:", *tba]
    return lines


def listing(items: Sequence[Dated], order: str, now: datetime) -> tuple[list[str], list[str]]:
    """(/releases lines for the shipped titles, lines for the guild's own releases, whose
    names are escaped: a server's titles are text someone typed)."""
    titles = [i for i in items if i.ref.startswith(TITLE_REF)]
    if order == "story":
        titles.sort(key=lambda i: (i.story_order is None, i.story_order or 0,
                                   i.release_at or datetime.max.replace(tzinfo=UTC), i.name))
        lines = [f"`{i.story_order if i.story_order is not None else '?':>2}` **{i.name}** · {i.kind}"
                 f" · {i.date_text()}" for i in titles]
    else:
        lines = [f"`{_short_date(i)}` **{i.name}** · {i.kind} · story "
                 f"{'#' + str(i.story_order) if i.story_order is not None else 'unknown'}"
                 + (f" · {SERVER_DATE_MARK}" if i.note == SERVER_DATE_NOTE else "")
                 for i in release_sorted(titles)]
    own = [f"{stamp(i.release_at, 'f')} **{escape_markdown(i.name)}** "
           f"({relative_words(i.release_at, now)})"
           for i in release_sorted(i for i in items if i.ref.startswith(GUILD_REF)) if i.release_at]
    return lines, own


def _short_date(item: Dated) -> str:
    """YYYY-MM-DD; a server's date on its own zone's calendar (19:00 in Los Angeles is the
    next day in UTC), as /countdown and the story order show it."""
    if item.release_at is None:
        return "TBA       "
    if item.precision == "year":
        return f"{item.release_at.year}      "
    when = item.release_at.astimezone(ZoneInfo(item.timezone)) if item.timezone else item.release_at
    return when.date().isoformat()


# -- announcements ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AnnouncementText:
    headline: str  # the message content (after the role mention, if any)
    title: str  # the embed title
    lines: list[str]  # the embed description


def announcement_text(milestone: str, name: str, release_at: datetime, now: datetime,
                      late: LateCause | None, event: bool = False,
                      all_day: bool = False) -> AnnouncementText:
    """An announcement's words; `late`: why it is posted after its time, if it is; `event`:
    a server's own event, which starts (a watch party never "comes out"); `all_day`: a
    shipped title's date, shown as a date (its instant is midnight UTC)."""
    name = escape_markdown(name)  # a server's own title is text someone typed
    headline = MILESTONE_HEADLINES.get(milestone, "{name}").format(name=name)
    lines = [f"{day_text(release_at) if all_day else stamp(release_at)} ({stamp(release_at, 'R')})"]
    if release_at > now + timedelta(seconds=45):
        lines.append(f"That's {relative_words(release_at, now)}.")
    elif milestone == "release":
        if now - release_at < timedelta(hours=1):
            lines.append("It's starting now!" if event else "It's out now!")
        else:
            lines.append(f"It {'started' if event else 'came out'} {relative_words(release_at, now)}.")
    if late is not None:
        lines.append(f"*{LATE_NOTES[late]}*")
        headline = f"{headline} {LATE_NOTES[late]}"
    return AnnouncementText(headline=headline, title=name, lines=lines)
