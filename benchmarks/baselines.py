"""The usual approaches, over exactly the candidates the engine chooses from.

- rapidfuzz: ``process.extractOne(query, phrasings, scorer=fuzz.WRatio,
  processor=utils.default_process)``; a candidate's score is its best phrasing (question or
  alias). The single cutoff is chosen on the dev split.
- BM25 (``rank_bm25.BM25Okapi``): one document per candidate, lowercase ``\\w+`` tokens, no
  stop-word list; two variants, question+aliases+answer and question+aliases only. Cutoff on
  the raw BM25 score, chosen on the dev split.
- pg_trgm: PostgreSQL's ``similarity()`` re-implemented (lowercase, non-alphanumerics
  separate words, each word padded with two spaces before and one after, the set of
  3-grams, |A∩B| / |A∪B|); best phrasing; answers at PostgreSQL's default threshold 0.3.

Every baseline ranks the candidates once per query; `Ranked.outcome(cutoff)` turns the
ranking into an answer (the best, if its score reaches the cutoff) plus its top three.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from benchmarks.dataset import Candidate, Metrics, Outcome, Query, objective, score

PG_TRGM_THRESHOLD = 0.3  # pg_trgm.similarity_threshold's default
_WORD_RE = re.compile(r"[^\W_]+")
_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Ranked:
    """One query's top candidates (distinct, best first) with the baseline's scores."""

    top: tuple[tuple[Candidate, float], ...]

    def outcome(self, cutoff: float) -> Outcome:
        best = self.top[0][0] if self.top and self.top[0][1] >= cutoff else None
        return Outcome(best=best, top3=tuple(c for c, _ in self.top[:3]))


def _distinct_top(scored: Sequence[tuple[Candidate, float]], n: int = 3) -> Ranked:
    seen: set[str] = set()
    top: list[tuple[Candidate, float]] = []
    for candidate, value in scored:
        if value <= 0 or candidate.ref in seen:
            continue
        seen.add(candidate.ref)
        top.append((candidate, float(value)))
        if len(top) == n:
            break
    return Ranked(tuple(top))


# --- rapidfuzz WRatio -------------------------------------------------------------------
def rank_wratio(queries: Sequence[Query], candidates: Sequence[Candidate]) -> list[Ranked]:
    owners = [c for c in candidates for _ in c.phrasings]
    phrasings = [p for c in candidates for p in c.phrasings]
    ranked = []
    for query in queries:
        best = process.extractOne(query.text, phrasings, scorer=fuzz.WRatio,
                                  processor=utils.default_process)
        top = process.extract(query.text, phrasings, scorer=fuzz.WRatio,
                              processor=utils.default_process, limit=40)
        scored = [(owners[best[2]], best[1])] if best else []
        scored += [(owners[i], s) for _, s, i in top]
        ranked.append(_distinct_top(scored))
    return ranked


# --- BM25 ---------------------------------------------------------------------------
def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.casefold())


def rank_bm25(queries: Sequence[Query], candidates: Sequence[Candidate], *,
              with_answer: bool) -> list[Ranked]:
    from rank_bm25 import BM25Okapi  # a development dependency only

    corpus = [tokens(" ".join(c.phrasings) + (" " + c.answer if with_answer else ""))
              for c in candidates]
    bm25 = BM25Okapi(corpus)
    ranked = []
    for query in queries:
        scores = bm25.get_scores(tokens(query.text))
        order = sorted(range(len(candidates)), key=lambda i: -scores[i])[:3]
        ranked.append(_distinct_top([(candidates[i], float(scores[i])) for i in order]))
    return ranked


# --- pg_trgm ----------------------------------------------------------------------------
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's show_trgm(): lowercase words padded "  word ", their 3-grams, as a set."""
    grams: set[str] = set()
    for word in _WORD_RE.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def trgm_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def rank_trigram(queries: Sequence[Query], candidates: Sequence[Candidate]) -> list[Ranked]:
    grams = [[trigrams(p) for p in c.phrasings] for c in candidates]
    ranked = []
    for query in queries:
        q = trigrams(query.text)
        scored = [(c, max(trgm_similarity(q, g) for g in gs))
                  for c, gs in zip(candidates, grams, strict=True)]
        scored.sort(key=lambda item: -item[1])
        ranked.append(_distinct_top(scored[:3]))
    return ranked


# --- cutoffs ----------------------------------------------------------------------------
def outcomes_at(ranked: Sequence[Ranked], cutoff: float) -> list[Outcome]:
    return [r.outcome(cutoff) for r in ranked]


def best_cutoff(queries: Sequence[Query], ranked: Sequence[Ranked]) -> tuple[float, Metrics]:
    """The cutoff maximising hit@1 − off-topic false rate on `queries` (the dev split);
    ties go to the lower wrong-answer rate, then to the lower cutoff."""
    values = sorted({r.top[0][1] for r in ranked if r.top} | {math.inf})
    best: tuple[tuple[float, float], float, Metrics] | None = None
    for cutoff in values:
        metrics = score(queries, outcomes_at(ranked, cutoff))
        key = (round(objective(metrics), 9), -round(metrics.wrong_rate, 9))
        if best is None or key > best[0]:
            best = (key, cutoff, metrics)
    assert best is not None
    return best[1], best[2]


@dataclass(frozen=True, slots=True)
class Baseline:
    name: str
    rank: Callable[[Sequence[Query], Sequence[Candidate]], list[Ranked]]
    fixed_cutoff: float | None = None  # None: chosen on dev


BASELINES = (
    Baseline("rapidfuzz WRatio", rank_wratio),
    Baseline("BM25 q+aliases+answer", lambda q, c: rank_bm25(q, c, with_answer=True)),
    Baseline("BM25 q+aliases", lambda q, c: rank_bm25(q, c, with_answer=False)),
    Baseline("pg_trgm similarity", rank_trigram, fixed_cutoff=PG_TRGM_THRESHOLD),
)
