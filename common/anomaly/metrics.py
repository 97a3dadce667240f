"""Detector metrics: AUROC, detection rate, false alarms per day, detection delay per fault.

- AUROC (Mann–Whitney, ties counted half): (R₊ − n₊(n₊+1)/2) / (n₊ n₋), R₊ the sum of the
  average ranks of the abnormal windows' scores among all scores.
- Detection rate: share of abnormal windows with an alarm (at the calibrated threshold, with
  persistence).
- False alarms per day: alarm events (an alarm that was off in the window before, within one
  recording) on normal windows, per day of normal operation, the day counted as
  ``n_normal × stride_s / 86400`` (``stride_s``: time between window starts).
- Detection delay of a fault recording (windows in time order, the first being the first abnormal
  one): ``i* × stride_s``, i* the index of its first alarm; NaN when it never alarms.
"""

from __future__ import annotations

import math

import numpy as np

SECONDS_PER_DAY = 86400.0


def average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their average rank."""
    v = np.asarray(values, dtype=np.float64).ravel()
    order = np.argsort(v, kind="mergesort")
    sorted_v = v[order]
    ranks = np.empty(len(v), dtype=np.float64)
    starts = np.flatnonzero(np.r_[True, sorted_v[1:] != sorted_v[:-1]])
    ends = np.r_[starts[1:], len(v)]
    for a, b in zip(starts, ends):
        ranks[order[a:b]] = (a + b + 1) / 2.0
    return ranks


def auroc(scores: np.ndarray, abnormal: np.ndarray) -> float:
    """P(score of an abnormal window > score of a normal one) + ½ P(tie); NaN without both kinds."""
    s = np.asarray(scores, dtype=np.float64).ravel()
    pos = np.asarray(abnormal, dtype=bool).ravel()
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    r = average_ranks(s)[pos].sum()
    return float((r - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def detection_rate(alarm: np.ndarray, abnormal: np.ndarray) -> float:
    """Share of abnormal windows with an alarm (NaN if there are none)."""
    a = np.asarray(alarm, dtype=bool).ravel()
    pos = np.asarray(abnormal, dtype=bool).ravel()
    return float(a[pos].mean()) if pos.any() else float("nan")


def alarm_events(alarm: np.ndarray, groups: np.ndarray | None = None) -> int:
    """Rising edges of ``alarm`` (an alarm in the first window of a recording counts as one)."""
    a = np.asarray(alarm, dtype=bool).ravel()
    if not len(a):
        return 0
    start = np.ones(len(a), dtype=bool)
    if groups is not None:
        g = np.asarray(groups).ravel()
        start[1:] = g[1:] != g[:-1]
    else:
        start[1:] = False
    previous = np.r_[False, a[:-1]] & ~start
    return int((a & ~previous).sum())


def false_alarms_per_day(alarm_on_normal: np.ndarray, stride_s: float, groups: np.ndarray | None = None) -> float:
    """Alarm events on normal windows per day of normal operation (n × stride_s seconds)."""
    n = len(np.asarray(alarm_on_normal).ravel())
    if n == 0 or not stride_s > 0:
        return float("nan")
    return alarm_events(alarm_on_normal, groups) / (n * stride_s / SECONDS_PER_DAY)


def detection_delay(alarm: np.ndarray, stride_s: float) -> float:
    """Seconds from the first (abnormal) window of a recording to its first alarm; NaN if none."""
    hits = np.flatnonzero(np.asarray(alarm, dtype=bool).ravel())
    return float(hits[0] * stride_s) if len(hits) else math.nan
