"""The inverted index under `bot.engine.AnswerIndex`: terms -> documents, kept incrementally.

A *document* is one phrasing of an entry (its question or one alias), stored as the tuple
of its distinct terms. Document ids pack the entry slot and the phrasing number
(`slot << 6 | k`), so a posting says which entry it belongs to without another table.
Term weights are IDF over entries, computed lazily and cached until the next write.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from copy import copy
from itertools import chain, islice

from bot.engine_typos import TypoLookup, fuzzable
from bot.text import (
    COMMON_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    canonical,
    phrase_parts,
    split_words,
)

MAX_DOCS = 64  # phrasings per entry (question + 63 aliases); the rest are ignored
STOP_WEIGHT = 0.15  # "the", "is", "hey": present, but next to nothing
QUESTION_WEIGHT = 0.5  # "who" vs "when" may break a tie, never carry a match
# a real word the index uses everywhere ("john", "wick" on this server) still names something
CONTENT_FLOOR = 0.7
COMMON_WEIGHT = 2.0  # a filler word ("find", "get"): like a word in about 1 entry of 7
PREFIX_EXPANSIONS = 40  # a partly typed word stands for at most this many words
PREFIX_SCAN = 1000  # ... chosen among at most this many words in alphabetical order

Docs = tuple[tuple[str, ...], ...]


def doc_terms(texts: Sequence[str]) -> tuple[Docs, list[list[str]]]:
    """Distinct-term tuples of each text (empty and repeated phrasings dropped), and the
    texts' plain words (for prefix search). Terms come out of shared caches: no copies."""
    if len(texts) == 1:  # the common case, kept short
        words = split_words(texts[0])
        terms = tuple(dict.fromkeys(canonical(words)))
        return ((terms,) if terms else ()), [words]
    surface = []
    seen: set[frozenset[str]] = set()
    docs: list[tuple[str, ...]] = []
    for text in texts:
        words = split_words(text)
        surface.append(words)
        found = canonical(words)
        key = frozenset(found)
        if found and key not in seen and len(docs) < MAX_DOCS:
            seen.add(key)  # a repeated word is rare: drop repeats only when there are some
            docs.append(tuple(found) if len(key) == len(found) else tuple(dict.fromkeys(found)))
    return tuple(docs), surface


