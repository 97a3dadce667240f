"""A tiny C-MAPSS regression plant on a fake cycle table: its scenario, the plant and its run spec."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml


def tiny_cmapss_plant(tmp_path: Path, **scenario: Any):
    """(scenario, plant, spec) of one plant "site" reading a fake C-MAPSS table; ``scenario`` keys
    (``target_scale``, ``target_scaling``, ``federation`` …) are added to the top level (``model`` and
    ``personalisation`` entries update the defaults)."""
    from client.loader import make_plant
    from common.config import load_scenario, run_spec_from_scenario
    from tests.test_data_cmapss import _fake_file

    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump({
        "name": "turbofan", "task": "regression", **scenario,
        "window": {"length": 8},
        "personalisation": {"mode": "full", "epochs": 1, **scenario.get("personalisation", {})},
        "model": {"channels": [8, 8], "first_kernel": 3, "first_stride": 1, "block_pool": 1, "pool_bins": 2,
                  "feature_dim": 8, "standardize_input": False, **scenario.get("model", {})},
        "plants": [{"id": "site", "data": {"source": "cmapss", "path": str(_fake_file(tmp_path)),
                                           "sequence_length": 8, "smoothing": 0.5, "baseline_cycles": 3}}]}))
    loaded = load_scenario(path)
    plant = make_plant(loaded, loaded.plants[0], str(tmp_path / "run"))
    spec = dataclasses.replace(run_spec_from_scenario(loaded, tuple(plant.data.class_names)),
                               channels=plant.data.channels)
    return loaded, plant, spec
