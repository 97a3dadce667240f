"""`factoryfl export`: torch.export and ONNX files, their check against the eager model, the card.

The export of a plant trained in a real federation, checked on its own held-out windows, is in
tests/test_inference.py (it shares that file's trained plant); these tests build a kept model
directly, so they run in seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from cli.main import main
from client.model_formats import ExportCheckError, run_onnx, write_formats
from client.plant import PERSONAL_MODEL
from client.predict import load_personal_model
from client.state import PlantState
from common.config.schema import ModelConfig
from common.models import build_model

MODEL = ModelConfig(channels=(4, 8), groups=2, feature_dim=8)


def _order_tracked_state(root: Path) -> Path:
    """A kept 3-class, 2-channel model trained with order tracking (no federation needed)."""
    state = PlantState(root, "p")
    meta = {"plant_id": "p", "run": "r", "in_channels": 2, "window_length": 128, "num_outputs": 3,
            "task": "classification", "class_names": ["normal", "inner", "outer"], "sample_rate_hz": 2048.0,
            "resample_to_hz": None, "samples_per_revolution": 64, "shaft_speed_rpm": 1920.0,
            "model": MODEL.__dict__ | {"channels": list(MODEL.channels)}}
    state.save_model(PERSONAL_MODEL, build_model(2, 3, MODEL, seed=3).state_dict(), meta)
    return state.root


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path, str]:
    """The kept model's state directory, `factoryfl export`'s output folder and what it printed."""
    import contextlib
    import io

    tmp = tmp_path_factory.mktemp("export")
    state = _order_tracked_state(tmp / "state")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["export", "--state-dir", str(state), "--out", str(tmp / "out")]) == 0
    return state, tmp / "out", printed.getvalue()


def test_cli_export_writes_both_formats_that_reproduce_the_model_at_any_batch_size(exported):
    state, out, printed = exported
    assert "model.pt2" in printed and "model.onnx" in printed and "model_card.json" in printed
    eager, _ = load_personal_model(state)
    program = torch.export.load(out / "model.pt2").module()
    for n in (1, 3, 16):
        x = torch.from_numpy(np.random.default_rng(n).standard_normal((n, 2, 128)).astype(np.float32))
        with torch.no_grad():
            want = eager(x).numpy()
            assert np.allclose(program(x).numpy(), want, atol=1e-5)
        assert np.allclose(run_onnx(out / "model.onnx", x.numpy()), want, atol=1e-4)


def test_the_card_states_formats_input_preparation_and_classes(exported):
    _, out, _ = exported
    card = json.loads((out / "model_card.json").read_text())
    onnx_card = next(f for f in card["formats"] if f["format"] == "onnx")
    assert onnx_card["file"] == "model.onnx" and onnx_card["opset"] >= 17 and onnx_card["input_name"] == "windows"
    assert all(0 <= f["max_abs_diff_vs_eager"] <= 1e-4 for f in card["formats"])
    assert card["input"]["shape"] == ["N", 2, 128] and card["output"]["classes"] == ["normal", "inner", "outer"]
    tracking = card["input"]["preprocessing"]["order_tracking"]
    assert tracking["samples_per_revolution"] == 64 and tracking["trained_shaft_speed_rpm"] == 1920.0
    assert card["anomaly"] is None and card["exported_with"]["onnxruntime"]
    md = (out / "model_card.md").read_text()
    assert "order tracking: 64 samples per revolution (trained at 1920.0 rpm)" in md and "| onnx | `model.onnx`" in md


def test_cli_export_without_a_kept_model_is_one_line_naming_it(tmp_path, capsys):
    assert main(["export", "--state-dir", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no personalised model" in err and "Traceback" not in err


class _DriftsAfterTracing(nn.Module):
    """Adds how often it has run: the traced program bakes in one count, the eager model moves on."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        return x.mean(-1) + float(self.calls)


def test_a_file_that_does_not_reproduce_the_model_is_refused(tmp_path):
    with pytest.raises(ExportCheckError, match=r"torch\.export export differs from the model by \d"):
        write_formats(_DriftsAfterTracing(), 1, 16, tmp_path, torch.zeros(2, 1, 16))


@pytest.mark.parametrize("model_input", ["spectrum", "envelope"])
def test_frequency_domain_inputs_export_to_both_formats(tmp_path, model_input):
    """The inputs computed inside the model (FFTs; the envelope's Hilbert transform) export and reproduce it."""
    cfg = ModelConfig(input=model_input, channels=(4, 8), groups=2, feature_dim=8, first_kernel=4, first_stride=1,
                      pool_bins=4)
    windows = torch.randn(3, 2, 256, generator=torch.Generator().manual_seed(0))
    written = write_formats(build_model(2, 3, cfg, seed=0), 2, 256, tmp_path, windows)
    assert [w.format for w in written] == ["torch.export", "onnx"]
    assert all(w.max_abs_diff <= 1e-4 for w in written)
