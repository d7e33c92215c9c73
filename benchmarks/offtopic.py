"""Off-topic stress test: questions nothing in the bench guild answers must get no answer.

    .venv/bin/python -m benchmarks.offtopic            # false-answer rate, engine vs pg_trgm
    .venv/bin/python -m benchmarks.offtopic --list     # ... and every false answer

`offtopic_extra.txt` holds questions written after the labelled set was frozen, without
reading its held-out queries: the cast's private lives, other films, franchise trivia no
FAQ covers, Discord and general help. They are tuning material, like the DEV split; the
held-out split stays the judge. Each goes through `AnswerService.ask` in the same guild as
`benchmarks.quality` (shipped knowledge plus the made-up server FAQs); pg_trgm answers at
its default 0.3 over the same candidates. Exit code 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dataset import Query
from benchmarks.stress import ask_engine, trgm_outcomes
from bot.engine import Answer

HERE = Path(__file__).resolve().parent
EXTRA_PATH = HERE / "offtopic_extra.txt"


@dataclass(frozen=True, slots=True)
class Result:
    questions: list[str]
    answers: list[Answer]
    labels: dict[str, str]  # engine ref -> benchmark label
    trigram_false: int


def load_extra(path: Path = EXTRA_PATH) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


async def run(questions: Sequence[str] | None = None) -> Result:
    questions = list(questions if questions is not None else load_extra())
    answers, candidates = await ask_engine(questions, "concierge-offtopic-")
    queries = [Query(q, frozenset(), (), "offtopic", "dev") for q in questions]
    return Result(questions, answers, {ref: c.label for ref, c in candidates.items()},
                  sum(o.best is not None for o in trgm_outcomes(queries, candidates)))


def report(result: Result, *, listed: bool = False) -> str:
    n = len(result.questions)
    wrong = [(q, a) for q, a in zip(result.questions, result.answers, strict=True) if a.best is not None]
    lines = [f"Off-topic stress set: {n} questions (benchmarks/offtopic_extra.txt)",
             f"  Concierge engine   false answers {len(wrong):3d}  ({100 * len(wrong) / n:.1f}%)",
             f"  pg_trgm at 0.3     false answers {result.trigram_false:3d}  "
             f"({100 * result.trigram_false / n:.1f}%)"]
    if listed:
        lines += ["", "Engine false answers:"]
        lines += [f"  {q!r} -> {result.labels.get(a.best.entry.ref, a.best.entry.question)} "
                  f"({a.best.score:.1f})"
                  for q, a in wrong if a.best is not None]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.offtopic", description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="list the engine's false answers")
    args = parser.parse_args(argv)
    print(report(asyncio.run(run()), listed=args.list))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
