"""Privacy accounting over a whole history of subsampled-Gaussian releases (Opacus math).

A history entry is ``(noise_multiplier σ, sample_rate q, steps)``: ``steps`` compositions of
the Poisson-subsampled Gaussian mechanism. A plain Gaussian release (e.g. noisy feature
statistics) is the entry ``(σ, 1.0, 1)``. ε is always computed from the *whole* history.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

from opacus.accountants import PRVAccountant, RDPAccountant

HistoryEntry = tuple[float, float, int]


def _accountant(name: str):
    if name == "rdp":
        return RDPAccountant()
    if name == "prv":
        return PRVAccountant()
    raise ValueError(f"unknown accountant {name!r}: use 'rdp' or 'prv'")


def epsilon_of(history: Sequence[HistoryEntry], delta: float, accountant: str = "rdp") -> float:
    """ε(δ) after every release in ``history`` (0 for an empty history)."""
    entries = [(float(s), float(q), int(n)) for s, q, n in history if int(n) > 0]
    if not entries:
        return 0.0
    acc = _accountant(accountant)
    acc.history = entries
    return float(acc.get_epsilon(delta=delta))


def default_delta(num_records: int) -> float:
    """δ below 1/n: min(1e-5, 1/(10·n)) for a plant holding n records."""
    return min(1e-5, 1.0 / (10.0 * max(num_records, 1)))


def noise_for_target_epsilon(
    target_epsilon: float,
    delta: float,
    sample_rate: float,
    steps: int,
    prior: Iterable[HistoryEntry] = (),
    accountant: str = "rdp",
    tolerance: float = 1e-3,
) -> float:
    """Smallest σ (to ``tolerance``) such that ε(prior + σ·steps) ≤ target_epsilon.

    Raises ValueError when the prior spend alone already reaches the target.
    """
    prior = list(prior)
    already = epsilon_of(prior, delta, accountant)
    if already >= target_epsilon:
        raise ValueError(
            f"the ledger already spent ε={already:.3f} ≥ target {target_epsilon}: "
            "no amount of noise keeps this run within the target"
        )

    def eps(sigma: float) -> float:
        return epsilon_of(prior + [(sigma, sample_rate, steps)], delta, accountant)

    low, high = 0.05, 1.0
    while eps(high) > target_epsilon:
        low, high = high, high * 2
        if high > 1e4:
            raise ValueError("target ε is unreachable even with σ = 10⁴: raise the target or cut steps")
    while high - low > tolerance * max(1.0, low):
        mid = 0.5 * (low + high)
        if eps(mid) > target_epsilon:
            low = mid
        else:
            high = mid
    return high


def steps_per_epoch(num_records: int, batch_size: int) -> tuple[float, int]:
    """Poisson sampling with expected batch B over n records: q = B/n... as Opacus does it.

    Opacus' DPDataLoader uses q = 1/len(loader) with len(loader) = ceil(n/B) steps per epoch.
    """
    batches = max(1, math.ceil(num_records / batch_size))
    return 1.0 / batches, batches
