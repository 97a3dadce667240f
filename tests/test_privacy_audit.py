"""The one-run audit's statistics (Steinke, Nasr & Jagielski 2023): p-values and ε lower bounds
against hand-computed values, and the guessing rule. No data, no training."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulations.benchmarks.privacy_audit import audit, epsilon_lower_bound, guesses, p_value_dp_audit


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_p_value_is_the_randomised_response_binomial_tail_without_delta() -> None:
    # one guess, ε = 0: a fair coin is right with probability 1/2
    assert p_value_dp_audit(m=10, r=1, v=1, epsilon=0.0, delta=0.0) == pytest.approx(0.5)
    # two guesses both right under ε = ln 3: q = 3/4, P[Bin(2, 3/4) ≥ 2] = 9/16
    assert p_value_dp_audit(m=10, r=2, v=2, epsilon=math.log(3), delta=0.0) == pytest.approx(9 / 16)
    # at least one of two right under ε = ln 3: 1 − (1/4)² = 15/16
    assert p_value_dp_audit(m=10, r=2, v=1, epsilon=math.log(3), delta=0.0) == pytest.approx(15 / 16)
    # zero correct needed: certain
    assert p_value_dp_audit(m=10, r=5, v=0, epsilon=1.0, delta=0.0) == pytest.approx(1.0)


def test_delta_term_by_hand() -> None:
    # r = v = 2, ε = ln 3 (q = 3/4): P[2 > B ≥ 1] = 2·(3/4)(1/4) = 3/8 (i = 1),
    # P[2 > B ≥ 0] = 3/8 + 1/16 = 7/16 → /2 = 7/32 (i = 2); α = max = 3/8
    m, delta = 10, 1e-3
    expected = 9 / 16 + 2 * m * delta * 3 / 8
    assert p_value_dp_audit(m, 2, 2, math.log(3), delta) == pytest.approx(expected)


def test_all_guesses_right_gives_the_hand_computed_bound() -> None:
    # δ = 0: p-value q^r < 0.05  ⇔  ε > logit(0.05^(1/r))
    for r in (50, 100, 200):
        expected = _logit(0.05 ** (1 / r))
        assert epsilon_lower_bound(m=1000, r=r, v=r, delta=0.0, confidence=0.95) == pytest.approx(expected, abs=1e-6)
    assert epsilon_lower_bound(1000, 100, 100, 0.0) == pytest.approx(3.4930, abs=1e-3)  # by hand
    assert epsilon_lower_bound(1000, 50, 50, 0.0) == pytest.approx(2.7848, abs=1e-3)
    # more right guesses prove more; the δ term only weakens the bound
    assert 0 < epsilon_lower_bound(1000, 200, 200, 1e-5) <= epsilon_lower_bound(1000, 200, 200, 0.0)
    assert epsilon_lower_bound(1000, 200, 200, 1e-5) > epsilon_lower_bound(1000, 100, 100, 1e-5) > 0


def test_coin_flipping_accuracy_proves_nothing() -> None:
    assert epsilon_lower_bound(1000, 100, 50, 1e-5) == 0.0
    assert epsilon_lower_bound(1000, 200, 100, 0.0) == 0.0
    assert epsilon_lower_bound(1000, 100, 55, 1e-5) == 0.0  # within chance at 95 %
    assert epsilon_lower_bound(1000, 1, 1, 0.0) == 0.0       # one right guess is a coin flip
    # slightly better than chance with many guesses: a small positive bound
    small = epsilon_lower_bound(1000, 1000, 600, 0.0)
    assert 0 < small < _logit(0.6)


def test_bound_is_where_the_p_value_crosses_the_level() -> None:
    m, r, v, delta = 1000, 100, 80, 1e-5
    eps = epsilon_lower_bound(m, r, v, delta, confidence=0.95)
    assert 0 < eps < _logit(0.8)
    assert p_value_dp_audit(m, r, v, eps, delta) < 0.05 <= p_value_dp_audit(m, r, v, eps + 1e-6, delta)
    # higher confidence: a smaller bound
    assert epsilon_lower_bound(m, r, v, delta, confidence=0.99) < eps


def test_matches_the_papers_reference_algorithm() -> None:
    """Steinke et al.'s published algorithm, written with scipy's binomial (an Opacus dependency)."""
    stats = pytest.importorskip("scipy.stats")

    def reference(m, r, v, eps, delta):
        q = 1 / (1 + math.exp(-eps))
        beta = stats.binom.sf(v - 1, r, q)
        alpha, total = 0.0, 0.0
        for i in range(1, v + 1):
            total += stats.binom.pmf(v - i, r, q)
            alpha = max(alpha, total / i)
        return min(1.0, beta + alpha * delta * 2 * m)

    for m, r, v, eps, delta in [(1000, 50, 40, 0.5, 1e-5), (1000, 200, 150, 1.2, 1e-5), (100, 20, 20, 2.0, 1e-3),
                                (1000, 100, 60, 0.1, 0.0), (5000, 400, 390, 3.0, 1e-6)]:
        assert p_value_dp_audit(m, r, v, eps, delta) == pytest.approx(reference(m, r, v, eps, delta), rel=1e-9,
                                                                       abs=1e-15)


def test_guesses_and_audit_counts() -> None:
    scores = np.array([0.9, 0.1, 0.5, 0.8, 0.2, 0.4])
    assert guesses(scores, 2, 2).tolist() == [1, -1, 0, 1, -1, 0]
    assert guesses(scores, 1, 0).tolist() == [1, 0, 0, 0, 0, 0]
    with pytest.raises(ValueError):
        guesses(scores, 4, 3)
    included = np.array([True, False, True, True, False, False])
    result = audit(scores, included, 2, 2, delta=0.0)
    assert (result["m"], result["guesses"], result["correct"]) == (6, 4, 4)
    # scores that know membership perfectly, many canaries: a clearly positive bound
    rng = np.random.default_rng(0)
    inc = rng.random(1000) < 0.5
    perfect = audit(inc.astype(float) + 0.01 * rng.random(1000), inc, 50, 50, delta=1e-5)
    assert perfect["correct"] == perfect["guesses"] == 100 and perfect["epsilon_lower_bound"] > 3
    # scores unrelated to membership: (almost always) no bound
    blind = audit(rng.random(1000), inc, 50, 50, delta=1e-5)
    assert blind["epsilon_lower_bound"] < 1.0
    with pytest.raises(ValueError):
        p_value_dp_audit(10, 5, 6, 1.0, 0.0)
