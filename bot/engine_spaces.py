"""Lost and stray spaces in a question: "thefirst john wick", "balle rina", "actre ss".

Used by `bot.engine.AnswerIndex` (`unjoin`, on the words as typed, before the phrase table
reads them) and `bot.engine_query.build_query` (`respace`, on their terms).
"""

from __future__ import annotations

from bot.engine_index import TermIndex
from bot.engine_typos import FUZZY_CUTOFF, LONGEST_WORD, LOOSE_MIN_LEN, fuzzable
from bot.english import is_common_word
from bot.text import COMMON_WORDS, STOPWORDS, TABLE_TERMS, canonical, expansions

SAYS_NOTHING = STOPWORDS | COMMON_WORDS  # never "foreign", nor are numbers ("a 12 year old")
# Words of one question tried as two run together, at most. Real questions have three at
# most (99.7 % of the labelled and helper-written ones); keyboard mash or a message in
# another language has one per word, and each try costs up to a millisecond.
SPLIT_TRIES = 4
_STEMMED = ("", "e", "ed", "s", "ing")  # what the stemmer may have cut off a word's end


def respace(index: TermIndex, words: list[str], typed: dict[str, str] | None = None,
            groups: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """`words` with a lost or stray space put right: a word the index never saw that is two
    known words run together ("ballerinabudget", "marquisin"), or two neighbours of which one
    is unknown that together make (or are one typo from) a known word ("balle rina"), or two
    unknown ones that make a common English word ("actre ss"). A common English word
    (`typed`: term -> the word as typed) is never two: "costume" is no "cost um". A joined
    word the phrase table adds terms to ("spa nish" -> spanish language) goes into `groups`
    as `expansions` would have it, had it been typed whole."""
    postings = index.postings
    typed = typed or {}

    def unknown(term: str) -> bool:
        return term not in postings and term not in STOPWORDS and term.isalpha()

    out: list[str] = []
    tries = SPLIT_TRIES
    i = 0
    while i < len(words):
        term = words[i]
        pair = words[i:i + 2]
        if len(pair) == 2 and STOPWORDS.isdisjoint(pair) and any(map(unknown, pair)):
            joined = _known(index, term + words[i + 1], pair)  # "pla in" is no "plain"
            if not joined and all(map(unknown, pair)):
                whole = typed.get(term, term) + typed.get(words[i + 1], words[i + 1])
                joined = canonical([whole]) if is_common_word(whole) else []
            if joined:
                if groups is not None and len(joined) > 1:
                    groups.update(expansions([term + words[i + 1]], [joined]))
                out += joined
                i += 2
                continue
        word = typed.get(term, term)
        if tries and _may_be_joined(index, term, word):  # as typed first: "whoplays" came as "whoplai"
            tries -= 1
            pieces = _split(index, word)
            out += _split(index, term) if pieces == [word] and word != term else pieces
        else:
            out.append(term)
        i += 1
    return out


def unjoin(index: TermIndex, words: list[str], own: dict[str, list[str]]) -> list[str]:
    """`words` with a lost space put back where both halves are words the index knows,
    before the phrase table reads them: a phrase may start inside the joined word ("thefirst
    john wick" is John Wick (2014), "ballerinamess up" a continuity question), which
    `respace`, reading terms, would miss. `own`: each word's terms, as `canonical([word])`."""
    out: list[str] = []
    tries = SPLIT_TRIES
    for i, word in enumerate(words):
        found = own.get(word) or canonical([word])
        pieces = None
        if tries and len(found) == 1 and _may_be_joined(index, found[0], word):
            tries -= 1
            pieces = _cut(index, word, words[i + 1:i + 2])
        out += pieces or [word]
    return out


def _may_be_joined(index: TermIndex, term: str, word: str) -> bool:
    """Whether `term` (typed as `word`) may be two words run together: a long word the
    index never saw, neither a common English word nor a sure typo of a known one."""
    return (term not in index.postings and term not in STOPWORDS and term.isalpha()
            and 5 <= len(term) <= LONGEST_WORD and term not in TABLE_TERMS
            and not is_common_word(word)
            and not (fuzzable(term) and sure(index.fuzzy(term))))


def _cut(index: TermIndex, word: str, after: list[str]) -> list[str] | None:
    """`word` as two words whose terms the index knows (one may say nothing, "marquisin"),
    alone or with the word `after` them ("ballerinamess *up*"), the longest first part
    first; else None."""
    for cut in range(len(word) - 2, 1, -1):
        pieces = [word[:cut], word[cut:]]
        if _all_known(index, canonical(pieces)) or (
                after and _phrase_with(pieces[1], after[0])
                and _all_known(index, canonical([*pieces, *after]))):
            return pieces
    return None


def _all_known(index: TermIndex, found: list[str]) -> bool:
    """Whether the index knows every term of `found` (or it says nothing, as "in" does),
    and one of them says something ("findballerina" is two words, "findin" is not)."""
    return (all(t in index.postings or t in SAYS_NOTHING for t in found)
            and not set(found) <= SAYS_NOTHING)


def _phrase_with(word: str, after: str) -> bool:
    """Whether the phrase table reads `word` and the word `after` it as one ("mess up")."""
    return canonical([word, after]) != [*canonical([word]), *canonical([after])]


def _known(index: TermIndex, word: str, parts: list[str] | None = None) -> list[str]:
    """The index terms of `word`, exactly or as a typo of one with the same first letter
    ("ce nter" is no "enter") that is none of the `parts` it was joined from ("ballerina
    wi" is no typo of "ballerina"); else empty."""
    found = canonical([word])
    if all(t in index.postings for t in found) and not set(found) <= STOPWORDS:
        return found
    hits = index.fuzzy(word) if fuzzable(word) else ()
    if sure(hits) and hits[0][0][0] == word[0] and hits[0][0] not in (parts or ()):
        return [hits[0][0]]
    return []


def sure(hits: tuple[tuple[str, float], ...]) -> bool:
    """A typo lookup found a word at the usual typo distance, not only a loose match."""
    return bool(hits) and hits[0][1] >= FUZZY_CUTOFF


def _split(index: TermIndex, term: str) -> list[str]:
    """`term` as two known words (one may be a stop word: "marquisin"), or a stop word and
    a sure typo of a known word ("thetimline"), or a known word and a sure typo of another
    ("wrotballerina"), else itself. Not when it is itself a sure typo of a known word:
    "acount" is no "a count"."""
    for cut in range(len(term) - 2, 1, -1):  # the longest first part first; 2 letters each
        for ending in _STEMMED:  # "ballerinarated" came as "ballerinarat"
            pair = canonical([term[:cut], term[cut:] + ending])
            if _all_known(index, pair):
                return pair
    for cut in range(2, min(len(term) - 3, 6)):  # a stop word and a typo: "thetimline"
        if term[:cut] in STOPWORDS and (fixed := _known(index, term[cut:])):
            return [term[:cut], *fixed]
    for cut in range(len(term) - LOOSE_MIN_LEN, LOOSE_MIN_LEN - 1, -1):
        # a word the index has, as typed ("plac", the stem of "place", is none), and a sure
        # typo of one: "wrotballerina", "derekkolstaad"; 4 letters each
        head, tail = term[:cut], term[cut:]
        head_known = _typed_known(index, head)
        if head_known != _typed_known(index, tail) and (
                fixed := _known(index, tail if head_known else head)):
            return [*canonical([head]), *fixed] if head_known else [*fixed, *canonical([tail])]
    return [term]


def _typed_known(index: TermIndex, word: str) -> bool:
    """Whether `word` is a word the index's phrasings use, as typed, and says something."""
    found = canonical([word])
    return (index.has_word(word) and all(t in index.postings for t in found)
            and not set(found) <= SAYS_NOTHING)
