"""Runs side by side (``factoryfl compare RUN RUN…``): scenario, ε, each plant's kept model against
local-only, and each run's headline, as Markdown read from the runs' ``results.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .plots import PERCENT_METRICS, plants_of, task_of
from .report import RESULTS_NAME, _format_duration, _privacy_enabled, _table, final_epsilons
from .report_headline import (
    HELPED,
    HURT,
    NO_LABELS,
    NO_LABELS_CHANCE,
    NOT_EVALUATED,
    SAME,
    PlantVerdict,
    delta_phrase,
    delta_value,
    headline_sentence,
    privacy_clause,
    verdicts,
)


class CompareError(ValueError):
    """A run folder that cannot be compared; the message names it and the fix."""


def load_run(run_dir: Path) -> dict[str, Any]:
    """A run's results.json, or a :class:`CompareError` naming the folder and what to do."""
    path = Path(run_dir) / RESULTS_NAME
    if not path.is_file():
        hint = " (it holds no results.json: a run still going, or one that failed?)" if Path(run_dir).is_dir() else ""
        raise CompareError(f"{run_dir}: not a finished run folder{hint}: pass run folders such as runs/default-<time>")
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CompareError(f"{path}: unreadable ({exc}): re-run the scenario to recreate it") from exc
    if not isinstance(results, dict) or not isinstance(results.get("plants"), Mapping):
        raise CompareError(f"{path}: not a factoryfl results file (no 'plants'): pass a run folder written by "
                           "`factoryfl simulate` or the coordinator")
    return results


def _labels(run_dirs: Sequence[Path]) -> list[str]:
    """Column names: the folder names, numbered when two are the same."""
    names = [Path(d).resolve().name for d in run_dirs]
    return [f"{name} ({i + 1})" if names.count(name) > 1 else name for i, name in enumerate(names)]


def _epsilons(results: Mapping[str, Any]) -> dict[str, float]:
    return final_epsilons(results) if _privacy_enabled(results) else {}


def _eps_text(results: Mapping[str, Any]) -> str:
    eps = _epsilons(results)
    if not _privacy_enabled(results):
        return "no DP"
    if not eps:
        return "DP, ε not recorded"
    delta = delta_value(results)
    return f"≤ {max(eps.values()):.2f} ({delta_phrase(delta)})" if delta != "—" else f"≤ {max(eps.values()):.2f}"


def _tally(found: list[PlantVerdict]) -> str:
    """'2 helped, 1 same, 2 hurt of 5'."""
    counts = [(sum(v.outcome in (HELPED, NO_LABELS) for v in found), "helped"),
              (sum(v.outcome == SAME for v in found), "same"),
              (sum(v.outcome in (HURT, NO_LABELS_CHANCE) for v in found), "hurt")]
    judged = sum(v.outcome != NOT_EVALUATED for v in found)
    return ", ".join(f"{n} {word}" for n, word in counts if n) + f" of {judged}" if judged else "—"


def _cell(results: Mapping[str, Any], verdict: PlantVerdict | None) -> str:
    """The kept model's primary metric and its gain: '64.0 (+11.3)'."""
    if verdict is None or verdict.kept_value is None:
        return "—"
    task = task_of(results)
    percent = task.primary_metric in PERCENT_METRICS
    value = f"{verdict.kept_value * 100:.1f}" if percent else f"{verdict.kept_value:.3g}"
    if verdict.delta is None:
        return value
    gain = f"{verdict.delta:+.1f}" if percent else f"{verdict.delta:+.3g}"
    return f"{value} ({gain}{' vs chance' if verdict.outcome in (NO_LABELS, NO_LABELS_CHANCE) else ''})"


def _headline(results: Mapping[str, Any], found: list[PlantVerdict]) -> str:
    privacy = results.get("privacy") if isinstance(results.get("privacy"), Mapping) else {}
    return headline_sentence(results, found, privacy_clause(privacy or {}, _epsilons(results), delta_value(results)))


def compare_markdown(run_dirs: Sequence[Path]) -> str:
    """The comparison as Markdown: one table of runs, one of plants × runs, then each run's headline."""
    if not run_dirs:
        raise CompareError("no run folders given: pass one or more, e.g. factoryfl compare runs/a runs/b")
    runs = [load_run(Path(d)) for d in run_dirs]
    labels = _labels(run_dirs)
    found = [verdicts(r, _epsilons(r)) for r in runs]
    run_rows = []
    for label, results, fv in zip(labels, runs, found):
        task = task_of(results)
        run_rows.append([label, results.get("scenario_name") or "—", task.primary_metric, len(plants_of(results)),
                         _eps_text(results), _format_duration(results.get("wall_time_s")), _tally(fv)])
    plant_ids = list(dict.fromkeys(pid for r in runs for pid in plants_of(r)))
    by_plant = [{v.plant: v for v in fv} for fv in found]
    plant_rows = [[pid, *(_cell(r, bp.get(pid)) for r, bp in zip(runs, by_plant))] for pid in plant_ids]
    metrics = sorted({task_of(r).primary_metric for r in runs})
    parts = [
        "# factoryfl runs compared",
        _table(("Run", "Scenario", "Metric", "Plants", "ε per plant", "Wall time", "Federation vs local-only"),
               run_rows, left=(0, 1, 2, 4, 6)),
        "## Kept model per plant",
        _table(("Plant", *labels), plant_rows, left=(0,)),
        f"Each cell: the model the plant kept, {' / '.join(metrics)} on its own test split"
        + (" (%)" if all(m in PERCENT_METRICS for m in metrics) else "")
        + ", and in brackets its gain over local-only (over chance for a plant without labels); — not in that run.",
        "## Headlines",
        "\n".join(f"- **{label}**: {_headline(r, fv)}" for label, r, fv in zip(labels, runs, found)),
    ]
    return "\n\n".join(parts) + "\n"
