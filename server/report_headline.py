"""The report's headline: did the federation help each plant, by how much, and under which ε.

Per plant, the model it kept (``chosen``: picked on its own validation split or by its label-free
guard; a run without it falls back to the personalised, adapted or global model) is compared with
its local-only model on the plant's test split by the task's primary metric ``m``:
``Δ = m_kept − m_local`` (percentage points for a percent metric), counted as a gain when the kept
model is better (higher accuracy, lower RMSE). A plant without training labels has no local-only
model; there the kept model is compared with chance, ``1/K`` for ``K`` classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.task import Task

from .plots import (
    PERCENT_METRICS,
    STATUS_OK,
    is_number,
    metric_value,
    plant_status,
    plants_of,
    task_of,
)

KEPT_FALLBACK = ("chosen", "federated_personalised", "federated_adapted", "federated_global")
"""Where the kept model's test figure is read, first found wins."""
GUARD_KEPT = {"adapted": "federated_adapted", "source_only": "federated_global"}
"""The candidate an unlabelled plant kept, by its negative-transfer guard's verdict (source-only: the shared model)."""
SHORT_NAMES = {
    "local_only": "local-only",
    "federated_global": "federated global",
    "federated_personalised": "federated + personalised",
    "federated_adapted": "federated + adapted",
    "centralized": "centralized",
}
MAX_ROWS = 20  # plants listed one per row; above this the table lists the first ones and counts the rest

HELPED, SAME, HURT, NO_LABELS, NO_LABELS_CHANCE, NOT_EVALUATED = (
    "helped", "no gain", "hurt", "no labels: gained a model", "no labels: at chance", "not evaluated")
ONE_CLASS = "one class: accuracy shows no gain"
"""A plant with labels for one class only (e.g. only normal operation): its test split holds that class alone,
where local-only (a one-class model) is right by construction, so accuracy cannot judge federation there."""


@dataclass(frozen=True)
class PlantVerdict:
    """One plant's line of the headline."""

    plant: str
    status: str
    labelled: int | None
    kept: str | None          # the candidate kept ("local_only", "federated_personalised", ...)
    kept_value: float | None  # its primary metric on the plant's test split
    local_value: float | None
    reference: float | None   # local-only, else chance for a plant without labels
    delta: float | None       # kept − reference in display units (points for a percent metric)
    outcome: str
    epsilon: float | None


def _scale(task: Task) -> float:
    return 100.0 if task.primary_metric in PERCENT_METRICS else 1.0


def _kept(plant: Mapping[str, Any], metric: str) -> tuple[str | None, float | None]:
    """(candidate kept, its test value) from the ``chosen`` block or the first federated one reported."""
    choice = (plant.get("transfer") or {}).get("model_choice") or {}
    for method in KEPT_FALLBACK:
        value = metric_value(plant, method, metric)
        if value is not None:
            if method != "chosen":
                return method, value
            name = choice.get("chosen") or GUARD_KEPT.get(str(choice.get("guard")))
            return (str(name) if name else "chosen"), value
    return None, None


def _num_classes(results: Mapping[str, Any], plant: Mapping[str, Any]) -> int:
    names = results.get("class_names") or plant.get("class_names") or []
    return len(names)


def plant_verdict(results: Mapping[str, Any], pid: str, plant: Mapping[str, Any],
                  epsilon: float | None) -> PlantVerdict:
    """Kept model against local-only (or chance) on one plant's test split."""
    task = task_of(results)
    metric, scale = task.primary_metric, _scale(task)
    labelled = int(plant["n_train_labelled"]) if is_number(plant.get("n_train_labelled")) else None
    kept, kept_value = _kept(plant, metric)
    local = metric_value(plant, "local_only", metric)
    status = plant_status(plant)
    reference, outcome = local, NOT_EVALUATED
    if status != STATUS_OK or kept_value is None:
        reference = None
    elif local is None and labelled == 0:
        classes = _num_classes(results, plant)
        reference = 1.0 / classes if task.has_classes and classes else None
        at_chance = reference is not None and not task.better(kept_value, reference)
        outcome = NO_LABELS_CHANCE if at_chance else NO_LABELS
    elif task.has_classes and len(plant.get("labelled_classes") or []) == 1 and _num_classes(results, plant) > 1:
        outcome = ONE_CLASS
    elif local is not None:
        outcome = HELPED if task.better(kept_value, local) else HURT if task.better(local, kept_value) else SAME
    delta = None
    if kept_value is not None and reference is not None:
        delta = (kept_value - reference) * scale * (1 if task.higher_is_better else -1)
    return PlantVerdict(pid, status, labelled, kept, kept_value, local, reference, delta, outcome, epsilon)


