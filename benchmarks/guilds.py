"""Many guilds in one bot: what each guild's answers cost in memory, and how long its first
question takes (when its index is made).

    .venv/bin/python -m benchmarks.guilds

Through `AnswerService` over a temporary SQLite store holding the shipped knowledge. A guild
with no FAQ of its own and none hidden sees exactly the shipped FAQs and derived answers:
it gets a view of one shared index (`AnswerIndex.view`: its own use counts, nothing else).
A guild with FAQs of its own gets a fork of it (`AnswerIndex.fork`: its own FAQs written
to a copy that shares all it does not write). Timing and memory are taken in separate
passes over fresh guilds (tracemalloc slows what it traces); memory is tracemalloc's growth
across the pass (a question, one with typos and an autocomplete in each guild), the indexes
staying cached, divided by the guilds. Exit code 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.stats import Latency, latency
from bot.answers import AnswerService
from bot.knowledge import load_knowledge
from bot.models import FaqDraft
from bot.store import Store

SHARING_GUILDS, OWN_GUILDS = 1000, 50  # timed
SHARING_TRACED, OWN_TRACED = 200, 20  # memory
OWN_FAQS = 3  # FAQs of its own in each guild of the second kind
FIRST, LATER = "who plays winston in ballerina", "when did ballerina come out"
# what a guild in use has also done: its typo and prefix lists are made on first use (a
# guild with FAQs of its own makes its own; the shared index's are made before the memory
# pass, once for all its views)
TYPO, TYPED = "who plays winstn in balerina", "wins"


@dataclass(frozen=True, slots=True)
class KindResult:
    first: Latency  # a guild's first question, its index made (`n`: the guilds timed)
    later: Latency  # its second question
    kb_per_guild: float


@dataclass(frozen=True, slots=True)
class GuildsResult:
    entries: int  # in a guild that sees only the shipped knowledge
    sharing: KindResult
    own: KindResult


Prepare = Callable[[AnswerService, int], Awaitable[None]]


async def _nothing(service: AnswerService, guild: int) -> None:
    return None


async def _own_faqs(service: AnswerService, guild: int) -> None:
    for n in range(OWN_FAQS):
        await service.add_faq(guild, FaqDraft(f"When is event {n} of guild {guild}?",
                                              f"Every week, in #event-{n}."))


async def _kind(service: AnswerService, prepare: Prepare, first_guild: int, timed: int,
                traced: int) -> KindResult:
    firsts, laters = [], []
    for guild in range(first_guild, first_guild + timed):
        await prepare(service, guild)
        start = time.perf_counter()
        await service.ask(guild, FIRST)
        firsts.append((time.perf_counter() - start) * 1000.0)
        start = time.perf_counter()
        await service.ask(guild, LATER)
        laters.append((time.perf_counter() - start) * 1000.0)
        await service.ask(guild, TYPO)  # what is shared is made here, not in the memory pass
        await service.complete(guild, TYPED)
    traced_guilds = range(first_guild + timed, first_guild + timed + traced)
    for guild in traced_guilds:
        await prepare(service, guild)  # the store's rows are not what is measured
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for guild in traced_guilds:
        await service.ask(guild, FIRST)
        await service.ask(guild, TYPO)
        await service.complete(guild, TYPED)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return KindResult(latency(firsts), latency(laters), grown / 1024.0 / traced)


async def run(sharing: tuple[int, int] = (SHARING_GUILDS, SHARING_TRACED),
              own: tuple[int, int] = (OWN_GUILDS, OWN_TRACED)) -> GuildsResult:
    """Each kind: (guilds timed, guilds traced)."""
    with tempfile.TemporaryDirectory(prefix="guilds-") as tmp:
        store = await Store.open(Path(tmp) / "guilds.db")
        try:
            service = AnswerService(store)
            await service.load_knowledge(load_knowledge())
            entries = len(await service.index(None))
            shared = await _kind(service, _nothing, 1, *sharing)
            owned = await _kind(service, _own_faqs, 100_000, *own)
        finally:
            await store.close()
    return GuildsResult(entries, shared, owned)


def _line(name: str, lat: Latency) -> str:
    return f"    {name:<34} p50 {lat.p50:7.3f} ms  p99 {lat.p99:7.3f} ms  max {lat.max:7.3f} ms"


def report(result: GuildsResult) -> str:
    lines = [f"Many guilds in one process (AnswerService over a temp SQLite store; a guild that "
             f"sees only the shipped knowledge has {result.entries} entries)"]
    for title, kind in (("guilds with no FAQ of their own (one shared index, a view each)",
                         result.sharing),
                        (f"guilds with {OWN_FAQS} FAQs of their own (a fork each)", result.own)):
        lines += [f"  {title}: {kind.first.n:,} guilds",
                  _line("first question (its index made)", kind.first),
                  _line("second question", kind.later),
                  f"    memory per guild: {kind.kb_per_guild:,.1f} KB (tracemalloc)"]
    thousand = result.sharing.kb_per_guild * 1000 / 1024
    lines.append(f"  1,000 guilds of the first kind hold {thousand:,.1f} MB of answers between them; "
                 f"of the second kind, {result.own.kb_per_guild * 1000 / 1024:,.0f} MB")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.guilds",
                                     description=(__doc__ or "").split("\n")[0])
    parser.parse_args(argv)
    print(report(asyncio.run(run())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
