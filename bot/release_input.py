"""Admins' release input: a title, a date, a time and a time zone as typed into
/countdown-admin add-release, checked and turned into an instant in UTC.

Pure (no discord, no SQL).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import InvalidRelease
from bot.markup import escape_markdown
from bot.text import strip_visible
from bot.timeline import ETC_OFFSET_RE, relative_words, zone_label

TITLE_LIMIT = 100
COMMON_ZONES = ("UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Prague",
                "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
                "America/Sao_Paulo", "Asia/Tokyo", "Asia/Seoul", "Asia/Kolkata", "Australia/Sydney")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


def clean_title(text: str) -> str:
    title = " ".join(strip_visible(text).split())
    if not title:
        raise InvalidRelease("Give the release a title.")
    if len(title) > TITLE_LIMIT:
        raise InvalidRelease(f"Keep the title to {TITLE_LIMIT} characters (it has {len(title)}).")
    return title


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()} | {"utc": "UTC"}


# "UTC+2", "GMT-5", "+02:00": an offset people mean as written (not POSIX's inverted sign)
_OFFSET_RE = re.compile(r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def zone_name(text: str | None) -> str:
    """The canonical IANA name for `text` (any case); UTC when empty. An offset ("UTC+2")
    is the Etc zone that means it: Etc/GMT-2, whose sign POSIX inverts."""
    text = (text or "").strip() or "UTC"
    offset = _OFFSET_RE.match(text)
    if offset is not None:
        sign, hours, minutes = offset.group(1), int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or (sign != "+" and hours > 12):
            raise InvalidRelease(f'"{escape_markdown(text[:20])}" is no UTC offset in use: they run '
                                 "from UTC-12 to UTC+14.")
        if minutes:
            raise InvalidRelease(f'"{escape_markdown(text[:20])}" has no zone of its own here: use '
                                 "a place name such as Asia/Kolkata or America/St_Johns.")
        if hours == 0:
            return "UTC"
        return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    name = _zones().get(text.casefold())
    if name is None:
        raise InvalidRelease(f'I don\'t know the time zone "{text[:60]}". Use an IANA name such as '
                             "Europe/London, America/New_York or UTC (the suggestions list them).")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidRelease(f'The time zone "{name}" isn\'t available here; try another.') from None
    return name


def parse_release_time(date_text: str, time_text: str | None, zone: str | None,
                       now: datetime) -> tuple[datetime, str]:
    """(the instant in UTC, the zone's name) for an admin's date, optional time and zone.

    The release must be in the future. A local time that doesn't exist (skipped by a
    daylight-saving change) is refused; an ambiguous one (repeated) means the first.
    """
    date_text = date_text.strip()
    if not _DATE_RE.match(date_text):
        raise InvalidRelease(f'"{escape_markdown(date_text[:40])}" isn\'t a date: use YYYY-MM-DD, '
                             "e.g. 2026-06-05.")
    try:
        day = date.fromisoformat(date_text)
    except ValueError:
        raise InvalidRelease(f"{date_text} isn't a real calendar date.") from None
    clock = time(0, 0)
    if time_text and time_text.strip():
        match = _TIME_RE.match(time_text.strip())
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise InvalidRelease(f'"{escape_markdown(time_text.strip()[:20])}" isn\'t a time: '
                                 "use 24-hour HH:MM, e.g. 19:30.")
        clock = time(int(match.group(1)), int(match.group(2)))
    name = zone_name(zone)
    tz = ZoneInfo(name)
    local = datetime.combine(day, clock, tzinfo=tz)
    try:
        instant = local.astimezone(UTC)
    except (OverflowError, ValueError):  # 9999-12-31 23:59 west of UTC, 0001-01-01 east of it
        if day.year < now.year:
            raise InvalidRelease(f"{day.isoformat()} is in the past. Pick a future date.") from None
        raise InvalidRelease(
            "That date is too far in the future. Pick a date before the year 9999.") from None
    if instant.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise InvalidRelease(f"{clock:%H:%M} doesn't exist on {day.isoformat()} in {name}: the "
                             "clocks jump forward then. Pick another time.")
    if instant <= now:
        raise InvalidRelease(f"{day.isoformat()} {clock:%H:%M} {zone_label(name)} is in the past "
                             f"({relative_words(instant, now)}). Pick a future date.")
    return instant, name


def zone_choices(text: str, limit: int = 25) -> list[str]:
    """Time zone suggestions: names starting with, then containing, what was typed; never
    an "Etc/GMT+2" (which means UTC-2), though "UTC+2" typed is taken as written."""
    typed = text.strip().casefold().replace(" ", "_")
    if not typed:
        return list(COMMON_ZONES[:limit])
    if _OFFSET_RE.match(text.strip()):  # the Etc zone meaning it, shown as "UTC+02:00"
        try:
            return [zone_name(text)]
        except InvalidRelease:
            return []
    names = sorted(n for n in _zones().values() if not ETC_OFFSET_RE.match(n))
    starts = [n for n in names if n.casefold().startswith(typed)
              or n.casefold().rsplit("/", 1)[-1].startswith(typed)]
    contains = [n for n in names if typed in n.casefold() and n not in starts]
    return (starts + contains)[:limit]
