"""End to end through Flower's simulation engine (Ray): the `factoryfl simulate` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from server.app import WIRE_AUDIT
from tests.conftest import REPO, tiny_scenario


def _env(tmp_path: Path, ray_tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"RAY_TMPDIR": str(ray_tmp), "FLWR_TELEMETRY_ENABLED": "0",
                "FLWR_HOME": str(tmp_path / "flwr-home"), "PYTHONPATH": str(REPO)})
    return env


def _ray_processes(ray_tmp: Path) -> list[str]:
    out = subprocess.run(["ps", "-eww", "-o", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if str(ray_tmp) in line]


def test_three_plants_two_rounds_through_flower_simulation(tmp_path, ray_tmp):
    scenario = tiny_scenario(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(tmp_path / "runs")],
        cwd=REPO, env=_env(tmp_path, ray_tmp), capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "[round 1/2]" in proc.stderr and "[round 2/2]" in proc.stderr
    # one line per phase; Flower/Ray/alembic chatter only with -v (cli/console.py, tests/test_cli_console.py)
    for phase in ("plants: 3 ready", "scenario tiny: 3 plants", "pretraining: 2 rounds", "personalisation:",
                  "evaluation:"):
        assert proc.stderr.count(phase) == 1, (phase, proc.stderr[-3000:])
    for chatter in ("alembic", "DEBUG flwr", "FutureWarning", "Manually terminating", "ServerApp finished running",
                    "loaded plant"):
        assert chatter not in proc.stdout + proc.stderr, (chatter, proc.stderr[-3000:])
    (run_dir,) = (tmp_path / "runs").iterdir()
    assert run_dir.name.startswith("tiny-")
    assert f"report:  {run_dir / 'report.md'}" in proc.stdout
    results = json.loads((run_dir / "results.json").read_text())
    assert results["schema"] == "factoryfl-results/v1"
    assert set(results["plants"]) == {"plant-0", "plant-1", "plant-2"}
    for plant in results["plants"].values():
        assert plant["status"] == "ok"
        assert {"local_only", "federated_global", "federated_personalised"} <= set(plant["metrics"])
    assert results["scenario"]["federation"]["rounds"] == 2
    report = (run_dir / "report.md").read_text()
    assert "plant-2" in report and "mean ± std" in report
    for png in ("accuracy_per_plant.png", "rounds.png"):
        assert (run_dir / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    audit = (run_dir / WIRE_AUDIT).read_text()
    assert "extractor.blocks.0.weight" in audit and '"head.' not in audit
    assert _ray_processes(ray_tmp) == [], "Ray processes left running after the simulation"


def test_bad_scenario_stops_before_the_first_round_with_every_problem(tmp_path, ray_tmp):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: bad\n"
        "federaton: {rounds: 2}\n"
        "plants:\n"
        "  - {id: a, data: {source: synthetic, rpm: -5}}\n"
        f"  - {{id: b, data: {{source: directory, path: {tmp_path / 'nowhere'}}}}}\n"
    )
    proc = subprocess.run([sys.executable, "-m", "cli", "simulate", str(bad)], cwd=REPO,
                          env=_env(tmp_path, ray_tmp), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert str(bad) in proc.stderr
    assert "federaton" in proc.stderr and "did you mean 'federation'" in proc.stderr
    assert "plants[0].data.rpm" in proc.stderr
    assert "[round" not in proc.stderr


@pytest.mark.slow
def test_fifty_plants_on_two_cores(tmp_path, ray_tmp):
    scenario = tiny_scenario(tmp_path, synthetic_plants={"count": 50, "seed": 0, "num_windows_per_class": 8},
                             federation={"rounds": 2, "strategy": {"fraction_train": 0.5}})
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(tmp_path / "runs")],
        cwd=REPO, env=_env(tmp_path, ray_tmp), capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (run_dir,) = (tmp_path / "runs").iterdir()
    results = json.loads((run_dir / "results.json").read_text())
    assert len(results["plants"]) == 50
    assert all(len(r["participants"]) == 25 for r in results["rounds"])


def test_dp_runs_through_flower_and_a_second_run_continues_the_ledger(tmp_path, ray_tmp):
    """Two `factoryfl simulate` runs sharing a state_dir: the second run's ε starts where the first ended."""
    scenario = tiny_scenario(tmp_path, privacy={"enabled": True, "noise_multiplier": 1.2, "delta": 1e-5},
                             state_dir=str(tmp_path / "plant-state"))
    finals = []
    for attempt in range(2):
        runs = tmp_path / f"runs{attempt}"
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(runs)],
            cwd=REPO, env=_env(tmp_path, ray_tmp), capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        (run_dir,) = runs.iterdir()
        results = json.loads((run_dir / "results.json").read_text())
        finals.append({p: r["privacy"]["epsilon"] for p, r in results["plants"].items()})
        first_round = results["rounds"][0]["epsilon"]
        if attempt == 1:
            assert all(first_round[p] > finals[0][p] for p in first_round), (first_round, finals[0])
        assert "max ε" in proc.stderr or "max ε" in (run_dir / "report.md").read_text()
    ledger = json.loads((tmp_path / "plant-state" / "plant-0" / "privacy_ledger.json").read_text())
    assert len(ledger["entries"]) == 4 and len({e["run"] for e in ledger["entries"]}) == 2
    assert _ray_processes(ray_tmp) == []


