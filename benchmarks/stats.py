"""Latency summaries shared by the speed and end-to-end benchmarks."""

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
