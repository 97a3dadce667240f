"""FedMedian (Yin et al. 2018): the coordinate-wise median of the plants' parameters."""

from __future__ import annotations

from common.config.schema import StrategyConfig
from server.aggregation import coordinate_median
from server.strategies.base import Arrays, Stateless, Updates


class FedMedian(Stateless):
    """w'_i = median_k w_{k,i} per coordinate i, unweighted: one outlying plant cannot move it far."""

    name = "fedmedian"

    @classmethod
    def from_config(cls, cfg: StrategyConfig) -> FedMedian:
        return cls()

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays:
        return coordinate_median(updates)
