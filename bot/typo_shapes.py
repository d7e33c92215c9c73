"""The shapes typos take: keys next to each other, letters swapped, vowels confused.

Plain functions on single words, no state; used by `bot.phrase_typos` (phrase-word typos)
and the answer engine's typo searches (`bot.engine_index`, `bot.engine_query`).
"""

from __future__ import annotations

from itertools import pairwise

_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {ch: (row, col) for row, keys in enumerate(_KEY_ROWS) for col, ch in enumerate(keys)}


def _next_keys(a: str, b: str) -> bool:
    """Whether `a` and `b` are neighbouring keys on a QWERTY keyboard (rows sit staggered)."""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    return (ra == rb and abs(ca - cb) == 1) or (abs(ra - rb) == 1 and ca - cb in
                                                 ((0, -1) if ra > rb else (0, 1)))


def typo_like(typed: str, meant: str) -> bool:
    """Whether one edit that fingers make turns `meant` into `typed`: two letters swapped,
    a key next to the right one, a letter doubled or left out ("jhon", "joun", "johnn",
    "jon" for john). "rest" is no typo of "rent": s and n are far apart."""
    n, m = len(typed), len(meant)
    if n == m:
        diff = [i for i in range(n) if typed[i] != meant[i]]
        if len(diff) == 1:
            return _next_keys(typed[diff[0]], meant[diff[0]])
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and typed[diff[0]] == meant[diff[1]] and typed[diff[1]] == meant[diff[0]])
    if n == m + 1:  # an extra letter: the one next to it again, or a key beside it
        for i in range(n):
            if typed[:i] + typed[i + 1:] == meant:
                near = typed[i - 1:i] + typed[i + 1:i + 2]
                if any(c == typed[i] or _next_keys(c, typed[i]) for c in near):
                    return True
        return False
    return n == m - 1 and any(meant[:i] + meant[i + 1:] == typed for i in range(m))


def swapped(typed: str, meant: str) -> bool:
    """The same letters in another order: for words one edit apart, two neighbouring letters
    swapped ("waht" / "what"), the typo to try first."""
    return len(typed) == len(meant) and sorted(typed) == sorted(meant)


_VOWELS = frozenset("aeiouy")


def consonants(word: str) -> str:
    """`word`'s first letter and then its consonants, a doubled letter once: "premiere" and
    "primere" are both "prmr", "balerina" and "ballerina" "blrn"."""
    out = [word[0]]
    for before, ch in pairwise(word):
        if ch not in _VOWELS and ch != before:
            out.append(ch)
    return "".join(out)


def one_letter_short(typed: str, meant: str) -> bool:
    """Whether `meant` is `typed` with one letter put back ("scheul" for "schedul")."""
    return len(meant) == len(typed) + 1 and any(
        meant[:i] + meant[i + 1:] == typed for i in range(len(meant)))


def changes_consonants(term: str, hit: str) -> bool:
    """Whether typo hit `hit` changes `term`'s consonants other than by putting back a
    letter the typo dropped ("schedul" for "scheul") or by a finger typo of one letter."""
    return (consonants(hit) != consonants(term) and not one_letter_short(term, hit)
            and not (len(hit) == len(term) and typo_like(term, hit)))


def undone(term: str) -> set[str]:
    """`term` with one letter dropped or two swapped, the first letter kept."""
    n = len(term)
    return ({term[:i] + term[i + 1:] for i in range(1, n)}
            | {term[:i] + term[i + 1] + term[i] + term[i + 2:] for i in range(1, n - 1)})
