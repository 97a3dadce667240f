"""The interface of a registered anomaly detector (``common/extensions/detectors.py``).

A detector is a class with

- ``fit(x: np.ndarray) -> Self`` on a plant's normal windows only;
- ``score(x: np.ndarray) -> np.ndarray`` of shape (N,): the health score of each window, higher
  is more anomalous (no threshold: :mod:`common.anomaly.calibration` sets it);
- ``state() -> dict[str, np.ndarray]`` and the classmethod ``from_state(state) -> Self``: all it
  needs to score again, saved in the plant's state directory (never sent).

Its registry entry's ``input`` fact says what ``x`` is: ``"windows"`` (the plant's windows,
shape (N, C, L)), ``"features"`` (the shared extractor's features of them, shape (N, D)) or
``"logits"`` (the shared model's outputs, extractor + reference head, shape (N, K): the evidence
for each of the federation's classes, learnt from the plants that have faults).
"""

from __future__ import annotations

from typing import Protocol, Self

import numpy as np

WINDOWS = "windows"
FEATURES = "features"
LOGITS = "logits"
INPUTS = (WINDOWS, FEATURES, LOGITS)


class Detector(Protocol):
    """What ``plants[].detector`` names: fit on normal windows, score any windows."""

    def fit(self, x: np.ndarray) -> Self: ...

    def score(self, x: np.ndarray) -> np.ndarray: ...

    def state(self) -> dict[str, np.ndarray]: ...

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> Self: ...