def verdicts(results: Mapping[str, Any], epsilons: Mapping[str, float]) -> list[PlantVerdict]:
    """One verdict per plant, in the results' order."""
    return [plant_verdict(results, pid, plant, epsilons.get(pid)) for pid, plant in plants_of(results).items()]


# --- text ----------------------------------------------------------------------


def _value(task: Task, value: float | None) -> str:
    if value is None:
        return "—"
    if task.primary_metric in PERCENT_METRICS:
        return f"{value * 100:.1f} %"
    return f"{value:.3g}"


def _gain(task: Task, delta: float | None) -> str:
    """Signed gain: '+12.0 points' for a percent metric, else '+0.412 lower RMSE'-style text."""
    if delta is None:
        return "—"
    if task.primary_metric in PERCENT_METRICS:
        return f"{delta:+.1f} points"
    word = "higher" if task.higher_is_better else "lower"
    return f"{abs(delta):.3g} {word if delta >= 0 else 'worse'} {task.primary_metric.upper()}"


def _names(items: list[PlantVerdict]) -> str:
    """'`a`, `b` and `c`'; past ``MAX_ROWS`` plants, the first ones and how many more."""
    names = [f"`{v.plant}`" for v in items[:MAX_ROWS]]
    if len(items) > MAX_ROWS:
        return ", ".join(names) + f" and {len(items) - MAX_ROWS} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def privacy_clause(privacy: Mapping[str, Any], epsilons: Mapping[str, float], delta: str) -> str:
    """'under ε ≤ 2.91 per plant (δ = 1e-05; privacy unit: ...)' or 'without differential privacy'."""
    if not privacy.get("enabled"):
        return "without differential privacy (no ε: plant updates were not privatised)"
    unit = " ".join(str(privacy.get("unit") or "not recorded").split())
    if not epsilons:
        return f"with differential privacy (privacy unit: {unit}; no ε recorded)"
    return f"under ε ≤ {max(epsilons.values()):.2f} per plant ({delta_phrase(delta)}; privacy unit: {unit})"


def headline_sentence(results: Mapping[str, Any], found: list[PlantVerdict], privacy_clause: str) -> str:
    """One sentence: how many plants federation helped, by how much, where it did not, and under which ε."""
    task = task_of(results)
    helped = [v for v in found if v.outcome == HELPED]
    gained = [v for v in found if v.outcome == NO_LABELS]
    same = [v for v in found if v.outcome == SAME]
    hurt = [v for v in found if v.outcome == HURT]
    chance = [v for v in found if v.outcome == NO_LABELS_CHANCE]
    one_class = [v for v in found if v.outcome == ONE_CLASS]
    judged = [v for v in found if v.outcome not in (NOT_EVALUATED, ONE_CLASS)]
    alone = ""
    if one_class:
        alone = (f"; {_names(one_class)} {'has' if len(one_class) == 1 else 'have'} labels for one class only, "
                 "where accuracy cannot show a gain (a detector's figures are under Anomaly detection)")
    if not judged:
        return (f"**No plant has both a kept model and a local-only figure on its test split**, so this run cannot "
                f"say whether federation helped{alone}; it ran {privacy_clause}.")
    parts = []
    wins = helped + gained
    if wins:
        shown = []
        for v in wins[:MAX_ROWS]:
            if v.outcome == HELPED:
                shown.append(f"`{v.plant}` {_gain(task, v.delta)}")
            else:
                level = f", chance {_value(task, v.reference)}" if v.reference is not None else ""
                shown.append(f"`{v.plant}`, with no labels of its own, {_value(task, v.kept_value)}{level}")
        more = f" and {len(wins) - MAX_ROWS} more" if len(wins) > MAX_ROWS else ""
        parts.append(f"**Federation helped {len(wins)} of {len(judged)} plants** ({'; '.join(shown)}{more})")
    else:
        parts.append(f"**Federation helped none of the {len(judged)} plants**")
    if same:
        parts.append(f"it made no difference at {_names(same)} (kept model scores as local-only does)")
    if hurt:
        losses = ", ".join(f"`{v.plant}` {_gain(task, v.delta)}" for v in hurt[:MAX_ROWS])
        losses += f" and {len(hurt) - MAX_ROWS} more" if len(hurt) > MAX_ROWS else ""
        parts.append(f"**it did not help where the kept model is below local-only on test: {losses}**")
    if chance:
        parts.append(f"**without labels, {_names(chance)} stayed at chance**")
    return "; ".join(parts) + f"{alone}; {privacy_clause}."


