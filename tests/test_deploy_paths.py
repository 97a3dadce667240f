"""Deployment commands take every path relative to the caller's directory, though Flower runs elsewhere."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cli.main import build_parser, main
from deploy.cli import app_dir

DEMO = "simulations/scenarios/deploy_demo.yaml"


@pytest.fixture
def trial(tmp_path, monkeypatch):
    """An empty working directory that is not the app directory, with its own FLWR_HOME."""
    work = tmp_path / "trial"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("FLWR_HOME", str(tmp_path / "flwr-home"))
    assert Path.cwd() != app_dir()
    return work


def _announced(out: str, program: str) -> list[str]:
    lines = [line[2:] for line in out.splitlines() if line.startswith("$ ") and program in line]
    assert lines, f"no `$ {program} ...` line in:\n{out}"
    return shlex.split(lines[-1])


def _value(argv: list[str], flag: str) -> str:
    return argv[argv.index(flag) + 1]


def test_coordinator_and_plant_get_absolute_paths(trial, capsys):
    assert main(["certs", "certs", "--host", "localhost", "--plant", "plant-0"]) == 0
    assert (trial / "certs" / "plants" / "plant-0" / "plant.key.pub").is_file()

    assert main(["coordinator", "--certs", "certs", "--state-dir", "state/coordinator", "--dry-run"]) == 0
    link = _announced(capsys.readouterr().out, "flower-superlink")
    assert _value(link, "--ssl-ca-certfile") == str(trial / "certs" / "ca.crt")
    assert _value(link, "--database") == str(trial / "state" / "coordinator" / "superlink.db")

    assert main(["plant", "--coordinator", "localhost:9443", "--ca", "certs/ca.crt",
                 "--key", "certs/plants/plant-0/plant.key", "--plant-id", "plant-0", "--data-dir", "data/plant-0",
                 "--state-dir", "state/plant-0", "--runtime-port", "9095", "--dry-run"]) == 0
    node = _announced(capsys.readouterr().out, "flower-supernode")
    assert _value(node, "--root-certificates") == str(trial / "certs" / "ca.crt")
    assert _value(node, "--auth-supernode-private-key") == str(trial / "certs" / "plants" / "plant-0" / "plant.key")
    assert f'data-dir="{trial / "data" / "plant-0"}"' in _value(node, "--node-config")
    assert _value(node, "--port") == "9095"


def test_register_finds_a_relative_public_key(trial, capsys):
    """The bug this guards: `flwr` runs from the app directory, where `certs/...` does not exist."""
    assert main(["certs", "certs", "--host", "localhost", "--plant", "plant-0"]) == 0
    capsys.readouterr()
    # nothing listens on port 9: registration fails on the connection, not on the key path
    code = main(["register", "--coordinator", "127.0.0.1:9", "--ca", "certs/ca.crt", "--certs", "certs", "plant-0"])
    captured = capsys.readouterr()
    assert code == 1
    argv = _announced(captured.out, "supernode register")
    assert argv[3] == str(trial / "certs" / "plants" / "plant-0" / "plant.key.pub")
    assert "does not exist" not in captured.out + captured.err
    assert "Connection to the SuperLink is unavailable" in captured.out
    config = (trial.parent / "flwr-home" / "config.toml").read_text()
    assert re.search(r'root-certificates = "' + re.escape(str(trial / "certs" / "ca.crt")), config)


def test_run_paths_from_the_caller_or_the_app(trial):
    (trial / "mine.yaml").write_text("name: x\n")
    args = build_parser().parse_args(["run", "mine.yaml", "--run-dir", "runs/demo"])
    assert args.scenario == str(trial / "mine.yaml") and args.run_dir == str(trial / "runs" / "demo")
    # not in the caller's directory: left relative, read from the app that `flwr run` ships
    assert build_parser().parse_args(["run", DEMO]).scenario == DEMO
    args = build_parser().parse_args(["log", "--follow", "--flwr-home", "home"])
    assert args.run_id is None and args.flwr_home == str(trial / "home")


def test_plant_data_reads_an_app_scenario_and_writes_here(trial, capsys):
    assert main(["plant-data", "data/plant-0", "--scenario", DEMO, "--plant", "plant-0"]) == 0
    assert (trial / "data" / "plant-0" / "manifest.yaml").is_file()
    assert main(["plant-data", "data/x", "--scenario", "nowhere.yaml", "--plant", "plant-0"]) != 0
    assert "nowhere.yaml" in capsys.readouterr().err
