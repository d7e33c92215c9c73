"""Synthetic guild FAQ sets and query mixes for the speed benchmark (fixed seed, no I/O).

A set of n entries holds the derived answers and the 80 shipped FAQs plus made-up guild FAQs
built from question templates, franchise and server vocabulary, and invented words (names of
people, channels, events and things a real server would have), each with 0–4 aliases.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from bot.derived import derived_entries
from bot.engine import Entry, faq_entry
from bot.knowledge import load_knowledge
from bot.models import Faq

SEED = 20250606
FRANCHISE = (
    "john wick", "ballerina", "parabellum", "chapter 4", "chapter 2", "the continental", "winston",
    "charon", "the director", "ruska roma", "high table", "excommunicado", "marker", "gold coin",
    "caine", "the marquis", "bowery king", "eve macarro", "the chancellor", "hallstatt", "osaka",
    "berlin", "rome continental", "new york continental", "adjudicator", "sommelier", "tailor",
    "keanu", "ana de armas", "daisy", "pencil", "the elder", "zero", "sofia", "santino",
)
SERVER = (
    "roles", "role menu", "watch party", "movie night", "trivia night", "game night", "giveaway",
    "server boost", "nitro", "emoji", "sticker", "fan art", "memes", "modmail", "ban appeal",
    "warning", "timeout", "spoiler tags", "voice chat", "stage channel", "announcements",
    "birthday role", "level rewards", "xp", "rank card", "suggestions", "rules", "verification",
    "nickname", "profile picture", "dm policy", "self promo", "events channel", "bot commands",
)
VERBS = ("get", "join", "find", "change", "report", "share", "post", "vote on", "unlock", "appeal",
         "watch", "claim", "turn off", "sign up for", "buy", "stream", "rewatch", "book", "earn")
ADJECTIVES = ("best", "next", "first", "official", "secret", "weekly", "monthly", "new", "old",
              "longest", "original", "extended", "special", "hidden", "canon")
TEMPLATES = (
    "How do I {verb} the {thing}?", "When is the {adj} {thing}?", "Who runs the {thing}?",
    "What is the {thing} for {topic}?", "Can I {verb} {topic} in {place}?",
    "Where do I find the {adj} {thing}?", "Is {topic} part of the {thing}?",
    "Why was the {thing} about {topic} moved to {place}?", "How long does the {thing} last?",
    "What happens at the {adj} {thing} with {topic}?", "Who is {name} in {topic}?",
    "Does {name} host the {thing}?", "What are the rules for {thing} in {place}?",
)
SYLLABLES = ("ka", "ri", "mo", "ven", "ta", "lor", "shi", "bra", "el", "dun", "qui", "zar", "op",
             "fen", "gal", "ust", "mir", "tho", "ney", "cas", "ple", "vor", "in", "ath", "rok")
OFFTOPIC = (
    "what's the weather like in paris tomorrow", "how do i make sourdough bread",
    "who plays harry potter", "best laptop for programming", "how to fix a flat bike tire",
    "when does the next marvel movie come out", "translate good night to german",
    "how many calories in an apple", "lol", "hi everyone", "asdf qwer zxcv", "recommend a podcast",
)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


@dataclass(frozen=True, slots=True)
class SynthSet:
    entries: list[Entry]
    faqs: list[Entry]  # the FAQ entries (shipped + synthetic), for building queries


def base_entries() -> tuple[list[Entry], list[Entry]]:
    """(derived answers, shipped FAQs as entries) from faq_data/."""
    knowledge = load_knowledge()
    shipped = [faq_entry(Faq(i, d.question, d.answer, d.aliases, d.tags))
               for i, d in enumerate(knowledge.faqs.values(), 1)]
    return derived_entries(knowledge.titles, knowledge.credits), shipped


def make_set(n: int, seed: int = SEED) -> SynthSet:
    """n entries in all: derived + shipped + synthetic guild FAQs (unique questions)."""
    rng = random.Random(seed)
    derived, shipped = base_entries()
    invented = [_word(rng) for _ in range(max(200, n // 20))]
    names = [w.capitalize() for w in invented[: len(invented) // 2]]
    places = [f"#{w}" for w in invented[len(invented) // 2:]] + ["general", "the lounge", "voice chat"]
    entries = [*derived, *shipped]
    seen = {e.question.casefold() for e in entries}
    next_id = len(shipped) + 1
    while len(entries) < n:
        topic = rng.choice(FRANCHISE + tuple(invented[:50]))
        thing = rng.choice(SERVER) if rng.random() < 0.7 else f"{rng.choice(invented)} {rng.choice(SERVER)}"
        question = rng.choice(TEMPLATES).format(
            verb=rng.choice(VERBS), thing=thing, adj=rng.choice(ADJECTIVES), topic=topic,
            place=rng.choice(places), name=rng.choice(names))
        if question.casefold() in seen:
            question = f"{question[:-1]} ({rng.choice(invented)})?"
            if question.casefold() in seen:
                continue
        seen.add(question.casefold())
        aliases = tuple(dict.fromkeys(
            f"{rng.choice((thing, topic))} {rng.choice(invented)}" for _ in range(rng.randint(0, 4))))
        answer = f"{question[:-1]}: see {rng.choice(places)}. Ask {rng.choice(names)} if unsure."
        entries.append(Entry(ref=f"faq:{next_id}", question=question, answer=answer, aliases=aliases,
                             faq_id=next_id, uses=int(rng.paretovariate(1.5)) - 1))
        next_id += 1
    return SynthSet(entries, [e for e in entries if e.faq_id is not None])


def typo(text: str, rng: random.Random) -> str:
    """One edit (drop, swap, double or replace a letter) in one word of 4+ letters."""
    words = text.split()
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = rng.choice((w[:j] + w[j + 1:], w[:j] + w[j + 1] + w[j] + w[j + 2:],
                           w[:j] + w[j] + w[j:], w[:j] + rng.choice("aeiourst") + w[j + 1:]))
    return " ".join(words)


def answer_queries(faqs: Sequence[Entry], count: int, real: Sequence[str], seed: int = SEED) -> list[str]:
    """A mix for `answer`: exact questions and aliases, typos, chatty rewrites, real labelled
    questions (benchmarks/questions.jsonl) and off-topic messages."""
    rng = random.Random(seed + 1)
    out: list[str] = []
    while len(out) < count:
        entry = rng.choice(faqs)
        roll = rng.random()
        if roll < 0.2:
            out.append(entry.question)
        elif roll < 0.3 and entry.aliases:
            out.append(rng.choice(entry.aliases))
        elif roll < 0.5:
            out.append(typo(entry.question.lower().rstrip("?"), rng))
        elif roll < 0.65:
            words = entry.question.lower().rstrip("?").split()
            out.append("hey quick question, " + " ".join(words[rng.randrange(len(words) // 2 + 1):])
                       + " ? thanks in advance")
        elif roll < 0.85 and real:
            out.append(rng.choice(real))
        else:
            out.append(rng.choice(OFFTOPIC))
    return out


def complete_queries(faqs: Sequence[Entry], count: int, seed: int = SEED) -> list[str]:
    """A mix for `complete`: partly typed questions (cut mid-word), typo'd prefixes, empty
    input and off-topic prefixes."""
    rng = random.Random(seed + 2)
    out: list[str] = []
    while len(out) < count:
        roll = rng.random()
        text = rng.choice(faqs).question.lower()
        if roll < 0.05:
            out.append("")
        elif roll < 0.2:
            text = rng.choice(OFFTOPIC)
            out.append(text[: rng.randint(1, len(text))])
        elif roll < 0.35:
            text = typo(text, rng)
            out.append(text[: rng.randint(3, len(text))])
        else:
            out.append(text[: rng.randint(1, len(text))])
    return out


MASH_LENGTH = 200  # characters: as long as a /faq question may be


def mash_queries(count: int, length: int = MASH_LENGTH, seed: int = SEED) -> list[str]:
    """Keyboard mash as long as a /faq question may be: random letters in word-sized runs.
    Every word is unknown, so every word gets a typo search: the typo search's worst case,
    which the realistic mix of `answer_queries` seldom reaches."""
    rng = random.Random(seed + 3)
    out = []
    for _ in range(count):
        words: list[str] = []
        while sum(map(len, words)) + len(words) < length:
            words.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz")
                                 for _ in range(rng.randint(3, 12))))
        out.append(" ".join(words)[:length])
    return out
