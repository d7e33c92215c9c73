"""Autocomplete of the answer engine (`AnswerIndex.complete`): the most used FAQs for empty
input, partly typed last words, chat spellings. Uses the FAQ set of tests/bot/test_engine.py."""

from __future__ import annotations

from bot.engine import AnswerIndex, Entry
from tests.bot.test_engine import INDEX, _index, _refs


def test_complete_empty_is_most_used_then_alphabetical() -> None:
    matches = INDEX.complete("", limit=5)
    assert _refs(matches) == ["faq:1", "faq:6", "faq:3", "faq:5", "faq:4"]
    rest = [m.entry for m in INDEX.complete("   ")][5:]
    unused = [e.question.casefold() for e in rest if e.uses == 0]
    assert unused == sorted(unused)


def test_complete_only_offers_stored_faqs_within_limit() -> None:
    for text in ("", "who pla", "ballerina", "w", "john wick ", "chapter 4"):
        matches = INDEX.complete(text, limit=7)
        assert len(matches) <= 7
        assert all(m.entry.faq_id is not None for m in matches)
        scores = [m.score for m in matches]
        assert scores == sorted(scores, reverse=True)
    assert INDEX.complete("who", limit=0) == []


def test_complete_partial_last_word() -> None:
    index = _index()
    index.upsert(Entry("faq:60", "Who plays the Marquis?", "Bill Skarsgård.", faq_id=60))
    index.upsert(Entry("faq:61", "Who plays Caine?", "Donnie Yen.", faq_id=61, uses=3))
    matches = index.complete("who pla")
    assert _refs(matches)[:2] == ["faq:61", "faq:60"]  # both match fully; more used first
    assert index.complete("excommun")[0].entry.ref == "faq:11"
    assert index.complete("ballerina post cr")[0].entry.ref == "faq:10"
    assert index.complete("gold coi")[0].entry.ref == "faq:4"
    assert index.complete("high table ")[0].entry.ref == "faq:5"


def test_complete_follows_bump_uses() -> None:
    index = _index()
    assert _refs(index.complete(""))[0] == "faq:1"
    index.bump_uses("faq:18", 100)
    assert _refs(index.complete(""))[0] == "faq:18"
    index.bump_uses("faq:18", 0)
    assert _refs(index.complete(""))[0] == "faq:1"
    index.remove("faq:1")
    assert _refs(index.complete(""))[0] == "faq:6"
    index.bump_uses("derived:actor:keanu-reeves", 1000)  # derived: never offered
    assert all(m.entry.faq_id for m in index.complete(""))
    index.bump_uses("faq:missing", 5)


def test_most_used_cache_drops_an_entry_that_moves_down() -> None:
    entries = [Entry(f"faq:{i}", f"A{i:02d} question?", "Yes.", faq_id=i) for i in range(1, 27)]
    index = AnswerIndex(entries)
    first = [m.entry.ref for m in index.complete("", limit=25)]  # fills the cache
    assert "faq:1" in first and "faq:26" not in first
    # renamed so it sorts last: the one left out before now belongs in the first 25
    index.upsert(Entry("faq:1", "Zz question?", "Yes.", faq_id=1))
    again = [m.entry.ref for m in index.complete("", limit=25)]
    assert again == [m.entry.ref for m in AnswerIndex(
        [*entries[1:], Entry("faq:1", "Zz question?", "Yes.", faq_id=1)]).complete("", limit=25)]
    assert "faq:26" in again and "faq:1" not in again


def test_complete_reads_chat_spellings_but_not_in_the_word_being_typed() -> None:
    assert INDEX.complete("wat r da gold coi")[0].entry.ref == "faq:4"
    assert INDEX.complete("hw many ppl does john wick ki")[0].entry.ref == "faq:12"
    assert INDEX.complete("da")[0].entry.ref == "faq:6"  # "Daisy", not "the"


def test_a_word_in_too_many_phrasings_to_score_still_completes_to_the_best() -> None:
    """Past COMPLETE_CAP phrasings with the typed word, the ones scored are those it is most
    of (and questions starting with it), not the first met: here the short questions come
    last in the index, where the first `cap` met never reached."""
    from bot.engine_complete import COMPLETE_CAP

    wordy = [Entry(f"faq:{n}", f"How does the ballerina ticket raffle number {n} work on "
                               f"sundays for members {n}?", "Ask a moderator.", faq_id=n)
             for n in range(1, COMPLETE_CAP + 100)]
    short = [Entry("faq:1001", "Ballerina trailer?", "In #trailers.", faq_id=1001),
             Entry("faq:1002", "Ballerina poster?", "In #art.", faq_id=1002)]
    index = AnswerIndex([*wordy, *short])
    for typed in ("ballerina", "balle"):
        assert set(_refs(index.complete(typed, limit=2))) == {"faq:1001", "faq:1002"}


def test_in_a_fork_a_word_completes_while_an_entry_still_uses_it() -> None:
    base = AnswerIndex([Entry("faq:1", "When is karaoke night?", "Sundays.", faq_id=1),
                        Entry("faq:2", "Karaoke rules?", "One song each.", faq_id=2),
                        Entry("faq:3", "Is there a Blu-ray of Ballerina?", "Yes.", faq_id=3),
                        Entry("faq:4", "When does Ballerina come out?", "June 2025.", faq_id=4)])
    index = base.fork({})
    assert index.complete("blu") and index.complete("kara")
    index.remove("faq:1")
    assert _refs(index.complete("kara")) == ["faq:2"]
    index.upsert(Entry("faq:3", "Is there a DVD of Ballerina?", "Yes.", faq_id=3))  # edited
    assert index.complete("blu") == []  # not "faq:4", whose "come out" a "blu" stood for
    index.remove("faq:2")
    assert index.complete("kara") == []
    assert base.complete("blu") and base.complete("kara")  # the index forked: as it was
