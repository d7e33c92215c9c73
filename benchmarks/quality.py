"""Answer quality: the engine against the usual baselines on the labelled question set.

    .venv/bin/python -m benchmarks.quality            # tables for dev / heldout / all
    .venv/bin/python -m benchmarks.quality --json     # the same, machine-readable
    .venv/bin/python -m benchmarks.quality --failures # the engine's misses on the DEV split only
    .venv/bin/python -m benchmarks.quality --dev-only --failures  # tuning: held-out unseen

A temp SQLite store gets the shipped knowledge (faq_data/) and the made-up server FAQ set
(server_faqs.json) imported into one guild; every query goes through
`AnswerService.ask(guild_id, query)`, the bot's own code path. The baselines choose from
the same candidates: every entry of that guild's index (its FAQs and the derived answers).
Baseline cutoffs are chosen on the dev split only; the held-out split is never used to
choose anything. Exit code 0 whatever the figures (it is a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.baselines import BASELINES, best_cutoff, outcomes_at
from benchmarks.dataset import (
    KINDS,
    SERVER_FAQS_PATH,
    SPLITS,
    Candidate,
    Metrics,
    Outcome,
    Query,
    in_split,
    is_hit,
    load_questions,
    score,
    split_drift,
)
from benchmarks.stats import mcnemar_exact_p, rate_with_interval
from bot.answers import AnswerService
from bot.casting import APPEARS_REF, person_of
from bot.derived import derived_entries
from bot.engine import Answer, Entry, faq_entry
from bot.exchange import parse_exchange
from bot.knowledge import load_knowledge
from bot.store import Store

GUILD_ID = 424_242_424_242
ENGINE = "Concierge engine"


@dataclass(slots=True)
class SystemResult:
    name: str
    cutoff: float | None  # None for the engine (its own thresholds)
    outcomes: list[Outcome]
    metrics: dict[str, Metrics] = field(default_factory=dict)  # by split
    strict: dict[str, Metrics] = field(default_factory=dict)  # by split, blind labels only


@dataclass(slots=True)
class Report:
    queries: list[Query]
    candidates: int
    systems: list[SystemResult]
    engine_answers: list[Answer]
    split_drift: list[str]


def _candidate(entry: Entry, labels: dict[int, str]) -> Candidate:
    label = labels[entry.faq_id] if entry.faq_id is not None else entry.ref
    return Candidate(label=label, ref=entry.ref, question=entry.question,
                     aliases=tuple(entry.aliases), answer=entry.answer)


async def open_bench(path: Path, server_faqs: Path = SERVER_FAQS_PATH,
                     ) -> tuple[Store, AnswerService, dict[str, Candidate]]:
    """A store with the shipped knowledge plus a server set (the labelled set's, unless
    told) in GUILD_ID; its candidates."""
    store = await Store.open(path)
    service = AnswerService(store)
    await service.load_knowledge(load_knowledge())
    drafts = parse_exchange(server_faqs.read_bytes())
    await service.import_faqs(GUILD_ID, drafts)
    faqs = await store.faqs.visible(GUILD_ID)
    labels = {f.id: f.shipped_key or f"server:{f.question}" for f in faqs}
    # the guild's index is built exactly from these (see AnswerService.index)
    entries = [*derived_entries(await store.catalog.titles(), await store.catalog.credits()),
               *(faq_entry(f) for f in faqs)]
    candidates = {e.ref: _candidate(e, labels) for e in entries}
    index = await service.index(GUILD_ID)
    if len(index) != len(candidates) or any(ref not in index for ref in candidates):
        raise RuntimeError("the benchmark's candidates differ from the guild's index")
    return store, service, candidates


def engine_outcome(answer: Answer, candidates: dict[str, Candidate]) -> Outcome:
    best = candidates[_candidate_ref(answer.best.entry.ref)] if answer.best is not None else None
    shown = ([best] if best is not None else []) + [candidates[m.entry.ref] for m in answer.suggestions]
    return Outcome(best=best, top3=tuple(shown[:3]))


def _candidate_ref(ref: str) -> str:
    """The candidate an answer counts as: an answer made for "is X in Y" (no candidate of
    its own) as the derived answer on X, whose words it says with yes or no first."""
    return person_of(ref) if ref.startswith(APPEARS_REF) else ref


async def evaluate(queries: Sequence[Query], *, baselines: bool = True, check_split: bool = False) -> Report:
    """Ask every query; score the engine and (optionally) the baselines on dev/heldout/all.
    `check_split`: report queries that break the split rule (only meaningful on the full set)."""
    queries = list(queries)
    with tempfile.TemporaryDirectory(prefix="concierge-bench-") as tmp:
        store, service, candidates = await open_bench(Path(tmp) / "bench.db")
        try:
            answers = [await service.ask(GUILD_ID, q.text) for q in queries]
        finally:
            await store.close()
    systems = [SystemResult(ENGINE, None, [engine_outcome(a, candidates) for a in answers])]
    if baselines:
        pool = list(candidates.values())
        dev = [i for i, q in enumerate(queries) if q.split == "dev"]
        for baseline in BASELINES:
            ranked = baseline.rank(queries, pool)
            cutoff = baseline.fixed_cutoff
            if cutoff is None:
                cutoff, _ = best_cutoff([queries[i] for i in dev], [ranked[i] for i in dev])
            systems.append(SystemResult(baseline.name, cutoff, outcomes_at(ranked, cutoff)))
    for system in systems:
        for split in SPLITS:
            picked = [i for i, q in enumerate(queries) if split == "all" or q.split == split]
            chosen, done = [queries[i] for i in picked], [system.outcomes[i] for i in picked]
            system.metrics[split] = score(chosen, done)
            system.strict[split] = score(chosen, done, strict=True)
    return Report(queries, len(candidates), systems, answers, split_drift(queries) if check_split else [])


# --- output -----------------------------------------------------------------------------
def _pct(value: float) -> str:
    return "   n/a" if math.isnan(value) else f"{100 * value:5.1f}%"


def _cutoff(system: SystemResult) -> str:
    if system.cutoff is None:
        return "own"
    return "never" if math.isinf(system.cutoff) else f"{system.cutoff:.4g}"


def format_report(report: Report, splits: Sequence[str] = SPLITS) -> str:
    """The tables; `splits` limits them (tuning looks at ("dev",) only)."""
    q = report.queries
    lines = [
        f"Questions: {len(q)} ({sum(x.answerable for x in q)} answerable, "
        f"{sum(not x.answerable for x in q)} off-topic); "
        f"dev {len(in_split(q, 'dev'))}, heldout {len(in_split(q, 'heldout'))}. "
        f"Candidates per query: {report.candidates} (guild FAQs + derived answers).",
        "Baseline cutoffs maximise hit@1 − off-topic false rate on DEV; pg_trgm uses 0.3.",
    ]
    if report.split_drift:
        lines.append(f"WARNING: {len(report.split_drift)} queries break the split rule")
    for split in splits:
        lines += ["", f"[{split}]  {'system':<24} {'cutoff':>7} {'hit@1':>7} {'wrong':>7} "
                      f"{'sugg@3':>7} {'offtopic-false':>15}"]
        for s in report.systems:
            m = s.metrics[split]
            lines.append(f"{'':{len(split) + 4}}{s.name:<24} {_cutoff(s):>7} {_pct(m.hit_at_1):>7} "
                         f"{_pct(m.wrong_rate):>7} {_pct(m.top3_rate):>7} {_pct(m.offtopic_false_rate):>15}")
    lines += uncertainty_lines(report, splits)
    lines += ["", "Blind labels only (the post-hoc additions, gold_added, not accepted): hit@1 / wrong",
              f"  {'system':<24}" + "".join(f"{split:>18}" for split in splits)]
    for s in report.systems:
        cells = [f"{_pct(s.strict[k].hit_at_1)} / {_pct(s.strict[k].wrong_rate)}" for k in splits]
        lines.append(f"  {s.name:<24}" + "".join(f"{cell:>18}" for cell in cells))
    for split in splits:
        lines += ["", f"Per kind, {split} (hit@1; offtopic = false-answer rate; n = queries):"]
        totals = report.systems[0].metrics[split].kind_totals
        lines.append(f"  {'system':<24}" + "".join(f"{k[:9]:>10}" for k in KINDS))
        lines.append(f"  {'n':<24}" + "".join(f"{totals.get(k, 0):>10}" for k in KINDS))
        for s in report.systems:
            m = s.metrics[split]
            lines.append(f"  {s.name:<24}" + "".join(f"{_pct(m.kind_rate(k)):>10}" for k in KINDS))
    return "\n".join(lines)


def uncertainty_lines(report: Report, splits: Sequence[str] = SPLITS) -> list[str]:
    """How far the engine's figures could be from its rate on questions like these: with
    145 held-out answerable questions one question is 0.7 points, so a rate is given with
    its 95 % interval, and "above every baseline" with the questions only one of the two
    systems gets right and how likely so uneven a split is by chance."""
    lines = ["", "Uncertainty: the engine's rates with their 95 % Wilson intervals; against each "
                 "baseline, the answerable questions only one of the two gets right (exact McNemar p, "
                 "two-sided)"]
    engine, *baselines = report.systems
    for split in splits:
        picked = [i for i, q in enumerate(report.queries)
                  if q.answerable and (split == "all" or q.split == split)]
        m = engine.metrics[split]
        lines.append(f"  [{split}] hit@1 {rate_with_interval(m.hits, m.answerable)}; off-topic answered "
                     f"{rate_with_interval(m.false_answers, m.offtopic)}")
        mine, *theirs = [[is_hit(report.queries[i], s.outcomes[i].best) for i in picked]
                         for s in report.systems]
        for baseline, their_hits in zip(baselines, theirs, strict=True):
            pairs = list(zip(mine, their_hits, strict=True))
            only_engine = sum(a and not b for a, b in pairs)
            only_baseline = sum(b and not a for a, b in pairs)
            lines.append(f"    vs {baseline.name:<22} engine alone right {only_engine:>3}, "
                         f"baseline alone right {only_baseline:>3}, "
                         f"p = {mcnemar_exact_p(only_engine, only_baseline):.2g}")
    return lines


def report_json(report: Report) -> dict[str, object]:
    return {
        "questions": len(report.queries), "candidates": report.candidates,
        "split_drift": report.split_drift,
        "systems": [{"name": s.name, "cutoff": None if s.cutoff is None or math.isinf(s.cutoff) else s.cutoff,
                     "splits": {k: m.as_dict() for k, m in s.metrics.items()},
                     "strict_splits": {k: m.as_dict() for k, m in s.strict.items()}} for s in report.systems],
    }


def dev_failures(report: Report) -> str:
    """The engine's misses on the DEV split only (tuning material), grouped by kind."""
    engine = report.systems[0]
    groups: dict[str, list[str]] = {}
    for query, outcome, answer in zip(report.queries, engine.outcomes, report.engine_answers, strict=True):
        right = is_hit(query, outcome.best) if query.answerable else outcome.best is None
        if query.split != "dev" or right:
            continue
        gold = ", ".join(sorted(query.gold | query.gold_added))
        gold += f" | derived answer containing {list(query.gold_any)}" if query.gold_any else ""
        got = (f"answered {outcome.best.label!r}" if outcome.best else "no answer") + (
            f" (top {answer.top_score:.1f}; shown {[c.label for c in outcome.top3]})")
        groups.setdefault(query.kind, []).append(
            f"  {query.text!r}\n      gold: {gold or 'none (off-topic)'}\n      {got}")
    lines = [f"Engine failures on the DEV split ({sum(map(len, groups.values()))}):"]
    for kind in KINDS:
        if kind in groups:
            lines += [f"[{kind}] {len(groups[kind])}", *groups[kind]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quality", description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--failures", action="store_true", help="also list the engine's DEV-split misses")
    parser.add_argument("--dev-only", action="store_true",
                        help="print the DEV split only (for tuning: the held-out figures stay unseen)")
    args = parser.parse_args(argv)
    report = asyncio.run(evaluate(load_questions(), check_split=True))
    if args.json:
        print(json.dumps(report_json(report), indent=2))
    else:
        print(format_report(report, ("dev",) if args.dev_only else SPLITS))
    if args.failures:
        print("\n" + dev_failures(report), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
