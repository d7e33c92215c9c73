"""Chatter stress test: the DEV queries with the small talk people put around a question.

    .venv/bin/python -m benchmarks.chatter              # clean vs wrapped figures
    .venv/bin/python -m benchmarks.chatter --misses 40  # ... and some of the engine's misses

DEV split only (the held-out queries are never read). Each DEV query that is not already a
rambling one gets two copies with an opener and a closer around it ("hi all, first time
posting here. " ... " thanks in advance!"), chosen with a fixed seed: one from the TUNING
lists, one from the FRESH lists. The off-topic DEV queries get the same treatment: small talk
must not turn them into answers ("sorry for my *english*" is not a question about languages).

Honesty note: the engine's clause focus (`bot/engine_focus.py`) was built while looking at
this set's figures for the TUNING lists only; the FRESH lists were written afterwards and
never used to change the engine, so their row is the fairer figure.

Every query goes through `AnswerService.ask`, as in `benchmarks.quality`; pg_trgm answers at
its default 0.3 over the same candidates. Exit code 0 whatever the figures.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice

from benchmarks import stress
from benchmarks.dataset import Query
from benchmarks.stress import cli, dev_queries, run_altered, tables

SEED = 20_261_121

TUNING_OPENERS = (
    "hi all, first time posting here. ", "ok so this might be a dumb question but ",
    "sorry if this was asked already, ", "my friend and i were arguing about this last night: ",
    "been wondering for a while now, ", "hey guys quick one, ", "so i just got back from work and ",
    "not sure if this is the right channel but ", "my brother keeps telling me stuff, anyway ",
    "i searched the channel and couldn't find it, ")
TUNING_CLOSERS = (
    " thanks in advance!", " would appreciate any help", " lol", " (sorry for my english)",
    " because my friend keeps saying otherwise", " i really want to know before the weekend",
    " cheers", " and yes i did check google first", " asking for a friend", "")
FRESH_OPENERS = (
    "yo, ", "question for the mods: ", "this has been bugging me all day. ", "ok random thought, ",
    "new here! ", "idk if anyone knows this but ",
    "just rewatched everything over the weekend and now i'm curious, ", "genuine question, ",
    "been lurking for months, finally asking: ", "before i forget, ")
FRESH_CLOSERS = (
    " ty!", " any ideas?", " thx guys", " pls help", " (on mobile, sorry for typos)",
    " no spoilers please", " hope that makes sense", " or am i misremembering", " lmk", " :)")


@dataclass(frozen=True, slots=True)
class Wrapped:
    query: Query  # the wrapped text, with the original's labels
    fresh: bool  # from the FRESH lists (never used to change the engine)
    source: int  # the clean query's position


def wrapped(queries: Sequence[Query], seed: int = SEED) -> list[Wrapped]:
    """Two wrapped copies of each query that is not a rambling one: TUNING, then FRESH."""
    made = []
    for number, query in enumerate(queries):
        if query.kind == "rambling":
            continue
        rng = random.Random(f"{seed}:{query.text}")
        for fresh, openers, closers in ((False, TUNING_OPENERS, TUNING_CLOSERS),
                                        (True, FRESH_OPENERS, FRESH_CLOSERS)):
            text = rng.choice(openers) + query.text + rng.choice(closers)
            made.append(Wrapped(replace(query, text=text), fresh, number))
    return made


Run = stress.Run[Wrapped]


async def run() -> Run:
    clean = dev_queries()
    return await run_altered(clean, wrapped(clean), "concierge-chatter-")


def report(r: Run) -> str:
    n = len(r.clean)
    unwrapped = [i for i, q in enumerate(r.clean) if q.kind != "rambling"]
    groups = [("clean DEV (not rambling)", unwrapped),
              ("wrapped, TUNING lists", [n + i for i, w in enumerate(r.altered) if not w.fresh]),
              ("wrapped, FRESH lists", [n + i for i, w in enumerate(r.altered) if w.fresh])]
    lines = [f"DEV queries: {n}, {len(unwrapped)} of them not rambling; wrapped copies: "
             f"{len(r.altered)} (seed {SEED}, one per list)"]
    lines += tables(r.asked, groups, r.engine, r.trgm)
    return "\n".join(lines)


def misses(r: Run, limit: int) -> str:
    """The engine's wrong outcomes on copies wrapped from the TUNING lists whose clean query
    it gets right. The FRESH copies are the check: they are counted, never listed."""
    lines = ["Wrapped misses (TUNING lists only) whose clean query is right:"]
    lines += [stress.miss_line(v, o) for v, o in islice(
        ((v, o) for v, o in stress.regressed(r) if not v.fresh), limit)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    return cli("benchmarks.chatter", __doc__ or "", argv, run, report, misses)


if __name__ == "__main__":
    raise SystemExit(main())
