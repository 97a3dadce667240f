"""The plant's posterior smoothing (``personalisation.posterior_smoothing``, common/posterior_smoothing.py):
λ chosen on its validation windows with the model it kept, stored with that model, and applied to the
held-out split for the report and to new recordings by ``factoryfl predict``."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import torch
from torch import nn

from common.config.schema import RunSpec
from common.posterior_smoothing import choose_smoothing, smooth_log_posteriors
from common.task import task_named
from common.training import predict_logits
from common.transfer.selection import Split

logger = logging.getLogger(__name__)

META_KEY = "posterior_smoothing"
"""Kept model meta: {"weight": λ, "stride": Δ, "length": L, "reason": ..., "validation_accuracy": {...}}."""


def log_posteriors(module: nn.Module, x: np.ndarray) -> np.ndarray:
    """log softmax of ``module``'s outputs on windows ``x`` (N, K)."""
    with torch.no_grad():
        return torch.log_softmax(predict_logits(module.eval(), x), dim=1).numpy()


def train_stride(spec: RunSpec) -> int:
    """Samples between the plant's consecutive training windows (``window.stride``; none: the length)."""
    return int(spec.window.stride or spec.window.length)


def smoothing_meta(plant: Any, spec: RunSpec, module: nn.Module | None, split: Split | None) -> dict[str, Any]:
    """``{META_KEY: ...}`` for the kept model's meta; ``{}`` when the setting is ``none``."""
    if spec.personalisation.posterior_smoothing == "none" or not task_named(spec.task).has_classes:
        return {}
    groups = plant.data.train.groups
    base = {"stride": train_stride(spec), "length": int(spec.window.length)}
    if module is None:
        return {META_KEY: {**base, "weight": 1.0, "reason": "no kept model: no smoothing"}}
    if split is None or not len(split.val):
        return {META_KEY: {**base, "weight": 1.0,
                           "reason": "no labelled validation split to choose λ on: no smoothing"}}
    if groups is None:
        return {META_KEY: {**base, "weight": 1.0, "reason": f"the {plant.data.source} source does not mark which "
                                                            "recording each window comes from: no smoothing"}}
    choice = choose_smoothing(log_posteriors(module, plant.data.train.x[split.val]),
                              plant.targets(spec)[split.val], groups[split.val], base["stride"], base["length"])
    logger.info("plant %s: posterior smoothing λ = %g (%s)", plant.plant_id, choice.weight, choice.reason)
    return {META_KEY: {**base, **choice.as_dict()}}


def kept_weight(meta: dict[str, Any] | None) -> float:
    """λ stored with a kept model (1: none, also for models kept without the setting)."""
    entry = (meta or {}).get(META_KEY)
    if not isinstance(entry, dict):
        return 1.0
    weight = float(entry.get("weight", 1.0))
    if not 0.0 < weight <= 1.0:
        raise ValueError(f"posterior smoothing weight {weight} is outside (0, 1]")
    return weight


def smoothed_metrics(plant: Any, spec: RunSpec, module: nn.Module, weight: float) -> dict[str, float]:
    """``smoothed_accuracy`` of ``module`` on the held-out split at λ = ``weight`` (test windows do not
    overlap: stride = length); ``{}`` without recordings marked or labels."""
    test = plant.data.test
    y = plant.targets(spec, "test")
    if weight >= 1.0 or test.groups is None or not len(y) or not task_named(spec.task).has_classes:
        return {}
    length = int(test.x.shape[2])
    z = smooth_log_posteriors(log_posteriors(module, test.x), weight, length, length, test.groups)
    labelled = y >= 0
    return {"smoothed_accuracy": float(np.mean(z.argmax(axis=1)[labelled] == y[labelled])),
            "posterior_smoothing_weight": float(weight)}
