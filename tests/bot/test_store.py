"""The store against a real SQLite file: schema, layers, transactions, knowledge sync."""

import asyncio
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from bot.errors import DatabaseUnusable, DuplicateFaq, FaqNotFound, FaqNotHidden, RestoreBlocked
from bot.models import FaqDraft, Knowledge
from bot.store import Store
from bot.store.database import migrations

GUILD_A, GUILD_B = 111, 222


def draft(question: str, answer: str = "An answer.") -> FaqDraft:
    return FaqDraft(question, answer, ("alias one",), ("tag",))


async def test_opens_with_folder_wal_and_every_migration(db_path: Path) -> None:
    assert not db_path.parent.exists()
    store = await Store.open(db_path)
    try:
        assert db_path.exists()
        mode = await store.db.fetchone("PRAGMA journal_mode")
        assert mode is not None and mode[0] == "wal"
        assert await store.db.schema_version() == len(migrations()) >= 1
        tables = {row[0] for row in await store.db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"faqs", "hidden_faqs", "faq_usage", "titles", "credits", "guild_releases",
                "subscriptions", "announcements", "unanswered"} <= tables
    finally:
        await store.close()
    reopened = await Store.open(db_path)  # migrating again is a no-op
    assert await reopened.db.schema_version() == len(migrations())
    await reopened.close()


@pytest.mark.parametrize("what", ["garbage", "folder"])
async def test_a_path_that_is_no_database_is_one_clear_error(tmp_path: Path, what: str) -> None:
    path = tmp_path / "x.db"
    if what == "garbage":
        path.write_bytes(b"not a database, just text" * 100)
    else:
        path.mkdir()
    before = {t for t in threading.enumerate() if t.is_alive()}
    with pytest.raises(DatabaseUnusable, match="DATABASE_PATH"):
        await Store.open(path)
    await asyncio.sleep(0.05)
    # the connection's worker thread is gone: nothing keeps the process from exiting
    assert {t for t in threading.enumerate() if t.is_alive()} <= before


async def test_question_unique_per_layer_ignoring_case_and_spacing(store: Store) -> None:
    await store.faqs.add(GUILD_A, draft("When is movie night?"))
    with pytest.raises(DuplicateFaq):
        await store.faqs.add(GUILD_A, draft("  when IS   movie night? "))
    await store.faqs.add(GUILD_B, draft("When is movie night?"))  # other guild: fine
    with pytest.raises(sqlite3.IntegrityError):  # the schema itself refuses, not only the check
        await store.db.connection.execute(
            "INSERT INTO faqs (guild_id, question, question_norm, answer, created_at, updated_at)"
            " VALUES (?, 'x', 'when is movie night?', 'y', 'now', 'now')", (GUILD_A,))


async def test_override_and_hide_are_per_guild(store: Store) -> None:
    shipped = await store.faqs.add(None, draft("Who plays Eve?", "Ana de Armas."))
    edited = await store.faqs.edit(GUILD_A, shipped.id, draft("Who plays Eve?", "Ana de Armas!!"))
    assert edited.replaced_id == shipped.id and edited.faq.overrides_id == shipped.id
    seen_a = {f.question: f.answer for f in await store.faqs.visible(GUILD_A)}
    seen_b = {f.question: f.answer for f in await store.faqs.visible(GUILD_B)}
    assert seen_a == {"Who plays Eve?": "Ana de Armas!!"}
    assert seen_b == {"Who plays Eve?": "Ana de Armas."}

    await store.faqs.remove(GUILD_B, shipped.id)  # hides the shipped one in B only
    assert await store.faqs.visible(GUILD_B) == []
    assert len(await store.faqs.visible(None)) == 1
    with pytest.raises(FaqNotFound):
        await store.faqs.get_visible(GUILD_B, shipped.id)

    await store.faqs.remove(GUILD_A, edited.faq.id)  # removing the override hides the original too
    assert await store.faqs.visible(GUILD_A) == []


async def test_a_hidden_shipped_faq_can_be_shown_again_unless_the_guild_asks_it_itself(
        store: Store) -> None:
    eve = await store.faqs.add(None, draft("Who plays Eve?", "Ana de Armas."))
    winston = await store.faqs.add(None, draft("Who plays Winston?", "Ian McShane."))
    await store.faqs.record_use(GUILD_A, eve.id)
    with pytest.raises(FaqNotHidden):
        await store.faqs.unhide(GUILD_A, eve.id)  # visible: nothing to restore
    await store.faqs.remove(GUILD_A, winston.id)
    await store.faqs.remove(GUILD_A, eve.id)
    assert [f.id for f in await store.faqs.hidden(GUILD_A)] == [eve.id, winston.id]  # latest first
    assert (await store.faqs.hidden(GUILD_A))[0].uses == 1
    assert await store.faqs.hidden(GUILD_B) == []
    with pytest.raises(FaqNotHidden):
        await store.faqs.unhide(GUILD_B, eve.id)  # hidden in A only

    own = await store.faqs.add(GUILD_A, draft("who plays  EVE?", "Our words."))
    before = await store.db.fetchall("SELECT guild_id, faq_id FROM hidden_faqs")
    with pytest.raises(RestoreBlocked, match="its own FAQ"):
        await store.faqs.unhide(GUILD_A, eve.id)
    assert await store.db.fetchall("SELECT guild_id, faq_id FROM hidden_faqs") == before

    await store.faqs.remove(GUILD_A, own.id)
    restored = await store.faqs.unhide(GUILD_A, eve.id)
    assert restored.id == eve.id and restored.uses == 1
    assert {f.question for f in await store.faqs.visible(GUILD_A)} == {"Who plays Eve?"}
    assert [f.id for f in await store.faqs.hidden(GUILD_A)] == [winston.id]


