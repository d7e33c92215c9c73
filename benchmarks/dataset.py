"""The labelled question set, the candidates every system chooses from, and the scoring.

`questions.jsonl` holds one labelled query per line::

    {"query": "...", "gold": "<shipped key>" | "server:<question>" | "derived:<ref>" | [...] | null,
     "gold_any": ["<substring>", ...],   # optional
     "gold_added": ["derived:<ref>" | "<shipped key>", ...],  # optional, added after labelling
     "kind": "paraphrase|typo|slang|keyword|rambling|alias|exact|offtopic",
     "split": "dev" | "heldout"}

A system's pick is right when its label is one of the gold labels, or, for answers derived
from titles/credits (labels starting with ``derived:``), when its answer text contains every
``gold_any`` substring (case-insensitive). FAQ answers are judged by their key only, so a
wrong FAQ that merely mentions the actor's name does not count. A query with neither gold
nor gold_any is off-topic: the only right outcome is no answer.

``gold`` and ``gold_any`` were written blind, from the data alone, before the engine was
read or run. ``gold_added`` came afterwards, from three audits applied to every query whatever
its split: (1) the derived answers' refs were unknown when labelling, so every answerable
query was checked against every derived answer's text, and those that state exactly the fact
asked are listed (Ballerina's derived cast list for "who's in ballerina"); (2) shipped FAQs
that list one fact for every title (release order, runtimes, ratings, directors, box office,
story order, Ballerina's full cast) are listed for the single-title questions of that fact;
(3) pooled blind judgement (`benchmarks.audit`): every system's confident answer to an
answerable query that the labels counted wrong, judged from the question and the answer's
text alone by two judges who did not know which system gave it, is listed where both said
it gives what was asked (the pool and verdicts are in ``judgements/``).
Scores accept them by default; ``strict=True`` scores the blind labels alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUESTIONS_PATH = HERE / "questions.jsonl"
SERVER_FAQS_PATH = HERE / "server_faqs.json"
SPLITS = ("dev", "heldout", "all")
KINDS = ("paraphrase", "typo", "slang", "keyword", "rambling", "alias", "exact", "offtopic")
HELDOUT_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    gold: frozenset[str]
    gold_any: tuple[str, ...]
    kind: str
    split: str
    gold_added: frozenset[str] = frozenset()

    @property
    def answerable(self) -> bool:
        return bool(self.gold or self.gold_any)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entry of a guild's answer index, as every system sees it."""

    label: str  # shipped key, "server:<question>" or the derived ref
    ref: str  # the engine's ref ("faq:12", "derived:cast:ballerina")
    question: str
    aliases: tuple[str, ...]
    answer: str

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.question, *self.aliases)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a system did with one query: its confident pick (or None) and its top three."""

    best: Candidate | None
    top3: tuple[Candidate, ...]


def load_questions(path: Path = QUESTIONS_PATH) -> list[Query]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        gold = row.get("gold")
        gold_set = frozenset([gold] if isinstance(gold, str) else (gold or []))
        if row["kind"] not in KINDS or row["split"] not in ("dev", "heldout"):
            raise ValueError(f"{path.name}:{number}: bad kind or split")
        queries.append(Query(row["query"], gold_set, tuple(row.get("gold_any", ())),
                             row["kind"], row["split"], frozenset(row.get("gold_added", ()))))
    return queries


def split_drift(queries: Sequence[Query]) -> list[str]:
    """Queries whose stored split differs from the documented rule (should be empty).

    Rule: within each kind, order the queries by sha256 of their text; the first
    round(40 %) are held out.
    """
    drift = []
    for kind in KINDS:
        members = sorted((q for q in queries if q.kind == kind),
                         key=lambda q: hashlib.sha256(q.text.encode()).hexdigest())
        cut = round(len(members) * HELDOUT_SHARE)
        drift += [q.text for i, q in enumerate(members) if q.split != ("heldout" if i < cut else "dev")]
    return drift


def in_split(queries: Iterable[Query], split: str) -> list[Query]:
    return [q for q in queries if split == "all" or q.split == split]


def is_hit(query: Query, candidate: Candidate | None, *, strict: bool = False) -> bool:
    if candidate is None:
        return False
    if candidate.label in query.gold or (not strict and candidate.label in query.gold_added):
        return True
    if query.gold_any and candidate.label.startswith("derived:"):
        text = candidate.answer.casefold()
        return all(part.casefold() in text for part in query.gold_any)
    return False


@dataclass(slots=True)
class Metrics:
    answerable: int = 0
    offtopic: int = 0
    hits: int = 0
    wrong: int = 0
    in_top3: int = 0
    false_answers: int = 0
    kind_totals: dict[str, int] = field(default_factory=dict)
    kind_hits: dict[str, int] = field(default_factory=dict)

    @property
    def hit_at_1(self) -> float:
        return self.hits / self.answerable if self.answerable else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.answerable if self.answerable else 0.0

    @property
    def top3_rate(self) -> float:
        return self.in_top3 / self.answerable if self.answerable else 0.0

    @property
    def offtopic_false_rate(self) -> float:
        return self.false_answers / self.offtopic if self.offtopic else 0.0

    def kind_rate(self, kind: str) -> float:
        """hit@1 for an answerable kind; the false-answer rate for "offtopic"."""
        total = self.kind_totals.get(kind, 0)
        return self.kind_hits.get(kind, 0) / total if total else float("nan")

    def as_dict(self) -> dict[str, object]:
        return {
            "answerable": self.answerable, "offtopic": self.offtopic,
            "hit_at_1": round(self.hit_at_1, 4), "wrong_answer_rate": round(self.wrong_rate, 4),
            "gold_in_suggestions_at_3": round(self.top3_rate, 4),
            "offtopic_false_answer_rate": round(self.offtopic_false_rate, 4),
            "per_kind": {k: round(self.kind_rate(k), 4) for k in KINDS if self.kind_totals.get(k)},
        }


def score(queries: Sequence[Query], outcomes: Sequence[Outcome], *, strict: bool = False) -> Metrics:
    metrics = Metrics()
    for query, outcome in zip(queries, outcomes, strict=True):
        metrics.kind_totals[query.kind] = metrics.kind_totals.get(query.kind, 0) + 1
        if not query.answerable:
            metrics.offtopic += 1
            if outcome.best is not None:
                metrics.false_answers += 1
                metrics.kind_hits[query.kind] = metrics.kind_hits.get(query.kind, 0) + 1
            continue
        metrics.answerable += 1
        hit = is_hit(query, outcome.best, strict=strict)
        metrics.hits += hit
        metrics.kind_hits[query.kind] = metrics.kind_hits.get(query.kind, 0) + hit
        metrics.wrong += outcome.best is not None and not hit
        metrics.in_top3 += any(is_hit(query, c, strict=strict) for c in outcome.top3[:3])
    return metrics


def objective(metrics: Metrics) -> float:
    """What a baseline's cutoff maximises on the dev split: hit@1 minus off-topic false rate."""
    return metrics.hit_at_1 - metrics.offtopic_false_rate
