"""Sanity checks on a loaded plant, whatever its source.

Loaders check their inputs; this checks their output (finite values, labels in range, a
usable test split) so a bug in any loader or a custom registered source is caught before
training. Missing classes in the test split are only warned about: a plant may genuinely
not have seen every fault.
"""

from __future__ import annotations

import logging

import numpy as np

from .errors import raise_if_problems
from .types import PlantData

logger = logging.getLogger(__name__)


def first_nonfinite_window(x: np.ndarray) -> int | None:
    """Index of the first window of ``x`` (N, ...) holding NaN or Inf, or None."""
    if x.size == 0:
        return None
    bad = np.flatnonzero(~np.isfinite(x.reshape(x.shape[0], -1)).all(axis=1))
    return int(bad[0]) if bad.size else None


def plant_problems(data: PlantData) -> list[str]:
    """Everything wrong with ``data`` that should stop training."""
    out: list[str] = []
    name = f"plant {data.plant_id!r} ({data.source})"
    k = data.num_classes
    for split, ws in (("train", data.train), ("test", data.test)):
        bad = first_nonfinite_window(ws.x)
        if bad is not None:
            out.append(f"{name}: {split} window {bad} contains NaN/Inf (or a value beyond float32 range, "
                       f"|x| > {np.finfo(np.float32).max:.3g}, which becomes Inf): clean or rescale the source data")
        if len(ws):
            out_of_range = np.flatnonzero((ws.y < -1) | (ws.y >= k))
            if out_of_range.size:
                i = int(out_of_range[0])
                out.append(f"{name}: {split} label y[{i}] = {int(ws.y[i])} outside -1..{k - 1}")
    if len(data.test) == 0:
        out.append(f"{name}: test split is empty: provide labelled data for evaluation")
    if len(data.train) == 0:
        out.append(f"{name}: train split is empty: provide training data")
    return out


def warn_missing_classes(data: PlantData) -> list[str]:
    """Log (and return) the classes absent from the test split, or from the labelled train windows."""
    missing_test = [c for c, n in zip(data.class_names, data.test.class_counts(data.num_classes)) if n == 0]
    if missing_test:
        logger.warning("plant %s: classes %s have no test windows; their accuracy cannot be measured here",
                       data.plant_id, missing_test)
    if data.train.num_labelled:
        missing_train = [c for c, n in zip(data.class_names, data.train.class_counts(data.num_classes)) if n == 0]
        if missing_train:
            logger.warning("plant %s: classes %s have no labelled training windows", data.plant_id, missing_train)
    return missing_test


def validate_plant_data(data: PlantData) -> PlantData:
    """Raise DataValidationError for unusable data, warn about missing classes, return ``data``."""
    raise_if_problems(plant_problems(data), f"plant {data.plant_id!r}")
    warn_missing_classes(data)
    return data
