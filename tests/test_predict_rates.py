"""`factoryfl predict` and sampling rates: a declared rate other than the model's is resampled as the
loader does; a raw recording with no declared rate is refused when the model's windows were resampled
(its rate cannot be assumed); an .npz may carry its own rate."""

from __future__ import annotations

import numpy as np
import pytest

from cli.main import main
from client.plant import PERSONAL_MODEL
from client.predict import InferenceError, predict
from client.state import PlantState
from common.config.schema import ModelConfig
from common.data.windowing import WindowSpec, at_rate
from common.models import build_model

RATE = 1000.0
LENGTH = 64
MODEL = ModelConfig(channels=(4,), first_kernel=8, first_stride=2, feature_dim=8, groups=2)


def _state(tmp_path, resample_to_hz: float | None):
    """A plant state directory holding a small personalised model (windows of 64 samples at 1 kHz)."""
    state = PlantState(tmp_path / "state", "p")
    model = build_model(1, 2, MODEL, seed=0)
    meta = {"plant_id": "p", "run": "r", "in_channels": 1, "window_length": LENGTH, "num_outputs": 2,
            "task": "classification", "class_names": ["a", "b"], "sample_rate_hz": RATE,
            "resample_to_hz": resample_to_hz, "model": MODEL.__dict__ | {"channels": list(MODEL.channels)}}
    state.save_model(PERSONAL_MODEL, model.state_dict(), meta)
    return state.root


def _recording(seconds: float = 0.512, rate: float = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 60 * t) + 0.3 * np.sin(2 * np.pi * 170 * t)).astype(np.float32)


def test_declared_rate_is_resampled_with_the_loaders_function(tmp_path):
    state = _state(tmp_path, resample_to_hz=RATE)
    fast = _recording(rate=4 * RATE)
    np.save(tmp_path / "fast.npy", fast)
    result = predict(state, tmp_path / "fast.npy", input_rate_hz=4 * RATE)
    expected, _ = at_rate(fast, 4 * RATE, WindowSpec(length=LENGTH, resample_to_hz=RATE))
    np.save(tmp_path / "expected.npy", expected)
    same = predict(state, tmp_path / "expected.npy", input_rate_hz=RATE)
    assert result["windows"] == same["windows"] == len(expected) // LENGTH
    assert [r["probability"] for r in result["predictions"]] == pytest.approx(
        [r["probability"] for r in same["predictions"]], abs=1e-6)


@pytest.mark.parametrize("suffix", [".npy", ".csv"])
def test_raw_recording_without_a_rate_is_refused_when_the_model_was_resampled(tmp_path, suffix):
    state = _state(tmp_path, resample_to_hz=RATE)
    path = tmp_path / f"rec{suffix}"
    if suffix == ".npy":
        np.save(path, _recording())
    else:
        np.savetxt(path, _recording()[:, None], delimiter=",")
    with pytest.raises(InferenceError, match=r"--input-rate-hz .*--input-rate-hz 1000 if it was recorded"):
        predict(state, path)
    assert predict(state, path, input_rate_hz=RATE)["windows"] == 8


def test_raw_recording_without_a_rate_is_read_at_the_models_rate_when_nothing_was_resampled(tmp_path):
    state = _state(tmp_path, resample_to_hz=None)
    np.save(tmp_path / "rec.npy", _recording())
    assert predict(state, tmp_path / "rec.npy")["windows"] == 8


def test_cli_refusal_is_one_line_naming_the_flag(tmp_path, capsys):
    state = _state(tmp_path, resample_to_hz=RATE)
    np.save(tmp_path / "rec.npy", _recording())
    assert main(["predict", "--state-dir", str(state), str(tmp_path / "rec.npy")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--input-rate-hz" in err and "rec.npy" in err


def test_npz_carries_its_rate(tmp_path):
    state = _state(tmp_path, resample_to_hz=RATE)
    windows = _recording()[: 4 * LENGTH].reshape(4, 1, LENGTH)
    np.savez(tmp_path / "ok.npz", x=windows, sample_rate_hz=RATE)
    assert predict(state, tmp_path / "ok.npz")["windows"] == 4
    np.savez(tmp_path / "fast.npz", x=windows, sample_rate_hz=2 * RATE)
    with pytest.raises(InferenceError, match="pre-cut windows at 2000 Hz cannot be resampled"):
        predict(state, tmp_path / "fast.npz")
    with pytest.raises(InferenceError, match="--input-rate-hz 1000 contradicts .*sample_rate_hz=2000"):
        predict(state, tmp_path / "fast.npz", input_rate_hz=RATE)
    np.savez(tmp_path / "bad.npz", x=windows, sample_rate_hz=np.array([1.0, 2.0]))
    with pytest.raises(InferenceError, match="key 'sample_rate_hz' must be one sampling rate"):
        predict(state, tmp_path / "bad.npz")


def test_a_federation_with_resampled_windows_records_it_for_predict(tmp_path):
    from client.predict import load_personal_model
    from common.config import load_scenario
    from server.app import run_federation
    from tests.conftest import tiny_scenario
    from tests.helpers.loopback import LoopbackGrid

    path = tiny_scenario(tmp_path, window={"length": 256, "resample_to_hz": 8000.0},
                         federation={"rounds": 1}, evaluation={"baselines": []})
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir)
    assert results["plants"]["plant-0"]["status"] == "ok"
    state = run_dir / "plants" / "plant-0"
    meta = load_personal_model(state)[1]
    assert meta["resample_to_hz"] == meta["sample_rate_hz"] == 8000.0
    np.save(tmp_path / "rec.npy", _recording(rate=8000.0))
    with pytest.raises(InferenceError, match="--input-rate-hz"):
        predict(state, tmp_path / "rec.npy")
    assert predict(state, tmp_path / "rec.npy", input_rate_hz=8000.0)["windows"] == 16
