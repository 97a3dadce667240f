"""Metric sinks behind one tiny interface (``simulation.metrics_logger``): TensorBoard or MLflow.

The coordinator owns the sink (``server.app.run_federation``), in simulation and in `flwr run`
deployments alike: :class:`RoundSink` sends each pretraining round's record as the round loop
finishes it (step = round number: ``round/<scalar>`` and ``plant/<id>/<metric>``), then the plants'
final held-out metrics at the last round (``final/<plant>/<method>/<metric>``). The logger's
package is imported only when it is chosen; :func:`require_logger` reports a missing one before a
run starts, naming the package to install. A sink that fails mid-run (e.g. an unreachable MLflow
server) is logged once and dropped: the run goes on and ``results.json`` keeps every figure.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import time
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

    def close(self, *, completed: bool = True) -> None: ...


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


def record_metrics(record: Mapping[str, Any]) -> dict[str, float]:
    """One round record's ``round/<scalar>`` and ``plant/<id>/<metric>`` values."""
    values: dict[str, float] = {}
    for key in ROUND_SCALARS:
        if (v := _number(record.get(key))) is not None:
            values[f"round/{key}"] = v
    for key, metric in PER_PLANT.items():
        for plant_id, raw in (record.get(key) or {}).items():
            if (v := _number(raw)) is not None:
                values[f"plant/{plant_id}/{metric}"] = v
    values["round/participants"] = float(len(record.get("participants") or []))
    return values


def round_metrics(results: Mapping[str, Any]) -> list[tuple[int, dict[str, float]]]:
    """``(round, record_metrics)`` for every round record of a results dict."""
    return [(int(record["round"]), record_metrics(record)) for record in results.get("rounds") or []]


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


class RoundSink:
    """Logger ``name`` fed by the coordinator: :meth:`round_done` per round, :meth:`finish` at the end."""

    def __init__(self, name: str, run_dir: Path, scenario_name: str) -> None:
        require_logger(name)
        self.name = name
        self.last_round = 0
        self.rounds_sent = 0
        try:
            self._sink: MetricsLogger | None = METRICS_LOGGERS.load(name)(Path(run_dir), scenario_name)
        except Exception as exc:  # noqa: BLE001 - named once, before any round, with the setting to change
            raise MetricsLoggerError(f"simulation.metrics_logger: {name} could not start ({type(exc).__name__}: "
                                     f"{exc}): fix that, or set simulation.metrics_logger: null") from exc

    def _send(self, values: Mapping[str, float], step: int) -> None:
        if self._sink is None or not values:
            return
        try:
            self._sink.log(values, step)
        except Exception as exc:  # noqa: BLE001 - a metric sink never stops the federation
            logger.warning("metrics logger %s failed (%s: %s); no further metrics go to it, results.json keeps "
                           "them all", self.name, type(exc).__name__, exc)
            self._close(completed=False)

    def round_done(self, record: Mapping[str, Any]) -> None:
        """Send one finished round's record (the coordinator calls this as the round ends)."""
        self.last_round = int(record["round"])
        self._send(record_metrics(record), self.last_round)
        self.rounds_sent += 1

    def finish(self, results: Mapping[str, Any]) -> None:
        """Send the plants' final metrics at the last round and close the sink (the run completed)."""
        self._send(final_metrics(results), self.last_round)
        if self._sink is not None:
            logger.info("metrics of %d round(s) and the final evaluation sent to %s", self.rounds_sent, self.name)
        self._close(completed=True)

    def close(self) -> None:
        """Close the sink if :meth:`finish` did not (the run failed: an MLflow run is marked failed)."""
        self._close(completed=False)

    def _close(self, *, completed: bool) -> None:
        sink, self._sink = self._sink, None
        if sink is None:
            return
        try:
            sink.close(completed=completed)
        except Exception as exc:  # noqa: BLE001 - as in _send
            logger.warning("metrics logger %s did not close cleanly (%s: %s)", self.name, type(exc).__name__, exc)


class TensorBoardLogger:
    """Event files in ``<run_dir>/tensorboard`` (torch's SummaryWriter; needs the tensorboard package),
    flushed after every step so TensorBoard shows each round as it ends."""

    def __init__(self, run_dir: Path, scenario_name: str) -> None:
        from torch.utils.tensorboard import SummaryWriter

        self.log_dir = Path(run_dir) / "tensorboard"
        self._writer = SummaryWriter(log_dir=str(self.log_dir))
        self._writer.add_text("scenario", scenario_name)

    def log(self, metrics: Mapping[str, float], step: int) -> None:
        for key, value in metrics.items():
            self._writer.add_scalar(key, value, global_step=step)
        self._writer.flush()

    def close(self, *, completed: bool = True) -> None:
        self._writer.close()


class MlflowLogger:
    """One MLflow run (named after the run folder) in the experiment named after the scenario, at the
    tracking URI MLflow reads from ``MLFLOW_TRACKING_URI`` (default ``./mlruns``). Uses an explicit
    ``MlflowClient``, so it neither needs nor changes the caller's active MLflow run."""

    def __init__(self, run_dir: Path, scenario_name: str) -> None:
        from mlflow.tracking import MlflowClient

        self._client = MlflowClient()
        experiment = self._client.get_experiment_by_name(scenario_name)
        experiment_id = (experiment.experiment_id if experiment is not None
                         else self._client.create_experiment(scenario_name))
        run = self._client.create_run(experiment_id, run_name=Path(run_dir).name,
                                      tags={"factoryfl.run_dir": str(run_dir)})
        self.run_id = run.info.run_id

    def log(self, metrics: Mapping[str, float], step: int) -> None:
        from mlflow.entities import Metric

        now = int(time.time() * 1000)
        batch = [Metric(_mlflow_key(k), v, now, step) for k, v in metrics.items()]
        for start in range(0, len(batch), 1000):  # MLflow's log_batch takes at most 1000 metrics
            self._client.log_batch(self.run_id, metrics=batch[start:start + 1000])

    def close(self, *, completed: bool = True) -> None:
        self._client.set_terminated(self.run_id, status="FINISHED" if completed else "FAILED")


def _mlflow_key(key: str) -> str:
    # MLflow metric names allow / but not every character a plant id may hold
    return "".join(c if c.isalnum() or c in "_-./ " else "_" for c in key)
