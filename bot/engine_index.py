"""The inverted index under `bot.engine.AnswerIndex`: terms -> documents, kept incrementally.

A *document* is one phrasing of an entry (its question or one alias), stored as the tuple
of its distinct terms. Document ids pack the entry slot and the phrasing number
(`slot << 6 | k`), so a posting says which entry it belongs to without another table.
Term weights are IDF over entries, computed lazily and cached until the next write.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Sequence
from itertools import islice

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text import QUESTION_WORDS, STOPWORDS, canonical, split_words

MAX_DOCS = 64  # phrasings per entry (question + 63 aliases); the rest are ignored
STOP_WEIGHT = 0.15  # "the", "is", "hey": present, but next to nothing
QUESTION_WEIGHT = 0.5  # "who" vs "when" may break a tie, never carry a match
# a real word the index uses everywhere ("john", "wick" on this server) still names something
CONTENT_FLOOR = 0.7
# Typos: OSA similarity (1 - edits / longer length, a swap is one edit) of at least 0.8, so
# one edit in words of 4-9 letters ("winstn", "keenu", "balerina"), two from 10 letters on;
# never "rewatch" -> "watch" or "rain" -> "rating".
FUZZY_MIN_LEN = 4
FUZZY_CUTOFF = 0.79  # 0.8 less a hair: rapidfuzz drops exact-boundary hits
PREFIX_EXPANSIONS = 40  # a partly typed word stands for at most this many words

Docs = tuple[tuple[str, ...], ...]


def doc_terms(texts: Sequence[str]) -> tuple[Docs, set[str]]:
    """Distinct-term tuples of each text (empty and repeated phrasings dropped), and the
    texts' plain words (for prefix search). Terms come out of shared caches: no copies."""
    surface: set[str] = set()
    seen: set[frozenset[str]] = set()
    docs: list[tuple[str, ...]] = []
    for text in texts:
        words = split_words(text)
        surface.update(words)
        terms = tuple(dict.fromkeys(canonical(words)))
        if not terms:
            continue
        key = frozenset(terms) if len(texts) > 1 else None
        if key in seen or len(docs) == MAX_DOCS:
            continue
        if key is not None:
            seen.add(key)
        docs.append(terms)
    return tuple(docs), surface


def fuzzable(term: str) -> bool:
    return len(term) >= FUZZY_MIN_LEN and term.isalpha() and term not in STOPWORDS


