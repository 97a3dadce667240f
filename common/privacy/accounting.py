"""Privacy accounting over a whole history of subsampled-Gaussian releases (Opacus math).

A history entry is ``(noise_multiplier σ, sample_rate q, steps)``: ``steps`` compositions of
the Poisson-subsampled Gaussian mechanism. A plain Gaussian release (e.g. noisy feature
statistics) is the entry ``(σ, 1.0, 1)``. ε is always computed from the *whole* history.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

HistoryEntry = tuple[float, float, int]


def _accountant(name: str):
    # Imported here, not at module level: a ClientApp process starts for every message in
    # deployment, and opacus costs ~1 s of import that a non-private message never needs.
    from opacus.accountants import PRVAccountant, RDPAccountant

    if name == "rdp":
        return RDPAccountant()
    if name == "prv":
        return PRVAccountant()
    raise ValueError(f"unknown accountant {name!r}: use 'rdp' or 'prv'")


def epsilon_of(history: Sequence[HistoryEntry], delta: float, accountant: str = "rdp") -> float:
    """ε(δ) after every release in ``history`` (0 for an empty history)."""
    # Releases with the same (σ, q) compose by adding their steps (RDP is linear in steps, PRV
    # composes self-compositions by count), exactly as Opacus' own accountants merge repeated
    # steps. Merging keeps the cost per distinct (σ, q) instead of per ledger entry: a lifetime
    # ledger grows by one entry a round and the RDP of each entry costs ~0.1 s to compute.
    merged: dict[tuple[float, float], int] = {}
    for s, q, n in history:
        if int(n) > 0:
            key = (float(s), float(q))
            merged[key] = merged.get(key, 0) + int(n)
    if not merged:
        return 0.0
    acc = _accountant(accountant)
    acc.history = [(s, q, n) for (s, q), n in merged.items()]
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
    gaussians: Sequence[tuple[float, int]] = (),
) -> float:
    """Smallest σ (to ``tolerance``) such that the whole run fits the target:

        ε(prior + DP-SGD(σ, q, steps) + Σ_g Gaussian(max(σ_g, σ))×n_g) ≤ target_epsilon

    ``gaussians`` are the run's other planned releases (feature statistics, DP evaluation) as
    (configured σ_g, count): each is drawn at no less noise than DP-SGD, so one calibration
    covers every release of the run (``planned_gaussian_sigma``). Raises ValueError when the
    prior spend alone already reaches the target.
    """
    prior = list(prior)
    already = epsilon_of(prior, delta, accountant)
    if already >= target_epsilon:
        raise ValueError(
            f"the ledger already spent ε={already:.3f} ≥ target {target_epsilon}: "
            "no amount of noise keeps this run within the target"
        )

    def eps(sigma: float) -> float:
        extra = [(planned_gaussian_sigma(s, sigma), 1.0, n) for s, n in gaussians]
        return epsilon_of(prior + [(sigma, sample_rate, steps)] + extra, delta, accountant)

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


def planned_gaussian_sigma(configured: float, dp_sgd_sigma: float) -> float:
    """σ of a plain Gaussian release in a calibrated run: its own, raised to DP-SGD's if lower."""
    return max(float(configured), float(dp_sgd_sigma))


def steps_per_epoch(num_records: int, batch_size: int) -> tuple[float, int]:
    """Poisson sampling with expected batch B over n records: (q, steps per epoch) as Opacus does it.

    Opacus' DPDataLoader uses q = 1/len(loader) with len(loader) = ceil(n/B), and its sampler runs
    ``int(1/q)`` steps per epoch — which is ceil(n/B) - 1 for some sizes (1/(1/93) < 93 in floating
    point). Mirror that exactly so planned steps (budget check, σ calibration) equal recorded ones.
    """
    batches = max(1, math.ceil(num_records / batch_size))
    sample_rate = 1.0 / batches
    return sample_rate, int(1 / sample_rate)
