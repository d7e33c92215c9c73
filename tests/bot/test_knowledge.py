"""The shipped data files: schema, SPEC's limits, no duplicates, credits point at real titles."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.exchange import ALIAS_MAX, ALIASES_MAX, ANSWER_MAX, QUESTION_MAX, TAG_MAX, TAGS_MAX
from bot.knowledge import DEFAULT_DATA_DIR, KnowledgeError, load_knowledge
from bot.models import Knowledge
from bot.text import question_key
from tests.bot.test_engine import _best, _shipped_index

FACTS = Path(__file__).resolve().parents[2].parent / "shared" / "franchise-facts.md"


def test_loads_enough_faqs_within_limits(knowledge: Knowledge) -> None:
    assert len(knowledge.faqs) >= 60
    for key, faq in knowledge.faqs.items():
        assert 1 <= len(faq.question) <= QUESTION_MAX, key
        assert 1 <= len(faq.answer) <= ANSWER_MAX, key
        assert len(faq.aliases) <= ALIASES_MAX and all(1 <= len(a) <= ALIAS_MAX for a in faq.aliases)
        assert len(faq.tags) <= TAGS_MAX and all(1 <= len(t) <= TAG_MAX for t in faq.tags)


def test_no_question_or_alias_twice(knowledge: Knowledge) -> None:
    owners: dict[str, str] = {}
    for key, faq in knowledge.faqs.items():
        for phrase in (faq.question, *faq.aliases):
            norm = question_key(phrase)
            assert owners.setdefault(norm, key) == key, f"{phrase!r} in {key} and {owners[norm]}"


def test_aliases_reach_the_ways_fans_ask(knowledge: Knowledge) -> None:
    """Aliases from helpers who saw only the FAQs, kept where they helped: each of these
    declined or missed before them."""
    index = _shipped_index()
    faqs = knowledge.faqs
    for question, key in (
            ("was ballerina the first spinoff in the franchise", "first-spin-off"),
            ("was that snowy austrian village in ballerina a real location or nah",
             "hallstatt-filming"),
            ("when did balerina release in america", "ballerina-release-date"),
            ("who cut ballerina together, the editors", "ballerina-editors-design"),
            ("whos the ruska roma boss lady", "the-director")):
        assert _best(question, index).question == faqs[key].question, question
    # a city they shot in is no question about where the story is set
    best = index.answer("what city did they shoot ballerina in").best
    assert best is None or best.entry.question != faqs["ballerina-setting"].question


def test_a_films_cast_is_its_cast_list() -> None:
    """The Chapter 2 and 3 FAQs name only the new faces, so they carry no "cast" alias."""
    index = _shipped_index()
    for question, film in (("which actors were in parabellum", "Chapter 3"),
                           ("which actors are in john wick chapter 2", "Chapter 2")):
        best = _best(question, index)
        assert best.ref.startswith("derived:cast:") and film in best.question, question


def test_asking_for_a_john_wick_show_names_the_one_that_is_out() -> None:
    best = _best("is there a john wick tv show", _shipped_index())
    assert "Under the High Table" in best.question and "*The Continental*" in best.answer


def test_titles_and_credits(knowledge: Knowledge) -> None:
    keys = [title.key for title in knowledge.titles]
    assert len(keys) == len(set(keys)) >= 14
    assert {c.title_key for c in knowledge.credits} <= set(keys)
    by_key = {title.key: title for title in knowledge.titles}
    ballerina = by_key["ballerina"]
    assert ballerina.release_at is not None and ballerina.release_at.date().isoformat() == "2025-06-06"
    assert ballerina.director == "Len Wiseman"
    assert ballerina.runtime_minutes == 125
    names = [alias.casefold() for title in knowledge.titles for alias in (title.name, *title.aliases)]
    assert len(names) == len(set(names)), "a title name or alias is shared by two titles"


def test_facts_the_fan_article_got_wrong(knowledge: Knowledge) -> None:
    ballerina_cast = {(c.actor, c.character) for c in knowledge.credits if c.title_key == "ballerina"}
    assert ("Ana de Armas", "Eve Macarro") in ballerina_cast
    assert not any("Fishburne" in actor for actor, _ in ballerina_cast)
    assert not any("Rooney" in character for _, character in ballerina_cast)
    undated = {t.key for t in knowledge.titles if t.release_at is None}
    assert len(undated) >= 5  # Chapter 5, the anime, Caine, Under the High Table, the game: TBA


def test_every_title_in_the_fact_sheet_is_shipped(knowledge: Knowledge) -> None:
    if not FACTS.exists():
        pytest.skip("../shared/franchise-facts.md is not beside this clone")
    table = FACTS.read_text(encoding="utf-8").split("### 1a.")[1].split("**Sources for 1a**")[0]
    assert table.count("\n| ") - 1 == len(knowledge.titles)  # one shipped title per table row
    shipped = " ".join(f"{t.name} {' '.join(t.aliases)}".casefold() for t in knowledge.titles)
    for word in ("hex", "chronicles", "book of rules", "continental", "under the high table",
                 "caine", "anime", "chapter 5", "ballerina", "chapter 4", "parabellum"):
        assert word in shipped, word


def test_the_files_parse_as_plain_toml() -> None:
    for name in ("faqs.toml", "titles.toml", "credits.toml"):
        with (DEFAULT_DATA_DIR / name).open("rb") as handle:
            assert tomllib.load(handle)


def _problems(folder: Path, faqs: str, credits: str) -> str:
    """The KnowledgeError message for faq_data/ files in `folder` (one title, "t")."""
    (folder / "faqs.toml").write_text(faqs)
    (folder / "titles.toml").write_text('[[title]]\nkey = "t"\nname = "T"\nkind = "film"\n')
    (folder / "credits.toml").write_text(credits)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return caught.value.message


def test_bad_data_is_reported_with_file_and_key(tmp_path: Path) -> None:
    message = _problems(
        tmp_path,
        '[[faq]]\nkey = "a"\nquestion = "Q?"\nanswer = ""\n'
        '[[faq]]\nkey = "b"\nquestion = "q?"\nanswer = "x"\n',
        '[[credit]]\ntitle = "nope"\nactor = "A"\ncharacter = "C"\n'
        '[[credit]]\ntitle = "t"\nactor = "A"\ncharacter = "C"\naka = "Mr. C"\n')
    assert "faqs.toml a: answer" in message
    assert "unknown title 'nope'" in message
    assert "credits.toml entry 1: aka must be a list of names" in message


def test_another_name_must_be_nobody_elses(tmp_path: Path) -> None:
    message = _problems(
        tmp_path, "",
        '[[credit]]\ntitle = "t"\nactor = "A"\ncharacter = "Caine"\n'
        '[[credit]]\ntitle = "t"\nactor = "B"\ncharacter = "The Tracker"\naka = ["caine", "Mr. X"]\n'
        '[[credit]]\ntitle = "t"\nactor = "C"\ncharacter = "Zero"\naka = ["Mr X"]\n')
    assert "The Tracker's aka 'caine' is the name of Caine" in message
    assert "aka 'Mr X' is given to both The Tracker and Zero" in message
