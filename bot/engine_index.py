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
from string import ascii_lowercase

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text import (
    COMMON_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    canonical,
    phrase_parts,
    split_words,
)
from bot.typo_shapes import changes_consonants, consonants, typo_like, undone

MAX_DOCS = 64  # phrasings per entry (question + 63 aliases); the rest are ignored
STOP_WEIGHT = 0.15  # "the", "is", "hey": present, but next to nothing
QUESTION_WEIGHT = 0.5  # "who" vs "when" may break a tie, never carry a match
# a real word the index uses everywhere ("john", "wick" on this server) still names something
CONTENT_FLOOR = 0.7
COMMON_WEIGHT = 2.0  # a filler word ("find", "get"): like a word in about 1 entry of 7
# Typos: OSA similarity (1 - edits / longer length, a swap is one edit) of at least 0.8, so
# one edit in words of 4-9 letters ("winstn", "keenu", "balerina"), two from 10 letters on;
# never "rewatch" -> "watch" or "rain" -> "rating".
FUZZY_MIN_LEN = 4
FUZZY_CUTOFF = 0.79  # 0.8 less a hair: rapidfuzz drops exact-boundary hits
# When that finds nothing, a looser look among the words with the same first letter (people
# rarely miss that one): one edit from 4 letters on, if it is one fingers make (`typo_like`:
# "jhon", "ruul" -> rul, the stem of "rules"; never "rest" -> "rent"), two from 8 on
# ("balerinna"). Against the index terms and their surface words (stems hide typos). Such a
# hit counts for its similarity only (0.75 for one edit in four letters).
LOOSE_MIN_LEN = 4
SHORT_LEN = 3  # ... and a 3-letter word: only as a 4-letter one short of a letter ("wck")
LOOSE_TWO_EDITS = 8
# A typo in the vowels only ("primere" -> premiere, "contenental"): every consonant in order,
# doubled letters once. Taken alone over a strict hit that changes the consonants ("prime"),
# from 4 consonants on.
SOUND_CONSONANTS = 4
SOUND_SIMILARITY = 0.9
SOUND_EDITS = 3  # ... and not too far all the same: "parabbelum" is no "problem"
# Two long words run together at most ("internationalchannels"); anything longer is no word
# a typo search or a lost space could make sense of, and would only cost time.
LONGEST_WORD = 30
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


def fuzzable(term: str, shortest: int = FUZZY_MIN_LEN) -> bool:
    """Whether `term` is a word a typo search may look at: letters, not a stop word, at
    least `shortest` long (`SHORT_LEN`: anything `TermIndex.fuzzy` can fix), at most
    `LONGEST_WORD` (a pasted run of letters costs time in proportion to its length)."""
    return shortest <= len(term) <= LONGEST_WORD and term.isalpha() and term not in STOPWORDS


