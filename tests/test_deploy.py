"""A real deployment on this host: coordinator and plants as Flower processes started with the
`factoryfl` commands, TLS and plant authentication on (tests/helpers/deployment.py).

Marker ``deploy`` (minutes each; `make test-deploy`). What each test shows:
- a plant killed mid-run: the rounds go on with the others; restarted, it keeps its head and
  ledger and rejoins; an impostor node (key registered as another plant) is refused, both sides say so;
- the coordinator killed mid-run: restarted, the run resumes from its checkpoint and no plant
  double counts privacy spend; a plant with a missing data directory answers with an error naming it;
- turbofan (C-MAPSS-format) plants learn RUL regression and predict engines from raw cycle tables.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from common.privacy.accounting import epsilon_of
from tests.conftest import tiny_scenario, write_plant_policy
from tests.helpers.deployment import Deployment

pytestmark = pytest.mark.deploy

DP = {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5}


def _scenario(tmp_path: Path, plants: int, rounds: int) -> Path:
    return tiny_scenario(tmp_path, synthetic_plants={"count": plants, "seed": 0, "num_windows_per_class": 12},
                         federation={"rounds": rounds, "round_timeout_s": 45, "evaluate_every": 0,
                                     "strategy": {"min_train_plants": 2},
                                     "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}},
                         personalisation={"mode": "head", "epochs": 1}, evaluation={"baselines": []},
                         privacy=DP)


def _round_done(proc, n: int) -> bool:
    return f"[round {n}/" in proc.text()


def _ledger_ok(dep: Deployment, plant_id: str, results: dict) -> list[dict]:
    """No release twice; ε reported = ε of the whole ledger."""
    entries = dep.ledger(plant_id)
    releases = [e["release"] for e in entries]
    assert len(releases) == len(set(releases)), releases
    pairs = Counter((e["run"], e["round"]) for e in entries if e["purpose"] == "pretraining")
    reported = results["plants"][plant_id]["privacy"]["epsilon"]
    expected = epsilon_of([(e["noise_multiplier"], e["sample_rate"], e["steps"]) for e in entries], DP["delta"], "rdp")
    assert abs(reported - expected) <= 1e-6 * max(expected, 1.0), (plant_id, reported, expected)
    return [dict(e, attempts=pairs[(e["run"], e["round"])]) for e in entries]


def test_plant_killed_mid_run_rejoins_and_impostor_is_refused(tmp_path):
    dep = Deployment(tmp_path / "dep", _scenario(tmp_path, 3, rounds=6), ["plant-0", "plant-1", "plant-2"],
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare(extra_keys=["impostor"])
    try:
        dep.start_coordinator()
        for plant_id in dep.plant_ids:
            dep.register(plant_id)
        dep.register("plant-0-spare", key_of="impostor")   # a key registered for another name ...
        for plant_id in dep.plant_ids:
            dep.start_plant(plant_id)
        # ... used by a node that claims to be plant-1
        impostor = dep.start_plant("plant-1", key_of="impostor", name="impostor",
                                   data_dir=dep.data_dir("plant-1"))
        run_dir = tmp_path / "run"
        run = dep.launch(run_dir)
        dep.wait_for(lambda: _round_done(run, 1), 300, "round 1", run)
        dep.kill("plant-plant-2")
        dep.wait_for(lambda: _round_done(run, 2), 300, "round 2 without plant-2", run)
        dep.start_plant("plant-2")
        dep.wait_for(lambda: run.popen.poll() is not None, 600, "the run to finish", run)
        assert run.popen.returncode == 0, run.text()[-4000:]
        results = json.loads((run_dir / "results.json").read_text())
        rounds = {r["round"]: r for r in results["rounds"]}
        assert sorted(rounds) == [1, 2, 3, 4, 5, 6]
        assert "plant-2" in rounds[1]["participants"]
        assert "plant-2" not in rounds[2]["participants"]           # killed: the round went on without it
        assert {"plant-0", "plant-1"} <= set(rounds[2]["participants"])
        # restarted: Flower refuses to re-activate a hard-killed node for up to ~60 s, then it rejoins
        rejoined = [r for r in (4, 5, 6) if "plant-2" in rounds[r]["participants"]]
        assert rejoined, rounds
        # every round it missed is in its record and in the report, with the phase and why
        missed = {e["round"] for e in results["plants"]["plant-2"]["excluded_rounds"] if e.get("phase") == "pretrain"}
        assert 2 in missed and set(range(2, rejoined[0])) <= missed, results["plants"]["plant-2"]["excluded_rounds"]
        # one bullet per reason, its rounds joined ("round 2 (pretrain)" or "rounds 2–3 (pretrain)")
        assert re.search(r"`plant-2`, rounds? 2(–\d+)?(, [\d–]+)* \(pretrain\)", (run_dir / "report.md").read_text())
        for plant_id in dep.plant_ids:
            assert results["plants"][plant_id]["status"] == "ok"
            assert "federated_personalised" in results["plants"][plant_id]["metrics"]
        # plant-2 kept its state across the restart: one ledger (entries before and after), its head
        entries = _ledger_ok(dep, "plant-2", results)
        assert {e["round"] for e in entries} >= {1, rejoined[0]}
        assert (dep.state_dir("plant-2") / "models" / "personalised.pt").exists()
        # the impostor: refused on the coordinator's side and told so on its own
        refused = [p for p in results["plants"] if p.startswith("refused-")]
        assert refused and "registered as plant 'plant-0-spare' but claims plant id 'plant-1'" in \
            results["plants"][refused[0]]["status_reason"]
        dep.wait_for(lambda: "the coordinator refused this plant" in impostor.text(), 60, "refusal on the plant side")
        assert "plant-0-spare" in impostor.text()
    finally:
        dep.stop()


def test_coordinator_killed_mid_run_resumes_without_double_counting(tmp_path):
    dep = Deployment(tmp_path / "dep", _scenario(tmp_path, 4, rounds=4), ["plant-0", "plant-1", "plant-2", "plant-3"],
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare()
    try:
        dep.start_coordinator()
        for plant_id in dep.plant_ids:
            dep.register(plant_id)
        for plant_id in dep.plant_ids[:3]:
            dep.start_plant(plant_id)
        dep.start_plant("plant-3", data_dir=tmp_path / "no-such-dir")   # a plant whose data are missing
        run_dir = tmp_path / "run"
        run = dep.launch(run_dir)
        # kill it while round 3 is under way: as soon as one plant has recorded its round-3 spend
        dep.wait_for(lambda: any(e["round"] == 3 for e in dep.ledger("plant-0")), 400, "plant-0 training round 3", run)
        dep.kill("coordinator")
        dep.kill("run")
        checkpoint_round = __import__("torch").load(run_dir / "checkpoints" / "global_latest.pt",
                                                    weights_only=True)["round"]
        assert checkpoint_round >= 2
        dep.start_coordinator()
        resumed = dep.launch(run_dir, resume=True)
        dep.wait_for(lambda: resumed.popen.poll() is not None, 600, "the resumed run to finish", resumed)
        assert resumed.popen.returncode == 0, resumed.text()[-4000:]
        assert f"resuming run run after round {checkpoint_round}" in resumed.text()
        results = json.loads((run_dir / "results.json").read_text())
        assert [r["round"] for r in results["rounds"]] == [1, 2, 3, 4]
        for plant_id in dep.plant_ids[:3]:
            entries = _ledger_ok(dep, plant_id, results)
            assert all(e["attempts"] == 1 for e in entries if e["purpose"] == "pretraining"), entries
            assert {e["round"] for e in entries if e["purpose"] == "pretraining"} == {1, 2, 3, 4}
        missing = results["plants"]["plant-3"]
        assert missing["status"] == "failed" and "no-such-dir" in missing["status_reason"]
    finally:
        dep.stop()


def test_turbofan_plants_as_processes_learn_rul_and_predict_raw_engine_cycles(tmp_path):
    """C-MAPSS-format sites deployed as real plant processes (their data directories exported by
    `factoryfl plant-data`, carrying RUL targets and the preprocessing recipe): the federation
    trains a RUL regressor, and `factoryfl predict` on a plant's state gives one RUL per engine
    of a raw NASA-layout cycle table."""
    import numpy as np
    import yaml

    from tests.test_cmapss_predict import _test_table, _turbofan_scenario, _write_txt

    path = _turbofan_scenario(tmp_path, ("north", "south"))
    body = yaml.safe_load(path.read_text())
    body["federation"].update({"round_timeout_s": 60, "evaluate_every": 0})
    body["evaluation"] = {"baselines": []}
    path.write_text(yaml.safe_dump(body))
    dep = Deployment(tmp_path / "dep", path, ["north", "south"],
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare()
    try:
        dep.start_coordinator()
        for plant_id in dep.plant_ids:
            dep.register(plant_id)
            dep.start_plant(plant_id)
        run_dir = tmp_path / "run"
        run = dep.launch(run_dir)
        dep.wait_for(lambda: run.popen.poll() is not None, 600, "the run to finish", run)
        assert run.popen.returncode == 0, run.text()[-4000:]
        results = json.loads((run_dir / "results.json").read_text())
        assert results["task"] == "regression"
        for plant_id in dep.plant_ids:
            assert results["plants"][plant_id]["status"] == "ok"
            assert 0 <= results["plants"][plant_id]["metrics"]["federated_personalised"]["rmse"] < 125
        engines = _write_txt(_test_table(tmp_path / "north.npz"), tmp_path / "engines.txt")
        out = tmp_path / "rul.json"
        dep.factoryfl("predict", "--state-dir", str(dep.state_dir("north")), str(engines), "--out", str(out))
        predictions = json.loads(out.read_text())["predictions"]
        assert [(p["engine"], p["cycles"]) for p in predictions] == [(1, 3), (2, 7)]
        assert all(np.isfinite(p["rul"]) and 0 <= p["rul"] <= 125 for p in predictions)
    finally:
        dep.stop()
