"""Client-level (plant-level) central DP on the aggregate, for federations with many plants.

The same mechanism as Flower's ``DifferentialPrivacyServerSideFixedClipping``; this module holds
the mechanism and its accounting, and ``server.strategies.plant_dp.PlantLevelDP`` wraps a strategy
with it. Each plant's update Δ_k = w_k − w is clipped to L2 norm S,
the clipped updates are averaged with equal weights, and Gaussian noise N(0, (σ·S/K)²) is added
to the mean (K = plants aggregated). Neighbouring federations differ in one *plant's* whole data.

Accounting (RDP): one Gaussian mechanism per round with noise multiplier σ. Plants are sampled
without replacement in a fixed number, so no amplification by sampling is claimed (q = 1), as
Flower's own accountant requires. The guarantee is only useful when K is large: the noise on the
mean shrinks as 1/K, so with a handful of plants a useful σ drowns the signal.

Resuming: every release is counted on disk (``record_path``) before the noisy aggregate can reach
any plant, so a coordinator that dies mid-round and resumes from its last checkpoint still counts
the release it made after that checkpoint (ε is never under-reported), and the replayed round
draws fresh noise, never the same noise for a second aggregate.

Noise: from the coordinator's secret :class:`~common.privacy.noise.NoiseSource` (a fresh 256-bit
key from the OS for every aggregate), so no plant can regenerate and subtract it; only a
simulation that sets ``reproducible_noise`` keys it from (seed, release count), and is then
not private.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from common.fileio import atomic_write_json
from common.privacy.accounting import epsilon_of
from common.privacy.noise import NoiseSource
from server.strategies.base import Arrays

MECHANISM_KEYS = ("noise_multiplier", "clip_norm", "delta")


def clip_update(update: Arrays, current: Arrays, clip_norm: float) -> Arrays:
    """w + Δ·min(1, S/‖Δ‖₂) over all shared tensors jointly."""
    delta = {k: np.asarray(update[k], np.float64) - current[k] for k in current}
    norm = float(np.sqrt(sum(float(np.sum(d**2)) for d in delta.values())))
    scale = min(1.0, clip_norm / norm) if norm > 0 else 1.0
    return {k: (current[k] + delta[k] * scale).astype(np.float32) for k in current}


@dataclass
class ClientLevelDP:
    """Wraps the mean of clipped updates with Gaussian noise; keeps its own accounting."""

    noise_multiplier: float
    clip_norm: float
    delta: float
    seed: int = 0
    reproducible_noise: bool = False  # research only: noise keyed from (seed, release count), not private
    rounds_released: int = 0
    record_path: Path | None = None  # where every release is counted, durably, before it is used

    def restore(self) -> None:
        """Continue a run: take the release count from ``record_path`` (every aggregate released
        so far, including one made after the last checkpoint). Refuses a record made with another
        mechanism, since its releases would then be accounted with the wrong noise."""
        if self.record_path is None or not self.record_path.exists():
            return
        saved = json.loads(self.record_path.read_text())
        changed = [f"{k} {saved.get(k)!r} -> {getattr(self, k)!r}" for k in MECHANISM_KEYS
                   if saved.get(k) != getattr(self, k)]
        if changed:
            raise ValueError(f"{self.record_path}: this run released aggregates with other plant-level DP settings "
                             f"({', '.join(changed)}): resume with the settings it was started with")
        self.rounds_released = int(saved["rounds_released"])

    def _record(self) -> None:
        if self.record_path is not None:
            atomic_write_json(self.record_path, {"rounds_released": self.rounds_released,
                                                 **{k: getattr(self, k) for k in MECHANISM_KEYS}})

    def aggregate(self, current: Arrays, updates: list[tuple[Arrays, float]]) -> Arrays:
        rng = NoiseSource.for_release(self.reproducible_noise, "client-level-dp", self.seed, self.rounds_released)
        clipped = [clip_update(u, current, self.clip_norm) for u, _ in updates]
        k = len(clipped)
        std = self.noise_multiplier * self.clip_norm / k
        out = {}
        for name in current:
            mean = np.mean([c[name].astype(np.float64) for c in clipped], axis=0)
            out[name] = (mean + rng.normal(0.0, std, mean.shape)).astype(np.float32)
        self.rounds_released += 1
        self._record()  # counted before the caller can send it anywhere
        return out

    def epsilon(self) -> float:
        """ε(δ) over every round released so far (q = 1: no sampling amplification claimed)."""
        return epsilon_of([(self.noise_multiplier, 1.0, self.rounds_released)], self.delta)
