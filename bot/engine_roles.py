"""Role questions: "who plays the blind assassin *caine*", "who was the russian mob boss
*viggo* played by", "who plays *john wick* in ballerina" ask who plays one character, however
it is described, and the derived answer on that character says it.

Term matching cannot tell these apart: a description ("blind", "mob boss") is words no entry
uses, and "john wick ... ballerina" is also the title "John Wick: Ballerina", whose cast list
ties with the character. So the question's shape is read instead: a cast word ("plays",
"actor", "played by"), a role phrase next to it that *ends* in a character's name (its head:
"eve's dad" is not Eve, "the daughter of caine" is not Caine), and any rest ("in chapter 4")
saying only what that character's answer knows. What would make it someone else says no:
a word of a person's name before it ("michael caine"), a description with no article, age
or possessive ("dirty harry"), a second character, another clause asking something else,
a clause asking no one ("which theaters are playing john wick") or wishing ("who *should*
play"). Used by `bot.engine.AnswerIndex` when the ranking found no confident answer; it
never overrules one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.engine_focus import asks, clauses
from bot.english import is_common_word
from bot.entries import ACTOR_REF, CHARACTER_REF, Match
from bot.text import canonical, is_stopword, normalize, possessive_words, question_words
from bot.wordsets import word_set

_CAST_VERBS = word_set("""play plays played playing portray portrays portrayed portraying
voice voices voiced voicing""")
_CAST_NOUNS = word_set("actor actress actors actresses")
_CAST_STEMS = ("play", "portray", "voic", "actor", "actress")  # one of these starts each
# between a cast noun and its role: "the actor *for* viggo", "the actress *who plays* katla"
_LINKS = word_set("for of behind that who which is was playing plays played")
# where the clause turns to something else: "eve *and* who plays her", "her *as* a kid"
_TURNS = word_set("""and or but if when because so as is was are were has had have who that
which""")
# where a role phrase ends: "caine *in* jw4", and where the clause turns
_BOUNDS = _TURNS | word_set("in on from of at with to again across during over by")
# where a role phrase before a cast word starts: "who is *the sofia* actress"
_BEFORE_STARTS = word_set("who whos what which is was pls please")
_BE = word_set("is was are were be been being gets got")  # "caine *is* played by who"
_ASKS_WHO = word_set("who whos whom")  # "which theaters are playing john wick" asks no one
_WISHES = word_set("""should would could will gonna might shall can shouldve wouldve
couldve""")  # "who *should* play ...", "who *would* be the actor for ..."
_WISH_FILLERS = word_set("have ve be been being the a an")  # "who should *have* played"
_ARTICLES = word_set("the a an")
# a description before the name needs one of: an article ("*the* blind assassin caine"), an
# age ("young winston", "grown-up eve") or a possessive ("john's wife helen"); "dirty harry"
# and "prince harry" are someone else
_AGES = frozenset(canonical(question_words("young younger old older grown adult kid little teen teenage")))
GENERIC = frozenset(canonical(["film", "series"]))  # "in the movie" names no title


def _role_phrases(words: list[str]) -> list[tuple[list[str], list[str], bool]]:
    """Each (role phrase, rest of the clause after it, whether the phrase comes after the
    cast word) next to a cast word in `words`, in a clause that asks who (or says "actor")
    and wishes nothing ("who should play him")."""
    if _ASKS_WHO.isdisjoint(words) and _CAST_NOUNS.isdisjoint(words):
        return []
    found = []
    for i, word in enumerate(words):
        if _wished(words, i):
            continue
        passive = word in _CAST_VERBS and words[i + 1:i + 2] == ["by"]
        if word in _CAST_VERBS and not passive:
            found.append((*_after(words, i + 1), True))
        elif word in _CAST_NOUNS:
            found.append((*_after(words, i + 1, skip=_LINKS), True))
        if passive or word in _CAST_NOUNS:  # "who was viggo played by", "the sofia actress"
            end = i - 1 if passive and i and words[i - 1] in _BE else i
            start = end
            while start > 0 and words[start - 1] not in _BEFORE_STARTS:
                start -= 1
            phrase, rest = _after(words[:end], start)
            found.append((phrase, rest + _rest(words, i + 1 + passive), False))
    return [found_one for found_one in found if found_one[0]]


def _wished(words: list[str], i: int) -> bool:
    """Whether the cast word at `i` is wished for rather than asked about."""
    while i > 0 and words[i - 1] in _WISH_FILLERS:
        i -= 1
    return i > 0 and words[i - 1] in _WISHES


def _after(words: list[str], start: int,
           skip: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The role phrase from `start` (past words to `skip`), and what the clause says of it
    after ("in chapter 4 again")."""
    while start < len(words) and words[start] in skip:
        start += 1
    end = start
    while end < len(words) and words[end] not in _BOUNDS:
        end += 1
    return words[start:end], _rest(words, end)


def _rest(words: list[str], start: int) -> list[str]:
    """The words from `start` until the clause turns to something else."""
    end = start
    while end < len(words) and words[end] not in _TURNS:
        end += 1
    return words[start:end]


