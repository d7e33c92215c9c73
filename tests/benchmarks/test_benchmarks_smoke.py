"""Smoke test of the benchmarks (benchmarks/): they run and their output is well-formed.

Figures are never asserted here; `python -m benchmarks.quality` and `python -m benchmarks.speed`
print them.
"""

from __future__ import annotations

import json
import math
import random
import tomllib

from benchmarks.dataset import KINDS, SERVER_FAQS_PATH, Outcome, load_questions, split_drift
from benchmarks.e2e import format_e2e, run_e2e
from benchmarks.guilds import report as guilds_report
from benchmarks.guilds import run as run_guilds
from benchmarks.quality import ENGINE, dev_failures, evaluate, format_report, report_json
from benchmarks.speed import format_reference, format_size, measure, reference_ms
from benchmarks.synth import mash_queries
from bot.exchange import parse_exchange
from bot.knowledge import DEFAULT_DATA_DIR


def test_question_set_is_well_formed() -> None:
    queries = load_questions()
    shipped = {f["key"] for f in tomllib.loads((DEFAULT_DATA_DIR / "faqs.toml").read_text())["faq"]}
    server = {f"server:{d.question}" for d in parse_exchange(SERVER_FAQS_PATH.read_bytes())}
    assert not split_drift(queries)
    assert {q.kind for q in queries} <= set(KINDS)
    assert len({q.text.casefold() for q in queries}) == len(queries)
    for q in queries:
        assert all(g in shipped | server or g.startswith("derived:") for g in q.gold), q
        assert all(g in shipped | server or g.startswith("derived:") for g in q.gold_added), q
        assert (q.kind == "offtopic") == (not q.answerable), q


async def test_quality_runner_on_a_handful_of_queries() -> None:
    queries = load_questions()
    sample = [q for q in queries if q.answerable][:5] + [q for q in queries if not q.answerable][:3]
    report = await evaluate(sample)
    assert report.systems[0].name == ENGINE and len(report.systems) == 5
    for system in report.systems:
        assert len(system.outcomes) == len(sample)
        assert set(system.metrics) == {"dev", "heldout", "all"}
        m = system.metrics["all"]
        assert m.answerable == 5 and m.offtopic == 3
        for rate in (m.hit_at_1, m.wrong_rate, m.top3_rate, m.offtopic_false_rate):
            assert 0.0 <= rate <= 1.0
    text = format_report(report)
    assert "hit@1" in text and "offtopic-false" in text and "[heldout]" in text
    engine = report.systems[0].metrics["all"]
    assert f"[all] hit@1 {engine.hits}/5 = " in text and "p = " in text
    json.dumps(report_json(report))
    assert "DEV split" in dev_failures(report)


async def test_guilds_code_on_a_few_guilds() -> None:
    result = await run_guilds(sharing=(3, 2), own=(2, 1))
    assert result.sharing.first.n == 3 and result.own.first.n == 2 and result.entries > 200
    # a view costs a small part of an index of its own (a structure, not a timing)
    assert 0 < result.sharing.kb_per_guild * 10 < result.own.kb_per_guild
    assert "memory per guild" in guilds_report(result)


def test_speed_code_on_a_tiny_size() -> None:
    result = measure(400, 40, ["who plays winston", "hi"])
    assert result.size == 400 and result.build_s > 0 and result.tracemalloc_peak_mb > 0
    for lat in (result.answer, result.complete):
        assert lat.n == 40 and 0 <= lat.p50 <= lat.p95 <= lat.p99 <= lat.max
    assert result.mash.n > 0 and 0 <= result.mash.p50 <= result.mash.max
    assert any("answer" in line for line in format_size(result))
    assert any("keyboard mash" in line for line in format_size(result))


def test_keyboard_mash_is_as_long_as_a_question_and_all_unknown_words() -> None:
    mash = mash_queries(20)
    assert len(mash) == 20 == len(set(mash))
    assert all(190 <= len(text) <= 200 and text.replace(" ", "").isalpha() for text in mash)


def test_machine_speed_check() -> None:
    took = reference_ms(reps=1)
    assert 0 < took < 60_000
    assert format_reference(took, 2 * took).endswith(f"{2 * took:.1f} ms after")


