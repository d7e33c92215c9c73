import json
from typing import Any

import pytest

from bot.errors import InvalidExchangeFile, InvalidFaq
from bot.exchange import (
    ALIASES_MAX,
    ANSWER_MAX,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    QUESTION_MAX,
    dump_exchange,
    parse_exchange,
    split_aliases,
    split_commas,
    validate_entry,
)
from bot.models import FaqDraft


def doc(*faqs: object, version: object = 1) -> str:
    return json.dumps({"version": version, "faqs": list(faqs)})


GOOD: dict[str, Any] = {"question": "When does the watch party start?", "answer": "Saturdays at 20:00 UTC.",
        "aliases": ["watch party time", "movie night"], "tags": ["events"]}


def test_round_trip() -> None:
    drafts = parse_exchange(doc(GOOD))
    assert drafts == [FaqDraft(GOOD["question"], GOOD["answer"], ("watch party time", "movie night"),
                               ("events",))]
    assert parse_exchange(dump_exchange(drafts)) == drafts


def test_limits_are_inclusive() -> None:
    draft, problems = validate_entry("q" * QUESTION_MAX, "a" * ANSWER_MAX, ["x"] * 1, [])
    assert draft is not None and not problems
    draft, problems = validate_entry("q" * (QUESTION_MAX + 1), "a" * (ANSWER_MAX + 1),
                                     [f"a{i}" for i in range(ALIASES_MAX + 1)], ["t" * 33])
    assert draft is None
    assert {p.field for p in problems} == {"question", "answer", "aliases", "tags[0]"}


def test_text_of_only_invisible_characters_is_empty() -> None:
    """A zero-width space is no whitespace to str.strip, and shows nothing: a question of
    only that would be a blank line in every list."""
    draft, problems = validate_entry("\u200b", " \ufeff\u200d ", ["\u2060"], [])
    assert draft is None
    assert [(p.field, p.problem) for p in problems] == [
        ("question", "must not be empty"), ("answer", "must not be empty"),
        ("aliases[0]", "must not be empty")]
    draft, _ = validate_entry("\u200bWho directed it?\u200b", "Len Wiseman.", [], [])
    assert draft is not None and draft.question == "Who directed it?"
    draft, _ = validate_entry("Is 👩\u200d💻 allowed?", "Yes.", [], [])  # a joiner inside stays
    assert draft is not None and "\u200d" in draft.question


def test_one_line_fields_keep_no_line_breaks_and_the_answer_keeps_its_own() -> None:
    draft, _ = validate_entry("When is\nmovie  night?", "Fridays.\n\nIn #cinema.",
                              ["when is the\r\nmovie night", "movie\tnight"], ["movie\nnights"])
    assert draft == FaqDraft("When is movie night?", "Fridays.\n\nIn #cinema.",
                             ("when is the movie night", "movie night"), ("movie nights",))


def test_characters_sqlite_cannot_store_are_named_not_crashed_on() -> None:
    # NUL: SQLite's length() stops at it, so the length CHECKs would refuse the row; a lone
    # surrogate is no UTF-8 at all
    raw = json.dumps({"version": 1, "faqs": [
        GOOD, {"question": "\u0000Hi?", "answer": "x"}, {"question": "Hi?", "answer": "\u0000"},
        {"question": "Ho?", "answer": "x", "aliases": ["ok", "\ud800"]}]})
    with pytest.raises(InvalidFaq) as caught:
        parse_exchange(raw)
    assert {(p.index, p.field) for p in caught.value.problems} == {
        (1, "question"), (2, "answer"), (3, "aliases[1]")}
    assert all("can't be stored" in p.problem for p in caught.value.problems)


def test_every_bad_entry_is_reported_by_index_and_field() -> None:
    bad = [GOOD, {"question": "", "answer": "x"}, {"question": "ok?", "answer": 5},
           {"question": "Another?", "answer": "yes", "tags": "events"}, "not an object",
           {"question": "WHEN does the  watch party start?", "answer": "dup"},
           {"question": "Extra?", "answer": "x", "colour": "red"}]
    with pytest.raises(InvalidFaq) as caught:
        parse_exchange(doc(*bad))
    found = {(p.index, p.field) for p in caught.value.problems}
    assert found == {(1, "question"), (2, "answer"), (3, "tags"), (4, "entry"), (5, "question"),
                     (6, "colour")}
    assert "entry 1, question" in caught.value.message


@pytest.mark.parametrize("raw", ["not json", "[]", '{"faqs": {}}', doc(GOOD, version=2), b"\xff\xfe",
                                 '{"version": true, "faqs": []}', '{"version": 1.0, "faqs": []}'])
def test_wrong_shape_is_one_clear_error(raw: str | bytes) -> None:
    with pytest.raises(InvalidExchangeFile):
        parse_exchange(raw)


@pytest.mark.parametrize(("raw", "advice"), [
    ("[" * 100_000 + "]" * 100_000, "nests too deeply"),  # past the parser's recursion limit
    ('{"version": ' + "1" * 5000 + ', "faqs": []}', "number too long"),  # past int's digit limit
    (b'{"version": 1, "faqs": [}', "line 1, column 25"),
    ('{"version": 1, "faqs": [{"question": "Café?", "answer": "Oui"}]}'.encode("latin-1"),
     "not UTF-8"),
])
def test_unreadable_files_say_what_to_do(raw: str | bytes, advice: str) -> None:
    with pytest.raises(InvalidExchangeFile, match=advice) as caught:
        parse_exchange(raw)
    assert "codec" not in caught.value.message  # no Python internals in the advice


def test_past_ten_problems_the_rest_are_still_named_by_entry() -> None:
    raw = json.dumps({"version": 1, "faqs": [{"question": "", "answer": ""}] * 12 + [
        {"question": "Fine?", "answer": "Yes."}, {"question": "", "answer": "x"}]})
    with pytest.raises(InvalidFaq) as caught:
        parse_exchange(raw)
    assert "(and 15 more problems in entries 5-11, 13)." in caught.value.message


def test_file_size_and_entry_limits_hold_for_discord_files_only() -> None:
    with pytest.raises(InvalidExchangeFile, match="limit"):
        parse_exchange(" " * (MAX_FILE_BYTES + 1))
    many = dump_exchange([FaqDraft(f"Question {i}?", "x" * 400) for i in range(MAX_ENTRIES + 1)])
    assert len(many) > MAX_FILE_BYTES  # both limits passed
    with pytest.raises(InvalidExchangeFile, match="limit"):
        parse_exchange(many)
    # the CLI reads local files, uncapped: whatever `export` wrote, `import` takes back
    assert len(parse_exchange(many, capped=False)) == MAX_ENTRIES + 1


def test_split_commas() -> None:
    assert split_commas(" a, b,,c ,") == ["a", "b", "c"]
    assert split_commas(None) == []


def test_split_aliases() -> None:
    # SPEC: comma-separated; one per line works too (the form shows stored aliases so)
    assert split_aliases("watch party time, movie night") == ["watch party time", "movie night"]
    assert split_aliases("a, b\n\n c \n") == ["a", "b", "c"]
    # a stored alias holding a comma (imported) stays whole when the form gives it back
    assert split_aliases(" yes, no \nmaybe, so", keep=("yes, no",)) == ["yes, no", "maybe", "so"]
    assert split_aliases("") == [] and split_aliases(None) == []

