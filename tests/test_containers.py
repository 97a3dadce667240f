"""The compose stack, built and run here with podman: coordinator + three plants in containers, TLS
and plant authentication, one data and one state volume per plant, a federation run to completion.

Marker ``containers`` (`make test-containers`, which first builds the images: docker/build-images.sh).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers.deployment import free_port

pytestmark = pytest.mark.containers

COMPOSE_FILE = REPO / "docker" / "compose.yaml"


def _podman_compose() -> str:
    tool = Path(sys.executable).parent / "podman-compose"
    if shutil.which("podman") is None or not tool.exists():
        pytest.skip("needs podman and podman-compose (apt-get install podman ...; pip install podman-compose)")
    return str(tool)


def _env(project: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("CONTAINERS_CONF", str(REPO / "docker" / "containers.conf"))
    env.update({"COORDINATOR_PORT": str(free_port()), "BASE_IMAGE": "localhost/factoryfl-base:bookworm",
                "TORCH_INDEX": "", "COMPOSE_PROJECT_NAME": project})
    return env


def test_compose_stack_runs_a_federation_to_completion():
    compose = _podman_compose()
    project = f"ff5{secrets.token_hex(3)}"
    env = _env(project)
    build = subprocess.run([str(REPO / "docker" / "build-images.sh")], env=env, capture_output=True, text=True,
                           timeout=1800)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    base = [compose, "-f", str(COMPOSE_FILE), "-p", project]
    try:
        up = subprocess.run([*base, "up", "-d", "--no-build"], env=env, capture_output=True, text=True, timeout=600)
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        run = subprocess.run([compose, "--profile", "run", "-f", str(COMPOSE_FILE), "-p", project,
                              "run", "--rm", "run"], env=env, capture_output=True, text=True, timeout=1200)
        output = run.stdout + run.stderr
        assert run.returncode == 0, output[-5000:]
        assert "[round 3/3]" in output
        results = subprocess.run(
            ["podman", "run", "--rm", "-v", f"{project}_coordinator-state:/state", "--entrypoint", "cat",
             "localhost/factoryfl-plant:latest", "/state/runs/demo/results.json"],
            env=env, capture_output=True, text=True, timeout=120)
        assert results.returncode == 0, results.stderr
        body = json.loads(results.stdout)
        assert sorted(body["plants"]) == ["plant-0", "plant-1", "plant-2"]
        assert all(p["status"] == "ok" for p in body["plants"].values())
        assert body["privacy"]["enabled"] and body["privacy"]["max_epsilon"] > 0
        # each plant's state (ledger, personalised model) is in its own volume
        for i in range(3):
            ls = subprocess.run(["podman", "run", "--rm", "-v", f"{project}_plant-{i}-state:/state", "--entrypoint",
                                 "ls", "localhost/factoryfl-plant:latest", "/state", "/state/models"],
                                env=env, capture_output=True, text=True, timeout=120)
            assert "privacy_ledger.json" in ls.stdout and "personalised.pt" in ls.stdout, ls.stdout + ls.stderr
    finally:
        logs = subprocess.run([*base, "logs"], env=env, capture_output=True, text=True, timeout=120)
        (Path(os.environ.get("TMPDIR", "/tmp")) / f"{project}-compose.log").write_text(logs.stdout + logs.stderr)
        subprocess.run([compose, "--profile", "run", "-f", str(COMPOSE_FILE), "-p", project, "down", "-v"],
                       env=env, capture_output=True, text=True, timeout=300)
