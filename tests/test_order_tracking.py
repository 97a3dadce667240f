"""Order tracking (window.samples_per_revolution) and the synthetic sensor position (issue 17, point 5)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from common.config.schema import WindowConfig
from common.data.errors import DataValidationError
from common.data.synthetic import SyntheticParams, load_synthetic
from common.data.windowing import WindowSpec, at_rate, output_rate, target_rate
from tests.conftest import DATASETS

CWRU = DATASETS / "cwru12k_de"


def test_target_rate_is_samples_per_revolution_times_shaft_speed() -> None:
    window = WindowSpec(samples_per_revolution=400)
    assert target_rate(window, 30.0) == pytest.approx(12000.0)
    assert output_rate(16000.0, window, 25.0) == pytest.approx(10000.0)
    assert output_rate(16000.0, WindowSpec()) == 16000.0


def test_order_tracking_without_a_shaft_speed_names_the_fix() -> None:
    with pytest.raises(DataValidationError, match="shaft speed.*samples_per_revolution"):
        target_rate(WindowSpec(samples_per_revolution=400), None, "plant 'p'")


def test_a_fault_recurs_at_the_same_samples_whatever_the_speed_and_rate() -> None:
    """An impulse train at 3.6 strikes per revolution (an outer-race fault) at two speeds and rates
    lands, after order tracking, on the same period in samples: samples_per_revolution / 3.6."""
    spr, order = 400.0, 3.6
    periods = []
    for rpm, fs in ((1500.0, 12000.0), (2700.0, 48000.0)):
        shaft = rpm / 60.0
        t = np.arange(int(fs * 4)) / fs
        x = np.sin(2 * np.pi * order * shaft * t)
        y, rate = at_rate(x, fs, WindowSpec(samples_per_revolution=spr), shaft)
        assert rate == pytest.approx(spr * shaft)
        spectrum = np.abs(np.fft.rfft(y))
        periods.append(y.size / np.argmax(spectrum))
    assert periods[0] == pytest.approx(spr / order, rel=0.01)
    assert periods[1] == pytest.approx(spr / order, rel=0.01)


def test_window_config_refuses_order_tracking_with_a_fixed_rate() -> None:
    assert any("keep one" in p for p in WindowConfig(samples_per_revolution=400, resample_to_hz=12000).problems())
    assert any("drop sample_rate_hz" in p for p in WindowConfig(samples_per_revolution=400,
                                                                 sample_rate_hz=12000).problems())
    assert any("> 0" in p for p in WindowConfig(samples_per_revolution=0).problems())
    assert not WindowConfig(samples_per_revolution=400).problems()


def test_synthetic_plants_at_other_speeds_share_a_time_base_after_order_tracking() -> None:
    window = WindowSpec(length=512, samples_per_revolution=256)
    slow = load_synthetic("a", SyntheticParams(num_windows_per_class=4, rpm=1500.0), window)
    fast = load_synthetic("b", SyntheticParams(num_windows_per_class=4, rpm=3000.0, sample_rate_hz=16000.0), window)
    assert slow.sample_rate_hz == pytest.approx(256 * 25.0)
    assert fast.sample_rate_hz == pytest.approx(256 * 50.0)
    assert slow.shaft_speed_rpm == 1500.0 and fast.train.x.shape == slow.train.x.shape


def test_sensor_position_changes_the_path_not_the_housing_default() -> None:
    window = WindowSpec(length=1024)
    params = SyntheticParams(num_windows_per_class=3, classes=("outer_race",))
    housing = load_synthetic("h", params, window)
    again = load_synthetic("h", dataclasses.replace(params, sensor_position="housing"), window)
    remote = load_synthetic("r", dataclasses.replace(params, sensor_position="remote"), window)
    np.testing.assert_array_equal(housing.train.x, again.train.x)

    def peak_hz(x: np.ndarray) -> float:
        spectrum = np.abs(np.fft.rfft(x[:, 0], axis=-1)).mean(axis=0)
        spectrum[: 50] = 0  # above the shaft harmonics
        return float(np.argmax(spectrum) * 12000.0 / x.shape[-1])

    assert abs(peak_hz(housing.train.x) - params.resonance_hz) < 150
    assert abs(peak_hz(remote.train.x) - params.resonance_hz) > 500  # rings the structure's modes instead
    assert "sensor at remote" in remote.notes
    assert any("sensor_position" in p for p in dataclasses.replace(params, sensor_position="roof").problems())


@pytest.mark.skipif(not CWRU.exists(), reason=f"CWRU data not found at {CWRU} (../shared/datasets)")
def test_cwru_order_tracking_uses_each_files_nominal_speed() -> None:
    from common.data.cwru import CwruParams, load_cwru

    data = load_cwru("load3", CwruParams(path=str(CWRU / "load3.npz")), WindowSpec(samples_per_revolution=400))
    assert data.shaft_speed_rpm == 1730.0
    assert data.sample_rate_hz == pytest.approx(400 * 1730 / 60)


def test_predict_order_tracks_a_new_recording_at_the_plants_or_a_given_speed(tmp_path: Path) -> None:
    """A real (loopback) federation with order tracking: the kept model records samples per revolution
    and the plant's speed; predict needs the recording's rate and resamples it to spr × shaft speed."""
    from client.predict import InferenceError, order_tracked_rate, predict
    from common.config import load_scenario
    from common.data.synthetic import class_rng, make_plant_params, synthesize_recording
    from server.app import run_federation
    from tests.conftest import tiny_scenario
    from tests.helpers.loopback import LoopbackGrid

    path = tiny_scenario(tmp_path, window={"length": 512, "samples_per_revolution": 128},
                         federation={"rounds": 1})
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert results["plants"]["plant-0"]["status"] == "ok"
    state = next(p.parent.parent for p in run_dir.rglob("personalised.pt") if "plant-0" in p.parts)
    params = make_plant_params(0, 0, num_windows_per_class=16)
    recording = synthesize_recording("inner_race", params, int(params.sample_rate_hz), class_rng(1, "inner_race"))
    np.save(tmp_path / "rec.npy", recording)
    with pytest.raises(InferenceError, match="--input-rate-hz"):
        predict(state, tmp_path / "rec.npy")
    own = predict(state, tmp_path / "rec.npy", input_rate_hz=params.sample_rate_hz)
    # one second at the plant's speed: rpm/60 revolutions of 128 samples, in windows of 512
    assert own["windows"] == int(params.rpm / 60 * 128) // 512
    faster = predict(state, tmp_path / "rec.npy", input_rate_hz=params.sample_rate_hz, shaft_rpm=2 * params.rpm)
    assert faster["windows"] == int(2 * params.rpm / 60 * 128) // 512
    assert order_tracked_rate({"samples_per_revolution": 128, "shaft_speed_rpm": 600.0}, None) == 1280.0
    with pytest.raises(InferenceError, match="drop --shaft-rpm"):
        order_tracked_rate({"samples_per_revolution": None}, 1500.0)
    with pytest.raises(InferenceError, match="shaft speed"):
        order_tracked_rate({"samples_per_revolution": 128, "shaft_speed_rpm": None}, None)


def test_directory_plant_order_tracks_with_its_declared_shaft_speed(tmp_path: Path) -> None:
    import yaml

    from common.data.directory import DirectoryParams, load_directory

    folder = tmp_path / "plant"
    folder.mkdir()
    np.save(folder / "a.npy", np.random.default_rng(0).standard_normal(48000).astype(np.float32))
    manifest = {"format": "factoryfl-plant/v1", "sample_rate_hz": 12000, "channels": 1, "classes": ["normal"],
                "kind": "signals", "files": [{"file": "a.npy", "label": "normal"}]}
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest))
    window = WindowSpec(length=256, samples_per_revolution=200)
    with pytest.raises(DataValidationError, match="add shaft_speed_rpm"):
        load_directory("p", DirectoryParams(str(folder)), window, base_dir=tmp_path)
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest | {"shaft_speed_rpm": 1800}))
    data = load_directory("p", DirectoryParams(str(folder)), window, base_dir=tmp_path)
    assert data.sample_rate_hz == pytest.approx(200 * 30.0) and data.shaft_speed_rpm == 1800.0
    assert len(data.train) + len(data.test) == 48000 // 2 // 256   # 12 kHz → 6 kHz: half the samples
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest | {"shaft_speed_rpm": -5}))
    with pytest.raises(DataValidationError, match="shaft_speed_rpm' must be a positive number"):
        load_directory("p", DirectoryParams(str(folder)), window, base_dir=tmp_path)


def test_benchmark_rule_is_the_median_of_the_plants_own_samples_per_revolution() -> None:
    from simulations.benchmarks.sensor_shift import samples_per_revolution

    plants = [(12000.0, 1800.0), (48000.0, 1800.0), (16000.0, 1500.0)]   # 400, 1600 and 640 per revolution
    assert samples_per_revolution(plants) == 640.0
    assert samples_per_revolution(plants, "max") == 1600.0


def test_an_absurd_samples_per_revolution_is_refused_before_anything_is_allocated() -> None:
    with pytest.raises(DataValidationError, match="lower window.samples_per_revolution"):
        at_rate(np.zeros(120_000, dtype=np.float32), 12000.0, WindowSpec(samples_per_revolution=1e9), 30.0)
