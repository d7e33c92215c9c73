"""Lost and stray spaces (`bot.engine_spaces`): words run together ("ballerinareview",
"thefirst john wick") and words broken in two ("conti nental"). Uses the FAQ set of
tests/bot/test_engine.py."""

from __future__ import annotations

from bot.engine import AnswerIndex, Entry
from bot.engine_query import build_query
from bot.engine_spaces import respace, unjoin
from bot.text import terms
from tests.bot.test_engine import INDEX, _check, _shipped_index
from tests.bot.test_engine_typos import _answer_ref


def test_words_run_together_are_split() -> None:
    _check({"ballerinareview": "faq:17", "bulletproofsuit": "faq:15",
            "gold coinmeaning": "faq:4", "continentalhotel rules": "faq:3"})
    # the stemmer cut the second word short: "ballerinarated" came as "ballerinarat"
    assert respace(INDEX._index, terms("ballerinarated")) == ["ballerina", "rating"]
    assert respace(INDEX._index, terms("bulletproofsuited")) == ["bulletproof", "suit"]
    assert respace(INDEX._index, terms("findballerina")) == ["find", "ballerina"]  # a filler
    assert respace(INDEX._index, ["thecontinentl"]) == ["the", "continental"]  # and a typo
    # split as typed where the stemmer changed the end: "ballerinaany" came as "ballerinaani"
    stemmed = terms("ballerinaany")
    assert stemmed != ["ballerinaany"]
    assert respace(INDEX._index, stemmed, {stemmed[0]: "ballerinaany"}) == ["ballerina", "any"]
    # nor is a term the phrase table gave ("first timer" -> newcomer), words near or not
    index = AnswerIndex([Entry("faq:1", "Can I come to the watch party?", "Yes.", faq_id=1)])
    assert respace(index._index, ["newcomer"]) == ["newcomer"]  # not "new" + "com(e)"


def test_a_word_and_a_typo_run_together_are_split() -> None:
    """One half a word the phrasings use as typed, the other a sure typo of one."""
    assert respace(INDEX._index, ["continentalhotl"]) == ["continental", "hotel"]
    assert respace(INDEX._index, ["suiitbulletproof"]) == ["suit", "bulletproof"]
    _check({"ballerinareveiw": "faq:17", "is ballerinagoood": "faq:17"})
    # "plac" is the stem of "place", not a word anyone types: "placement" is no "plac event"
    index = AnswerIndex([Entry("faq:1", "Where do I place my event ideas?", "In #ideas.", faq_id=1)])
    assert respace(index._index, ["placement"]) == ["placement"]


def test_a_stray_space_is_dropped() -> None:
    _check({"excommuni cado": "faq:11", "conti nental hotel rules": "faq:3"})
    # the half after a known word is no typo of that word ("continentalho" is near
    # "continental"): it joins the next half
    assert respace(INDEX._index, terms("continental ho tel")) == terms("continental hotel")
    # two halves the index never saw that make a common English word are that word, which
    # an answer's text may use though no phrasing does ("actre ss")
    assert respace(INDEX._index, terms("sand wich")) == terms("sandwich")


def test_respace_leaves_known_and_stop_words_alone() -> None:
    index = INDEX._index
    assert respace(index, terms("who runs the high table")) == terms("who runs the high table")
    # a stop word never joins its neighbour, nor is a typo split off as "a" + word
    assert respace(index, ["pla", "in"]) == ["pla", "in"]
    # nor is a common English word two run together ("costume" is no "cost um")
    (costume,) = terms("costume")
    assert respace(index, [costume], {costume: "costume"}) == [costume]
    assert _answer_ref(_shipped_index(), "who did the costume design for ballerina") is None


def test_a_stray_space_in_a_word_the_phrase_table_adds_to_keeps_it_one_word() -> None:
    """"spa nish" joins as "spanish", which the table spells "spanish language": one question
    word, as when typed whole; before, "language" counted again on its own (in the bench
    guild, the languages FAQ then missed the confidence bar)."""
    index = AnswerIndex([
        Entry("faq:1", "Which languages can I use here?", "English only.", faq_id=1),
        Entry("faq:2", "Where do memes go?", "In #memes.", faq_id=2),
        Entry("faq:3", "How do I get roles?", "Pick them in #roles.", faq_id=3)])
    whole = [(q.weight, q.matches) for q in build_query(
        index._index, terms("can i speak spanish in here"), None, {"spanish": ("language",)})]
    joined: dict[str, tuple[str, ...]] = {}
    assert respace(index._index, terms("spa nish"), None, joined) == ["spanish", "language"]
    assert joined == {"spanish": ("language",)}
    assert [(q.weight, q.matches) for q in build_query(
        index._index, terms("can i speak spa nish in here"))] == whole


def test_a_lost_space_before_a_phrase_is_put_back_before_the_phrase_table_reads_it() -> None:
    """Split as typed, the halves still start phrases: "first john wick" is John Wick (2014),
    "mess up" asks what something affects. Read as terms, "thefirst" would only be "the
    first", and "mess" alone a word nobody uses."""
    index = _shipped_index()
    ti = index._index
    assert unjoin(ti, ["thefirst", "john", "wick"], {}) == ["the", "first", "john", "wick"]
    assert unjoin(ti, ["ballerinamess", "up"], {}) == ["ballerina", "mess", "up"]
    assert unjoin(ti, ["ballerinamess"], {}) == ["ballerinamess"]  # "mess" alone says nothing known
    for joined, spaced in (("tell me about thefirst john wick", "tell me about the first john wick"),
                           ("does ballerinamess up the timeline of chapter 4",
                            "does ballerina mess up the timeline of chapter 4")):
        answer = index.answer(joined)
        assert answer.best is not None, joined
        assert answer.best.entry.ref == index.answer(spaced).best.entry.ref  # type: ignore[union-attr]
