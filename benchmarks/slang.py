"""Chat-spelling stress test: the DEV queries as people type them in a busy channel.

    .venv/bin/python -m benchmarks.slang              # clean vs chat-spelled figures
    .venv/bin/python -m benchmarks.slang --misses 40  # ... and some of the engine's misses

DEV split only (the held-out queries are never read). Each DEV query gets VARIANTS copies
made with a fixed seed: apostrophes dropped, and each word that has a common chat spelling
("you" -> "u", "the" -> "da", "about" -> "bout", "tonight" -> "2nite") swapped for one
with probability SWAP, and "-ing" shortened to "-in" ("streamin") with probability DROP_G.
`CHAT_SPELLINGS` was written from general knowledge of how people type on Discord before
the engine was changed for it, and it is never read by the bot. The off-topic DEV queries
get the same treatment: chat spelling must not turn them into answers.

Every query goes through `AnswerService.ask`, as in `benchmarks.quality`; pg_trgm answers at
its default 0.3 over the same candidates. Exit code 0 whatever the figures.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from benchmarks import stress
from benchmarks.dataset import Query
from benchmarks.stress import cli, dev_queries, run_altered, tables

SEED = 20_261_121
VARIANTS = 2
SWAP = 0.6
DROP_G = 0.5

# word -> chat spellings people use for it (several words: "going to" -> "gonna")
CHAT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "you": ("u", "ya", "yu"), "your": ("ur", "yr"), "youre": ("ur", "ure"), "are": ("r",),
    "the": ("da", "tha", "teh"), "this": ("dis", "tis"), "that": ("dat", "tht"),
    "them": ("em", "dem"), "they": ("dey",), "there": ("ther", "thr"), "their": ("ther",),
    "with": ("w", "wit", "wiv"), "without": ("w/o", "wo"), "what": ("wat", "wut", "wht", "wot"),
    "when": ("wen", "whn"), "where": ("wer", "whr", "whre"), "why": ("y",), "how": ("hw",),
    "who": ("hu",), "about": ("bout", "abt", "abut"), "because": ("bc", "cuz", "coz", "bcuz"),
    "before": ("b4",), "people": ("ppl", "peeps"), "please": ("pls", "plz"),
    "thanks": ("thx", "ty", "tnx"), "know": ("kno", "knw"), "really": ("rly", "rlly", "realy"),
    "is": ("iz",), "was": ("wuz", "waz"), "does": ("duz",), "probably": ("prob", "prolly", "probs"),
    "something": ("smth", "sth", "sumthin"), "someone": ("some1", "sum1"), "anyone": ("any1", "ne1"),
    "everyone": ("every1",), "tonight": ("tonite", "2nite"), "tomorrow": ("tmrw", "tmr", "2morrow"),
    "today": ("2day", "tday"), "message": ("msg",), "messages": ("msgs",), "server": ("serv", "svr"),
    "information": ("info",), "picture": ("pic",), "pictures": ("pics",), "video": ("vid",),
    "birthday": ("bday",), "favorite": ("fav", "fave"), "favourite": ("fav", "fave"),
    "definitely": ("def", "defo"), "seriously": ("srsly",), "though": ("tho",), "through": ("thru",),
    "night": ("nite",), "good": ("gud", "gd"), "great": ("gr8",), "later": ("l8r",),
    "wait": ("w8",), "be": ("b",), "see": ("c",), "okay": ("k", "kk", "ok"), "and": ("n", "&"),
    "for": ("4", "fr"), "to": ("2",), "too": ("2",), "of": ("o",), "oh": ("o",),
    "going to": ("gonna",), "want to": ("wanna",), "got to": ("gotta",), "let me": ("lemme",),
    "give me": ("gimme",), "kind of": ("kinda",), "sort of": ("sorta",), "do not": ("dont",),
    "dont": ("dnt",), "cant": ("cnt",), "doesnt": ("dosnt", "doesn"), "didnt": ("didn",),
    "isnt": ("isn",), "i dont know": ("idk", "dunno"), "to be honest": ("tbh",),
    "by the way": ("btw",), "right now": ("rn",), "in my opinion": ("imo",), "oh my god": ("omg",),
    "be right back": ("brb",), "as soon as possible": ("asap",), "for real": ("fr",),
    "discord": ("dc",), "moderator": ("mod",), "moderators": ("mods",), "administrator": ("admin",),
    "channel": ("chnl", "chan"), "channels": ("chnls",), "movie": ("movi", "muvie"),
    "movies": ("movis",), "questions": ("qs",), "question": ("q",), "any": ("ne",), "new": ("nu",),
    "should": ("shud", "shld"), "would": ("wud", "wld"), "could": ("cud", "cld"),
    "watch": ("wach",), "just": ("jus", "jst"), "like": ("lik",), "have": ("hav",),
    "some": ("sum",), "sure": ("shur",), "please help": ("halp",),
}
_ING_RE = re.compile(r"\b([a-z]{3,})ing\b")
_APOSTROPHE_RE = re.compile(r"['\u2019]")


@dataclass(frozen=True, slots=True)
class Variant:
    query: Query  # the chat-spelled text, with the original's labels
    changes: int  # words respelled
    source: int  # the clean query's position


def chat_spelled(text: str, rng: random.Random) -> tuple[str, int]:
    """`text` lowercased, without apostrophes, with chat spellings swapped in at random."""
    text = _APOSTROPHE_RE.sub("", text.lower())
    changes = 0
    # longest phrases first, so "i dont know" goes before "dont"
    for phrase in sorted(CHAT_SPELLINGS, key=lambda p: -len(p)):
        pattern = re.compile(rf"(?<![\w/&]){re.escape(phrase)}(?![\w/&])")

        def swap(match: re.Match[str], spellings: tuple[str, ...] = CHAT_SPELLINGS[phrase]) -> str:
            nonlocal changes
            if rng.random() >= SWAP:
                return match.group(0)
            changes += 1
            return rng.choice(spellings)

        text = pattern.sub(swap, text)

    def drop_g(match: re.Match[str]) -> str:
        nonlocal changes
        if rng.random() >= DROP_G:
            return match.group(0)
        changes += 1
        return match.group(1) + "in"

    return _ING_RE.sub(drop_g, text), changes


def variants(queries: Sequence[Query], seed: int = SEED, per_query: int = VARIANTS) -> list[Variant]:
    """Up to `per_query` distinct chat-spelled copies of each query that differ from it."""
    made = []
    for number, query in enumerate(queries):
        rng = random.Random(f"{seed}:{query.text}")
        seen = {query.text, query.text.lower()}
        for _ in range(per_query):
            for _attempt in range(6):
                text, changes = chat_spelled(query.text, rng)
                if changes and text not in seen:
                    seen.add(text)
                    made.append(Variant(replace(query, text=text), changes, number))
                    break
    return made


Run = stress.Run[Variant]


async def run(seed: int = SEED, per_query: int = VARIANTS) -> Run:
    clean = dev_queries()
    return await run_altered(clean, variants(clean, seed, per_query), "concierge-slang-")


def report(r: Run) -> str:
    n = len(r.clean)
    groups = [("clean DEV", list(range(n))),
              ("chat-spelled, all", [n + i for i in range(len(r.altered))]),
              ("  1-2 words respelled", [n + i for i, v in enumerate(r.altered) if v.changes <= 2]),
              ("  3+ words respelled", [n + i for i, v in enumerate(r.altered) if v.changes > 2])]
    lines = [f"DEV queries: {n} ({sum(q.answerable for q in r.clean)} answerable); chat-spelled "
             f"variants: {len(r.altered)} (seed {SEED}, up to {VARIANTS} per query)"]
    lines += tables(r.asked, groups, r.engine, r.trgm)
    return "\n".join(lines)


def misses(r: Run, limit: int) -> str:
    """The engine's wrong outcomes on chat-spelled variants whose clean query it gets right."""
    return stress.regressions(r, limit, "Chat-spelled misses whose clean query is right:")


def main(argv: Sequence[str] | None = None) -> int:
    return cli("benchmarks.slang", __doc__ or "", argv, run, report, misses)


if __name__ == "__main__":
    raise SystemExit(main())
