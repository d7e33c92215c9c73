"""The quality report's statistics, against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from benchmarks.stats import Z95, mcnemar_exact_p, wilson_interval


def test_wilson_interval_of_none_right_reaches_z2_over_n_plus_z2() -> None:
    low, high = wilson_interval(0, 42)
    assert low == 0.0
    assert high == pytest.approx(Z95**2 / (42 + Z95**2))


def test_wilson_interval_is_mirrored_and_holds_the_rate() -> None:
    low, high = wilson_interval(128, 145)
    mirrored_low, mirrored_high = wilson_interval(17, 145)
    assert (low, high) == pytest.approx((1 - mirrored_high, 1 - mirrored_low))
    assert low < 128 / 145 < high
    # the held-out figure: 0.90 lies inside its interval, which a point estimate hides
    assert (round(low, 3), round(high, 3)) == (0.820, 0.925)


def test_wilson_interval_narrows_with_more_questions() -> None:
    few, many = wilson_interval(9, 10), wilson_interval(900, 1000)
    assert many[1] - many[0] < few[1] - few[0]
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_mcnemar_exact_p() -> None:
    # 16 questions only the engine gets right against 5: 2 * P(X <= 5), X ~ Bin(21, 1/2)
    assert mcnemar_exact_p(16, 5) == pytest.approx(2 * 27_896 / 2**21)
    assert mcnemar_exact_p(5, 16) == mcnemar_exact_p(16, 5)
    assert mcnemar_exact_p(3, 0) == pytest.approx(2 / 8)
    assert mcnemar_exact_p(4, 4) == 1.0 and mcnemar_exact_p(0, 0) == 1.0
    assert math.isclose(mcnemar_exact_p(30, 0), 2 / 2**30)