class TermIndex:
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

    def fuzzy(self, term: str) -> tuple[tuple[str, float], ...]:
        """Index terms within typo distance of `term` (not itself), best first; cached."""
        hits = self._fuzzy_cache.get(term)
        if hits is None:
            self.prepare()
            assert self._fuzzy_terms is not None
            if len(term) <= SHORT_LEN:  # no strict hit: one edit from 4 letters is 0.75
                hits = self._short_fuzzy(term) if fuzzable(term, SHORT_LEN) else ()
            else:
                found = process.extract(term, self._fuzzy_terms, scorer=OSA.normalized_similarity,
                                        limit=3, score_cutoff=FUZZY_CUTOFF)
                hits = tuple(sorted(((choice, score) for choice, score, _ in found),
                                    key=lambda hit: (-hit[1], hit[0])))
                if not hits and fuzzable(term, LOOSE_MIN_LEN):
                    hits = self._loose_fuzzy(term)
                sound = self._sounds_like(term)
                if sound is not None and (not hits or hits[0][0] == sound
                                          or changes_consonants(term, hits[0][0])):
                    # the word it is, not one that merely looks close ("primere" is no
                    # "prime"); a close hit that keeps the consonants or puts a dropped
                    # letter back ("austraia", "scheule") stays
                    strict = max((s for t, s in hits if t == sound), default=0.0)
                    hits = ((sound, max(SOUND_SIMILARITY, strict)),)
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache = {}
            self._fuzzy_cache[term] = hits
        return hits

    def spelled(self, term: str) -> str:
        """The index term a typo of one stands for ("balerina" -> ballerina); else `term`."""
        if term in self.postings or not fuzzable(term, SHORT_LEN):
            return term
        hits = self.fuzzy(term)
        return hits[0][0] if hits else term

    def _loose_fuzzy(self, term: str) -> tuple[tuple[str, float], ...]:
        """Index terms one edit from `term` (two from 8 letters), same first letter; each
        with its OSA similarity to the closest term or surface word, best first."""
        choices = self._loose_table().get(term[0])
        if not choices:
            return ()
        edits = 2 if len(term) >= LOOSE_TWO_EDITS else 1
        best: dict[str, float] = {}
        # compared with the words themselves (a dict would compare its values, the stems)
        for word, distance, _ in process.extract(term, choices.keys(), scorer=OSA.distance,
                                                 score_cutoff=edits, limit=20):
            found = choices[word]
            if (found == term or found not in self.postings or len(word) < LOOSE_MIN_LEN
                    or (distance == 1 and not typo_like(term, word))):
                continue
            similarity = 1.0 - distance / max(len(term), len(word))
            if similarity > best.get(found, 0.0):
                best[found] = similarity
        for word in undone(term):  # "levelss" -> levels -> level: the typo hid the stem
            found = canonical([word])[0]
            if found in self.postings and found != term and typo_like(term, word):
                best[found] = max(best.get(found, 0.0), 1.0 - 1.0 / len(term))
        return tuple(sorted(best.items(), key=lambda hit: (-hit[1], hit[0])))[:3]

    def _sounds_like(self, term: str) -> str | None:
        """The one index term with `term`'s consonants (a typo in the vowels only), if any."""
        key = consonants(term)
        if len(key) < SOUND_CONSONANTS:
            return None
        self._loose_table()
        found = {t for t in self._sounds.get(key, ())
                 if t in self.postings and t != term and OSA.distance(term, t) <= SOUND_EDITS}
        return found.pop() if len(found) == 1 else None

    def _short_fuzzy(self, term: str) -> tuple[tuple[str, float], ...]:
        """Index terms of the 4-letter words `term` is missing one letter of, the first
        letter kept ("wck", "wik" -> wick; "jhn" -> john)."""
        choices = self._loose_table().get(term[0], {})
        found = {choices[word] for i in range(1, SHORT_LEN + 1) for c in ascii_lowercase
                 if (word := term[:i] + c + term[i:]) in choices}
        found = {t for t in found if t in self.postings and t != term}
        similarity = 1.0 - 1.0 / (SHORT_LEN + 1)
        return tuple((t, similarity) for t in sorted(found))[:3]

    def _loose_table(self) -> dict[str, dict[str, str]]:
        """The loose typo look's words by first letter, built on first use."""
        if self._loose is None:
            self._loose, self._sounds = {}, {}
            self._add_loose(chain(self.postings, self._words))
        return self._loose

    def _add_loose(self, words: Iterable[str]) -> None:
        """Index terms, and surface words standing for one other index term ("rules")."""
        assert self._loose is not None
        postings = self.postings
        for word in words:
            if not fuzzable(word, LOOSE_MIN_LEN):
                continue
            if word in postings:
                self._loose.setdefault(word[0], {})[word] = word
                self._add_sound(word, word)
                continue
            found = canonical([word])
            if len(found) == 1 and found[0] in postings:
                self._loose.setdefault(word[0], {}).setdefault(word, found[0])
                self._add_sound(word, found[0])

    def _add_sound(self, word: str, term: str) -> None:
        """`term` under the consonants of `word` (itself, or a surface word of it)."""
        # tuples, not sets: most hold one or two terms, and a set costs four times as much
        key = consonants(word)
        known = self._sounds.get(key, ())
        if term not in known:
            self._sounds[key] = (*known, term)

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
