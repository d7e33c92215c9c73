"""The answer engine (bot.engine) on a small, realistic FAQ set plus the derived answers."""

from __future__ import annotations

from functools import cache

from bot.derived import derived_entries
from bot.engine import CONFIDENT_SCORE, AnswerIndex, Entry, Match, faq_entry
from bot.knowledge import load_knowledge
from bot.models import Faq
from tests.bot.test_derived import CREDITS, TITLES

FAQS = [
    Faq(1, "What order should I watch the John Wick films in?",
        "Release order works best: John Wick, Chapter 2, Chapter 3, Chapter 4, then Ballerina.",
        aliases=("watch order", "which one should I watch first"), uses=40),
    Faq(2, "Is Ballerina a sequel to Chapter 4?",
        "No: Ballerina takes place between Chapter 3 and Chapter 4.",
        aliases=("when is ballerina set", "does ballerina take place before chapter 4")),
    Faq(3, "What is the Continental?",
        "A hotel chain for assassins: neutral ground, no business on Continental grounds.",
        aliases=("what is the continental hotel", "continental hotel rules"), uses=12),
    Faq(4, "What are the gold coins?",
        "The underworld's currency: they pay for services, not goods.",
        aliases=("what are the coins for", "gold coin meaning"), uses=7),
    Faq(5, "What is the High Table?",
        "The council of crime lords that rules the underworld.",
        aliases=("who runs the high table",), uses=9),
    Faq(6, "What happened to John Wick's dog?",
        "Daisy, the beagle Helen left him, is killed in the first film; he adopts a pit bull.",
        aliases=("does the dog die", "daisy the beagle", "what is the dog's name"), uses=30),
    Faq(7, "Who is the Director in Parabellum?",
        "The head of the Ruska Roma, who runs the ballet and wrestling academy in New York.",
        aliases=("who runs the ballet school", "ruska roma ballet school",
                 "the lady who runs the ballet theatre")),
    Faq(8, "What is a marker?",
        "A blood oath: a favour that must be honoured when called in.",
        aliases=("blood oath marker", "what does a marker mean")),
    Faq(9, "Where can I stream the John Wick movies?",
        "It depends on your country; JustWatch lists the current services.",
        aliases=("is john wick on netflix", "where to watch john wick online", "streaming")),
    Faq(10, "Is there a post-credits scene in Ballerina?",
        "There is no post-credits scene.",
        aliases=("ballerina end credits scene", "should I stay after the credits")),
    Faq(11, "What does excommunicado mean?",
        "Cut off from the High Table's services, with an open contract on your head.",
        aliases=("what is excommunicado",), uses=5),
    Faq(12, "How many people does John Wick kill?",
        "Fans count 439 across the four films.",
        aliases=("john wick kill count", "body count")),
    Faq(13, "Will there be a John Wick 5?",
        "Chapter 5 is in development; see the release command for news.",
        aliases=("is chapter 5 happening", "john wick 5 news")),
    Faq(14, "How do I use the bot?",
        "Type /faq and a question, or pick one from the list.",
        aliases=("bot commands", "bot help")),
    Faq(15, "Why does John Wick wear a suit?",
        "It is bulletproof: tailored at the Continental's sommelier-style tailor.",
        aliases=("bulletproof suit", "what is his suit made of")),
    Faq(16, "Where was Chapter 4 filmed?",
        "Berlin, Paris, Osaka and Jordan.",
        aliases=("chapter 4 filming locations", "was jw4 shot in paris")),
    Faq(17, "Is Ballerina worth watching?",
        "Most of the server says yes, for the flamethrower fight alone.",
        aliases=("ballerina review", "is ballerina good")),
    Faq(18, "What is the Ruska Roma?",
        "A crime family from Belarus that raised John Wick.",
        aliases=("who are the ruska roma",)),
]

OFF_TOPIC = [
    "what's the weather in Paris",
    "who plays Harry Potter",
    "best pizza in town",
    "how do I reset my password",
    "who won the world cup in 2022",
    "can you recommend a good laptop for gaming",
    "what is the capital of france",
    "tell me a joke",
    "how do I bake sourdough bread",
    "when does the new spiderman movie come out",
    "who directed titanic",
    "is it going to rain tomorrow",
]


