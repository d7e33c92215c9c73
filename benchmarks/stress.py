"""What the stress sets (`benchmarks.typos`, `benchmarks.slang`, `benchmarks.offtopic`)
share: asking the engine and pg_trgm in the bench guild, the DEV queries and their altered
copies, their tables, the command line."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from benchmarks.baselines import PG_TRGM_THRESHOLD, outcomes_at, rank_trigram
from benchmarks.dataset import (
    SERVER_FAQS_PATH,
    Candidate,
    Metrics,
    Outcome,
    Query,
    is_hit,
    load_questions,
    score,
)
from benchmarks.quality import GUILD_ID, engine_outcome, open_bench
from bot.engine import Answer

R = TypeVar("R")


class Altered(Protocol):
    @property
    def query(self) -> Query: ...  # the altered text, with the clean query's labels


V = TypeVar("V", bound=Altered)


class Sourced(Altered, Protocol):
    @property
    def source(self) -> int: ...  # the clean query's position


S = TypeVar("S", bound=Sourced)


@dataclass(slots=True)
class Run(Generic[V]):
    clean: list[Query]
    altered: list[V]
    engine: list[Outcome]  # clean queries, then the altered copies
    trgm: list[Outcome]

    @property
    def asked(self) -> list[Query]:
        return [*self.clean, *(v.query for v in self.altered)]


def dev_queries() -> list[Query]:
    """The DEV split (the held-out queries are never read here)."""
    return [q for q in load_questions() if q.split == "dev"]


async def ask_engine(texts: Sequence[str], prefix: str, server_faqs: Path = SERVER_FAQS_PATH,
                     ) -> tuple[list[Answer], dict[str, Candidate]]:
    """The engine's answers (through `AnswerService.ask`, in a temp bench guild holding
    `server_faqs`) and that guild's candidates."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        store, service, candidates = await open_bench(Path(tmp) / "bench.db", server_faqs)
        try:
            return [await service.ask(GUILD_ID, text) for text in texts], candidates
        finally:
            await store.close()


def trgm_outcomes(asked: Sequence[Query], candidates: dict[str, Candidate]) -> list[Outcome]:
    """pg_trgm's outcomes at its default threshold over the same candidates."""
    return outcomes_at(rank_trigram(asked, list(candidates.values())), PG_TRGM_THRESHOLD)


async def run_altered(clean: list[Query], altered: list[V], prefix: str) -> Run[V]:
    """Engine and pg_trgm outcomes for the clean queries and their altered copies."""
    run = Run(clean, altered, [], [])
    asked = run.asked
    answers, candidates = await ask_engine([q.text for q in asked], prefix)
    run.engine = [engine_outcome(answer, candidates) for answer in answers]
    run.trgm = trgm_outcomes(asked, candidates)
    return run


def row(name: str, m: Metrics) -> str:
    return (f"  {name:<30} {m.answerable:>5} {100 * m.hit_at_1:6.1f}% {100 * m.wrong_rate:6.1f}% "
            f"{100 * m.top3_rate:6.1f}% {m.offtopic:>5} {100 * m.offtopic_false_rate:6.1f}%")


def header() -> str:
    return f"  {'queries':<30} {'n':>5} {'hit@1':>7} {'wrong':>7} {'sugg@3':>7} {'offn':>5} {'off-false':>7}"


def tables(asked: Sequence[Query], groups: Sequence[tuple[str, list[int]]], engine: Sequence[Outcome],
           trgm: Sequence[Outcome]) -> list[str]:
    """The engine's table, then pg_trgm's: a row per group of `asked` (positions) that has
    any (a run over a few questions may leave a group empty)."""
    lines: list[str] = []
    for name, outcomes in (("Concierge engine", engine), (f"pg_trgm at {PG_TRGM_THRESHOLD}", trgm)):
        lines += ["", name, header()]
        for label, picked in groups:
            if picked:
                lines.append(row(label, score([asked[i] for i in picked], [outcomes[i] for i in picked])))
    return lines


def right(q: Query, outcome: Outcome) -> bool:
    """Answered right, or (off-topic) not answered."""
    return is_hit(q, outcome.best) if q.answerable else outcome.best is None


def tuning_misses(heading: str, asked: Sequence[tuple[str, Query, str]],
                  outcomes: Sequence[Outcome]) -> str:
    """The engine's misses among `asked` (tag, query, half) on the TUNING half only: the
    CHECK half is never listed."""
    lines = [heading]
    for (tag, query, half), outcome in zip(asked, outcomes, strict=True):
        if half == "tuning" and not right(query, outcome):
            shown = [c.label for c in outcome.top3]
            lines.append(f"  [{tag}] {query.text!r} -> "
                         f"{outcome.best.label if outcome.best else 'no answer'} {shown}")
    return "\n".join(lines)


def halves_cli(module: str, doc: str, argv: Sequence[str] | None,
               run: Callable[[], Coroutine[Any, Any, R]], report: Callable[[R], str],
               misses: Callable[[R], str]) -> int:
    """A set split in halves: the figures, and with `--misses` the TUNING half's misses."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the engine's TUNING-half misses")
    args = parser.parse_args(argv)
    result: R = asyncio.run(run())
    print(report(result))
    if args.misses:
        print("\n" + misses(result))
    return 0


def cli(module: str, doc: str, argv: Sequence[str] | None, run: Callable[[], Coroutine[Any, Any, R]],
        report: Callable[[R], str], misses: Callable[[R, int], str]) -> int:
    """The stress sets' command line: the figures, and `--misses N` of the engine's misses."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n")[0])
    parser.add_argument("--misses", type=int, default=0, help="list this many engine misses (DEV only)")
    args = parser.parse_args(argv)
    result: R = asyncio.run(run())
    print(report(result))
    if args.misses:
        print("\n" + misses(result, args.misses))
    return 0


def regressed(r: Run[S]) -> Iterator[tuple[S, Outcome]]:
    """The altered copies the engine gets wrong while it gets their clean query right, each
    with the engine's outcome on it."""
    n = len(r.clean)
    for i, v in enumerate(r.altered):
        if not right(v.query, r.engine[n + i]) and right(r.clean[v.source], r.engine[v.source]):
            yield v, r.engine[n + i]


def miss_line(v: Altered, outcome: Outcome, detail: str = "") -> str:
    best = outcome.best
    return f"  {v.query.text!r}{detail} -> {best.label if best else 'no answer'}"


def regressions(r: Run[S], limit: int, heading: str) -> str:
    """Up to `limit` of the engine's wrong outcomes on altered copies whose clean query it
    gets right, under `heading`."""
    return "\n".join([heading, *(miss_line(v, o) for v, o in islice(regressed(r), limit))])
