"""Letter-trigram similarity, the last word on a question with typos the term match was
unsure of.

Words with two typos ("bostr perkks") are often beyond the per-word typo search, while the
question as a whole still shares most of its letter trigrams with the phrasing it meant:
that is what PostgreSQL's pg_trgm measures. `bot.engine.AnswerIndex` asks `rescue` only
when the term match found a typo and was not confident; the trigram winner must be the
term winner too, and clearly ahead, so this never picks a different answer, it only
vouches for the one the terms ranked first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.entries import Match
from bot.text import tokens

RESCUE_SIMILARITY = 0.6  # pg_trgm answers from 0.3; off-topic typo'd questions reach ~0.5
RESCUE_LEAD = 0.1  # ... and the runner-up must trail by this much

Grams = frozenset[str]


def trigrams(text: str) -> Grams:
    """pg_trgm's show_trgm() over the normalised words: each word padded "  word ", its
    3-grams, as a set."""
    grams: set[str] = set()
    for word in tokens(text):
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: Grams, b: Grams) -> float:
    """|A ∩ B| / |A ∪ B|, as pg_trgm's similarity()."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def rescue(question: str, ranked: Sequence[Match],
           phrasings_of: Callable[[Match], Sequence[Grams]]) -> Match | None:
    """`ranked[0]` if the question's trigrams agree it is the answer, else None."""
    if not ranked:
        return None
    asked = trigrams(question)
    scores = [max((similarity(asked, grams) for grams in phrasings_of(m)), default=0.0)
              for m in ranked]
    best = scores[0]
    runner = max(scores[1:], default=0.0)
    if best >= RESCUE_SIMILARITY and best - runner >= RESCUE_LEAD:
        return ranked[0]
    return None
