"""Autocomplete scoring: what the user has typed so far against the stored FAQs' phrasings.

The last word may be half typed ("who pla"), and so may a phrase ("ballerina post" ->
postcredits). Words before it are read like a question's, chat spellings included; the
word being typed is not ("da" may be the start of "date").
"""

from __future__ import annotations

from bot.engine_index import TermIndex
from bot.engine_query import QueryTerm, build_query, exact
from bot.engine_score import score_candidates
from bot.text import canonical, phrase_parts, spelled_out

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
    scored = score_candidates(index, query, COMPLETE_CAP, exclude=exclude)
    head = tuple(dict.fromkeys(full))
    n, nexts, slots = len(head), {(t,) for t in group}, index.slots
    score = {}
    for slot, (_, p, r, _) in scored.items():
        question = slots[slot][0]
        starts = question[:n] == head and (not nexts or question[n:n + 1] in nexts)
        score[slot] = min(100.0, round(70.0 * p + 30.0 * r + STARTS_BONUS * starts, 1))
    return score
