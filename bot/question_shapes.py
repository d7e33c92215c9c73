"""Questions whose telling words are not next to each other, which the phrase table (one
run of words each) cannot say: "how much did ballerina *make*" asks the box office, "what do
boosters *get*" the perks, "can i *talk about* the ending" whether it is allowed, "what can
*i play* john wick hex on" where a game runs.

Used by `bot.text.canonical` on its slow path (`SHAPE_WORDS` send a text there; "how much"
already starts a phrase, "how much money"). Each rule adds or swaps a term; the stemmer is
passed in, as `bot.text` imports this module.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.wordsets import word_set

BOX_OFFICE = "boxoffice"
PERK = "perk"
ALLOW = "allow"
VERIFIED = ("access", "verify")  # what "can't see channels" means too
BECOME = "becom"  # the stem of "become", as the phrase table has it
DELAY = "delay"
RELEASE = "release"  # where a game runs is part of its release, as the phrase table has it
CAST = "cast"
SHAPE_WORDS = word_set("get gets talk discuss only all back play")  # besides "much", which starts a phrase

_MADE = word_set("make makes made making earn earns earned earning gross grossed")
_BROUGHT_IN = word_set("pull pulls pulled bring brings brought rake rakes raked")
_PEOPLE = word_set("""he she i you we his her director directors actor actors actress cast
star stars crew writer writers keanu reeves ana armas stahelski producer producers""")
_SPENT = word_set("cost costs spend spent spending budget pay paid")
_ASKS_GET = word_set("do does did will would can could")
_GET_ENDS = word_set("for 4 from if when tho though you u me out by with at")
_LEAVE = frozenset([("can", "i"), ("can", "we"), ("ok", "to"), ("okay", "to"), ("allowed", "to")])


def question_shapes(words: list[str], out: list[str], stem: Callable[[str], str]) -> list[str]:
    """`out`, the terms of `words`, with what the shapes of the question add (the stemmer
    is `bot.text`'s)."""
    if "much" in words:
        out = _money_made(words, out, stem)
    if "get" in words or "gets" in words:
        _what_you_get(words, out)
        _get_mod(words, out)
    if "talk" in words or "discuss" in words:
        _leave_to_talk(words, out)
    if "only" in words or "all" in words:
        _only_some_channels(words, out)
    if "back" in words and DELAY not in out:
        _pushed_back(words, out)
    if "play" in words and CAST in out:
        out = _playing_a_game(words, out)
    return out


def _money_made(words: list[str], out: list[str], stem: Callable[[str], str]) -> list[str]:
    """"How much did ballerina *make*" (or "pull in") asks the box office, as "how much
    money" does; but "how much did it cost to make" asks the budget, "how much *of* it did
    he make" a share, "how much did *keanu* make" a fee, and "who made it" the studio."""
    at = next((i for i in range(len(words) - 1) if words[i:i + 2] == ["how", "much"]), None)
    if at is None or words[at + 2:at + 3] == ["of"] or not _SPENT.isdisjoint(words):
        return out
    later = words[at + 2:]
    made = {stem(w) for i, w in enumerate(later)
            if w in _MADE or (w in _BROUGHT_IN and later[i + 1:i + 2] == ["in"])}
    if made and not _PEOPLE.isdisjoint(later):
        return out  # "how much did the director make": a fee, not a film's takings
    return [BOX_OFFICE if term in made else term for term in out] if made else out


def _what_you_get(words: list[str], out: list[str]) -> None:
    """"What do boosters *get*", "what do i get for boosting": the perks of something. Not
    "what do i get *verified* with", where "get" goes on."""
    for i, word in enumerate(words):
        if word in ("get", "gets") and (i + 1 == len(words) or words[i + 1] in _GET_ENDS) \
                and any(words[j] == "what" and words[j + 1] in _ASKS_GET for j in range(i - 1)):
            out.append(PERK)
            return


_MOD = word_set("mod moderator")
_SAYS_LITTLE = word_set("lol pls plz please role rank tho ty thx thanks here")


def _get_mod(words: list[str], out: list[str]) -> None:
    """"How do i *get mod*" is becoming one, as "become a mod" is; not "get mod help", "get
    a mod" (reaching one): "mod" ends the question, or only chat or "role" follow it."""
    for i in range(len(words) - 1):
        if words[i] in ("get", "gets") and words[i + 1] in _MOD \
                and _SAYS_LITTLE.issuperset(words[i + 2:]):
            out.append(BECOME)
            return


_CHANNELS = word_set("channel channels chat chats")


def _only_some_channels(words: list[str], out: list[str]) -> None:
    """"I can *only see* the welcome *channel*", "*all* i can *see* are two *channels*": a
    member who has not verified yet (not "i can only see chapter 4 on peacock")."""
    for i in range(len(words) - 1):
        if ((words[i] == "only" and words[i + 1] == "see")
                or (words[i] == "all" and words[i + 1] in ("i", "we")
                    and "see" in words[i + 2:i + 4])) \
                and not _CHANNELS.isdisjoint(words[i:]):
            out.extend(VERIFIED)
            return


_PUSH = word_set("push pushed pushes pushing move moved moves moving")


def _pushed_back(words: list[str], out: list[str]) -> None:
    """"Why did they *push* ballerina *back* a year": a delay, as "pushed back" is."""
    for i, word in enumerate(words):
        if word == "back" and not _PUSH.isdisjoint(words[max(0, i - 3):i]):
            out.append(DELAY)
            return


def _leave_to_talk(words: list[str], out: list[str]) -> None:
    """"Can i *talk about* the ending", "ok to *discuss* leaks": whether it is allowed. (A
    phrase row would send every "can i ..." down the slow path.)"""
    for i in range(2, len(words)):
        if (words[i] == "discuss" or words[i:i + 2] == ["talk", "about"]) \
                and (words[i - 2], words[i - 1]) in _LEAVE:
            out.append(ALLOW)
            return


_PLAYERS = word_set("i we you u")
_SAYS_CAST = word_set("""who whos cast actor actors actress actresses acted acting plays played
voice voices voiced star stars starring""")


def _playing_a_game(words: list[str], out: list[str]) -> list[str]:
    """"What can *i play* john wick hex on", "can *you play* it on mac": the asker plays, so
    it asks where the game runs, not who plays whom (the phrase table reads "play" as the
    cast). Not when anything else asks for the cast ("who do you play as")."""
    if not _SAYS_CAST.isdisjoint(words) or not any(
            word == "play" and words[i - 1] in _PLAYERS for i, word in enumerate(words) if i):
        return out
    return [RELEASE if term == CAST else term for term in out]
