"""FedAdam (Reddi et al. 2021): server-side Adam on the round's pseudo-gradient."""

from __future__ import annotations

import numpy as np

from common.config.schema import StrategyConfig
from server.aggregation import weighted_mean
from server.strategies.base import Arrays, Updates


class FedAdam:
    """With Δ = mean_k(w_k) − w (example-weighted):

    m ← β1·m + (1−β1)·Δ,  v ← β2·v + (1−β2)·Δ²,  w ← w + η·m / (√v + τ).
    The moments m and v are the strategy's state (saved in every checkpoint).
    """

    name = "fedadam"

    def __init__(self, eta: float, beta_1: float, beta_2: float, tau: float) -> None:
        self.eta, self.beta_1, self.beta_2, self.tau = eta, beta_1, beta_2, tau
        self.m: Arrays = {}
        self.v: Arrays = {}

    @classmethod
    def from_config(cls, cfg: StrategyConfig) -> FedAdam:
        return cls(cfg.server_learning_rate, cfg.beta_1, cfg.beta_2, cfg.tau)

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays:
        mean = weighted_mean(updates)
        out = {}
        for k, w in current.items():
            delta = mean[k].astype(np.float64) - w
            m = self.beta_1 * self.m.get(k, np.zeros_like(delta)) + (1 - self.beta_1) * delta
            v = self.beta_2 * self.v.get(k, np.zeros_like(delta)) + (1 - self.beta_2) * delta**2
            self.m[k], self.v[k] = m, v
            out[k] = (w + self.eta * m / (np.sqrt(v) + self.tau)).astype(np.float32)
        return out

    def state_dict(self) -> dict[str, Arrays]:
        return {"m": dict(self.m), "v": dict(self.v)}

    def load_state_dict(self, state: dict[str, Arrays]) -> None:
        self.m, self.v = dict(state.get("m", {})), dict(state.get("v", {}))
