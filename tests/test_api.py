"""The Python API (simulations/api.py): a scenario given as a dict, run through Flower's simulation
engine in a fresh interpreter (as a notebook would), results as objects, round metrics in TensorBoard."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from common.config import ConfigError
from server.metrics_logging import MetricsLoggerError, final_metrics, require_logger, round_metrics
from simulations.api import load_scenario, with_changes
from simulations.run_results import Results, ResultsError
from tests.conftest import REPO, tiny_scenario

NOTEBOOK = """
import json, sys
from simulations.api import load_scenario, simulate
scenario = load_scenario(json.loads(sys.argv[1]))
results = simulate(scenario, runs_dir=sys.argv[2])
print(json.dumps({"run_dir": str(results.run_dir), "table": results.to_frame().to_dicts(),
                  "chosen": results.chosen_models, "epsilon": results.epsilon,
                  "rounds": results.rounds_frame().to_dicts()}))
"""


def _tiny_dict(tmp_path: Path) -> dict:
    # without DP: a DP plant's default privacy policy releases its ε but no metrics (tests/test_privacy_policy.py)
    body = yaml.safe_load(tiny_scenario(tmp_path, federation={"rounds": 2},
                                        evaluation={"baselines": ["local_only"]}).read_text())
    body["simulation"] = {"metrics_logger": "tensorboard"}
    return body


@pytest.fixture(scope="module")
def notebook_run(tmp_path_factory) -> Iterator[tuple[dict, Path]]:
    """The tiny scenario as a dict through ``simulate`` in a subprocess whose cwd is a fresh folder."""
    tmp = tmp_path_factory.mktemp("api")
    ray_tmp = Path(tempfile.mkdtemp(prefix="ffray", dir="/tmp"))   # Ray's socket paths must stay short
    body = _tiny_dict(tmp)
    env = dict(os.environ, RAY_TMPDIR=str(ray_tmp), FLWR_TELEMETRY_ENABLED="0", PYTHONPATH=str(REPO),
               FLWR_HOME=str(tmp / "flwr-home"))
    work = tmp / "notebook"
    work.mkdir()
    try:
        proc = subprocess.run([sys.executable, "-c", NOTEBOOK, json.dumps(body), str(tmp / "runs")], cwd=work,
                              env=env, capture_output=True, text=True, timeout=400)
    finally:
        shutil.rmtree(ray_tmp, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    yield json.loads(proc.stdout.strip().splitlines()[-1]), work


def test_simulate_a_dict_scenario_returns_results_as_objects(notebook_run):
    out, work = notebook_run
    run_dir = Path(out["run_dir"])
    raw = json.loads((run_dir / "results.json").read_text())
    assert [row["plant"] for row in out["table"]] == ["plant-0", "plant-1", "plant-2"]
    for row in out["table"]:
        plant = raw["plants"][row["plant"]]
        assert row["status"] == "ok" and row["chosen_model"] == plant["transfer"]["model_choice"]["chosen"]
        assert row["chosen_model"] in {"local_only", "federated_global", "federated_personalised"}
        assert row["federated_global/accuracy"] == plant["metrics"]["federated_global"]["accuracy"]
        assert row["epsilon"] is None and out["epsilon"][row["plant"]] is None   # no DP in this scenario
        assert row["n_test"] == plant["n_test"] > 0
    assert [r["round"] for r in out["rounds"]] == [1, 2] and out["rounds"][0]["participants"] == 3
    assert out["chosen"] == {r["plant"]: r["chosen_model"] for r in out["table"]}
    assert not list(work.iterdir()), "the scenario file written for the run is left behind"
    assert raw["scenario"]["simulation"]["metrics_logger"] == "tensorboard"


def test_round_metrics_reach_tensorboard_one_step_per_round(notebook_run):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    out, _ = notebook_run
    run_dir = Path(out["run_dir"])
    raw = json.loads((run_dir / "results.json").read_text())
    events = EventAccumulator(str(run_dir / "tensorboard"))
    events.Reload()
    loss = events.Scalars("round/train_loss")
    assert [e.step for e in loss] == [1, 2]
    assert [e.value for e in loss] == pytest.approx([r["train_loss"] for r in raw["rounds"]], rel=1e-6)
    acc = events.Scalars("plant/plant-1/eval_accuracy")
    assert [e.value for e in acc] == pytest.approx([r["per_plant_eval_accuracy"]["plant-1"] for r in raw["rounds"]],
                                                   rel=1e-6)
    final = events.Scalars("final/plant-0/chosen/accuracy")
    assert [(e.step, e.value) for e in final] == [(2, pytest.approx(raw["plants"]["plant-0"]["metrics"]["chosen"]
                                                                    ["accuracy"], rel=1e-6))]
    assert set(events.Tags()["scalars"]) == {*(k for _, v in round_metrics(raw) for k in v), *final_metrics(raw)}


def test_results_load_a_run_folder_and_name_what_is_wrong(notebook_run, tmp_path):
    out, _ = notebook_run
    results = Results.load(out["run_dir"])
    assert results.primary_metric == "accuracy" and results.report.is_file()
    assert "3/3 plants ok, 2 rounds" in repr(results) and results.epsilon == dict.fromkeys(results.plants)
    table = results.to_frame("macro_f1", methods=["local_only"])
    assert table.columns[-1] == "local_only/macro_f1" and "| plant-2 | ok |" in str(table)
    assert results.plants["plant-2"].metric("macro_f1", "local_only") == table.column("local_only/macro_f1")[2]
    with pytest.raises(ResultsError, match="results.json: no results"):
        Results.load(tmp_path)
    (tmp_path / "results.json").write_text("{}")
    with pytest.raises(ResultsError, match="no 'plants' mapping"):
        Results.load(tmp_path)


def test_a_dict_scenario_is_validated_naming_the_key(tmp_path):
    body = _tiny_dict(tmp_path)
    assert load_scenario(body).simulation.metrics_logger == "tensorboard"
    with pytest.raises(ConfigError, match=r"simulation.*unknown metrics logger 'tensorbord'.*did you mean"):
        load_scenario({**body, "simulation": {"metrics_logger": "tensorbord"}})
    changed = with_changes(load_scenario(body), federation={"rounds": 7})
    assert changed.federation.rounds == 7 and changed.federation.training.local_epochs == 1


@pytest.mark.skipif(importlib.util.find_spec("mlflow") is not None, reason="mlflow is installed here")
def test_a_logger_whose_package_is_missing_is_named_before_the_run():
    with pytest.raises(MetricsLoggerError, match=r"mlflow needs the Python package 'mlflow'.*pip install"):
        require_logger("mlflow")
