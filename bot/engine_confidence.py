"""When the answer engine's best match is an answer rather than a "did you mean" list.

Used by `bot.engine.AnswerIndex.answer`; see `bot.engine`'s module docstring for the whole
matching story (step 5 is this module).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.engine_index import Docs, doc_terms
from bot.engine_names import twins
from bot.entries import Entry, Match
from bot.text import topic_terms

# Chosen on the battery in tests/bot/test_engine.py (right answers to paraphrases, typos,
# slang and rambling questions score 75-100, off-topic ones such as weather, pizza or "who
# plays Harry Potter" 0-55) and checked on the DEV split of benchmarks/questions.jsonl, where
# a grid over these thresholds found nothing clearly better: 75-80 trades ~10 right answers
# for one fewer off-topic answer; 65 answers more near misses ("how old is keanu reeves").
CONFIDENT_SCORE = 70.0
MARGIN = 4.0  # the best must beat a different entry by this much (unless FAQ over derived)
# ... but a near-perfect hit next to a near-duplicate entry (a FAQ and the derived answer
# saying the same) is still an answer; so is a fair hit far ahead of everything else, unless
# the question has a word the index never saw ("who plays Harry *Potter*": there is a Harry).
STRONG_SCORE, STRONG_MARGIN = 90.0, 1.0
CLEAR_SCORE, CLEAR_MARGIN = 60.0, 10.0
# ... and a fair hit that nothing comes near answers whatever its coverage: a server's own
# FAQs have a phrasing or two, so a member's other words cover little of them ("karaoke
# schedule" for "When is karaoke night?"). With a word nobody uses, only such a FAQ of the
# server's own in a short question: a derived answer is a name ("who plays Harry *Potter*"),
# so are the shipped FAQs' subjects ("is shay hatten *married*": who wrote Ballerina), and
# a long message's small talk leaves one name scoring high ("..., anyway what's
# *lionsgate's* stock price lmk"). Chosen on TUNING halves and the second server's
# (benchmarks/README.md).
FAR_SCORE, FAR_MARGIN = 60.0, 30.0
# A short question with a word nobody uses needs a wider lead (or a near-perfect score)
FOREIGN_MARGIN = 15.0
SHORT_WORDS = 10  # a question of up to this many words is "short"
# A confident answer covers this much of its phrasing: "ballerina" alone names a dozen
# entries and answers none. Unless it is the only entry explaining (nearly) all of the
# question: "winston roof" has one FAQ about Winston and a roof, however long it is.
MIN_COVERAGE = 0.8
MIN_COVERAGE_ALONE = 0.45
MIN_COVERAGE_CLEAR = 0.6  # ... or a good score far ahead of everything else
# ... or a fair hit that nothing rivals at all (every other entry explains only part of what
# it explains) on two topic words: "can i drop my yt link here" has one FAQ about promoting a
# YouTube channel, whose longer phrasings hold its score down
UNRIVALLED_SCORE = 50.0
MIN_COVERAGE_UNRIVALLED = 0.5


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the confidence rules know of the best match."""

    score: float  # its score, 0-100
    lead: float  # ... less the runner-up's (a different answer)
    rivalled: bool  # there is a runner-up (else `lead` is the whole score)
    coverage: float  # how much of its best phrasing the question covers
    alone: bool  # the only entry (or FAQ and derived twin) explaining the whole question
    foreign: bool  # the question has a word neither the index nor the best's answer uses
    faq_first: bool  # a stored FAQ ahead of a derived answer
    own: bool  # a server's own FAQ (not a shipped one, nor an answer derived from names)
    words: int  # words in the question
    topic_words: int  # the question's topic words its phrasings explain


def confident(e: Evidence) -> bool:
    """Mostly covered and clearing CONFIDENT_SCORE with the runner-up MARGIN behind, or
    near-perfect (STRONG_*), or far ahead of everything else (CLEAR_*; then
    MIN_COVERAGE_CLEAR and two topic words suffice; FAR_*: any coverage), or unrivalled on
    two topic words (UNRIVALLED_*). A short question with a foreign word needs FOREIGN_MARGIN
    (or a near-perfect score); with one, an unrivalled answer is none unless it is the
    server's own FAQ FAR_* ahead."""
    if e.score >= FAR_SCORE and e.lead >= FAR_MARGIN and (
            not e.foreign or (e.own and e.words <= SHORT_WORDS)):
        return True
    clear = e.score >= CLEAR_SCORE and e.lead >= CLEAR_MARGIN and not e.foreign
    if (not e.rivalled and not e.foreign and e.score >= UNRIVALLED_SCORE
            and e.coverage >= MIN_COVERAGE_UNRIVALLED and e.topic_words >= 2):
        return True
    if e.coverage >= (MIN_COVERAGE_ALONE if e.alone else MIN_COVERAGE):
        if not ((e.score >= CONFIDENT_SCORE and (e.lead >= MARGIN or e.faq_first))
                or (e.score >= STRONG_SCORE and e.lead >= STRONG_MARGIN) or clear):
            return False
        # In a short question a word nobody uses is likely its subject ("is ana de armas
        # *dating* anyone"): answer only far ahead of everything else.
        return not (e.foreign and e.lead < FOREIGN_MARGIN and e.score < STRONG_SCORE
                    and e.words <= SHORT_WORDS)
    # most of a long phrasing, two topic words, nothing else close
    return (clear and e.coverage >= MIN_COVERAGE_CLEAR and e.score >= CONFIDENT_SCORE
            and e.topic_words >= 2)


def verbatim(query: str, docs: Sequence[Docs]) -> bool:
    """Whether `query` has the terms of one of the best's phrasings (`docs[0]`), in order,
    and of no other ranked entry's: "Who is in the cast of the untitled John Wick anime
    prequel?" asked word for word is that answer, however close "Who plays John Wick?" is."""
    made, _ = doc_terms((query,))  # the query's terms, made as a phrasing's are (or none)
    return bool(made) and made[0] in docs[0] and not any(made[0] in d for d in docs[1:])


def runner_up(ranked: Sequence[Match], asked: set[str],
              explained: Callable[[Entry, set[str]], set[str]]) -> Match | None:
    """The best candidate after the top that answers something else and is a rival: one
    that explains (`explained`) only some of the question words the top explains is none,
    and a derived answer and a stored FAQ naming its subject (its bold name) are one answer
    twice when the runner-up explains no question word the top does not."""
    top = ranked[0].entry
    mine = explained(top, asked)
    for match in ranked[1:]:
        other = match.entry
        theirs = explained(other, asked)
        if theirs < mine:
            continue  # explains only some of what the top explains: no rival
        if not twins(top, other) or not theirs <= mine:
            return match
    return None


def faq_first(matches: list[Match], text: str,
              explained: Callable[[Entry, set[str]], set[str]]) -> None:
    """Put a FAQ a hair behind a derived answer first, both good, when it explains all the
    derived answer does: one topic, and the FAQ was written for it ("is there a new john
    wick game coming out", "tell me about john wick 2": the Chapter 2 FAQ, not the derived
    summary; but "films with *stars*" asks the cast, not who filmed)."""
    if (len(matches) > 1 and matches[0].entry.faq_id is None
            and matches[1].entry.faq_id is not None and matches[1].score >= CONFIDENT_SCORE
            and matches[0].score - matches[1].score < MARGIN
            and explained(matches[1].entry, asked := topic_terms(text))
            >= explained(matches[0].entry, asked)):
        matches[0], matches[1] = matches[1], matches[0]