def _index() -> AnswerIndex:
    return AnswerIndex([*derived_entries(TITLES, CREDITS), *(faq_entry(f) for f in FAQS)])


INDEX = _index()  # read-only tests share it; tests that write build their own


def _refs(matches: list[Match]) -> list[str]:
    return [m.entry.ref for m in matches]


def _uses(index: AnswerIndex, ref: str) -> int:
    entry = index.get(ref)
    assert entry is not None, ref
    return entry.uses


def _best(question: str, index: AnswerIndex = INDEX) -> Entry:
    answer = index.answer(question)
    assert answer.best is not None, (question, answer.top_score,
                                     [(m.entry.ref, m.score) for m in answer.suggestions])
    return answer.best.entry


def _check(cases: dict[str, str]) -> None:
    wrong = {q: _best(q).ref for q, ref in cases.items() if _best(q).ref != ref}
    assert not wrong


def test_exact_questions_and_aliases() -> None:
    for faq in FAQS:
        for phrasing in (faq.question, *faq.aliases):
            assert _best(phrasing).faq_id == faq.id, phrasing
            assert INDEX.answer(phrasing).best.score >= 90  # type: ignore[union-attr]


def test_paraphrases() -> None:
    _check({
        "in which order should i watch the movies": "faq:1",
        "what happened to the dog in john wick": "faq:6",
        "what do the gold coins do": "faq:4",
        "can i stream john wick on netflix": "faq:9",
        "is there an after credits scene in ballerina": "faq:10",
        "what does it mean to be excommunicado": "faq:11",
        "is a fifth john wick happening": "faq:13",
        "where did they film chapter four": "faq:16",
        "what's the high table": "faq:5",
        "who is playing winston in the continental": "derived:character:winston-scott",
        "what age rating does parabellum have": "derived:rating:john-wick-3",
    })


def test_typos() -> None:
    _check({
        "balerina release date": "derived:release:ballerina",
        "who plays winstn": "derived:character:winston-scott",
        "what does excomunicado mean": "faq:11",
        "how long is parabelum": "derived:runtime:john-wick-3",
        "wat are the gold coinz": "faq:4",
        "contintental hotel rules": "faq:3",
    })


def test_slang_and_numerals() -> None:
    _check({
        "jw4 director": "derived:director:john-wick-4",
        "who directed john wick iv": "derived:director:john-wick-4",
        "chapter three runtime": "derived:runtime:john-wick-3",
        "when is jw5 out": "derived:release:john-wick-5",
        "who does keanu play": "derived:actor:keanu-reeves",
    })


def test_keyword_only() -> None:
    _check({
        "ballerina runtime": "derived:runtime:ballerina",
        "excommunicado": "faq:11",
        "high table": "faq:5",
        "markers": "faq:8",
        "ballerina cast": "derived:cast:ballerina",
        "continental rating": "derived:rating:the-continental",
        "kill count": "faq:12",
        "ballerina countdown": "derived:release:ballerina",  # /faq is where people look first
        "jw5 timer": "derived:release:john-wick-5",
    })


def test_rambling_messages() -> None:
    _check({
        "hey guys quick question, I just watched parabellum and was wondering who the lady "
        "running the ballet school is": "faq:7",
        "so I was rewatching the first movie last night with my brother and we were arguing "
        "about what happened to the dog, can someone remind me": "faq:6",
        "ok so this might be dumb but when does ballerina actually come out in theaters??":
            "derived:release:ballerina",
        "sorry if this was asked before but who is the actor that plays winston in the "
        "continental show": "derived:character:winston-scott",
    })


def test_off_topic_is_not_answered() -> None:
    for question in OFF_TOPIC:
        answer = INDEX.answer(question)
        assert answer.best is None, (question, answer.best)
        assert answer.top_score < CONFIDENT_SCORE


