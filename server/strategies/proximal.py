"""The proximal term as a wrapper: every plant is told μ with its training round."""

from __future__ import annotations

from typing import Any

from common import wire
from server.strategies.base import Aggregator, Strategy


class ProximalTerm(Strategy):
    """Aggregates as the wrapped strategy; each plant minimises F_k(w) + μ/2·‖w − w_t‖²
    (Li et al. 2020), so ``configure_train`` adds μ to the round's training config."""

    def __init__(self, inner: Aggregator, mu: float) -> None:
        super().__init__(inner)
        self.mu = mu

    def configure_train(self, server_round: int) -> dict[str, Any]:
        return {**super().configure_train(server_round), wire.PROXIMAL_MU: self.mu}
