"""Typo stress test: the DEV queries with made-up keyboard typos, engine against pg_trgm.

    .venv/bin/python -m benchmarks.typos              # clean vs noisy figures
    .venv/bin/python -m benchmarks.typos --misses 40  # ... and some of the engine's noisy misses

DEV split only: the held-out queries are never read (they stay unseen for tuning). Each DEV
query gets VARIANTS noisy copies, made deterministically (a fixed seed and the query's own
text seed the generator): half with one word mistyped, half with two. A typo is what
fingers do on a QWERTY keyboard: a neighbouring key, a letter left out or doubled, two
letters swapped, a space dropped ("johnwick") or typed inside a word ("balle rina"). Words
of four letters and more are chosen, topic words most often; three-letter words now and
then. The off-topic DEV queries get the same treatment: typo tolerance must not turn them
into answers.

Every query goes through `AnswerService.ask`, as in `benchmarks.quality`; pg_trgm answers at
its default 0.3 over the same candidates. Exit code 0 whatever the figures.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from benchmarks import stress
from benchmarks.dataset import Query
from benchmarks.stress import cli, dev_queries, run_altered, tables
from bot.text import STOPWORDS

SEED = 20_240_601
VARIANTS = 4  # noisy copies per query: the first half one typo, the rest two
_WORD_RE = re.compile(r"[A-Za-z]+")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_STAGGER = (0.0, 0.3, 0.8)  # how far each keyboard row sits to the right
_KEYS = {ch: (row, col + _STAGGER[row]) for row, keys in enumerate(_ROWS)
         for col, ch in enumerate(keys)}
NEIGHBOURS = {a: "".join(b for b, (r2, c2) in _KEYS.items()
                         if b != a and abs(r - r2) <= 1 and abs(c - c2) < 1.3)
              for a, (r, c) in _KEYS.items()}
# typo kind -> how often; "merge" drops the space after the word, "split" adds one inside
_KINDS = {"neighbour": 25, "delete": 20, "double": 15, "swap": 20, "merge": 10, "split": 10}


@dataclass(frozen=True, slots=True)
class Variant:
    query: Query  # the noisy text, with the original's labels
    kinds: tuple[str, ...]  # the typos applied
    source: int  # the clean query's position


def _retype(word: str, kind: str, rng: random.Random) -> str | None:
    """`word` with one typo of `kind` (not the first letter: people rarely miss that one)."""
    n = len(word)
    if kind == "neighbour":
        i = rng.randrange(1, n)
        keys = NEIGHBOURS.get(word[i].lower())
        if not keys:
            return None
        new = rng.choice(keys)
        return word[:i] + (new.upper() if word[i].isupper() else new) + word[i + 1:]
    if kind == "delete":
        i = rng.randrange(1, n)
        return word[:i] + word[i + 1:] if n >= 4 else None
    if kind == "double":
        i = rng.randrange(1, n)
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        i = rng.randrange(1, n - 1) if n > 2 else 0
        return None if word[i] == word[i + 1] else word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "split":
        return word[:(i := rng.randrange(2, n - 1))] + " " + word[i:] if n >= 6 else None
    return None


def noisy(text: str, typos: int, rng: random.Random) -> tuple[str, tuple[str, ...]] | None:
    """`text` with `typos` distinct words mistyped, and the kinds of typo; None if it has
    too few words to mistype."""
    spans = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    weights = [(3 if w.lower() not in STOPWORDS else 1) if len(w) >= 4 else (1 if len(w) == 3 else 0)
               for w in (text[a:b] for a, b in spans)]
    eligible = [i for i, w in enumerate(weights) if w]
    if len(eligible) < typos:
        return None
    chosen: set[int] = set()
    while len(chosen) < typos:
        chosen.add(rng.choices(eligible, [weights[i] for i in eligible])[0])
    kinds = []
    for i in sorted(chosen, reverse=True):  # right to left: spans stay valid
        a, b = spans[i]
        word = text[a:b]
        for _ in range(10):
            kind = rng.choices(list(_KINDS), list(_KINDS.values()))[0]
            if kind == "merge":
                if i + 1 < len(spans) and text[b:spans[i + 1][0]].isspace():
                    text = text[:b] + text[spans[i + 1][0]:]
                    break
                continue
            if len(word) == 3 and kind in ("delete", "split"):
                continue
            new = _retype(word, kind, rng)
            if new is not None and new != word:
                text = text[:a] + new + text[b:]
                break
        else:
            continue
        kinds.append(kind)
    return (text, tuple(reversed(kinds))) if kinds else None


def variants(queries: Sequence[Query], seed: int = SEED, per_query: int = VARIANTS) -> list[Variant]:
    """`per_query` distinct noisy copies of each query (fewer when it has too few words)."""
    made = []
    for number, query in enumerate(queries):
        rng = random.Random(f"{seed}:{query.text}")
        seen = {query.text}
        for k in range(per_query):
            typos = 1 if k < (per_query + 1) // 2 else 2
            for _ in range(8):
                got = noisy(query.text, typos, rng)
                if got is not None and got[0] not in seen:
                    seen.add(got[0])
                    made.append(Variant(replace(query, text=got[0]), got[1], number))
                    break
    return made


Run = stress.Run[Variant]


async def run(seed: int = SEED, per_query: int = VARIANTS) -> Run:
    clean = dev_queries()
    return await run_altered(clean, variants(clean, seed, per_query), "concierge-typos-")


def report(r: Run) -> str:
    n = len(r.clean)
    groups: list[tuple[str, list[int]]] = [("clean DEV", list(range(n))),
                                           ("noisy, all", [n + i for i in range(len(r.altered))])]
    for typos in (1, 2):
        groups.append((f"noisy, {typos} typo{'s' * (typos > 1)}",
                       [n + i for i, v in enumerate(r.altered) if len(v.kinds) == typos]))
    for kind in _KINDS:
        groups.append((f"  one typo: {kind}",
                       [n + i for i, v in enumerate(r.altered) if v.kinds == (kind,)]))
    lines = [f"DEV queries: {n} ({sum(q.answerable for q in r.clean)} answerable); noisy variants: "
             f"{len(r.altered)} (seed {SEED}, up to {VARIANTS} per query)"]
    lines += tables(r.asked, groups, r.engine, r.trgm)
    return "\n".join(lines)


def misses(r: Run, limit: int) -> str:
    """The engine's wrong outcomes on noisy variants whose clean query it gets right."""
    lines: list[str] = []
    kinds = Counter[str]()
    for v, outcome in stress.regressed(r):
        kinds.update(v.kinds)
        if len(lines) < limit:
            lines.append(stress.miss_line(v, outcome, f" {list(v.kinds)}"))
    return "\n".join([f"Noisy misses whose clean query is right (typos: {dict(kinds)}):", *lines])


def main(argv: Sequence[str] | None = None) -> int:
    return cli("benchmarks.typos", __doc__ or "", argv, run, report, misses)


if __name__ == "__main__":
    raise SystemExit(main())
