"""A plant's model in portable formats: a ``torch.export`` program (.pt2) and ONNX, each checked.

Both take windows ``(N, C, L)`` float32 with any batch size N and give what the eager model gives
(logits or scaled outputs). Each written file is loaded back and run on the same windows as the
eager model (ONNX with onnxruntime); a file whose outputs differ by more than ``TOLERANCE`` is
refused, never shipped.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

TORCH_EXPORT_FILE = "model.pt2"
ONNX_FILE = "model.onnx"
INPUT_NAME = "windows"
OUTPUT_NAME = "outputs"
TOLERANCE = 1e-4   # max |exported − eager| over the check windows (float32 reorderings stay far below it)

# loggers that announce optional torchvision ops and export progress: quieted while exporting
_CHATTY = ("torch.onnx", "torch.export", "torch._export", "torch.fx.experimental.symbolic_shapes", "onnxscript")


class ExportCheckError(RuntimeError):
    """An exported file does not reproduce the eager model."""


@dataclass(frozen=True)
class Written:
    """One exported file and how far its outputs were from the eager model's on the check windows."""

    format: str
    path: Path
    max_abs_diff: float


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence export progress warnings and log chatter (restored afterwards)."""
    loggers = [logging.getLogger(name) for name in _CHATTY]
    levels = [lg.level for lg in loggers]
    try:
        for lg in loggers:
            lg.setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _gap(got: np.ndarray, want: torch.Tensor, fmt: str) -> float:
    if got.shape != tuple(want.shape):
        raise ExportCheckError(f"{fmt} export gives shape {got.shape}, the model {tuple(want.shape)}; not exporting")
    gap = float(np.abs(got - want.numpy()).max())
    if not gap <= TOLERANCE:
        raise ExportCheckError(f"{fmt} export differs from the model by {gap:.2e} (> {TOLERANCE:g}); not exporting")
    return gap


def write_formats(model: nn.Module, in_channels: int, window_length: int, out_dir: Path,
                  check_windows: torch.Tensor) -> list[Written]:
    """Write ``model.pt2`` (torch.export) and ``model.onnx`` into ``out_dir``, each checked against
    ``model`` (eval mode) on ``check_windows``; ExportCheckError if either does not reproduce it."""
    model = model.eval()
    example = torch.zeros(2, in_channels, window_length)
    batch = torch.export.Dim("batch", min=1)
    with torch.no_grad():
        want = model(check_windows)
    with _quiet():
        program = torch.export.export(model, (example,), dynamic_shapes={"x": {0: batch}})
        pt2 = out_dir / TORCH_EXPORT_FILE
        torch.export.save(program, pt2)
        with torch.no_grad():
            got = torch.export.load(pt2).module()(check_windows)
        written = [Written("torch.export", pt2, _gap(got.numpy(), want, "torch.export"))]
        onnx_path = out_dir / ONNX_FILE
        torch.onnx.export(program, (example,), str(onnx_path), dynamo=True, verbose=False, external_data=False,
                          input_names=[INPUT_NAME], output_names=[OUTPUT_NAME])
    written.append(Written("onnx", onnx_path, _gap(run_onnx(onnx_path, check_windows.numpy()), want, "ONNX")))
    return written


def run_onnx(path: Path, windows: np.ndarray) -> np.ndarray:
    """The ONNX model's outputs for ``windows`` (N, C, L) with onnxruntime on the CPU."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.asarray(session.run([OUTPUT_NAME], {INPUT_NAME: windows.astype(np.float32)})[0])


def onnx_opset(path: Path) -> int | None:
    """The default-domain opset the ONNX file declares."""
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    return next((int(o.version) for o in model.opset_import if o.domain in ("", "ai.onnx")), None)
