"""FedProx (Li et al. 2020): FedAvg's aggregate, with the proximal term run in every plant."""

from __future__ import annotations

from common.config.schema import StrategyConfig
from server.strategies.fedavg import FedAvg
from server.strategies.proximal import ProximalTerm


class FedProx(ProximalTerm):
    """:class:`ProximalTerm` (μ = ``proximal_mu``) around :class:`FedAvg`."""

    @classmethod
    def from_config(cls, cfg: StrategyConfig) -> FedProx:
        return cls(FedAvg(), cfg.proximal_mu)

    @property
    def name(self) -> str:
        return "fedprox"
