"""The answer engine: one in-memory index per guild over the FAQs it sees and the derived answers.

How a question is matched (all deterministic; in a chatty message, the asking clauses are
matched on their own too, `bot.engine_focus`):

1. The question becomes terms (`bot.text.terms`: no accents, slang and numerals folded,
   light stemming). A term unknown to the index is looked up with a typo tolerance against
   the index vocabulary and the slang table ("winstn" -> winston, "parabelum" -> chapter 3);
   a lost or stray space is put right (`bot.engine_spaces`: "thefirst", "balle rina").
2. Each term weighs its IDF over the index: "winston" or "runtime" count far more than
   "who" or "is"; stop words count almost nothing, filler verbs ("find", "get") little; an
   unknown word weighs the most, so an off-topic question full of words the index never
   saw cannot cover much. Words that only ever occur together (a name: "halle berry")
   count once.
3. Candidates come from the inverted index (rarest terms first, a few hundred documents at
   most: `bot.engine_candidates`), never from a scan of all entries. Each phrasing (question
   or alias) of a candidate gets an F-score of *query coverage* (how much of the question it
   explains) and *entry coverage* (how much of the phrasing the question asked for). Long,
   chatty questions lean on entry coverage, so "hey guys ... who runs the ballet school"
   still hits.
4. The best few are re-scored with their answer text as weaker evidence (a question word
   only the answer uses counts half: `bot.engine_score.with_answer`), then blended with
   rapidfuzz's token_set_ratio over the term strings (a small share: it prefers the
   phrasing closest to the question as a whole).
5. Confident iff the score clears the thresholds of `bot.engine_confidence` (coverage,
   score, lead over the runner-up; a fair score will do if nothing rivals the best at all).
   A short question with a word neither the index nor the best entry's answer uses needs a
   clear lead: that word is likely its subject ("is ana de armas *dating* anyone"); a common
   English word is such a word, never a typo ("paid" is not "play": `bot.english`). The best
   is about something else, and no answer, when its phrasing is a bare name ("ana de armas")
   and the question asks more of it that nothing in the entry explains ("how *old* is ana de
   armas"), or when the question names a title, person or character the entry never mentions
   ("who composed the *chapter 4* soundtrack" is not Ballerina's composer:
   `bot.engine_names`, `bot.engine_subject`). Failing that, if the question had typos and
   the best entry's phrasings explain every other word, letter trigrams may still vouch for
   it (`bot.engine_trigram.rescue`); a role question still gets the derived answer on the
   character it asks about ("who plays the blind assassin caine": `bot.engine_roles`). Asked
   whether someone is in a title, the credits say yes or no (`bot.engine_appears`). The
   runner-up is a different answer: a derived answer and a FAQ naming its subject, neither
   explaining more, count as one (and as one entry when telling whether the best alone
   explains the question). Otherwise the caller gets suggestions. Ties go to stored FAQs
   over derived answers (so does a FAQ a hair behind one, both confident), then usage.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Iterable, Mapping
from copy import copy, deepcopy
from dataclasses import replace
from functools import partial
from itertools import islice

from rapidfuzz import fuzz

from bot.engine_appears import Appearances
from bot.engine_complete import MostUsed, best_completions, completion_scores
from bot.engine_confidence import (
    CONFIDENT_SCORE,
    SHORT_WORDS,
    Evidence,
    confident,
    faq_first,
    runner_up,
    verbatim,
)
from bot.engine_focus import answer_message
from bot.engine_index import TermIndex, doc_terms
from bot.engine_names import Names, twins
from bot.engine_query import build_query
from bot.engine_roles import Roles
from bot.engine_score import kept, score_candidates, with_answer
from bot.engine_spaces import unjoin
from bot.engine_subject import Subject
from bot.engine_trigram import Grams, rescue, trigrams
from bot.engine_words import WordUses
from bot.entries import (
    Answer,
    Entry,
    Match,
    Ranking,
    about_a_title,
    faq_entry,
    faq_ref,
    phrasings,
    rank_key,
    unseen,
)
from bot.phrase_typos import phrase_typos
from bot.text import (
    COMMON_WORDS,
    canonical,
    expansions,
    question_words,
    split_words,
    terms,
    topic_terms,
)

__all__ = ["CONFIDENT_SCORE", "Answer", "AnswerIndex", "Entry", "Match", "Ranking", "faq_entry",
           "faq_ref"]

SUGGEST_SCORE = 35.0  # below this a candidate is not worth showing as "did you mean"
RERANK = 12  # entries re-ranked with rapidfuzz
FUZZY_BLEND = 0.15  # share of the final score from rapidfuzz
FULL_QUERY = 0.9  # a phrasing explaining this much of the question explains all of it


class AnswerIndex:
    def __init__(self, entries: Iterable[Entry] = (), appearances: Appearances | None = None) -> None:
        self._index = TermIndex()
        self.shared = False  # a `view` of it was made, or it is one: no more entry writes
        self._slot_of: dict[str, int] = {}
        self._entries: list[Entry | None] = []  # by slot
        self._derived_docs: set[int] = set()  # documents of derived entries (not completed)
        self._popular = MostUsed(self._faq_entries)
        self._answer_cache: dict[int, frozenset[str]] = {}
        self._grams_cache: dict[int, tuple[Grams, ...]] = {}
        self._names = Names()  # of the derived answers: a bare-name phrasing, a named subject
        self._roles = Roles()  # the derived answers on characters, for role questions
        # who is in what, for "is halle berry in ballerina?" (one for every guild, built with
        # the catalogue); without it, no such answer
        self._appearances = appearances
        self._subject = Subject(self._index, self._names, self._phrasing_terms, self._answer_terms)
        # a fork's derived answers' documents, and their names and roles, are its origin's
        self._docs_lent = self._names_lent = False
        self._words: WordUses | None = None  # in a fork and the index forked (`_count_words`)
        unique = {entry.ref: entry for entry in entries}  # a repeated ref: the last one wins
        collecting = gc.isenabled()
        gc.disable()  # a bulk build makes ~10^6 containers and no cycles: skip the GC passes
        try:
            first = self._index.extend(map(phrasings, unique.values()))
            for slot, entry in enumerate(unique.values(), first):
                self._place(slot, entry)
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

    def view(self, uses: Mapping[str, int]) -> AnswerIndex:
        """This index as one more guild seeing exactly its entries sees it: everything shared
        but the use counts (`uses`: ref -> count, 0 if absent), which order suggestions and
        autocomplete; a few KB instead of a whole index. Only `bump_uses` may write to it."""
        view = copy(self)
        view._entries = [e if e is None or e.uses == uses.get(e.ref, 0)
                         else replace(e, uses=uses.get(e.ref, 0)) for e in self._entries]
        view._popular = MostUsed(view._faq_entries)
        view.shared = self.shared = True
        return view

    def fork(self, uses: Mapping[str, int]) -> AnswerIndex:
        """This index for a guild that changes it (FAQs of its own, shipped ones hidden):
        all it does not write stays shared, so a few FAQs of its own cost a fraction of a
        build. `uses` as for `view`; this index takes no more entry writes (`shared`)."""
        if self._words is None:  # counted once, in the index forked; its forks share it
            self._words = WordUses((slot, e) for slot, e in enumerate(self._entries) if e)
        fork = self.view(uses)
        fork._words = self._words.fork()
        fork.shared = False
        fork._index = self._index.fork()
        fork._slot_of = dict(self._slot_of)
        fork._answer_cache, fork._grams_cache = {}, {}
        fork._docs_lent = fork._names_lent = True
        fork._subject = Subject(fork._index, fork._names, fork._phrasing_terms, fork._answer_terms)
        return fork

    # --- writes ---------------------------------------------------------------------
    def upsert(self, entry: Entry) -> None:
        """Add `entry`, or replace the entry with the same ref. Touches only its own terms."""
        self._unshared()
        self._answer_cache.clear()  # slots are reused, and an edit may change only the answer
        self._grams_cache.clear()
        old = self.get(entry.ref)
        if old is not None and phrasings(old) == phrasings(entry) and old.faq_id == entry.faq_id:
            self._entries[self._slot_of[entry.ref]] = entry  # same words: no re-indexing
            if entry.faq_id is None:
                self._own_derived()
                self._names.add(entry.names, titles=about_a_title(entry))
        else:
            if old is not None:
                self._drop(old)
            self._insert(entry)
        self._popular.changed(old, entry)

    def remove(self, ref: str) -> None:
        self._unshared()
        self._answer_cache.clear()
        self._grams_cache.clear()
        old = self.get(ref)
        if old is not None:
            self._drop(old)
            self._popular.changed(old, None)

    def bump_uses(self, ref: str, uses: int) -> None:
        """Set the usage count of `ref` (the new total), which orders empty-input autocomplete."""
        old = self.get(ref)
        if old is not None and old.uses != uses:
            new = replace(old, uses=uses)
            self._entries[self._slot_of[ref]] = new
            self._popular.changed(old, new)

    def _unshared(self) -> None:
        if self.shared:  # the terms are every view's: a guild that writes gets its own index
            raise RuntimeError("an index shared with views takes no entry writes")

    def _insert(self, entry: Entry) -> None:
        slot = self._index.add(phrasings(entry))
        self._place(slot, entry)
        self._count_words(slot, entry)

    def _place(self, slot: int, entry: Entry) -> None:
        """Record `entry` at the slot the term index gave its phrasings."""
        if slot == len(self._entries):
            self._entries.append(entry)
        else:
            self._entries[slot] = entry
        self._slot_of[entry.ref] = slot
        if entry.faq_id is None:
            self._own_derived()
            self._derived_docs.update(self._docs_of(slot))
            self._names.add(entry.names, titles=about_a_title(entry))
            self._roles.add_entry(entry.ref, entry.names)

    def _drop(self, entry: Entry) -> None:
        slot = self._slot_of.pop(entry.ref)
        if entry.faq_id is None:  # its names stay: names stay names (`Names`, `Roles`)
            self._own_derived(names=False)
            self._derived_docs.difference_update(self._docs_of(slot))
        self._index.remove(slot)
        self._entries[slot] = None
        self._count_words(slot, None)

    def _count_words(self, slot: int, placed: Entry | None) -> None:
        """In a fork a word no phrasing uses leaves the prefix search; elsewhere words never
        shrink (edits leave a handful)."""
        for word in self._words.moved(slot, placed) if self._words is not None else ():
            self._index.forget_word(word)

    def _own_derived(self, *, names: bool = True) -> None:
        """Before a fork writes its derived answers' documents (and, with `names`, their
        names and roles): copies of its own."""
        if self._docs_lent:
            self._docs_lent = False
            self._derived_docs = set(self._derived_docs)
        if names and self._names_lent:
            self._names_lent = False
            self._names, self._roles = deepcopy(self._names), deepcopy(self._roles)
            self._subject = Subject(self._index, self._names, self._phrasing_terms,
                                    self._answer_terms)

    def _entry(self, slot: int) -> Entry:
        entry = self._entries[slot]
        assert entry is not None, "the index points at a removed entry"
        return entry

    def _faq_entries(self) -> Iterable[Entry]:
        return (e for e in self._entries if e is not None and e.faq_id is not None)

    def _docs_of(self, slot: int) -> range:
        return range(slot << 6, (slot << 6) + len(self._index.slots[slot]))

    # --- reads ----------------------------------------------------------------------
    def answer(self, query: str) -> Answer:
        """The confident answer to `query` and suggestions; in a chatty message, as
        `bot.engine_focus.answer_message` tells from its asking clauses."""
        return answer_message(query, self._answer, self._explains, self._names.said_in)

    def _explains(self, entry: Entry, text: str) -> bool:
        """Whether an entry's phrasings use a word that says what `text` is about."""
        return bool(self._explained(entry, topic_terms(text) - COMMON_WORDS))

    def _answer(self, query: str) -> Answer:
        ranked, coverage, alone, foreign, off_subject, typo, words = self._rank(query)
        top = ranked[0] if ranked else None
        best = None
        if top is not None and not off_subject:
            asked = topic_terms(query)
            # a word nobody uses in a short question may be its subject: every other entry
            # is a rival then; in a long message it is more likely small talk
            runner = (ranked[1] if foreign and len(ranked) > 1 and words <= SHORT_WORDS
                      else runner_up(ranked, asked, self._explained))
            evidence = Evidence(
                score=top.score, lead=top.score - (runner.score if runner is not None else 0.0),
                rivalled=runner is not None, own=top.entry.faq_id is not None and not top.entry.shipped,
                coverage=coverage, alone=alone, foreign=foreign,
                faq_first=(top.entry.faq_id is not None and runner is not None
                           and runner.entry.faq_id is None),
                words=words, topic_words=len(self._explained(top.entry, asked)))
            best = top if confident(evidence) else None
        if best is None and top is not None and not off_subject and verbatim(
                query, [self._index.slots[self._slot_of[m.entry.ref]] for m in ranked[:RERANK]]):
            best = top
        if best is None and typo and not off_subject:  # the letters may say what terms can't
            best = rescue(query, ranked[:RERANK], self._phrasing_grams)
        if best is None:  # "who plays the blind assassin caine": its shape says who
            best = self._roles.answer(query, ranked, self._knows)
        if self._appearances is not None:  # "is halle berry in ballerina": yes or no
            best = self._appearances.answer(query, best, ranked[:RERANK], self._index.spelled) or best
        rest = [m for m in ranked if m is not best]
        shown = {best.entry.question.casefold()} if best is not None else set()
        good = (m for m in rest if m.score >= SUGGEST_SCORE)
        suggestions = tuple(islice(unseen(good, shown), 3))
        return Answer(query=query, best=best, suggestions=suggestions,
                      top_score=top.score if top is not None else 0.0)

    def _knows(self, ref: str) -> set[str]:
        """The terms of an entry's phrasings and answer; none for an entry not here."""
        slot = self._slot_of.get(ref)
        return set() if slot is None else self._phrasing_terms(slot) | self._answer_terms(slot)

    def _explained(self, entry: Entry, asked: set[str]) -> set[str]:
        slot = self._slot_of.get(entry.ref)
        if slot is None:  # made for the question ("is halle berry in ballerina"), not indexed
            return asked & set().union(*doc_terms(phrasings(entry))[0])
        return asked & self._phrasing_terms(slot)

    def _phrasing_terms(self, slot: int) -> set[str]:
        """Every term of an entry's question and aliases."""
        return set().union(*self._index.slots[slot])

    def complete(self, text: str, limit: int = 25) -> list[Match]:
        """Autocomplete over stored FAQs, best first; the last word may be partly typed.

        Empty input lists the most used FAQs (then alphabetically). Derived entries are
        never offered: autocomplete picks a stored FAQ by id.
        """
        if limit <= 0:
            return []
        words = split_words(text, chat=False)  # "da" may be the start of "date"
        if not words:
            return [Match(entry, 0.0) for entry in self._popular.top(limit)]
        return best_completions(
            completion_scores(self._index, words, text[-1:].isalnum(), self._derived_docs),
            self._entry, limit)

    # --- matching -------------------------------------------------------------------
    def _rank(self, text: str) -> Ranking:
        """Candidates best first, and what the confidence rules need to know of the best."""
        postings = self._index.postings
        plain = question_words(text)
        own = {w: canonical([w]) for w in plain}  # each word's own terms
        surface = unjoin(self._index, phrase_typos(plain, lambda w: own[w][0] in postings), own)
        words = canonical(surface)
        singles = [own.get(w) or canonical([w]) for w in surface]
        typed = {found[0]: w for w, found in zip(surface, singles, strict=True) if len(found) == 1}
        query = build_query(self._index, words, typed, expansions(surface, singles))
        typo = surface != plain or any(sim < 1.0 for q in query if not q.expanded
                                       for _, sim in q.matches)
        foreign = any(q.foreign for q in query)
        scored = score_candidates(self._index, query)
        if not scored:
            return Ranking([], 0.0, False, foreign, False, typo, len(plain))
        top = heapq.nsmallest(RERANK, scored.items(), key=lambda item: (-item[1][0], item[0]))
        query_string = " ".join(dict.fromkeys(words))
        matches = []
        for slot, (f_score, _, r, k) in top:
            doc = self._index.slots[slot][k]
            f_score = with_answer(self._index, query, doc, partial(self._answer_terms, slot), r,
                                  f_score)
            similarity = fuzz.token_set_ratio(query_string, " ".join(doc)) / 100.0
            score = 100.0 * f_score * (1.0 - FUZZY_BLEND + FUZZY_BLEND * similarity)
            matches.append(Match(self._entry(slot), round(score, 1)))
        matches.sort(key=rank_key)
        faq_first(matches, text, self._explained)
        best_slot = self._slot_of[matches[0].entry.ref]
        _, p, coverage, k = scored[best_slot]
        if foreign:  # a word only the best entry's answer uses is not off topic ("worldwide")
            answer = self._answer_terms(best_slot)
            foreign = any(q.foreign and q.unseen not in answer for q in query)
        best_entry = matches[0].entry
        others = [self._entry(slot) for slot in islice(  # two are already too many
            (slot for slot, item in scored.items() if item[1] >= FULL_QUERY and slot != best_slot),
            2)]
        # a FAQ and the derived answer on it count as one (one twin: not every FAQ that
        # mentions Ballerina is the derived Ballerina summary's)
        alone = p >= FULL_QUERY and (not others or (
            len(others) == 1 and twins(best_entry, others[0])))
        subject = self._subject
        off_subject = (subject.name_only(query, best_slot, k) or subject.names_other(query, best_slot)
                       or self._names.numbers_an_unknown_title(words, self._phrasing_terms(best_slot)))
        return Ranking(matches, coverage, alone, foreign, off_subject,
                       typo and not subject.asks_more(query, best_slot, frozenset()), len(plain))

    def _phrasing_grams(self, match: Match) -> tuple[Grams, ...]:
        """The letter trigrams of an entry's question and aliases."""
        return kept(self._grams_cache, self._slot_of[match.entry.ref],
                     lambda: tuple(map(trigrams, phrasings(match.entry))))

    def _answer_terms(self, slot: int) -> frozenset[str]:
        """The terms of an entry's answer text, for `with_answer`."""
        return kept(self._answer_cache, slot,
                     lambda: frozenset(terms(self._entry(slot).answer)))
