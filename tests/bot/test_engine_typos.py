"""Typo tolerance of the answer engine: short words, long words, and real words that must
not pass for typos (lost and stray spaces: test_engine_spaces.py). Uses the FAQ set of
tests/bot/test_engine.py."""

from __future__ import annotations

from bot.engine import AnswerIndex, Entry
from bot.engine_query import build_query, misspelt_long_stopword, misspelt_small_word
from bot.text import STOPWORDS, terms
from tests.bot.test_engine import INDEX, OFF_TOPIC, _check, _shipped_index


def _query(text: str, index: AnswerIndex = INDEX) -> dict[str, tuple[tuple[str, float], ...]]:
    return {t.matches[0][0] if t.matches else "": t.matches
            for t in build_query(index._index, terms(text))}


def test_four_letter_words_get_one_typo_with_the_first_letter_right() -> None:
    matches = _query("jhon")
    assert [term for term, _ in matches["john"]] == ["john"]
    assert 0.7 <= matches["john"][0][1] < 0.8  # weaker evidence than a sure typo
    _check({"jhon wick kill count": "faq:12", "bulletproof siut": "faq:15",
            "who plays jhon wick": "derived:character:john-wick"})


def test_three_letter_words_missing_a_letter() -> None:
    assert "john" in _query("jhn") and "wick" in _query("wck")
    _check({"john wck kill count": "faq:12"})
    assert "coin" not in _query("con")  # a stop word's typo ("can") comes first


def test_long_words_get_two_typos() -> None:
    _check({"balerinna release date": "derived:release:ballerina"})


def test_three_letter_question_word_missing_a_letter() -> None:
    assert misspelt_small_word("wen") == "when"
    assert misspelt_small_word("whwn") == "when"  # w is next to e
    assert misspelt_small_word("thwi") == "they"  # "thwy", stemmed
    assert misspelt_small_word("waht") == "what"  # a swap before a neighbouring key ("want")
    assert misspelt_small_word("old") is None  # a real word, not "told"
    _check({"wen is ballerina set": "faq:2"})


def test_a_real_word_is_not_taken_for_a_typo() -> None:
    index = AnswerIndex([
        Entry("faq:1", "Can I rent the John Wick films?", "Yes, on most stores.", faq_id=1),
        Entry("faq:2", "Who plays the Bowery King?", "Laurence Fishburne.", faq_id=2),
    ])
    # "rest" is one letter from "rent", but s and n are far apart on the keyboard
    (rest,) = build_query(index._index, terms("rest"))
    assert rest.foreign and not rest.matches
    assert index.answer("best rest days").best is None
    assert index.answer("can i rnet the john wick films").best is not None


def test_off_topic_stays_unanswered_with_typos() -> None:
    for question in [*OFF_TOPIC, "who plays hary poter", "best pizzza in town", "waht is teh weather",
                     "best car to buy", "where is the bus stop", "hot dog recipe", "who plays the cat"]:
        assert INDEX.answer(question).best is None, question


def test_loose_typos_find_words_added_later() -> None:
    index = AnswerIndex([Entry("faq:1", "Who plays John Wick?", "Keanu Reeves.", faq_id=1)])
    assert index.answer("jhon wick").best is not None  # builds the loose typo lists
    assert "golf" not in _query("glof crat", index)
    index.upsert(Entry("faq:2", "Golf cart rental", "At the front desk.", faq_id=2))
    assert "golf" in _query("glof crat", index) and "cart" in _query("glof crat", index)
    assert [m.entry.ref for m in index.answer("glof crat").suggestions] == ["faq:2"]
    index.remove("faq:2")
    assert "golf" not in _query("glof crat", index)


def test_a_real_word_with_another_first_letter_is_no_small_word_typo() -> None:
    from bot.engine_query import misspelt_small_word

    assert misspelt_small_word("end") is None and misspelt_small_word("tall") is None
    assert misspelt_small_word("teh") == "the" and misspelt_small_word("hte") == "the"
    assert misspelt_small_word("whp") == "who"


def test_a_typo_whose_stem_is_long_enough_is_still_looked_up() -> None:
    """Only a very short stem of a longer word is taken for a real word ("dating" -> "dat");
    "ruules" -> "ruul" is still a typo of "rules"."""
    from bot.engine import AnswerIndex, Entry

    index = AnswerIndex([Entry("faq:1", "What are the server rules?", "Be kind.", faq_id=1),
                         Entry("faq:2", "When is the release date?", "TBA.", faq_id=2)])
    typo, right = index._rank("server ruules").matches, index._rank("server rules").matches
    assert typo[0].entry.ref == right[0].entry.ref == "faq:1"
    assert typo[0].score > 0.6 * right[0].score  # "ruules" counts, at its similarity
    assert index._rank("is she dating anyone").foreign  # "dating" stays a word of its own