def _row(task: Task, v: PlantVerdict) -> list[str]:
    labels = "—" if v.labelled is None else ("none" if v.labelled == 0 else f"{v.labelled:,}")
    reference = _value(task, v.local_value) if v.local_value is not None else (
        f"chance {_value(task, v.reference)}" if v.reference is not None else "—")
    kept = SHORT_NAMES.get(v.kept or "", v.kept or "—")
    eps = f"{v.epsilon:.2f}" if v.epsilon is not None else "—"
    outcome = v.outcome if v.status == STATUS_OK else f"{v.outcome} ({v.status})"
    return [v.plant, labels, reference, kept, _value(task, v.kept_value), _gain(task, v.delta), eps, outcome]


def headline_section(results: Mapping[str, Any], epsilons: Mapping[str, float], delta: str, table: Any) -> str:
    """The section at the top of report.md: the sentence, then one row per plant (up to ``MAX_ROWS``)."""
    plants = plants_of(results)
    if not plants:
        return "## Headline\n\nNo plants were recorded."
    task = task_of(results)
    found = verdicts(results, epsilons)
    privacy = results.get("privacy") if isinstance(results.get("privacy"), Mapping) else {}
    sentence = headline_sentence(results, found, privacy_clause(privacy or {}, epsilons, delta))
    metric = task.primary_metric.upper() if len(task.primary_metric) <= 4 else task.primary_metric
    header = ["Plant", "Labels", "Local-only", "Kept model", "Kept", "Gain", "ε", "Verdict"]
    rows = [_row(task, v) for v in found[:MAX_ROWS]]
    more = (f"\n\n…and {len(found) - MAX_ROWS} more plants: see the per-plant results below."
            if len(found) > MAX_ROWS else "")
    note = (f"{metric.capitalize() if metric.islower() else metric} on each plant's own test split. The kept model is "
            "the one the plant chose on its own validation split (or, without labels, by its label-free guard), never "
            "on test labels; gain = kept − local-only" + (" in percentage points" if _scale(task) != 1.0 else "")
            + ". Labels: the plant's labelled training windows.")
    return "## Headline\n\n" + sentence + "\n\n" + table(header, rows, (0, 3, 7)) + more + "\n\n" + note


def delta_value(results: Mapping[str, Any]) -> str:
    """The run's δ as text: the privacy block's, else the one δ all plants share, else (each plant states its
    own) '≤ <largest> (each plant's own)' (a larger δ is the weaker guarantee); '—' when none is recorded."""
    delta = (results.get("privacy") or {}).get("delta")
    if is_number(delta):
        return f"{float(delta):g}"
    deltas = {float(d) for d in ((p.get("privacy") or {}).get("delta") for p in plants_of(results).values())
              if is_number(d)}
    if len(deltas) > 1:
        return f"≤ {max(deltas):.3g} (each plant's own)"
    return f"{deltas.pop():g}" if deltas else "—"


def delta_phrase(value: str) -> str:
    """'δ = 1e-05' or 'δ ≤ 6.71e-06 (each plant's own)' for a :func:`delta_value`."""
    return f"δ {value}" if value.startswith("≤") else f"δ = {value}"


def plain_headline(results: Mapping[str, Any]) -> str:
    """The headline sentence as plain text, for a terminal (no Markdown emphasis or code marks)."""
    privacy = results.get("privacy") if isinstance(results.get("privacy"), Mapping) else {}
    enabled = bool((privacy or {}).get("enabled"))
    epsilons: dict[str, float] = {}
    if enabled:
        for pid, plant in plants_of(results).items():
            value = (plant.get("privacy") or {}).get("epsilon")
            if is_number(value):
                epsilons[pid] = float(value)
    sentence = headline_sentence(results, verdicts(results, epsilons),
                                 privacy_clause(privacy or {}, epsilons, delta_value(results)))
    return sentence.replace("**", "").replace("`", "")
