"""The words a fork's phrasings use (`bot.engine.AnswerIndex.fork`), so that a word its
writes leave unused leaves its prefix search: "blu", of a shipped Blu-ray FAQ the guild
hid, would still complete to what it stands for ("release"), every release FAQ."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from bot.entries import Entry, phrasings
from bot.text import split_words


def entry_words(entry: Entry) -> tuple[str, ...]:
    """The plain words of an entry's phrasings, as the prefix search holds them."""
    return tuple(chain.from_iterable(split_words(text) for text in phrasings(entry)))


class WordUses:
    """Each slot's phrasings' words, and how many times each word is used."""

    def __init__(self, placed: Iterable[tuple[int, Entry]] = ()) -> None:
        self._of: dict[int, tuple[str, ...]] = {slot: entry_words(e) for slot, e in placed}
        self._uses: Counter[str] = Counter(chain.from_iterable(self._of.values()))
        self._lent = False  # a fork's counts are still its origin's

    def fork(self) -> WordUses:
        """A copy to write to, sharing these counts until it does."""
        forked = WordUses()
        forked._of, forked._uses, forked._lent = self._of, self._uses, True
        return forked

    def moved(self, slot: int, placed: Entry | None) -> list[str]:
        """Count the words of the entry `placed` at `slot`, or (None) uncount those of the
        one removed from it; returns the words no phrasing uses any more."""
        if self._lent:
            self._of, self._uses, self._lent = dict(self._of), self._uses.copy(), False
        if placed is not None:
            self._of[slot] = words = entry_words(placed)
            self._uses.update(words)
            return []
        unused = []
        for word in self._of.pop(slot, ()):
            left = self._uses.get(word, 0) - 1
            if left > 0:
                self._uses[word] = left
            elif self._uses.pop(word, None) is not None:
                unused.append(word)
        return unused
