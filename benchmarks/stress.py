"""What the DEV-side stress sets (`benchmarks.typos`, `benchmarks.slang`) share: asking the
engine and pg_trgm the clean DEV queries and their altered copies, and a table row."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from benchmarks.baselines import PG_TRGM_THRESHOLD, outcomes_at, rank_trigram
from benchmarks.dataset import Metrics, Outcome, Query, is_hit, load_questions
from benchmarks.quality import GUILD_ID, engine_outcome, open_bench

R = TypeVar("R")


def dev_queries() -> list[Query]:
    """The DEV split (the held-out queries are never read here)."""
    return [q for q in load_questions() if q.split == "dev"]


async def ask_both(asked: Sequence[Query], prefix: str) -> tuple[list[Outcome], list[Outcome]]:
    """The engine's outcomes (through `AnswerService.ask`) and pg_trgm's at its default
    threshold, over the same bench guild."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        store, service, candidates = await open_bench(Path(tmp) / "bench.db")
        try:
            engine = [engine_outcome(await service.ask(GUILD_ID, q.text), candidates) for q in asked]
        finally:
            await store.close()
    trgm = outcomes_at(rank_trigram(asked, list(candidates.values())), PG_TRGM_THRESHOLD)
    return engine, trgm


def row(name: str, m: Metrics) -> str:
    return (f"  {name:<30} {m.answerable:>5} {100 * m.hit_at_1:6.1f}% {100 * m.wrong_rate:6.1f}% "
            f"{100 * m.top3_rate:6.1f}% {m.offtopic:>5} {100 * m.offtopic_false_rate:6.1f}%")


def header() -> str:
    return f"  {'queries':<30} {'n':>5} {'hit@1':>7} {'wrong':>7} {'sugg@3':>7} {'offn':>5} {'off-false':>7}"


def right(q: Query, outcome: Outcome) -> bool:
    """Answered right, or (off-topic) not answered."""
    return is_hit(q, outcome.best) if q.answerable else outcome.best is None


def cli(module: str, doc: str, argv: Sequence[str] | None, run: Callable[[], Awaitable[R]],
        report: Callable[[R], str], misses: Callable[[R, int], str]) -> int:
    """The stress sets' command line: the figures, and `--misses N` of the engine's misses."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n")[0])
    parser.add_argument("--misses", type=int, default=0, help="list this many engine misses (DEV only)")
    args = parser.parse_args(argv)
    result = asyncio.run(run())
    print(report(result))
    if args.misses:
        print("\n" + misses(result, args.misses))
    return 0
