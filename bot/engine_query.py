"""A question as the answer engine scores it: each word's weight and the index terms it stands for.

Used by `bot.engine.AnswerIndex`; see its module docstring for the whole matching story.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine_index import FUZZY_CUTOFF, SHORT_LEN, STOP_WEIGHT, TermIndex, fuzzable
from bot.english import is_common_word
from bot.text import (
    COMMON_WORDS,
    PHRASES,
    QUESTION_WORDS,
    STOPWORDS,
    TABLE_TERMS,
    canonical,
    stem,
)
from bot.typo_shapes import swapped, typo_like
from bot.wordsets import word_set

_SAYS_NOTHING = STOPWORDS | COMMON_WORDS  # never "foreign", nor are numbers ("a 12 year old")
MERGE_MAX = 2000  # names are rare: words in more documents than this are not compared
GROUP_SIMILARITY = 0.8  # how much a phrasing with only the added term ("language") explains "spanish"
SHORT_STEM = 3  # a stem this short cut from a longer word ("dating" -> "dat") is no typo
_STEMMED = ("", "e", "ed", "s", "ing")  # what the stemmer may have cut off a word's end

# single slang words worth a typo lookup: "parabelum" still means chapter 3
_SLANG_WORDS = sorted(key[0] for key in PHRASES if len(key) == 1 and len(key[0]) >= 5)
# stop words by length, for typos of them ("whp", "teh", "waht")
_SMALL_WORDS = {n: sorted(w for w in STOPWORDS if len(w) == n) for n in (3, 4, 5, 6)}
_QUESTION_4 = sorted(w for w in QUESTION_WORDS if len(w) == 4)  # what, when
# the longer stop words by first letter, for typos of filler ("actully", "bascially")
LONG_STOPWORD = 6
_LONG_STOPWORDS = {first: sorted(w for w in STOPWORDS if len(w) >= LONG_STOPWORD and w[0] == first)
                   for first in {w[0] for w in STOPWORDS if len(w) >= LONG_STOPWORD}}


@dataclass(slots=True)
class QueryTerm:
    weight: float
    matches: tuple[tuple[str, float], ...]  # index terms this query word stands for, 0..1
    generate: bool  # may bring in candidates (stop words only score)
    foreign: bool = False  # a real word the index has never seen ("potter", "pizza")
    unseen: str = ""  # a word no phrasing uses, as typed (an answer may still use it)
    expanded: bool = False  # a word and the terms the phrase table adds to it (no typo)


def exact(terms: Iterable[str]) -> tuple[tuple[str, float], ...]:
    return tuple((t, 1.0) for t in terms)


def build_query(index: TermIndex, words: list[str], typed: dict[str, str] | None = None,
                expansions: dict[str, tuple[str, ...]] | None = None) -> list[QueryTerm]:
    """One QueryTerm per distinct term of `words` (or several for a slang typo).

    `typed`: term -> the word it came from, as typed. A typo is judged on that word ("ruules"
    is one edit in six letters, not in the four of its stem "ruul"); a common English word is
    no typo ("paid" is not "play", "dating" not "date"), except of a small word with two
    letters swapped ("dose"); any other word the stemmer cut to a stub ("fiming" -> "fim")
    gets only the strict typo search.

    `expansions`: a question word's term -> the terms the phrase table adds to it
    ("spanish" -> ("language",)); the word and its added terms are one QueryTerm."""
    typed = typed or {}
    joined: dict[str, tuple[str, ...]] = {}
    distinct = list(dict.fromkeys(respace(index, words, typed, joined)))
    groups = {head: rest for head, rest in {**(expansions or {}), **joined}.items()
              if head in distinct}
    folded = {t for rest in groups.values() for t in rest}
    query: list[QueryTerm] = []
    for term in distinct:
        if term in folded and term not in groups:
            continue  # "language" of "spanish language": one word, counted with its head
        rest = groups.get(term)
        if rest is not None and (term in index.postings or not _typo_like_word(index, term)):
            query.append(_grouped(index, term, rest))
            continue
        if term in index.postings:
            query.append(QueryTerm(index.weight(term), ((term, 1.0),), term not in STOPWORDS))
            continue
        word = typed.get(term, term)
        real = is_common_word(word)
        cut_short = len(term) <= SHORT_STEM < len(word) - 1  # "fiming" -> "fim"
        # a stub of 3 letters or fewer gets only the strict search (what is left of the word
        # may be anything), and that never finds one: one edit from 4 letters is 0.75 at best;
        # only two swapped letters put back, or a doubled one typed once, may still find the
        # word (`_typed_back`)
        hits = index.fuzzy(term) if fuzzable(term, SHORT_LEN) and not (real or cut_short) else ()
        if not hits and not real:  # "tkae": its stub "tka" is too short to look up
            hits = _typed_back(index, word)
        if hits and len(word) > len(term):
            hits = _as_typed(hits, term, word)
        small = ((misspelt_small_word(term) if not cut_short else None)
                 or misspelt_long_stopword(word))  # "bascially" is filler, not a foreign word
        if small is not None and real and not swapped(term, small):
            small = None  # "paid" is a word; "dose" may still be "does"
        if small is not None and _sure(hits) and not swapped(term, small):
            small = None  # "wath" is "what" (two letters swapped) before "watch"; "fims" is "film"
        if small is not None:  # "teh" is "the" before it is "ted"
            hits = ()
        slang = process.extractOne(term, _SLANG_WORDS, scorer=OSA.normalized_similarity,
                                   score_cutoff=FUZZY_CUTOFF) if fuzzable(term) and not real else None
        if slang is not None and (not hits or slang[1] > hits[0][1]):
            for meant in canonical([slang[0]]):  # the slang's canonical terms, exactly
                known = meant in index.postings
                query.append(QueryTerm(index.weight(meant), ((meant, 1.0),) if known else (),
                                       known and meant not in STOPWORDS))
        elif hits:
            query.append(QueryTerm(index.weight(hits[0][0]), hits, True))
        elif small is not None:  # "whp" plays, "waht" is
            query.append(QueryTerm(index.weight(small), ((small, 1.0),), False))
        else:  # never seen: weighs like the rarest word, matches nothing
            query.append(QueryTerm(index.weight(term), (), False,
                                   term.isalpha() and term not in _SAYS_NOTHING, term))
    merge_names(index, query)
    if "about" in words:
        _about_as_preposition(words, query)
    return query


def _typed_back(index: TermIndex, word: str) -> tuple[tuple[str, float], ...]:
    """The index term of `word` with two neighbouring letters swapped back ("tkae" ->
    take), or else a doubled letter typed once ("arres" -> ares), at the similarity of one
    edit; none for words under 4 letters (5 with a doubled letter)."""
    if len(word) < SHORT_LEN + 1:
        return ()
    swaps = (f"{word[:i]}{word[i + 1]}{word[i]}{word[i + 2:]}"
             for i in range(len(word) - 1) if word[i] != word[i + 1])
    singles = () if len(word) <= SHORT_LEN + 1 else (
        word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1])
    for fixed in chain(swaps, singles):
        term = stem(fixed)
        if term in index.postings and term not in STOPWORDS:
            return ((term, 1.0 - 1.0 / len(word)),)
    return ()


_DETERMINERS = word_set("the a an this that these those my your his her their our its")


def _about_as_preposition(words: list[str], query: list[QueryTerm]) -> None:
    """"What is ballerina *about*" asks for the premise; "a quiz *about* the movies", "talk
    *about* the ending" do not: "about" followed by its object (a topic word, maybe after
    "the", "my", ...) weighs as a stop word. "What is it about, i haven't seen it" still asks."""
    after = [w for w in words[words.index("about") + 1:][:3] if w not in _DETERMINERS]
    if after and after[0] not in STOPWORDS:
        for q in query:
            if q.matches and q.matches[0][0] == "about":
                q.weight = min(q.weight, STOP_WEIGHT)


def expansions(words: list[str], singles: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """For `build_query`: each word the phrase table keeps and adds terms to ("spanish" ->
    spanish language), its term -> the added terms; not those another word gives by itself
    ("what *languages* do you speak": that "language" is a question word of its own).
    `singles`: each word's own terms, `canonical([word])` (the caller has them already)."""
    grouped: dict[str, tuple[str, ...]] = {}
    alone: set[str] = set()
    for word, found in zip(words, singles, strict=True):
        if len(found) > 1 and found[0] in (word, stem(word)):
            grouped[found[0]] = tuple(found[1:])
        else:
            alone.update(found)
    return {head: kept for head, added in grouped.items()
            if (kept := tuple(t for t in added if t not in alone))}


