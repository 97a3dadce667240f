"""Metric sinks behind one tiny interface (``simulation.metrics_logger``): TensorBoard or MLflow.

A run's metrics are read from its ``results.json``: each round's record (``rounds[]``) becomes one
step (step = round number), and the plants' final held-out metrics are logged at the last round.
The logger's package is imported only when it is chosen; :func:`require_logger` reports a missing
one before a run starts, naming the package to install.
"""

from __future__ import annotations

import importlib.util
import logging
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from common.extensions.metrics_loggers import METRICS_LOGGERS

logger = logging.getLogger(__name__)

ROUND_SCALARS = ("train_loss", "eval_accuracy", "eval_loss", "bytes_up_per_plant", "bytes_down_per_plant",
                 "wall_time_s")
PER_PLANT = {"per_plant_train_loss": "train_loss", "per_plant_eval_accuracy": "eval_accuracy",
             "epsilon": "epsilon"}


class MetricsLoggerError(ValueError):
    """A metrics logger cannot be used; the message names the setting, the package and the fix."""


class MetricsLogger(Protocol):
    def log(self, metrics: Mapping[str, float], step: int) -> None: ...

    def close(self) -> None: ...


def require_logger(name: str) -> None:
    """MetricsLoggerError unless ``name`` is registered and its package can be imported."""
    if name not in METRICS_LOGGERS:
        raise MetricsLoggerError(METRICS_LOGGERS.unknown_message(name))
    package = str(METRICS_LOGGERS.get(name).package)
    if importlib.util.find_spec(package) is None:
        raise MetricsLoggerError(f"simulation.metrics_logger: {name} needs the Python package {package!r}, which is "
                                 f"not installed: pip install 'factoryfl[{package}]' (or pip install {package}), "
                                 "or set simulation.metrics_logger: null")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def round_metrics(results: Mapping[str, Any]) -> list[tuple[int, dict[str, float]]]:
    """``(round, {name: value})`` per round record: ``round/<scalar>`` and ``plant/<id>/<metric>``."""
    out = []
    for record in results.get("rounds") or []:
        values: dict[str, float] = {}
        for key in ROUND_SCALARS:
            if (v := _number(record.get(key))) is not None:
                values[f"round/{key}"] = v
        for key, metric in PER_PLANT.items():
            for plant_id, raw in (record.get(key) or {}).items():
                if (v := _number(raw)) is not None:
                    values[f"plant/{plant_id}/{metric}"] = v
        values["round/participants"] = float(len(record.get("participants") or []))
        out.append((int(record["round"]), values))
    return out


def final_metrics(results: Mapping[str, Any]) -> dict[str, float]:
    """``final/<plant>/<method>/<metric>`` for every plant's held-out metrics, and its ε."""
    values: dict[str, float] = {}
    for plant_id, plant in (results.get("plants") or {}).items():
        for method, metrics in (plant.get("metrics") or {}).items():
            for name, raw in (metrics or {}).items():
                if (v := _number(raw)) is not None:
                    values[f"final/{plant_id}/{method}/{name}"] = v
        if (eps := _number((plant.get("privacy") or {}).get("epsilon"))) is not None:
            values[f"final/{plant_id}/epsilon"] = eps
    return values


def log_results(name: str, results: Mapping[str, Any], run_dir: Path) -> None:
    """Send a finished run's metrics to logger ``name`` (one step per round, finals at the last)."""
    require_logger(name)
    sink: MetricsLogger = METRICS_LOGGERS.load(name)(Path(run_dir), str(results.get("scenario_name", "factoryfl")))
    try:
        rounds = round_metrics(results)
        for step, values in rounds:
            sink.log(values, step)
        sink.log(final_metrics(results), rounds[-1][0] if rounds else 0)
    finally:
        sink.close()
    logger.info("metrics of %d rounds sent to %s", len(rounds), name)


class TensorBoardLogger:
    """Event files in ``<run_dir>/tensorboard`` (torch's SummaryWriter; needs the tensorboard package)."""

    def __init__(self, run_dir: Path, scenario_name: str) -> None:
        from torch.utils.tensorboard import SummaryWriter

        self.log_dir = Path(run_dir) / "tensorboard"
        self._writer = SummaryWriter(log_dir=str(self.log_dir))
        self._writer.add_text("scenario", scenario_name)

    def log(self, metrics: Mapping[str, float], step: int) -> None:
        for key, value in metrics.items():
            self._writer.add_scalar(key, value, global_step=step)

    def close(self) -> None:
        self._writer.close()


class MlflowLogger:
    """One MLflow run (named after the run folder) in the experiment named after the scenario."""

    def __init__(self, run_dir: Path, scenario_name: str) -> None:
        import mlflow

        self._mlflow = mlflow
        mlflow.set_experiment(scenario_name)
        mlflow.start_run(run_name=Path(run_dir).name)
        mlflow.set_tag("factoryfl.run_dir", str(run_dir))

    def log(self, metrics: Mapping[str, float], step: int) -> None:
        # MLflow metric names allow / but not every character a plant id may hold
        self._mlflow.log_metrics({_mlflow_key(k): v for k, v in metrics.items()}, step=step)

    def close(self) -> None:
        self._mlflow.end_run()


def _mlflow_key(key: str) -> str:
    return "".join(c if c.isalnum() or c in "_-./ " else "_" for c in key)
