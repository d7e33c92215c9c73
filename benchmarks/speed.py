"""Speed at scale: the engine's AnswerIndex with 10 000 and 100 000 FAQs in one guild, and a
/faq round trip through the fake Discord against /help.

    .venv/bin/python -m benchmarks.speed              # both sizes, then the end-to-end part
    .venv/bin/python -m benchmarks.speed --no-e2e     # only the index
    .venv/bin/python -m benchmarks.speed --e2e        # only the end-to-end part
    .venv/bin/python -m benchmarks.speed --json       # machine-readable

In process, one thread, `time.perf_counter` around every call. Build memory: tracemalloc's
peak during a second, traced build, and the process RSS growth across the first build
(/proc/self/status VmRSS). The entries are generated before either is measured.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial

from benchmarks.dataset import load_questions
from benchmarks.stats import Latency, latency
from benchmarks.synth import MASH_LENGTH, answer_queries, complete_queries, make_set, mash_queries
from bot.engine import AnswerIndex

SIZES = (10_000, 100_000)
# Targets from issue #5 (a benchmark: printed next to the figures, never asserted).
TARGETS = {10_000: {"p50": 1.0, "p99": 5.0}, 100_000: {"p99": 20.0}}
BUILD_TARGET_S = 2.0
MASH_QUERIES = 200  # answers to keyboard mash, timed apart from the targets' mix
MEMORY_TARGET_MB = 300.0


@dataclass(frozen=True, slots=True)
class SizeResult:
    size: int
    build_s: float  # median of the timed builds
    builds_s: tuple[float, ...]
    first_answer_ms: float
    tracemalloc_peak_mb: float
    rss_delta_mb: float
    rss_total_mb: float  # the whole process after the build (interpreter, entries, index)
    answer: Latency
    complete: Latency
    mash: Latency  # answers to keyboard mash: the typo search's worst case, outside the targets


def timed(call: Callable[[str], object], queries: Sequence[str]) -> Latency:
    clock = time.perf_counter
    samples = []
    for query in queries:
        start = clock()
        call(query)
        samples.append((clock() - start) * 1000.0)
    return latency(samples)


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource  # fallback: peak RSS (KB on Linux)

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def measure(size: int, queries: int, real: Sequence[str], builds: int = 3) -> SizeResult:
    synth = make_set(size)
    asked = answer_queries(synth.faqs, queries, real)
    typed = complete_queries(synth.faqs, queries)
    times = []
    gc.collect()
    rss_before = rss_mb()
    index: AnswerIndex | None = None
    for _ in range(max(1, builds)):
        index = None  # the previous build is garbage before the next one is timed
        gc.collect()
        start = time.perf_counter()
        index = AnswerIndex(synth.entries)
        times.append(time.perf_counter() - start)
        if len(times) == 1:
            rss_delta = rss_mb() - rss_before  # the first build only: later ones reuse freed memory
    assert index is not None
    start = time.perf_counter()
    index.answer(asked[0])  # the first question after a build computes the term weights
    first_ms = (time.perf_counter() - start) * 1000.0
    rss_total = rss_mb()
    rng = random.Random(size)
    for query in rng.sample(asked, min(50, len(asked))):  # warm-up, untimed
        index.answer(query)
    gc.collect()
    answer = timed(index.answer, asked)
    complete = timed(partial(index.complete, limit=25), typed)
    mash = timed(index.answer, mash_queries(MASH_QUERIES))
    del index
    gc.collect()
    tracemalloc.start()
    traced = AnswerIndex(synth.entries)
    traced.answer(asked[0])
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    del traced
    return SizeResult(size, statistics.median(times), tuple(round(t, 4) for t in times), first_ms, peak,
                      rss_delta, rss_total, answer, complete, mash)


REFERENCE_RUNS = 7


def reference_ms(reps: int = REFERENCE_RUNS) -> float:
    """A fixed pure-Python workload (string splits, dict and set updates, like an index build
    in small), median of `reps`, in ms. This shared machine's speed drifts by a third or more
    within an hour; timed before and after the index part, it says how fast the machine was
    while the figures were taken, so runs on different days can be compared."""
    words = [f"word{i % 997}" for i in range(4000)]
    text = " ".join(words)
    took = []
    for _ in range(max(1, reps)):
        start = time.perf_counter()
        seen: set[str] = set()
        counts: dict[str, int] = {}
        for _ in range(25):
            for word in text.split():
                counts[word] = counts.get(word, 0) + 1
                seen.add(word)
        took.append(time.perf_counter() - start)
    return statistics.median(took) * 1000.0


def format_reference(before_ms: float, after_ms: float) -> str:
    return (f"Machine speed check (a fixed pure-Python workload, median of {REFERENCE_RUNS}; "
            f"lower is faster): "
            f"{before_ms:.1f} ms before the index figures, {after_ms:.1f} ms after")


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def format_size(r: SizeResult) -> list[str]:
    target = TARGETS.get(r.size, {})
    lines = [f"{r.size:,} FAQs in one guild (derived answers + 80 shipped + synthetic)",
             f"  build {r.build_s:.3f} s (median of {len(r.builds_s)}: "
             f"{', '.join(f'{t:.3f}' for t in r.builds_s)}), first answer after build "
             f"{r.first_answer_ms:.1f} ms",
             f"  memory: tracemalloc peak {r.tracemalloc_peak_mb:.1f} MB during build, "
             f"RSS +{r.rss_delta_mb:.1f} MB across the first build, process RSS {r.rss_total_mb:.0f} MB"]
    if r.size >= 100_000:
        lines[-1] += (f"   [targets: build ≤ {BUILD_TARGET_S:g} s {_mark(r.build_s <= BUILD_TARGET_S)}, "
                      f"≤ {MEMORY_TARGET_MB:g} MB "
                      f"{_mark(max(r.tracemalloc_peak_mb, r.rss_delta_mb) <= MEMORY_TARGET_MB)}]")
    for name, lat in (("answer", r.answer), ("complete", r.complete)):
        line = (f"  {name:<8} n={lat.n:<5} p50 {lat.p50:7.3f} ms  p95 {lat.p95:7.3f} ms  "
                f"p99 {lat.p99:7.3f} ms  max {lat.max:7.3f} ms")
        checks = [f"{k} ≤ {v:g} ms {_mark(getattr(lat, k) <= v)}" for k, v in target.items()]
        lines.append(line + (f"   [targets: {', '.join(checks)}]" if checks else ""))
    m = r.mash
    lines.append(f"  answer to {MASH_LENGTH}-character keyboard mash, n={m.n}: p50 {m.p50:.3f} ms  "
                 f"p99 {m.p99:.3f} ms  max {m.max:.3f} ms   [every word unknown: the typo "
                 f"search's worst case; not in the targets' mix]")
    return lines


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"CPU cores: {os.cpu_count()} (os.cpu_count()); Python {platform.python_version()}; "
            f"{platform.system()} {platform.machine()}; load average at start {load}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--queries", type=int, default=2000, help="timed answer and complete calls per size")
    parser.add_argument("--rounds", type=int, default=300, help="end-to-end round trips per command")
    parser.add_argument("--builds", type=int, default=3, help="timed index builds per size (median shown)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--e2e", action="store_true", help="only the end-to-end part")
    group.add_argument("--no-e2e", action="store_true", help="skip the end-to-end part")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    out: dict[str, object] = {"cpu_count": os.cpu_count(), "python": platform.python_version()}
    text = [f"Speed benchmark. {machine()}",
            "In process, one thread, time.perf_counter around each call; latencies in ms."]
    if not args.e2e:
        real = [q.text for q in load_questions()]
        before = reference_ms()
        results = [measure(size, args.queries, real, args.builds) for size in args.sizes]
        after = reference_ms()
        out["index"] = [asdict(r) for r in results]
        out["reference_ms"] = {"before": round(before, 2), "after": round(after, 2)}
        text.append(format_reference(before, after))
        for r in results:
            text += ["", *format_size(r)]
    if not args.no_e2e:
        from benchmarks.e2e import format_e2e, run_e2e

        e2e = asyncio.run(run_e2e(args.rounds))
        out["e2e"] = asdict(e2e)
        text += ["", *format_e2e(e2e)]
    print(json.dumps(out, indent=2) if args.json else "\n".join(text))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