def _typo_like_word(index: TermIndex, term: str) -> bool:
    """Whether the index knows a word `term` may be a typo of."""
    return fuzzable(term, SHORT_LEN) and bool(index.fuzzy(term))


def _grouped(index: TermIndex, head: str, rest: tuple[str, ...]) -> QueryTerm:
    """One question word the phrase table spells as several terms ("spanish" -> spanish
    language, "speak" -> speak language): one piece of evidence, which a phrasing with the
    head explains in full and one with only the others in part (GROUP_SIMILARITY)."""
    others = tuple((t, GROUP_SIMILARITY) for t in rest if t in index.postings)
    if head in index.postings:
        return QueryTerm(index.weight(head), ((head, 1.0), *others), head not in STOPWORDS,
                         expanded=True)
    if not others:
        return QueryTerm(index.weight(head), (), False, head.isalpha() and head not in _SAYS_NOTHING,
                         head)
    return QueryTerm(max(index.weight(t) for t, _ in others), others, True, False, head, True)


def _as_typed(hits: tuple[tuple[str, float], ...], term: str,
                word: str) -> tuple[tuple[str, float], ...]:
    """Typo hits of a stem judged by the word as typed: one edit in "ruules" (stem "ruul",
    0.75 from "rul") is one edit in six letters (0.83), as it is against "rules"."""
    extra = len(word) - len(term)
    out = []
    for hit, similarity in hits:  # a hit may be a slang or phrase term: never judged higher
        edits = OSA.distance(term, hit)
        out.append((hit, max(similarity, 1.0 - edits / (max(len(term), len(hit)) + extra))))
    return tuple(sorted(out, key=lambda h: (-h[1], h[0])))


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
        if _may_be_joined(index, term, word):  # as typed first: "whoplays" came as "whoplai"
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
    for i, word in enumerate(words):
        found = own.get(word) or canonical([word])
        pieces = (_cut(index, word, words[i + 1:i + 2])
                  if len(found) == 1 and _may_be_joined(index, found[0], word) else None)
        out += pieces or [word]
    return out


