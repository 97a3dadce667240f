"""The report's "Per output" section for a regression with K > 1 outputs (e.g. a soft sensor's
analysers): each plant's RMSE and R² per output and method, in the output's own units.

Shown when some plant reported per-output metrics (``rmse/<output>``, ``r2/<output>``; see
``common.metrics.multi_output_report``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .plots import method_label, method_order, metric_value, plants_of

Table = Callable[[Sequence[str], Iterable[Sequence[Any]], Iterable[int]], str]
RMSE_PREFIX, R2_PREFIX = "rmse/", "r2/"


def _outputs(results: Mapping[str, Any]) -> list[str]:
    """Output names in the order the plants report them."""
    seen: dict[str, None] = {}
    for plant in plants_of(results).values():
        for block in (plant.get("metrics") or {}).values():
            if isinstance(block, Mapping):
                seen.update({k.removeprefix(RMSE_PREFIX): None for k in block if str(k).startswith(RMSE_PREFIX)})
    return list(seen)


def _number(value: Any) -> str:
    return f"{float(value):.4g}" if isinstance(value, (int, float)) and value == value else "—"


def output_section(results: Mapping[str, Any], table: Table) -> str:
    """Rows plant × output; per method its RMSE and R² on the plant's test split ("" when no plant has outputs)."""
    outputs = _outputs(results)
    if not outputs:
        return ""
    methods = method_order(results)
    header = ["Plant", "Output", *(f"{method_label(results, m)} {h}" for m in methods for h in ("RMSE", "R²"))]
    rows = []
    for pid, plant in plants_of(results).items():
        for name in outputs:
            cells = [_number(metric_value(plant, m, f"{p}{name}")) for m in methods for p in (RMSE_PREFIX, R2_PREFIX)]
            rows.append([pid, name, *cells])
    note = ("RMSE in each output's own units (lower is better); R² = 1 − SSE/SST on the plant's test windows "
            "(1 is perfect, 0 is the test mean). The per-plant table's RMSE pools every output.")
    return "## Per output\n\n" + table(header, rows, (0, 1)) + "\n\n" + note
