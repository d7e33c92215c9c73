"""The answer service keeps each guild's index in step with the store on every write."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.answers import AnswerService
from bot.models import Faq, FaqDraft, Knowledge
from bot.store import Store
from bot.write_behind import WriteBehind
from tests.bot.test_engine import _uses

GUILD, OTHER = 10, 20
PARTY = FaqDraft("When does the watch party start?", "Saturdays at 20:00 UTC in #cinema.",
                 ("watch party time", "movie night"), ("events",))


async def service(store: Store, knowledge: Knowledge) -> AnswerService:
    answers = AnswerService(store)
    await answers.load_knowledge(knowledge)
    return answers


async def test_writes_show_up_in_answers_at_once(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    assert (await answers.ask(GUILD, "when does the watch party start")).best is None
    faq = await answers.add_faq(GUILD, PARTY)
    best = (await answers.ask(GUILD, "movie night")).best
    assert best is not None and best.entry.faq_id == faq.id
    assert (await answers.ask(OTHER, "when does the watch party start")).best is None

    await answers.edit_faq(GUILD, faq.id, FaqDraft(PARTY.question, "Sundays now."))
    best = (await answers.ask(GUILD, "when does the watch party start")).best
    assert best is not None and best.entry.answer == "Sundays now."

    await answers.remove_faq(GUILD, faq.id)
    assert (await answers.ask(GUILD, "when does the watch party start")).best is None


async def test_override_replaces_the_shipped_answer_in_one_guild(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    shipped = (await answers.ask(GUILD, "who directed ballerina")).best
    assert shipped is not None
    shipped_id = shipped.entry.faq_id
    if shipped_id is None:  # a derived answer: override the FAQ on the same subject instead
        shipped_id = next(m.entry.faq_id for m in await answers.complete(GUILD, "who directed ballerina")
                          if m.entry.faq_id is not None)
    faq = await answers.faq(GUILD, shipped_id)
    await answers.edit_faq(GUILD, shipped_id, FaqDraft(faq.question, "Our server's own words."))
    mine = [m.entry for m in await answers.complete(GUILD, faq.question)]
    theirs = [m.entry for m in await answers.complete(OTHER, faq.question)]
    assert any(e.answer == "Our server's own words." for e in mine)
    assert not any(e.faq_id == shipped_id for e in mine)
    assert any(e.faq_id == shipped_id for e in theirs)


@pytest.mark.parametrize("rebuilt", [False, True])
@pytest.mark.parametrize("hide", ["shipped", "override", "edited"])
async def test_a_hidden_shipped_faq_takes_its_derived_twin_along(
        store: Store, knowledge: Knowledge, hide: str, rebuilt: bool) -> None:
    answers = await service(store, knowledge)
    first = (await answers.ask(GUILD, "who wrote ballerina")).best
    assert first is not None and first.entry.faq_id is not None
    twin = "derived:writers:ballerina"  # built from the credits, asking the same question
    assert twin in await answers.index(GUILD)
    if hide == "shipped":
        await answers.remove_faq(GUILD, first.entry.faq_id)
    else:  # the guild's own version replaces it (edited); removing that hides the original
        own = await answers.edit_faq(GUILD, first.entry.faq_id,
                                     FaqDraft("Who wrote Ballerina?", "Our own words."))
        if hide == "override":
            await answers.remove_faq(GUILD, own.id)
    if rebuilt:
        answers = await service(store, knowledge)  # a restart: the index is built afresh
    index = await answers.index(GUILD)
    assert twin not in index
    for question in ("who wrote ballerina", "ballerina writers", "who wrote the ballerina movie"):
        best = (await answers.ask(GUILD, question)).best
        if hide == "edited":  # only the server's own words answer it
            assert best is not None and best.entry.answer == "Our own words.", question
        else:
            assert best is None or "wrote" not in best.entry.question.casefold()
    assert twin in await answers.index(OTHER)  # other servers keep both


@pytest.mark.parametrize("hide", ["shipped", "override"])
async def test_restoring_a_hidden_shipped_faq_brings_its_derived_twin_back(
        store: Store, knowledge: Knowledge, hide: str) -> None:
    answers = await service(store, knowledge)
    twin = "derived:writers:ballerina"
    size = len(await answers.index(GUILD))
    shipped = next(m.entry for m in await answers.complete(GUILD, "who wrote ballerina")
                   if m.entry.question == "Who wrote Ballerina?" and m.entry.faq_id is not None)
    assert shipped.faq_id is not None
    if hide == "shipped":
        await answers.remove_faq(GUILD, shipped.faq_id)
    else:
        own = await answers.edit_faq(GUILD, shipped.faq_id, FaqDraft(shipped.question, "Ours."))
        await answers.remove_faq(GUILD, own.id)
    assert [f.id for f in await answers.hidden_faqs(GUILD, "WROTE ballerina")] == [shipped.faq_id]
    assert await answers.hidden_faqs(GUILD, "directed") == []

    restored = await answers.restore_faq(GUILD, shipped.faq_id)
    assert restored.question == "Who wrote Ballerina?"
    index = await answers.index(GUILD)
    assert twin in index and restored.id is not None and len(index) == size  # as it was
    rebuilt = await (await service(store, knowledge)).index(GUILD)
    assert twin in rebuilt and len(rebuilt) == size  # and so is a fresh build
    best = (await answers.ask(GUILD, "who wrote ballerina")).best
    assert best is not None and best.entry.question == "Who wrote Ballerina?"
    assert await answers.hidden_faqs(GUILD) == []


async def test_misses_are_logged_only_when_asked(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    await answers.ask(GUILD, "What's the weather in Paris?")
    assert await store.unanswered.top(GUILD) == []
    for _ in range(2):
        await answers.ask(GUILD, "What's the weather in Paris?", log_miss=True)
    await answers.bookkeeping.settled()  # misses are written behind the answers
    [miss] = await store.unanswered.top(GUILD)
    assert (miss.query_norm, miss.count) == ("whats the weather in paris", 2)
    await answers.ask(None, "What's the weather in Paris?", log_miss=True)  # a DM: no managers
    await answers.bookkeeping.settled()
    assert await store.unanswered.top(None) == []


async def test_use_counts_order_empty_autocomplete(store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    faq = await answers.add_faq(GUILD, PARTY)
    entry = next(m.entry for m in await answers.complete(GUILD, "watch party") if m.entry.faq_id == faq.id)
    for _ in range(3):
        await answers.record_use(GUILD, entry)  # the same (stale) entry each time
    top = (await answers.complete(GUILD, ""))[0].entry
    assert top.faq_id == faq.id and top.uses == 3  # at once in memory; in the store behind
    await answers.bookkeeping.settled()
    assert (await store.faqs.get_visible(GUILD, faq.id)).uses == 3


async def test_a_use_written_on_a_retry_counts_once_in_later_builds(
        store: Store, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store was busy twice (`python -m bot import` beside the bot): each failed try
    used to take the unwritten use off again, so a rebuild showed 1 - 2."""
    answers = await service(store, knowledge)
    answers.bookkeeping = WriteBehind(busy_retry=0.01)
    shipped = next(m.entry for m in await answers.complete(GUILD, "who directed ballerina"))
    record_use, refusals = store.faqs.record_use, [2]

    async def busy_twice(guild_id: int | None, faq_id: int) -> None:
        if refusals[0]:
            refusals[0] -= 1
            raise sqlite3.OperationalError("database is locked")
        await record_use(guild_id, faq_id)

    monkeypatch.setattr(store.faqs, "record_use", busy_twice)
    await answers.record_use(GUILD, shipped)
    assert await answers.bookkeeping.settled(within=5) and refusals == [0]
    assert (await store.faqs.get_visible(GUILD, shipped.faq_id or 0)).uses == 1
    answers._written(None)  # every index built again (another process wrote, say)
    rebuilt = (await answers.index(GUILD)).get(shipped.ref)
    assert rebuilt is not None and rebuilt.uses == 1
    await answers.close()


