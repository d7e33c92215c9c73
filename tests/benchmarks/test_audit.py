"""The pooled label audit: what is pooled, what every judge must agree on, where it is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.audit import accepted, add_labels, pool_rows
from benchmarks.dataset import Candidate, Outcome, Query, is_hit
from benchmarks.extra import load_extra

RUNTIME = Candidate("ballerina-runtime", "faq:1", "How long is Ballerina?", (), "2 h 5 min.")
SERIES = Candidate("the-continental", "faq:2", "What is The Continental?", (),
                   "A miniseries. Albert Hughes directed episodes 1 and 3.")
CAST = Candidate("continental-cast", "faq:3", "Who is in The Continental?", (), "Colin Woodell.")


def _query(text: str, gold: str | None) -> Query:
    return Query(text, frozenset([gold] if gold else []), (), "paraphrase", "dev")


def test_the_pool_holds_answers_the_labels_count_wrong_once_each_and_no_off_topic() -> None:
    queries = [_query("how long is ballerina", "ballerina-runtime"),
               _query("who directed the continental", "derived:director:the-continental"),
               _query("best pizza in town", None)]
    engine = [Outcome(RUNTIME, ()), Outcome(SERIES, ()), Outcome(SERIES, ())]
    baseline = [Outcome(None, ()), Outcome(SERIES, ()), Outcome(CAST, ())]
    other = [Outcome(SERIES, ()), Outcome(CAST, ()), Outcome(None, ())]
    rows = pool_rows(queries, [engine, baseline, other])
    assert sorted((r["query"], r["label"]) for r in rows) == [
        ("how long is ballerina", "the-continental"),
        ("who directed the continental", "continental-cast"),
        ("who directed the continental", "the-continental")]
    assert sorted(r["id"] for r in rows) == ["1", "2", "3"]
    assert all(r["answer"] and r["answer_title"] for r in rows)
    assert "system" not in rows[0]  # blind: nothing says which system gave it


def test_a_label_is_accepted_only_when_every_judge_says_yes() -> None:
    pool = [{"id": "1", "query": "a", "label": "x"}, {"id": "2", "query": "b", "label": "y"},
            {"id": "3", "query": "c", "label": "z"}]
    first = [{"id": "1", "verdict": "yes"}, {"id": "2", "verdict": "Yes "}, {"id": "3", "verdict": "yes"}]
    second = [{"id": "1", "verdict": "no"}, {"id": "2", "verdict": "yes"}]  # skipped 3: no
    assert accepted(pool, [first, second]) == [("b", "y")]
    assert accepted(pool, []) == []


def test_accepted_labels_are_added_to_gold_added_and_nothing_else_changes() -> None:
    lines = [json.dumps({"query": "a", "gold": "g", "kind": "paraphrase", "split": "heldout"}) + "\n",
             "\n",
             json.dumps({"query": "b", "gold": "h", "gold_added": ["k"], "kind": "typo",
                         "split": "dev"}) + "\n"]
    out = add_labels(lines, [("a", "x"), ("b", "k"), ("b", "y")])
    assert json.loads(out[0]) == {"query": "a", "gold": "g", "kind": "paraphrase",
                                  "split": "heldout", "gold_added": ["x"]}
    assert out[1] == "\n"
    assert json.loads(out[2])["gold_added"] == ["k", "y"]
    assert add_labels(lines, []) == lines
    with pytest.raises(ValueError, match="not in the question set"):
        add_labels(lines, [("nowhere", "x")])


def test_the_helper_sets_read_the_labels_the_audit_added(tmp_path: Path) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_text(json.dumps({"query": "who directed the continental", "gold": ["x"],
                                "gold_added": ["the-continental"], "kind": "paraphrase",
                                "set": 1, "half": "check"}) + "\n", encoding="utf-8")
    [extra] = load_extra(path)
    assert is_hit(extra.query, SERIES) and not is_hit(extra.query, SERIES, strict=True)
