"""Text normalisation for matching questions: plain functions, no state.

Three layers, from light to heavy:

* `question_key` - the store's uniqueness key: casefold + collapsed whitespace, nothing else.
* `normalize` / `tokens` - what a person would call "the same words": no case, no accents,
  no punctuation, no possessive 's.
* `terms` - what the answer engine indexes: `tokens`, then the franchise's slang and
  numerals mapped to one canonical spelling (`PHRASES`), then a small conservative stemmer.
  Both the FAQs and the question go through `terms`, so "jw4 runtime" and
  "How long is John Wick: Chapter 4?" meet on the same terms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from bot.chat_spellings import CHAT_ROWS
from bot.english import is_common_word
from bot.phrases import ROWS
from bot.question_shapes import SHAPE_WORDS, question_shapes
from bot.stemmer import IRREGULAR, strip_suffixes
from bot.wordsets import word_set

_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
# 's after these is a contraction ("what's" -> "whats"), after anything else a possessive.
_CONTRACTED = word_set("what who where when how why that it he she there here let this which everyone")
_POSSESSIVE_RE = re.compile(r"(\w+)'s\b")
_NON_WORD_RE = re.compile(r"[\W_]+")
_ASCII_PUNCT = bytes(c if chr(c).isalnum() else 32 for c in range(256))  # bytes.translate
_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_DIGIT_RE = re.compile(r"\d")
_ALNUM_SPLIT_RE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def question_key(text: str) -> str:
    """The store's "same question" key: casefold, whitespace collapsed, stripped. Nothing more."""
    return " ".join(text.casefold().split())


def _possessive(match: re.Match[str]) -> str:
    word = match.group(1)
    return word + "s" if word in _CONTRACTED else word


def possessive_words(text: str) -> set[str]:
    """The words of `text` that carry a possessive 's ("john's wife" -> {"john"}), normalised;
    contractions aside ("who's")."""
    found = _POSSESSIVE_RE.findall(_APOS_RE.sub("'", text.casefold()))
    return {normalize(word) for word in found if word not in _CONTRACTED}


# whitespace and the zero-width characters str.strip keeps: a text of only these is empty
_INVISIBLE_ENDS_RE = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+"
                                r"|[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+$")


def strip_visible(text: str) -> str:
    """`text` without whitespace or zero-width characters at either end."""
    return _INVISIBLE_ENDS_RE.sub("", text)


def normalize(text: str) -> str:
    """Casefold, strip accents, drop apostrophes (possessive 's too), punctuation -> space."""
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    """The normalised words of `text`."""
    return _tokens(text)[0]


_DIGIT_BYTES = b"0123456789"


def _tokens(text: str) -> tuple[list[str], bool]:
    """`tokens`, and whether `text` has a digit (known for free on the plain-ASCII path,
    which most text takes; `split_words` needs it)."""
    if text.isascii() and "'" not in text and "`" not in text:  # the common case, kept fast
        raw = text.lower().encode().translate(_ASCII_PUNCT)
        return raw.decode().split(), len(raw.translate(None, _DIGIT_BYTES)) < len(raw)
    text = text.casefold()
    ascii_only = text.isascii()
    if not ascii_only:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = _APOS_RE.sub("'", text)
    if "'" in text or "`" in text:
        text = _POSSESSIVE_RE.sub(_possessive, text.replace("`", "'"))
        text = text.replace("'", "")
    if ascii_only:  # apostrophes gone: the fast path does the rest
        return _tokens(text)
    return _NON_WORD_RE.sub(" ", text).split(), _DIGIT_RE.search(text) is not None


# --- canonical spellings (the table is bot/phrases.py) ----------------------------------
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(variant.split()): tuple(canonical.split())
    for variants, canonical in ROWS for variant in variants.split("|")
}
_MAX_PHRASE = max(len(key) for key in PHRASES)
_SINGLE = {key[0]: value for key, value in PHRASES.items() if len(key) == 1}
_TERM_CACHE: dict[str, str] = {}
_CANONICAL = frozenset(word for words in PHRASES.values() for word in words)
TABLE_TERMS = _CANONICAL  # what the table rows fold to: "cast", "role", "release", "young", ...
NAME_TERMS = frozenset(["john", "wick", "chapter", "keanu", "reeves"]) | {  # ... and of them, names
    t for t in _CANONICAL if t.isdigit()}