async def build_across(answers: AnswerService, store: Store, monkeypatch: pytest.MonkeyPatch,
                       meanwhile: Callable[[], Awaitable[object]]) -> None:
    """Build GUILD's index with its store read made before `meanwhile` runs and handed to
    the build only after it."""
    real_visible = store.faqs.visible
    read_done = asyncio.Event()
    meanwhile_done = asyncio.Event()

    async def slow_visible(guild_id: int | None) -> list[Faq]:
        rows = await real_visible(guild_id)  # the real read, from before `meanwhile` ...
        if guild_id == GUILD and not read_done.is_set():
            read_done.set()
            await meanwhile_done.wait()  # ... finishing after it
        return rows

    monkeypatch.setattr(store.faqs, "visible", slow_visible)
    build = asyncio.create_task(answers.index(GUILD))
    await read_done.wait()
    await meanwhile()
    meanwhile_done.set()
    await build


async def test_a_write_during_the_first_build_is_not_lost(
        store: Store, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = await service(store, knowledge)
    added: list[Faq] = []

    async def add() -> None:
        added.append(await answers.add_faq(GUILD, PARTY))

    await build_across(answers, store, monkeypatch, add)
    best = (await answers.ask(GUILD, "movie night")).best
    assert best is not None and best.entry.faq_id == added[0].id


async def test_a_failed_import_leaves_nothing_in_answers_either(
        store: Store, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = await service(store, knowledge)
    karaoke = FaqDraft("When is the karaoke night?", "Sundays at 21:00 in #stage.")
    fillers = [FaqDraft(f"Filler question number {n}?", "x") for n in range(50)]
    refused = FaqDraft("x" * 300, "x")  # no validation on this path: the schema's CHECK refuses
    inserted = asyncio.Event()
    real_insert = store.faqs._insert

    async def insert(*args: Any, **kwargs: Any) -> Any:  # notes the first row written
        faq = await real_insert(*args, **kwargs)
        inserted.set()
        return faq

    monkeypatch.setattr(store.faqs, "_insert", insert)

    async def asked_mid_import() -> None:
        await inserted.wait()  # a member asks while the import's transaction is open
        await answers.ask(GUILD, "when is the karaoke night")

    failed, _ = await asyncio.gather(answers.import_faqs(GUILD, [karaoke, *fillers, refused]),
                                     asked_mid_import(), return_exceptions=True)
    assert isinstance(failed, sqlite3.IntegrityError)  # rolled back ...
    assert await store.faqs.layer(GUILD) == []
    # ... and the index built meanwhile never saw the rows it rolled back
    assert (await answers.ask(GUILD, "when is the karaoke night")).best is None


async def test_a_use_counted_during_the_first_build_is_not_lost(
        store: Store, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = await service(store, knowledge)
    shipped = next(m.entry for m in await answers.complete(OTHER, "who directed ballerina"))
    await build_across(answers, store, monkeypatch, lambda: answers.record_use(GUILD, shipped))
    assert _uses(await answers.index(GUILD), shipped.ref) == 1
    assert (await answers.complete(GUILD, ""))[0].entry.ref == shipped.ref


async def test_derived_answers_are_reworded_once_a_title_comes_out(
        store: Store, knowledge: Knowledge) -> None:
    now = [datetime(2025, 6, 1, tzinfo=UTC)]
    answers = AnswerService(store, clock=lambda: now[0])
    await answers.load_knowledge(knowledge)
    ref = "derived:release:ballerina"  # out on 6 June 2025
    before = (await answers.index(GUILD)).get(ref)
    assert before is not None and before.question.startswith("When does ")
    now[0] = datetime(2025, 6, 7, tzinfo=UTC)
    after = (await answers.index(GUILD)).get(ref)
    assert after is not None and after.question.startswith("When did ")


# --- guilds with nothing of their own share one index ------------------------------------
async def test_guilds_with_no_faqs_of_their_own_share_one_index(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    first, second, dms = [await answers.index(g) for g in (GUILD, OTHER, None)]
    assert first.shared and second.shared and dms.shared and first is not second
    shipped = next(m.entry for m in await answers.complete(GUILD, "who directed ballerina"))
    assert shipped.faq_id is not None
    for _ in range(2):
        await answers.record_use(GUILD, shipped)
    assert (await answers.complete(GUILD, ""))[0].entry == replace(shipped, uses=2)
    assert (await answers.complete(OTHER, ""))[0].entry.ref != shipped.ref  # its own counts

    # a guild's first FAQ of its own gives it an index of its own; the others keep sharing
    faq = await answers.add_faq(GUILD, PARTY)
    own = await answers.index(GUILD)
    assert not own.shared and _uses(own, shipped.ref) == 2
    party = (await answers.ask(GUILD, "movie night")).best
    assert party is not None and party.entry.faq_id == faq.id
    assert (await answers.ask(OTHER, "movie night")).best is None
    assert (await answers.index(OTHER)) is second

    # ... and so does hiding a shipped one (kept, patched, when it is shown again)
    await answers.remove_faq(OTHER, shipped.faq_id)
    assert not (await answers.index(OTHER)).shared
    assert shipped.ref not in await answers.index(OTHER)
    await answers.restore_faq(OTHER, shipped.faq_id)
    assert shipped.ref in await answers.index(OTHER)

    # after a restart: shared again with nothing of its own, use counts from the store
    restarted = await service(store, knowledge)
    assert (await restarted.index(OTHER)).shared and not (await restarted.index(GUILD)).shared
    assert _uses(await restarted.index(GUILD), shipped.ref) == 2
    assert (await restarted.complete(OTHER, ""))[0].entry.ref != shipped.ref


async def test_a_write_to_the_shipped_faqs_reaches_every_sharing_guild(
        store: Store, knowledge: Knowledge) -> None:
    answers = await service(store, knowledge)
    before = await answers.index(GUILD)
    faq = await answers.add_faq(None, PARTY)  # the CLI adding a shipped-layer FAQ
    for guild in (GUILD, OTHER):
        best = (await answers.ask(guild, "movie night")).best
        assert best is not None and best.entry.faq_id == faq.id
    assert (await answers.index(GUILD)) is not before and (await answers.index(GUILD)).shared


async def test_an_index_unused_for_an_hour_is_dropped_and_built_again_on_the_next_question(
        store: Store, knowledge: Knowledge) -> None:
    now = [datetime(2026, 11, 22, 12, 0, tzinfo=UTC)]
    answers = AnswerService(store, clock=lambda: now[0])
    await answers.load_knowledge(knowledge)
    faq = await answers.add_faq(GUILD, PARTY)
    idle, busy = await answers.index(GUILD), await answers.index(OTHER)  # at 12:00
    now[0] += timedelta(minutes=59)
    assert (await answers.index(OTHER)) is busy  # 12:59
    now[0] += timedelta(minutes=30)  # 13:29: GUILD idle 89 minutes, OTHER 30
    assert (await answers.index(OTHER)) is busy
    again = await answers.index(GUILD)
    assert again is not idle  # built anew from the store, with everything it had
    best = (await answers.ask(GUILD, "movie night")).best
    assert best is not None and best.entry.faq_id == faq.id


async def test_a_failed_check_for_other_processes_writes_still_answers(
        store: Store, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    answers = await service(store, knowledge)

    async def locked() -> bool:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store.db, "changed_elsewhere", locked)
    assert (await answers.ask(GUILD, "who directed ballerina")).best is not None
    assert "other processes' writes" in caplog.text
