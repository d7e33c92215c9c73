"""The asking clauses of a chatty message (`bot.engine_focus`) and how the engine uses them."""

from __future__ import annotations

from bot.engine import AnswerIndex, Entry
from bot.engine_focus import asking_part, asks, clauses, refers_back
from tests.bot.test_engine import _build_shipped_index


def test_a_message_splits_into_clauses_at_punctuation_and_turns() -> None:
    assert clauses("hi all, first time posting here. where are the rules? (thanks!)") == [
        "hi all", "first time posting here", "where are the rules", "thanks"]
    assert clauses("not sure this is the right channel but how do i verify") == [
        "not sure this is the right channel", "how do i verify"]
    assert clauses("ballerina runtime") == ["ballerina runtime"]


def test_a_clause_asks_when_it_reads_like_a_question() -> None:
    for clause in ("where are the rules", "so can i post memes", "ok is there a quiz",
                   "the movie is how long"):
        assert asks(clause), clause
    for clause in ("sorry for my english", "i love this server", "thanks in advance"):
        assert not asks(clause), clause
    # a question word further in asks indirectly, or is only a relative clause
    for clause in ("i was wondering when it comes out", "no idea who plays her",
                   "hey guys what's the runtime", "we were arguing about what happened"):
        assert asks(clause), clause
    for clause in ("my coworker who saw it says it flopped",
                   "i see everyone has coloured tags showing which movie they prefer"):
        assert not asks(clause), clause


def test_the_asking_part_is_set_apart_only_next_to_clauses_that_ask_nothing() -> None:
    assert asking_part("hi all, where are the rules?") == ("where are the rules", "hi all")
    assert asking_part("where are the rules?") is None  # one clause
    assert asking_part("where are the rules, and who runs the server?") is None  # all ask
    assert asking_part("ballerina, runtime") is None  # none asks: keywords
    assert refers_back("who's actually in it") and not refers_back("where are the rules")
    assert refers_back("anyone know which ones")  # "ones": the ones the rest names


def _index() -> AnswerIndex:
    index = _build_shipped_index()
    for entry in (
            Entry("faq:900", "Which languages can I use here?", "English, and Spanish in #espanol.",
                  aliases=("can i speak english", "english only"), faq_id=900),
            Entry("faq:901", "What is each channel for?", "See #channel-guide.",
                  aliases=("which channel", "right channel", "channel list"), faq_id=901),
            Entry("faq:902", "Where are the server rules?", "In #rules.", faq_id=902)):
        index.upsert(entry)
    return index


INDEX = _index()


def _best(text: str) -> str | None:
    best = INDEX.answer(text).best
    return best.entry.ref if best is not None else None


def test_chatter_around_a_question_does_not_change_its_answer() -> None:
    assert _best("hi all, first time posting here. where are the server rules?") == "faq:902"
    # the whole message leans on "arguing about this": the question is who plays the Director
    text = "my friend and i were arguing about this last night: who plays the director in ballerina"
    assert _best(text) == _best("who plays the director in ballerina") == (
        "derived:character:the-director")


def test_a_clause_that_asks_nothing_gets_no_answer_for_the_message() -> None:
    assert _best("can i speak english here") == "faq:900"  # the clause alone is a question
    for text, chatter in (
            ("what gun does john wick use (sorry for my english)", "faq:900"),
            ("not sure if this is the right channel but how do i reverse a list in python",
             "faq:901")):
        answer = INDEX.answer(text)
        assert answer.best is None, text  # the question itself is off topic
        assert chatter in [m.entry.ref for m in answer.suggestions]


def test_a_question_that_points_back_is_answered_with_the_rest() -> None:
    # "it" is Ballerina: the asking clause alone could not say what is asked about
    assert _best("ballerina, how long is it") == _best("how long is ballerina")
    for text in ("the continental series was great, is there a season 2 of it",
                 "keanu was in ballerina right, how long is he in it"):
        assert _best(text) is not None, text  # "it", "he": the first clause says who


def _same(text: str, plain: str) -> None:
    assert _best(text) is not None and _best(text) == _best(plain), (text, plain)


def test_a_pointer_the_whole_message_leaves_open_is_the_name_the_rest_says() -> None:
    # the whole message finds no confident answer; "that" and "she" are the names before
    _same("my brother keeps talking about the continental, who's in that?",
          "who is in the cast of the continental")
    _same("ana de armas was great, who does she play?", "who does ana de armas play")
    # a person and a title: "it" is what the clause says of them; two titles: which one?
    _same("heard keanu is in ballerina, is that true", "is keanu in ballerina")
    _same("heard keanu is in ballerina, is it true", "is keanu in ballerina")
    assert _best("i loved chapter 4 and ballerina, who's in it?") is None
    assert _best("my dad is reading a book, who wrote it?") is None  # "the book of rules"?
    # "it" is the music, not Ballerina: the whole message's answer stands
    _same("saw ballerina last night with my cousin, she loved the music, who wrote it?",
          "who composed the music for ballerina")
    # no name before the pointer: nothing to answer with
    assert _best("my cat is called fluffy, is that a weird name?") is None


def test_titles_numbers_and_added_detail_are_no_chatter() -> None:
    assert clauses("how long is john wick: chapter 4?") == ["how long is john wick: chapter 4"]
    assert clauses("is ballerina 2.5 hours long") == ["is ballerina 2.5 hours long"]
    assert _best("how long is john wick: chapter 4?") == _best("how long is john wick chapter 4")
    # "in the uk" asks nothing, but the whole message's answer is one the question suggests
    assert _best("when does ballerina come out, in the uk") == _best(
        "when does ballerina come out in the uk")


def test_a_colon_before_any_question_opener_ends_a_clause_but_not_an_abbreviation() -> None:
    for opener in ("hows ballerina rated", "wheres ballerina streaming", "any news on chapter 5",
                   "will keanu be in ballerina 2"):
        assert clauses(f"sorry for my english: {opener}") == ["sorry for my english", opener]
    assert _best("sorry for my english: hows ballerina rated") == _best("how is ballerina rated")
    assert clauses("who plays mr. wick") == ["who plays mr. wick"]
    assert clauses("jw4 vs. ballerina, which is longer") == ["jw4 vs. ballerina", "which is longer"]


def test_a_suggestion_never_repeats_the_question_of_the_answer_or_of_another() -> None:
    # the "How long is Ballerina?" FAQ and the derived runtime answer ask the same
    answer = INDEX.answer("how long is ballerina")
    assert answer.best is not None
    shown = [m.entry.question.casefold() for m in (answer.best, *answer.suggestions)]
    assert len(shown) == len(set(shown))
