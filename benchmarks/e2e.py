"""End to end: a /faq round trip through the loopback fake Discord against a trivial command.

A real `bot.client.ConciergeBot` (every cog, a temp SQLite store, the shipped knowledge plus
the server FAQ set imported into the guild) runs against `tests.fakediscord.FakeDiscord`,
started by the cog tests' own harness (`tests.cogs.conftest.Harness`).
A round trip is timed with `time.perf_counter` from just before the INTERACTION_CREATE is
dispatched to the moment the fake has received the bot's interaction callback. /faq and
/help alternate, so both see the same conditions; each round trip comes from a different
member, so /faq's per-user cooldown never triggers. The fake's OpenAPI body validation is
off while timing (it is the fake's cost, not the bot's).
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dataset import SERVER_FAQS_PATH, load_questions
from benchmarks.stats import Latency, latency

WARMUP = 10


@dataclass(frozen=True, slots=True)
class E2EResult:
    rounds: int
    faq: Latency
    help: Latency
    ratio_p50: float  # /faq ÷ /help
    ratio_p99: float
    faq_answered: int  # /faq round trips that got an answer embed (the rest got suggestions)
    warnings: tuple[str, ...] = ()


def _questions(count: int) -> list[str]:
    texts = [q.text[:300] for q in load_questions()]
    return [texts[i % len(texts)] for i in range(count)]


async def run_e2e(rounds: int = 300, questions: Sequence[str] | None = None) -> E2EResult:
    import discord

    from bot.exchange import parse_exchange
    from tests.cogs.conftest import Harness
    from tests.fakediscord import FakeDiscord

    asked = list(questions) if questions is not None else _questions(rounds + WARMUP)
    faq_ms: list[float] = []
    help_ms: list[float] = []
    answered = 0
    warnings: list[str] = []
    logging.getLogger("discord").setLevel(logging.WARNING)
    clock = time.perf_counter
    with tempfile.TemporaryDirectory(prefix="concierge-e2e-") as tmp:
        fake = FakeDiscord(validate=False)
        try:
            async with fake:
                harness = Harness(fake, Path(tmp) / "e2e.db")
                users = [int(fake.add_member(harness.guild_id, name=f"fan{i}")["user"]["id"])
                         for i in range(2 * (rounds + WARMUP))]
                bot = await harness.start()
                try:
                    drafts = parse_exchange(SERVER_FAQS_PATH.read_bytes())
                    await bot.answers.import_faqs(harness.guild_id, drafts)
                    for i in range(rounds + WARMUP):
                        start = clock()
                        ix = await fake.send_slash_command(
                            "faq", {"question": asked[i % len(asked)]}, user_id=users[2 * i])
                        body = await fake.wait_for_callback(ix)
                        elapsed_faq = (clock() - start) * 1000.0
                        start = clock()
                        ix = await fake.send_slash_command("help", user_id=users[2 * i + 1])
                        await fake.wait_for_callback(ix)
                        elapsed_help = (clock() - start) * 1000.0
                        if i >= WARMUP:
                            faq_ms.append(elapsed_faq)
                            help_ms.append(elapsed_help)
                            answered += bool((body.get("data") or {}).get("embeds"))
                finally:
                    await harness.stop()
        except AssertionError as error:  # the fake's exit checks (unexpected endpoints)
            if not faq_ms:
                raise
            warnings.append(f"fake Discord: {str(error).splitlines()[0]}")
        except discord.DiscordException as error:
            warnings.append(f"discord.py: {error}")
            if not faq_ms:
                raise
    faq, help_ = latency(faq_ms), latency(help_ms)
    return E2EResult(rounds=len(faq_ms), faq=faq, help=help_, ratio_p50=faq.p50 / help_.p50,
                     ratio_p99=faq.p99 / help_.p99, faq_answered=answered, warnings=tuple(warnings))


def format_e2e(r: E2EResult) -> list[str]:
    lines = [f"End to end through the fake Discord (loopback HTTP + gateway), {r.rounds} round trips each "
             f"(INTERACTION_CREATE sent → interaction callback received), after {WARMUP} warm-up rounds:"]
    for name, lat in (("/faq", r.faq), ("/help", r.help)):
        lines.append(f"  {name:<6} p50 {lat.p50:7.3f} ms  p95 {lat.p95:7.3f} ms  p99 {lat.p99:7.3f} ms  "
                     f"max {lat.max:7.3f} ms")
    lines.append(f"  ratio /faq ÷ /help: p50 {r.ratio_p50:.2f}×, p99 {r.ratio_p99:.2f}×  "
                 f"(/faq answered {r.faq_answered}/{r.rounds}, the rest offered suggestions)")
    lines += [f"  warning: {w}" for w in r.warnings]
    return lines
