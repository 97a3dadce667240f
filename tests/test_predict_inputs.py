"""`factoryfl predict` / `export` refuse what they cannot honestly answer, naming the file, window or flag
(issue 20): NaN/Inf and values beyond float32, non-numeric arrays, implausible --input-rate-hz, a model
file without metadata, a corrupt ledger. A small hand-made plant state stands in for a trained plant.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from cli.main import main
from client.export import export
from client.plant import PERSONAL_MODEL
from client.predict import InferenceError, predict
from client.state import LEDGER_FILE, PlantState
from common.config.schema import ModelConfig
from common.models import build_model
from common.privacy.ledger import MECHANISM_DP_SGD, LedgerEntry, PrivacyLedger

CHANNELS, LENGTH, RATE = 1, 256, 1000.0
CLASSES = ["normal", "inner", "outer"]


@pytest.fixture
def state(tmp_path) -> Path:
    """A plant state directory holding a (randomly initialised) personalised model and a one-entry ledger."""
    cfg = ModelConfig(channels=(8, 16), groups=4, feature_dim=16, first_kernel=16, first_stride=4)
    model = build_model(CHANNELS, len(CLASSES), cfg, seed=0)
    plant = PlantState(tmp_path / "state", "plant-0")
    plant.save_model(PERSONAL_MODEL, model.state_dict(), {
        "plant_id": "plant-0", "run": "r", "mode": "head", "epochs": 1, "class_names": CLASSES, "scenario": "s",
        "saved_at": "2026-01-01T00:00:00+00:00", "model": cfg.__dict__ | {"channels": list(cfg.channels)},
        "in_channels": CHANNELS, "window_length": LENGTH, "sample_rate_hz": RATE, "task": "classification",
        "target_scale": 1.0, "num_outputs": len(CLASSES), "target_range": None, "delta": 1e-5,
        "accountant": "rdp", "privacy_enabled": True, "reproducible_noise": False, "preprocessing": None})
    PrivacyLedger(plant.ledger_path, "plant-0").record(LedgerEntry(
        mechanism=MECHANISM_DP_SGD, noise_multiplier=1.0, sample_rate=0.1, steps=10,
        time="2026-01-01T00:00:00+00:00", run="r", round=1, release="r/pretraining/1/x/1"))
    return plant.root


def windows(n: int = 4, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, CHANNELS, LENGTH)).astype(np.float32)


def test_clean_windows_are_predicted(state, tmp_path):
    np.savez(tmp_path / "ok.npz", x=windows())
    result = predict(state, tmp_path / "ok.npz")
    assert result["windows"] == 4 and all(np.isfinite(r["probability"]) for r in result["predictions"])


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, 1e300])
def test_nonfinite_or_beyond_float32_windows_are_refused_naming_file_and_window(state, tmp_path, value):
    x = windows(5).astype(np.float64)
    x[3, 0, 17] = value
    np.savez(tmp_path / "bad.npz", x=x)
    with pytest.raises(InferenceError, match=r"bad\.npz: x window 3 contains NaN/Inf or a value beyond float32"):
        predict(state, tmp_path / "bad.npz")


def test_a_recording_beyond_float32_is_refused_naming_the_window(state, tmp_path):
    recording = np.random.default_rng(1).normal(size=3 * LENGTH)
    recording[LENGTH + 5] = 1e300  # finite as float64, inf as the float32 the model takes
    np.save(tmp_path / "rec.npy", recording)
    # named by the loader's own check (sample index) or, failing that, by predict's (window)
    with pytest.raises(InferenceError, match=r"rec\.npy.*(sample index 261|window 1 \(samples 256\.\.511\))"):
        predict(state, tmp_path / "rec.npy")


@pytest.mark.parametrize("x, what", [(np.array([[["a"] * LENGTH]]), "text"),
                                     (np.ones((2, CHANNELS, LENGTH), dtype=complex), "complex numbers"),
                                     (np.ones((2, CHANNELS, LENGTH), dtype=bool), "booleans")])
def test_non_numeric_windows_are_refused_naming_the_dtype(state, tmp_path, x, what):
    np.savez(tmp_path / "odd.npz", x=x)
    with pytest.raises(InferenceError, match=rf"odd\.npz: holds {what} \(dtype .*\); windows must be real numbers"):
        predict(state, tmp_path / "odd.npz")


def test_unreadable_and_empty_archives_are_refused(state, tmp_path):
    (tmp_path / "junk.npz").write_bytes(b"not a zip archive")
    with pytest.raises(InferenceError, match=r"junk\.npz: cannot read as \.npz"):
        predict(state, tmp_path / "junk.npz")
    np.save(tmp_path / "plain.npy", windows())
    (tmp_path / "plain.npy").rename(tmp_path / "plain.npz")  # one array under an archive's name
    with pytest.raises(InferenceError, match=r"plain\.npz: holds one array, not an \.npz archive"):
        predict(state, tmp_path / "plain.npz")
    np.savez(tmp_path / "empty.npz", x=np.zeros((0, CHANNELS, LENGTH), np.float32))
    with pytest.raises(InferenceError, match="no windows"):
        predict(state, tmp_path / "empty.npz")


@pytest.mark.parametrize("rate", [0.0, -16000.0, float("inf"), float("nan"), 1e-9, 1e300])
def test_implausible_input_rates_are_refused_naming_the_flag(state, tmp_path, rate):
    np.save(tmp_path / "rec.npy", np.zeros(4 * LENGTH))
    with pytest.raises(InferenceError, match=r"^--input-rate-hz "):
        predict(state, tmp_path / "rec.npy", input_rate_hz=rate)


def test_a_model_file_without_metadata_is_refused(state, tmp_path):
    np.savez(tmp_path / "ok.npz", x=windows())
    path = state / "models" / f"{PERSONAL_MODEL}.pt"
    blob = torch.load(path, weights_only=True)
    torch.save(blob["state_dict"], path)               # a bare state dict: no metadata
    with pytest.raises(InferenceError, match="not a factoryfl personalised model"):
        predict(state, tmp_path / "ok.npz")
    torch.save({"state_dict": blob["state_dict"], "meta": {**blob["meta"], "in_channels": 3}}, path)
    with pytest.raises(InferenceError, match="do not fit the model its metadata describes"):
        predict(state, tmp_path / "ok.npz")


def test_export_with_a_corrupt_ledger_is_refused_before_writing_anything(state, tmp_path):
    (state / LEDGER_FILE).write_text("{ truncated")
    with pytest.raises(InferenceError, match=rf"{LEDGER_FILE}: privacy ledger is unreadable or corrupt.*restore"):
        export(state, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_export_without_the_plant_identity_names_it(state, tmp_path):
    (state / "plant.json").unlink()
    with pytest.raises(InferenceError, match=r"plant\.json: unreadable plant identity"):
        export(state, tmp_path / "out")


def test_cli_prints_one_line_and_exits_2(state, tmp_path, capsys):
    x = windows()
    x[0, 0, 0] = np.nan
    np.savez(tmp_path / "nan.npz", x=x)
    assert main(["predict", "--state-dir", str(state), str(tmp_path / "nan.npz")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""                          # no prediction was printed
    assert captured.err.count("\n") == 1 and "nan.npz: x window 0 contains NaN/Inf" in captured.err
    (state / LEDGER_FILE).write_text(json.dumps(["not", "a", "ledger"]))
    assert main(["export", "--state-dir", str(state), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and LEDGER_FILE in err and "Traceback" not in err
