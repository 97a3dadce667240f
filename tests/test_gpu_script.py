"""The prepared GPU benchmark runs end to end on the CPU (``--device cpu``) and checks itself."""

from __future__ import annotations

import json
import sys

from simulations.benchmarks import gpu_plants


def test_gpu_script_runs_on_cpu_and_vectorised_matches(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["gpu_plants", "--device", "cpu", "--plants", "6", "--overhead", "",
                                      "--equivalence-plants", "3", "--chunk", "4", "--out", str(tmp_path),
                                      "--name", "check"])
    gpu_plants.main()
    payload = json.loads((tmp_path / "check.json").read_text())
    rows = {r["path"]: r for r in payload["rows"]}
    assert set(rows) == {"vectorised", "per-plant"}
    assert rows["vectorised"]["plants"] == rows["per-plant"]["plants"] == 6
    assert rows["vectorised"]["max_abs_diff_vs_per_plant"] < 1e-4   # chunks of 4 and 2: same parameters
    assert rows["per-plant"]["plant_epochs_per_s"] > 0
    assert "| 6 | vectorised (chunk 4) | cpu |" in (tmp_path / "check.md").read_text()
