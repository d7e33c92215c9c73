"""The question in a chatty message: "hi all, first time posting here. where are the rules?"
asks what "where are the rules" asks.

Used by `bot.engine.AnswerIndex.answer`: in a message of several clauses, some of which ask
something and some of which do not ("sorry for my english", "not sure this is the right
channel but"), the asking clauses are answered on their own too. Their confident answer
stands, unless the whole message's answer is one they suggest and it uses a word of the
other clauses ("when does ballerina come out, *in the uk*"); with none of their own, the
whole message's answer stands only if they suggest it ("sorry for my *english*" asks nothing
about languages). Asking clauses that point back ("who's in *it*") need the rest: the whole
message's answer stands, or failing one, theirs with the names the rest says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.entries import Answer, Entry
from bot.text import is_stopword, question_terms, tokens
from bot.wordsets import word_set

_ASKING_START = word_set("""
what whats when where wheres who whos why how hows which is are was were can could do does
did will would should has have any anyone anybody isnt arent cant dont doesnt didnt wont
""")
# clause ends: sentence punctuation, brackets, commas, and the words that turn to a new point;
# a colon only before a question ("last night: who plays ..."), not in a title ("john wick:
# chapter 4"); a full stop, not a decimal point ("2.5 hours") nor an abbreviation ("mr.")
_CLAUSE_RE = re.compile(
    r"[!?;()\[\]\n,]+|\s(?:but|anyway|anyways|btw)\s"
    r"|(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bst)(?<!\bjr)(?<!\bvs)\.(?!\d)"
    rf"|:(?=\s*(?:{'|'.join(sorted(_ASKING_START))})\b)",
    re.IGNORECASE)
_LEAD_IN = word_set("so and also like um uh ok okay well then oh hey hi hello yo guys all everyone")
_QUESTION_WORDS = word_set("what whats when where wheres who whos why how hows which")
# a question word further in asks only after a word that asks indirectly ("i was *wondering*
# when ...", "the movie *is* how long", "we *were* arguing about what happened"), not in a
# relative clause ("a coworker *who* insisted it flopped")
_ASKS_INDIRECTLY = word_set("""know knows wondering wonder wondered tell curious idea sure ask
asking explain remind confused understand figure out see is are was were""")
# words that point back to another clause: "who are *those* people", "who's in *it*"
_POINTERS = word_set("it its that this those these they them he she him her his ones")


def clauses(text: str) -> list[str]:
    """The message's clauses with words in them."""
    return [c.strip() for c in _CLAUSE_RE.split(text) if tokens(c)]


def asks(clause: str) -> bool:
    """Whether a clause asks something: it starts (after "so", "hey guys", ...) like a
    question, or asks one indirectly ("no idea *when* it comes out")."""
    words = tokens(clause)
    while words and words[0] in _LEAD_IN:
        words = words[1:]
    return bool(words) and (words[0] in _ASKING_START or any(
        word in _QUESTION_WORDS and not _ASKS_INDIRECTLY.isdisjoint(words[max(0, i - 3):i])
        for i, word in enumerate(words)))


def refers_back(clause: str) -> bool:
    """Whether a clause points back to something another clause named."""
    return not _POINTERS.isdisjoint(tokens(clause))


def asking_part(text: str) -> tuple[str, str] | None:
    """The asking clauses of a message that also has clauses that ask nothing, and those
    others; else None."""
    parts = clauses(text)
    if len(parts) < 2:
        return None
    asking = [c for c in parts if asks(c)]
    if not asking or len(asking) == len(parts):
        return None
    return " ".join(asking), " ".join(c for c in parts if c not in asking)


def answer_message(query: str, answer: Callable[[str], Answer],
                   explains: Callable[[Entry, str], bool],
                   names_in: Callable[[str], list[str]]) -> Answer:
    """The answer to a message, given how to `answer` a text, whether an entry `explains`
    what a text is about, and the names a text says (`names_in`: each one's words)."""
    whole = answer(query)
    parts = asking_part(query)
    if parts is None:
        return whole
    asking, rest = parts
    if refers_back(asking):  # "it" may be "the music", which the whole message has
        named = names_in(rest) if whole.best is None else []
        focused = answer(" ".join((asking, *named))) if named else whole
        return whole if focused.best is None else replace(focused, query=query)
    if all(map(is_stopword, question_terms(asking))):
        return whole  # nothing to set apart
    focused = answer(asking)
    suggested = whole.best is not None and any(
        m.entry.ref == whole.best.entry.ref for m in focused.ranked)
    if focused.best is not None:
        if suggested and whole.best is not None and explains(whole.best.entry, rest):
            return whole
        return replace(focused, query=query)
    if whole.best is not None and not suggested:  # an answer to what asks nothing
        return replace(whole, best=None, suggestions=tuple(whole.ranked[:3]))
    return whole