# Number words and the ambiguous roman numerals ("i", "v", "x") count only right after a
# word that takes a number: "chapter three", "john wick v"; "one of them" stays as it is.
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "i": "1", "v": "5", "x": "10",
}
_NUMBER_CONTEXT = frozenset({"chapter", "wick", "part", "season", "episod", "film"})  # terms

# Words that carry no topic. They stay in the terms but the engine caps their weight.
QUESTION_WORDS = word_set("who what when where why how which")
STOPWORDS = word_set("""
a above after again all also am an and any anyone anybody are as at be been before
being below between both but by can could did do does doing done dont each else even ever
few for from further get gets got had has have having he hes her here hers him his i if im in
into is isnt it its ive just know knows let lets like me more most much my myself no nor not
now of off on once only or other our ours out over own please pls plz really same she shes should
so some someone somebody something such than thank thanks thx that thats the their theirs
them then there theres these they theyre this those through to too under until up upon us very
was wasnt we were what when where which while who whom whose why will with would yet you
your youre yours hey hi hello hiya yo guys guy folks everyone quick question questions
wondering wonder curious tell told ask asking asked anyone help lol lmao tbh ngl btw idk
ok okay um uh oh so actually basically literally kinda sorta gonna wanna got u ur r pls
want wanted need needs trying try think thought sure maybe does doesnt didnt cant wont
how new mean means one ones thing things way might dumb stupid silly sorry anyway
bro dude bruh fam ya yea yeah yep nope nah fr imo imho ikr smh lowkey highkey omg wtf af
rly srsly tho ty np gotta lemme gimme sup wassup whatcha tryna finna boutta yall kk istg
defo deffo prolly iykyk hmu wyd hbu fyi asap afaik nvm ik wait hmm hmmm ah aha welp tf ffs lmk
ong deadass bestie gm gn since among behind kind sort
""") | QUESTION_WORDS | word_set("""
official officially actual exact exactly total overall worldwide global general generally
regular normal usual usually whole entire complete main specific particular certain
honestly seriously apparently supposedly definitely probably possibly likely already still
currently right true correct
""")  # modifiers: "ballerina *worldwide* gross" asks what "ballerina gross" asks

# word -> terms of the phrases it is part of: "credits" -> postcredits, "come" -> release
_PHRASE_PARTS: dict[str, tuple[str, ...]] = {}
for _key, _value in PHRASES.items():
    for _word in _key if len(_key) > 1 else ():
        # the "the" of "runs the server" says nothing of it; "dates" of "filming dates"
        # means what its own row says ("release")
        if _word in STOPWORDS or _word in _SINGLE:
            continue
        _PHRASE_PARTS[_word] = tuple(dict.fromkeys((*_PHRASE_PARTS.get(_word, ()), *_value)))
# what needs the slow path of `canonical`: a word -> several terms, two words starting a phrase
_MANY = frozenset(w for w, v in _SINGLE.items() if len(v) > 1)
_SLOW_WORDS = _MANY | SHAPE_WORDS  # what else takes `canonical`'s slow path
_PHRASE_PAIRS = frozenset(key[:2] for key in PHRASES if len(key) > 1)
_PHRASE_FIRSTS = frozenset(pair[0] for pair in _PHRASE_PAIRS)  # a cheaper look first

