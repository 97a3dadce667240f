"""A detector's metrics on a labelled held-out split (one plant), from its window scores.

The split's windows of one class are taken as one recording in time order (the ``tep`` source
and the time-split windowing cut test windows that way: contiguous, non-overlapping, per run), so
persistence and the per-fault detection delay run within each class's windows; for a source whose
windows are not in time order (e.g. ``synthetic``) the delay and persistence are not meaningful
(use k = n = 1 there). The delay of a fault is measured from its first held-out window.
"""

from __future__ import annotations

import numpy as np

from .calibration import alarms
from .metrics import auroc, detection_delay, detection_rate, false_alarms_per_day

HOURS = 3600.0


def evaluate_scores(scores: np.ndarray, y: np.ndarray, normal_label: int, threshold: float,
                    class_names: tuple[str, ...], stride_s: float, k: int = 1, n: int = 1) -> dict[str, float]:
    """AUROC, detection rate, false-alarm rate and per day, and per fault class its detection
    rate (``detection_rate/<class>``) and delay in hours (``delay_h/<class>``, NaN: never detected)."""
    scores = np.asarray(scores, dtype=np.float64).ravel()
    y = np.asarray(y).ravel()
    alarm = alarms(scores, threshold, k, n, groups=y)
    abnormal = y != normal_label
    normal = ~abnormal
    out = {"auroc": auroc(scores, abnormal), "detection_rate": detection_rate(alarm, abnormal),
           "false_alarm_rate": float(alarm[normal].mean()) if normal.any() else float("nan"),
           "false_alarms_per_day": false_alarms_per_day(alarm[normal], stride_s, y[normal]),
           "n_normal": float(normal.sum()), "n_abnormal": float(abnormal.sum())}
    for label in np.unique(y[abnormal]):
        name = class_names[int(label)] if 0 <= int(label) < len(class_names) else str(label)
        mask = y == label
        out[f"detection_rate/{name}"] = float(alarm[mask].mean())
        out[f"delay_h/{name}"] = detection_delay(alarm[mask], stride_s) / HOURS
    return out
