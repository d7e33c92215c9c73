"""A question as the answer engine scores it: each word's weight and the index terms it stands for.

Used by `bot.engine.AnswerIndex`; see its module docstring for the whole matching story.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine_index import STOP_WEIGHT, TermIndex
from bot.engine_spaces import SAYS_NOTHING, respace, sure
from bot.engine_typos import FUZZY_CUTOFF, LONGEST_WORD, SHORT_LEN, fuzzable
from bot.english import is_common_word
from bot.text import (
    PHRASES,
    QUESTION_WORDS,
    STOPWORDS,
    canonical,
    stem,
)
from bot.typo_shapes import swapped, typo_like
from bot.wordsets import word_set

MERGE_MAX = 2000  # names are rare: words in more documents than this are not compared
GROUP_SIMILARITY = 0.8  # how much a phrasing with only the added term ("language") explains "spanish"
SHORT_STEM = 3  # a stem this short cut from a longer word ("dating" -> "dat") is no typo

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
        if small is not None and sure(hits) and not swapped(term, small):
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
                                   term.isalpha() and term not in SAYS_NOTHING, term))
    merge_names(index, query)
    if "about" in words:
        _about_as_preposition(words, query)
    return query


def _typed_back(index: TermIndex, word: str) -> tuple[tuple[str, float], ...]:
    """The index term of `word` with two neighbouring letters swapped back ("tkae" ->
    take), or else a doubled letter typed once ("arres" -> ares), at the similarity of one
    edit; none for words under 4 letters (5 with a doubled letter), nor past LONGEST_WORD."""
    if not SHORT_LEN < len(word) <= LONGEST_WORD:
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
        return QueryTerm(index.weight(head), (), False, head.isalpha() and head not in SAYS_NOTHING,
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

