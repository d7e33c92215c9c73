"""Role questions: "who plays the blind assassin *caine*", "who was the russian mob boss
*viggo* played by", "who plays *john wick* in ballerina" ask who plays one character, however
it is described, and the derived answer on that character says it.

Term matching cannot tell these apart: a description ("blind", "mob boss") is words no entry
uses, and "john wick ... ballerina" is also the title "John Wick: Ballerina", whose cast list
ties with the character. So the question's shape is read instead: a cast word ("plays",
"actor", "played by"), a role phrase next to it that *ends* in a character's name (its head:
"eve's dad" is not Eve, "the daughter of caine" is not Caine), and any rest ("in chapter 4")
saying only what that character's answer knows. Used by `bot.engine.AnswerIndex` when the
ranking found no confident answer; it never overrules one.
"""

from __future__ import annotations

from bot.engine_focus import clauses
from bot.text import canonical, is_stopword, question_words
from bot.wordsets import word_set

CHARACTER_REF = "derived:character:"  # the refs of the derived answers on a character

_CAST_VERBS = word_set("""play plays played playing portray portrays portrayed portraying
voice voices voiced voicing""")
_CAST_NOUNS = word_set("actor actress actors actresses")
_CAST_STEMS = ("play", "portray", "voic", "actor", "actress")  # one of these starts each
# between a cast noun and its role: "the actor *for* viggo", "the actress *who plays* katla"
_LINKS = word_set("for of behind that who which is was playing plays played the a an")
# where the clause turns to something else: "eve *and* who plays her", "her *as* a kid"
_TURNS = word_set("""and or but if when because so as is was are were has had have who that
which""")
# where a role phrase ends: "caine *in* jw4", and where the clause turns
_BOUNDS = _TURNS | word_set("in on from of at with to again across during over by")
# where a role phrase before a cast word starts: "who is *the sofia* actress"
_BEFORE_STARTS = word_set("who whos what which is was pls please")
_ARTICLES = word_set("the a an")
GENERIC = frozenset(canonical(["film", "series"]))  # "in the movie" names no title


def _role_phrases(words: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each (role phrase, rest of the clause after it) next to a cast word in `words`."""
    found = []
    for i, word in enumerate(words):
        passive = word in _CAST_VERBS and words[i + 1:i + 2] == ["by"]
        if word in _CAST_VERBS and not passive:
            found.append(_after(words, i + 1, skip=_ARTICLES))
        elif word in _CAST_NOUNS:
            found.append(_after(words, i + 1, skip=_LINKS))
        if passive or word in _CAST_NOUNS:  # "who was viggo played by", "the sofia actress"
            start = i
            while start > 0 and words[start - 1] not in _BEFORE_STARTS:
                start -= 1
            phrase, rest = _after(words[:i], start, skip=_ARTICLES)
            found.append((phrase, rest + _rest(words, i + 1 + passive)))
    return [(phrase, rest) for phrase, rest in found if phrase]


def _after(words: list[str], start: int, skip: frozenset[str]) -> tuple[list[str], list[str]]:
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


class Roles:
    """The characters of the derived answers, by the topic terms of each name they go by.
    Never shrinks (as `bot.engine_names.Names`): the caller checks that a ref is still there."""

    def __init__(self) -> None:
        self._by_name: dict[tuple[str, ...], str] = {}
        self._longest = 0

    def add(self, ref: str, names: tuple[str, ...]) -> None:
        for name in names:
            key = _topic(canonical(question_words(name)))
            if key:
                self._by_name[key] = ref
                self._longest = max(self._longest, len(key))

    def asked(self, text: str) -> tuple[str, set[str]] | None:
        """The character a role question asks about (its ref) and the topic terms of the
        rest of its clause, which the character's answer must explain; None unless exactly
        one character is asked."""
        lowered = text.casefold()
        if not self._by_name or not any(stem in lowered for stem in _CAST_STEMS):
            return None  # the common case, cheaply
        asked: dict[str, set[str]] = {}
        for clause in clauses(text):
            for phrase, rest in _role_phrases(question_words(clause)):
                ref = self._head(_topic(canonical(phrase)))
                if ref is not None:
                    asked.setdefault(ref, set()).update(_topic(canonical(rest)))
        if len(asked) != 1:
            return None
        ref, rest_terms = asked.popitem()
        return ref, rest_terms - GENERIC

    def _head(self, terms: tuple[str, ...]) -> str | None:
        """The character whose name the phrase ends with (the longest such name)."""
        for size in range(min(self._longest, len(terms)), 0, -1):
            ref = self._by_name.get(terms[-size:])
            if ref is not None:
                return ref
        return None
