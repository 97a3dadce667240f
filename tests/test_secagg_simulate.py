"""Secure aggregation through Flower's simulation engine (Ray): the `factoryfl simulate` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from server.app import WIRE_AUDIT
from tests.conftest import REPO, tiny_scenario
from tests.test_flwr_run import _free_port, _stop_all


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


@pytest.mark.slow  # keeps the secagg tests of the default tier under a minute
@pytest.mark.flwr_cli
def test_flwr_run_runs_securely_aggregated_rounds(tmp_path: Path, ray_tmp: Path) -> None:
    """`flwr run .` with a managed local SuperLink (stopped afterwards by PID, as tests/test_flwr_run.py does)."""
    scenario = tiny_scenario(tmp_path, federation={
        "rounds": 2, "relative_norm_bound": None, "secure_aggregation": {"enabled": True, "clip": 10.0}},
        evaluation={"baselines": []})
    port, control_port = _free_port(), _free_port()
    home = tmp_path / "flwr-home"
    env = dict(os.environ) | {
        "FLWR_HOME": str(home), "FLWR_LOCAL_SUPERLINK_HTTP_API_PORT": str(port),
        "FLWR_LOCAL_CONTROL_API_PORT": str(control_port), "FLWR_DISABLE_RUNTIME_DEPENDENCY_INSTALLATION": "1",
        "FLWR_TELEMETRY_ENABLED": "0", "FLWR_DISABLE_UPDATE_CHECK": "1", "RAY_TMPDIR": str(ray_tmp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run_dir = tmp_path / "run"
    try:
        proc = subprocess.run(["flwr", "run", ".", "--stream", "--run-config",
                               f'scenario="{scenario}" run-dir="{run_dir}"', "--federation-config",
                               "num-supernodes=3 client-resources-num-cpus=1"],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=400)
        assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
        results = json.loads((run_dir / "results.json").read_text())
        assert [len(r["secure_aggregation"]["survivors"]) for r in results["rounds"]] == [3, 3]
    finally:
        _stop_all([str(home), str(ray_tmp), f"127.0.0.1:{port}", f"127.0.0.1:{control_port}"])