# Filler words: verbs and vague nouns that carry no topic and no intent ("where can I *find*
# the rules", "how do I *get* the role"). One the index never saw weighs like a fairly
# common index word, not like a rare one; one it knows is capped at that weight too. Words
# that carry the intent of a question ("old", "die", "paid", "kids") are deliberately absent:
# "how old is Keanu Reeves" must not pass for a question about Keanu Reeves' roles.
_FILLER = """
find get make know see look want use try need put keep let go come take give say tell check
help happen mean seem ask show bring able allowed possible way stuff thing lot bit info
information details detail anything something everything thingy thingies whatever random
hear heard deal weird friend friends swear bother never enjoy enjoyed version
cheers appreciate appreciated grateful advance
"""
@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately small stemmer: plurals, -ing, -ed, then a final -e / -y folded.

    It only has to send the forms of one word to the same string ("stories"/"story" ->
    "stori", "running"/"runs" -> "run", "movie"/"movies" -> "movi"); the result is never shown.
    """
    word = IRREGULAR.get(word, word)
    if word in _CANONICAL:
        return word  # canonical spellings ("reeves" from "keanu") are final
    stemmed = strip_suffixes(word, STOPWORDS)
    if word.endswith(("ed", "ing")):  # a verb form the table may mean apart ("promoted")
        return stemmed
    return _CANONICAL_FORMS.get(stemmed, stemmed)  # "languages" -> "language", as "spanish" is


# The stem of a canonical spelling that the stemmer would cut by its final -e or -s -> that
# spelling, so its plural meets it: "languages" (stem "languag") is the "language" of
# "spanish language". Not when more is cut: "rat" is no "rating".
_CANONICAL_FORMS = {stemmed: word for word in _CANONICAL
                    if (stemmed := strip_suffixes(word, STOPWORDS)) != word and stemmed[:-1] == word[:-2]}

COMMON_WORDS = frozenset(stem(w) for w in _FILLER.split()) - STOPWORDS


# chat spelling -> the word it stands for ("hw" -> "how", "b4" -> "before")
CHAT: dict[str, str] = {variant: word for variants, word in CHAT_ROWS for variant in variants.split("|")}
_CHAT_WORDS = frozenset(CHAT)


@lru_cache(maxsize=8192)
def _g_dropped(word: str) -> bool:
    # the g goes from an -ing ending, never from a word of three letters: "win" is no "wing"
    return len(word) >= 4 and not is_common_word(word) and is_common_word(word + "g")


def _with_g(word: str) -> str:
    """`word` with the g people drop in chat put back ("comin", "watchin"), if it was one."""
    return word + "g" if word[-2:] == "in" and _g_dropped(word) else word


def spelled_out(word: str) -> str:
    """The word a chat spelling stands for ("hw" -> "how", "comin" -> "coming"), else `word`."""
    return CHAT.get(word) or _with_g(word)


def question_words(text: str) -> list[str]:
    """`split_words` of a question, with the g people drop in chat put back ("comin").

    Only questions need it, and looking for it in every FAQ would slow the index build."""
    return [_with_g(word) for word in split_words(text)]


def question_terms(text: str) -> list[str]:
    """The matching terms of a question: `terms`, with dropped g's put back."""
    return canonical(question_words(text))


def split_words(text: str, *, chat: bool = True) -> list[str]:
    """`tokens`, with chat spellings spelled out ("hw" -> "how"; not with `chat=False`, for
    names and half-typed words), ordinals folded ("4th" -> "4") and letters split from
    digits ("jw4")."""
    words, digits = _tokens(text)
    if chat and not _CHAT_WORDS.isdisjoint(words):
        words = [CHAT.get(word, word) for word in words]
    if digits:
        return _ALNUM_SPLIT_RE.sub(" ", _ORDINAL_RE.sub(r"\1", " ".join(words))).split()
    return words


