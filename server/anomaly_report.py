"""The report's "Anomaly detection" section: per plant, its detector, the PCA T²/SPE baseline and the
union of the two charts side by side (AUROC, detection rate and false alarms at the calibrated
threshold, delay per fault), the one that raises the plant's alarm marked.

A plant with ``plants[].detector`` reports ``anomaly_<detector>/<metric>`` (client/anomaly.py):
aggregate metrics on its own test split, nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from common import wire

from .plots import plants_of

Table = Callable[[Sequence[str], Iterable[Sequence[Any]], Iterable[int]], str]
DASH = "—"


def _blocks(plant: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    metrics = plant.get("metrics") or {}
    return {m[len(wire.ANOMALY_PREFIX):]: b for m, b in metrics.items()
            if str(m).startswith(wire.ANOMALY_PREFIX) and isinstance(b, Mapping)}


def _num(block: Mapping[str, Any], key: str, fmt: str = "{:.3f}") -> str:
    value = block.get(key)
    return DASH if not isinstance(value, (int, float)) or not math.isfinite(float(value)) else fmt.format(value)


def _delay(block: Mapping[str, Any], fault: str) -> str:
    rate = block.get(f"detection_rate/{fault}")
    if rate is None:
        return DASH
    delay = block.get(f"delay_h/{fault}")
    return f"{float(rate):.2f} / " + ("not detected" if delay is None else f"{float(delay):.2f} h")


def _uncertified(pid: str, name: str, block: Mapping[str, Any]) -> str:
    """Why the plant's alarm (``alarm`` = 1) cannot back its target rate ("" when it can, or for other charts)."""
    target = block.get("target_false_alarm_rate")
    if block.get("alarm") != 1 or not isinstance(target, (int, float)) or not 0 < target < 1:
        return ""
    needed = 1.0 / float(target) - 1.0
    why = []
    bound = block.get("false_alarm_rate_bound")
    if isinstance(bound, (int, float)) and bound > target:
        why.append(f"{block.get('n_calibration', 0):.0f} calibration windows bound the rate at {bound:.3g} only")
    effective = block.get("n_calibration_effective")
    if isinstance(effective, (int, float)) and math.isfinite(effective) and effective < needed:
        why.append(f"about {effective:.0f} independent calibration windows of the {needed:.0f} it needs")
    return f"{pid} {name} (target {target:g}: {', '.join(why)})" if why else ""


def anomaly_section(results: Mapping[str, Any], table: Table) -> str:
    """Empty when no plant reported a detector."""
    rows, per_fault = [], []
    for pid, plant in plants_of(results).items():
        for name, block in _blocks(plant).items():
            shown = f"{name} (the plant's alarm)" if block.get("alarm") == 1 else name
            rows.append((pid, shown, _num(block, "auroc"), _num(block, "detection_rate"),
                         _num(block, "false_alarm_rate", "{:.4f}"), _num(block, "target_false_alarm_rate", "{:g}"),
                         _num(block, "false_alarms_per_day", "{:.2f}"), _num(block, "n_normal", "{:.0f}"),
                         _num(block, "n_abnormal", "{:.0f}"), _num(block, "n_calibration", "{:.0f}")))
            per_fault.append((pid, name, block))
    if not rows:
        return ""
    faults = sorted({k.split("/", 1)[1] for _, _, b in per_fault for k in b if k.startswith("detection_rate/")})
    parts = ["## Anomaly detection",
             "Each plant with a detector fits it on its own normal training windows (the federated extractor's "
             "features, or the windows themselves for the PCA T²/SPE baseline) and calibrates the alarm threshold "
             "to its target false-alarm rate on held-out normal training windows (the last in time, or out of "
             "fold); the test split is never used for either. What raises the plant's alarm (`factoryfl predict`, "
             "the model card) is marked: by default (`detector.alarm: union`) the union `detector+baseline` of the "
             "two charts, max of each health score over its own threshold, with one threshold calibrated to the "
             "same false-alarm rate. Alarms include the plant's persistence rule. False alarms per day: alarm "
             "events on normal test windows per day of normal operation.",
             table(("Plant", "Detector", "AUROC", "Detection rate", "False-alarm rate", "Target", "False alarms / day",
                    "Normal windows", "Fault windows", "Calibration windows"), rows, (0, 1))]
    uncertified = [note for pid, name, block in per_fault if (note := _uncertified(pid, name, block))]
    if uncertified:
        parts.append("The calibrated false-alarm rate is not certified for: " + "; ".join(uncertified) + ". A rate α "
                     "needs about 1/α − 1 independent normal calibration windows (overlapping or autocorrelated "
                     "windows count for fewer): expect more false alarms than the target until the plant has a "
                     "longer normal record.")
    if faults:
        header = ("Fault", *(f"{pid} {name}" for pid, name, _ in per_fault))
        body = [(fault, *(_delay(block, fault) for _, _, block in per_fault)) for fault in faults]
        parts += ["Per fault: detection rate / detection delay (from the fault's first test window to the first "
                  "alarm).", table(header, body, (0,))]
    return "\n\n".join(parts)
