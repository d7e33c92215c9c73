"""Misses turned into other ways to ask an FAQ: the suggestions members picked after a miss
(stored beside it), the FAQs offered for it, and adding it as a wording."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.errors import EmptyWording, FaqNotFound, InvalidFaq, MissSettled, TooManyWordings, WordingExists
from bot.exchange import ALIASES_MAX
from bot.models import FaqDraft, Knowledge, NotedAnswer, NotedFaq, UnansweredQuestion
from bot.store import Store
from tests.bot.test_answers import GUILD, OTHER, service

KARAOKE = FaqDraft("When is karaoke night?", "Sundays at 20:00 UTC in the Lounge voice channel.",
                   tags=("events, voice",))  # a tag with a comma survives the edit
SUNG = "which night do we sing"


def miss_of(question: str, picks: tuple[NotedFaq, ...] = ()) -> UnansweredQuestion:
    now = datetime.now(UTC)
    return UnansweredQuestion(GUILD, question, question, 1, now, now, 0.0, picks)


# --- picks, stored ---------------------------------------------------------------------
async def test_picks_are_noted_only_beside_a_listed_miss(store: Store) -> None:
    faq = await store.faqs.add(GUILD, KARAOKE)
    await store.unanswered.record_pick(GUILD, SUNG, faq.id)  # never logged: nothing noted
    assert await store.db.fetchall("SELECT * FROM unanswered_picks") == []

    await store.unanswered.log(GUILD, SUNG, "Which night do we sing?", 20.0)
    other = await store.faqs.add(GUILD, FaqDraft("What are Markers?", "Reputation points."))
    for picked in (faq.id, other.id, faq.id):
        await store.unanswered.record_pick(GUILD, SUNG, picked)
    [miss] = await store.unanswered.top(GUILD)
    assert miss.picks == (NotedFaq(faq.id, KARAOKE.question, 2),
                          NotedFaq(other.id, "What are Markers?", 1))
    assert (await store.unanswered.top(OTHER)) == []

    await store.faqs.remove(GUILD, other.id)  # a removed FAQ's picks go with it
    assert [p.faq_id for p in (await store.unanswered.top(GUILD))[0].picks] == [faq.id]
    await store.unanswered.resolve(GUILD, SUNG)  # and an answered or dismissed miss's
    assert await store.db.fetchall("SELECT * FROM unanswered_picks") == []


async def test_an_answer_said_not_it_is_noted_with_the_miss_in_one_write(store: Store) -> None:
    faq = await store.faqs.add(GUILD, KARAOKE)
    said = NotedAnswer(f"faq:{faq.id}", KARAOKE.question, faq.id)
    for _ in range(2):
        await store.unanswered.log(GUILD, SUNG, "Which night do we sing?", 80.0, not_it=said)
    derived = NotedAnswer("derived:release:ballerina", "When did Ballerina come out?")
    await store.unanswered.log(GUILD, SUNG, "which night do we sing", 80.0, not_it=derived)
    [miss] = await store.unanswered.top(GUILD)
    assert miss.count == 3 and miss.not_it == (replace(said, count=2), derived)
    assert miss.picks == ()  # kept apart from the members' picks

    # an FAQ gone meanwhile: the miss is logged, with nothing beside it
    gone = NotedAnswer("faq:999", "Gone?", 999)
    await store.unanswered.log(GUILD, "karaoke when", "karaoke when?", 80.0, not_it=gone)
    assert {m.query_norm: m.not_it for m in await store.unanswered.top(GUILD)}["karaoke when"] == ()

    await store.faqs.remove(GUILD, faq.id)  # the FAQ's note goes with it
    assert (await store.unanswered.top(GUILD))[0].not_it == (derived,)
    await store.unanswered.resolve(GUILD, SUNG)
    assert await store.db.fetchall("SELECT * FROM unanswered_not_it") == []


async def test_the_use_of_an_answer_said_not_it_is_taken_back_in_the_same_write(
        store: Store) -> None:
    faq = await store.faqs.add(GUILD, KARAOKE)
    for _ in range(2):
        await store.faqs.record_use(GUILD, faq.id)
    said = NotedAnswer(f"faq:{faq.id}", KARAOKE.question, faq.id)
    await store.unanswered.log(GUILD, SUNG, "Which night do we sing?", 80.0, not_it=said)
    assert (await store.faqs.get_visible(GUILD, faq.id)).uses == 1

    # a question with no words is no miss, but the use still goes back
    await store.faqs.record_use(GUILD, faq.id)
    await store.unanswered.log(GUILD, "", "???", 80.0, not_it=said)
    assert (await store.faqs.get_visible(GUILD, faq.id)).uses == 1
    assert [m.query_norm for m in await store.unanswered.top(GUILD)] == [SUNG]

    # the last statement failing (a real SQLite error) leaves the miss and the note unwritten
    async with store.db.transaction() as conn:
        await conn.execute("""CREATE TRIGGER refuse BEFORE UPDATE ON faq_usage
                              BEGIN SELECT RAISE(ABORT, 'refused'); END""")
    with pytest.raises(sqlite3.DatabaseError, match="refused"):
        await store.unanswered.log(GUILD, "karaoke when", "karaoke when?", 80.0, not_it=said)
    assert (await store.faqs.get_visible(GUILD, faq.id)).uses == 1
    [miss] = await store.unanswered.top(GUILD)
    assert miss.query_norm == SUNG and miss.count == 1 and miss.not_it == (said,)


async def test_an_answer_said_not_it_is_not_offered_as_the_faq_to_add_it_to(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    faq = await store.faqs.add(GUILD, KARAOKE)
    offered = await answers.wording_targets(GUILD, miss_of("when is karaoke night"))
    assert offered[0].entry.faq_id == faq.id
    said = replace(miss_of("when is karaoke night", picks=(NotedFaq(faq.id, KARAOKE.question, 1),)),
                   not_it=(NotedAnswer(f"faq:{faq.id}", KARAOKE.question, faq.id),))
    # not even when a member picked it too
    assert faq.id not in {t.entry.faq_id for t in await answers.wording_targets(GUILD, said)}


async def test_a_pick_of_a_shipped_faq_stands_for_the_servers_own_version(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    shipped = next(f for f in await store.faqs.visible(None) if f.question == "Who directed Ballerina?")
    await store.unanswered.log(GUILD, "ballerina boss", "ballerina boss", 20.0)
    await store.unanswered.log(OTHER, "ballerina boss", "ballerina boss", 20.0)
    await store.unanswered.record_pick(GUILD, "ballerina boss", shipped.id)
    await store.unanswered.record_pick(OTHER, "ballerina boss", shipped.id)
    own = await answers.edit_faq(GUILD, shipped.id, FaqDraft(shipped.question, "Our words."))
    assert (await store.unanswered.top(GUILD))[0].picks == (NotedFaq(own.id, shipped.question, 1),)
    await store.unanswered.record_pick(GUILD, "ballerina boss", own.id)  # picked since: one count
    assert (await store.unanswered.top(GUILD))[0].picks == (NotedFaq(own.id, shipped.question, 2),)
    assert (await store.unanswered.top(OTHER))[0].picks == (
        NotedFaq(shipped.id, shipped.question, 1),)

    await answers.remove_faq(OTHER, shipped.id)  # hidden there: no longer a pick to show
    assert (await store.unanswered.top(OTHER))[0].picks == ()
    await answers.remove_faq(GUILD, own.id)  # the shipped one it replaced stays hidden
    assert (await store.unanswered.top(GUILD))[0].picks == ()


# --- the FAQs offered ------------------------------------------------------------------
async def test_the_faqs_offered_put_members_picks_first(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, KARAOKE)
    markers = await answers.add_faq(GUILD, FaqDraft("What are Markers?", "Reputation points."))
    offered = await answers.wording_targets(GUILD, miss_of(SUNG))
    assert offered[0].entry.faq_id == karaoke.id and offered[0].picks == 0
    assert 1 <= len(offered) <= 5 and all(t.entry.faq_id is not None for t in offered)

    picked = miss_of(SUNG, (NotedFaq(markers.id, "What are Markers?", 3),
                            NotedFaq(999_999, "gone", 1)))  # removed since: not offered
    offered = await answers.wording_targets(GUILD, picked)
    assert [(t.entry.faq_id, t.picks) for t in offered[:2]] == [(markers.id, 3), (karaoke.id, 0)]
    assert 999_999 not in {t.entry.faq_id for t in offered}


# --- adding a wording ------------------------------------------------------------------
async def test_a_wording_makes_the_question_answered_in_that_guild_only(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, KARAOKE)
    assert (await answers.ask(GUILD, SUNG)).best is None
    added = await answers.add_wording(GUILD, karaoke.id, f"  {SUNG}\n")
    assert added.answers_now and added.faq.id == karaoke.id
    assert added.faq.aliases == (SUNG,) and added.faq.tags == KARAOKE.tags
    best = (await answers.ask(GUILD, SUNG)).best
    assert best is not None and best.entry.faq_id == karaoke.id
    assert (await answers.ask(OTHER, SUNG)).best is None


async def test_a_wording_the_engine_still_reads_elsewhere_says_so(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, KARAOKE)
    added = await answers.add_wording(GUILD, karaoke.id, "who directed ballerina")
    assert not added.answers_now  # the shipped answer on the director still wins
    assert added.faq.aliases == ("who directed ballerina",)


@pytest.mark.parametrize("wording", ["When is KARAOKE night?", "karaoke  time"])
async def test_a_wording_already_there_is_refused(
        store: Store, knowledge: Knowledge, wording: str) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, FaqDraft(KARAOKE.question, KARAOKE.answer, ("Karaoke time",)))
    with pytest.raises(WordingExists):
        await answers.add_wording(GUILD, karaoke.id, wording)
    assert (await answers.faq(GUILD, karaoke.id)).aliases == ("Karaoke time",)


async def test_an_faq_with_twenty_wordings_takes_no_more(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    full = tuple(f"karaoke question {n}" for n in range(20))
    karaoke = await answers.add_faq(GUILD, FaqDraft(KARAOKE.question, KARAOKE.answer, full))
    with pytest.raises(TooManyWordings, match="has 20 other ways to ask it already"):
        await answers.add_wording(GUILD, karaoke.id, SUNG)
    assert (await answers.faq(GUILD, karaoke.id)).aliases == full


async def test_a_wording_for_an_faq_gone_meanwhile_is_refused(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, KARAOKE)
    await answers.remove_faq(GUILD, karaoke.id)
    with pytest.raises(FaqNotFound, match="gone"):
        await answers.add_wording(GUILD, karaoke.id, SUNG)


async def test_a_wording_of_spaces_is_refused_as_empty(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, KARAOKE)
    with pytest.raises(EmptyWording, match="is empty"):
        await answers.add_wording(GUILD, karaoke.id, "  \n ")
    assert (await answers.faq(GUILD, karaoke.id)).aliases == karaoke.aliases


async def test_a_wording_settles_its_miss_once(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    karaoke = await answers.add_faq(GUILD, KARAOKE)
    await answers.ask(GUILD, SUNG, log_miss=True)
    await answers.bookkeeping.settled()
    [miss] = await store.unanswered.top(GUILD)
    await answers.add_wording(GUILD, karaoke.id, SUNG, miss=miss.query_norm)
    assert await store.unanswered.top(GUILD) == []
    with pytest.raises(MissSettled):  # a second pick, from a menu drawn before
        await answers.add_wording(GUILD, karaoke.id, "karaoke evening", miss=miss.query_norm)
    assert (await answers.faq(GUILD, karaoke.id)).aliases == (SUNG,)


async def test_an_edit_form_opened_before_a_wording_was_added_keeps_it(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    opened = await answers.add_faq(GUILD, replace(KARAOKE, aliases=("karaoke", "sing night")))
    await answers.add_wording(GUILD, opened.id, SUNG)  # while the form is open
    # the form sends what it showed, with the answer changed and one alias taken out
    edited = await answers.edit_faq(GUILD, opened.id, replace(
        KARAOKE, answer="Saturdays now.", aliases=("karaoke",)), opened=opened)
    assert edited.answer == "Saturdays now."
    assert edited.aliases == ("karaoke", SUNG)  # the wording kept; the alias taken out stays out
    # without `opened` (what the form showed), the edit is taken as it is
    plain = await answers.edit_faq(GUILD, opened.id, replace(KARAOKE, aliases=()))
    assert plain.aliases == ()


async def test_an_edit_form_full_of_aliases_names_the_wording_added_meanwhile(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    full = tuple(f"karaoke {n}" for n in range(ALIASES_MAX))
    opened = await answers.add_faq(GUILD, replace(KARAOKE, aliases=full[:-1]))
    await answers.add_wording(GUILD, opened.id, SUNG)  # the 20th, while the form is open
    with pytest.raises(InvalidFaq, match=f"has 21 items, the limit is 20, counting “{SUNG}”, added"):
        await answers.edit_faq(GUILD, opened.id, replace(KARAOKE, aliases=full), opened=opened)
    assert (await answers.faq(GUILD, opened.id)).aliases == (*full[:-1], SUNG)  # nothing saved


async def test_an_edit_form_of_a_shipped_faq_keeps_a_wording_that_replaced_it(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    opened = next(f for f in await store.faqs.visible(None) if f.question == "Who directed Ballerina?")
    added = await answers.add_wording(GUILD, opened.id, "ballerina boss")  # the server's own now
    edited = await answers.edit_faq(GUILD, opened.id, FaqDraft(
        opened.question, "Len Wiseman.", opened.aliases), opened=opened)
    assert edited.id == added.faq.id and edited.answer == "Len Wiseman."
    assert "ballerina boss" in edited.aliases


async def test_a_second_wording_for_a_shipped_faq_goes_to_the_servers_version(
        store: Store, knowledge: Knowledge) -> None:
    # two misses' menus drawn before either pick offer the same shipped FAQ: the first pick
    # gives the server its own version, the second adds to that one
    answers = await service(store, knowledge)
    shipped = next(f for f in await store.faqs.visible(None) if f.question == "Who directed Ballerina?")
    first = await answers.add_wording(GUILD, shipped.id, "ballerina boss")
    second = await answers.add_wording(GUILD, shipped.id, "who was behind the camera on ballerina")
    assert second.faq.id == first.faq.id != shipped.id
    assert {"ballerina boss", "who was behind the camera on ballerina"} <= set(second.faq.aliases)


async def test_notes_on_a_shipped_faq_and_its_replacement_are_one(
        store: Store, knowledge: Knowledge) -> None:
    await service(store, knowledge)
    shipped = next(f for f in await store.faqs.visible(None) if f.question == "Who directed Ballerina?")
    key = "who made ballerina"
    await store.unanswered.log(GUILD, key, key, 80.0, not_it=NotedAnswer(
        f"faq:{shipped.id}", shipped.question, shipped.id))
    own = (await store.faqs.edit(GUILD, shipped.id, FaqDraft("Who directed the film?", "Len."))).faq
    await store.unanswered.log(GUILD, key, key, 80.0, not_it=NotedAnswer(
        f"faq:{own.id}", own.question, own.id))
    [miss] = await store.unanswered.top(GUILD)
    assert miss.not_it == (NotedAnswer(f"faq:{own.id}", own.question, own.id, 2),)
