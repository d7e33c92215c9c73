"""Every benchmark in one run: speed (index at scale + end to end; many guilds), then answer
quality, the typo, chat-spelling, chatter and off-topic stress sets, the helper-written sets,
the second server, and the second server after one pass of its unanswered listing. Speed comes
first: its figures are the ones this shared machine's load sways, so they are taken while
the machine is as the caller found it (quiet, if they waited for that).

    .venv/bin/python -m benchmarks                  # print everything
    .venv/bin/python -m benchmarks --write-readme   # ... and put it in benchmarks/README.md

The README block between the `figures` markers is replaced with this run's output, the
command and the date, whatever the figures are.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import (
    chatter,
    extra,
    guilds,
    newserver,
    offtopic,
    quality,
    slang,
    speed,
    teaching,
    typos,
)

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
COMMAND = ".venv/bin/python -m benchmarks --write-readme"


def _run(main: object, argv: list[str]) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(argv)  # type: ignore[operator]
    text = buffer.getvalue()
    sys.stdout.write(text)
    sys.stdout.flush()
    return text


def write_readme(output: str, path: Path = README) -> None:
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{path} has no {START} ... {END} block")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = (f"{START}\nLatest run: {stamp}, produced by `{COMMAND}` (run from the repository root).\n\n"
             f"```text\n{output.rstrip()}\n```\n{END}")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(head + block + tail, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--write-readme", action="store_true", help="store the output in README.md")
    args = parser.parse_args(argv)
    parts = []
    for i, module in enumerate((speed, guilds, quality, typos, slang, chatter, offtopic, extra,
                                 newserver, teaching)):
        if i:
            print()
        parts.append(f"$ .venv/bin/python -m {module.__name__}\n" + _run(module.main, []))
    output = "\n".join(parts)
    if args.write_readme:
        write_readme(output)
        print(f"\nwrote the figures into {README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