def test_the_loose_search_compares_the_words_as_written() -> None:
    """"streamimg" is one key from "streaming" (a word of the index); its stem "stream" is
    three edits away. And "rulez" is one from "rules"."""
    from tests.bot.test_engine import INDEX

    assert INDEX._index.fuzzy("streamimg")[:1] == (("stream", 1.0 - 1.0 / 9),)
    assert INDEX._index.fuzzy("rulez")[:1] == (("rule", 0.8),)
    answer = INDEX.answer("continental hotel rulez")
    assert answer.best is not None and answer.best.entry.ref == "faq:3"


def test_common_english_words_are_no_typos() -> None:
    """"paid" is a word, not a typo of "play" (which reads as "cast"); "kill" is not
    "Killa". Such a word is unexplained: it may be what the question is about."""
    from bot.english import is_common_word

    assert is_common_word("paid") and is_common_word("dating") and not is_common_word("ruules")
    index = _shipped_index()
    for word in ("paid", "kill"):
        (term,) = terms(word)  # "pay", "kill": judged on the word as typed
        assert term not in index._index.postings
        (query,) = build_query(index._index, [term], {term: word})
        assert query.foreign and not query.matches and query.unseen == term
    for question in ("how much did keanu get paid for ballerina",
                     "how many people does john wick kill in chapter 4"):
        assert index.answer(question).best is None, question


def test_a_typo_is_judged_on_the_word_as_typed() -> None:
    """"muules" stems to "muul", one edit from "mul" (the stem of "mules") in four letters;
    typed, it is one edit in six: a sure typo, not a loose guess."""
    from bot.engine_typos import FUZZY_CUTOFF

    index = AnswerIndex([Entry("faq:1", "Where are the mules?", "In the barn.", faq_id=1)])
    (stem,) = terms("muules")
    loose = build_query(index._index, [stem])[0].matches
    typed = build_query(index._index, [stem], {stem: "muules"})[0].matches
    assert loose[0][0] == typed[0][0] == "mul"
    assert loose[0][1] < FUZZY_CUTOFF <= typed[0][1]


def test_a_word_cut_to_a_stub_gets_only_the_strict_typo_search() -> None:
    """"fiming" stems to "fim": what is left may be anything, so no loose guess ("film")."""
    index = _shipped_index()
    for word in ("fiming", "casing", "datings"):
        (stem,) = terms(word)
        assert len(stem) <= 3
        assert build_query(index._index, [stem], {stem: word})[0].matches == (), word


def test_a_typo_in_the_vowels_only_finds_the_word_with_those_consonants() -> None:
    from bot.typo_shapes import consonants

    assert consonants("premiere") == consonants("primere") == "prmr"
    assert consonants("balerina") == consonants("ballerina")  # a doubled letter once
    index = AnswerIndex([
        Entry("faq:1", "When is the Ballerina premiere?", "June 2025.", faq_id=1),
        Entry("faq:2", "Is Ballerina on Prime Video?", "Yes.", faq_id=2),
        Entry("faq:3", "Is there a problem with the sound?", "No.", faq_id=3)])
    # "prime" is one letter from "primere" but lacks its consonants: "premiere" is meant
    assert [t for t, _ in _query("primere", index)["premiere"]] == ["premiere"]
    assert _answer_ref(index, "ballerina primere") == "faq:1"
    assert "problem" not in _query("parabbelum", index)  # same consonants, five edits away
    # three vowels wrong: too far for the other typo searches; words added later count too
    assert "bartholomew" not in _query("barthelemaw", index)
    index.upsert(Entry("faq:4", "Who is Bartholomew?", "A character.", faq_id=4))
    assert "bartholomew" in _query("barthelemaw", index)
    index.remove("faq:4")
    assert "bartholomew" not in _query("barthelemaw", index)


def test_a_vowel_typo_of_a_word_as_written_finds_its_stem() -> None:
    """The consonants are those of the word as written ("booster": bstr), the hit its
    index term (the stem "boost")."""
    index = AnswerIndex([Entry("faq:1", "What perks does a server booster get?", "A role.", faq_id=1)])
    assert [t for t, _ in _query("bostr", index)["boost"]] == ["boost"]


def _answer_ref(index: AnswerIndex, text: str) -> str | None:
    best = index.answer(text).best
    return best.entry.ref if best is not None else None


def test_a_close_typo_that_keeps_the_consonants_is_not_overridden() -> None:
    index = AnswerIndex([
        Entry("faq:1", "Was Ballerina filmed in Austria?", "In Hallstatt.", faq_id=1),
        Entry("faq:2", "Is there an Asteroid in it?", "No.", faq_id=2),
        Entry("faq:3", "What is the watch party schedule?", "Fridays.", faq_id=3),
        Entry("faq:4", "Is there a school in Ballerina?", "The Ruska Roma's.", faq_id=4)])
    assert [t for t, _ in _query("austraia", index)["austria"]] == ["austria"]
    assert "schedul" in _query("scheule", index)  # a dropped letter put back, not "school"


