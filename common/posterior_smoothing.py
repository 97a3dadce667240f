"""Posterior smoothing: a classifier's decision for a window of a recording also weighs the windows
before it (a fault, once present, persists; process plants classify streams).

    z₁ = log p₁,   z_i = w log p_i + (1 − w) z_{i−1},   class_i = argmax_k z_{i,k}

p_i: the model's posterior of window i (in time order within one recording; every recording starts
afresh). The weight is given per window length of time, λ, and converted to the windows' stride Δ
(windows of L samples): w = 1 − (1 − λ)^{Δ/L} (:func:`common.anomaly.smoothing.step_weight`), so the
overlapping training windows the plant chooses λ on and the non-overlapping windows of a new
recording are smoothed over the same span of time. λ = 1: none (each window on its own). Averaging
log posteriors is a product of experts over about (2 − λ)/λ window lengths.

``personalisation.posterior_smoothing: auto`` (:func:`choose_smoothing`): the plant picks λ from
:data:`SMOOTHING_GRID` on its own labelled validation windows (the last part of each class's
windows in time, :func:`common.transfer.selection.validation_split`), with the model it kept: the λ
with the highest validation accuracy (ties: the larger λ, less smoothing), kept only when the
windows it decides differently show it better than no smoothing by the sign test the model choice
uses (p ≤ ``EVIDENCE_ALPHA``: windows right only when smoothed vs right only when not). Smoothed
decisions are autocorrelated, so that p is optimistic; the test only keeps noise from choosing.
The price of smoothing is delay: after a change the decision follows within about 1/λ window
lengths, not at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.signal import lfilter

from common.anomaly.smoothing import SMOOTHING_GRID, step_weight
from common.transfer.selection import EVIDENCE_ALPHA, sign_test_p

__all__ = ["SMOOTHING_GRID", "SmoothingChoice", "choose_smoothing", "smooth_log_posteriors"]


def _segments(n: int, groups: np.ndarray | None) -> list[tuple[int, int]]:
    if groups is None:
        return [(0, n)] if n else []
    g = np.asarray(groups).ravel()
    if g.shape[0] != n:
        raise ValueError(f"groups has {g.shape[0]} entries for {n} windows: one recording id per window")
    bounds = [0, *(np.flatnonzero(g[1:] != g[:-1]) + 1).tolist(), n]
    return list(zip(bounds[:-1], bounds[1:]))


def smooth_log_posteriors(log_probs: np.ndarray, weight: float, stride: int, length: int,
                          groups: np.ndarray | None = None) -> np.ndarray:
    """z (N, K) of the module docstring for windows ``stride`` samples apart, restarting at each
    recording of ``groups`` (one id per window, a recording's windows contiguous, in time order)."""
    lp = np.asarray(log_probs, dtype=np.float64)
    if lp.ndim != 2:
        raise ValueError(f"log_probs must have shape (N, K), got {lp.shape}")
    w = step_weight(weight, stride, length)
    out = lp.copy()
    if w >= 1.0:
        return out
    for a, b in _segments(len(lp), groups):
        out[a:b] = lfilter([w], [1.0, -(1.0 - w)], lp[a:b], axis=0, zi=((1.0 - w) * lp[a])[None, :])[0]
    return out


@dataclass(frozen=True)
class SmoothingChoice:
    """The λ kept, the validation accuracy at every λ of the grid, and the evidence in words."""

    weight: float
    accuracy: dict[float, float] = field(default_factory=dict)
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"weight": self.weight, "validation_accuracy": {str(k): v for k, v in self.accuracy.items()},
                "reason": self.reason}


def choose_smoothing(log_probs: np.ndarray, y: np.ndarray, groups: np.ndarray, stride: int, length: int,
                     grid: Sequence[float] = SMOOTHING_GRID, alpha: float = EVIDENCE_ALPHA) -> SmoothingChoice:
    """``auto`` (module docstring) on labelled validation windows: ``log_probs`` (N, K) of the kept
    model, labels ``y`` (N,), recordings ``groups`` (N,), windows ``stride`` samples apart."""
    y = np.asarray(y, dtype=np.int64).ravel()
    if len(y) == 0 or len(y) != len(log_probs):
        raise ValueError(f"choosing the smoothing needs labelled validation windows, got {len(y)} labels for "
                         f"{len(log_probs)} windows")
    right = {lam: smooth_log_posteriors(log_probs, lam, stride, length, groups).argmax(axis=1) == y
             for lam in sorted({1.0, *grid}, reverse=True)}
    accuracy = {lam: float(r.mean()) for lam, r in right.items()}
    best = max(accuracy, key=lambda lam: (accuracy[lam], lam))
    if best == 1.0:
        return SmoothingChoice(1.0, accuracy, f"no λ < 1 beats the windows' own posteriors on {len(y)} "
                                              "validation windows")
    better = int(np.sum(right[best] & ~right[1.0]))
    worse = int(np.sum(~right[best] & right[1.0]))
    p = sign_test_p(better, worse)
    evidence = (f"λ = {best:g}: validation accuracy {accuracy[best]:.3f} vs {accuracy[1.0]:.3f} unsmoothed on "
                f"{len(y)} windows; right only smoothed {better}, only unsmoothed {worse}, sign test p = {p:.3g} "
                f"(α = {alpha:g})")
    if p <= alpha:
        return SmoothingChoice(best, accuracy, evidence)
    return SmoothingChoice(1.0, accuracy, evidence + ": not clearly better, no smoothing")
