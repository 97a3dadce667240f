"""What a strategy is: the aggregator a scenario names, and the wrapper the round loop calls.

An :class:`Aggregator` maps the global parameters w and the round's accepted updates
[(w_k, n_k)] to the next global parameters, and keeps whatever state it needs across rounds
(``state_dict``/``load_state_dict``, saved in every checkpoint). A :class:`Strategy` wraps an
aggregator and adds the round loop's hooks (what to send the plants, what to record, how to
resume); by itself it changes nothing, and a subclass overrides the one step it changes.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

Arrays = dict[str, np.ndarray]
Updates = list[tuple[Arrays, float]]


class Aggregator(Protocol):
    """A registered strategy: ``aggregate(w, [(w_k, n_k)]) -> w'``, with its state in checkpoints.

    The registry's target is a class with ``from_config(cfg: StrategyConfig)``.
    """

    @property
    def name(self) -> str: ...

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays: ...

    def state_dict(self) -> dict[str, Arrays]: ...

    def load_state_dict(self, state: dict[str, Arrays]) -> None: ...


class Stateless:
    """Base of an aggregator that keeps no state across rounds (its checkpoint state is empty)."""

    def state_dict(self) -> dict[str, Arrays]:
        return {}

    def load_state_dict(self, state: dict[str, Arrays]) -> None:
        return None


class Strategy:
    """An aggregator with the round loop's hooks; wrappers subclass it and override one step.

    Hooks, each delegated to the wrapped strategy unless overridden:
    ``configure_train(round)`` → extra config sent with the round's training message;
    ``aggregate`` → the next global parameters; ``round_facts()`` → extra fields of the round's
    record; ``resume(completed_rounds)`` → continue a run from its checkpoint (ValueError: it cannot).
    """

    def __init__(self, inner: Aggregator) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    def configure_train(self, server_round: int) -> dict[str, Any]:
        return self.inner.configure_train(server_round) if isinstance(self.inner, Strategy) else {}

    def aggregate(self, current: Arrays, updates: Updates) -> Arrays:
        return self.inner.aggregate(current, updates)

    def round_facts(self) -> dict[str, Any]:
        return self.inner.round_facts() if isinstance(self.inner, Strategy) else {}

    def resume(self, completed_rounds: int) -> None:
        if isinstance(self.inner, Strategy):
            self.inner.resume(completed_rounds)

    def state_dict(self) -> dict[str, Arrays]:
        return self.inner.state_dict()

    def load_state_dict(self, state: dict[str, Arrays]) -> None:
        self.inner.load_state_dict(state)


def as_strategy(aggregator: Aggregator) -> Strategy:
    """``aggregator`` with the round hooks (itself when it already is a :class:`Strategy`)."""
    return aggregator if isinstance(aggregator, Strategy) else Strategy(aggregator)
