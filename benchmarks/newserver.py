"""A second server: another fan server's own FAQs, and questions its members would ask.

    .venv/bin/python -m benchmarks.newserver            # engine vs pg_trgm, per half
    .venv/bin/python -m benchmarks.newserver --misses   # ... and the engine's TUNING-half misses

Every other set asks the one server set (`server_faqs.json`) whose words the phrase table
and the thresholds grew up with. A server that installs the bot brings FAQs of its own, in
its admins' words, with few aliases or none. So `newserver/server_faqs.json` is a made-up
server of that kind ("The Continental Lounge": 40 FAQs, a ticket bot, "Markers", karaoke
nights), written by a helper who saw nothing of the repository; `newserver/questions.jsonl`
holds its members' questions (215: short chat and long messages, 43 that no FAQ answers),
written by two more helpers who saw only those FAQs, with their labels. The guild holds
that set next to the shipped knowledge, as a real server's would. Split in two by the
SHA-256 of the query: the TUNING half may be read; the CHECK half is only ever counted.
Exit code 0 whatever the figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dataset import Outcome, Query, score
from benchmarks.quality import engine_outcome
from benchmarks.stats import rate_with_interval
from benchmarks.stress import ask_engine, halves_cli, tables, trgm_outcomes, tuning_misses

HERE = Path(__file__).resolve().parent / "newserver"
SERVER_FAQS = HERE / "server_faqs.json"
QUESTIONS = HERE / "questions.jsonl"
HALVES = ("tuning", "check")


@dataclass(frozen=True, slots=True)
class Asked:
    query: Query
    style: str  # "chat" (short) or "wordy" (full sentences, long messages)
    half: str


@dataclass(frozen=True, slots=True)
class Run:
    asked: list[Asked]
    engine: list[Outcome]
    trgm: list[Outcome]


def half_of(text: str) -> str:
    return "tuning" if hashlib.sha256(text.encode()).hexdigest() < "8" else "check"


def load(path: Path = QUESTIONS) -> list[Asked]:
    asked = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            kind = "paraphrase" if item["gold"] else "offtopic"
            query = Query(item["query"], frozenset(item["gold"]), (), kind, "dev")
            asked.append(Asked(query, item["style"], half_of(item["query"])))
    return asked


async def run(asked: Sequence[Asked] | None = None) -> Run:
    picked = list(asked if asked is not None else load())
    queries = [a.query for a in picked]
    answers, candidates = await ask_engine([q.text for q in queries], "concierge-newserver-",
                                           SERVER_FAQS)
    return Run(picked, [engine_outcome(a, candidates) for a in answers],
               trgm_outcomes(queries, candidates))


def report(r: Run) -> str:
    groups = [(f"{half.upper()} half", [i for i, a in enumerate(r.asked) if a.half == half])
              for half in HALVES]
    groups += [(f"  {style}, {half}", [i for i, a in enumerate(r.asked)
                                        if a.style == style and a.half == half])
               for style in ("chat", "wordy") for half in HALVES]
    lines = [f"A second server: {len(r.asked)} questions ({sum(a.query.answerable for a in r.asked)} "
             "answerable) over its own FAQs; TUNING half may be read, CHECK half never is"]
    lines += tables([a.query for a in r.asked], groups, r.engine, r.trgm)
    check = [i for i, a in enumerate(r.asked) if a.half == "check"]
    m = score([r.asked[i].query for i in check], [r.engine[i] for i in check])
    if m.answerable:
        lines += ["", f"Engine hit@1 on the CHECK half, 95 % Wilson interval: "
                      f"{rate_with_interval(m.hits, m.answerable)}"]
    return "\n".join(lines)


def misses(r: Run) -> str:
    """The engine's misses on the TUNING half (the CHECK half is never listed)."""
    asked = [(a.style, a.query, a.half) for a in r.asked]
    return tuning_misses("Engine misses, TUNING half:", asked, r.engine)


def main(argv: Sequence[str] | None = None) -> int:
    return halves_cli("benchmarks.newserver", __doc__, argv, run, report, misses)


if __name__ == "__main__":
    raise SystemExit(main())
