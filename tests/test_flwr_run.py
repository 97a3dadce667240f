"""`flwr run .` works on this app (the repository root is a Flower app), with a managed
local SuperLink that the test stops afterwards by PID."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, tiny_scenario

pytestmark = pytest.mark.flwr_cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processes_mentioning(text: str) -> list[int]:
    out = subprocess.run(["ps", "-eww", "-o", "pid,args"], capture_output=True, text=True).stdout
    pids = []
    for line in out.splitlines()[1:]:
        pid, _, args = line.strip().partition(" ")
        if text in args and int(pid) != os.getpid():
            pids.append(int(pid))
    return pids


def _stop_all(markers: list[str]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = [p for m in markers for p in _processes_mentioning(m)]
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.time() + 10
        while time.time() < deadline and any(_processes_mentioning(m) for m in markers):
            time.sleep(0.2)


def test_flwr_run_dot_runs_the_federation(tmp_path, ray_tmp):
    scenario = tiny_scenario(tmp_path)
    port, control_port = _free_port(), _free_port()
    home = tmp_path / "flwr-home"
    env = dict(os.environ)
    env.update({
        "FLWR_HOME": str(home), "FLWR_LOCAL_SUPERLINK_HTTP_API_PORT": str(port),
        "FLWR_LOCAL_CONTROL_API_PORT": str(control_port),
        "FLWR_DISABLE_RUNTIME_DEPENDENCY_INSTALLATION": "1", "FLWR_TELEMETRY_ENABLED": "0",
        "FLWR_DISABLE_UPDATE_CHECK": "1", "RAY_TMPDIR": str(ray_tmp),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    })
    run_dir = tmp_path / "run"
    try:
        proc = subprocess.run(
            ["flwr", "run", ".", "--stream",
             "--run-config", f'scenario="{scenario}" run-dir="{run_dir}"',
             "--federation-config", "num-supernodes=3 client-resources-num-cpus=1"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=400,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, output[-3000:]
        assert output.count("[round 2/2]") == 1, output[-3000:]  # each log line once (issue 21)
        results = json.loads((run_dir / "results.json").read_text())
        assert set(results["plants"]) == {"plant-0", "plant-1", "plant-2"}
        assert all(p["status"] == "ok" for p in results["plants"].values())
        listing = subprocess.run(["flwr", "ls", "--format", "json"], cwd=REPO, env=env, capture_output=True,
                                 text=True, timeout=60)
        assert "finished:completed" in listing.stdout, listing.stdout[-2000:]
    finally:
        _stop_all([str(home), str(ray_tmp), f"127.0.0.1:{port}", f"127.0.0.1:{control_port}"])
    assert not _processes_mentioning(str(home)) and not _processes_mentioning(f"127.0.0.1:{port}")
