"""Regenerate bot/common_words.txt: common English words, to tell a real word from a typo.

    pip install pyspellchecker==0.9.1 && python scripts/common_words.py

The words come from pyspellchecker's English word frequencies (MIT licence, Copyright (c)
2018-2021 Tyler Barrus): every alphabetic word of at least MIN_LENGTH letters seen at least
MIN_COUNT times. Only the words are kept, not their counts.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

MIN_COUNT = 5000
MIN_LENGTH = 4
OUT = Path(__file__).resolve().parent.parent / "bot" / "common_words.txt"
HEADER = f"""\
# Common English words (>= {MIN_LENGTH} letters), one per line; see bot/english.py.
# Made by scripts/common_words.py from pyspellchecker 0.9.1's English word frequencies
# (words seen at least {MIN_COUNT} times). pyspellchecker: MIT licence,
# Copyright (c) 2018-2021 Tyler Barrus.
"""


def main() -> None:
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    words = sorted(w for w, n in counts.items()
                   if n >= MIN_COUNT and len(w) >= MIN_LENGTH and w.isascii() and w.isalpha())
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
