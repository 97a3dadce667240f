"""FedTrimmedAvg (Yin et al. 2018): the coordinate-wise mean after trimming both tails."""

from __future__ import annotations

from common.config.schema import StrategyConfig
from server.aggregation import trimmed_mean
from server.strategies.base import Arrays, Stateless, Updates


class FedTrimmedAvg(Stateless):
    """Per coordinate, drop the ⌊β·K⌋ smallest and largest of K values and average the rest (unweighted)."""

    name = "fedtrimmedavg"

    def __init__(self, trim_fraction: float) -> None:
        self.trim_fraction = trim_fraction

    @classmethod
    def from_config(cls, cfg: StrategyConfig) -> FedTrimmedAvg:
        return cls(cfg.trim_fraction)

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays:
        return trimmed_mean(updates, self.trim_fraction)