def _topic(terms: list[str]) -> tuple[str, ...]:
    return tuple(t for t in terms if not is_stopword(t))


def _name_key(name: str) -> tuple[str, ...]:
    return _topic(canonical(question_words(name)))


def _proper(terms: tuple[str, ...]) -> list[str]:
    """The words of a name that are no everyday words ("michael", not "unnamed character")."""
    return [t for t in terms if not is_common_word(t)]


class Roles:
    """The characters of the derived answers, by the topic terms of each name they go by, and
    the words of every person's name (actors' too). Never shrinks (as
    `bot.engine_names.Names`): the caller checks that a ref is still there."""

    def __init__(self) -> None:
        self._by_name: dict[tuple[str, ...], str] = {}
        self._longest = 0
        self._name_words: set[str] = set()  # "michael" in "who plays michael caine"

    def add_entry(self, ref: str, names: tuple[str, ...]) -> None:
        """A derived answer: on a character, or on an actor (see add_person); else none."""
        if ref.startswith(CHARACTER_REF):
            self.add(ref, names)
        elif ref.startswith(ACTOR_REF):
            self.add_person(names)

    def add(self, ref: str, names: tuple[str, ...]) -> None:
        """A character's derived answer and the names it goes by."""
        for key in map(_name_key, names):
            if key:
                self._by_name[key] = ref
                self._longest = max(self._longest, len(key))
                self._name_words.update(_proper(key))

    def add_person(self, names: tuple[str, ...]) -> None:
        """An actor's names: a word of one before a character's name makes it someone else
        ("who played opposite donnie *yen*")."""
        for key in map(_name_key, names):
            self._name_words.update(_proper(key))

    def answer(self, text: str, ranked: Iterable[Match],
               knows: Callable[[str], set[str]]) -> Match | None:
        """The ranked derived answer on the character a role question asks about, if what
        it `knows` (the terms of its phrasings and answer, by ref) explains the rest of the
        question ("in chapter 4")."""
        asked = self.asked(text)
        if asked is None:
            return None
        ref, rest = asked
        if not rest <= knows(ref):
            return None
        return next((m for m in ranked if m.entry.ref == ref), None)

    def asked(self, text: str) -> tuple[str, set[str]] | None:
        """The character a role question asks about (its ref) and the topic terms of the
        rest of its clause, which the character's answer must explain. None unless it names
        exactly one character, and no other clause asks something else ("the actor who plays
        winston, *was he in deadwood*")."""
        lowered = text.casefold() if text.isascii() else normalize(text)  # "pláys"
        if not self._by_name or not any(stem in lowered for stem in _CAST_STEMS):
            return None  # the common case, cheaply
        asked: set[str] = set()
        rests: list[tuple[str, ...]] = []
        for clause in clauses(text):
            found = False
            for phrase, rest, after in _role_phrases(question_words(clause)):
                ref = self._head(phrase, clause if after else None)
                if ref is not None:
                    found = True
                    asked.add(ref)
                    rests.append(_topic(canonical(rest)))
            if not found and asks(clause):
                return None
        if len(asked) != 1:
            return None
        ref = asked.pop()
        # no other character named, but in what the clause says of it ("in *john wick* 4") or
        # as someone's ("who plays iosef, *viggo's* son")
        owners = possessive_words(text)
        others = _topic(canonical([w for w in question_words(text) if w not in owners]))
        if self._named(others) - self._named_in(rests) - {ref}:
            return None  # "who plays caine and akira": which?
        return ref, {t for rest in rests for t in rest} - GENERIC

    def _head(self, phrase: list[str], clause: str | None) -> str | None:
        """The character whose name the phrase ends with (the longest such name), unless a
        word of someone's name comes right before it ("michael caine" is not Caine) or, in a
        phrase after the cast word (from `clause`), what comes before the name is no
        description of it (see _AGES). A phrase before the cast word starts wherever the
        clause does ("question for the mods: daniel pine actor")."""
        terms = _topic(canonical(phrase))
        for size in range(min(self._longest, len(terms)), 0, -1):
            ref = self._by_name.get(terms[-size:])
            if ref is None:
                continue
            described = terms[:-size]
            if not described:
                return ref
            if described[-1] in self._name_words:
                return None
            if (clause is None or phrase[0] in _ARTICLES or set(described) <= _AGES
                    or not possessive_words(clause).isdisjoint(phrase[:-1])):
                return ref
            return None
        return None

    def _named_in(self, texts: list[tuple[str, ...]]) -> set[str]:
        return set().union(*map(self._named, texts))

    def _named(self, terms: tuple[str, ...]) -> set[str]:
        """Every character named in `terms`, each name as long as it goes."""
        named, i = set(), 0
        while i < len(terms):
            for size in range(min(self._longest, len(terms) - i), 0, -1):
                ref = self._by_name.get(terms[i:i + size])
                if ref is not None:
                    named.add(ref)
                    i += size
                    break
            else:
                i += 1
        return named
