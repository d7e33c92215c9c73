"""Pooled, blind judgement of the benchmark labels (audit 3 in `benchmarks.dataset`).

The blind labels name the answers their writer expected; an answer they did not name may
still state exactly what was asked (the Continental FAQ says who directed its episodes).
As in TREC-style pooling, every system's confident answer to an answerable question that
the labels count wrong goes into a pool, shuffled and without the system's name; judges
who see only the question and the answer's text say whether it gives what was asked; a
label is added (to ``gold_added``) only where every judge says yes. Off-topic questions
are not pooled: their label stays as written.

    python -m benchmarks.audit pool POOL.jsonl        # every system, every split
    python -m benchmarks.audit apply POOL.jsonl JUDGED.jsonl [JUDGED.jsonl ...]

With ``--extra``, the same for the helper-written sets (`benchmarks.extra`: the engine and
pg_trgm, both halves), written to ``extra_questions.jsonl``.

A judged line is ``{"id": <pool id>, "verdict": "yes" | "no"}``.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import benchmarks.extra
from benchmarks.dataset import QUESTIONS_PATH, Outcome, Query, is_hit, load_questions
from benchmarks.quality import evaluate

POOL_SEED = 5


def pool_rows(queries: Sequence[Query], picks: Iterable[Sequence[Outcome]]) -> list[dict[str, str]]:
    """One row per (answerable question, confident answer the labels count wrong), over every
    system's picks (each a sequence of `Outcome`s aligned with `queries`); shuffled."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for outcomes in picks:
        for query, outcome in zip(queries, outcomes, strict=True):
            best = outcome.best
            if best is None or not query.answerable or is_hit(query, best):
                continue
            rows.setdefault((query.text, best.label), {
                "query": query.text, "label": best.label,
                "answer_title": best.question, "answer": best.answer})
    pooled = sorted(rows.values(), key=lambda r: (r["query"], r["label"]))
    random.Random(POOL_SEED).shuffle(pooled)
    return [{"id": str(i), **row} for i, row in enumerate(pooled, 1)]


def accepted(pool: Sequence[dict[str, str]], judged: Sequence[Sequence[dict[str, str]]]
             ) -> list[tuple[str, str]]:
    """(query, label) of the pooled rows every judge said yes to; a row a judge skipped is no."""
    verdicts = [{row["id"]: row["verdict"].strip().casefold() for row in judge} for judge in judged]
    return [(row["query"], row["label"]) for row in pool
            if judged and all(v.get(row["id"]) == "yes" for v in verdicts)]


def add_labels(lines: Sequence[str], additions: Iterable[tuple[str, str]]) -> list[str]:
    """`questions.jsonl` lines with each (query, label) added to that query's gold_added."""
    wanted: dict[str, list[str]] = {}
    for query, label in additions:
        wanted.setdefault(query, []).append(label)
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        row = json.loads(line)
        new = [label for label in wanted.pop(row["query"], []) if label not in row.get("gold_added", [])]
        if new:
            row["gold_added"] = [*row.get("gold_added", []), *new]
            line = json.dumps(row, ensure_ascii=False) + "\n"
        out.append(line)
    if wanted:
        raise ValueError(f"not in the question set: {sorted(wanted)}")
    return out


def _read_jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


async def _picks(extra: bool) -> tuple[list[Query], list[list[Outcome]]]:
    if extra:
        run = await benchmarks.extra.run()
        return [e.query for e in run.asked], [run.engine, run.trgm]
    report = await evaluate(load_questions())
    return report.queries, [s.outcomes for s in report.systems]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    extra = "--extra" in args
    args = [a for a in args if a != "--extra"]
    target = benchmarks.extra.EXTRA_PATH if extra else QUESTIONS_PATH
    if len(args) >= 2 and args[0] == "pool":
        queries, picks = asyncio.run(_picks(extra))
        rows = pool_rows(queries, picks)
        Path(args[1]).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                 encoding="utf-8")
        print(f"{len(rows)} pooled answers written to {args[1]}")
        return 0
    if len(args) >= 3 and args[0] == "apply":
        pool = _read_jsonl(Path(args[1]))
        additions = accepted(pool, [_read_jsonl(Path(p)) for p in args[2:]])
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        target.write_text("".join(add_labels(lines, additions)), encoding="utf-8")
        print(f"{len(additions)} of {len(pool)} pooled answers accepted by every judge")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
