"""Latency summaries shared by the speed and end-to-end benchmarks, and the uncertainty of
the quality figures (a rate's interval; two systems compared on the same questions)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Latency:
    n: int
    p50: float
    p95: float
    p99: float
    max: float  # all in ms


def percentile(sorted_ms: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_ms[max(0, math.ceil(p / 100 * len(sorted_ms)) - 1)]


def latency(samples_ms: Sequence[float]) -> Latency:
    s = sorted(samples_ms)
    return Latency(len(s), percentile(s, 50), percentile(s, 95), percentile(s, 99), s[-1])


# --- uncertainty of the quality figures ------------------------------------------------------
Z95 = 1.959964  # the normal quantile for a two-sided 95 % interval


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % by default): unlike the plain
    normal one it stays inside 0-1 and is honest for small n and rates near 0 or 1."""
    if n == 0:
        return (0.0, 1.0)
    rate = successes / n
    centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate_with_interval(successes: int, n: int) -> str:
    """"128/145 = 88.3 % (82.0-92.5 %)": a rate with its 95 % Wilson interval."""
    if n == 0:
        return "0/0"
    low, high = wilson_interval(successes, n)
    return f"{successes}/{n} = {100 * successes / n:.1f} % ({100 * low:.1f}-{100 * high:.1f} %)"


def mcnemar_exact_p(only_first: int, only_second: int) -> float:
    """Two-sided exact McNemar test of two systems on the same questions: the chance of a
    split of the questions only one of them gets right at least this uneven, were each as
    likely as the other to be that one."""
    n = only_first + only_second
    if n == 0:
        return 1.0
    fewer = min(only_first, only_second)
    tail = sum(math.comb(n, k) for k in range(fewer + 1)) / 2**n
    return min(1.0, 2 * tail)
