"""A guild with FAQs of its own gets a fork of the shared index (`AnswerIndex.fork`): it must
answer as an index built for it alone would, and its writes must never reach the shared
index the other guilds see.

"As a build would": the same answer with the same score to every question, and the same
autocomplete. Suggestions may differ now and then, as they already did between an index
kept up to date by writes and one built afresh: a question of only very common words ("who
is in ballerina") scores a capped sample of the entries using them, and which ones
depends on where each entry sits in the index (autocomplete picks its sample by score)."""

from __future__ import annotations

from typing import Any

import pytest

import bot.answers
from bot.answers import AnswerService
from bot.engine import Answer
from bot.models import FaqDraft, Knowledge
from bot.store import Store
from bot.text import split_words
from tests.bot.test_answers import GUILD, OTHER, PARTY, service

KARAOKE = FaqDraft("When is karaoke night?", "Sundays at 20:00 UTC in the Lounge voice channel.",
                   ("sing along night",))
RULES = FaqDraft("What are the server rules?", "Be kind; spoilers only in #spoilers.", ("rules",))
HIDDEN = "How long is Ballerina?"  # a shipped FAQ the guild hides
REPLACED = "Who wrote Ballerina?"  # ... one it answers in its own words (it has a derived twin)
PREFIXES = ("", "wins", "kar", "rul", "who dir", "when did ballerina c", "bal", "ballerina")


def questions(knowledge: Knowledge) -> list[str]:
    """Every shipped question and alias, each once more with a letter dropped from its
    longest word, and questions on the guild's own FAQs and the derived answers."""
    asked = [PARTY.question, "movie night", KARAOKE.question, "when do we sing", "rules",
             "who wrote ballerina", "who plays winston", "is keanu reeves in ballerina",
             "who plays the director", "how long is ballerina", "karaokee nite"]
    for draft in knowledge.faqs.values():
        for text in (draft.question, *draft.aliases):
            longest = max(text.split(), key=len)
            asked += [text, text.replace(longest, longest[:2] + longest[3:], 1)]
    return asked


def said(answer: Answer, *, suggestions: bool = True) -> tuple[Any, ...]:
    best = (answer.best.entry.ref, answer.best.score) if answer.best else None
    if not suggestions:
        return best, answer.top_score
    return best, answer.top_score, [(m.entry.ref, m.score) for m in answer.suggestions]


async def everything_said(answers: AnswerService, guild: int, asked: list[str], *,
                          suggestions: bool = True) -> list[Any]:
    found: list[Any] = [said(await answers.ask(guild, question), suggestions=suggestions)
                        for question in asked]
    for prefix in PREFIXES:
        found.append([(m.entry.ref, m.entry.uses) for m in await answers.complete(guild, prefix)])
    return found


async def own_faqs(answers: AnswerService, *, asked_between: bool = False) -> set[str]:
    """GUILD: three FAQs of its own, a shipped one hidden, another replaced, one used;
    returns the refs of the two it no longer sees. `asked_between`: a question after the
    first write, so that the later ones are written to the guild's fork."""
    for draft in (PARTY, KARAOKE, RULES):
        await answers.add_faq(GUILD, draft)
        if asked_between:
            await answers.ask(GUILD, "movie night")
            assert (await answers.index(GUILD))._index._owned is not None  # a fork
    shipped = {faq.question: faq for faq in await answers.store.faqs.visible(None)}
    await answers.remove_faq(GUILD, shipped[HIDDEN].id)
    replaced = shipped[REPLACED]
    await answers.edit_faq(GUILD, replaced.id, FaqDraft(replaced.question, "Our own words.",
                                                        replaced.aliases))
    used = (await answers.index(GUILD)).get(f"faq:{shipped['Who directed Ballerina?'].id}")
    assert used is not None
    await answers.record_use(GUILD, used)
    return {f"faq:{shipped[HIDDEN].id}", f"faq:{replaced.id}"}


@pytest.mark.parametrize("writes_after", [False, True])
async def test_a_fork_answers_as_a_build_of_its_own(store: Store, knowledge: Knowledge,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    writes_after: bool) -> None:
    """`writes_after`: most of the guild's writes come after its fork was made."""
    asked = questions(knowledge)
    forked = await service(store, knowledge)
    unseen = await own_faqs(forked, asked_between=writes_after)
    assert (await forked.index(GUILD))._index._owned is not None  # a fork, not a build
    with_fork = await everything_said(forked, GUILD, asked, suggestions=False)

    monkeypatch.setattr(bot.answers, "FORK_WRITES", 0.0)  # every such guild builds its own
    built = await service(store, knowledge)
    assert await everything_said(built, GUILD, asked, suggestions=False) == with_fork
    answered = {said[0][0] for said in with_fork[:len(asked)] if said[0] is not None}
    assert not answered & unseen
    own = {faq.id for faq in await store.faqs.visible(GUILD) if not faq.is_shipped}
    assert {f"faq:{faq_id}" for faq_id in own} <= answered and len(own) == 4


async def test_a_forks_writes_never_reach_the_other_guilds(store: Store,
                                                            knowledge: Knowledge) -> None:
    asked = questions(knowledge)
    answers = await service(store, knowledge)
    before = await everything_said(answers, OTHER, asked)
    await own_faqs(answers, asked_between=True)
    await everything_said(answers, GUILD, asked)  # its typo and prefix lists made too
    faq = await answers.add_faq(GUILD, FaqDraft("Who plays the Marquis?", "Bill Skarsgård."))
    await answers.remove_faq(GUILD, faq.id)
    assert await everything_said(answers, OTHER, asked) == before
    fresh = await service(store, knowledge)  # the shared index as a new run builds it
    assert await everything_said(fresh, OTHER, asked) == before


async def test_words_only_hidden_faqs_used_no_longer_complete(store: Store, knowledge: Knowledge,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """"blu" (of "ballerina blu-ray", an alias of the digital release FAQ) stands for
    "release": hidden with its FAQ, it must complete to nothing, as in a build, and not to
    every release FAQ. So for every word of every FAQ the guild hides."""
    forked = await service(store, knowledge)
    shipped = await store.faqs.visible(None)
    hidden = shipped[::4]
    for faq in hidden:
        await forked.remove_faq(GUILD, faq.id)
    assert (await forked.index(GUILD))._index._owned is not None  # a fork
    words = {w for faq in hidden for text in (faq.question, *faq.aliases) for w in split_words(text)}
    typed = sorted({w[:cut] for w in words for cut in range(3, len(w) + 1)})
    with_fork = [await forked.complete(GUILD, text) for text in typed]
    monkeypatch.setattr(bot.answers, "FORK_WRITES", 0.0)
    built = await service(store, knowledge)
    assert [await built.complete(GUILD, text) for text in typed] == with_fork
    assert "blu" in typed and with_fork[typed.index("blu")] == []
