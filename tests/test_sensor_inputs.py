"""bench-sensor-inputs' own parts: the CWRU target's moved sensor and the input rule (no ../shared needed)."""

from __future__ import annotations

import numpy as np

from common.config.schema import ModelConfig
from common.data import WindowSpec, load_synthetic
from common.data.synthetic import make_plant_params
from simulations.benchmarks.sensor_inputs import leave_one_source_out, markdown, moved_sensor_file


def test_moved_sensor_keeps_the_file_and_its_level_and_filters_every_recording(tmp_path):
    rng = np.random.default_rng(0)
    original = {"normal": rng.standard_normal(24000).astype(np.float32),
                "IR007": rng.standard_normal(12000).astype(np.float32),
                "classes": np.array(["normal", "IR007"]), "fs_hz": np.int32(12000), "load_hp": np.int32(1)}
    np.savez(tmp_path / "load1.npz", **original)
    moved = moved_sensor_file(tmp_path / "load1.npz", tmp_path / "moved.npz", np.random.default_rng(1))
    with np.load(moved) as z:
        assert sorted(z.files) == sorted(original)
        assert int(z["fs_hz"]) == 12000 and list(z["classes"]) == ["normal", "IR007"]
        for name in ("normal", "IR007"):
            x, y = original[name], z[name]
            assert y.shape == x.shape and y.dtype == np.float32
            assert 0.95 < y.std() / x.std() < 1.15  # rescaled to the level, plus 0.3 of it as sensor noise
            # white noise in, coloured out: the path's modes concentrate the spectrum
            power = np.abs(np.fft.rfft(y)) ** 2
            assert np.sort(power)[-len(power) // 10:].sum() > 0.5 * power.sum()


def test_leave_one_source_out_scores_each_held_out_source_and_is_reproducible():
    window = WindowSpec(length=256, test_fraction=0.2)
    plants = [load_synthetic(f"p{i}", make_plant_params(i, 0, num_windows_per_class=6), window) for i in range(3)]
    cfg = ModelConfig(channels=(8, 8), feature_dim=8, first_kernel=8, first_stride=2)
    a = leave_one_source_out(plants, cfg, seed=0, epochs=1)
    assert 0.0 <= a <= 1.0
    assert a == leave_one_source_out(plants, cfg, seed=0, epochs=1)


def test_the_page_reports_the_rule_and_the_better_local_model():
    rows = []
    for seed in (0, 1, 2):
        for name, kept, local, loso in (("time", 0.5, 0.9, 0.6), ("envelope", 0.8, 0.85, 0.7)):
            rows.append({"data": "synthetic", "target": "remote_sensor", "seed": seed, "input": name,
                         "chosen_by_rule": name == "envelope", "leave_one_source_out": loso, "n_test": 100,
                         "source_only": 0.2, "mmd": kept, "shot": kept, "kept": kept, "local_labelled": local})
    page = markdown({"rows": rows, "seeds": [0, 1, 2], "command": "make bench-sensor-inputs",
                     "machine": {"platform": "test", "nproc": 2, "memory_total_gib": 1.0, "cuda": None,
                                 "torch": "2", "load_average_1_5_15": [0, 0, 0]}})
    assert "| synthetic | remote_sensor | by the rule | 100–100 | 70.0 ± 0.0 |" in page
    assert "remote_sensor, by the rule: kept 80.0 vs the better labelled local model (time input) 90.0 (-10.0)" in page
    assert "remote_sensor, time: kept 50.0 vs the better labelled local model (time input) 90.0 (-40.0)" in page
    assert "not met" in page and "the rule chose envelope in 3 of 3 cases" in page
