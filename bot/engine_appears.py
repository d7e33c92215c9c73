"""Appearance questions: "is halle berry in ballerina", "will keanu be in the caine movie",
"does sofia appear in chapter 4" ask whether one person is in one title, and
`bot.casting` answers yes or no from the credits.

Term matching cannot: the question's words are the person's and the title's, so the title's
overview or the person's roles tie with it, and neither says yes or no. So the shape is read
instead, and it must be the whole clause: a helping verb first (after "so", "hey"), a
person's name (an actor's, or their surname if no one else's; a character's, or a name a
character goes by), words that only say how they would be in it ("going to be", "coming
back", "make a cameo"), "in" or "for", one title's name (perhaps after "the cast of"), and
words that add nothing ("too", "at all", "the movie"). "John Wick" names the first film and
the franchise: a "no" then is only of the film (`bot.casting`). Anything else
("*who* is halle berry in ballerina", "is keanu *good* in ballerina", "is eve *dead* in
chapter 4") is some other question. A stored FAQ among the best candidates that asks this of
the person (or of whom they play, or who plays them) and the title asks the same in its own
words, and its answer is the one given ("Is Winston in Ballerina?" for "is ian mcshane in
ballerina").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from bot.casting import Casting
from bot.derived import title_names
from bot.english import is_common_word
from bot.entries import Match, phrasings
from bot.text import canonical, normalize, question_words, word_terms
from bot.wordsets import word_set

_ARTICLES = frozenset(["the", "a", "an"])
_LONGEST_NAME = 8  # terms
_PARSED_CACHE = 4096  # stored FAQs' phrasings read as appearance questions


def _terms(text: str) -> list[str]:
    return [t for t in canonical(question_words(text)) if t not in _ARTICLES]


# read as typed, before the rest is made terms: most questions stop here
_LEAD_IN = word_set("so and also like um uh ok okay well oh hey hi hiya hello yo guys wait btw "
                    "quick question q lol lmao bro pls please")
_HELPING = word_set("""is was will would does did do can could are were has have isnt wasnt
doesnt didnt""")
_SEE = [word_terms("we you i"), word_terms("see get")]  # "will *we see* sofia in ..."
# how they would be in it: "is keanu *going to be back* in ...", "does he *make a cameo* in"
_HOW = word_terms("""be been being going gonna to appear appears appearing appeared show shows
showing showed up return returns returning returned come comes coming came back make makes
making made cameo also still actually really even ever star stars starring starred feature
features featured featuring confirmed officially definitely again act acting play playing""")
_IN = word_terms("in for")
_FRAMES = word_terms("cast of film movie series show")  # "in the *cast of* jw4"
_ADDS_NOTHING = word_terms("""too also at all either again or not as well anymore yet lol
tho though right film movie series show""")


class Asked(NamedTuple):
    person: str  # a ref of the casting's people
    title: str  # a title key
    broad: bool  # named by the franchise's name too ("john wick")


def _key(terms: Iterable[str]) -> tuple[str, ...]:
    """Terms once each: "keanu reeves" reads as keanu (which says "keanu reeves") reeves."""
    return tuple(dict.fromkeys(terms))


class Appearances:
    """The names of the people and titles of a `Casting`, to read the question by."""

    def __init__(self, casting: Casting) -> None:
        self._casting = casting
        self._people = _unambiguous(_names(
            [(ref, name) for ref, person in casting.people.items() for name in person.entry.names]
            + _surnames(casting)))
        self._titles = _names((key, name) for key in casting.titles
                              for name in title_names(casting.titles[key]))
        # "john wick", the name of a film and of the whole franchise
        self._broad = {_key(_terms(casting.titles[key].name)) for key in casting.franchise_named}
        # stored FAQs' phrasings, each read once (the same few hundred come up again and again)
        self._parse = lru_cache(maxsize=_PARSED_CACHE)(self.asked)
        # the words this reads (a typo of anything else may be one of a name: "hale bery")
        self._read = frozenset(t for key in [*self._people, *self._titles] for t in key) | (
            _LEAD_IN | _HELPING | _SEE[0] | _SEE[1] | _HOW | _IN | _FRAMES | _ADDS_NOTHING)

    def answer(self, text: str, best: Match | None, ranked: Iterable[Match],
               spell: Callable[[str], str] | None = None) -> Match | None:
        """The answer to `text` if it asks whether someone is in a title: a stored FAQ among
        the `ranked` candidates that asks the same, or the `best` if it is a stored FAQ one of
        whose phrasings names the person (or their role there) and the title ("Does Halle
        Berry have a cameo in Ballerina?"); else yes or no from the casting. `spell` puts a
        typo right (a term -> the one it stands for), as the engine does."""
        asked = self.asked(text, spell)
        if asked is None:
            return None
        person, title, broad = asked
        entry = self._casting.answer(person, title, or_franchise=broad)
        if entry is None:
            return None
        same = next((m for m in ranked if m.entry.faq_id is not None and any(
            self._same(asked, self._parse(p)) for p in phrasings(m.entry))), None)
        if same is not None:
            return same
        if best is not None and best.entry.faq_id is not None and self._names_both(asked, best):
            return None
        return Match(entry, 100.0)

    def _spelled(self, term: str, typed: dict[str, str], spell: Callable[[str], str]) -> str:
        """The name `term` stands for if a typo of one ("balerina"); tried on the word typed
        when its stem is too short to tell ("reves" -> rev, a typo of reeves)."""
        if (fixed := spell(term)) != term or term not in typed:
            return fixed
        fixed = spell(typed[term])
        return fixed if fixed in self._read else term

    def _same(self, asked: Asked, other: Asked | None) -> bool:
        """Whether two appearance questions ask the same: of one title, and of one person or
        of an actor and their role there ("is ian mcshane in ballerina", "is winston in
        ballerina"; not "is colin woodell in ballerina", who is Winston elsewhere)."""
        return (other is not None and other.title == asked.title
                and self._casting.same_person(asked.person, other.person, asked.title))

    def _names_both(self, asked: Asked, best: Match) -> bool:
        """Whether one phrasing of `best` names the person (or their role there, or who
        plays it) and the title."""
        people = [set(_terms(n)) for n in self._casting.names_there(asked.person, asked.title)]
        titles = [set(_terms(n)) for n in title_names(self._casting.titles[asked.title])]
        for phrasing in phrasings(best.entry):
            said = set(_terms(phrasing))
            if any(n <= said for n in people if n) and any(t <= said for t in titles if t):
                return True
        return False

    def asked(self, text: str, spell: Callable[[str], str] | None = None) -> Asked | None:
        """The person (a ref of the casting's people) and title (key) `text` asks about, and
        whether the title was named by the franchise's name; `spell`: see `answer`."""
        words = question_words(text)
        at = 0
        while at < len(words) and words[at] in _LEAD_IN:
            at += 1
        if at == len(words) or words[at] not in _HELPING or (
                "in" not in words and "for" not in words):
            return None  # the common case, cheaply
        terms = [t for t in canonical(words[at + 1:]) if t not in _ARTICLES]
        if spell is not None:  # "is hale bery in balerina"; an English word is no typo
            alone = {w: canonical([w]) for w in words}  # each word's terms
            english = {t for w in words if is_common_word(w) for t in alone[w]}
            # a typo's stem can be too short to put right ("reves" -> rev): then its word
            typed = {t: w for w in words[at + 1:] for t in alone[w]}
            terms = [t if t in self._read or t in english else self._spelled(t, typed, spell)
                     for t in terms]  # "is the *ferry* in"
        at = 2 if len(terms) > 1 and terms[0] in _SEE[0] and terms[1] in _SEE[1] else 0
        person, at = _longest(self._people, terms, at)
        while at < len(terms) and terms[at] in _HOW:
            at += 1
        if person is None or at == len(terms) or terms[at] not in _IN:
            return None
        start = at + 1
        title, at = _longest(self._titles, terms, start)
        if title is None:  # "in the cast of jw4", "in the movie ballerina"
            while start < len(terms) and terms[start] in _FRAMES:
                start += 1
            title, at = _longest(self._titles, terms, start)
        if title is None or not set(terms[at:]) <= _ADDS_NOTHING:
            return None
        return Asked(person, title, _key(terms[start:at]) in self._broad)


def _surnames(casting: Casting) -> list[tuple[str, str]]:
    """Actors by surname ("is *reedus* in jw4", "is *de armas* in ..."), but no everyday word
    ("berry", "young"); `_unambiguous` drops those someone else's name has too."""
    found = []
    for ref, person in casting.people.items():
        words = person.name.split()
        if person.is_character or len(words) < 2:
            continue
        for surname in {words[-1], " ".join(words[1:])}:
            if not any(map(is_common_word, normalize(surname).split())):
                found.append((ref, surname))
    return found


def _unambiguous(names: dict[tuple[str, ...], str | None]) -> dict[tuple[str, ...], str | None]:
    """`names` where a one-word name is no word of anyone else's name ("peter" is Peter
    Greene's and, stemmed, Clarke Peters's; "kate" is Nhung Kate's and Asia Kate Dillon's;
    "yen" is the character Yen and Donnie Yen): such a word names nobody."""
    owners: dict[str, set[str]] = {}
    for key, ref in names.items():
        for term in key:
            owners.setdefault(term, set()).add(ref or "")
    return {key: None if len(key) == 1 and len(owners[key[0]]) > 1 else ref
            for key, ref in names.items()}


def _names(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, ...], str | None]:
    """Each name's terms to what it names; None for a name two things share."""
    found: dict[tuple[str, ...], str | None] = {}
    for what, name in pairs:
        key = _key(_terms(name))
        if key:
            found[key] = what if found.get(key, what) == what else None
    return found


def _longest(names: dict[tuple[str, ...], str | None], terms: list[str],
             at: int) -> tuple[str | None, int]:
    """What the longest name starting at `at` names, and where it ends."""
    for end in range(min(len(terms), at + _LONGEST_NAME), at, -1):
        key = _key(terms[at:end])
        if key in names:
            return names[key], end
    return None, at