class TermIndex(TypoLookup):
    def __init__(self) -> None:
        self.postings: defaultdict[str, set[int]] = defaultdict(set)  # term -> documents
        self.df: Counter[str] = Counter()  # term -> number of entries using it
        self.slots: list[Docs] = []  # slot -> the entry's documents; () when free
        self._free: list[int] = []
        self.size = 0
        self.weights: dict[str, float] = {}  # term -> weight; cache, dropped on every write
        self.totals: dict[int, float] = {}  # document -> summed term weights; cache, likewise
        # Plain words ever indexed, for prefix search. Never shrinks (but in a fork, which
        # tells it: `forget_word`): a word whose entries are gone mostly maps to no indexed
        # term and is skipped (edits leave a handful, no more).
        self._words: set[str] = set()
        self._sorted_words: list[str] | None = None  # for prefix search (`prepare`)
        self._fuzzy_terms: dict[str, str] | None = None  # for typo search (`prepare`)
        self._fuzzy_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        # first letter -> {term or surface word: term}, for the loose typo look, and their
        # consonants (`_sounds`); built on the first typo lookup of a long word (not in a
        # bulk build), then kept by `add` (gone terms are skipped)
        self._loose: dict[str, dict[str, str]] | None = None
        self._sounds: dict[str, tuple[str, ...]] = {}  # consonants -> terms; kept with `_loose`
        # A fork's postings are its origin's sets until it writes one (`fork`): the terms
        # whose sets are its own; None: all of them (not a fork)
        self._owned: set[str] | None = None
        self._words_lent = False  # a fork's `_words` is still its origin's set

    def fork(self) -> TermIndex:
        """A copy to write to that shares this index's posting sets and words until it
        writes them (copy on write): a guild's few FAQs on top of the shipped ones cost
        their own terms, not a whole index. This index must take no more writes. The typo
        and prefix lists are built anew on first use, as after a bulk build."""
        fork = copy(self)
        fork.postings = defaultdict(set, self.postings)
        fork._owned = set()
        fork.df = self.df.copy()
        fork.slots = list(self.slots)
        fork._free = list(self._free)
        fork.weights, fork.totals = {}, {}
        fork._words_lent = True
        fork._sorted_words = fork._fuzzy_terms = fork._loose = None
        fork._fuzzy_cache, fork._sounds = {}, {}
        return fork

    def _posting(self, term: str) -> set[int]:
        """The documents of `term`, to write to (a fork's own copy of a shared set)."""
        owned = self._owned
        if owned is not None and term not in owned:
            owned.add(term)
            posting = self.postings[term] = set(self.postings.get(term, ()))
            return posting
        return self.postings[term]

    def _own_words(self) -> set[str]:
        if self._words_lent:
            self._words = set(self._words)
            self._words_lent = False
        return self._words

    # --- writes ---------------------------------------------------------------------
    def add(self, texts: Sequence[str]) -> int:
        docs, surface = doc_terms(texts)
        slot = self._free.pop() if self._free else len(self.slots)
        if slot == len(self.slots):
            self.slots.append(docs)
        else:
            self.slots[slot] = docs
        postings = self.postings
        distinct = docs[0] if len(docs) == 1 else {t for terms in docs for t in terms}
        fresh = ([] if self._fuzzy_terms is None and self._loose is None
                 else [t for t in distinct if t not in postings])
        for k, terms in enumerate(docs):
            doc = slot << 6 | k
            for term in terms:
                self._posting(term).add(doc)
        self.df.update(distinct)
        if self._sorted_words is not None or self._loose is not None:
            new_words = set().union(*surface) - self._words
            if self._sorted_words is not None:
                for word in new_words:
                    insort(self._sorted_words, word)
            if self._loose is not None:
                self._add_loose(chain(fresh, new_words))
        self._own_words().update(*surface)
        self.size += 1
        if self._fuzzy_terms is not None:
            self._fuzzy_terms.update((t, t) for t in fresh if fuzzable(t))
        self._changed(bool(fresh))
        return slot

    def extend(self, many: Iterable[Sequence[str]]) -> int:
        """Add many entries at once (a bulk build); returns the first new slot, the others
        follow in order. Postings are gathered in lists and turned into sets once."""
        first = len(self.slots)
        gathered: defaultdict[str, list[int]] = defaultdict(list)
        slots, words = self.slots, self._own_words()
        for slot, texts in enumerate(many, first):
            docs, surface = doc_terms(texts)
            slots.append(docs)
            for k, terms in enumerate(docs):
                doc = slot << 6 | k
                for term in terms:
                    gathered[term].append(doc)
            words.update(*surface)
        df = self.df
        for term, found in gathered.items():
            self._posting(term).update(found)
            df[term] += len({doc >> 6 for doc in found})  # entries, all new: their slots
        self.size += len(slots) - first
        self._sorted_words = self._fuzzy_terms = self._loose = None
        self._changed(True)
        self.prepare()
        return first

    def prepare(self) -> None:
        """Build the prefix and typo lists now (after a bulk build) rather than on first use;
        from then on `add` and `remove` keep them up to date."""
        if self._sorted_words is None:
            self._sorted_words = sorted(self._words)
        if self._fuzzy_terms is None:
            self._fuzzy_terms = {t: t for t in sorted(self.postings) if fuzzable(t)}
            self._fuzzy_cache = {}

    def remove(self, slot: int) -> None:
        docs = self.slots[slot]
        if not docs and slot in self._free:
            return
        postings, df = self.postings, self.df
        gone = []
        for k, terms in enumerate(docs):
            doc = slot << 6 | k
            for term in terms:
                posting = self._posting(term)
                posting.discard(doc)
                if not posting:
                    del postings[term]
                    gone.append(term)
        if self._fuzzy_terms is not None:
            for term in gone:
                self._fuzzy_terms.pop(term, None)
        for term in {t for terms in docs for t in terms}:
            if df[term] > 1:
                df[term] -= 1
            else:
                del df[term]
        self.slots[slot] = ()
        self._free.append(slot)
        self.size -= 1
        self._changed(bool(gone))

    def forget_word(self, word: str) -> None:
        """No phrasing uses `word` any more: out of the prefix search and the loose typo
        table (unless it is an index term)."""
        if word not in self._words:
            return
        self._own_words().discard(word)
        if self._sorted_words is not None:
            at = bisect_left(self._sorted_words, word)
            if at < len(self._sorted_words) and self._sorted_words[at] == word:
                del self._sorted_words[at]
        if self._loose is not None and word not in self.postings:
            self._loose.get(word[0], {}).pop(word, None)

    def _changed(self, vocabulary: bool) -> None:
        if self.weights:
            self.weights = {}
        if self.totals:
            self.totals = {}
        if vocabulary and self._fuzzy_cache:
            self._fuzzy_cache = {}  # a new word may be the one a typo meant

    # --- reads ----------------------------------------------------------------------
    def weight(self, term: str) -> float:
        """IDF over entries (BM25's, always > 0); unknown terms weigh the most."""
        weight = self.weights.get(term)
        if weight is None:
            df = self.df[term]  # a Counter: 0 when unknown
            weight = math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
            if term in QUESTION_WORDS:
                weight = min(weight, QUESTION_WEIGHT)
            elif term in STOPWORDS:
                weight = min(weight, STOP_WEIGHT)
            elif term in COMMON_WORDS:  # "find", "get": never the topic, even when rare
                weight = COMMON_WEIGHT if df == 0 else min(max(weight, CONTENT_FLOOR),
                                                            COMMON_WEIGHT)
            else:
                weight = max(weight, CONTENT_FLOOR)
            self.weights[term] = weight
        return weight

    def has_word(self, word: str) -> bool:
        """Whether some phrasing ever indexed has `word`, as typed (after `split_words`)."""
        return word in self._words

    def prefixed(self, prefix: str) -> tuple[str, ...]:
        """Index terms of the surface words starting with `prefix` (most used words first)."""
        self.prepare()
        words = self._sorted_words
        assert words is not None
        start = bisect_left(words, prefix)
        found: list[str] = []
        for word in islice(words, start, start + PREFIX_SCAN):
            if not word.startswith(prefix):
                break
            found.append(word)
        postings, df = self.postings, self.df
        pairs = [(t, w) for w in found for t in (*canonical([w]), *phrase_parts(w))
                 if t in postings]
        if len(pairs) > PREFIX_EXPANSIONS:  # keep the words of the most entries
            pairs.sort(key=lambda pair: (-df[pair[0]], pair[1]))
            del pairs[PREFIX_EXPANSIONS:]
        terms = dict.fromkeys(t for t, _ in pairs)
        if prefix in postings:  # a canonical spelling typed directly ("runtime")
            terms[prefix] = None
        return tuple(terms)

    def total(self, doc: int) -> float:
        """The summed weight of a document's terms (cached until the next write)."""
        total = sum(self.weight(t) for t in self.slots[doc >> 6][doc & 63])
        self.totals[doc] = total
        return total
