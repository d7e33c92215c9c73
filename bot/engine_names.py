"""The names the derived answers are about (titles, people, characters), as the answer
engine tells them in a question: "how old is *ana de armas*", "who composed the *chapter 4*
soundtrack".

Used by `bot.engine.AnswerIndex`; see its module docstring for the whole matching story.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

from bot.english import is_common_word
from bot.entries import Entry
from bot.text import (
    NAME_TERMS,
    STOPWORDS,
    TABLE_TERMS,
    canonical,
    question_words,
    split_words,
    word_terms,
)

_SUBJECT_RE = re.compile(r"\*\*([^*]+)\*\*")  # a derived answer's subject: its first bold name
# what a number before these counts ("2 hours", "3 kills", "15 rated"): no title's number;
# each word as a question reads it ("hours" is "runtime" there)
_QUANTITY_WORDS = ("hour hours hr hrs minute minutes min mins runtime day days week weeks month"
                   " months year years time times kill kills people bodies percent million"
                   " billion dollars rated rating certificate cert")
_QUANTITIES = word_terms(_QUANTITY_WORDS)
MAX_NAME_TERMS = 6  # names up to this long keep every part (63 at most); longer: the whole


def name_terms(name: str) -> frozenset[str]:
    """A name's terms, without the words that are no name of their own here ("the",
    "young", "role")."""
    return frozenset(t for t in canonical(split_words(name))
                     if t not in STOPWORDS and (t not in TABLE_TERMS or t in NAME_TERMS))


def _parts(terms: frozenset[str]) -> set[frozenset[str]]:
    if len(terms) > MAX_NAME_TERMS:  # a long title: only as a whole (parts grow as 2^n)
        return {terms}
    found = sorted(terms)
    return {frozenset(part) for size in range(1, len(found) + 1)
            for part in combinations(found, size)}


def names_subject(derived_answer: str, texts: Iterable[str]) -> bool:
    """Whether one of `texts` names the subject of a derived answer (its first bold name:
    "**The Chancellor** is played by ...")."""
    subject = _SUBJECT_RE.search(derived_answer)
    if subject is None:
        return False
    # as a whole word: "Avi" is not in "Javier"
    name = re.compile(rf"(?<!\w){re.escape(subject.group(1).casefold())}(?!\w)")
    return any(name.search(text.casefold()) for text in texts)


def twins(one: Entry, other: Entry) -> bool:
    """A derived answer and a stored FAQ naming its subject (its bold name): one answer."""
    derived, faq = (one, other) if one.faq_id is None else (other, one)
    return (derived.faq_id is None and faq.faq_id is not None
            and names_subject(derived.answer, (faq.question, *faq.aliases, faq.answer)))


def mentioned(name: frozenset[str], known: set[str], weight: Callable[[str], float],
              floor: float) -> bool:
    """Whether terms `known` (an entry's) mention a name: a word of it that tells it apart
    (weighing over `floor`: "chapter" does not), or, when its only such words are numbers,
    all of it ("4 June" is no mention of "chapter 4")."""
    telling = {t for t in name if weight(t) > floor}
    if telling and all(t.isdigit() for t in telling):
        return name <= known
    return not telling or not telling.isdisjoint(known)


class Names:
    """The names of the derived answers an index holds. Never shrinks: names stay names."""

    def __init__(self) -> None:
        self._parts: set[frozenset[str]] = set()  # "keanu reeves", "keanu", "chapter 4", ...
        self._by_term: defaultdict[str, set[frozenset[str]]] = defaultdict(set)  # whole names
        self._added: set[str] = set()  # a title's names come with each of its ~7 answers
        self._single: set[str] = set()  # one-term names not common words: "ballerina"
        self._titles: set[frozenset[str]] = set()  # the names that are titles
        self._title_terms: set[str] = set()  # every term of a title's names

    def add(self, names: Iterable[str], *, titles: bool = False) -> None:
        """Take the names of a derived answer; `titles`: they are a film's or a show's."""
        for name in names:
            if name in self._added:
                continue
            self._added.add(name)
            terms = name_terms(name)
            if titles:
                self._titles.add(terms)
                self._title_terms.update(terms)
            self._parts.update(_parts(terms))
            words = split_words(name)
            if all(map(is_common_word, words)):
                continue  # "Zero": an ordinary word too (the list has no 3-letter "the")
            if len(terms) < 2:  # "The Director", "The Elder": "the" is no name ("Ballerina" is)
                if not all(is_common_word(w) for w in words if w not in STOPWORDS):
                    self._single.update(terms)
                continue
            for term in terms:
                self._by_term[term].add(terms)

    def is_name(self, terms: frozenset[str]) -> bool:
        """Whether `terms` (a phrasing without stop words) are a name or a part of one."""
        return terms in self._parts

    def named(self, asked: set[str]) -> set[frozenset[str]]:
        """The whole names every term of which is among `asked`: names of two terms or more
        not made of common English words only ("chapter 4", "ana de armas"; "the director"
        or "continental" may be anybody's)."""
        found: set[frozenset[str]] = set()
        for term in asked:
            found.update(name for name in self._by_term.get(term, ()) if name <= asked)
        return found

    def is_title(self, terms: frozenset[str]) -> bool:
        return terms in self._titles

    def numbers_an_unknown_title(self, words: Sequence[str], known: set[str]) -> bool:
        """Whether the question's terms number a title no name has: "when is ballerina *2*
        out", "john wick *6* cast", "how long is ballerina 3" (a sequel nobody announced),
        unless the best entry's phrasings (`known`) use that number (a server's "Ballerina 2
        watch party"). Not "john wick 4", "ballerina 1" (the first), "chapter 3 4 cast", a
        quantity ("ballerina 2 hours", "is ballerina 15 rated"), a year, nor a last "2"
        ("did stahelski direct ballerina 2": chat for "too")."""
        for i in range(1, len(words)):
            before, number = words[i - 1], words[i]
            after = words[i + 1] if i + 1 < len(words) else None
            if (number.isdigit() and len(number) <= 2 and number != "1" and number not in known
                    and (after not in _QUANTITIES if after is not None else number != "2")
                    and before in self._title_terms and not before.isdigit()
                    and not any({before, number} <= name for name in self._titles)):
                return True
        return False

    def mentioned(self, asked: set[str], named: set[frozenset[str]] | None = None
                  ) -> list[frozenset[str]]:
        """The whole names among `asked`, one-term names included, none that is part of
        another ("chapter 4" in "john wick chapter 4"). `named`: `self.named(asked)`, if the
        caller has it."""
        found = {frozenset([t]) for t in asked & self._single} | (
            self.named(asked) if named is None else named)
        return [name for name in found if not any(name < other for other in found)]

    def said_in(self, text: str) -> list[str]:
        """The names `text` says ("ballerina"), each as its words there, in the text's
        order; none if it names two titles ("chapter 4 and ballerina, who's in it": which?)."""
        words = question_words(text)
        singles = [canonical([w]) for w in words]
        named = self.mentioned({t for found in singles for t in found})
        if sum(map(self.is_title, named)) > 1:
            return []
        said = [[i for i, found in enumerate(singles) if not name.isdisjoint(found)]
                for name in named]
        return [" ".join(words[i] for i in at) for at in sorted(said)]
