"""Plant-level DP on the aggregate: clipping math, noise scale, accounting, and a federation run."""

from __future__ import annotations

import numpy as np
from opacus.accountants import RDPAccountant

from common.config import load_scenario
from server.app import run_federation
from server.client_dp import ClientLevelDP, clip_update
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid


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
