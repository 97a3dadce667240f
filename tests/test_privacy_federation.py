"""DP pretraining across plants, in process through the real ClientApp: what leaves a plant,
ε per round from the lifetime ledger, budgets, and the report."""

from __future__ import annotations

import json
from pathlib import Path

from flwr.app import ArrayRecord, MetricRecord
from opacus.accountants import RDPAccountant

from common import wire
from common.config import load_scenario
from common.models import build_model, shared_state
from common.privacy.policy import category_of
from server.app import run_federation
from tests.conftest import tiny_scenario, with_explicit_plants
from tests.helpers.loopback import LoopbackGrid


def _dp_scenario(tmp_path: Path, budget_for_plant_2: float | None = None, rounds: int = 3,
                 allow: tuple[str, ...] | None = None) -> Path:
    """A DP scenario; ``allow``: the release categories every plant's own policy lets out."""
    extra = {"plant_policy": {"allow": list(allow)}} if allow is not None else {}
    path = tiny_scenario(
        tmp_path,
        federation={"rounds": rounds, "training": {"local_epochs": 1, "batch_size": 16, "learning_rate": 0.003}},
        privacy={"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5},
        **extra,
    )
    if budget_for_plant_2 is not None:
        with_explicit_plants(path, {"privacy_budget": budget_for_plant_2})
    return path


def _run(path: Path, tmp_path: Path):
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    grid = LoopbackGrid(path, len(scenario.plants), run_dir)
    return run_federation(grid, scenario, run_dir), grid, run_dir, scenario


def _independent_epsilon(ledger_file: Path, delta: float) -> float:
    accountant = RDPAccountant()
    for entry in json.loads(ledger_file.read_text())["entries"]:
        for _ in range(entry["steps"]):
            accountant.step(noise_multiplier=entry["noise_multiplier"], sample_rate=entry["sample_rate"])
    return accountant.get_epsilon(delta=delta)


def test_only_privatised_extractor_and_accounting_leave_a_dp_plant(tmp_path):
    results, grid, run_dir, scenario = _run(_dp_scenario(tmp_path, rounds=2), tmp_path)
    shared = set(shared_state(build_model(1, 5, scenario.model, 0)))
    pretrain_replies = [m for m in grid.received if m.metadata.message_type == wire.MSG_PRETRAIN]
    assert len(pretrain_replies) == 6
    for reply in pretrain_replies:
        for record in reply.content.values():
            if isinstance(record, ArrayRecord):
                assert set(record.keys()) == shared
            if isinstance(record, MetricRecord):
                # the default plant policy lets only privacy accounting out besides the DP update
                assert {category_of(k) for k in record.keys()} == {"accounting"}, set(record.keys())
                assert wire.TRAIN_LOSS not in record and wire.NUM_EXAMPLES not in record
    assert results["privacy"]["enabled"] is True
    assert "window" in results["privacy"]["unit"]


def test_epsilon_grows_each_round_and_matches_the_ledger(tmp_path):
    results, _, run_dir, _ = _run(_dp_scenario(tmp_path, rounds=3), tmp_path)
    for plant_id in results["plants"]:
        per_round = [r["epsilon"][plant_id] for r in results["rounds"]]
        assert per_round == sorted(per_round) and len(set(per_round)) == 3, per_round
        ledger = run_dir / "plants" / plant_id / "privacy_ledger.json"
        expected = _independent_epsilon(ledger, 1e-5)
        assert abs(results["plants"][plant_id]["privacy"]["epsilon"] - expected) < 1e-6 * expected
        assert abs(per_round[-1] - expected) < 1e-6 * expected
    for r in results["rounds"]:
        assert r["max_epsilon"] == max(r["epsilon"].values())


def test_plant_at_its_budget_declines_and_the_federation_completes(tmp_path):
    # measure one round's ε first, then give plant-2 a budget that allows exactly one round
    (tmp_path / "probe").mkdir()
    probe, _, _, _ = _run(_dp_scenario(tmp_path / "probe", rounds=1), tmp_path / "probe")
    one_round = probe["plants"]["plant-2"]["privacy"]["epsilon"]
    results, _, run_dir, _ = _run(_dp_scenario(tmp_path, budget_for_plant_2=one_round * 1.05, rounds=3,
                                               allow=("accounting", "metrics")), tmp_path)
    plant = results["plants"]["plant-2"]
    assert plant["status"] == "budget_exhausted"
    assert "budget" in plant["status_reason"]
    assert [r["participants"] for r in results["rounds"]][1:] == [["plant-0", "plant-1"]] * 2
    assert "plant-2" in results["rounds"][1]["excluded"]
    ledger = json.loads((run_dir / "plants" / "plant-2" / "privacy_ledger.json").read_text())
    assert len(ledger["entries"]) == 1, "a declined round must not spend"
    assert plant["privacy"]["epsilon"] <= one_round * 1.05
    # the others finished every phase and the report says what happened
    assert all("federated_personalised" in results["plants"][p]["metrics"] for p in ("plant-0", "plant-1"))
    report = (run_dir / "report.md").read_text()
    assert "budget_exhausted" in report
    assert (run_dir / "epsilon.png").exists()