@pytest.mark.slow
def test_thousand_plants_sampled_with_bounded_memory(tmp_path, ray_tmp):
    """1000 virtual plants on this host, 5 % per round; memory of every process stays bounded."""
    from simulations.benchmarks.procmem import MemorySampler

    scenario = tiny_scenario(tmp_path, synthetic_plants={"count": 1000, "seed": 0, "num_windows_per_class": 8},
                             federation={"rounds": 2, "evaluate_every": 0, "strategy": {"fraction_train": 0.05}},
                             personalisation={"mode": "none"}, evaluation={"baselines": []})
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(tmp_path / "runs")],
        cwd=REPO, env=_env(tmp_path, ray_tmp), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with MemorySampler(root=proc.pid, interval_s=1.0) as memory:
        _, stderr = proc.communicate(timeout=900)
    assert proc.returncode == 0, stderr[-3000:]
    (run_dir,) = (tmp_path / "runs").iterdir()
    results = json.loads((run_dir / "results.json").read_text())
    assert len(results["plants"]) == 1000
    assert all(len(r["participants"]) == 50 for r in results["rounds"])
    assert all(p["metrics"].get("federated_global") for p in results["plants"].values())
    # workers keep at most plant_cache_size plants: far below 1000 plants' data in memory
    assert memory.peak_pss < 4 * 2**30, memory.peak_pss
    assert _ray_processes(ray_tmp) == []


def test_plants_with_their_own_class_lists_run_on_the_union(tmp_path, ray_tmp):
    """Issue 17, point 1, through `factoryfl simulate`: one plant lists the classes in another order, one
    holds a subset; the simulation runs on the union by name instead of refusing the scenario."""
    import yaml

    from tests.conftest import with_explicit_plants

    scenario = with_explicit_plants(tiny_scenario(tmp_path, federation={"rounds": 1}), {})
    body = yaml.safe_load(scenario.read_text())
    body["plants"][1]["data"]["classes"] = ["imbalance", "ball", "outer_race", "inner_race", "normal"]
    body["plants"][2]["data"]["classes"] = ["normal", "outer_race", "ball"]
    scenario.write_text(yaml.safe_dump(body))
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "simulate", str(scenario), "--runs-dir", str(tmp_path / "runs")],
        cwd=REPO, env=_env(tmp_path, ray_tmp), capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "disagree" not in proc.stderr
    (run_dir,) = (tmp_path / "runs").iterdir()
    results = json.loads((run_dir / "results.json").read_text())
    assert results["class_names"] == ["normal", "inner_race", "outer_race", "ball", "imbalance"]
    assert all(plant["status"] == "ok" for plant in results["plants"].values())
    assert results["plants"]["plant-2"]["class_names"] == ["normal", "outer_race", "ball"]
    assert "never had training labels" in (run_dir / "report.md").read_text()
    assert _ray_processes(ray_tmp) == [], "Ray processes left running after the simulation"
