"""Typo search over `bot.engine_index.TermIndex`'s terms and words: which index terms a
misspelt word stands for ("balerina" -> ballerina, "wck" -> wick, "primere" -> premiere).

`TypoLookup` is the part of `TermIndex` that answers that; the index owns the data (its
postings, its words and the typo tables it keeps up to date on writes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain
from string import ascii_lowercase

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text import STOPWORDS, canonical
from bot.typo_shapes import changes_consonants, consonants, typo_like, undone

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


def fuzzable(term: str, shortest: int = FUZZY_MIN_LEN) -> bool:
    """Whether `term` is a word a typo search may look at: letters, not a stop word, at
    least `shortest` long (`SHORT_LEN`: anything `TermIndex.fuzzy` can fix), at most
    `LONGEST_WORD` (a pasted run of letters costs time in proportion to its length)."""
    return shortest <= len(term) <= LONGEST_WORD and term.isalpha() and term not in STOPWORDS


class TypoLookup:
    """Typo search for `TermIndex` (which sets these attributes and defines `prepare`)."""

    postings: defaultdict[str, set[int]]
    _words: set[str]
    _fuzzy_terms: dict[str, str] | None  # fuzzable term -> itself, for rapidfuzz
    _fuzzy_cache: dict[str, tuple[tuple[str, float], ...]]
    _loose: dict[str, dict[str, str]] | None
    _sounds: dict[str, tuple[str, ...]]

    def prepare(self) -> None:
        raise NotImplementedError

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
