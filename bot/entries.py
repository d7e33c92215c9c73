"""What the answer engine answers with: entries (stored FAQs and derived answers), scored
matches and answers. Plain values; `bot.engine` re-exports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from bot.models import Faq

CHARACTER_REF = "derived:character:"  # the refs of the derived answers on a character
ACTOR_REF = "derived:actor:"  # ... and on an actor


@dataclass(frozen=True, slots=True)
class Entry:
    """One answerable thing."""

    ref: str  # "faq:<id>" for stored FAQs, "derived:<kind>:<key>" for derived answers
    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    faq_id: int | None = None  # set for stored FAQs
    uses: int = 0
    names: tuple[str, ...] = ()  # derived answers: the names of what they are about
    shipped: bool = False  # a stored FAQ from faq_data/ (which removing hides, editing overrides)


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..100


class Ranking(NamedTuple):
    matches: list[Match]  # best first
    coverage: float  # how much of the best one's phrasing the question covers
    alone: bool  # the best is the only entry that explains the whole question
    foreign: bool  # the question has a word neither the index nor the best's answer uses
    # the best is about something else: its phrasing is a bare name and the question asks
    # more of it, or the question names something the best never mentions
    off_subject: bool
    typo: bool = False  # the question has typos, and the best's phrasings explain all else
    words: int = 0  # words in the question


@dataclass(frozen=True, slots=True)
class Answer:
    query: str
    best: Match | None  # None when not confident
    suggestions: tuple[Match, ...]  # up to 3, best first, excluding `best`; may be empty
    top_score: float  # best candidate's score even when not confident

    @property
    def ranked(self) -> list[Match]:
        """The answer, if any, then the suggestions."""
        return [*([self.best] if self.best else []), *self.suggestions]


def faq_ref(faq_id: int) -> str:
    """The ref of a stored FAQ's entry."""
    return f"faq:{faq_id}"


def faq_entry(faq: Faq) -> Entry:
    return Entry(ref=faq_ref(faq.id), question=faq.question, answer=faq.answer,
                 aliases=tuple(faq.aliases), faq_id=faq.id, uses=faq.uses, shipped=faq.is_shipped)


def unseen(matches: Iterable[Match], shown: set[str]) -> Iterable[Match]:
    """`matches` without a second one asking what is already shown (a FAQ and the derived
    answer it is the twin of may ask "How long is Ballerina?" alike)."""
    for match in matches:
        question = match.entry.question.casefold()
        if question not in shown:
            shown.add(question)
            yield match


def rank_key(match: Match) -> tuple[float, int, int, str, str]:
    """Best first; on a tie a stored FAQ, the most used, then by question."""
    entry = match.entry
    return (-match.score, entry.faq_id is None, -entry.uses, entry.question.casefold(), entry.ref)


def about_a_title(entry: Entry) -> bool:
    """Whether a derived answer is about a film or show (not an actor or a character)."""
    return not entry.ref.startswith((ACTOR_REF, CHARACTER_REF))


def phrasings(entry: Entry) -> tuple[str, ...]:
    """An entry's question and aliases: the texts it is matched by."""
    return (entry.question, *entry.aliases)
