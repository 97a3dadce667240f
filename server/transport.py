"""What the coordinator needs from the network, free of Flower types.

``server/app.py`` implements :class:`Transport` over Flower's Grid; tests may implement it
by calling plants in-process. Replies are keyed by plant id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


@dataclass(frozen=True)
class Reply:
    """A plant's reply: released arrays (shared keys only), declared config and metrics."""

    plant_id: str
    arrays: dict[str, np.ndarray] | None = None
    config: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    array_bytes: int = 0  # bytes of array data the reply carried on the wire (0 when unknown)


class Transport(Protocol):
    def discover(self, expected: int, timeout_s: float, config: dict[str, Any],
                 expected_ids: set[str] | None = None) -> dict[str, Reply]:
        """Say hello to every connected plant; replies (or errors) keyed by plant id.

        With ``expected_ids`` only those plant ids are admitted; a refused node appears as a
        ``refused-node-<id>`` error Reply. Transports may also offer ``rejoin(timeout_s, config,
        retry)`` (plants that connected or restarted since) and ``online_plants()`` (connected now);
        the coordinator uses them when present.
        """

    def send(self, message_type: str, plant_ids: list[str], arrays: dict[str, np.ndarray] | None,
             config: dict[str, Any], timeout_s: float,
             extra_arrays: dict[str, dict[str, np.ndarray]] | None = None) -> dict[str, Reply]:
        """One message to each plant in ``plant_ids``; a missing reply becomes an error Reply.

        ``extra_arrays`` adds further named array records (e.g. aggregated source statistics).
        """