async def test_failed_import_writes_nothing(store: Store) -> None:
    await store.faqs.add(GUILD_A, draft("Existing?"))
    too_long = FaqDraft("Second?", "x" * 5000)  # bypasses validation: the CHECK constraint fails
    with pytest.raises(Exception, match="CHECK"):
        await store.faqs.upsert_many(GUILD_A, [draft("First new?"), too_long])
    assert [f.question for f in await store.faqs.visible(GUILD_A)] == ["Existing?"]


async def test_import_is_an_idempotent_upsert(store: Store) -> None:
    drafts = [draft("One?"), draft("Two?")]
    first = await store.faqs.upsert_many(GUILD_A, drafts)
    assert (len(first.created), len(first.updated), first.unchanged) == (2, 0, 0)
    again = await store.faqs.upsert_many(GUILD_A, drafts)
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 2)
    changed = await store.faqs.upsert_many(GUILD_A, [draft("ONE?", "New answer.")])
    assert len(changed.updated) == 1
    assert {f.question: f.answer for f in await store.faqs.visible(GUILD_A)} == {
        "ONE?": "New answer.", "Two?": "An answer."}


async def test_knowledge_sync_is_idempotent_and_keeps_guild_edits(
        store: Store, knowledge: Knowledge) -> None:
    report = await store.catalog.sync(knowledge)
    assert report.faqs_added == len(knowledge.faqs)
    count = await store.faqs.count()
    titles = await store.catalog.titles()
    assert len(titles) == len(knowledge.titles)

    key, shipped_draft = next(iter(knowledge.faqs.items()))
    shipped = next(f for f in await store.faqs.visible(None) if f.shipped_key == key)
    await store.faqs.edit(GUILD_A, shipped.id, replace(shipped_draft, answer="Our own words."))

    again = await store.catalog.sync(knowledge)  # a restart
    assert (again.faqs_added, again.faqs_updated, again.faqs_removed) == (0, 0, 0)
    assert again.titles_changed == 0 and not again.credits_replaced
    assert await store.faqs.count() == count + 1  # the override only

    newer = Knowledge(dict(knowledge.faqs), knowledge.titles, knowledge.credits)
    newer.faqs[key] = replace(shipped_draft, answer="A newer shipped answer.")
    update = await store.catalog.sync(newer)  # a newer faq_data/
    assert update.faqs_updated == 1
    seen_a = {f.question: f.answer for f in await store.faqs.visible(GUILD_A)}
    seen_b = {f.question: f.answer for f in await store.faqs.visible(GUILD_B)}
    assert seen_a[shipped_draft.question] == "Our own words."
    assert seen_b[shipped_draft.question] == "A newer shipped answer."


async def test_credits_keep_the_other_names_a_character_goes_by(
        store: Store, knowledge: Knowledge) -> None:
    await store.catalog.sync(knowledge)
    tracker = next(c for c in await store.catalog.credits() if c.character == "The Tracker")
    assert tracker.aka == ("Mr. Nobody",)
    renamed = [replace(c, aka=("Mr. Nobody", "The Tracker of Paris")) if c == tracker else c
               for c in knowledge.credits]
    report = await store.catalog.sync(Knowledge(dict(knowledge.faqs), knowledge.titles, renamed))
    assert report.credits_replaced  # a changed aka alone is a change
    stored = await store.catalog.credits()
    assert next(c for c in stored if c.character == "The Tracker").aka == (
        "Mr. Nobody", "The Tracker of Paris")
    assert sorted(stored, key=repr) == sorted(renamed, key=repr)


async def test_a_database_from_before_aka_keeps_its_credits(db_path: Path) -> None:
    """Migration 4 adds credits.aka to a file made by migrations 1-3, rows kept."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db_path) as old:
        for number, _, sql in migrations()[:3]:
            old.executescript(sql)
            old.execute(f"PRAGMA user_version = {number:d}")
        old.execute("INSERT INTO titles (key, name, kind) VALUES ('jw4', 'John Wick: Chapter 4', 'film')")
        old.execute("INSERT INTO credits (title_id, actor, character) VALUES (1, 'A', 'The Tracker')")
    old.close()
    store = await Store.open(db_path)
    try:
        assert [(c.character, c.aka) for c in await store.catalog.credits()] == [("The Tracker", ())]
    finally:
        await store.close()


async def test_usage_counts_per_guild(store: Store) -> None:
    faq = await store.faqs.add(None, draft("Runtime?"))
    for _ in range(3):
        await store.faqs.record_use(GUILD_A, faq.id)
    assert (await store.faqs.get_visible(GUILD_A, faq.id)).uses == 3
    assert (await store.faqs.get_visible(GUILD_B, faq.id)).uses == 0


async def test_unanswered_log_counts_without_user_ids(store: Store) -> None:
    for score in (10.0, 30.0, 20.0):
        await store.unanswered.log(GUILD_A, "when is the pizza party", "When is the pizza party?", score)
    await store.unanswered.log(GUILD_A, "other", "other?", 5.0)
    top = await store.unanswered.top(GUILD_A)
    assert [(q.query_norm, q.count, q.best_score) for q in top] == [
        ("when is the pizza party", 3, 30.0), ("other", 1, 5.0)]
    columns = {row[1] for row in await store.db.fetchall("PRAGMA table_info(unanswered)")}
    assert not any("user" in column for column in columns)
    await store.unanswered.resolve(GUILD_A, "other")
    assert len(await store.unanswered.top(GUILD_A)) == 1
