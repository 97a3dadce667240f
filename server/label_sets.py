"""The report's "Per-class recall" section: each plant's recall per class of the federation's
union (``recall_c = hits_c / n_c`` on its test split), with the classes it never had training
labels for marked, and its accuracy on its own classes and on those it never had.

Shown when some plant reported per-class metrics (a DP plant releases them only when its policy
allows ``metrics``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from common.labelset import RECALL_PREFIX

from .plots import method_order, metric_value, plants_of, short_method_label

logger = logging.getLogger(__name__)

Table = Callable[[Sequence[str], Iterable[Sequence[Any]], Iterable[int]], str]

NEVER_LABELLED = "†"
NOTE = (f"{NEVER_LABELLED} the plant never had training labels for this class: what it recognises there it learnt "
        "from the other plants. — no test windows of the class at that plant. Own / never: accuracy on the test "
        "windows of the classes the plant had labels for / never had.")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def _classes(results: Mapping[str, Any]) -> list[str]:
    names = [str(n) for n in results.get("class_names") or []]
    if names:
        return names
    seen: dict[str, None] = {}
    for plant in plants_of(results).values():
        for block in (plant.get("metrics") or {}).values():
            if isinstance(block, Mapping):
                seen.update(dict.fromkeys(k[len(RECALL_PREFIX):] for k in block if k.startswith(RECALL_PREFIX)))
    return list(seen)


def label_set_section(results: Mapping[str, Any], table: Table) -> str:
    """One row per plant and method: recall per class (never-labelled classes marked †), own / never accuracy."""
    classes = _classes(results)
    rows = []
    for pid, plant in plants_of(results).items():
        labelled = plant.get("labelled_classes")
        never = set(classes) - set(labelled) if isinstance(labelled, list) else set()
        for method in method_order(results):
            recalls = [metric_value(plant, method, f"{RECALL_PREFIX}{c}") for c in classes]
            if all(r is None for r in recalls):
                continue
            cells = [_percent(r) + (f" {NEVER_LABELLED}" if c in never else "") for c, r in zip(classes, recalls)]
            rows.append([pid, short_method_label(results, method), *cells,
                         _percent(metric_value(plant, method, "accuracy_own")),
                         _percent(metric_value(plant, method, "accuracy_unseen"))])
    if not rows:
        return ""
    header = ["Plant", "Model", *[f"{c} %" for c in classes], "Own %", "Never %"]
    note = NOTE
    if all(row[-2:] == ["—", "—"] for row in rows):  # no plant has a restricted label set: no own / never split
        header, rows, note = header[:-2], [row[:-2] for row in rows], NOTE.split(" Own / never:")[0]
    return "## Per-class recall\n\n" + table(header, rows, (0, 1)) + "\n\n" + note


__all__ = ["NEVER_LABELLED", "label_set_section"]
