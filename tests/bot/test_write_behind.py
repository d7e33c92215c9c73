"""The queue of bookkeeping writes written behind the replies."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

from bot.write_behind import Write, WriteBehind, is_busy


def test_only_a_lock_held_elsewhere_is_worth_a_retry() -> None:
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert is_busy(sqlite3.OperationalError("database table is locked"))
    assert not is_busy(sqlite3.OperationalError("no such table: faqs"))
    assert not is_busy(sqlite3.IntegrityError("database is locked"))


async def test_writes_run_in_order_and_a_busy_one_is_tried_again() -> None:
    queue, done, refusals = WriteBehind(busy_retry=0.01), [], [2]

    def write(name: str, busy: bool = False) -> Write:
        async def run() -> None:
            if busy and refusals[0]:
                refusals[0] -= 1
                raise sqlite3.OperationalError("database is locked")
            done.append(name)
        return run

    queue.add("first", write("first", busy=True), done=lambda: done.append("first done"))
    queue.add("second", write("second"))
    assert done == []  # nothing is awaited by whoever queued them
    assert await queue.settled(within=5)
    # `done` once, after the write went through, however many tries it took
    assert done == ["first", "first done", "second"] and refusals == [0]
    await queue.close()


async def test_a_failing_write_is_logged_and_dropped_and_the_rest_still_run(
        caplog: pytest.LogCaptureFixture) -> None:
    queue, done = WriteBehind(busy_retry=0.01, busy_for=0.05), []

    async def broken() -> None:
        raise sqlite3.OperationalError("no such table: faq_usage")

    async def locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    async def fine() -> None:
        done.append("fine")

    with caplog.at_level(logging.ERROR, logger="bot.write_behind"):
        for what, write in (("use of FAQ 3", broken), ("miss", locked), ("pick", fine)):
            queue.add(what, write)
        await queue.settled()
    assert done == ["fine"]
    assert [r.getMessage() for r in caplog.records] == [
        "bookkeeping write dropped: use of FAQ 3", "bookkeeping write dropped: miss"]
    assert caplog.records[0].exc_info is not None  # with its traceback
    await queue.close()


async def test_close_writes_what_is_queued_and_gives_up_on_a_store_that_stays_busy(
        caplog: pytest.LogCaptureFixture) -> None:
    queue, done = WriteBehind(), []
    stuck = asyncio.Event()

    async def slow() -> None:
        await asyncio.sleep(0.01)
        done.append("slow")

    queue.add("slow", slow)
    await queue.close()
    assert done == ["slow"]

    async def stuck_write() -> None:
        await stuck.wait()  # a write that never ends

    queue.add("stuck", stuck_write)
    with caplog.at_level(logging.ERROR, logger="bot.write_behind"):
        await queue.close(within=0.05)
    assert "1 bookkeeping writes not done" in caplog.text