def test_nonsense_and_empty() -> None:
    for question in ("", "   ", "?!", "asdfgh qwerty", "the the the"):
        answer = INDEX.answer(question)
        assert answer.best is None and answer.query == question


def test_suggestions_shape() -> None:
    for question in ["who plays", "john wick", "ballerina", "what is the continental",
                     *OFF_TOPIC[:3], "chapter 4"]:
        answer = INDEX.answer(question)
        assert len(answer.suggestions) <= 3
        scores = [m.score for m in answer.suggestions]
        assert scores == sorted(scores, reverse=True)
        if answer.best is not None:
            assert answer.best.entry.ref not in {m.entry.ref for m in answer.suggestions}
            assert answer.top_score == answer.best.score
        assert len({m.entry.ref for m in answer.suggestions}) == len(answer.suggestions)


def test_stored_faq_beats_derived_on_the_same_question() -> None:
    index = _index()
    index.upsert(Entry("faq:99", "Who plays Winston?", "Our own answer.", faq_id=99))
    assert _best("who plays winston", index).ref == "faq:99"


def test_upsert_changes_answer_immediately() -> None:
    index = _index()
    assert index.answer("where is the bowling alley scene").best is None
    n = len(index)
    index.upsert(Entry("faq:50", "Where is the bowling alley scene?", "There is none.",
                       faq_id=50))
    assert _best("where is the bowling alley scene", index).ref == "faq:50"
    assert len(index) == n + 1
    index.upsert(Entry("faq:50", "Is there a bowling alley fight?", "Still none.", faq_id=50))
    assert len(index) == n + 1
    assert _best("bowling alley fight", index).answer == "Still none."
    old = index.answer("where is the bowling alley scene")
    assert old.best is None or old.best.entry.question == "Is there a bowling alley fight?"
    # a new answer under the same words is picked up too
    index.upsert(Entry("faq:3", FAQS[2].question, "Edited.", FAQS[2].aliases, faq_id=3))
    assert _best("what is the continental", index).answer == "Edited."


def test_remove_makes_it_unanswerable() -> None:
    index = _index()
    assert _best("excommunicado", index).ref == "faq:11"
    index.remove("faq:11")
    answer = index.answer("what does excommunicado mean")
    assert answer.best is None
    assert all(m.entry.ref != "faq:11" for m in answer.suggestions)
    assert all(m.entry.ref != "faq:11" for m in index.complete("excommunicado"))
    index.remove("faq:11")  # removing twice is harmless
    index.remove("faq:does-not-exist")


def test_repeated_ref_in_constructor_keeps_the_last() -> None:
    index = AnswerIndex([Entry("faq:1", "Old question about bowling?", "old", faq_id=1),
                         Entry("faq:1", "New question about fencing?", "new", faq_id=1)])
    assert len(index) == 1
    assert _best("question about fencing", index).answer == "new"
    assert index.answer("question about bowling").best is None


def test_answers_are_deterministic() -> None:
    questions = ["ballerina", "who plays winston", "chapter 4", "best pizza in town"]
    first = [INDEX.answer(q) for q in questions]
    again = _index()
    assert [again.answer(q) for q in questions] == first


def test_len_counts_entries() -> None:
    assert len(AnswerIndex()) == 0
    assert len(INDEX) == len(derived_entries(TITLES, CREDITS)) + len(FAQS)