def _may_be_joined(index: TermIndex, term: str, word: str) -> bool:
    """Whether `term` (typed as `word`) may be two words run together: a long word the
    index never saw, neither a common English word nor a sure typo of a known one."""
    return (term not in index.postings and term not in STOPWORDS and term.isalpha()
            and len(term) >= 5 and term not in TABLE_TERMS and not is_common_word(word)
            and not (fuzzable(term) and _sure(index.fuzzy(term))))


def _cut(index: TermIndex, word: str, after: list[str]) -> list[str] | None:
    """`word` as two words whose terms the index knows (one may say nothing, "marquisin"),
    alone or with the word `after` them ("ballerinamess *up*"), the longest first part
    first; else None."""

    def known(found: list[str]) -> bool:
        return (all(t in index.postings or t in _SAYS_NOTHING for t in found)
                and not set(found) <= _SAYS_NOTHING)

    for cut in range(len(word) - 2, 1, -1):
        pieces = [word[:cut], word[cut:]]
        if known(canonical(pieces)) or (after and _phrase_with(pieces[1], after[0])
                                        and known(canonical([*pieces, *after]))):
            return pieces
    return None


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
    if _sure(hits) and hits[0][0][0] == word[0] and hits[0][0] not in (parts or ()):
        return [hits[0][0]]
    return []


