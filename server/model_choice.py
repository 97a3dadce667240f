"""The report's "Model kept by each plant" section and the do-no-harm count.

Each plant picks its own model (client side: validation split for a labelled plant, the
negative-transfer guard for an unlabelled one) and reports it as ``transfer.model_choice``; its
test metrics are the ``chosen`` method. Do no harm holds at a plant when the chosen model's
primary test metric ``m`` is at or above local-only's: ``m_chosen ≥ m_local`` (≤ where lower is
better).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from common.task import DEFAULT_TASK, task_named

from .plots import metric_value, plants_of

logger = logging.getLogger(__name__)

Table = Callable[[Sequence[str], Iterable[Sequence[Any]], Iterable[int]], str]


def do_no_harm_cases(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One record per plant with both a kept (``chosen``) and a local-only test figure: the kept
    candidate, both test values of the primary metric, the test window count and the validation
    scores that led to the choice (what a count across runs needs, ``simulations/benchmarks/do_no_harm.py``)."""
    task = task_named(str(results.get("task") or DEFAULT_TASK))
    cases = []
    for pid, plant in plants_of(results).items():
        chosen = metric_value(plant, "chosen", task.primary_metric)
        local = metric_value(plant, "local_only", task.primary_metric)
        if chosen is None or local is None:
            continue
        choice = (plant.get("transfer") or {}).get("model_choice") or {}
        cases.append({"plant": pid, "metric": task.primary_metric, "higher_is_better": task.higher_is_better,
                      "chosen": choice.get("chosen"), "chosen_test": chosen, "local_only_test": local,
                      "n_test": plant.get("n_test"), "validation": dict(choice.get("validation") or {}),
                      "n_val": choice.get("n_val"), "n_fit": choice.get("n_fit"), "reason": choice.get("reason", "")})
    return cases


def do_no_harm(results: Mapping[str, Any]) -> tuple[int, int]:
    """(plants whose chosen model is at or above local-only on the test split, plants with both)."""
    task = task_named(str(results.get("task") or DEFAULT_TASK))
    cases = do_no_harm_cases(results)
    held = sum(int(not task.better(c["local_only_test"], c["chosen_test"])) for c in cases)
    return held, len(cases)


def _validation_text(choice: Mapping[str, Any]) -> str:
    scores = choice.get("validation") or {}
    text = ", ".join(f"{k} {float(v):.3g}" for k, v in scores.items())
    if choice.get("n_val"):
        text += f" ({choice['n_val']} validation / {choice.get('n_fit', '?')} fit windows)"
    return text or "—"


def _smoothing_text(chosen: Mapping[str, Any]) -> str:
    weight, smoothed = chosen.get("posterior_smoothing_weight"), chosen.get("smoothed_accuracy")
    if weight is None or smoothed is None:
        return "—"
    return f"λ = {float(weight):g}: {100 * float(smoothed):.1f} %"


def _prior_text(choice: Mapping[str, Any]) -> str:
    """Which class prior an unlabelled plant adapted under (``transfer.adaptation.target_prior``), when it said."""
    used = (choice.get("guard_diagnostics") or {}).get("target_prior_kept_estimate")
    if used is None:
        return ""
    return ("; adapted under its own estimate of its class mix" if float(used) == 1.0
            else "; adapted under the sources' class mix")


def model_choice_section(results: Mapping[str, Any], table: Table) -> str:
    """Per plant: the model it kept, why, its validation scores or guard verdict; the do-no-harm count."""
    rows = []
    for pid, plant in plants_of(results).items():
        choice = (plant.get("transfer") or {}).get("model_choice") or {}
        if not choice:
            continue
        kept = choice.get("chosen") or ("federated_adapted" if choice.get("guard") == "adapted"
                                         else "federated_global (source-only)" if choice.get("guard") else "—")
        why = (choice.get("reason") or choice.get("guard_reason") or "withheld by the plant's release policy") \
            + _prior_text(choice) + (f"; warning: {choice['warning']}" if choice.get("warning") else "")
        chosen = (plant.get("metrics") or {}).get("chosen") or {}
        rate = chosen.get("unknown_rate")
        rows.append((pid, kept, why, _validation_text(choice),
                     "—" if rate is None else f"{100 * float(rate):.1f} %", _smoothing_text(chosen)))
    if not rows:
        return ""
    held, total = do_no_harm(results)
    parts = ["## Model kept by each plant",
             "A labelled plant keeps the candidate (local-only, federated global, personalised, adapted) that is "
             "best on a validation split of its own labelled training windows, never its test split; an "
             "unlabelled target keeps its adapted model unless the label-free negative-transfer guard says "
             "otherwise. The `chosen` column above is that model on the test split. Called unknown: the share "
             "of the plant's test windows its open-set rule marks as a fault it does not know (— no rule). "
             "Smoothing: the λ of the posterior smoothing the plant chose on its validation windows "
             "(`personalisation.posterior_smoothing`) and the kept model's test accuracy with it (— none).",
             table(("Plant", "Kept", "Why", "Validation", "Called unknown", "Smoothing"), rows, (0, 1, 2, 3))]
    if total:
        parts.append(f"Do no harm: the kept model is at or above local-only on the test split at {held} of "
                     f"{total} plants.")
    return "\n\n".join(parts)
