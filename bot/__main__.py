"""Command line: `python -m bot [run | ask | import | export]` (see SPEC.md)."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from bot.answers import AnswerService
from bot.engine import Answer, Match
from bot.errors import ConciergeError
from bot.exchange import dump_exchange, parse_exchange
from bot.knowledge import load_knowledge
from bot.settings import Settings, server_id
from bot.store import Store

PROG = "python -m bot"


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line on stderr (exit 2), not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{PROG} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog=PROG, description="Concierge, the franchise FAQ bot.")
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    commands.add_parser("run", help="run the bot (needs DISCORD_TOKEN)")
    ask = commands.add_parser("ask", help="answer questions without Discord")
    ask.add_argument("question", nargs="?", help="the question; without it, one per line on stdin")
    ask.add_argument("--guild", type=guild_id, help="answer as this server sees its FAQs")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    imp = commands.add_parser("import", help="import FAQs from an exchange-format JSON file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--guild", type=guild_id, help="into this server (default: the shipped layer)")
    exp = commands.add_parser("export", help="write FAQs in the exchange format")
    exp.add_argument("--guild", type=guild_id, help="this server's own FAQs (default: shipped)")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    return parser


def guild_id(text: str) -> int:
    found = server_id(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"a server id is a positive number (Discord's "
                                         f"snowflake), not {text!r}")
    return found


def match_json(match: Match) -> dict[str, object]:
    entry = match.entry
    return {"id": entry.faq_id, "ref": entry.ref, "question": entry.question,
            "score": round(match.score, 1)}


def answer_json(answer: Answer) -> str:
    best = None
    if answer.best is not None:
        entry = answer.best.entry
        best = {"id": entry.faq_id, "ref": entry.ref, "question": entry.question,
                "answer": entry.answer}
    return json.dumps({
        "query": answer.query,
        "answer": best,
        "score": round(answer.best.score if answer.best else answer.top_score, 1),
        "suggestions": [match_json(match) for match in answer.suggestions],
    }, ensure_ascii=False)


def answer_text(answer: Answer) -> str:
    if answer.best is not None:
        entry = answer.best.entry
        return f"Q: {answer.query}\n{entry.question} (score {answer.best.score:.0f})\n{entry.answer}\n"
    lines = [f"Q: {answer.query}", "No confident answer."]
    if answer.suggestions:
        lines.append("Did you mean:")
        lines += [f"  - {m.entry.question} (score {m.score:.0f})" for m in answer.suggestions]
    return "\n".join(lines) + "\n"


def questions_from(args: argparse.Namespace, stdin: TextIO) -> Iterator[str]:
    """The question, or one per line of `stdin`; with --json a blank line is kept (and gets
    an empty answer) so that output line n answers input line n."""
    if args.question is not None:
        if not args.question.strip():
            raise ConciergeError("The question is empty.")
        yield args.question
        return
    for line in stdin:
        if line.strip() or args.json:
            yield line.strip()


async def with_service(settings: Settings, action: Callable[[AnswerService], Awaitable[int]]) -> int:
    store = await Store.open(settings.database_path)
    try:
        service = AnswerService(store)
        try:
            await service.load_knowledge(load_knowledge())
            return await action(service)
        finally:
            await service.close()
    finally:
        await store.close()


async def ask(service: AnswerService, args: argparse.Namespace) -> int:
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")  # a stray non-UTF-8 byte is no reason to stop
    for question in questions_from(args, sys.stdin):
        answer = (await service.ask(args.guild, question) if question  # blank: an empty answer
                  else Answer(query="", best=None, suggestions=(), top_score=0.0))
        sys.stdout.write(answer_json(answer) + "\n" if args.json else answer_text(answer))
        sys.stdout.flush()
    return 0


async def import_file(service: AnswerService, args: argparse.Namespace) -> int:
    try:
        raw = args.file.read_bytes()
    except OSError as error:
        raise ConciergeError(f"Can't read {args.file}: {error.strerror or error}.") from None
    drafts = parse_exchange(raw, capped=False)  # a local file: whatever export wrote
    result = await service.import_faqs(args.guild, drafts)
    where = f"server {args.guild}" if args.guild else "the shipped layer"
    print(f"Imported into {where}: {len(result.created)} added, {len(result.updated)} updated, "
          f"{result.unchanged} unchanged.")
    return 0


async def export_file(service: AnswerService, args: argparse.Namespace) -> int:
    text = dump_exchange(await service.export_faqs(args.guild))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConciergeError(f"Can't write {args.output}: {error.strerror or error}.") from None
    print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    try:
        settings = Settings.from_env()
        if command == "run":
            from bot.client import run_bot  # imports discord only when it is needed

            return run_bot(settings)
        # the tools keep stderr for problems; LOG_LEVEL=DEBUG shows everything
        quiet = logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING
        logging.basicConfig(level=quiet, format="%(levelname)s %(name)s: %(message)s")
        actions = {"ask": ask, "import": import_file, "export": export_file}
        return asyncio.run(with_service(settings, lambda service: actions[command](service, args)))
    except ConciergeError as error:
        print(f"{PROG} {command}: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `ask --json | head -1`: the reader is gone; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 141
    except Exception as error:  # a bug or a broken environment: still one line, no traceback
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(f"{PROG} {command}: unexpected error ({type(error).__name__}: {error}). "
              "Run with LOG_LEVEL=DEBUG for details.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
