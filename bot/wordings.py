"""Wordings: a question members asked, added to an FAQ as another way to ask it (from
/faq-admin unanswered), and what the answer service says of one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.entries import Entry
from bot.errors import FieldProblem
from bot.exchange import ALIAS_MAX
from bot.models import Faq


def as_wording(question: str) -> str:
    """A question as it is added to an FAQ's other ways to ask: one line, spaces collapsed."""
    return " ".join(question.split())


def fits_a_wording(question: str) -> bool:
    """Whether a question, as a wording, is within an alias's length (ALIAS_MAX)."""
    return len(as_wording(question)) <= ALIAS_MAX


@dataclass(frozen=True, slots=True)
class WordingTarget:
    """A stored FAQ (`faq_id`) a missed question may be another wording of; `picks`: how
    often members picked it among the suggestions for that question."""

    entry: Entry
    faq_id: int
    picks: int = 0


@dataclass(frozen=True, slots=True)
class WordingAdded:
    faq: Faq
    answers_now: bool  # whether the question now gets that FAQ as a confident answer


def naming_added(problem: FieldProblem, added: list[str]) -> FieldProblem:
    """An aliases count over the limit (the list's own problem: an item's field is
    "aliases[n]"), naming the aliases added while the edit form was open."""
    if problem.field != "aliases":
        return problem
    named = ", ".join(f"“{alias}”" for alias in added)
    return FieldProblem("aliases", f"{problem.problem}, counting {named}, added from the "
                        "unanswered questions while the form was open: take one out")