def test_a_vowel_typo_found_by_both_searches_keeps_the_higher_similarity() -> None:
    from bot.engine_typos import SOUND_SIMILARITY

    index = AnswerIndex([Entry("faq:1", "Who is Winston?", "The manager.", faq_id=1),
                         Entry("faq:2", "Is there a watch party?", "Fridays.", faq_id=2)])
    assert _query("winstin", index)["winston"] == (("winston", SOUND_SIMILARITY),)


def test_two_swapped_letters_are_found_where_the_stem_is_too_short_to_look_up() -> None:
    """"tkae" stems to "tka", too short for the typo search; swapped back it is "take"."""
    index = _shipped_index()
    (stub,) = terms("tkae")
    assert build_query(index._index, [stub], {stub: "tkae"})[0].matches == (
        (terms("take")[0], 0.75),)
    typo = _answer_ref(index, "when does ballerina tkae place in the timeline")
    assert typo is not None and typo == _answer_ref(
        index, "when does ballerina take place in the timeline")


def test_a_three_letter_typo_inside_a_phrase_keeps_the_phrase() -> None:
    """"how mny minutes" lost "how many minutes" (runtime) to an unknown word "mny", and
    "hos much ... made" (box office) read "has"; a 3-letter word one finger typo from a
    phrase word that makes a phrase with its neighbour is that word."""
    index = _shipped_index()
    for typo, meant in [("how mny minutes is ballerina", "how many minutes is ballerina"),
                        ("hos much has john wick made", "how much has john wick made")]:
        found = _answer_ref(index, typo)
        assert found is not None and found == _answer_ref(index, meant), typo


def test_a_typo_of_a_long_filler_word_is_that_filler() -> None:
    """"bascially" was a word nobody uses, so "so is ballerina bascially jw5" declined."""
    assert misspelt_long_stopword("bascially") == "basically"  # two letters swapped
    assert misspelt_long_stopword("actully") == "actually"  # a letter left out
    assert misspelt_long_stopword("regulr") == "regular"
    assert misspelt_long_stopword("ballerina") is None and misspelt_long_stopword("regular") is None
    assert misspelt_long_stopword("though") is None  # a word, though one typo from "through"
    index = _shipped_index()
    typo = _answer_ref(index, "so is ballerina bascially jw5")
    assert typo is not None and typo == _answer_ref(index, "so is ballerina basically jw5")


def test_a_doubled_letter_is_found_where_the_stem_is_too_short_to_look_up() -> None:
    """"arres" stems to "arr", too short for the typo search; typed once it is "ares"."""
    index = _shipped_index()
    typo = _answer_ref(index, "who plays arres in jw2")
    assert typo is not None and typo == _answer_ref(index, "who plays ares in jw2")


def test_misspelt_small_words() -> None:
    assert misspelt_small_word("wher") == "where"  # a letter left out
    assert misspelt_small_word("ther") in STOPWORDS  # "other" or "there": both say nothing
    assert misspelt_small_word("waht") == "what"  # swapped
    assert misspelt_small_word("old") is None  # not "told": 3 letters only by a wrong letter
    assert misspelt_small_word("came") is None  # a real word one letter off "same"


def test_a_typo_inside_a_phrase_still_finds_the_phrase() -> None:
    index = AnswerIndex([
        Entry("faq:1", "How long is Ballerina?", "125 minutes.", faq_id=1),
        Entry("faq:2", "How much did Ballerina make at the box office?", "$137.2M.", faq_id=2),
        Entry("faq:3", "Who directed Ballerina?", "Len Wiseman.", faq_id=3),
    ])
    best = index.answer("how lnog is ballerina").best
    assert best is not None and best.entry.ref == "faq:1"
    for typo, right in [("how lnog is ballerina", "how long is ballerina"),
                        ("ballerina box offce", "ballerina box office")]:
        fixed, meant = index.answer(typo), index.answer(right)
        assert fixed.top_score == meant.top_score > 0, typo
        assert [m.entry.ref for m in fixed.suggestions] == [m.entry.ref for m in meant.suggestions]


def test_a_near_certain_typo_covers_its_term() -> None:
    """The question asked for the whole phrasing, typo or not."""
    typo = INDEX._rank("excommunicadoo meaning")
    right = INDEX._rank("excommunicado meaning")
    assert typo[0][0].entry.ref == right[0][0].entry.ref
    assert typo[1] == right[1]  # the same entry coverage
