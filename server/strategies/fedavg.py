"""FedAvg (McMahan et al. 2017): the example-weighted mean of the plants' parameters."""

from __future__ import annotations

from common.config.schema import StrategyConfig
from server.aggregation import weighted_mean
from server.strategies.base import Arrays, Stateless, Updates


class FedAvg(Stateless):
    """w' = Σ_k n_k·w_k / Σ_k n_k."""

    name = "fedavg"

    @classmethod
    def from_config(cls, cfg: StrategyConfig) -> FedAvg:
        return cls()

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays:
        return weighted_mean(updates)
