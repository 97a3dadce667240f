"""Live metric logging in a real deployment (`factoryfl coordinator` / `plant` / `run`, TLS and plant
authentication): the coordinator's ServerApp process writes each round to TensorBoard as the round ends,
read back with TensorBoard's own event reader while the run goes on. Marker ``deploy`` (minutes)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import tiny_scenario, write_plant_policy
from tests.helpers.deployment import Deployment

pytest.importorskip("tensorboard", reason="the tensorboard package is not installed: pip install -e '.[test]'")
pytestmark = pytest.mark.deploy


def _steps(log_dir: Path, tag: str) -> list[int]:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    if not log_dir.is_dir():
        return []
    events = EventAccumulator(str(log_dir))
    events.Reload()
    return [e.step for e in events.Scalars(tag)] if tag in events.Tags()["scalars"] else []


def test_a_deployed_coordinator_logs_each_round_as_it_ends(tmp_path):
    rounds = 4
    scenario = tiny_scenario(tmp_path, synthetic_plants={"count": 2, "seed": 0, "num_windows_per_class": 12},
                             federation={"rounds": rounds, "round_timeout_s": 120, "evaluate_every": 0,
                                         "strategy": {"min_train_plants": 2}},
                             personalisation={"mode": "head", "epochs": 1}, evaluation={"baselines": []},
                             simulation={"metrics_logger": "tensorboard"})
    dep = Deployment(tmp_path / "dep", scenario, ["plant-0", "plant-1"],
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare()
    run_dir = tmp_path / "run"
    log_dir = run_dir / "tensorboard"
    try:
        dep.start_coordinator()
        for plant_id in dep.plant_ids:
            dep.register(plant_id)
        for plant_id in dep.plant_ids:
            dep.start_plant(plant_id)
        run = dep.launch(run_dir)
        first_seen: list[int] = []   # the rounds on disk when any first appeared, the run still going
        deadline = time.monotonic() + 900
        while run.popen.poll() is None and time.monotonic() < deadline:
            if not first_seen and not (run_dir / "results.json").exists():
                first_seen = _steps(log_dir, "round/train_loss")
            time.sleep(1.0)
        assert run.popen.returncode == 0, run.text()[-4000:]
    finally:
        dep.stop()
    assert first_seen and first_seen[0] == 1 and len(first_seen) < rounds, first_seen
    results = json.loads((run_dir / "results.json").read_text())
    assert _steps(log_dir, "round/train_loss") == [r["round"] for r in results["rounds"]] == list(range(1, rounds + 1))
