"""Evidence over time: an EWMA of the window scores of one recording (Roberts 1959), and its
threshold calibrated on the smoothed scores of held-out normal windows.

    z₀ = μ₀,   z_i = w s_i + (1 − w) z_{i−1}

s_i: the detector's score of window i (in time order), μ₀: the mean score of the plant's held-out
normal windows (the in-control level; a recording starts there). The weight is given per window
length of time, λ, and converted to the windows' stride Δ (windows of L rows):
w = 1 − (1 − λ)^{Δ/L}, so the plant's overlapping training windows and the non-overlapping windows
of a new recording are smoothed over the same span of time. λ = 1 is no smoothing; λ = 0.2 is the
usual EWMA control-chart weight (Lucas & Saccucci 1990; Montgomery, *Introduction to Statistical
Quality Control*): the smoothed score averages about (2 − λ)/λ = 9 window lengths.

The alarm threshold is the conformal rank of the **smoothed** held-out normal scores
(:func:`common.anomaly.calibration.calibrate`), so the alarm rate on normal windows is calibrated
for the statistic that raises it. Smoothed scores are autocorrelated: :func:`effective_count`
estimates how many independent windows the calibration had, m (1 − ρ)/(1 + ρ) with ρ the lag-one
autocorrelation, and the smallest false-alarm rate they can support is 1/(m_eff + 1).

``smoothing: auto`` (:func:`choose_weight`): the plant picks λ from the fixed grid
:data:`SMOOTHING_GRID` on its own normal calibration scores only: going from 1 (none) down the grid,
the smallest λ before the first whose smoothed calibration scores hold fewer than 1/α − 1
independent windows (the count a conformal rank at rate α needs); λ = 1 when even the window
scores hold fewer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.signal import lfilter

from .calibration import Threshold, calibrate


def step_weight(weight: float, stride: int, length: int) -> float:
    """w for windows ``stride`` rows apart, from λ = ``weight`` per window length ``length``."""
    if not 0.0 < weight <= 1.0:
        raise ValueError(f"the smoothing weight must be in (0, 1], got {weight}")
    if stride <= 0 or length <= 0:
        raise ValueError(f"stride and window length must be positive, got stride={stride}, length={length}")
    return 1.0 - (1.0 - weight) ** (stride / length)


def ewma(scores: np.ndarray, w: float, start: float, groups: np.ndarray | None = None) -> np.ndarray:
    """z_i = w s_i + (1 − w) z_{i−1}, z₀ = ``start``, restarting at each recording of ``groups``
    (one id per window; a recording's windows contiguous and in time order)."""
    s = np.asarray(scores, dtype=np.float64).ravel()
    if w >= 1.0 or not len(s):
        return s.copy()
    bounds = [0, len(s)]
    if groups is not None:
        g = np.asarray(groups).ravel()
        bounds = [0, *np.flatnonzero(g[1:] != g[:-1]) + 1, len(s)]
    out = np.empty_like(s)
    for a, b in zip(bounds[:-1], bounds[1:]):
        out[a:b] = lfilter([w], [1.0, -(1.0 - w)], s[a:b], zi=[(1.0 - w) * start])[0]
    return out


def effective_count(values: np.ndarray) -> float:
    """m (1 − ρ)/(1 + ρ), ρ = the lag-one autocorrelation of ``values`` (clipped to [0, 1))."""
    v = np.asarray(values, dtype=np.float64).ravel()
    if len(v) < 3 or float(v.std()) == 0.0:
        return float(len(v))
    rho = float(np.clip(np.corrcoef(v[:-1], v[1:])[0, 1], 0.0, 0.999999))
    return len(v) * (1.0 - rho) / (1.0 + rho)


@dataclass(frozen=True)
class Smoothing:
    """λ per window length and the start level μ₀ of every recording (λ = 1: none)."""

    weight: float = 1.0
    start: float = 0.0

    def apply(self, scores: np.ndarray, stride: int, length: int, groups: np.ndarray | None = None) -> np.ndarray:
        """The smoothed scores of windows ``stride`` rows apart (per recording of ``groups``)."""
        return ewma(scores, step_weight(self.weight, stride, length), self.start, groups)

    def to_dict(self) -> dict[str, float]:
        return {"weight": self.weight, "start": self.start}

    @classmethod
    def from_dict(cls, raw: dict | None) -> Smoothing:
        """From :meth:`to_dict`; None (a detector kept before smoothing existed): no smoothing."""
        return cls() if raw is None else cls(float(raw["weight"]), float(raw["start"]))


def calibrate_smoothed(calibration_scores: np.ndarray, false_alarm_rate: float, weight: float, stride: int,
                       length: int) -> tuple[Smoothing, Threshold, float]:
    """(smoothing with μ₀ = the mean held-out normal score, threshold on the smoothed held-out scores,
    their effective count) for held-out normal windows in time order, ``stride`` rows apart."""
    raw = np.asarray(calibration_scores, dtype=np.float64).ravel()
    if not len(raw) or not np.isfinite(raw).all():
        raise ValueError("threshold calibration needs finite scores of held-out normal windows")
    smoothing = Smoothing(weight, float(raw.mean()))
    smoothed = smoothing.apply(raw, stride, length)
    return smoothing, calibrate(smoothed, false_alarm_rate), effective_count(smoothed)


SMOOTHING_GRID: tuple[float, ...] = (1.0, 0.7, 0.5, 0.35, 0.2)   # λ a plant chooses from (smoothing: auto)
AUTO = "auto"


@dataclass(frozen=True)
class WeightChoice:
    """λ chosen by :func:`choose_weight`, the effective calibration count at every λ tried, and why."""

    weight: float
    counts: dict[float, float]
    needed: float

    def reason(self) -> str:
        tried = ", ".join(f"λ={w:g}: {n:.0f}" for w, n in self.counts.items())
        if self.weight >= 1.0 and self.counts.get(1.0, 0.0) < self.needed:
            head = "no smoothing: even the window scores hold fewer independent windows than needed"
        elif self.weight >= 1.0:
            head = "no smoothing: every smoothed calibration holds too few independent windows"
        else:
            head = f"λ={self.weight:g}, the smallest on the grid whose smoothed calibration still holds enough"
        return (f"{head} (about {self.needed:.0f} needed for the false-alarm rate; independent calibration "
                f"windows {tried})")

    def to_dict(self) -> dict[str, object]:
        return {"weight": self.weight, "needed": self.needed,
                "counts": {f"{w:g}": n for w, n in self.counts.items()}, "reason": self.reason()}


def choose_weight(calibration_scores: np.ndarray, false_alarm_rate: float, stride: int, length: int,
                  grid: Sequence[float] = SMOOTHING_GRID) -> WeightChoice:
    """λ for ``smoothing: auto``: down ``grid`` from the largest, the last λ whose smoothed normal
    calibration scores (in time order, ``stride`` rows apart) hold ≥ 1/α − 1 independent windows
    (:func:`effective_count`); 1 (none) when the largest already holds fewer. Uses only the plant's
    normal calibration scores."""
    raw = np.asarray(calibration_scores, dtype=np.float64).ravel()
    if not len(raw) or not np.isfinite(raw).all():
        raise ValueError("choosing the smoothing needs finite scores of normal calibration windows")
    if not 0.0 < false_alarm_rate < 1.0:
        raise ValueError(f"false_alarm_rate must be in (0, 1), got {false_alarm_rate}")
    needed = 1.0 / false_alarm_rate - 1.0
    chosen, counts = 1.0, {}
    for weight in sorted(set(grid), reverse=True):
        counts[weight] = effective_count(Smoothing(weight, float(raw.mean())).apply(raw, stride, length))
        if counts[weight] < needed:
            break
        chosen = weight
    return WeightChoice(chosen, counts, needed)


def chart_union(charts: Sequence[tuple[np.ndarray, float]]) -> np.ndarray:
    """max_j z_j / τ_j: several charts' (smoothed) scores z_j, each over its own calibrated threshold
    τ_j; above 1 where any chart alarms (its own threshold is then re-calibrated on held-out windows)."""
    if not charts:
        raise ValueError("a union of charts needs at least one chart")
    ratios = [np.asarray(z, dtype=np.float64).ravel() / max(float(t), 1e-12) for z, t in charts]
    return np.max(np.stack(ratios), axis=0)


def too_few_independent(n_effective: float, false_alarm_rate: float) -> str | None:
    """Why a calibration cannot support ``false_alarm_rate`` (None when it can): a rate α needs about
    1/α − 1 independent normal windows, and the smoothed calibration scores hold ``n_effective``."""
    needed = 1.0 / false_alarm_rate - 1.0
    if n_effective >= needed:
        return None
    return (f"the smoothed calibration scores hold about {n_effective:.0f} independent windows; a false-alarm rate "
            f"of {false_alarm_rate:g} needs about {needed:.0f}: expect more false alarms than that, or give the plant "
            "more normal windows or less smoothing (detector.smoothing nearer 1)")
