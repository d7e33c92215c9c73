"""Scoring the candidates of a question: how much of the question each phrasing explains
(query coverage) and how much of the phrasing the question asked for (entry coverage).

Used by `bot.engine.AnswerIndex`; see its module docstring for the whole matching story.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.engine_candidates import candidates
from bot.engine_index import STOP_WEIGHT, TermIndex
from bot.engine_query import QueryTerm
from bot.engine_typos import FUZZY_CUTOFF

CANDIDATE_CAP = 400  # documents scored per question, whatever the size of the index
ANSWER_CACHE = 4096  # entries whose answer terms (or trigrams) are kept for re-ranking
UNMATCHED_WORDS = 2.0  # unexplained weight counts up to this many never-seen words
MAX_BETA = 3.0
# A question word only the answer text uses counts this much of a phrasing's word: the
# answer says what the question is about ("what *city* is ballerina set in" -> "Where is
# Ballerina set?", whose answer names Prague's city), but the phrasing is what was asked.
ANSWER_SHARE = 0.5

Scored = tuple[float, float, float, int]  # (F, query coverage, entry coverage, phrasing)


def _beta2(query: list[QueryTerm]) -> float:
    """Long messages are chatty: the longer, the more entry coverage counts (F-beta)."""
    return min(MAX_BETA, max(1.0, 1.0 + (len(query) - 6) / 4.0)) ** 2


def with_answer(index: TermIndex, query: list[QueryTerm], doc: tuple[str, ...],
                answer_of: Callable[[], frozenset[str]], r: float, f_score: float) -> float:
    """The F-score again, with question words that only the entry's answer (its terms, from
    `answer_of`, asked only when some word is left) explains counted at ANSWER_SHARE; never
    lower than `f_score`."""
    in_doc = total = 0.0
    left = []
    for q in query:
        total += q.weight
        best = max((q.weight * sim for t, sim in q.matches if t in doc), default=0.0)
        if best:
            in_doc += best
        elif q.weight > STOP_WEIGHT and (q.unseen or q.matches):
            left.append(q)
    if not left or r <= 0.0:
        return f_score
    answer = answer_of()
    in_answer = 0.0
    for q in left:
        if q.unseen:
            in_answer += q.weight if q.unseen in answer else 0.0
        else:
            # exact matches only: a typo guess that only an answer backs up is no evidence
            in_answer += max((q.weight for t, sim in q.matches if sim >= 1.0 and t in answer),
                             default=0.0)
    if not in_answer:
        return f_score
    unexplained = min(max(total - in_doc - in_answer, 0.0), UNMATCHED_WORDS * index.weight(""))
    p = (in_doc + ANSWER_SHARE * in_answer) / (in_doc + in_answer + unexplained)
    beta2 = _beta2(query)
    return max(f_score, (1 + beta2) * p * r / (beta2 * p + r))


def score_candidates(index: TermIndex, query: list[QueryTerm], cap: int = CANDIDATE_CAP,
                     exclude: set[int] | None = None,
                     prefer: Callable[[int], float] | None = None) -> dict[int, Scored]:
    """slot -> (F, query coverage, entry coverage, best phrasing) for each candidate."""
    groups = [[t for t, _ in q.matches] for q in query if q.generate and q.matches]
    if not groups:  # only small words ("help", "who is it"): let them find something
        groups = [[t for t, _ in q.matches] for q in query if q.matches]
        if not groups:
            return {}
    found = candidates(index.postings, groups, cap, exclude, prefer)
    total_query = sum(q.weight for q in query)
    # index term -> (its weight in the phrasing, ((query word, its weight in the question),
    # ...)); one term may stand for two words ("watch" and "party" -> watchparty).
    hits: dict[str, tuple[float, dict[int, float]]] = {}
    for i, q in enumerate(query):
        for term, sim in q.matches:
            doc_weight, words = hits.setdefault(term, (0.0, {}))
            # a near-certain typo asked for the whole term: the phrasing is covered in full
            asked = index.weight(term) * (1.0 if sim >= FUZZY_CUTOFF else sim)
            hits[term] = (max(doc_weight, asked), words)
            words[i] = max(words.get(i, 0.0), q.weight * sim)
    several = (any(len(q.matches) > 1 for q in query)  # one word, several index terms
               or any(len(words) > 1 for _, words in hits.values()))
    wanted = {term: (doc_weight, tuple(words.items())) for term, (doc_weight, words)
              in hits.items()}
    # Past two words nothing explains, more unexplained words add nothing: chatter.
    cap_unmatched = UNMATCHED_WORDS * index.weight("")
    beta2 = _beta2(query)
    totals, slots, lookup = index.totals, index.slots, wanted.get
    best: dict[int, Scored] = {}
    for doc in found:
        slot = doc >> 6
        doc_hit = matched = 0.0
        got: dict[int, float] | None = {} if several else None
        for term in slots[slot][doc & 63]:
            hit = lookup(term)
            if hit is not None:
                doc_hit += hit[0]
                if got is None:
                    matched += hit[1][0][1]
                else:
                    for word, weight in hit[1]:
                        if got.get(word, 0.0) < weight:
                            got[word] = weight
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


T = TypeVar("T")


def kept(cache: dict[int, T], slot: int, make: Callable[[], T]) -> T:
    """`cache[slot]`, made on first use (an entry's answer terms or trigrams, for the
    re-ranking); the cache keeps ANSWER_CACHE slots at most, then starts afresh: re-ranking
    touches a dozen entries per question."""
    if (found := cache.get(slot)) is None:
        if len(cache) >= ANSWER_CACHE:
            cache.clear()
        found = cache[slot] = make()
    return found
