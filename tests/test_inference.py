"""`factoryfl predict` and `factoryfl export` on a plant's state after a real (loopback) federation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from cli.main import main
from client.export import export
from client.predict import InferenceError, predict
from common.config import load_scenario
from server.app import run_federation
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid

DP = {"enabled": True, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "delta": 1e-5}


@pytest.fixture(scope="module")
def trained_plant(tmp_path_factory) -> tuple[Path, Path]:
    """State dir of plant-0 after a 2-round DP federation, and its data directory."""
    from deploy.plant_data import export_plant_dir

    tmp = tmp_path_factory.mktemp("inference")
    path = tiny_scenario(tmp, privacy=DP)
    configs = {}
    for i in range(3):
        data = export_plant_dir(path, f"plant-{i}", tmp / "data" / f"plant-{i}")
        configs[101 + i] = {"plant-id": f"plant-{i}", "data-dir": str(data),
                            "state-dir": str(tmp / "state" / f"plant-{i}")}
    run_dir = tmp / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 3, run_dir, node_configs=configs), load_scenario(path), run_dir)
    assert results["plants"]["plant-0"]["status"] == "ok"
    (tmp / "results.json").write_text(json.dumps(results))
    return tmp / "state" / "plant-0", tmp / "data" / "plant-0"


def test_predict_labels_windows_and_recordings(trained_plant, tmp_path):
    state, data = trained_plant
    with np.load(data / "windows.npz") as archive:
        x, y, split = archive["x"], archive["y"], archive["split"]
    test_x = x[split == "test"]
    np.savez(tmp_path / "new.npz", x=test_x)
    result = predict(state, tmp_path / "new.npz")
    assert result["windows"] == len(test_x) and result["plant_id"] == "plant-0"
    row = result["predictions"][0]
    probs = [v for k, v in row.items() if k.startswith("p_")]
    assert len(probs) == 5 and abs(sum(probs) - 1) < 1e-5 and row["known_class"] in {k[2:] for k in row
                                                                                      if k.startswith("p_")}
    assert row["class"] in (row["known_class"], "unknown")   # open set: "unknown" above the plant's threshold
    # the same accuracy as the plant's own held-out evaluation of the model it kept (closed set)
    names = [k[2:] for k in row if k.startswith("p_")]
    predicted = np.array([names.index(r["known_class"]) for r in result["predictions"]])
    final = json.loads((state / "final_metrics.json").read_text())["metrics"]["chosen"]["accuracy"]
    assert abs(float((predicted == y[split == "test"]).mean()) - final) < 1e-6
    # a continuous recording (CSV, T rows × 1 column) is cut into consecutive windows
    np.savetxt(tmp_path / "rec.csv", np.concatenate(list(test_x[:3, 0]))[:, None] if test_x.shape[1] == 1 else None,
               delimiter=",")
    assert predict(state, tmp_path / "rec.csv")["windows"] == 3


def test_predict_errors_name_the_file_and_shape(trained_plant, tmp_path):
    state, _ = trained_plant
    np.savez(tmp_path / "bad.npz", x=np.zeros((2, 3, 7), np.float32))
    with pytest.raises(InferenceError, match=r"needs \(N, 1, 1024\)"):
        predict(state, tmp_path / "bad.npz")
    with pytest.raises(InferenceError, match="no personalised model"):
        predict(tmp_path, tmp_path / "bad.npz")


def test_export_torch_export_and_onnx_match_the_model_on_real_windows_with_a_card(trained_plant, tmp_path):
    from client.model_formats import run_onnx
    from client.predict import load_personal_model

    state, data = trained_plant
    files = export(state, tmp_path / "export")
    card = json.loads(files["card_json"].read_text())
    results = json.loads((state.parent.parent / "results.json").read_text())
    assert card["privacy"]["dp"] is True
    assert abs(card["privacy"]["epsilon"] - results["plants"]["plant-0"]["privacy"]["epsilon"]) < 1e-9
    assert card["privacy"]["delta"] == 1e-5
    assert card["data_used"]["train"]["windows"] > 0 and "federated_personalised" in card["metrics"]
    assert [f["format"] for f in card["formats"]] == ["torch.export", "onnx"]
    assert card["input"]["shape"] == ["N", 1, 1024] and card["output"]["classes"] == card["data_used"]["class_names"]
    assert card["input"]["preprocessing"]["window_rate_hz"] == card["input"]["sample_rate_hz"] > 0
    md = files["card_md"].read_text()
    assert "ε =" in md and "plant-0" in md and "model.onnx" in md and "model.pt2" in md
    with np.load(data / "windows.npz") as archive:   # the plant's own held-out windows, 7 (not the export's 2 or 5)
        x = torch.from_numpy(archive["x"][archive["split"] == "test"][:7])
    eager, _ = load_personal_model(state)
    with torch.no_grad():
        want = eager(x)
        program = torch.export.load(files["torch.export"]).module()
        assert torch.allclose(program(x), want, atol=1e-5)
    got = run_onnx(files["onnx"], x.numpy())
    assert got.shape == tuple(want.shape) and np.allclose(got, want.numpy(), atol=1e-4)
    assert (got.argmax(1) == want.numpy().argmax(1)).all()
    assert not list((tmp_path / "export").glob("*torchscript*"))


def test_cli_predict_writes_csv(trained_plant, tmp_path, capsys):
    state, data = trained_plant
    with np.load(data / "windows.npz") as archive:
        np.savez(tmp_path / "new.npz", x=archive["x"][:5])
    argv = ["predict", "--state-dir", str(state), str(tmp_path / "new.npz"), "--out", str(tmp_path / "p.csv")]
    assert main(argv) == 0
    lines = (tmp_path / "p.csv").read_text().splitlines()
    assert lines[0].startswith("window,class,probability,p_") and len(lines) == 6
    assert main(["predict", "--state-dir", str(tmp_path), str(tmp_path / "new.npz")]) == 2
    assert "no personalised model" in capsys.readouterr().err


def test_predict_resamples_a_recording_made_at_another_rate(trained_plant, tmp_path):
    from common.data.windowing import WindowSpec, at_rate

    state, data = trained_plant
    with np.load(data / "windows.npz") as archive:
        windows = archive["x"][archive["split"] == "test"][:4, 0]
    from client.predict import load_personal_model

    rate = float(load_personal_model(state)[1]["sample_rate_hz"])
    recording = np.concatenate(list(windows))  # at the plant's own rate
    np.save(tmp_path / "native.npy", recording)
    np.save(tmp_path / "double.npy", at_rate(recording, rate, WindowSpec(resample_to_hz=2 * rate))[0])
    native = predict(state, tmp_path / "native.npy")
    resampled = predict(state, tmp_path / "double.npy", input_rate_hz=2 * rate)
    assert native["windows"] == resampled["windows"] == 4
    assert [r["class"] for r in native["predictions"]] == [r["class"] for r in resampled["predictions"]]
    np.savez(tmp_path / "windows.npz", x=windows[:, None, :])
    with pytest.raises(InferenceError, match="pre-cut windows at .* Hz cannot be resampled"):
        predict(state, tmp_path / "windows.npz", input_rate_hz=2 * rate)
    with pytest.raises(InferenceError, match="--input-rate-hz 0: a sampling rate must be > 0"):
        predict(state, tmp_path / "native.npy", input_rate_hz=0.0)
