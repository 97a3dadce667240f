"""Alarm threshold for a target false-alarm rate, calibrated on held-out normal windows, and
persistence (an alarm needs k exceedances among the last n windows).

Threshold (split-conformal quantile, Vovk et al. 2005): with the scores s_(1) ≤ … ≤ s_(m) of m
held-out normal windows and the target rate α, τ = s_(k), k = ⌈(m + 1)(1 − α)⌉. For a new normal
window exchangeable with them, P(s > τ) ≤ α (and ≥ α − 1/(m + 1) without ties). When k > m (fewer
than 1/α − 1 calibration windows) no order statistic certifies α: τ = s_(m) and the certified
rate is 1/(m + 1), which :func:`calibrate` reports as ``achieved_rate_bound``.

Cross-fitting (:func:`cross_fitted_scores`): instead of holding out the latest windows, every
normal window is scored by a detector fitted on the other blocks of a k-fold split in time; the
calibration then spans the whole normal record (its slow variations included) and the kept
detector is fitted on all of it.

Persistence: a window raises the alarm when at least k of the last n windows of the same recording
(itself included) exceed τ; with k = n = 1 it is the single-window rule. Persistence only removes
alarms, so a persistent alarm on normal windows is no more frequent than a single-window one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Threshold:
    """τ, the target α, and what it was calibrated on."""

    value: float
    target_rate: float
    n_calibration: int
    rank: int                    # k of s_(k)
    achieved_rate_bound: float   # α when k ≤ m, else 1/(m+1)

    def to_dict(self) -> dict[str, float | int]:
        return {"value": self.value, "target_rate": self.target_rate, "n_calibration": self.n_calibration,
                "rank": self.rank, "achieved_rate_bound": self.achieved_rate_bound}

    @classmethod
    def from_dict(cls, raw: dict) -> Threshold:
        return cls(float(raw["value"]), float(raw["target_rate"]), int(raw["n_calibration"]), int(raw["rank"]),
                   float(raw["achieved_rate_bound"]))


def calibrate(normal_scores: np.ndarray, false_alarm_rate: float) -> Threshold:
    """τ = s_(⌈(m+1)(1−α)⌉) of the held-out normal scores (capped at s_(m))."""
    s = np.sort(np.asarray(normal_scores, dtype=np.float64).ravel())
    m = len(s)
    if m == 0:
        raise ValueError("threshold calibration needs held-out normal windows, got none")
    if not 0.0 < false_alarm_rate < 1.0:
        raise ValueError(f"false_alarm_rate must be in (0, 1), got {false_alarm_rate}")
    if not np.isfinite(s).all():
        raise ValueError("threshold calibration: the held-out normal scores contain NaN or Inf")
    k = math.ceil((m + 1) * (1.0 - false_alarm_rate) - 1e-9)
    if k <= m:
        return Threshold(float(s[k - 1]), false_alarm_rate, m, k, false_alarm_rate)
    return Threshold(float(s[-1]), false_alarm_rate, m, m, 1.0 / (m + 1))


def persistent_alarms(exceed: np.ndarray, k: int, n: int) -> np.ndarray:
    """Alarm at window i when ≥ k of exceed[max(0, i−n+1) … i] are true (one recording, in time order)."""
    if not 1 <= k <= n:
        raise ValueError(f"persistence needs 1 <= k <= n, got k={k}, n={n}")
    e = np.asarray(exceed, dtype=np.int64).ravel()
    counts = np.cumsum(e)
    shifted = np.concatenate([np.zeros(n, dtype=np.int64), counts])[: len(e)]
    return (counts - shifted) >= k


def alarms(scores: np.ndarray, threshold: float, k: int = 1, n: int = 1,
           groups: np.ndarray | None = None) -> np.ndarray:
    """Persistent alarms of windows in time order; ``groups`` (one id per window) separates
    recordings, so the window count restarts at each one (windows of a group must be contiguous)."""
    exceed = np.asarray(scores, dtype=np.float64).ravel() > threshold
    if groups is None:
        return persistent_alarms(exceed, k, n)
    groups = np.asarray(groups).ravel()
    out = np.zeros(len(exceed), dtype=bool)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ends = np.r_[starts[1:], len(groups)]
    for a, b in zip(starts, ends):
        out[a:b] = persistent_alarms(exceed[a:b], k, n)
    return out


def split_fit_calibration(normal: np.ndarray, calibration_fraction: float, window_length: int,
                          stride: int) -> tuple[np.ndarray, np.ndarray]:
    """(fit, calibration) of normal window indices in time order: the last ``calibration_fraction``
    calibrate; the ``⌈L/stride⌉ − 1`` windows before them, which share rows with the first
    calibration window, belong to neither."""
    normal = np.asarray(normal)
    n_cal = max(1, int(round(len(normal) * calibration_fraction)))
    gap = max(0, math.ceil(window_length / max(stride, 1)) - 1)
    return normal[: max(0, len(normal) - n_cal - gap)], normal[len(normal) - n_cal:]


def time_folds(n: int, k: int, gap: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(fit, held-out) positions of ``n`` windows in time order, cut into ``k`` contiguous blocks:
    each block is held out once; the ``gap`` windows on either side of it, which share rows with
    it, are in neither."""
    if not 2 <= k <= n:
        raise ValueError(f"cross-fitting needs 2 <= folds <= windows, got {k} folds of {n} windows")
    bounds = np.linspace(0, n, k + 1).round().astype(int)
    positions = np.arange(n)
    out = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        fit = positions[(positions < a - gap) | (positions >= b + gap)]
        out.append((fit, positions[a:b]))
    return out


def cross_fitted_scores(make: Callable[[], Any], inputs: np.ndarray, k: int, gap: int) -> np.ndarray:
    """Out-of-fold scores of windows in time order: each of :func:`time_folds`' blocks scored by a
    detector (``make()``) fitted on the other blocks (cross-conformal calibration, Vovk 2015)."""
    scores = np.empty(len(inputs), dtype=np.float64)
    for fit, held in time_folds(len(inputs), k, gap):
        scores[held] = np.asarray(make().fit(inputs[fit]).score(inputs[held]), dtype=np.float64)
    return scores
