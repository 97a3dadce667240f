"""Privacy accounting over a whole history of subsampled-Gaussian releases (Opacus math).

A history entry is ``(noise_multiplier σ, sample_rate q, steps)``: ``steps`` compositions of
the Poisson-subsampled Gaussian mechanism. A plain Gaussian release (e.g. noisy feature
statistics) is the entry ``(σ, 1.0, 1)``. ε is always computed from the *whole* history.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

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
    release_floor: float = 0.0,
) -> float:
    """Smallest σ (to ``tolerance``) such that the whole run fits the target:

        ε(prior + DP-SGD(σ, q, steps) + Σ_g Gaussian(max(σ_g, σ_R))×n_g) ≤ target_epsilon

    ``gaussians`` are the run's other planned releases (feature statistics, DP evaluation) as
    (configured σ_g, count), each drawn at σ = max(σ_g, ``release_floor``) (``planned_gaussian_sigma``;
    the floor σ_R from :func:`release_noise_floor`). Raises ValueError when the prior spend alone, or
    with the other releases, already reaches the target.
    """
    prior = list(prior)
    already = epsilon_of(prior, delta, accountant)
    if already >= target_epsilon:
        raise ValueError(
            f"the ledger already spent ε={already:.3f} ≥ target {target_epsilon}: "
            "no amount of noise keeps this run within the target"
        )
    extra = [(planned_gaussian_sigma(s, release_floor), 1.0, n) for s, n in gaussians]

    def eps(sigma: float) -> float:
        return epsilon_of(prior + [(sigma, sample_rate, steps)] + extra, delta, accountant)

    return _smallest_sigma(eps, target_epsilon, tolerance, 1e4, "target ε is unreachable even with σ = 10⁴: raise "
                           "the target, cut steps or lower privacy.release_share")


def _smallest_sigma(eps: Callable[[float], float], target: float, tolerance: float, limit: float,
                    unreachable: str) -> float:
    """Smallest σ (to ``tolerance``, relative above 1) with eps(σ) ≤ target, for eps decreasing in σ:
    doubling from 1 until it fits, then bisection. ValueError(``unreachable``) past ``limit``."""
    low, high = 0.05, 1.0
    while eps(high) > target:
        low, high = high, high * 2
        if high > limit:
            raise ValueError(unreachable)
    while high - low > tolerance * max(1.0, low):
        mid = 0.5 * (low + high)
        if eps(mid) > target:
            low = mid
        else:
            high = mid
    return high


def release_noise_floor(gaussians: Sequence[tuple[float, int]], epsilon_share: float, delta: float,
                        accountant: str = "rdp", tolerance: float = 1e-3) -> float:
    """Smallest σ_R (to ``tolerance``) such that the plain Gaussian releases alone, each at
    max(σ_g, σ_R), cost at most ``epsilon_share``:

        ε(Σ_g Gaussian(max(σ_g, σ_R))×n_g) ≤ epsilon_share

    0 when they fit at their configured σ. A query released once (sample rate 1) costs far more ε than
    a subsampled DP-SGD step at the same σ, so a run calibrated to one target gives them a share of it
    and calibrates DP-SGD for the rest, instead of one σ for both (where the releases could take
    almost the whole target). ValueError when ``epsilon_share`` is not positive."""
    if not epsilon_share > 0:
        raise ValueError(f"the releases' share of ε must be > 0, got {epsilon_share}")

    def eps(floor: float) -> float:
        return epsilon_of([(planned_gaussian_sigma(s, floor), 1.0, n) for s, n in gaussians], delta, accountant)

    if not gaussians or eps(0.0) <= epsilon_share:
        return 0.0
    return _smallest_sigma(eps, epsilon_share, tolerance, 1e6,
                           f"the other releases cannot fit ε = {epsilon_share:.3g} even at σ = 10⁶")


def planned_gaussian_sigma(configured: float, floor: float) -> float:
    """σ of a plain Gaussian release in a calibrated run: its own, raised to the run's release floor."""
    return max(float(configured), float(floor))


def steps_per_epoch(num_records: int, batch_size: int) -> tuple[float, int]:
    """Poisson sampling with expected batch B over n records: (q, steps per epoch) as Opacus does it.

    Opacus' DPDataLoader uses q = 1/len(loader) with len(loader) = ceil(n/B), and its sampler runs
    ``int(1/q)`` steps per epoch — which is ceil(n/B) - 1 for some sizes (1/(1/93) < 93 in floating
    point). Mirror that exactly so planned steps (budget check, σ calibration) equal recorded ones.
    """
    batches = max(1, math.ceil(num_records / batch_size))
    sample_rate = 1.0 / batches
    return sample_rate, int(1 / sample_rate)
