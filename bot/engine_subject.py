"""Whether the answer engine's best entry is about what the question asks about: "how *old*
is ana de armas" is not answered by "Ana de Armas" (a bare name), nor "who composed the
*chapter 4* soundtrack" by Ballerina's composer (a name the entry never mentions).

Used by `bot.engine.AnswerIndex._rank`; see `bot.engine`'s module docstring, step 5.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.engine_index import TermIndex
from bot.engine_names import Names, mentioned
from bot.engine_query import QueryTerm
from bot.text import is_stopword

FACET_WEIGHT = 2.0  # a question word weighing more than a filler word asks something

Terms = Callable[[int], frozenset[str]]  # an entry's terms, by slot


class Subject:
    """The subject checks over one index: its terms, the derived answers' names, and each
    entry's phrasing and answer terms."""

    def __init__(self, index: TermIndex, names: Names, phrasing_terms: Callable[[int], set[str]],
                 answer_terms: Terms) -> None:
        self._index = index
        self._names = names
        self._phrasing_terms = phrasing_terms
        self._answer_terms = answer_terms

    def name_only(self, query: list[QueryTerm], slot: int, k: int) -> bool:
        """Whether the best phrasing is a bare name ("ana de armas", "chapter 4") while the
        question asks something more of it that nothing in the entry explains: "how *old* is
        ana de armas", "how does chapter 4 *end*". A name alone answers who or what it is."""
        doc = self._index.slots[slot][k]
        if not self._names.is_name(frozenset(t for t in doc if not is_stopword(t))):
            return False
        return self.asks_more(query, slot, self._answer_terms(slot))

    def names_other(self, query: list[QueryTerm], slot: int) -> bool:
        """Whether the question names something (a title, a person, a character: "who
        composed the *chapter 4* soundtrack") of which the entry mentions no telling word,
        phrasings and answer alike: it is then about something else (Ballerina's music)."""
        asked = {t for q in query for t, sim in q.matches if sim >= 1.0}
        named = self._names.named(asked)
        # a one-word name only if it is a title ("eve" in "fan art of eve" says who is drawn)
        # and the entry mentions no other name asked ("is ballerina part of the continental
        # series": the Ballerina spin-off FAQ; "how much did the continental cost": not
        # Ballerina's budget)
        titles = [name for name in self._names.mentioned(asked, named)
                  if len(name) == 1 and self._names.is_title(name)]
        if not named and not titles:
            return False
        known = self._phrasing_terms(slot) | self._answer_terms(slot)
        weight = self._index.weight
        if any(not mentioned(name, known, weight, FACET_WEIGHT) for name in named):
            return True
        return bool(titles) and not any(mentioned(name, known, weight, FACET_WEIGHT)
                                        for name in (*named, *titles))

    def asks_more(self, query: list[QueryTerm], slot: int, also: frozenset[str]) -> bool:
        """Whether a content word of the question is explained by none of the entry's
        phrasings (nor by `also`)."""
        known = self._phrasing_terms(slot) | also
        for q in query:
            if q.weight <= FACET_WEIGHT or not (q.generate or q.foreign):
                continue
            if known.isdisjoint({t for t, _ in q.matches} or {q.unseen}):
                return True
        return False