class TermIndex:
    def __init__(self) -> None:
        self.postings: dict[str, set[int]] = {}  # term -> document ids
        self.df: dict[str, int] = {}  # term -> number of entries using it
        self.slots: list[Docs | None] = []  # slot -> the entry's documents
        self._free: list[int] = []
        self.size = 0
        self.weights: dict[str, float] = {}  # term -> weight; cache, dropped on every write
        self.totals: dict[int, float] = {}  # document -> summed term weights; cache, likewise
        self._words: dict[str, int] = {}  # surface word -> number of entries using it
        self._sorted_words: list[str] | None = None  # for prefix search, built lazily
        self._fuzzy_terms: list[str] | None = None  # for typo search, built lazily
        self._fuzzy_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    # --- writes ---------------------------------------------------------------------
    def add(self, texts: Sequence[str]) -> int:
        docs, surface = doc_terms(texts)
        slot = self._free.pop() if self._free else len(self.slots)
        if slot == len(self.slots):
            self.slots.append(docs)
        else:
            self.slots[slot] = docs
        postings = self.postings
        new_term = False
        for k, terms in enumerate(docs):
            doc = slot << 6 | k
            for term in terms:
                posting = postings.get(term)
                if posting is None:
                    postings[term] = {doc}
                    new_term = True
                else:
                    posting.add(doc)
        df = self.df
        for term in docs[0] if len(docs) == 1 else {t for terms in docs for t in terms}:
            df[term] = df.get(term, 0) + 1
        if self._sorted_words is None:  # no prefix list to keep sorted yet: just count
            words = self._words
            for word in surface:
                words[word] = words.get(word, 0) + 1
        else:
            self._count_words(surface, +1)
        self.size += 1
        self._changed(new_term)
        return slot

    def remove(self, slot: int, texts: Sequence[str]) -> None:
        docs = self.slots[slot]
        if docs is None:
            return
        gone_term = False
        for k, terms in enumerate(docs):
            doc = slot << 6 | k
            for term in terms:
                posting = self.postings[term]
                posting.discard(doc)
                if not posting:
                    del self.postings[term]
                    gone_term = True
        for term in {t for terms in docs for t in terms}:
            left = self.df[term] - 1
            if left:
                self.df[term] = left
            else:
                del self.df[term]
        self._count_words({w for text in texts for w in split_words(text)}, -1)
        self.slots[slot] = None
        self._free.append(slot)
        self.size -= 1
        self._changed(gone_term)

    def _count_words(self, surface: set[str], step: int) -> None:
        words = self._words
        for word in surface:
            count = words.get(word, 0) + step
            if count > 0:
                if count == 1 and step > 0 and self._sorted_words is not None:
                    insort(self._sorted_words, word)
                words[word] = count
            else:
                words.pop(word, None)
                if self._sorted_words is not None:
                    at = bisect_left(self._sorted_words, word)
                    if at < len(self._sorted_words) and self._sorted_words[at] == word:
                        del self._sorted_words[at]

    def _changed(self, vocabulary: bool) -> None:
        if self.weights:
            self.weights = {}
        if self.totals:
            self.totals = {}
        if vocabulary:
            self._fuzzy_terms = None
            self._fuzzy_cache = {}

    # --- reads ----------------------------------------------------------------------
    def weight(self, term: str) -> float:
        """IDF over entries (BM25's, always > 0); unknown terms weigh the most."""
        weight = self.weights.get(term)
        if weight is None:
            df = self.df.get(term, 0)
            weight = math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
            if term in QUESTION_WORDS:
                weight = min(weight, QUESTION_WEIGHT)
            elif term in STOPWORDS:
                weight = min(weight, STOP_WEIGHT)
            else:
                weight = max(weight, CONTENT_FLOOR)
            self.weights[term] = weight
        return weight

    def fuzzy(self, term: str) -> tuple[tuple[str, float], ...]:
        """Index terms within typo distance of `term` (not itself), best first; cached."""
        hits = self._fuzzy_cache.get(term)
        if hits is None:
            if self._fuzzy_terms is None:
                self._fuzzy_terms = sorted(t for t in self.postings if fuzzable(t))
            found = process.extract(term, self._fuzzy_terms, scorer=OSA.normalized_similarity,
                                    limit=3, score_cutoff=FUZZY_CUTOFF)
            hits = tuple((choice, score) for choice, score, _ in found)
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache = {}
            self._fuzzy_cache[term] = hits
        return hits

    def prefixed(self, prefix: str) -> tuple[str, ...]:
        """Index terms of the surface words starting with `prefix` (most used words first)."""
        if self._sorted_words is None:
            self._sorted_words = sorted(self._words)
        words = self._sorted_words
        start = bisect_left(words, prefix)
        found: list[str] = []
        for word in islice(words, start, start + 2000):
            if not word.startswith(prefix):
                break
            found.append(word)
        if len(found) > PREFIX_EXPANSIONS:
            found.sort(key=lambda w: (-self._words[w], w))
            del found[PREFIX_EXPANSIONS:]
        terms = dict.fromkeys(t for w in found for t in canonical([w]) if t in self.postings)
        if prefix in self.postings:  # a canonical spelling typed directly ("runtime")
            terms[prefix] = None
        return tuple(terms)

    def total(self, doc: int) -> float:
        """The summed weight of a document's terms (cached until the next write)."""
        total = sum(self.weight(t) for t in self.slots[doc >> 6][doc & 63])  # type: ignore[index]
        self.totals[doc] = total
        return total

    def candidates(self, groups: Sequence[Sequence[str]], cap: int,
                   exclude: set[int] | None = None) -> set[int]:
        """Documents worth scoring, about `cap` at most, never a scan of the whole index.

        Each group is the index terms one query word stands for. The rarest groups are
        taken whole while they fit under `cap`; past it, only documents sharing the two
        rarest remaining groups are added. When even the rarest group is too common,
        documents having all the words are kept (set intersections, at C speed).
        """
        sets = []
        for group in groups:
            posts = [self.postings[t] for t in group if t in self.postings]
            if posts:
                found = posts[0] if len(posts) == 1 else set().union(*posts)
                if exclude:
                    found = found - exclude
                if found:
                    sets.append(found)
        if not sets:
            return set()
        sets.sort(key=len)
        found = sets[0]
        if len(found) > cap:
            for posting in sets[1:]:
                narrower = found & posting
                if not narrower:
                    break
                found = narrower
                if len(found) <= cap:
                    break
            return found if len(found) <= cap else set(islice(found, cap))
        found = set(found)
        for i, posting in enumerate(sets[1:], 1):
            if len(found) + len(posting) <= cap:
                found |= posting
                continue
            if len(sets) - i >= 2:
                both = posting & sets[i + 1]
                found |= both if len(both) <= cap else set(islice(both, cap))
            break
        return found
