"""Test tiers (select with -m):

- default (``make test``): unit tests, in-process federations through the real ClientApp and
  coordinator (tests/helpers/loopback.py), and one end-to-end run through Flower's simulation
  engine (Ray) and one through the `flwr run` CLI.
- ``slow``: longer end-to-end runs (more plants, real-data scenarios at full size).
- ``data``: needs ../shared/datasets; skipped with a message when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from common.data.locate import DATA_DIR_ENV, SHARED_DATASETS

os.environ.setdefault("FLWR_TELEMETRY_ENABLED", "0")
os.environ.setdefault("FLWR_DISABLE_UPDATE_CHECK", "1")

# One intra-op thread: on a 2-core machine two OpenMP threads that share a core with another
# process slow a small CNN step by ~100× (measured: 1.2 s vs 12 ms per step under load).
import torch  # noqa: E402

torch.set_num_threads(1)

REPO = Path(__file__).resolve().parent.parent
# The real data sets' root (offline cache): FACTORYFL_DATASETS, else FACTORYFL_DATA_DIR, else ../shared/datasets
DATASETS = Path(os.environ.get("FACTORYFL_DATASETS") or os.environ.get(DATA_DIR_ENV) or SHARED_DATASETS)


def tiny_scenario(tmp_path: Path, **overrides) -> Path:
    """Write a small, fast synthetic scenario (3 plants, small model) and return its path."""
    body = {
        "name": "tiny",
        "seed": 0,
        "synthetic_plants": {"count": 3, "seed": 0, "num_windows_per_class": 16},
        "model": {"channels": [8, 16], "groups": 4, "feature_dim": 16},
        "federation": {"rounds": 2, "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}},
        "personalisation": {"mode": "head", "epochs": 2},
        "evaluation": {"baselines": ["local_only"]},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            body[key] = {**body[key], **value}
        else:
            body[key] = value
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(body))
    return path


def with_explicit_plants(path: Path, last_plant_extra: dict) -> Path:
    """Rewrite a tiny scenario's generated plants as an explicit list (same params), adding
    ``last_plant_extra`` to the last plant (e.g. a budget, no labels, a transfer method)."""
    from common.config import to_dict
    from common.data import make_plant_params

    body = yaml.safe_load(path.read_text())
    generated = body.pop("synthetic_plants")
    body["plants"] = []
    for i in range(generated["count"]):
        params = to_dict(make_plant_params(i, generated["seed"],
                                           num_windows_per_class=generated["num_windows_per_class"]))
        plant = {"id": f"plant-{i}", "data": {"source": "synthetic", **params}}
        if i == generated["count"] - 1:
            plant.update(last_plant_extra)
        body["plants"].append(plant)
    path.write_text(yaml.safe_dump(body))
    return path


def write_plant_policy(state_dir: Path, **policy) -> Path:
    """A deployed plant's own privacy policy file; default: DP not required, every category allowed
    (a trial plant that shares its evaluation with the coordinator)."""
    from client.node_config import POLICY_FILE
    from common.privacy.policy import RELEASE_CATEGORIES

    body = {"require_dp": False, "allow": sorted(RELEASE_CATEGORIES), **policy}
    Path(state_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    path = Path(state_dir) / POLICY_FILE
    path.write_text(yaml.safe_dump(body))
    return path


@pytest.fixture
def cwru_dir() -> Path:
    path = DATASETS / "cwru12k_de"
    if not (path / "load0.npz").exists():
        pytest.skip(f"CWRU data not found at {path}: set FACTORYFL_DATASETS or place ../shared/datasets")
    return path


@pytest.fixture
def ray_tmp():
    """A short RAY_TMPDIR (Ray's socket paths must stay under 107 bytes), removed afterwards."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="ffray", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


CONSOLE_ENV = ("FLWR_LOG_LEVEL", "RAY_DEDUP_LOGS", "RAY_DEDUP_LOGS_ALLOW_REGEX", "RAY_DEDUP_LOGS_SKIP_REGEX")
"""What the CLI's quiet console sets in its own process (cli/console.py: route_flower_logs)."""


@pytest.fixture(autouse=True)
def _console_env_restored():
    """A test that runs a `factoryfl` command in this process leaves the environment as it found it
    (a quiet FLWR_LOG_LEVEL would silence the Flower processes later tests start and wait on)."""
    saved = {name: os.environ.get(name) for name in CONSOLE_ENV}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
