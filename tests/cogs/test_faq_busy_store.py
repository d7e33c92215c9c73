"""A member's question is answered while the store is busy writing: a big import in another
server, or `python -m bot import` beside the bot, holds SQLite's one write lock for as long
as it runs. Use counts and misses are written behind the reply (bot/write_behind.py)."""

from __future__ import annotations

import sqlite3

from tests.cogs.conftest import Harness
from tests.cogs.faq_helpers import UNSURE, uses

# Discord drops an interaction not answered within 3 s; the answers come in milliseconds
DEADLINE = 2.5


async def test_faq_answers_while_another_process_holds_the_write_lock(harness: Harness) -> None:
    other = sqlite3.connect(harness.db_path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # what a running CLI import holds
    try:
        ix = await harness.fake.send_slash_command("faq", {"question": "who directed ballerina"})
        body = await harness.fake.wait_for_callback(ix, timeout=DEADLINE)
        assert body["data"]["embeds"][0]["title"] == "Who directed Ballerina?"
        ix = await harness.fake.send_slash_command("faq", {"question": UNSURE})
        body = await harness.fake.wait_for_callback(ix, timeout=DEADLINE)
        assert "Did you mean" in body["data"]["content"]
    finally:
        other.execute("ROLLBACK")
        other.close()
    # nothing lost: the use and the miss are written once the lock is free
    assert await uses(harness, "Who directed Ballerina?") == 1
    [miss] = await harness.misses()
    assert (miss.query_norm, miss.count) == (UNSURE, 1)


async def test_faq_answers_in_one_server_during_a_write_in_another(harness: Harness) -> None:
    async with harness.bot.store.db.transaction():  # as /faq-admin import holds it, in one server
        ix = await harness.fake.send_slash_command(
            "faq", {"question": "who directed ballerina"}, guild_id=harness.other_guild_id,
            user_id=harness.other_admin_id)
        body = await harness.fake.wait_for_callback(ix, timeout=DEADLINE)
        assert body["data"]["embeds"][0]["title"] == "Who directed Ballerina?"
    await harness.bot.answers.bookkeeping.settled()
    directed = next(f for f in await harness.bot.store.faqs.visible(harness.other_guild_id)
                    if f.question == "Who directed Ballerina?")
    assert directed.uses == 1
