"""The answer engine: one in-memory index per guild over the FAQs it sees and the derived answers.

How a question is matched (all deterministic):

1. The question becomes terms (`bot.text.terms`: no accents, slang and numerals folded,
   light stemming). A term unknown to the index is looked up with a typo tolerance against
   the index vocabulary and the slang table ("winstn" -> winston, "parabelum" -> chapter 3).
2. Each term weighs its IDF over the index: "winston" or "runtime" count far more than
   "who" or "is"; stop words count almost nothing; an unknown word weighs the most, so an
   off-topic question full of words the index never saw cannot cover much.
3. Candidates come from the inverted index (rarest terms first, a few hundred documents at
   most), never from a scan of all entries. Each phrasing (question or alias) of a
   candidate gets an F-score of *query coverage* (how much of the question it explains) and
   *entry coverage* (how much of the phrasing the question asked for). Long, chatty
   questions lean on entry coverage, so "hey guys ... who runs the ballet school" still hits.
4. The best few are re-ranked with rapidfuzz's token_sort_ratio over the term strings,
   which prefers the phrasing closest to the question as a whole.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.engine_index import FUZZY_CUTOFF, TermIndex, fuzzable
from bot.models import Faq
from bot.text import PHRASES, STOPWORDS, canonical, split_words, terms

# Chosen on the test battery in tests/bot/test_engine.py: right answers to paraphrases,
# typos, slang and rambling questions score 75-100, the off-topic ones (weather, pizza,
# "who plays Harry Potter") 0-55. 70 leaves room on both sides.
CONFIDENT_SCORE = 70.0
MARGIN = 4.0  # the best must beat a different entry by this much (unless FAQ over derived)
SUGGEST_SCORE = 35.0  # below this a candidate is not worth showing as "did you mean"
CANDIDATE_CAP = 400  # documents scored per question, whatever the size of the index
RERANK = 12  # entries re-ranked with rapidfuzz
FUZZY_BLEND = 0.15  # share of the final score from rapidfuzz
UNMATCHED_WORDS = 2.0  # unexplained weight counts up to this many never-seen words
MAX_BETA = 3.0
# A confident answer covers this much of its phrasing: "ballerina" alone names a dozen
# entries and answers none. Unless it is the only entry explaining (nearly) all of the
# question: "winston roof" has one FAQ about Winston and a roof, however long it is.
MIN_COVERAGE = 0.8
MIN_COVERAGE_ALONE = 0.45
FULL_QUERY = 0.9
POPULAR_CACHE = 25  # empty-input autocomplete keeps this many most-used FAQs ready

# single slang words worth a typo lookup: "parabelum" still means chapter 3
_SLANG_WORDS = sorted(key[0] for key in PHRASES if len(key) == 1 and len(key[0]) >= 5)


@dataclass(frozen=True, slots=True)
class Entry:
    """One answerable thing."""

    ref: str  # "faq:<id>" for stored FAQs, "derived:<kind>:<key>" for derived answers
    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    faq_id: int | None = None  # set for stored FAQs
    uses: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..100


@dataclass(frozen=True, slots=True)
class Answer:
    query: str
    best: Match | None  # None when not confident
    suggestions: tuple[Match, ...]  # up to 3, best first, excluding `best`; may be empty
    top_score: float  # best candidate's score even when not confident


def faq_entry(faq: Faq) -> Entry:
    return Entry(ref=f"faq:{faq.id}", question=faq.question, answer=faq.answer,
                 aliases=tuple(faq.aliases), faq_id=faq.id, uses=faq.uses)


@dataclass(slots=True)
class _Term:
    weight: float
    matches: tuple[tuple[str, float], ...]  # index terms this query word stands for
    generate: bool  # may bring in candidates (stop words only score)


def _texts(entry: Entry) -> tuple[str, ...]:
    return (entry.question, *entry.aliases)


def _popular_key(entry: Entry) -> tuple[int, str, str]:
    return (-entry.uses, entry.question.casefold(), entry.ref)


def _rank_key(match: Match) -> tuple[float, int, int, str, str]:
    entry = match.entry
    return (-match.score, entry.faq_id is None, -entry.uses, entry.question.casefold(), entry.ref)


class AnswerIndex:
    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._index = TermIndex()
        self._slot_of: dict[str, int] = {}
        self._entries: list[Entry | None] = []  # by slot
        self._derived_docs: set[int] = set()  # documents of derived entries (not completed)
        self._popular: list[Entry] | None = None
        collecting = gc.isenabled()
        gc.disable()  # a bulk build makes ~10^6 containers and no cycles: skip the GC passes
        try:
            for entry in entries:
                if entry.ref in self._slot_of:
                    self.upsert(entry)
                else:
                    self._insert(entry)
            self._index.prepare()
        finally:
            if collecting:
                gc.enable()

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, ref: object) -> bool:
        return ref in self._slot_of

    def get(self, ref: str) -> Entry | None:
        slot = self._slot_of.get(ref)
        return None if slot is None else self._entries[slot]

    # --- writes ---------------------------------------------------------------------
    def upsert(self, entry: Entry) -> None:
        """Add `entry`, or replace the entry with the same ref. Touches only its own terms."""
        old = self.get(entry.ref)
        if old is not None and _texts(old) == _texts(entry) and old.faq_id == entry.faq_id:
            self._entries[self._slot_of[entry.ref]] = entry  # same words: no re-indexing
        else:
            if old is not None:
                self._drop(old)
            self._insert(entry)
        self._popular_changed(old, entry)

    def remove(self, ref: str) -> None:
        old = self.get(ref)
        if old is not None:
            self._drop(old)
            self._popular_changed(old, None)

    def bump_uses(self, ref: str, uses: int) -> None:
        """Set the usage count of `ref` (the new total), which orders empty-input autocomplete."""
        old = self.get(ref)
        if old is not None and old.uses != uses:
            new = replace(old, uses=uses)
            self._entries[self._slot_of[ref]] = new
            self._popular_changed(old, new)

    def _insert(self, entry: Entry) -> None:
        slot = self._index.add((entry.question, *entry.aliases))
        if slot == len(self._entries):
            self._entries.append(entry)
        else:
            self._entries[slot] = entry
        self._slot_of[entry.ref] = slot
        if entry.faq_id is None:
            self._derived_docs.update(self._docs_of(slot))

    def _drop(self, entry: Entry) -> None:
        slot = self._slot_of.pop(entry.ref)
        if entry.faq_id is None:
            self._derived_docs.difference_update(self._docs_of(slot))
        self._index.remove(slot)
        self._entries[slot] = None

    def _docs_of(self, slot: int) -> range:
        return range(slot << 6, (slot << 6) + len(self._index.slots[slot] or ()))

    def _popular_changed(self, old: Entry | None, new: Entry | None) -> None:
        cache = self._popular
        if cache is None:
            return
        if old is not None and any(e.ref == old.ref for e in cache):
            cache = [e for e in cache if e.ref != old.ref]
            if new is None or new.uses < old.uses:
                self._popular = None  # an entry outside the cache may now belong in it
                return
        if new is not None and new.faq_id is not None:
            cache.append(new)
        cache.sort(key=_popular_key)
        self._popular = cache[:POPULAR_CACHE]

    # --- reads ----------------------------------------------------------------------
    def answer(self, query: str) -> Answer:
        ranked, coverage, alone = self._rank(query)
        top = ranked[0] if ranked else None
        best = None
        if (top is not None and top.score >= CONFIDENT_SCORE
                and coverage >= (MIN_COVERAGE_ALONE if alone else MIN_COVERAGE)):
            runner = ranked[1] if len(ranked) > 1 else None
            if (runner is None or top.score - runner.score >= MARGIN
                    or (top.entry.faq_id is not None and runner.entry.faq_id is None)):
                best = top
        rest = ranked[1:] if best is not None else ranked
        suggestions = tuple(m for m in rest if m.score >= SUGGEST_SCORE)[:3]
        return Answer(query=query, best=best, suggestions=suggestions,
                      top_score=top.score if top is not None else 0.0)

    def complete(self, text: str, limit: int = 25) -> list[Match]:
        """Autocomplete over stored FAQs, best first; the last word may be partly typed.

        Empty input lists the most used FAQs (then alphabetically). Derived entries are
        never offered: autocomplete picks a stored FAQ by id.
        """
        if limit <= 0:
            return []
        words = split_words(text)
        if not words:
            return [Match(entry, 0.0) for entry in self._most_used(limit)]
        partial = words.pop() if text[-1:].isalnum() else None
        query = self._query(canonical(words))
        if partial is not None:
            group = self._index.prefixed(partial)
            if group:
                weight = max(self._index.weight(t) for t in group)
                query.append(_Term(weight, tuple((t, 1.0) for t in group), True))
            else:
                query += self._query(canonical([partial]))
        scored = self._score(query, exclude=self._derived_docs)
        # typed words explained first, then short questions; ties: most used, alphabetical
        score = {slot: round(70.0 * p + 30.0 * r, 1) for slot, (_, p, r, _) in scored.items()}
        if len(score) > limit:
            floor = heapq.nlargest(limit, score.values())[-1]
            score = {slot: s for slot, s in score.items() if s >= floor}
        entries = self._entries
        ranked = sorted((-s, -entry.uses, entry.question.casefold(), slot)
                        for slot, s in score.items()
                        for entry in (entries[slot],) if entry is not None)
        return [Match(entries[row[3]], -row[0]) for row in ranked[:limit]]  # type: ignore[arg-type]

    def _most_used(self, limit: int) -> list[Entry]:
        if limit > POPULAR_CACHE:
            return heapq.nsmallest(limit, self._faq_entries(), key=_popular_key)
        if self._popular is None:
            self._popular = heapq.nsmallest(POPULAR_CACHE, self._faq_entries(), key=_popular_key)
        return self._popular[:limit]

    def _faq_entries(self) -> Iterable[Entry]:
        return (e for e in self._entries if e is not None and e.faq_id is not None)

    # --- matching -------------------------------------------------------------------
    def _query(self, words: list[str]) -> list[_Term]:
        index = self._index
        query: list[_Term] = []
        for term in dict.fromkeys(words):
            if term in index.postings:
                query.append(_Term(index.weight(term), ((term, 1.0),), term not in STOPWORDS))
                continue
            hits = index.fuzzy(term) if fuzzable(term) else ()
            slang = process.extractOne(term, _SLANG_WORDS, scorer=OSA.normalized_similarity,
                                       score_cutoff=FUZZY_CUTOFF) if fuzzable(term) else None
            if slang is not None and (not hits or slang[1] > hits[0][1]):
                for word in canonical([slang[0]]):  # the slang's canonical terms, exactly
                    known = word in index.postings
                    query.append(_Term(index.weight(word), ((word, 1.0),) if known else (),
                                       known and word not in STOPWORDS))
            elif hits:
                query.append(_Term(index.weight(hits[0][0]), hits, True))
            else:  # never seen: weighs like the rarest word, matches nothing
                query.append(_Term(index.weight(term), (), False))
        return query

    def _rank(self, text: str) -> tuple[list[Match], float, bool]:
        """Candidates best first; how much of the best one's phrasing the question covers;
        whether the best is the only entry that explains the whole question."""
        words = terms(text)
        query = self._query(words)
        scored = self._score(query)
        if not scored:
            return [], 0.0, False
        top = heapq.nsmallest(RERANK, scored.items(), key=lambda item: (-item[1][0], item[0]))
        query_string = " ".join(dict.fromkeys(words))
        matches = []
        for slot, (f_score, _, _, k) in top:
            doc = self._index.slots[slot][k]  # type: ignore[index]
            similarity = fuzz.token_set_ratio(query_string, " ".join(doc)) / 100.0
            score = 100.0 * f_score * (1.0 - FUZZY_BLEND + FUZZY_BLEND * similarity)
            matches.append(Match(self._entries[slot], round(score, 1)))  # type: ignore[arg-type]
        matches.sort(key=_rank_key)
        _, p, coverage, _ = scored[self._slot_of[matches[0].entry.ref]]
        explained = sum(1 for item in scored.values() if item[1] >= FULL_QUERY)
        return matches, coverage, p >= FULL_QUERY and explained == 1

    def _score(self, query: list[_Term], exclude: set[int] | None = None,
               ) -> dict[int, tuple[float, float, float, int]]:
        """slot -> (F, query coverage, entry coverage, best phrasing) for each candidate."""
        groups = [[t for t, _ in q.matches] for q in query if q.generate and q.matches]
        if not groups:  # only small words ("help", "who is it"): let them find something
            groups = [[t for t, _ in q.matches] for q in query if q.matches]
            if not groups:
                return {}
        index = self._index
        candidates = index.candidates(groups, CANDIDATE_CAP, exclude)
        total_query = sum(q.weight for q in query)
        # index term -> (query word, its weight in the phrasing, its weight in the question)
        wanted: dict[str, tuple[int, float, float]] = {}
        for i, q in enumerate(query):
            for term, sim in q.matches:
                if term not in wanted or wanted[term][2] < q.weight * sim:
                    wanted[term] = (i, index.weight(term) * sim, q.weight * sim)
        several = any(len(q.matches) > 1 for q in query)  # one word, several index terms
        # Past two words nothing explains, more unexplained words add nothing: chatter.
        cap_unmatched = UNMATCHED_WORDS * index.weight("")
        # Long messages are chatty: the longer, the more entry coverage counts (F-beta).
        beta2 = min(MAX_BETA, max(1.0, 1.0 + (len(query) - 6) / 4.0)) ** 2
        totals, slots, lookup = index.totals, index.slots, wanted.get
        best: dict[int, tuple[float, float, float, int]] = {}
        for doc in candidates:
            slot = doc >> 6
            doc_hit = matched = 0.0
            got: dict[int, float] | None = {} if several else None
            for term in slots[slot][doc & 63]:  # type: ignore[index]
                hit = lookup(term)
                if hit is not None:
                    doc_hit += hit[1]
                    if got is None:
                        matched += hit[2]
                    elif got.get(hit[0], 0.0) < hit[2]:
                        got[hit[0]] = hit[2]
            if got:
                matched = sum(got.values())
            if matched == 0.0:
                continue
            total = totals.get(doc) or index.total(doc)
            unexplained = total_query - matched
            p = matched / (matched + (unexplained if unexplained < cap_unmatched
                                      else cap_unmatched))
            r = doc_hit / total
            if p > 1.0:
                p = 1.0
            if r > 1.0:
                r = 1.0
            f = (1 + beta2) * p * r / (beta2 * p + r)
            old = best.get(slot)
            if old is None or f > old[0]:
                best[slot] = (f, p, r, doc & 63)
        return best
