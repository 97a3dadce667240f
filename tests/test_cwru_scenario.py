"""The shipped CWRU scenario on the real bearing data (skipped when ../shared/datasets is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from common.config import load_scenario
from server.app import run_federation
from tests.conftest import REPO
from tests.helpers.loopback import LoopbackGrid

pytestmark = pytest.mark.data

SHIPPED = REPO / "simulations" / "scenarios" / "cwru_4plants.yaml"


def _short_copy(tmp_path: Path, cwru_dir: Path, rounds: int) -> Path:
    body = yaml.safe_load(SHIPPED.read_text())
    for plant in body["plants"]:
        plant["data"]["path"] = str(cwru_dir / Path(plant["data"]["path"]).name)
    body["federation"]["rounds"] = rounds
    body["federation"]["training"]["local_epochs"] = 1
    body["evaluation"] = {"baselines": []}
    path = tmp_path / "cwru.yaml"
    path.write_text(yaml.safe_dump(body))
    return path


def test_shipped_cwru_scenario_points_at_the_shared_data(cwru_dir):
    scenario = load_scenario(SHIPPED)
    assert [p.id for p in scenario.plants] == ["load0", "load1", "load2", "load3"]
    for plant in scenario.plants:
        resolved = (Path(scenario.base_dir) / plant.data.params.path).resolve()
        assert resolved == (cwru_dir / f"{plant.id}.npz").resolve()


def test_cwru_four_plants_federate_and_learn(tmp_path, cwru_dir):
    path = _short_copy(tmp_path, cwru_dir, rounds=2)
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 4, run_dir), scenario, run_dir)
    assert results["class_names"] == ["IR007", "B007", "OR007", "IR014", "B014", "OR014", "IR021", "B021", "OR021"]
    for plant in results["plants"].values():
        assert plant["status"] == "ok"
        assert plant["n_test"] >= 9 * 20
        # 9 classes: chance is 11 %; two short rounds plus a personalised head already do far better
        assert plant["metrics"]["federated_personalised"]["accuracy"] > 0.6
