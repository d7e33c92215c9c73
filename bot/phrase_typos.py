"""Typos inside phrase-table words, fixed before the phrases apply ("how lnog is it" -> how
long -> runtime): the index never sees a phrase's words, so a typo in one would otherwise
lose the whole phrase's meaning. Used by `bot.engine.AnswerIndex` on the question's words.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.english import is_common_word
from bot.text import CHAT, PHRASES, STOPWORDS, TABLE_TERMS
from bot.typo_shapes import swapped, typo_like

_PHRASE_BIGRAMS = frozenset(pair for key in PHRASES for pair in pairwise(key))  # anywhere in one
# words of the phrase table, for typos inside a phrase ("how lnog", "box offce")
_PHRASE_WORD_SET = frozenset(w for key in PHRASES for w in key if len(w) >= 4 and w.isalpha())
# ... and the canonical spellings, for a typo fingers make ("polt" -> plot, not "post")
_SPELLINGS = sorted(_PHRASE_WORD_SET | {w for w in TABLE_TERMS | (set(CHAT.values()) - STOPWORDS)
                                         if len(w) >= 4 and w.isalpha()})
_SPELLINGS_SET = frozenset(_SPELLINGS)
_SPELL_CACHE: dict[str, str] = {}


def _short_word_fixes() -> dict[str, tuple[str, ...]]:
    """Typed word -> the phrase words of 3 or 4 letters one finger typo away, the first
    letter kept: one letter short ("mny" -> many, "wik" -> wick), two letters swapped or a key
    next to the right one ("hos" -> how), a letter doubled ("hoow" -> how). Swaps first, then
    alphabetically."""
    found: dict[str, set[str]] = {}
    for word in {w for key in PHRASES for w in key if len(w) in (3, 4) and w.isalpha()}:
        if len(word) == 4:
            typed = {word[:i] + word[i + 1:] for i in range(1, 4)}
        else:
            typed = {word[0] + word[2] + word[1]} | {
                word[:i] + ch + word[i + 1:] for i in (1, 2) for ch in string.ascii_lowercase
                if typo_like(word[:i] + ch + word[i + 1:], word)} | {
                word[:i] + word[i - 1:] for i in range(1, 4)}
        for stub in typed - {word}:
            found.setdefault(stub, set()).add(word)
    return {stub: tuple(sorted(words, key=lambda w: (not swapped(stub, w), w)))
            for stub, words in found.items()}


_SHORT_WORD_FIXES = _short_word_fixes()  # taken only where the fix makes a phrase with a neighbour


def phrase_typos(words: list[str], known: Callable[[str], bool]) -> list[str]:
    """`words` with `phrase_word_typo` applied to each one not `known`, twice: a neighbour
    put right may make a phrase with another typo ("spiiler *tgs*", "*hoow* mqny minutes")."""
    ends = ["", *words, ""]  # each word's neighbours: ends[i], ends[i + 2]
    fixed = [w if known(w) else phrase_word_typo(w, ends[i], ends[i + 2])
             for i, w in enumerate(words)]
    if fixed == words:
        return fixed
    ends = ["", *fixed, ""]
    return [phrase_word_typo(w, ends[i], ends[i + 2]) if w == words[i] and not known(w) else w
            for i, w in enumerate(fixed)]


def phrase_word_typo(word: str, before: str = "", after: str = "") -> str:
    """The phrase-table word or canonical spelling `word` is one typo away from ("lnog" ->
    "long", "polt" -> "plot"), else `word`. `before` and `after` are its neighbours: a real
    word ("fist") is taken for a typo only of two letters swapped ("cats") or when the fix
    makes a phrase with one of them ("the *first* john wick"), never "lost" -> "list".

    Phrases are matched before the index sees the words, so a typo inside one would
    otherwise lose the whole phrase's meaning. A 3-letter word is too short to tell on its
    own, and so is a typo of one: it is fixed only where the fix makes a phrase with a
    neighbour ("how *mny* minutes", "john *wik*", "*hos* much", "*hoow* many")."""
    short = _SHORT_WORD_FIXES.get(word)
    if short is not None or len(word) == 3:
        if _makes_phrase(word, before, after):
            return word  # in a phrase already ("how old"): no typo
        found = next((fixed for fixed in short or () if _makes_phrase(fixed, before, after)), None)
        if found is not None:
            return found
        if len(word) == 3:
            return word
    fixed = _typo_fix(word)
    if (fixed == word or swapped(word, fixed) or not is_common_word(word)
            or _makes_phrase(fixed, before, after)):
        return fixed
    return word


def _makes_phrase(word: str, before: str, after: str) -> bool:
    """Whether `word` makes a phrase of the table with the word before it or after it."""
    return (before, word) in _PHRASE_BIGRAMS or (word, after) in _PHRASE_BIGRAMS


def _typo_fix(word: str) -> str:
    fixed = _SPELL_CACHE.get(word)
    if fixed is None:
        fixed = word
        if len(word) >= 4 and word.isalpha() and word not in _SPELLINGS_SET:
            # the first letter is rarely the typo; a typo fingers make first: "polt" is
            # "plot" before "post"
            hits = [str(hit) for hit, _, _ in process.extract(
                word, _SPELLINGS, scorer=OSA.distance, score_cutoff=1, limit=None)
                if hit[0] == word[0]]
            likely = [hit for hit in hits if typo_like(word, hit)]
            likely.sort(key=lambda hit: not swapped(word, hit))  # swaps first: "wath"
            # ... else a word people type, if long enough to tell ("crat" may be "cart")
            typed = [hit for hit in hits if hit in _PHRASE_WORD_SET] if len(word) > 4 else []
            if likely or typed:
                fixed = (likely or typed)[0]
        if len(_SPELL_CACHE) < 100_000:
            _SPELL_CACHE[word] = fixed
    return fixed
