"""PNG plots for a factoryfl run: per-plant scores, round curves and privacy spend.

Every plot function takes the results dict (schema ``factoryfl-results/v1``) and
an output path, and returns the written path, or ``None`` when there is no data.
Figures are drawn on ``matplotlib.figure.Figure`` with the Agg canvas, so pyplot's
global state is never touched.  The small read-only accessors at the top are
shared with :mod:`server.report`.
"""

import io
import logging
import math
import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeGuard

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from common.extensions.tasks import TASKS
from common.fileio import atomic_write_bytes
from common.task import DEFAULT_TASK, Task, task_named

logger = logging.getLogger(__name__)

KNOWN_METHODS = ("local_only", "federated_global", "federated_personalised", "centralized")
DEFAULT_METHOD_LABELS = {
    "local_only": "Local only",
    "federated_global": "Federated (global)",
    "federated_personalised": "Federated (personalised)",
    "centralized": "Centralized",
}
PERCENT_METRICS = frozenset().union(*(task_named(name).percent_metrics for name in TASKS.names()))
"""Metrics shown × 100 with a % sign (every task's)."""
STATUS_OK = "ok"
DPI = 110
MAX_BAR_LABELS = 24  # above this many bars, value labels only clutter the plot


# --- read-only accessors for the results dict --------------------------------


def is_number(value: Any) -> TypeGuard[float]:
    """True for a finite real number (bools excluded).

    The guard says ``float``, which type checkers read as int or float: what JSON results hold
    (a numpy scalar also passes and converts with float() and int() alike).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    return math.isfinite(float(value))


def task_of(results: Mapping[str, Any]) -> Task:
    """The run's task; a record without one (or naming none registered) is classification."""
    name = results.get("task")
    return task_named(name) if isinstance(name, str) and name in TASKS else task_named(DEFAULT_TASK)


def primary_metric(results: Mapping[str, Any]) -> str:
    """The headline metric: accuracy for classification, rmse for regression."""
    return task_of(results).primary_metric


