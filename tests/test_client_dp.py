"""Plant-level DP on the aggregate: clipping math, noise scale, accounting, and a federation run."""

from __future__ import annotations

import json

import numpy as np
import pytest
from opacus.accountants import RDPAccountant

from common.config import load_scenario
from server.app import run_federation
from server.client_dp import ClientLevelDP, clip_update
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid
from tests.test_deploy_logic import CoordinatorCrash


def test_clip_update_scales_the_delta_to_the_norm():
    current = {"a": np.zeros(2, np.float32), "b": np.zeros(1, np.float32)}
    update = {"a": np.array([3.0, 0.0], np.float32), "b": np.array([4.0], np.float32)}  # ‖Δ‖ = 5
    clipped = clip_update(update, current, clip_norm=1.0)
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0], atol=1e-6)
    np.testing.assert_allclose(clipped["b"], [0.8], atol=1e-6)
    small = clip_update({"a": np.array([0.3, 0.0], np.float32), "b": np.array([0.4], np.float32)}, current, 1.0)
    np.testing.assert_allclose(small["a"], [0.3, 0.0], atol=1e-6)


def test_noise_on_the_mean_has_std_sigma_s_over_k():
    current = {"w": np.zeros(20000, np.float32)}
    updates = [({"w": np.zeros(20000, np.float32)}, 1.0) for _ in range(4)]
    dp = ClientLevelDP(noise_multiplier=2.0, clip_norm=0.5, delta=1e-5)
    out = dp.aggregate(current, updates)
    assert abs(float(out["w"].std()) - 2.0 * 0.5 / 4) < 0.01


def test_epsilon_matches_an_independent_accountant():
    dp = ClientLevelDP(noise_multiplier=1.3, clip_norm=1.0, delta=1e-5)
    current = {"w": np.zeros(3, np.float32)}
    for _ in range(7):
        dp.aggregate(current, [({"w": np.ones(3, np.float32)}, 1.0)])
    acc = RDPAccountant()
    for _ in range(7):
        acc.step(noise_multiplier=1.3, sample_rate=1.0)
    assert abs(dp.epsilon() - acc.get_epsilon(delta=1e-5)) < 1e-9
    assert dp.epsilon() > 0


def test_federation_with_plant_level_dp_reports_it(tmp_path):
    path = tiny_scenario(tmp_path, federation={"rounds": 2, "client_level_dp": {
        "enabled": True, "noise_multiplier": 0.5, "clip_norm": 5.0}})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), scenario, run_dir)
    cdp = results["client_level_dp"]
    assert cdp["enabled"] and cdp["plants_per_round"] == 3 and cdp["meaningful"] is False
    assert results["rounds"][0]["client_level_epsilon"] < results["rounds"][1]["client_level_epsilon"]
    assert "Plant-level DP on the aggregate" in (run_dir / "report.md").read_text()


def _rdp_epsilon(steps: int, sigma: float, delta: float) -> float:
    acc = RDPAccountant()
    for _ in range(steps):
        acc.step(noise_multiplier=sigma, sample_rate=1.0)
    return acc.get_epsilon(delta=delta)


def _crash_then_resume(tmp_path, message_type: str, crash_round: int):
    """A 3-round run with plant-level DP whose coordinator dies at ``message_type`` of ``crash_round``,
    then the same run resumed from its checkpoint."""
    from common import wire
    from server.federation import FederationError

    path = tiny_scenario(tmp_path, federation={"rounds": 3, "client_level_dp": {
        "enabled": True, "noise_multiplier": 0.8, "clip_norm": 5.0}})
    run_dir = tmp_path / "run"
    run_dir.mkdir()

    def crash(node, msg, reply):
        if (msg.metadata.message_type == message_type
                and int(msg.content[wire.CONFIG][wire.SERVER_ROUND]) == crash_round):
            raise CoordinatorCrash(f"coordinator died in round {crash_round}")
        return reply

    with pytest.raises(CoordinatorCrash):
        run_federation(LoopbackGrid(path, 3, run_dir, reply_hook=crash), load_scenario(path), run_dir)
    released_before = json.loads((run_dir / "checkpoints" / "client_level_dp.json").read_text())["rounds_released"]
    with pytest.raises(FederationError, match="resume=true"):
        run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir, resume=True)
    return results, released_before, run_dir, path


def test_a_resumed_run_counts_each_plant_level_release(tmp_path):
    """Crash before round 3's aggregate: 2 releases so far, 1 more after resuming — ε of exactly 3
    Gaussian releases (an independent accountant), as an uninterrupted run reports."""
    from common import wire

    results, before, _, _ = _crash_then_resume(tmp_path, wire.MSG_PRETRAIN, 3)
    assert before == 2
    assert [r["round"] for r in results["rounds"]] == [1, 2, 3]
    delta = results["client_level_dp"]["delta"]
    assert results["client_level_dp"]["epsilon"] == pytest.approx(_rdp_epsilon(3, 0.8, delta))


def test_a_release_made_after_the_last_checkpoint_is_still_counted(tmp_path):
    """Crash while round 2's noisy aggregate is out for evaluation (after its release, before its
    checkpoint): resuming replays round 2 with fresh noise, and both of its releases count (4 in all)."""
    from common import wire

    results, before, run_dir, path = _crash_then_resume(tmp_path, wire.MSG_EVALUATE, 2)
    assert before == 2  # round 2 was released, but the checkpoint still says round 1
    assert [r["round"] for r in results["rounds"]] == [1, 2, 3]
    delta = results["client_level_dp"]["delta"]
    assert results["client_level_dp"]["epsilon"] == pytest.approx(_rdp_epsilon(4, 0.8, delta))
    assert results["client_level_dp"]["epsilon"] > _rdp_epsilon(3, 0.8, delta)
    assert json.loads((run_dir / "checkpoints" / "client_level_dp.json").read_text())["rounds_released"] == 4


def test_resuming_with_other_plant_level_dp_settings_is_refused(tmp_path):
    from server.federation import FederationError

    path = tiny_scenario(tmp_path, federation={"rounds": 1, "client_level_dp": {
        "enabled": True, "noise_multiplier": 0.8, "clip_norm": 5.0}})
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    with pytest.raises(FederationError, match="holds a finished run"):  # a finished run is never resumed
        run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir, resume=True)
    (run_dir / "results.json").unlink()  # as if the coordinator had died before writing its results
    record = run_dir / "checkpoints" / "client_level_dp.json"
    saved = json.loads(record.read_text())
    record.write_text(json.dumps({**saved, "noise_multiplier": 2.0}))
    with pytest.raises(FederationError, match=r"noise_multiplier 2\.0 -> 0\.8.*resume with the settings it was"):
        run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir, resume=True)
    record.unlink()
    with pytest.raises(FederationError, match="client_level_dp.json is missing"):
        run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir, resume=True)