def _sure(hits: tuple[tuple[str, float], ...]) -> bool:
    """A typo lookup found a word at the usual typo distance, not only a loose match."""
    return bool(hits) and hits[0][1] >= FUZZY_CUTOFF


def _split(index: TermIndex, term: str) -> list[str]:
    """`term` as two known words (one may be a stop word: "marquisin"), or a stop word and
    a sure typo of a known word ("thetimline"), else itself. Not when it is itself a sure
    typo of a known word: "acount" is no "a count"."""
    postings = index.postings
    for cut in range(len(term) - 2, 1, -1):  # the longest first part first; 2 letters each
        for ending in _STEMMED:  # "ballerinarated" came as "ballerinarat"
            pair = canonical([term[:cut], term[cut:] + ending])
            if (all(t in postings or t in _SAYS_NOTHING for t in pair)
                    and not set(pair) <= _SAYS_NOTHING):  # "findballerina"
                return pair
    for cut in range(2, min(len(term) - 3, 6)):  # a stop word and a typo: "thetimline"
        if term[:cut] in STOPWORDS and (fixed := _known(index, term[cut:])):
            return [term[:cut], *fixed]
    return [term]


def merge_names(index: TermIndex, query: list[QueryTerm]) -> None:
    """Words that only ever appear together ("halle" "berry", "ana" "armas") are one piece
    of evidence: the first counts, the others weigh nothing. Otherwise a two-word name
    outweighs what is asked about it ("does halle berry have kids")."""
    kept: list[set[int]] = []
    for q in query:
        if len(q.matches) != 1 or not q.generate:
            continue
        posting = index.postings[q.matches[0][0]]
        if len(posting) <= MERGE_MAX and any(p == posting for p in kept if len(p) == len(posting)):
            q.weight = 0.0
        else:
            kept.append(posting)


def misspelt_long_stopword(word: str) -> str | None:
    """The stop word of 6 letters or more that `word`, no word itself, is one finger typo of
    ("bascially", "actully", "wordlwide"): filler, not a word nobody uses."""
    if len(word) < LONG_STOPWORD or not word.isalpha() or is_common_word(word):
        return None
    return next((stop for stop in _LONG_STOPWORDS.get(word[0], ()) if typo_like(word, stop)), None)


def misspelt_small_word(word: str) -> str | None:
    """The stop word `word` is a typo of: "whp" (3 letters, one wrong), "waht", "teh" (two
    letters swapped), "wher", "ther" (from 4 letters: one left out or doubled, or a key
    next to the right one: "whwn"), "wen" (a 4-letter question word short of a letter). A
    real word one letter off ("came"/"same") is left alone, and so is one whose first letter
    differs ("end", "tall"), unless it is two letters swapped ("hte")."""
    if not 3 <= len(word) <= 5 or not word.isalpha():
        return None
    if len(word) > 3 and word[-1] == "i":  # the stemmer's "y" -> "i": "thwy" came as "thwi"
        return misspelt_small_word(word[:-1] + "y") if word[-2] != "i" else None
    n = len(word)
    choices = [*_SMALL_WORDS.get(n, ())]
    if n > 3:  # "old" is not "told": short words only by a wrong letter
        choices += [*_SMALL_WORDS.get(n + 1, ()), *_SMALL_WORDS.get(n - 1, ())]
    # the first letter is rarely the typo: "end" is not "and", "tall" not "all"
    near = [str(small) for small, _, _ in process.extract(
        word, choices, scorer=OSA.distance, score_cutoff=1, limit=None)
            if small[0] == word[0] or swapped(word, small)]
    near.sort(key=lambda small: not swapped(word, small))  # two letters swapped first: "teh"
    for small in near:
        if n == 3 or len(small) != n or swapped(word, small):
            return small
    for small in near:  # ... then the key next to the right one ("whwn")
        if typo_like(word, small):
            return small
    if n == 3:  # "wen", "wat": a question word with a letter left out (never "old" -> "told")
        for question in _QUESTION_4:
            if question[0] == word[0] and OSA.distance(word, question, score_cutoff=1) == 1:
                return question
    return None

