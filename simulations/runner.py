"""Run a scenario as a Flower simulation on this host: many virtual plants, one process tree.

``simulate`` validates the whole scenario (config and every plant's data, all problems at
once) before the first round, runs the ServerApp and ClientApp through Flower's simulation
engine (Ray backend), then adds the centralized baseline and writes the report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common.config import load_scenario
from common.config.schema import Scenario
from common.console import phase
from common.fileio import atomic_write_json
from common.resources import (
    HostResources,
    backend_config,
    cluster_problems,
    detect_host,
    memory_hint,
    memory_problems,
    resource_problems,
    workers,
)
from simulations.plant_checks import PlantChecks, check_plants, log_left_out, record_left_out

logger = logging.getLogger(__name__)

APP_DIR = Path(__file__).resolve().parent.parent


class ScenarioInputError(ValueError):
    """The scenario's plants cannot run; ``problems`` lists every one with its fix."""

    def __init__(self, source: str, problems: list[str], what: str = "the plants' data") -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) with {what}:\n{lines}")


def validate_plants(scenario: Scenario) -> dict[str, dict[str, Any]]:
    """Load every plant's data once; return summaries or raise one error naming all problems
    (`factoryfl validate`: strict; `simulate` leaves bad plants out instead, see ``runnable_plants``)."""
    checks = check_plants(scenario)
    if checks.problems:
        raise ScenarioInputError(scenario.source_file, checks.problems)
    return checks.summaries


def runnable_plants(scenario: Scenario) -> PlantChecks:
    """The plants a simulation runs: a plant whose data cannot be used is left out (logged, listed in
    the results as failed), as a deployment does; one error when the scenario as a whole is wrong or
    fewer plants than the federation's minimum remain."""
    checks = check_plants(scenario)
    shortfall = checks.shortfall(scenario.federation.strategy.min_train_plants)
    if checks.scenario_problems or shortfall or not checks.summaries:
        problems = checks.problems + ([shortfall] if shortfall else [])
        raise ScenarioInputError(scenario.source_file, problems or ["no plant's data can be used"])
    log_left_out(checks)
    return checks


def plants_line(checks: PlantChecks) -> str:
    """The validation phase's line: plants ready and left out, their train (labelled) and test windows."""
    train = sum(int(s["train"]["windows"]) for s in checks.summaries.values())
    labelled = sum(int(s["train"]["labelled"]) for s in checks.summaries.values())
    test = sum(int(s["test"]["windows"]) for s in checks.summaries.values())
    left_out = f", {len(checks.failed)} left out" if checks.failed else ""
    unlabelled = len(checks.summaries) - len(checks.labelled)
    without = f" ({unlabelled} without labels: no pretraining there)" if unlabelled else ""
    return (f"plants: {len(checks.summaries)} ready{without}{left_out}; {train} train windows ({labelled} labelled), "
            f"{test} test windows")


def check_resources(scenario: Scenario, host: HostResources | None = None) -> dict[str, Any]:
    """Refuse resource requests this host cannot satisfy (with the numbers); Flower's backend config."""
    host = host or detect_host()
    problems = resource_problems(scenario.simulation, host)
    if problems:
        raise ScenarioInputError(scenario.source_file, problems, "the requested resources")
    return backend_config(scenario.simulation, host)


def check_memory(scenario: Scenario, summaries: dict[str, dict[str, Any]],
                 host: HostResources | None = None) -> None:
    """Refuse a run whose estimated peak memory exceeds what the host has free (see common.resources)."""
    if scenario.simulation.ray_address is not None:
        return  # memory is the cluster's, spread over its nodes
    largest = max((int(s.get("bytes", 0)) for s in summaries.values()), default=0)
    problems = memory_problems(scenario.simulation, host or detect_host(), len(scenario.plants), largest)
    if problems:
        raise ScenarioInputError(scenario.source_file, problems, "the memory this host has")


def connect_cluster(scenario: Scenario) -> dict[str, float]:
    """Join the Ray cluster at ``simulation.ray_address`` and check it can host one plant.

    Initialises Ray the way Flower's backend would (workers get this process's PYTHONPATH), so
    Flower then reuses the connection; returns ``ray.cluster_resources()``.
    """
    import socket
    import sys

    import ray

    sim = scenario.simulation
    address = sim.ray_address
    if address is None:
        raise ValueError("connect_cluster needs simulation.ray_address (None runs Ray on this host)")
    pythonpath = os.pathsep.join(sys.path)
    if os.environ.get("PYTHONPATH"):
        pythonpath = f"{pythonpath}{os.pathsep}{os.environ['PYTHONPATH']}"
    os.environ["PYTHONPATH"] = pythonpath
    def unreachable(detail: str) -> ScenarioInputError:
        return ScenarioInputError(scenario.source_file, [
            f"simulation.ray_address={sim.ray_address!r}: no Ray cluster answers there ({detail}); start one "
            "(`ray start --head`) or unset ray_address to run on this host"], "the Ray cluster")

    if address != "auto":
        host, _, port = address.rpartition(":")
        try:  # ray.init retries an unreachable address for minutes: probe the GCS port first
            socket.create_connection((host or "127.0.0.1", int(port)), timeout=5).close()
        except (OSError, ValueError) as exc:
            raise unreachable(f"{type(exc).__name__}: {exc}") from exc
    try:
        ray.init(address=sim.ray_address, runtime_env={"env_vars": {"PYTHONPATH": pythonpath}})
    except (ConnectionError, RuntimeError) as exc:
        raise unreachable(f"{type(exc).__name__}: {exc}") from exc
    cluster = {k: float(v) for k, v in ray.cluster_resources().items()}
    problems = cluster_problems(sim, cluster)
    if problems:
        ray.shutdown()
        raise ScenarioInputError(scenario.source_file, problems, "the Ray cluster's resources")
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    logger.info("Ray cluster at %s: %d node(s), %g CPU(s), %g GPU(s)", sim.ray_address, len(nodes),
                cluster.get("CPU", 0), cluster.get("GPU", 0))
    return cluster


