"""The second server after its managers go through /faq-admin unanswered once.

    .venv/bin/python -m benchmarks.teaching

A new server's members word things their own way ("buy" for "spend", "blur" for "hide a
spoiler"), and roughly half of their questions get "did you mean" at first (see
benchmarks.newserver). The product's answer is the unanswered listing, where a manager adds
a missed question to the right FAQ as another way to ask it. This measures that loop on the
second server, through the same calls the listing makes:

1. its members ask the TUNING half's questions (`AnswerService.ask`, misses logged);
2. a manager goes through the listing once: each missed question the labels say an FAQ
   answers is added to that FAQ (`add_wording`) when the FAQ is among those the listing
   offers (`wording_targets`) and the question fits in an alias (100 characters; a
   manager would shorten a longer one, which this can't imitate, so it is left); an
   off-topic one is dismissed;
3. the CHECK half, never read, is counted before and after.

A confidently wrong answer reaches the listing only when its asker presses "Not what I
asked" (`AnswerService.not_it`). Step 1 is run twice: once with no asker pressing it (as
before the button), once with every asker of a wrong answer pressing it (an upper bound).

Exit code 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dataset import Candidate, Outcome, Query, score
from benchmarks.newserver import HALVES, SERVER_FAQS, Asked, load
from benchmarks.quality import GUILD_ID, engine_outcome, open_bench
from benchmarks.stats import rate_with_interval
from benchmarks.stress import header, right, row
from bot.answer_feedback import WORDING_TARGETS
from bot.answers import AnswerService
from bot.engine import faq_ref
from bot.exchange import ALIAS_MAX
from bot.store import Store
from bot.text import normalize
from bot.wordings import fits_a_wording


@dataclass(slots=True)
class Teaching:
    asked: int = 0  # TUNING questions asked
    listed: int = 0  # ... that got no confident answer: the listing's misses
    added: int = 0  # ... added to the right FAQ as another way to ask
    not_offered: int = 0  # ... whose right FAQ the listing did not offer
    too_long: int = 0  # ... longer than an alias may be
    dismissed: int = 0  # ... off-topic, dismissed
    wrong: int = 0  # answerable TUNING questions answered wrong: listed only if said not it
    not_it: int = 0  # ... listed with an answer their asker said was "Not what I asked"


@dataclass(frozen=True, slots=True)
class Result:
    teaching: Teaching
    halves: dict[str, list[Query]]  # "tuning", "check"
    before: dict[str, list[Outcome]]
    after: dict[str, list[Outcome]]


async def run(asked: Sequence[Asked] | None = None, *, not_it: bool = False) -> Result:
    """`not_it`: every asker of a wrong answer in the TUNING half says "Not what I asked"."""
    picked = list(asked if asked is not None else load())
    halves = {half: [a.query for a in picked if a.half == half] for half in HALVES}
    with tempfile.TemporaryDirectory(prefix="concierge-teaching-") as tmp:
        store, service, candidates = await open_bench(Path(tmp) / "bench.db", SERVER_FAQS)

        async def outcomes(*, log_tuning: bool = False) -> dict[str, list[Outcome]]:
            """Every question's outcome; `log_tuning`: the TUNING half's misses are logged
            for the listing, as members' would be (the CHECK half's never are), and with
            `not_it` its wrong answers are said to be not it."""
            found: dict[str, list[Outcome]] = {}
            for half, queries in halves.items():
                logged = log_tuning and half == "tuning"
                found[half] = []
                for query in queries:
                    answer = await service.ask(GUILD_ID, query.text, log_miss=logged)
                    outcome = engine_outcome(answer, candidates)
                    found[half].append(outcome)
                    if logged and not_it and answer.best is not None and not right(query, outcome):
                        await service.not_it(GUILD_ID, query.text, answer.best.entry)
            await service.bookkeeping.settled()  # the misses are written behind the answers
            return found
        try:
            before = await outcomes(log_tuning=True)
            tuning = score(halves["tuning"], before["tuning"])
            teaching = await teach(store, service, candidates, halves["tuning"], tuning.wrong)
            after = await outcomes()
        finally:
            await service.close()
            await store.close()
    return Result(teaching, halves, before, after)


async def teach(store: Store, service: AnswerService, candidates: dict[str, Candidate],
                tuning: Sequence[Query], wrong: int) -> Teaching:
    """Go once through the listing of the TUNING half's misses (asked and logged already);
    `wrong`: its answerable questions answered wrong, which the listing never shows."""
    taught = Teaching(asked=len(tuning), wrong=wrong)
    asked = {normalize(q.text): q for q in tuning}  # by the listing's key (the last sample)
    misses = await store.unanswered.top(GUILD_ID, len(tuning))
    taught.listed = len(misses)
    taught.not_it = sum(1 for miss in misses if miss.not_it)  # listed for an answer said wrong
    for miss in misses:
        query = asked[miss.query_norm]
        if not query.answerable:
            taught.dismissed += 1
        elif not fits_a_wording(query.text):
            taught.too_long += 1
        else:
            offered = await service.wording_targets(GUILD_ID, miss)
            gold = [t for t in offered if candidates[t.entry.ref].label in query.gold]
            if not gold:
                taught.not_offered += 1
                continue
            added = await service.add_wording(GUILD_ID, gold[0].faq_id, query.text,
                                              miss=miss.query_norm)
            if added.faq.overrides_id is not None:  # a shipped FAQ's new server version
                candidates[faq_ref(added.faq.id)] = candidates[faq_ref(added.faq.overrides_id)]
            taught.added += 1
            continue
        await store.unanswered.resolve(GUILD_ID, miss.query_norm)
    return taught


def report(r: Result, *, not_it: bool = False) -> str:
    t = r.teaching
    answerable = t.listed - t.dismissed
    lines = [
        "The second server after one pass of /faq-admin unanswered over its TUNING half, "
        + ("every asker of a wrong answer having said \"Not what I asked\"" if not_it
           else "nobody having said \"Not what I asked\""),
        f"  TUNING questions asked: {t.asked}; listed: {t.listed} "
        f"({answerable} answerable, {t.dismissed} off-topic dismissed)",
        f"  added to the right FAQ as another way to ask: {t.added}; right FAQ not among the "
        f"{WORDING_TARGETS} offered: {t.not_offered}; over {ALIAS_MAX} characters, left: {t.too_long}",
        f"  answerable TUNING questions answered wrong: {t.wrong}; answers said to be not it "
        f"(off-topic ones too), so listed: {t.not_it}",
        "", header(),
        *(row(f"{half.upper()} half, {when}", score(r.halves[half], outcomes[half]))
          for half in HALVES for when, outcomes in (("before", r.before), ("after", r.after))),
    ]
    before, after = (score(r.halves["check"], outcomes["check"]) for outcomes in (r.before, r.after))
    if after.answerable:
        lines += ["", "Engine hit@1 on the CHECK half, 95 % Wilson interval: "
                      f"before {rate_with_interval(before.hits, before.answerable)}, "
                      f"after {rate_with_interval(after.hits, after.answerable)}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.teaching",
                                     description=(__doc__ or "").split("\n")[0])
    parser.parse_args(argv)
    print(report(asyncio.run(run())))
    print()
    print(report(asyncio.run(run(not_it=True)), not_it=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