def plants_of(results: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Plant id -> plant record, in the order they were stored."""
    plants = results.get("plants") or {}
    return {str(pid): (rec if isinstance(rec, Mapping) else {}) for pid, rec in plants.items()}


def plant_status(plant: Mapping[str, Any]) -> str:
    """A plant's status; a record without one counts as ok."""
    return str(plant.get("status") or STATUS_OK)


def method_order(results: Mapping[str, Any]) -> list[str]:
    """Methods to show: the declared order, else those found in the plant metrics."""
    declared = results.get("methods")
    if declared:
        return [str(m) for m in declared]
    seen: set[str] = set()
    for plant in plants_of(results).values():
        seen.update(str(m) for m in (plant.get("metrics") or {}))
    return [m for m in KNOWN_METHODS if m in seen] + sorted(seen - set(KNOWN_METHODS))


def method_label(results: Mapping[str, Any], method: str) -> str:
    """Display name of a method."""
    labels = results.get("method_labels") or {}
    return str(labels.get(method) or DEFAULT_METHOD_LABELS.get(method) or method)


SHORT_METHOD_LABELS = {
    "local_only": "Local",
    "federated_global": "Global",
    "federated_personalised": "Personalised",
    "federated_adapted": "Adapted",
    "chosen": "Kept",
    "centralized": "Centralized",
}
"""Column names for the known methods in the report's compact tables (the legend gives the long labels)."""


def short_method_label(results: Mapping[str, Any], method: str) -> str:
    """A method's short column name: the known ones' from :data:`SHORT_METHOD_LABELS`, else its label."""
    return SHORT_METHOD_LABELS.get(method) or method_label(results, method)


def metric_value(plant: Mapping[str, Any], method: str, metric: str) -> float | None:
    """One plant's metric for one method, or None when missing or not finite."""
    block = (plant.get("metrics") or {}).get(method)
    if not isinstance(block, Mapping):
        return None
    value = block.get(metric)
    return float(value) if is_number(value) else None


def rounds_of(results: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The federated rounds, each a mapping."""
    return [r for r in (results.get("rounds") or []) if isinstance(r, Mapping)]


def round_number(record: Mapping[str, Any], index: int) -> int:
    """The round's number, falling back to its 1-based position."""
    value = record.get("round")
    return int(value) if is_number(value) else index + 1


def round_epsilons(results: Mapping[str, Any]) -> dict[str, list[tuple[int, float]]]:
    """Plant id -> [(round, ε)] as recorded in the rounds."""
    series: dict[str, list[tuple[int, float]]] = {}
    for i, record in enumerate(rounds_of(results)):
        eps = record.get("epsilon")
        if not isinstance(eps, Mapping):
            continue
        for pid, value in eps.items():
            if is_number(value):
                series.setdefault(str(pid), []).append((round_number(record, i), float(value)))
    return series


# --- drawing helpers -----------------------------------------------------------


def _save(fig: Figure, path: Path | str) -> Path:
    """Render a figure to PNG with the Agg canvas; the file is written atomically, mode 0600."""
    out = Path(path)
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=DPI, format="png")
    atomic_write_bytes(out, buffer.getvalue())  # 0600, like the report and results.json
    logger.debug("wrote plot %s", out)
    return out


def _finite_points(xs: Sequence[float], ys: Sequence[Any],
                   scale: float = 1.0) -> tuple[list[float], list[float]]:
    """Keep only the (x, y) pairs whose y is a finite number."""
    kept = [(x, float(y) * scale) for x, y in zip(xs, ys) if is_number(y)]
    return [x for x, _ in kept], [y for _, y in kept]


def _no_data(ax: Axes, text: str) -> None:
    """Mark an empty panel."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color="grey")


def _metric_axis_label(metric: str) -> str:
    """Axis label for a metric, noting percent and direction."""
    if metric in PERCENT_METRICS:
        return f"{metric.replace('_', '-')} (%)"
    return f"{metric.upper() if metric in ('rmse', 'mae') else metric} (lower is better)"


def _plant_tick(pid: str, plant: Mapping[str, Any]) -> str:
    """x tick label for a plant; flags plants that are not ok."""
    status = plant_status(plant)
    return pid if status == STATUS_OK else f"{pid}\n({status.replace('_', ' ')})"


# --- plots -------------------------------------------------------------------


def plot_accuracy_per_plant(results: Mapping[str, Any], path: Path | str) -> Path | None:
    """Grouped bars per plant, one per method (accuracy, or RMSE for regression)."""
    metric = primary_metric(results)
    plants = plants_of(results)
    values = {m: [metric_value(p, m, metric) for p in plants.values()] for m in method_order(results)}
    methods = [m for m, vals in values.items() if any(v is not None for v in vals)]
    if not plants or not methods:
        return None
    scale = 100.0 if metric in PERCENT_METRICS else 1.0
    width = 0.8 / len(methods)
    fig_width = min(16.0, max(6.0, 1.5 + len(plants) * (0.4 + 0.35 * len(methods))))
    fig = Figure(figsize=(fig_width, 4.6), layout="constrained")
    ax = fig.add_subplot()
    label_bars = len(plants) * len(methods) <= MAX_BAR_LABELS
    for i, method in enumerate(methods):
        offset = (i - (len(methods) - 1) / 2) * width
        xs, hs = _finite_points([j + offset for j in range(len(plants))], values[method], scale)
        bars = ax.bar(xs, hs, width, label=method_label(results, method))
        if label_bars:
            ax.bar_label(bars, fmt="%.1f" if scale != 1.0 else "%.3g", fontsize=6, padding=1)
    ax.set_xticks(range(len(plants)), labels=[_plant_tick(pid, p) for pid, p in plants.items()])
    ax.set_ylabel(_metric_axis_label(metric))
    if metric in PERCENT_METRICS:
        ax.set_ylim(0, 105)
    ax.set_title(f"{metric.upper() if metric == 'rmse' else metric.capitalize()} per plant and method")
    ax.grid(axis="y", alpha=0.3)
    fig.legend(loc="outside lower center", ncol=min(len(methods), 4), fontsize="small")
    return _save(fig, path)


def _draw_losses(ax: Axes, rounds: list[Mapping[str, Any]], xs: list[int]) -> bool:
    """Train/eval loss per round; returns whether anything was drawn."""
    drawn = False
    for key, label in (("train_loss", "train loss"), ("eval_loss", "eval loss")):
        px, py = _finite_points(xs, [r.get(key) for r in rounds])
        if px:
            ax.plot(px, py, marker="o", label=label)
            drawn = True
    if drawn:
        ax.legend(fontsize="small")
    else:
        _no_data(ax, "no loss recorded")
    ax.set_xlabel("round")
    ax.set_ylabel("loss")
    ax.set_title("Loss per round")
    return drawn


def _draw_eval_metric(ax: Axes, rounds: list[Mapping[str, Any]], xs: list[int], metric: str) -> bool:
    """Aggregate eval metric per round plus thin per-plant lines; returns whether anything was drawn."""
    scale = 100.0 if metric in PERCENT_METRICS else 1.0
    per_plant: dict[str, tuple[list[int], list[float]]] = {}
    for x, record in zip(xs, rounds):
        for pid, value in (record.get(f"per_plant_eval_{metric}") or {}).items():
            if is_number(value):
                px, py = per_plant.setdefault(str(pid), ([], []))
                px.append(x)
                py.append(float(value) * scale)
    for pid, (px, py) in per_plant.items():
        ax.plot(px, py, linewidth=0.8, marker=".", markersize=4, alpha=0.6, label=pid)
    ax_x, ax_y = _finite_points(xs, [r.get(f"eval_{metric}") for r in rounds], scale)
    if ax_x:
        ax.plot(ax_x, ax_y, color="black", linewidth=2.2, marker="o", label="all plants")
    drawn = bool(ax_x or per_plant)
    if drawn:
        ax.legend(fontsize="x-small", ncol=2 if len(per_plant) > 8 else 1)
    else:
        _no_data(ax, f"no eval {metric} recorded")
    ax.set_xlabel("round")
    ax.set_ylabel(f"eval {_metric_axis_label(metric)}")
    ax.set_title(f"Eval {metric.replace('_', '-')} per round")
    return drawn


def plot_rounds(results: Mapping[str, Any], path: Path | str) -> Path | None:
    """Two panels: train/eval loss per round; eval accuracy (or RMSE) per round."""
    rounds = rounds_of(results)
    if not rounds:
        return None
    xs = [round_number(r, i) for i, r in enumerate(rounds)]
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    ax_loss, ax_eval = fig.subplots(1, 2)
    drew_loss = _draw_losses(ax_loss, rounds, xs)
    drew_eval = _draw_eval_metric(ax_eval, rounds, xs, primary_metric(results))
    if not (drew_loss or drew_eval):
        return None
    for ax in (ax_loss, ax_eval):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3)
    return _save(fig, path)


def _plant_budgets(results: Mapping[str, Any]) -> dict[str, float]:
    """Plant id -> ε budget, where recorded."""
    budgets = {}
    for pid, plant in plants_of(results).items():
        budget = (plant.get("privacy") or {}).get("budget")
        if is_number(budget):
            budgets[pid] = float(budget)
    return budgets


def plot_epsilon(results: Mapping[str, Any], path: Path | str) -> Path | None:
    """Cumulative ε per plant against round, with the budget(s) dashed."""
    series = round_epsilons(results)
    if not series:
        return None
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    ax = fig.add_subplot()
    colours = {}
    for pid, points in series.items():
        (line,) = ax.plot([r for r, _ in points], [e for _, e in points], marker="o", label=pid)
        colours[pid] = line.get_color()
    budgets = _plant_budgets(results)
    if len(set(budgets.values())) == 1:
        ax.axhline(next(iter(budgets.values())), color="grey", linestyle="--", label="budget")
    else:
        for pid, budget in budgets.items():
            ax.axhline(budget, color=colours.get(pid, "grey"), linestyle="--", linewidth=0.8)
    ax.set_xlabel("round")
    ax.set_ylabel("cumulative ε")
    ax.set_title("Privacy spent per plant (coordinator reports the maximum)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", ncol=2 if len(series) > 8 else 1)
    return _save(fig, path)