def canonical(words: list[str]) -> list[str]:
    """Apply `PHRASES` (longest first), context numerals and the stemmer to a word list."""
    if len(words) == 1:  # one word: no phrase, numeral context or question shape to read
        word = words[0]
        single = _SINGLE.get(word)
        return list(single) if single is not None else [_TERM_CACHE.get(word) or _term_of(word)]
    if _SLOW_WORDS.isdisjoint(words) and (_PHRASE_FIRSTS.isdisjoint(words)
                                          or _PHRASE_PAIRS.isdisjoint(pairwise(words))):
        # the common case, no phrase in sight: word by word, cached
        cache = _TERM_CACHE
        simple = [cache.get(w) or _term_of(w) for w in words]
        if _NUMBER_CONTEXT.isdisjoint(simple):  # "wick" is a number context too
            return simple
        if not _NUMBER_WORDS.keys().isdisjoint(words):
            for i in range(1, len(words)):
                if words[i] in _NUMBER_WORDS and simple[i - 1] in _NUMBER_CONTEXT:
                    simple[i] = _NUMBER_WORDS[words[i]]
        return _chapters(simple) if "wick" in simple else simple
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        size = (_phrase_at(words, i, n)
                if i + 1 < n and (word, words[i + 1]) in _PHRASE_PAIRS else 0)
        if size:
            out.extend(PHRASES[tuple(words[i:i + size])])
            i += size
            continue
        single = _SINGLE.get(word)
        if single is not None:
            out.extend(single)
        elif word in _NUMBER_WORDS and out and out[-1] in _NUMBER_CONTEXT:
            out.append(_NUMBER_WORDS[word])
        else:
            out.append(_TERM_CACHE.get(word) or stem(word))
        i += 1
    out = question_shapes(words, out, stem)
    return _chapters(out) if "wick" in out else out


def word_terms(words: str) -> frozenset[str]:
    """The terms of each word on its own, as `canonical` reads a one-word question."""
    return frozenset(t for word in words.split() for t in canonical([word]))


_CHAPTER_NUMBERS = frozenset("2345")


def _chapters(out: list[str]) -> list[str]:
    """"John Wick 3" (or "jw3", "john wick iii") is what fans call John Wick: Chapter 3."""
    fixed: list[str] = []
    for i, term in enumerate(out):
        if term in _CHAPTER_NUMBERS and i and out[i - 1] == "wick":
            fixed.append("chapter")
        fixed.append(term)
    return fixed


def _term_of(word: str) -> str:
    """The term of a word that starts no phrase and is no numeral (cached)."""
    single = _SINGLE.get(word)
    term = single[0] if single is not None else stem(word)
    if len(_TERM_CACHE) >= 200_000:
        _TERM_CACHE.clear()
    _TERM_CACHE[word] = term
    return term


def _phrase_at(words: list[str], i: int, n: int) -> int:
    for size in range(min(_MAX_PHRASE, n - i), 1, -1):
        if tuple(words[i:i + size]) in PHRASES:
            return size
    return 0


def terms(text: str) -> list[str]:
    """The matching terms of `text` (may repeat; order kept)."""
    return canonical(split_words(text))


def is_stopword(term: str) -> bool:
    return term in STOPWORDS


def topic_terms(question: str) -> set[str]:
    """A question's terms but its stop words: what it is about."""
    return {t for t in question_terms(question) if t not in STOPWORDS}


def phrase_parts(word: str) -> tuple[str, ...]:
    """Terms of the multi-word phrases `word` belongs to, for half-typed phrases
    ("post" -> postcredits). Empty for most words."""
    return _PHRASE_PARTS.get(word, ())


def expansions(words: list[str], singles: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """For `bot.engine_query.build_query`: each word the phrase table keeps and adds terms
    to ("spanish" -> spanish language), its term -> the added terms; not those another word
    gives by itself ("what *languages* do you speak": that "language" is a question word of
    its own).
    `singles`: each word's own terms, `canonical([word])` (the caller has them already)."""
    grouped: dict[str, tuple[str, ...]] = {}
    alone: set[str] = set()
    for word, found in zip(words, singles, strict=True):
        if len(found) > 1 and found[0] in (word, stem(word)):
            grouped[found[0]] = tuple(found[1:])
        else:
            alone.update(found)
    return {head: kept for head, added in grouped.items()
            if (kept := tuple(t for t in added if t not in alone))}