# --- scale ---------------------------------------------------------------------------
def test_ten_thousand_entries() -> None:
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
             "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"]
    entries = [*derived_entries(TITLES, CREDITS)]
    for i in range(10_000):
        a, b, c = words[i % 16], words[i // 16 % 16], words[i // 256 % 16]
        entries.append(Entry(f"faq:{i + 1000}", f"What is the {a} {b} {c} protocol {i}?",
                             f"Answer {i}.", aliases=(f"{c} {b} code{i}",), faq_id=i + 1000))
    entries.append(Entry("faq:77777", "Why did Winston shoot John off the roof?",
                         "To save them both from the High Table.", faq_id=77777))
    index = AnswerIndex(entries)
    assert len(index) == len(entries)
    assert _best("why did winston shoot john off the roof", index).ref == "faq:77777"
    assert _best("winston roof", index).ref == "faq:77777"
    assert _best("who plays winston", index).ref == "derived:character:winston-scott"
    assert _best("what is the echo bravo alpha protocol 20", index).ref == "faq:1020"
    assert index.answer("best pizza in town").best is None
    assert len(index.complete("what is the echo", limit=25)) == 25


def test_answer_text_breaks_a_tie_between_phrasings() -> None:
    """Two FAQs whose questions fit "which city ..." equally; the one whose answer names a
    city wins, and editing only an answer moves the evidence with it."""
    entries = [
        Entry("faq:1", "Where is the film set?", "Mostly in the city of Prague.", faq_id=1),
        Entry("faq:2", "Where is the film shot?", "On sound stages in Budapest studios.", faq_id=2),
    ]
    index = AnswerIndex(entries)
    ranked = index.answer("which city is the film set in")
    top = ranked.best or ranked.suggestions[0]
    assert top.entry.ref == "faq:1"
    studio = index.answer("where is the film shot in studios")
    assert (studio.best or studio.suggestions[0]).entry.ref == "faq:2"
    # the same words, a new answer: the cached answer terms must follow
    before = _score_of(index, "which city is the film set in", "faq:1")
    index.upsert(Entry("faq:1", "Where is the film set?", "On a beach.", faq_id=1))
    assert _score_of(index, "which city is the film set in", "faq:1") < before


def _score_of(index: AnswerIndex, question: str, ref: str) -> float:
    ranked, *_ = index._rank(question)
    return next(m.score for m in ranked if m.entry.ref == ref)


def test_answer_text_only_counts_for_part() -> None:
    """A question word found only in an answer counts less than one in the phrasing."""
    index = AnswerIndex([
        Entry("faq:1", "What is the Continental?", "A hotel for assassins.", faq_id=1),
        Entry("faq:2", "Which hotel is the Continental?", "The one in New York.", faq_id=2),
    ])
    ranked, *_ = index._rank("continental hotel")
    assert ranked[0].entry.ref == "faq:2"
    assert ranked[1].entry.ref == "faq:1"
    assert ranked[0].score > ranked[1].score


def _build_shipped_index() -> AnswerIndex:  # a fresh one, for a test that writes to it
    knowledge = load_knowledge()
    faqs = [Faq(i, d.question, d.answer, aliases=tuple(d.aliases))
            for i, d in enumerate(knowledge.faqs.values(), 1)]
    return AnswerIndex([*derived_entries(knowledge.titles, knowledge.credits),
                        *(faq_entry(f) for f in faqs)])


@cache
def _shipped_index() -> AnswerIndex:  # shared like INDEX: answering only fills its caches
    return _build_shipped_index()


def test_chat_spellings_answer_like_the_words() -> None:
    assert _best("hu runs da high table").ref == "faq:5"
    assert _best("wen iz ballerina set").ref == "faq:2"
    assert _best("how many ppl does john wick kill").ref == "faq:12"


def test_how_much_a_film_made_is_not_who_made_it() -> None:
    index = _shipped_index()
    assert _best("how much did ballerina make", index).question == (
        "How much did Ballerina make at the box office?")
    assert _best("who made ballerina", index).question == (
        "Who produced Ballerina, and which studio made it?")


def test_filler_words_are_no_foreign_subject() -> None:
    """"deal", "thingy", "heard", "cheers", "in advance": words anyone may add, never asked about."""
    index = _shipped_index()
    assert _best("what's nogi's deal in ballerina", index) == _best("who is nogi in ballerina",
                                                                     index)
    assert _best("heard keanu is in ballerina, is that true", index) == _best(
        "is keanu in ballerina", index)
    # "the young version of eve" is young Eve
    assert _best("who plays the young version of eve", index) == _best("who plays young eve",
                                                                        index)
    # nor is a sign-off ("cheers", "would appreciate any help")
    assert _best("what does excommunicado mean cheers").ref == "faq:11"
    assert _best("what does excommunicado mean thanks in advance").ref == "faq:11"
