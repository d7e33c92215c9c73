"""Autocomplete: what the user has typed so far scored against the stored FAQs' phrasings,
and the most used FAQs for empty input (`MostUsed`).

The last word may be half typed ("who pla"), and so may a phrase ("ballerina post" ->
postcredits). Words before it are read like a question's, chat spellings included; the
word being typed is not ("da" may be the start of "date").
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable

from bot.engine_index import TermIndex
from bot.engine_query import QueryTerm, build_query, exact
from bot.engine_score import score_candidates
from bot.entries import Entry, Match
from bot.text import canonical, phrase_parts, spelled_out

POPULAR_CACHE = 25  # empty-input autocomplete keeps this many most-used FAQs ready
COMPLETE_CAP = 200  # candidates scored per autocomplete keystroke (it shows 25 at most)
STARTS_BONUS = 10.0  # the question starts with what was typed


def completion_scores(index: TermIndex, words: list[str], partial: bool,
                      exclude: set[int]) -> dict[int, float]:
    """Slot -> score (0-100) for `words` (`split_words(text, chat=False)`, not empty), the
    last of them still being typed if `partial`; documents in `exclude` are never offered.

    What was typed explained first, then short questions, then questions that start the
    way the user typed."""
    last = words[-1] if partial else None
    typed = [spelled_out(word) for word in (words[:-1] if partial else words)]
    full = canonical(typed)
    query = build_query(index, full)
    own = {q.matches[0][0]: q for q in query if len(q.matches) == 1}
    for word in typed:  # a phrase still being typed: "ballerina post" -> postcredits
        parts = [t for t in phrase_parts(word) if t in index.postings]
        if not parts:
            continue
        alone = own.get(canonical([word])[0])
        if alone is not None:  # "watch" may be "watch" or the start of "watch party"
            alone.matches += exact(parts)
            alone.generate = True
        else:
            query.append(QueryTerm(max(map(index.weight, parts)), exact(parts), True))
    group: tuple[str, ...] = ()
    if last is not None:
        group = index.prefixed(last)
        if group:
            query.append(QueryTerm(max(map(index.weight, group)), exact(group), True))
        else:
            query += build_query(index, canonical([last]))
    head = tuple(dict.fromkeys(full))
    n, nexts, slots = len(head), {(t,) for t in group}, index.slots

    def starts(question: tuple[str, ...]) -> bool:
        """Whether a question's terms start the way the user typed."""
        return question[:n] == head and (not nexts or question[n:n + 1] in nexts)

    asked = {t: index.weight(t) for q in query for t, _ in q.matches}
    totals = index.totals

    def likely(doc: int) -> float:
        """Where a typed word is in too many phrasings to score them all: the likely best
        first, much as the score below ranks them (how much of the phrasing was typed, a
        question that starts that way)."""
        terms = slots[doc >> 6][doc & 63]
        share = sum(asked.get(t, 0.0) for t in terms) / (totals.get(doc) or index.total(doc))
        return -(30.0 * min(1.0, share) + STARTS_BONUS * (doc & 63 == 0 and starts(terms)))

    scored = score_candidates(index, query, COMPLETE_CAP, exclude=exclude, prefer=likely)
    return {slot: min(100.0, round(70.0 * p + 30.0 * r + STARTS_BONUS * starts(slots[slot][0]), 1))
            for slot, (_, p, r, _) in scored.items()}


def best_completions(score: dict[int, float], entry_of: Callable[[int], Entry],
                     limit: int) -> list[Match]:
    """The entries of the `limit` best-scored slots: by score, then uses, then question."""
    if len(score) > limit:
        floor = heapq.nlargest(limit, score.values())[-1]
        score = {slot: s for slot, s in score.items() if s >= floor}
    ranked = sorted((-s, -entry.uses, entry.question.casefold(), slot)
                    for slot, s in score.items() for entry in (entry_of(slot),))
    return [Match(entry_of(row[3]), -row[0]) for row in ranked[:limit]]


def _popular_key(entry: Entry) -> tuple[int, str, str]:
    return (-entry.uses, entry.question.casefold(), entry.ref)


class MostUsed:
    """The most used stored FAQs (then alphabetically), for empty-input autocomplete: the
    first POPULAR_CACHE kept ready, and kept up to date by `changed` on every write."""

    def __init__(self, faqs: Callable[[], Iterable[Entry]]) -> None:
        self._faqs = faqs  # every stored FAQ's entry, on demand
        self._cache: list[Entry] | None = None

    def top(self, limit: int) -> list[Entry]:
        if limit > POPULAR_CACHE:
            return heapq.nsmallest(limit, self._faqs(), key=_popular_key)
        if self._cache is None:
            self._cache = heapq.nsmallest(POPULAR_CACHE, self._faqs(), key=_popular_key)
        return self._cache[:limit]

    def changed(self, old: Entry | None, new: Entry | None) -> None:
        """`old` became `new` (either may be None: an insert, a removal)."""
        cache = self._cache
        if cache is None:
            return
        if old is not None and any(e.ref == old.ref for e in cache):
            cache = [e for e in cache if e.ref != old.ref]
            if new is None or _popular_key(new) > _popular_key(old):
                self._cache = None  # it moved down: one outside the cache may now come first
                return
        if new is not None and new.faq_id is not None:
            cache.append(new)
        cache.sort(key=_popular_key)
        self._cache = cache[:POPULAR_CACHE]
