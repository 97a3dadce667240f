"""Plant-level DP as a wrapper: the wrapped strategy steps to a noisy mean of clipped updates.

As Flower's ``DifferentialPrivacyServerSideFixedClipping`` wraps a strategy, :class:`PlantLevelDP`
wraps ours: the round's accepted updates become one release of :class:`~server.client_dp.ClientLevelDP`,
w̃ = mean_k clip_S(w_k) + N(0, (σ·S/K)²), which the wrapped strategy receives as its only update
(weight 1). The release is counted on disk before it is returned, and ε is recorded every round.
"""

from __future__ import annotations

from typing import Any

from server.client_dp import ClientLevelDP
from server.strategies.base import Aggregator, Arrays, Strategy, Updates

MEANINGFUL_PLANTS_PER_ROUND = 100
"""Plants per round from which the noise σ·S/K on the mean is small enough to be useful."""


class PlantLevelDP(Strategy):
    """Plant-level DP on the aggregate around ``inner``; ``mechanism`` keeps the accounting."""

    def __init__(self, inner: Aggregator, mechanism: ClientLevelDP) -> None:
        super().__init__(inner)
        self.mechanism = mechanism

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays:
        return super().aggregate(current, [(self.mechanism.aggregate(current, updates), 1.0)])

    def round_facts(self) -> dict[str, Any]:
        return {**super().round_facts(), "client_level_epsilon": self.mechanism.epsilon()}

    def resume(self, completed_rounds: int) -> None:
        """Count every release made so far (ValueError: the record is missing or made otherwise)."""
        super().resume(completed_rounds)
        record = self.mechanism.record_path
        if completed_rounds and record is not None and not record.exists():
            raise ValueError(f"{record} is missing, so the plant-level DP releases this run made cannot be "
                             "counted: start a new run")
        self.mechanism.restore()

    def summary(self, plants_per_round: int) -> dict[str, Any]:
        """The results' ``client_level_dp`` section; K = ``plants_per_round`` (the most in any round)."""
        dp, k = self.mechanism, plants_per_round
        return {
            "enabled": True, "unit": "one plant's entire data set", "noise_multiplier": dp.noise_multiplier,
            "clip_norm": dp.clip_norm, "delta": dp.delta, "epsilon": dp.epsilon(),
            "plants_per_round": k, "noise_std_on_mean": dp.noise_multiplier * dp.clip_norm / max(k, 1),
            "meaningful": k >= MEANINGFUL_PLANTS_PER_ROUND,
            "note": (f"Noise on the mean shrinks as σ·S/K: with K = {k:d} plants per round the guarantee costs "
                     "accuracy unless K is in the hundreds (no sampling amplification is claimed)."),
        }