def _run_flower_simulation(scenario_path: Path, run_dir: Path, num_plants: int,
                           backend_config: dict[str, Any], cpus_per_plant: int, messages_in_flight: int = 0,
                           prompt: bool = True) -> None:
    """Flower's simulation engine (the same path `flwr run` uses) with our run config."""
    from simulations.flower_private import run_simulation

    overrides = {"scenario": str(scenario_path), "run-dir": str(run_dir), "cpus-per-plant": cpus_per_plant,
                 "messages-in-flight": messages_in_flight}
    with _prompt_delivery() if prompt else contextlib.nullcontext():
        run_simulation(APP_DIR, num_plants, overrides, backend_config)


@contextlib.contextmanager
def _prompt_delivery() -> Iterator[None]:
    """Workers are fed on push; the coordinator waits on a count of stored replies (see flower_private)."""
    from server.app import GridTransport
    from server.transport import StoredReplies
    from simulations.flower_private import prompt_delivery

    stored = StoredReplies()
    with prompt_delivery(stored.add):
        GridTransport.stored_replies = stored
        try:
            yield
        finally:
            GridTransport.stored_replies = None


def _stop_ray() -> None:
    """Flower leaves Ray's raylet and workers up after the run; stop them so nothing lingers."""
    import ray

    if ray.is_initialized():
        ray.shutdown()


def simulate(scenario_path: str | Path, runs_dir: str | None = None, ray_address: str | None = None) -> Path:
    """Validate, run and report one scenario; return its run directory.

    ``ray_address`` (overrides ``simulation.ray_address``): run on that Ray cluster.
    """
    import json

    from server.app import new_run_dir
    from server.report import write_report
    from simulations.baselines import add_centralized_baseline
    from simulations.flower_private import require_supported_flower

    require_supported_flower()  # before minutes of data checks, not after
    scenario_path = Path(scenario_path).resolve()
    scenario = load_scenario(scenario_path)
    if ray_address is not None:
        scenario = dataclasses.replace(scenario, simulation=dataclasses.replace(
            scenario.simulation, ray_address=ray_address, total_cpus=None, total_gpus=None))
    backend = check_resources(scenario)
    checks = runnable_plants(scenario)
    check_memory(scenario, checks.summaries)
    logger.info("%s", plants_line(checks), extra=phase())
    os.environ.setdefault("FLWR_TELEMETRY_ENABLED", "0")
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    # Ray starts its workers at niceness 15 so that its daemons stay responsive; here the workers'
    # plant training is the work, and at 15 the coordinator's threads pre-empt it on a small host.
    os.environ.setdefault("RAY_worker_niceness", "0")
    run_dir = new_run_dir(scenario, runs_dir)
    sim = scenario.simulation
    try:
        if sim.ray_address is not None:
            cluster = connect_cluster(scenario)
            n_workers = workers(sim, int(cluster.get("CPU", 1)), cluster.get("GPU", 0.0))
        else:
            init = backend["init_args"]
            n_workers = workers(sim, int(init["num_cpus"]), float(init["num_gpus"]))
        in_flight = sim.messages_in_flight if sim.messages_in_flight is not None else max(16, 16 * n_workers)
        logger.info("scenario %s: %d plants on %d simulation worker(s) → %s", scenario.name, len(scenario.plants),
                    n_workers, run_dir, extra=phase())
        logger.info("at most %d message(s) in flight", in_flight)
        _run_flower_simulation(scenario_path, run_dir, len(scenario.plants), backend, sim.cpus_per_plant, in_flight,
                               prompt=sim.prompt_delivery)
    except MemoryError as exc:
        raise RuntimeError(f"the simulation ran out of memory ({exc}): {memory_hint('out of memory')}") from exc
    finally:
        _stop_ray()
    results_path = run_dir / "results.json"
    if not results_path.exists():
        raise RuntimeError(f"the federation ended without results ({results_path} missing): see the log above; "
                           f"if it shows workers killed for memory, {memory_hint('out of memory')}")
    results = json.loads(results_path.read_text())
    if "centralized" in scenario.evaluation.baselines:
        import torch

        torch.set_num_threads(scenario.simulation.cpus_per_plant)  # the compute one plant gets
        logger.info("centralized baseline: one model on the pooled labelled windows of %d plant(s)",
                    len(checks.summaries), extra=phase())
        add_centralized_baseline(scenario, results, left_out=set(checks.failed))
    results.pop("summary", None)
    record_left_out(results, checks)
    write_report(run_dir, results)
    atomic_write_json(results_path, results, sort_keys=False)
    return run_dir
