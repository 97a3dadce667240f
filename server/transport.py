"""What the coordinator needs from the network, free of Flower types.

``server/app.py`` implements :class:`Transport` over Flower's Grid; tests may implement it
by calling plants in-process. Replies are keyed by plant id.
"""

from __future__ import annotations

import threading
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


class StoredReplies:
    """How many plant replies an in-process host has stored; a transport waits on the count.

    The simulation runner counts every reply Flower's in-memory SuperLink stores, so the
    coordinator pulls once the replies it waits for are in instead of polling on a timer.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0

    def add(self) -> None:
        with self._changed:
            self._count += 1
            self._changed.notify_all()

    @property
    def count(self) -> int:
        with self._changed:
            return self._count

    def wait_for(self, target: int, timeout_s: float) -> bool:
        """Block until ``count >= target`` or ``timeout_s`` passed; True when reached."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count >= target, timeout_s)


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
             extra_arrays: dict[str, dict[str, np.ndarray]] | None = None,
             per_plant: dict[str, dict[str, Any]] | None = None) -> dict[str, Reply]:
        """One message to each plant in ``plant_ids``; a missing reply becomes an error Reply.

        ``extra_arrays`` adds further named array records (e.g. aggregated source statistics);
        ``per_plant`` adds config entries for one plant only (e.g. the secure-aggregation shares
        addressed to it), so no plant receives what is meant for another.
        """