async def test_end_to_end_round_trips() -> None:
    result = await run_e2e(3, ["who directed ballerina", "hi"])
    assert result.rounds == 3 and result.faq.n == result.help.n == 3
    assert math.isfinite(result.ratio_p50) and result.ratio_p50 > 0
    assert "/faq" in "\n".join(format_e2e(result))


def test_typo_variants_are_deterministic_and_noisy() -> None:
    from benchmarks.typos import NEIGHBOURS, variants

    queries = [q for q in load_questions() if q.split == "dev"][:20]
    made = variants(queries)
    assert made == variants(queries)  # fixed seed
    assert all(v.query.text != queries[v.source].text and v.query.split == "dev" for v in made)
    assert all(1 <= len(v.kinds) <= 2 and v.query.gold == queries[v.source].gold for v in made)
    assert "s" in NEIGHBOURS["a"] and "q" in NEIGHBOURS["a"] and "p" not in NEIGHBOURS["a"]


def test_chat_spelled_variants_are_deterministic_and_respelled() -> None:
    from benchmarks.slang import chat_spelled, variants

    queries = [q for q in load_questions() if q.split == "dev"][:20]
    made = variants(queries)
    assert made == variants(queries)  # fixed seed
    assert made and all(v.query.text != queries[v.source].text and v.changes >= 1 for v in made)
    assert all(v.query.gold == queries[v.source].gold and v.query.split == "dev" for v in made)
    text, changes = chat_spelled("What's the release date?", random.Random(1))
    assert "'" not in text and text == text.lower() and changes >= 0


async def test_slang_stress_run_reports_engine_and_pg_trgm() -> None:
    from benchmarks.slang import Run, report, variants

    clean = [q for q in load_questions() if q.split == "dev"][:4]
    made = variants(clean)
    outcomes = [Outcome(None, ()) for _ in range(len(clean) + len(made))]
    text = report(Run(clean, made, outcomes, outcomes))
    assert "chat-spelled, all" in text and "pg_trgm" in text


def test_chatter_copies_wrap_each_dev_query_once_per_list() -> None:
    from benchmarks.chatter import FRESH_CLOSERS, FRESH_OPENERS, wrapped

    queries = [q for q in load_questions() if q.split == "dev"][:30]
    made = wrapped(queries)
    assert made == wrapped(queries)  # fixed seed
    talky = [q for q in queries if q.kind != "rambling"]
    assert len(made) == 2 * len(talky) and [w.fresh for w in made[:2]] == [False, True]
    for w in made:
        clean = queries[w.source]
        assert clean.text in w.query.text and w.query.gold == clean.gold
    fresh = made[1].query.text
    assert any(fresh.startswith(o) for o in FRESH_OPENERS) and any(
        fresh.endswith(c) for c in FRESH_CLOSERS if c)


async def test_chatter_stress_run_reports_both_lists() -> None:
    from benchmarks.chatter import Run, report, wrapped

    clean = [q for q in load_questions() if q.split == "dev" and q.kind != "rambling"][:4]
    made = wrapped(clean)
    outcomes = [Outcome(None, ()) for _ in range(len(clean) + len(made))]
    text = report(Run(clean, made, outcomes, outcomes))
    assert "wrapped, TUNING lists" in text and "wrapped, FRESH lists" in text and "pg_trgm" in text


def test_chatter_misses_list_only_the_tuning_copies() -> None:
    """The FRESH lists are the check: a miss on them is counted, never shown."""
    from benchmarks.chatter import Run, misses, wrapped
    from benchmarks.dataset import Candidate

    clean = [q for q in load_questions() if q.split == "dev" and q.answerable
             and q.kind != "rambling" and q.gold][:4]
    made = wrapped(clean)
    right = [Outcome(Candidate(sorted(q.gold)[0], "ref", q.text, (), ""), ()) for q in clean]
    engine = right + [Outcome(None, ()) for _ in made]  # every wrapped copy missed
    listed = misses(Run(clean, made, engine, engine), 100)
    assert all((repr(w.query.text) in listed) == (not w.fresh) for w in made)


