"""/cast lookups over the shipped catalogue, and the countdown / release-list wording."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.catalog_search import CastIndex, rank
from bot.errors import InvalidRelease, NothingFound, TitleNotFound
from bot.models import GuildRelease, Knowledge, Title
from bot.release_input import parse_release_time, zone_choices, zone_name
from bot.timeline import (
    Dated,
    announcement_text,
    countdown_lines,
    dated_items,
    find_item,
    listing,
    no_upcoming_lines,
    relative_words,
    span_words,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def index(knowledge: Knowledge) -> CastIndex:
    return CastIndex(knowledge.titles, knowledge.credits)


# -- /cast -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "key"), [
    ("jw4", "john-wick-chapter-4"), ("parabellum", "john-wick-chapter-3"),
    ("ballerina", "ballerina"), ("John Wick", "john-wick"), ("chapter 2", "john-wick-chapter-2"),
    ("the continental", "the-continental"), ("john-wick-hex", "john-wick-hex"),
    ("parabelum", "john-wick-chapter-3"),  # a typo
])
def test_titles_match_fuzzily(index: CastIndex, query: str, key: str) -> None:
    assert index.find_title(query).key == key


def test_a_title_cast_lists_actor_as_character_with_cameos_and_variants(index: CastIndex) -> None:
    answer = index.answer("ballerina", None)
    assert answer.heading.startswith("Ballerina (2025)")
    text = "\n".join(answer.lines)
    assert "**Ana de Armas** as Eve Macarro" in text
    assert "**Keanu Reeves** as John Wick (cameo)" in text
    assert "Eve Macarro (young)" in text
    assert answer.footer and "cameo" in answer.footer


def test_a_person_gets_every_role_across_the_franchise(index: CastIndex) -> None:
    for query in ("keanu", "Keanu Reeves", "keanu reves"):
        answer = index.answer(None, query)
        assert answer.heading == "Keanu Reeves"
        text = "\n".join(answer.lines)
        assert "*John Wick: Chapter 4* (2023)" in text and "*Ballerina* (2025, cameo)" in text
    assert "Eve Macarro in *Ballerina*" in "\n".join(index.answer(None, "Ana de armas").lines)


def test_a_character_lists_who_played_them_young_and_old(index: CastIndex) -> None:
    answer = index.answer(None, "winston")
    assert answer.heading == "Winston Scott"
    text = "\n".join(answer.lines)
    assert "Ian McShane in" in text and "Colin Woodell (young) in *The Continental" in text


def test_a_character_is_found_by_another_name_they_go_by(index: CastIndex) -> None:
    for query in ("mr nobody", "Mr. Nobody", "nobody"):
        assert index.answer(None, query).heading == "The Tracker", query
    assert index.answer("jw4", "mr nobody").heading == "The Tracker in John Wick: Chapter 4"
    assert index.complete_names("mr nob")[0] == ("The Tracker (character, also Mr. Nobody)",
                                                 "The Tracker")
    assert "**The Tracker** (also called “Mr. Nobody”) is played by:" in index.answer(
        None, "mr nobody").lines
    assert "**Shamier Anderson** as The Tracker — also called “Mr. Nobody”" in index.answer(
        "jw4", None).lines


def test_another_name_counts_only_in_the_titles_it_is_given_for(knowledge: Knowledge) -> None:
    """An aka is a name in one title: Charon called "The Concierge" in John Wick only."""
    credits = [replace(c, aka=("The Concierge",))
               if (c.character, c.title_key) == ("Charon", "john-wick") else c
               for c in knowledge.credits]
    index = CastIndex(knowledge.titles, credits)
    assert index.answer(None, "the concierge").heading == "Charon"
    ballerina = [label for label, _ in index.complete_names("charon", "ballerina")]
    assert ballerina and all("Concierge" not in label for label in ballerina)
    assert any("also The Concierge" in label for label, _ in index.complete_names("charon"))


def test_a_name_within_a_title(index: CastIndex) -> None:
    answer = index.answer("ballerina", "keanu")
    assert answer.heading == "Keanu Reeves in Ballerina"
    assert answer.lines[1:] == ["• John Wick in *Ballerina* (2025, cameo)"]


def test_someone_from_another_title_is_not_in_this_one_and_is_shown_where_they_are(
        index: CastIndex) -> None:
    answer = index.answer("ballerina", "halle berry")
    assert answer.heading == "Halle Berry in Ballerina"
    assert answer.lines == ["Not in the main cast of Ballerina.", "**Halle Berry** plays:",
                            "• Sofia in *John Wick: Chapter 3 – Parabellum* (2019)"]
    assert index.answer("the continental", "keanu reeves").lines[0] == (
        "Not in the main cast of The Continental: From the World of John Wick.")
    assert index.answer("caine", "keanu").lines[0] == (
        "Not in the cast announced so far for the untitled Caine spin-off.")
    assert index.answer("hex", "keanu").lines[0] == "I have no cast list for this title."
    assert index.answer("jw5", "sofia").lines[:2] == [
        "No cast has been announced for this title yet.", "**Sofia** is played by:"]


def test_unknown_things_raise_domain_errors_and_nothing_gives_an_overview(index: CastIndex) -> None:
    with pytest.raises(NothingFound):
        index.answer(None, "qqqqzzzz")
    with pytest.raises(TitleNotFound):
        index.answer("zzxxqq", None)
    overview = index.answer(None, "  ")
    assert overview.heading == "Cast lists" and any("Ballerina" in line for line in overview.lines)
    assert index.answer("john wick chapter 5", None).lines == [
        "No cast has been announced for this title yet."]


def test_autocomplete_respects_discord_limits(index: CastIndex) -> None:
    for text in ("", "j", "jw", "win", "a", "the", "x" * 150):
        for label, value in index.complete_titles(text) + index.complete_names(text):
            assert 1 <= len(label) <= 100 and 1 <= len(value) <= 100
        assert len(index.complete_titles(text)) <= 25 and len(index.complete_names(text)) <= 25
    assert index.complete_titles("jw4")[0] == ("John Wick: Chapter 4 (2023)", "john-wick-chapter-4")
    assert index.complete_names("winst")[0] == ("Winston Scott (character)", "Winston Scott")
    within = [value for _, value in index.complete_names("", "ballerina")]
    assert "Ana de Armas" in within and "Donnie Yen" not in within


def test_rank_prefers_exact_then_prefix() -> None:
    options = [("a", ["Winston Scott"]), ("b", ["Winston"]), ("c", ["Dean Winters"])]
    assert [ref for ref, _ in rank("winston", options)][:2] == ["b", "a"]
    assert rank("", options) == []


# -- countdown wording -------------------------------------------------------------------------

@pytest.mark.parametrize(("delta", "words"), [
    (timedelta(seconds=10), "a few seconds"), (timedelta(minutes=5), "5 minutes"),
    (timedelta(hours=5), "5 hours"), (timedelta(days=1), "1 day"), (timedelta(days=12), "12 days"),
    (timedelta(days=12, hours=20), "13 days"), (timedelta(days=90), "3 months"),
    (timedelta(days=400), "1 year"), (timedelta(days=365 * 11 + 120), "11 years"),
])
def test_span_words(delta: timedelta, words: str) -> None:
    assert span_words(delta) == words == span_words(-delta)


def test_relative_words() -> None:
    assert relative_words(NOW + timedelta(days=12), NOW) == "in 12 days"
    assert relative_words(NOW - timedelta(days=91), NOW) == "3 months ago"
    assert relative_words(NOW + timedelta(seconds=10), NOW) == "right now"


def items() -> list[Dated]:
    titles = [
        Title("old", "Old Film", "film", release_at=datetime(2014, 10, 24, tzinfo=UTC), story_order=3),
        Title("tba", "Sequel", "film", story_order=None, release_note="In development"),
        Title("yr", "Game", "game", release_at=datetime(2017, 1, 1, tzinfo=UTC), release_precision="year",
              story_order=1),
    ]
    releases = [GuildRelease(4, 1, "Watch party", NOW + timedelta(days=12), "Europe/London")]
    return dated_items(titles, releases, NOW)


def test_countdown_for_future_past_tba_and_year_only() -> None:
    by_name = {item.name: item for item in items()}
    future = "\n".join(countdown_lines(by_name["Watch party"], NOW))
    stamp = int((NOW + timedelta(days=12)).timestamp())
    assert f"<t:{stamp}:R>" in future and f"<t:{stamp}:F>" in future and "in 12 days" in future
    assert "13 March 2026, 12:00 (Europe/London)" in future
    assert "**Watch party** starts <t:" in future  # an event starts; a film comes out
    assert "**Watch party** started 2 days ago" in countdown_lines(
        by_name["Watch party"], NOW + timedelta(days=14))[0]
    past = countdown_lines(by_name["Old Film"], NOW)[0]
    assert "came out 11 years ago, on 24 October 2014" in past
    assert "TBA" in countdown_lines(by_name["Sequel"], NOW)[0]
    assert "*In development*" in countdown_lines(by_name["Sequel"], NOW)
    assert "came out in 2017" in countdown_lines(by_name["Game"], NOW)[0]


def test_a_shipped_titles_future_date_is_a_date_not_a_time() -> None:
    """Its instant is midnight UTC: as a full timestamp, a reader in New York would see
    the evening before."""
    day = datetime(2026, 5, 21, tzinfo=UTC)
    [chapter] = dated_items([Title("jw5", "Chapter 5", "film", release_at=day)], [], NOW)
    lines = countdown_lines(chapter, NOW)
    assert lines[0] == f"**Chapter 5** comes out on 21 May 2026 (<t:{int(day.timestamp())}:R>)."
    assert ":F>" not in "\n".join(lines) and lines[1] == "That's in 3 months."
    text = announcement_text("7d", "Chapter 5", day, day - timedelta(days=7), None, all_day=True)
    assert text.lines[0] == f"21 May 2026 (<t:{int(day.timestamp())}:R>)"
    assert announcement_text("7d", "Party", day, NOW, None).lines[0].startswith("<t:")


def test_default_countdown_is_the_next_upcoming_and_lookup_is_fuzzy() -> None:
    all_items = items()

    def name(query: str | None) -> str | None:
        found = find_item(all_items, query, NOW)
        return found.name if found else None

    assert name(None) == "Watch party"
    assert name("old flim") == "Old Film"
    assert name("guild:4") == "Watch party"
    assert find_item(all_items, None, NOW + timedelta(days=30)) is None
    with pytest.raises(TitleNotFound):
        find_item(all_items, "zzqqxx", NOW)
    assert "• Sequel" in no_upcoming_lines(all_items)


def test_listing_orders_undated_and_unknown_last() -> None:
    by_release, own = listing(items(), "release", NOW)
    assert [line.split("**")[1] for line in by_release] == ["Old Film", "Game", "Sequel"]
    assert by_release[-1].startswith("`TBA") and "story unknown" in by_release[-1]
    by_story, _ = listing(items(), "story", NOW)
    assert [line.split("**")[1] for line in by_story] == ["Game", "Old Film", "Sequel"]
    assert own == [f"<t:{int((NOW + timedelta(days=12)).timestamp())}:f> **Watch party** (in 12 days)"]


def test_a_server_date_for_an_undated_title_is_that_titles_date_here() -> None:
    titles = [Title("jw5", "John Wick: Chapter 5", "film"),
              Title("old", "Old Film", "film", release_at=datetime(2014, 10, 24, tzinfo=UTC)),
              Title("yr", "Game", "game", release_at=datetime(2027, 1, 1, tzinfo=UTC),
                    release_precision="year"),
              Title("vr", "VR Game", "game", release_at=datetime(2017, 1, 1, tzinfo=UTC),
                    release_precision="year")]
    when = NOW + timedelta(days=40)
    releases = [GuildRelease(1, 1, "john wick chapter 5", when - timedelta(days=1)),
                GuildRelease(2, 1, "John Wick: Chapter 5", when, "Europe/Prague"),  # newer: wins
                GuildRelease(3, 1, "Old Film", NOW + timedelta(days=3)),  # a rewatch: its own event
                GuildRelease(4, 1, "game", when),
                GuildRelease(5, 1, "VR game", when)]  # out in 2017: a VR night, its own event
    found = dated_items(titles, releases, NOW)
    by_ref = {item.ref: item for item in found}
    assert set(by_ref) == {"title:jw5", "title:old", "title:yr", "title:vr", "guild:3", "guild:5"}
    assert by_ref["title:vr"].release_at == datetime(2017, 1, 1, tzinfo=UTC)
    jw5 = find_item(found, "chapter 5", NOW)
    assert jw5 is not None and jw5.ref == "title:jw5" and jw5.release_at == when
    assert jw5.timezone == "Europe/Prague" and "added by this server" in countdown_lines(jw5, NOW)[-1]
    assert by_ref["title:yr"].release_at == when and by_ref["title:yr"].exact
    assert by_ref["title:old"].release_at == datetime(2014, 10, 24, tzinfo=UTC)
    assert find_item(found, None, NOW) == by_ref["guild:3"]
    by_release, own = listing(found, "release", NOW)
    assert by_release[-1].startswith(f"`{when.date().isoformat()}` **John Wick: Chapter 5**")
    assert by_release[-1].endswith(" · date from this server")
    assert not by_release[0].endswith(" · date from this server")
    assert [line.split("**")[1] for line in own] == ["Old Film", "VR game"]


def test_a_server_date_is_listed_on_its_own_zones_calendar() -> None:
    evening = datetime(2027, 5, 22, 2, 0, tzinfo=UTC)  # 21 May, 19:00 in Los Angeles
    found = dated_items([Title("jw5", "John Wick: Chapter 5", "film")],
                        [GuildRelease(1, 1, "John Wick: Chapter 5", evening, "America/Los_Angeles")], NOW)
    by_release, _ = listing(found, "release", NOW)
    assert by_release[0].startswith("`2027-05-21` **John Wick: Chapter 5**")
    by_story, _ = listing(found, "story", NOW)
    assert "21 May 2027, 19:00 (America/Los_Angeles)" in by_story[0]


# -- admins' input -----------------------------------------------------------------------------

@pytest.mark.parametrize(("date", "time", "zone", "message"), [
    ("5 June 2026", None, None, "YYYY-MM-DD"),
    ("2026-02-30", None, None, "isn't a real calendar date"),
    ("2026-06-05", "7pm", None, "HH:MM"),
    ("2026-06-05", "24:00", None, "HH:MM"),
    ("2026-06-05", "19:00", "Mars/Olympus", "time zone"),
    ("2026-02-01", None, None, "in the past"),
    ("2026-03-08", "02:30", "America/New_York", "doesn't exist"),
    ("9999-12-31", "23:59", "America/Los_Angeles", "too far in the future"),
])
def test_bad_release_input_gets_a_clear_error(date: str, time: str | None, zone: str | None,
                                              message: str) -> None:
    with pytest.raises(InvalidRelease, match=message):
        parse_release_time(date, time, zone, NOW)


def test_release_input_defaults_to_midnight_utc_and_takes_zones_in_any_case() -> None:
    assert parse_release_time("2026-06-05", None, None, NOW) == (datetime(2026, 6, 5, tzinfo=UTC), "UTC")
    instant, zone = parse_release_time("2026-11-01", "01:30", "AMERICA/NEW_YORK", NOW)
    assert zone == "America/New_York"
    assert instant == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # the first 01:30 (still EDT)
    assert zone_name(" europe/london ") == "Europe/London" and zone_name("") == "UTC"


def test_zone_choices() -> None:
    assert zone_choices("")[0] == "UTC"
    assert zone_choices("london") == ["Europe/London"]
    assert zone_choices("america/new")[0] == "America/New_York"
    assert all(len(name) <= 100 for name in zone_choices("a")) and len(zone_choices("a")) == 25


def test_announcement_text_marks_late_posts() -> None:
    text = announcement_text("7d", "Premiere", NOW + timedelta(days=7), NOW, late=None)
    assert text.headline == "One week to go: Premiere" and "That's in 7 days." in text.lines
    late = announcement_text("release", "Premiere", NOW - timedelta(hours=3), NOW, late="offline")
    assert late.headline.endswith("(late: the bot was offline)")
    assert "It came out 3 hours ago." in late.lines
    party = announcement_text("release", "Watch party", NOW, NOW, late=None, event=True)
    assert "It's starting now!" in party.lines  # a server event starts, it doesn't come out
    assert "It started 3 hours ago." in announcement_text(
        "release", "Watch party", NOW - timedelta(hours=3), NOW, late="offline", event=True).lines
    assert "It's out now!" in announcement_text("release", "Chapter 5", NOW, NOW, late=None).lines
    typed = announcement_text("1d", "*Rewatch* night", NOW + timedelta(days=1), NOW, late=None)
    assert typed.headline == r"Tomorrow: \*Rewatch\* night" and typed.title == r"\*Rewatch\* night"
