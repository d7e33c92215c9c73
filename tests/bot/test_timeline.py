"""Release titles and time zones as typed (`bot.release_input`), and which title a guild's
release dates (`bot.timeline`); the listings and countdown
wording are tested with the catalogue search in test_catalog_search.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.answers import AnswerService
from bot.errors import InvalidRelease, ReleaseNotFound, TitleNotFound
from bot.models import GuildRelease, Knowledge, Title
from bot.release_input import clean_title, parse_release_time, zone_choices, zone_name
from bot.store import Store
from bot.timeline import dated_items, find_item, local_text, zone_label


def test_a_release_title_needs_something_visible() -> None:
    for blank in ("", "   ", "\u200b", "\u200b \ufeff \u200b"):
        with pytest.raises(InvalidRelease, match="Give the release a title"):
            clean_title(blank)
    assert clean_title("\u200b \u200bWatch   party \u200b") == "Watch party"


def test_typed_text_repeated_in_errors_is_shown_as_typed() -> None:
    """A title, date or time someone typed comes back in the error without its Markdown
    working ("*x*" is not italics); a title of only zero-width characters is no title."""
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    items = dated_items([], [GuildRelease(4, 1, "Watch party", now + timedelta(days=2), "UTC")], now)
    with pytest.raises(TitleNotFound) as caught:
        find_item(items, "*zzqq* __xx__", now)
    assert r'called "\*zzqq\* \_\_xx\_\_"' in caught.value.message
    assert r'called "\*x\*"' in ReleaseNotFound("*x*").message
    found = find_item(items, "\u200b", now)  # as if no title were given: the next release
    assert found is not None and found.name == "Watch party"
    with pytest.raises(InvalidRelease, match=r'"\\\*soon\\\*" isn\'t a date'):
        parse_release_time("*soon*", None, None, now)
    with pytest.raises(InvalidRelease, match=r'"\\_8pm\\_" isn\'t a time'):
        parse_release_time("2026-06-05", "_8pm_", None, now)


@pytest.mark.parametrize(("typed", "zone", "label"), [
    ("UTC+2", "Etc/GMT-2", "UTC+02:00"), ("gmt-5", "Etc/GMT+5", "UTC-05:00"),
    ("+02:00", "Etc/GMT-2", "UTC+02:00"), ("UTC−3", "Etc/GMT+3", "UTC-03:00"),
    ("UTC+0", "UTC", "UTC"), ("europe/berlin", "Europe/Berlin", "Europe/Berlin"),
    ("Etc/GMT+2", "Etc/GMT+2", "UTC-02:00"),  # POSIX's inverted sign, shown as it really is
])
def test_an_offset_means_what_it_says(typed: str, zone: str, label: str) -> None:
    assert zone_name(typed) == zone and zone_label(zone) == label


def test_a_time_in_utc_plus_two_is_two_hours_ahead_of_utc() -> None:
    instant, zone = parse_release_time("2027-05-21", "19:00", "UTC+2",
                                       datetime(2026, 1, 1, tzinfo=UTC))
    assert instant == datetime(2027, 5, 21, 17, 0, tzinfo=UTC)
    assert local_text(instant, zone) == "21 May 2027, 19:00 (UTC+02:00)"


@pytest.mark.parametrize(("typed", "advice"), [
    ("UTC+5:30", "place name"), ("UTC+15", "UTC-12 to UTC\\+14"), ("GMT-13", "UTC-12 to UTC\\+14")])
def test_an_offset_without_a_zone_asks_for_a_place(typed: str, advice: str) -> None:
    with pytest.raises(InvalidRelease, match=advice):
        zone_name(typed)


def test_a_past_time_names_an_offset_zone_as_people_read_it() -> None:
    with pytest.raises(InvalidRelease, match=r"2020-01-01 10:00 UTC\+02:00 is in the past"):
        parse_release_time("2020-01-01", "10:00", "UTC+2", datetime(2026, 1, 1, tzinfo=UTC))


def test_suggestions_never_offer_an_inverted_etc_zone() -> None:
    assert zone_choices("GMT+2") == ["Etc/GMT-2"]  # shown as "UTC+02:00"
    assert zone_choices("UTC+5:30") == []
    offered = zone_choices("etc") + zone_choices("gmt")
    assert offered and not any(name.startswith(("Etc/GMT+", "Etc/GMT-")) for name in offered)


def test_the_first_day_of_the_calendar_is_in_the_past_not_the_future() -> None:
    with pytest.raises(InvalidRelease, match="0001-01-01 is in the past"):
        parse_release_time("0001-01-01", None, "Asia/Tokyo", datetime(2026, 1, 1, tzinfo=UTC))


async def test_a_guild_date_for_a_tba_title_survives_the_update_that_dates_it(
        store: Store, knowledge: Knowledge) -> None:
    """Added while the title was TBA (here before the key was kept: the startup sync marks
    it), a guild's date stays that title's date in the guild: /countdown lists one item."""
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    tba = Title("jw5", "John Wick: Chapter 5", "film")
    answers = AnswerService(store, clock=lambda: now)
    await answers.load_knowledge(replace(knowledge, titles=[tba]))
    own_date = now + timedelta(days=30)
    await store.releases.add(7, "John Wick: Chapter 5", own_date, now=now)  # no key kept
    await answers.load_knowledge(replace(knowledge, titles=[
        replace(tba, release_at=now + timedelta(days=40))]))  # the update dates it
    items = dated_items(await store.catalog.titles(), await store.releases.for_guild(7), now)
    assert [(i.ref, i.release_at) for i in items] == [("title:jw5", own_date)]
