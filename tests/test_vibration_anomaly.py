"""The vibration anomaly benchmark's scenario builders (simulations/benchmarks/vibration_anomaly.py)."""

from pathlib import Path

import pytest
import yaml

from common.config import load_scenario
from simulations.benchmarks.vibration_anomaly import base_scenario, scenario_for


def test_new_plant_has_only_normal_labels_and_the_kept_detector(tmp_path: Path) -> None:
    base = base_scenario("synthetic")
    body = scenario_for(base, seed=3, target="plant-b", rounds=4, local_epochs=1)
    by_id = {p["id"]: p for p in body["plants"]}
    assert by_id["plant-b"]["labelled_classes"] == ["normal"]
    assert "labelled_fraction" not in by_id["plant-b"]
    assert by_id["plant-b"]["detector"]["name"] == "logit_mahalanobis"
    assert by_id["plant-b"]["detector"]["false_alarm_rate"] == 0.01
    for other in ("plant-a", "plant-c", "plant-d"):
        assert "detector" not in by_id[other] and "labelled_classes" not in by_id[other]
        assert by_id[other]["labelled_fraction"] == 0.1   # synthetic_4plants.yaml's, unchanged
    assert body["seed"] == 3 and body["federation"]["rounds"] == 4
    assert body["federation"]["training"]["local_epochs"] == 1
    assert body["personalisation"] == {"mode": "none"}
    assert "detector" not in {k for p in base["plants"] for k in p}   # the base is not modified
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(body))
    scenario = load_scenario(path)   # the config layer accepts it
    assert next(p for p in scenario.plants if p.id == "plant-b").labelled_classes == ("normal",)


def test_cwru_plants_take_disjoint_parts_of_the_normal_record(tmp_path: Path) -> None:
    body = base_scenario("cwru", tmp_path)
    parts = [p["data"]["normal_part"] for p in body["plants"]]
    assert parts == [0, 1, 2, 3] and {p["data"]["normal_parts"] for p in body["plants"]} == {4}
    assert all(p["data"]["classes"][0] == "normal" and len(p["data"]["classes"]) == 10 for p in body["plants"])
    assert all(p["data"]["normal_path"] == str(tmp_path / "load0.npz") for p in body["plants"])


def test_unknown_target_or_dataset_is_refused() -> None:
    with pytest.raises(ValueError, match="plant-z"):
        scenario_for(base_scenario("synthetic"), 0, "plant-z", 1, 1)
    with pytest.raises(ValueError, match="tep"):
        base_scenario("tep")


def test_verdict_calls_a_near_tie_level() -> None:
    from simulations.benchmarks.vibration_anomaly import verdict

    assert verdict(1.0, 0.9999) == "level with"
    assert verdict(0.70, 0.65) == "above"
    assert verdict(0.638, 0.901) == "below"