async def test_offtopic_stress_set_runs_and_is_new() -> None:
    from benchmarks.offtopic import load_extra, report, run

    extra = load_extra()
    assert len(extra) >= 50 and len(set(extra)) == len(extra)
    labelled = {q.text.casefold() for q in load_questions()}
    assert not {q.casefold() for q in extra} & labelled  # none of the labelled queries again
    result = await run(extra[:3])
    text = report(result, listed=True)
    assert "3 questions" in text and "pg_trgm" in text


async def test_helper_written_sets_run_and_keep_their_halves() -> None:
    from benchmarks.extra import HALVES, load_extra, report, run

    extras = load_extra()
    assert len(extras) >= 1000 and {e.half for e in extras} == set(HALVES)
    texts = [e.query.text.casefold() for e in extras]
    assert len(set(texts)) == len(texts)
    labelled = {q.text.casefold() for q in load_questions()}
    assert not labelled & set(texts)  # none of the labelled queries (nor the held-out ones)
    picked = [next(e for e in extras if e.half == half and e.query.answerable) for half in HALVES]
    text = report(await run(picked))
    assert "TUNING halves" in text and "CHECK halves" in text and "pg_trgm" in text
    one_right, one_wrong = "all sets: 1/1 = 100.0 % (20.7-100.0 %)", "all sets: 0/1 = 0.0 % (0.0-79.3 %)"
    assert one_right in text or one_wrong in text


async def test_the_second_server_runs_and_keeps_its_halves() -> None:
    from benchmarks.extra import load_extra
    from benchmarks.newserver import HALVES, SERVER_FAQS, half_of, load, report, run
    from bot.exchange import parse_exchange

    asked = load()
    assert len(asked) >= 200 and {a.half for a in asked} == set(HALVES)
    assert all(a.half == half_of(a.query.text) for a in asked)
    texts = {a.query.text.casefold() for a in asked}
    assert len(texts) == len(asked)
    others = {q.text.casefold() for q in load_questions()} | {e.query.text.casefold()
                                                              for e in load_extra()}
    assert not texts & others  # none of the other sets' questions (nor the held-out ones)
    questions = {f"server:{d.question}" for d in parse_exchange(SERVER_FAQS.read_bytes())}
    assert len(questions) == 40 and all(a.query.gold <= questions for a in asked)
    picked = [next(a for a in asked if a.half == half and a.query.answerable) for half in HALVES]
    text = report(await run(picked))
    assert "TUNING half" in text and "CHECK half" in text and "pg_trgm" in text


async def test_teaching_adds_tuning_misses_and_counts_both_halves() -> None:
    from benchmarks.dataset import is_hit
    from benchmarks.newserver import load
    from benchmarks.teaching import report, run

    asked = load()
    # a TUNING miss the listing can fix, an off-topic one to dismiss, and a CHECK question
    picked = [next(a for a in asked if a.query.text == "which night is the singing thing in voice chat"),
              next(a for a in asked if a.half == "tuning" and not a.query.answerable),
              next(a for a in asked if a.half == "check")]
    result = await run(picked)
    taught = result.teaching
    assert (taught.asked, taught.dismissed) == (2, 1)
    assert taught.listed - taught.dismissed == taught.added + taught.not_offered + taught.too_long
    tuning_hits = [is_hit(picked[0].query, o.best)
                   for o in (result.before["tuning"][0], result.after["tuning"][0])]
    assert tuning_hits == [False, True] and taught.added == 1  # answered once added
    text = report(result)
    assert "CHECK half, before" in text and "CHECK half, after" in text


async def test_teaching_lists_wrong_answers_said_not_it() -> None:
    from benchmarks.dataset import score
    from benchmarks.teaching import report, run

    result = await run(not_it=True)
    taught = result.teaching
    assert taught.wrong and taught.not_it >= taught.wrong  # listed, off-topic answers too
    assert taught.listed - taught.dismissed == taught.added + taught.not_offered + taught.too_long
    before, after = (score(result.halves["tuning"], o["tuning"]) for o in (result.before, result.after))
    assert after.wrong < before.wrong  # some were added to their right FAQ
    assert "every asker of a wrong answer" in report(result, not_it=True)
