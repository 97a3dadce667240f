"""Secure aggregation through Flower's simulation engine (Ray): the `factoryfl simulate` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from server.app import WIRE_AUDIT
from tests.conftest import REPO, tiny_scenario


def test_factoryfl_simulate_runs_securely_aggregated_rounds(tmp_path: Path, ray_tmp: Path) -> None:
    scenario = tiny_scenario(tmp_path, federation={
        "rounds": 2, "relative_norm_bound": None, "secure_aggregation": {"enabled": True, "clip": 10.0}},
        evaluation={"baselines": []})
    env = dict(os.environ) | {"RAY_TMPDIR": str(ray_tmp), "FLWR_TELEMETRY_ENABLED": "0",
                              "FLWR_HOME": str(tmp_path / "flwr-home"), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(tmp_path / "runs")]
    proc = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (run_dir,) = (tmp_path / "runs").iterdir()
    results = json.loads((run_dir / "results.json").read_text())
    for record in results["rounds"]:
        facts = record["secure_aggregation"]
        assert facts["failed"] is None and facts["survivors"] == ["plant-0", "plant-1", "plant-2"]
        assert (facts["threshold"], facts["neighbours"]) == (2, 2)
    assert "## Secure aggregation (SecAgg+)" in (run_dir / "report.md").read_text()
    audit = [json.loads(line) for line in (run_dir / WIRE_AUDIT).read_text().splitlines()]
    types = {entry["message_type"] for entry in audit}
    assert "train" not in types and {"train.secagg_setup", "train.secagg_unmask"} <= types
    for entry in audit:  # no reply carried parameters in the clear: only masked vectors
        if "arrays" in entry:
            assert entry["arrays"]["keys"] == ["secagg-masked"], entry
