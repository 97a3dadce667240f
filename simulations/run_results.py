"""A finished run as objects: :class:`Results` (read from a run folder's ``results.json``) and plain
:class:`Table` views of it for notebooks (no pandas needed; ``to_pandas()`` when it is installed)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.task import task_named


class ResultsError(ValueError):
    """A run folder holds no usable results; the message names the file and the fix."""


@dataclass(frozen=True)
class Table:
    """Rows of equal length under named columns; prints as Markdown (and renders so in Jupyter)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def to_dicts(self) -> list[dict[str, Any]]:
        """One ``{column: value}`` per row."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of column ``name``, in row order."""
        return [row[self.columns.index(name)] for row in self.rows]

    def to_markdown(self) -> str:
        def cell(v: Any) -> str:
            return "" if v is None else f"{v:.4g}" if isinstance(v, float) else str(v)

        lines = ["| " + " | ".join(self.columns) + " |", "|" + "---|" * len(self.columns)]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in self.rows]
        return "\n".join(lines)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` of the table (pandas is not a dependency: install it to use this)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("Table.to_pandas needs pandas, which factoryfl does not depend on: pip install pandas "
                              "(or use .to_dicts() / .columns and .rows)") from None
        return pandas.DataFrame(list(self.rows), columns=list(self.columns))

    def __str__(self) -> str:
        return self.to_markdown()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


@dataclass(frozen=True)
class PlantResult:
    """One plant's outcome: the model it kept, its privacy spent and its held-out metrics per method."""

    plant_id: str
    status: str                      # "ok", or why the plant was left out
    chosen_model: str | None         # the candidate the plant kept (None: its privacy policy did not let it leave)
    transfer_method: str | None      # the personalisation or adaptation it ran
    epsilon: float | None            # its ε (None: no DP)
    n_train: int | None              # windows (None: not reported under the plant's privacy policy)
    n_train_labelled: int | None
    n_test: int | None
    metrics: Mapping[str, Mapping[str, float]]   # method → metric → value

    def metric(self, name: str, method: str = "chosen") -> float | None:
        """Held-out ``name`` of ``method`` (default: the model the plant kept); None if not measured."""
        value = self.metrics.get(method, {}).get(name)
        return None if value is None else float(value)


@dataclass(frozen=True)
class Results:
    """What ``simulate`` returns: the run folder and its results, per plant and per round."""

    run_dir: Path
    scenario_name: str
    task: str
    methods: tuple[str, ...]
    plants: Mapping[str, PlantResult]
    rounds: tuple[Mapping[str, Any], ...]
    raw: Mapping[str, Any]           # the whole results.json

    @classmethod
    def load(cls, run_dir: str | Path) -> Results:
        """Results of the run in ``run_dir`` (its ``results.json``)."""
        path = Path(run_dir) / "results.json"
        try:
            raw = json.loads(path.read_text())
        except FileNotFoundError:
            raise ResultsError(f"{path}: no results: the run did not finish (see its log) or this is not a run "
                               "folder (runs/<scenario>-<timestamp>)") from None
        except ValueError as exc:
            raise ResultsError(f"{path}: not valid JSON ({exc}); re-run the scenario") from None
        if not isinstance(raw, dict) or not isinstance(raw.get("plants"), dict):
            raise ResultsError(f"{path}: no 'plants' mapping: not a factoryfl results file; re-run the scenario")
        plants = {pid: _plant(pid, rec) for pid, rec in raw["plants"].items()}
        return cls(run_dir=Path(run_dir).resolve(), scenario_name=str(raw.get("scenario_name", "")),
                   task=str(raw.get("task", "classification")), methods=tuple(raw.get("methods") or ()),
                   plants=plants, rounds=tuple(raw.get("rounds") or ()), raw=raw)

    @property
    def report(self) -> Path:
        return self.run_dir / "report.md"

    @property
    def primary_metric(self) -> str:
        """The task's headline metric (accuracy for classification, RMSE for regression)."""
        return task_named(self.task).primary_metric

    @property
    def epsilon(self) -> dict[str, float | None]:
        """ε per plant (None where the plant trained without DP)."""
        return {pid: p.epsilon for pid, p in self.plants.items()}

    @property
    def chosen_models(self) -> dict[str, str | None]:
        """The model each plant kept."""
        return {pid: p.chosen_model for pid, p in self.plants.items()}

    def to_frame(self, metric: str | None = None, methods: Sequence[str] | None = None) -> Table:
        """One row per plant: status, kept model, ε, labels, and ``metric`` (default: the task's
        primary one) for each method (default: every method the run evaluated)."""
        metric = metric or self.primary_metric
        methods = tuple(methods or self.methods)
        columns = ("plant", "status", "chosen_model", "epsilon", "n_train_labelled", "n_test",
                   *(f"{m}/{metric}" for m in methods))
        rows = tuple((p.plant_id, p.status, p.chosen_model, p.epsilon, p.n_train_labelled, p.n_test,
                      *(p.metric(metric, m) for m in methods)) for p in self.plants.values())
        return Table(columns, rows)

    def rounds_frame(self) -> Table:
        """One row per round: participants, mean train loss, evaluation metrics, the largest ε so far."""
        columns = ("round", "participants", "train_loss", "eval_accuracy", "eval_loss", "max_epsilon")
        rows = []
        for r in self.rounds:
            eps = [float(v) for v in (r.get("epsilon") or {}).values() if isinstance(v, (int, float))]
            rows.append((int(r["round"]), len(r.get("participants") or []), r.get("train_loss"),
                         r.get("eval_accuracy"), r.get("eval_loss"), max(eps) if eps else None))
        return Table(columns, tuple(rows))

    def __repr__(self) -> str:
        ok = sum(p.status == "ok" for p in self.plants.values())
        return (f"Results({self.scenario_name!r}: {ok}/{len(self.plants)} plants ok, {len(self.rounds)} rounds, "
                f"run_dir={str(self.run_dir)!r})")


def _plant(plant_id: str, rec: Mapping[str, Any]) -> PlantResult:
    transfer = rec.get("transfer") or {}
    choice = transfer.get("model_choice") or {}
    eps = (rec.get("privacy") or {}).get("epsilon")
    return PlantResult(plant_id=plant_id, status=str(rec.get("status", "")),
                       chosen_model=choice.get("chosen"), transfer_method=transfer.get("chosen"),
                       epsilon=float(eps) if isinstance(eps, (int, float)) else None,
                       n_train=_count(rec.get("n_train")), n_train_labelled=_count(rec.get("n_train_labelled")),
                       n_test=_count(rec.get("n_test")),
                       metrics={m: dict(v) for m, v in (rec.get("metrics") or {}).items() if isinstance(v, dict)})


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
