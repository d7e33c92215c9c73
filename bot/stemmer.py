"""The suffix rules of `text.stem`: a deliberately small stemmer, and the irregular forms
its rules cannot reach. `text.stem` adds what depends on the phrase table."""

from __future__ import annotations

from bot.wordsets import word_set

_VOWELS = frozenset("aeiouy")
_NO_UNDOUBLE = frozenset("lsz")

# Irregular forms the suffix rules cannot reach ("made" -> "make", "died" -> "die"). Forms that
# are also other words people use here ("left", "lost", "found") are left out.
IRREGULAR = {form: base for base, forms in (
    ("make", "made makes"), ("run", "ran"), ("go", "went gone"), ("pay", "paid"),
    ("say", "said says"), ("see", "saw seen"), ("shoot", "shot shoots shooting"),
    ("take", "took taken"), ("come", "came"), ("give", "gave given"), ("win", "won"),
    ("build", "built"), ("buy", "bought"), ("bring", "brought"), ("catch", "caught"),
    ("choose", "chose chosen"), ("drive", "drove driven"), ("fall", "fell fallen"),
    ("fight", "fought"), ("fly", "flew flown"), ("forget", "forgot forgotten"),
    ("hold", "held"), ("keep", "kept"), ("know", "knew known"), ("meet", "met"),
    ("sell", "sold"), ("send", "sent"), ("spend", "spent"), ("stand", "stood"),
    ("teach", "taught"), ("wear", "wore worn"), ("die", "died dies dying"),
    ("lie", "lied lies lying"), ("begin", "began begun"), ("break", "broke broken"),
    ("speak", "spoke spoken"), ("hide", "hid hidden"), ("eat", "ate eaten"),
    ("sing", "sang sung"), ("throw", "threw thrown"), ("grow", "grew grown"),
    ("feel", "felt"), ("sleep", "slept"), ("mean", "meant"), ("think", "thought"),
    ("steal", "stole stolen"), ("write", "wrote written"), ("ride", "rode ridden"),
) for form in forms.split()}


def strip_suffixes(word: str, keep: frozenset[str]) -> str:
    """`word` without its plural, -ing or -ed ending, then a final -e / -y folded ("stories"
    -> "stori", "running" -> "run"); a word in `keep` (the stop words) stays as it is."""
    if len(word) <= 3 or not word.isalpha() or word in keep:
        return word
    original = word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and _VOWELS & set(word[:-3]):
        word = _undouble(word[:-3])
    elif (word.endswith("ed") and len(word) >= 5 and not word.endswith("eed")
          and _VOWELS & set(word[:-2])):
        word = _undouble(word[:-2])
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    if len(word) > 3 and word[-1] == "y":
        word = word[:-1] + "i"
    # "bros", "getting" are forms of stop words; "ares" is a name, not a form of "are"
    return original if word in _NO_S_FORM else word


_NO_S_FORM = word_set("are was were his its our ours their theirs this thus yes")


def _undouble(word: str) -> str:
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _NO_UNDOUBLE | _VOWELS:
        return word[:-1]
    return word
