"""Views of one answer index (`AnswerIndex.view`): guilds that see the same entries share
the index and keep their own use counts. Uses the FAQ set of tests/bot/test_engine.py."""

from __future__ import annotations

import pytest

from bot.engine import Answer, Entry
from tests.bot.test_engine import _index, _refs, _uses

QUESTIONS = ("what order should i watch john wick", "does the dog die in john wick",
             "who plays winston", "whats the continental", "is there a ballerina sequel")


def _said(answer: Answer) -> tuple[str | None, float, list[str]]:
    return (answer.best.entry.ref if answer.best else None, answer.top_score,
            _refs(list(answer.suggestions)))


def test_a_view_answers_as_its_index_does_with_its_own_use_counts() -> None:
    base = _index()
    quiet, busy = base.view({}), base.view({"faq:4": 99, "faq:1": 3})
    for question in QUESTIONS:
        said = [_said(index.answer(question)) for index in (base, quiet, busy)]
        assert said[0][0] is not None and said[0] == said[1] == said[2]
    assert _refs(busy.complete("", limit=2)) == ["faq:4", "faq:1"]
    assert [m.entry.uses for m in busy.complete("", limit=2)] == [99, 3]
    assert all(m.entry.uses == 0 for m in quiet.complete(""))  # counts absent are 0
    assert _refs(base.complete("", limit=1)) == ["faq:1"]  # the base keeps its own (40)


def test_a_use_counted_in_one_view_stays_in_that_view() -> None:
    base = _index()
    first, second = base.view({}), base.view({})
    first.bump_uses("faq:5", 7)
    assert _refs(first.complete("", limit=1)) == ["faq:5"]
    assert _uses(first, "faq:5") == 7
    assert _uses(second, "faq:5") == 0 and _uses(base, "faq:5") == 9
    assert _refs(second.complete("", limit=1)) != ["faq:5"]


def test_an_index_shared_with_views_takes_no_entry_writes() -> None:
    base = _index()
    view = base.view({})
    new = Entry("faq:60", "Who plays the Marquis?", "Bill Skarsgård.", faq_id=60)
    for index in (base, view):
        with pytest.raises(RuntimeError, match="shared"):
            index.upsert(new)
        with pytest.raises(RuntimeError, match="shared"):
            index.remove("faq:1")
    assert "faq:60" not in view and "faq:1" in view


def test_a_fork_shares_what_it_does_not_write_and_never_writes_its_origin() -> None:
    base = _index()
    before = [_said(base.answer(question)) for question in QUESTIONS]
    fork = base.fork({"faq:4": 5})
    new = Entry("faq:60", "When is karaoke night?", "Sundays in the Lounge.", faq_id=60)
    fork.upsert(new)
    fork.remove("faq:1")
    fork.bump_uses("faq:5", 7)
    assert _said(fork.answer("when is karaoke night"))[0] == "faq:60"
    assert "faq:1" not in fork and base.get("faq:1") is not None
    assert _uses(fork, "faq:4") == 5 and _uses(base, "faq:4") != 5
    shared, written = base._index.postings, fork._index.postings
    assert written["continental"] is shared["continental"]  # a term neither wrote: one set
    assert "karaok" in written and "karaok" not in shared
    assert [_said(base.answer(question)) for question in QUESTIONS] == before
    with pytest.raises(RuntimeError, match="shared"):  # its terms are the fork's too
        base.upsert(new)
