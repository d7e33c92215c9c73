"""Derived answers (bot.derived) built from a small catalogue written here.

TITLES and CREDITS are also used by test_engine.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.derived import derived_entries, format_release, title_names
from bot.engine import AnswerIndex, Entry
from bot.models import Credit, Knowledge, Title
from bot.text import terms


def _day(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


TITLES = [
    Title(key="john-wick", name="John Wick", kind="film", aliases=("John Wick 1", "JW1"),
          release_at=_day(2014, 10, 24), director="Chad Stahelski",
          writers=("Derek Kolstad",), runtime_minutes=101, rating="R", story_order=1),
    Title(key="john-wick-2", name="John Wick: Chapter 2", kind="film",
          release_at=_day(2017, 2, 10), director="Chad Stahelski", writers=("Derek Kolstad",),
          runtime_minutes=122, rating="R", story_order=2),
    Title(key="john-wick-3", name="John Wick: Chapter 3 – Parabellum", kind="film",
          aliases=("Parabellum",), release_at=_day(2019, 5, 17), director="Chad Stahelski",
          writers=("Derek Kolstad", "Shay Hatten", "Chris Collins", "Marc Abrams"),
          runtime_minutes=131, rating="R", story_order=3),
    Title(key="john-wick-4", name="John Wick: Chapter 4", kind="film",
          release_at=_day(2023, 3, 24), director="Chad Stahelski",
          writers=("Shay Hatten", "Michael Finch"), runtime_minutes=169, rating="R",
          story_order=5),
    Title(key="ballerina", name="From the World of John Wick: Ballerina", kind="film",
          aliases=("Ballerina",), release_at=_day(2025, 6, 6), director="Len Wiseman",
          writers=("Shay Hatten",), runtime_minutes=125, rating=None, story_order=4,
          story_note="Set between Chapter 3 and Chapter 4."),
    Title(key="the-continental", name="The Continental: From the World of John Wick",
          kind="series", release_at=_day(2023, 9, 22), director="Albert Hughes",
          writers=("Greg Coolidge", "Kirk Ward", "Shawn Simmons"), rating="TV-MA",
          story_order=0, summary="A young Winston Scott takes over the Continental in 1970s "
          "New York."),
    Title(key="john-wick-5", name="John Wick: Chapter 5", kind="film",
          release_note="Lionsgate has confirmed it is in development."),
    Title(key="john-wick-hex", name="John Wick Hex", kind="game",
          release_at=_day(2019, 1, 1), release_precision="year"),
]

_FILMS = ("john-wick", "john-wick-2", "john-wick-3", "john-wick-4")


def _credits() -> list[Credit]:
    rows: list[tuple[str, str, str, str | None, bool]]
    rows = [(t, "Keanu Reeves", "John Wick", None, False) for t in (*_FILMS, "ballerina")]
    rows += [(t, "Ian McShane", "Winston Scott", None, False) for t in (*_FILMS, "ballerina")]
    rows += [("the-continental", "Colin Woodell", "Winston Scott", "young", False)]
    rows += [(t, "Lance Reddick", "Charon", None, False) for t in _FILMS]
    rows += [("ballerina", "Lance Reddick", "Charon", None, True),
             ("the-continental", "Ayomide Adegun", "Charon", "young", False)]
    rows += [("ballerina", "Ana de Armas", "Eve Macarro", None, False),
             ("ballerina", "Victoria Comte", "Eve Macarro", "young", False),
             ("ballerina", "Gabriel Byrne", "The Chancellor", None, False),
             ("ballerina", "Norman Reedus", "Daniel Pine", None, False),
             ("john-wick-3", "Anjelica Huston", "The Director", None, False),
             ("ballerina", "Anjelica Huston", "The Director", None, False),
             ("john-wick-3", "Halle Berry", "Sofia Al-Azwar", None, False),
             ("john-wick-3", "Mark Dacascos", "Zero", None, False),
             ("john-wick-4", "Donnie Yen", "Caine", None, False),
             ("john-wick-4", "Bill Skarsgård", "Marquis Vincent de Gramont", None, False),
             ("john-wick-4", "Hiroyuki Sanada", "Shimazu Koji", None, False),
             ("john-wick", "Michael Nyqvist", "Viggo Tarasov", None, False),
             ("john-wick", "Clarke Peters", "Harry", None, False),  # not Harry Potter
             ("john-wick-2", "Riccardo Scamarcio", "Santino D'Antonio", None, False),
             ("the-continental", "Mel Gibson", "Cormac O'Connor", None, False)]
    rows += [(t, "Laurence Fishburne", "The Bowery King", None, False)
             for t in ("john-wick-2", "john-wick-3", "john-wick-4")]
    return [Credit(title_key=t, actor=a, character=c, variant=v, cameo=cameo, position=i)
            for i, (t, a, c, v, cameo) in enumerate(rows)]


CREDITS = _credits()


def _entries() -> dict[str, Entry]:
    return {e.ref: e for e in derived_entries(TITLES, CREDITS)}


def _ask(question: str) -> Entry:
    answer = AnswerIndex(derived_entries(TITLES, CREDITS)).answer(question)
    assert answer.best is not None, (question, answer.suggestions, answer.top_score)
    return answer.best.entry


# --- the entries themselves ----------------------------------------------------------
def test_refs_are_unique_and_shaped() -> None:
    entries = derived_entries(TITLES, CREDITS)
    refs = [e.ref for e in entries]
    assert len(refs) == len(set(refs))
    assert all(ref.startswith("derived:") for ref in refs)
    assert all(e.faq_id is None and e.answer and len(e.answer) <= 4000 for e in entries)
    assert {"derived:release:ballerina", "derived:runtime:john-wick-3",
            "derived:character:winston-scott", "derived:actor:keanu-reeves",
            "derived:cast:ballerina", "derived:order:watch"} <= set(refs)


def test_release_formats() -> None:
    by_key = {t.key: t for t in TITLES}
    assert format_release(by_key["ballerina"]) == "6 June 2025"
    assert format_release(by_key["john-wick-hex"]) == "only the year is known: 2019"
    assert format_release(by_key["john-wick-5"]) == "TBA — no date announced"
    entries = _entries()
    assert "Lionsgate has confirmed" in entries["derived:release:john-wick-5"].answer


def test_title_names_include_short_forms() -> None:
    names = title_names(TITLES[2])
    assert "Parabellum" in names
    # "John Wick 3" reads as the full name (bot.text folds it), so it is not listed twice
    assert any(set(terms(n)) == set(terms("John Wick 3")) for n in names)
    assert "John Wick" not in names  # the franchise, not this film
    assert "Ballerina" in title_names(TITLES[4])
    assert "The Continental" in title_names(TITLES[5])


def test_facts_and_unknowns() -> None:
    entries = _entries()
    assert "Len Wiseman" in entries["derived:director:ballerina"].answer
    assert "131 minutes" in entries["derived:runtime:john-wick-3"].answer
    # out: the fact exists but wasn't verified; to come: it isn't known yet
    assert "couldn't be verified" in entries["derived:rating:ballerina"].answer
    assert "TV-MA" in entries["derived:rating:the-continental"].answer
    assert "couldn't be verified" in entries["derived:runtime:the-continental"].answer
    assert "isn't known yet" in entries["derived:director:john-wick-5"].answer
    assert entries["derived:director:john-wick-5"].question == "Who is directing John Wick: Chapter 5?"
    assert entries["derived:director:john-wick-4"].question == "Who directed John Wick: Chapter 4?"
    assert "derived:runtime:john-wick-hex" not in entries  # a game has no runtime
    assert entries["derived:cast:john-wick-hex"].answer == "No cast is listed for **John Wick Hex**."
    assert "Shay Hatten and Michael Finch" in entries["derived:writers:john-wick-4"].answer


def test_cast_marks_cameos_and_variants() -> None:
    cast = _entries()["derived:cast:ballerina"].answer
    assert "Ana de Armas as Eve Macarro" in cast
    assert "Lance Reddick as Charon (cameo)" in cast
    assert "Victoria Comte as Eve Macarro (young)" in cast


def test_character_answer_spans_titles_and_variants() -> None:
    winston = _entries()["derived:character:winston-scott"]
    assert winston.answer.startswith("**Winston Scott** is played by Ian McShane in John Wick")
    assert "young Winston by Colin Woodell in The Continental" in winston.answer
    assert "who plays winston" in {a.casefold() for a in winston.aliases}
    director = _entries()["derived:character:the-director"]
    # no first-name alias for "The Director"
    assert "who plays the" not in {a.casefold() for a in director.aliases}


def test_character_notes_are_sentences_about_their_title() -> None:
    """A note is its own sentence; with several credits, on a line saying whose it is."""
    credits = [
        Credit(title_key="john-wick-3", actor="Anjelica Huston", character="The Director",
               note="First appearance; head of the Ruska Roma", position=0),
        Credit(title_key="ballerina", actor="Anjelica Huston", character="The Director",
               cameo=True, note="Reprises her Chapter 3 role.", position=1),
        Credit(title_key="ballerina", actor="Choi Soo-young", character="Katla Park",
               note="Her Hollywood debut", position=2),
        Credit(title_key="john-wick-4", actor="Keanu Reeves", character="John Wick",
               position=3),
        Credit(title_key="john-wick-5", actor="Keanu Reeves", character="John Wick",
               variant="voice", position=4),
        Credit(title_key="john-wick-hex", actor="Troy Baker", character="Hex",
               variant="voice", position=5),
        Credit(title_key="ballerina", actor="Ana de Armas", character="Eve Macarro",
               note="Called Rooney early on", position=6),
        Credit(title_key="ballerina", actor="Victoria Comte", character="Eve Macarro",
               variant="young", note="Prologue", position=7)]
    entries = {e.ref: e.answer for e in derived_entries(TITLES, credits)}
    assert entries["derived:character:the-director"] == (
        "**The Director** is played by Anjelica Huston in John Wick: Chapter 3 – Parabellum"
        " and From the World of John Wick: Ballerina (cameo)."
        "\n*John Wick: Chapter 3 – Parabellum*: First appearance; head of the Ruska Roma."
        "\n*From the World of John Wick: Ballerina*: Reprises her Chapter 3 role.")
    assert entries["derived:character:katla-park"].endswith(" in From the World of John "
                                                            "Wick: Ballerina. Her Hollywood debut.")
    assert entries["derived:character:john-wick"].endswith(
        "; voiced by Keanu Reeves in John Wick: Chapter 5.")
    assert entries["derived:character:hex"] == "**Hex** is voiced by Troy Baker in John Wick Hex."
    # one title, two credits: each note says whose it is
    assert entries["derived:character:eve-macarro"].endswith(
        "\n*From the World of John Wick: Ballerina*: Called Rooney early on."
        "\n*From the World of John Wick: Ballerina*, young: Prologue.")


def test_actor_answer_lists_roles() -> None:
    keanu = _entries()["derived:actor:keanu-reeves"]
    assert keanu.answer.startswith("**Keanu Reeves** plays John Wick in John Wick")
    reddick = _entries()["derived:actor:lance-reddick"].answer
    assert "Ballerina (cameo)" in reddick


def test_order_entry_lists_release_and_story_order() -> None:
    order = _entries()["derived:order:watch"].answer
    assert order.index("John Wick: Chapter 2") < order.index("John Wick: Chapter 4")
    story = order.split("Story")[1]
    assert story.index("The Continental") < story.index("Ballerina") < story.index("Chapter 4")


def test_timeline_places_titles_between_neighbours() -> None:
    entries = _entries()
    ballerina = entries["derived:timeline:ballerina"].answer
    assert "Set between Chapter 3 and Chapter 4." in ballerina
    assert "after John Wick: Chapter 3 – Parabellum and before John Wick: Chapter 4" in ballerina
    assert "derived:timeline:john-wick-5" not in entries  # no story order, no note
    assert "John Wick Hex" not in entries["derived:order:watch"].answer  # a game, not watched
    assert _ask("where does ballerina fit in the timeline").ref == "derived:timeline:ballerina"


def test_timeline_notes_end_as_sentences_and_landmarks_are_dated_films_and_shows() -> None:
    hex_game = Title(key="hex", name="John Wick Hex", kind="game", release_at=_day(2019, 10, 8),
                     story_order=0, story_note="Prequel; exact period not given")
    anime = Title(key="anime", name="Untitled John Wick anime prequel", kind="anime",
                  story_order=0)
    continental = TITLES[5]
    entries = {e.ref: e.answer for e in derived_entries(
        [*TITLES, hex_game, anime], CREDITS)}
    # a game, an undated anime or a title of the same period is no landmark
    assert entries["derived:timeline:the-continental"].endswith(
        "In story order it comes before John Wick.")
    assert entries["derived:timeline:hex"] == (
        "**John Wick Hex**: Prequel; exact period not given. In story order it comes before "
        "John Wick.")  # the note's full stop added, before the next sentence
    assert continental.story_order == 0 and "Hex" not in entries["derived:timeline:the-continental"]


def test_wording_follows_the_release_date() -> None:
    before = {e.ref: e for e in derived_entries(TITLES, CREDITS, now=_day(2025, 6, 1))}
    after = {e.ref: e for e in derived_entries(TITLES, CREDITS, now=_day(2025, 6, 7))}
    assert before["derived:release:ballerina"].question == (
        "When does From the World of John Wick: Ballerina come out?")
    assert after["derived:release:ballerina"].question == (
        "When did From the World of John Wick: Ballerina come out?")
    assert before["derived:director:ballerina"].answer.endswith(
        "is to be directed by Len Wiseman (announced).")
    assert after["derived:director:ballerina"].answer.endswith("is directed by Len Wiseman.")
    assert after["derived:writers:ballerina"].answer.endswith("is written by Shay Hatten.")
    assert before["derived:writers:ballerina"].answer.endswith(
        "is being written by Shay Hatten (announced).")
    # both tenses still find it, whichever the question is
    for question in ("when did ballerina come out", "when does ballerina come out"):
        assert _ask(question).ref == "derived:release:ballerina"


def test_an_undated_title_says_tba_once_and_an_untitled_one_reads_as_a_phrase() -> None:
    anime = Title(key="anime", name="Untitled John Wick anime prequel", kind="anime",
                  director="Shannon Tindle",
                  release_note="TBA: announced animated feature, no release date")
    entries = {e.ref: e for e in derived_entries([anime], [])}
    release = entries["derived:release:anime"]
    assert release.answer == ("**Untitled John Wick anime prequel** (anime) — release date: TBA. "
                              "Announced animated feature, no release date.")
    assert release.question == "When does the untitled John Wick anime prequel come out?"
    assert entries["derived:director:anime"].question == (
        "Who is directing the untitled John Wick anime prequel?")  # it isn't out
    assert entries["derived:director:anime"].answer == (
        "**Untitled John Wick anime prequel** is to be directed by Shannon Tindle (announced).")


def test_empty_catalogue() -> None:
    assert derived_entries([], []) == []


def test_long_cast_is_clipped() -> None:
    credits = [Credit(title_key="john-wick", actor=f"Actor Number {i}", character=f"Goon {i}")
               for i in range(400)]
    cast = {e.ref: e for e in derived_entries(TITLES[:1], credits)}["derived:cast:john-wick"]
    assert len(cast.answer) <= 4000 and cast.answer.endswith("…")


# --- asked through the engine ----------------------------------------------------------
def test_who_plays_winston_names_both_actors() -> None:
    entry = _ask("who plays Winston?")
    assert entry.ref == "derived:character:winston-scott"
    assert "Ian McShane" in entry.answer and "Colin Woodell" in entry.answer


def test_questions_answered_from_the_catalogue() -> None:
    cases = {
        "who played young winston": "derived:character:winston-scott",
        "who is ana de armas in ballerina": "derived:actor:ana-de-armas",
        "who does keanu play": "derived:actor:keanu-reeves",
        "when does chapter 5 come out?": "derived:release:john-wick-5",
        "ballerina release date": "derived:release:ballerina",
        "who directed chapter 4": "derived:director:john-wick-4",
        "how long is john wick 3": "derived:runtime:john-wick-3",
        "what is ballerina rated": "derived:rating:ballerina",
        "ballerina cast": "derived:cast:ballerina",
        "when did the continental come out": "derived:release:the-continental",
        "who plays eve": "derived:character:eve-macarro",
        "who wrote parabellum": "derived:writers:john-wick-3",
        "jw4 runtime": "derived:runtime:john-wick-4",
        "who plays caine in chapter four": "derived:character:caine",
    }
    for question, ref in cases.items():
        assert _ask(question).ref == ref, question


def test_release_answers() -> None:
    assert "TBA" in _ask("when does chapter 5 come out").answer
    assert "6 June 2025" in _ask("ballerina release date").answer


def test_derived_answers_carry_the_names_they_are_about() -> None:
    entries = _entries()
    assert entries["derived:actor:keanu-reeves"].names == ("Keanu Reeves",)
    assert "Winston" in entries["derived:character:winston-scott"].names
    assert "Ballerina" in entries["derived:release:ballerina"].names
    assert entries["derived:order:watch"].names == ()


def test_a_character_is_asked_for_by_the_other_names_they_go_by(knowledge: Knowledge) -> None:
    """credits.toml's `aka`: "Mr. Nobody" is The Tracker's other name in Chapter 4."""
    def asked(credits: list[Credit], question: str) -> str | None:
        best = AnswerIndex(derived_entries(knowledge.titles, credits)).answer(question).best
        return best.entry.ref if best else None

    tracker = "derived:character:the-tracker"
    for question in ("who plays mr nobody in jw4", "mr. nobody actor", "who is mr nobody"):
        assert asked(knowledge.credits, question) == tracker, question
    entry = {e.ref: e for e in derived_entries(knowledge.titles, knowledge.credits)}[tracker]
    assert entry.answer.endswith('Chapter 4. Also called "Mr. Nobody".')
    assert "Mr. Nobody" in entry.names
    nameless = [replace(c, aka=()) for c in knowledge.credits]
    assert asked(nameless, "who plays mr nobody in jw4") != tracker  # the aka does the work
    # "Mr. Nobody" is one name: "mr" alone, or "nobody" (a film of its own), is not him
    for question in ("mr", "who is mr wick", "nobody cast", "who is the actor in nobody"):
        assert asked(knowledge.credits, question) != tracker, question


def test_a_name_a_character_goes_by_in_every_title_is_said_once(knowledge: Knowledge) -> None:
    credits = [replace(c, aka=("Baba Yaga",)) if c.character == "John Wick" else c
               for c in knowledge.credits]
    entry = {e.ref: e for e in derived_entries(knowledge.titles, credits)}[
        "derived:character:john-wick"]
    assert entry.answer.count("Baba Yaga") == 1 and entry.answer.endswith('\nAlso called "Baba Yaga".')


def test_a_title_still_to_come_reads_as_a_phrase_in_a_sentence() -> None:
    """"played by Donnie Yen in John Wick: Chapter 4 and the untitled Caine spin-off", not
    "... and Untitled Caine spin-off"; a comic has no runtime and no cast."""
    titles = [Title(key="jw4", name="John Wick: Chapter 4", kind="film",
                    release_at=datetime(2023, 3, 24, tzinfo=UTC)),
              Title(key="caine", name="Untitled Caine spin-off", kind="film"),
              Title(key="comic", name="The Book of Rules", kind="comic",
                    release_at=datetime(2017, 1, 1, tzinfo=UTC), release_precision="year")]
    credits = [Credit(title_key="jw4", actor="Donnie Yen", character="Caine", position=1),
               Credit(title_key="caine", actor="Donnie Yen", character="Caine", position=1)]
    entries = {e.ref: e for e in derived_entries(titles, credits)}
    assert entries["derived:character:caine"].answer == (
        "**Caine** is played by Donnie Yen in John Wick: Chapter 4 and the untitled Caine spin-off.")
    assert "the untitled Caine spin-off" in entries["derived:actor:donnie-yen"].answer
    assert {"derived:runtime:comic", "derived:cast:comic", "derived:director:comic"}.isdisjoint(entries)
    assert "derived:release:comic" in entries
