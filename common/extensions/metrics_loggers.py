"""Registry of metric loggers (``simulation.metrics_logger``): where a simulation's metrics go
besides ``results.json``.

Each entry's ``target`` is a class under ``server/metrics_logging.py`` built as
``cls(run_dir, scenario_name)`` with ``log(metrics, step)`` and ``close(completed=...)``; the
coordinator calls it as each round ends. Fact: ``package``,
the PyPI package it imports (only when chosen; a missing one is reported before the run starts,
naming it). Adding a logger: one class plus one ``METRICS_LOGGERS.add(...)`` here.
"""

from common.registry import Registry

METRICS_LOGGERS = Registry(
    "metrics logger", "simulation.metrics_logger",
    "Where the coordinator also sends each round's metrics as the round ends (`factoryfl simulate`, "
    "`simulations.api.simulate` and `flwr run` deployments alike).",
)

METRICS_LOGGERS.add("tensorboard", "server.metrics_logging:TensorBoardLogger", package="tensorboard",
                    summary="TensorBoard event files in <run>/tensorboard (`tensorboard --logdir runs`)")
METRICS_LOGGERS.add("mlflow", "server.metrics_logging:MlflowLogger", package="mlflow",
                    summary="an MLflow run named after the run folder, in the experiment named after the scenario "
                            "(tracking URI from MLFLOW_TRACKING_URI)")
