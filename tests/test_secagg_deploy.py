"""Secure aggregation in a real deployment: TLS + plant authentication, one plant killed mid-round.

Marker ``deploy`` (minutes; `make test-deploy`). Three plants (DP-SGD on) run securely aggregated
rounds through `factoryfl coordinator/plant/run`. In round 2, plant-2 is killed as soon as its log
shows its share-keys reply sent: it then never sends a masked update, so its pairwise masks must be
rebuilt from t shares (a kill that lands earlier or later drops it at share_keys or unmask). The round must recover the
survivors' sum from t shares or fail cleanly with the reason, the next round must run, the run must
finish, and results and report must name the survivors and the dropout.
round_timeout_s is 180: every message starts a fresh ClientApp process (torch, data, DP-SGD), which
took over 45 s per stage on a shared 2-core host; the killed plant is waited for that long once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import tiny_scenario, write_plant_policy
from tests.helpers.deployment import Deployment

pytestmark = pytest.mark.deploy

DP = {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5}


def _sent_share_reply(log: str, server_round: int) -> bool:
    """The plant's log shows its share-keys reply of ``server_round`` (one share stage per round) sent."""
    after = log.split("Sending: train.secagg_share")
    return len(after) > server_round and "Sent successfully" in after[server_round]


def test_secure_rounds_survive_a_plant_killed_after_sharing_keys(tmp_path: Path) -> None:
    scenario = tiny_scenario(
        tmp_path, synthetic_plants={"count": 3, "seed": 0, "num_windows_per_class": 12},
        federation={"rounds": 3, "round_timeout_s": 180, "evaluate_every": 0, "relative_norm_bound": None,
                    "strategy": {"min_train_plants": 2},
                    "secure_aggregation": {"enabled": True, "clip": 10.0},
                    "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}},
        personalisation={"mode": "head", "epochs": 1}, evaluation={"baselines": []}, privacy=DP)
    dep = Deployment(tmp_path / "dep", scenario, ["plant-0", "plant-1", "plant-2"],
                     plant_policy=write_plant_policy(tmp_path / "policy"))
    dep.prepare()
    try:
        dep.start_coordinator()
        for plant_id in dep.plant_ids:
            dep.register(plant_id)
        for plant_id in dep.plant_ids:
            dep.start_plant(plant_id)
        run_dir = tmp_path / "run"
        run = dep.launch(run_dir)
        plant_2 = dep.procs["plant-plant-2"]
        dep.wait_for(lambda: _sent_share_reply(plant_2.text(), 2), 900, "plant-2 sharing keys in round 2", run)
        dep.kill("plant-plant-2")
        dep.wait_for(lambda: run.popen.poll() is not None, 1500, "the run to finish", run)
        assert run.popen.returncode == 0, run.text()[-4000:]
        results = json.loads((run_dir / "results.json").read_text())
        rounds = {r["round"]: r for r in results["rounds"]}
        assert sorted(rounds) == [1, 2, 3]
        first, second, third = (rounds[r]["secure_aggregation"] for r in (1, 2, 3))
        assert first["failed"] is None and first["survivors"] == ["plant-0", "plant-1", "plant-2"]
        assert (first["threshold"], first["neighbours"]) == (2, 2)
        # round 2: plant-2 sent its shares, then vanished; the coordinator lost it at the first stage it
        # could not answer (masked_input, as a rule; share_keys if its upload was cut off; unmask if late)
        stage = next(st for st, plants in second["dropouts"].items() if "plant-2" in plants)
        assert stage in ("share_keys", "masked_input", "unmask"), second
        if second["failed"] is None:   # the survivors' sum: plant-2's masks rebuilt from t shares (masked_input)
            in_sum = ["plant-0", "plant-1", "plant-2"] if stage == "unmask" else ["plant-0", "plant-1"]
            assert second["survivors"] == in_sum and rounds[2]["participants"] == in_sum, second
            assert second["shared_keys"] == (2 if stage == "share_keys" else 3)
        else:                          # or failed cleanly, with the reason
            assert second["failed"].startswith("round failed:"), second
            assert rounds[2]["aggregate_skipped"] == second["failed"]
        # round 3 runs with the two plants left
        assert third["failed"] is None and third["survivors"] == ["plant-0", "plant-1"], third
        report = (run_dir / "report.md").read_text()
        assert "## Secure aggregation (SecAgg+)" in report and "plant-2" in report
        for plant_id in ("plant-0", "plant-1"):
            assert results["plants"][plant_id]["status"] == "ok"
            # the round secrets are gone once a plant has answered its unmasking
            assert not list((dep.state_dir(plant_id) / "secagg").glob("*-round-3.*"))
    finally:
        dep.stop()
