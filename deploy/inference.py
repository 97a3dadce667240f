"""A plant's own use of its personalised model: predict on new sensor files, export for its runtime.

Reads only the plant's state directory (``models/personalised.pt``, ``final_metrics.json``,
``privacy_ledger.json``); nothing is sent anywhere.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from client.plant import FINAL_METRICS, PERSONAL_MODEL
from client.state import IDENTITY_FILE, LEDGER_FILE, MODELS_DIR
from common.config.schema import ModelConfig
from common.data.cmapss_recipe import RECIPE_KIND, CmapssRecipe, CycleTableError, read_cycle_table
from common.data.signal_files import read_signal_file
from common.data.windowing import WindowSpec, at_rate, cut_windows
from common.fileio import atomic_write_json
from common.models import build_model
from common.privacy.ledger import PrivacyLedger
from common.training import clip_to_range

logger = logging.getLogger(__name__)


class InferenceError(ValueError):
    """The state directory or input file cannot be used; the message names the file and the fix."""


class PersonalModel(nn.Module):
    """Extractor + the plant's personal head: windows (N, C, L) → logits (N, K) or scaled RUL (N, 1)."""

    def __init__(self, extractor: nn.Module, head: nn.Module) -> None:
        super().__init__()
        self.extractor = extractor
        self.head = head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.extractor(x))


def load_personal_model(state_dir: Path) -> tuple[PersonalModel, dict[str, Any]]:
    """The plant's personalised model from its state directory, in eval mode, with its metadata."""
    path = Path(state_dir) / MODELS_DIR / f"{PERSONAL_MODEL}.pt"
    if not path.exists():
        raise InferenceError(f"{path}: no personalised model: this plant has not finished a federation run "
                             "(personalise phase) with this state directory")
    try:
        blob = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported the same way
        raise InferenceError(f"{path}: unreadable model file ({exc}); re-run the federation to recreate it") from exc
    meta = blob["meta"]
    missing = [k for k in ("in_channels", "window_length", "num_outputs", "task", "model") if k not in meta]
    if missing:
        raise InferenceError(f"{path}: saved by an older factoryfl without {missing}; re-run the federation")
    fields = {f.name for f in dataclasses.fields(ModelConfig)}
    cfg_raw = {k: v for k, v in meta["model"].items() if k in fields}
    cfg = ModelConfig(**{**cfg_raw, "channels": tuple(cfg_raw.get("channels", ()))})
    model = build_model(int(meta["in_channels"]), int(meta["num_outputs"]), cfg, seed=0)
    model.load_state_dict(blob["state_dict"])
    personal = PersonalModel(model.extractor, model.head).eval()
    return personal, meta


def read_windows(path: Path, channels: int, length: int, input_rate_hz: float | None = None,
                 model_rate_hz: float | None = None) -> np.ndarray:
    """Windows (N, C, L) from a new sensor file.

    ``.npz`` with key ``x`` of shape (N, C, L): pre-cut windows. ``.npy`` (T,) / (C, T) or ``.csv``
    (T rows × C columns): one continuous recording, cut into consecutive windows of L samples
    (a trailing partial window is dropped); recorded at ``input_rate_hz`` when given, it is first
    resampled to the model's rate (as the plant's training data were, with window.resample_to_hz).
    """
    path = Path(path)
    if not path.exists():
        raise InferenceError(f"{path}: no such file")
    if path.suffix == ".npz":
        try:
            with np.load(path, allow_pickle=False) as archive:
                if "x" not in archive.files:
                    raise InferenceError(f"{path}: no key 'x' (found {archive.files}): save windows as "
                                         "numpy.savez(path, x=windows) with shape (N, C, L)")
                x = archive["x"]
        except (OSError, ValueError) as exc:
            raise InferenceError(f"{path}: cannot read as .npz ({exc})") from exc
        if x.ndim != 3 or x.shape[1:] != (channels, length):
            raise InferenceError(f"{path}: x has shape {x.shape}; this plant's model needs (N, {channels}, {length})")
        if input_rate_hz is not None and model_rate_hz is not None and abs(input_rate_hz - model_rate_hz) > 1e-9 * model_rate_hz:
            raise InferenceError(f"{path}: pre-cut windows at {input_rate_hz:g} Hz cannot be resampled to the model's "
                                 f"{model_rate_hz:g} Hz: give the continuous recording (.npy/.csv)")
        return x.astype(np.float32)
    if path.suffix not in (".npy", ".csv"):
        raise InferenceError(f"{path}: unsupported file type {path.suffix!r}: use .npz (windows), .npy or .csv")
    problems: list[str] = []
    signal = read_signal_file(path, "input", channels, problems)
    if signal is None or problems:
        raise InferenceError("; ".join(problems) or f"{path}: unreadable")
    if input_rate_hz is not None and model_rate_hz is not None:
        signal, _ = at_rate(signal, input_rate_hz, WindowSpec(length=length, resample_to_hz=model_rate_hz))
    if signal.shape[-1] < length:
        raise InferenceError(f"{path}: {signal.shape[-1]} samples, shorter than one window of {length}")
    return cut_windows(signal, length, length).astype(np.float32)


def _engine_windows(path: Path, recipe: dict[str, Any], channels: int) -> tuple[np.ndarray, list[dict[str, int]]]:
    """C-MAPSS: one window per engine of a raw cycle table, prepared with the site's own recipe."""
    prepared = CmapssRecipe.from_json(recipe)
    try:
        table, columns = read_cycle_table(path, prepared.sensors)
        units, cycles, x = prepared.engine_windows(table, columns, str(path))
    except CycleTableError as exc:
        raise InferenceError(str(exc)) from exc
    if x.shape[1] != channels:  # a recipe saved with another model: should not happen, but never feed it
        raise InferenceError(f"{path}: prepared {x.shape[1]} channels but the model takes {channels}; "
                             "re-run the federation")
    return x, [{"engine": int(u), "cycles": int(c)} for u, c in zip(units, cycles)]


def predict(state_dir: Path, input_path: Path, input_rate_hz: float | None = None) -> dict[str, Any]:
    """Classes + probabilities (classification) or RUL (regression) for every window of the file.

    A C-MAPSS plant's model also takes raw engine cycle tables (``.txt`` in NASA's layout or
    ``.csv`` with a header): one prediction per engine, at its last cycle, prepared exactly as the
    site's test engines were (:mod:`common.data.cmapss_recipe`).

    ``input_rate_hz``: the file's sampling rate, when it differs from the model's (a plant that
    trained with window.resample_to_hz records at its own rate)."""
    if input_rate_hz is not None and not input_rate_hz > 0:
        raise InferenceError(f"--input-rate-hz {input_rate_hz:g}: a sampling rate must be > 0 Hz (e.g. 16000)")
    model, meta = load_personal_model(state_dir)
    model_rate = meta.get("sample_rate_hz")
    if input_rate_hz is not None and model_rate is None:
        raise InferenceError(f"{state_dir}: the model does not record its sampling rate, so a recording at "
                             f"{input_rate_hz:g} Hz cannot be resampled to it: drop --input-rate-hz")
    recipe = meta.get("preprocessing") or {}
    engines: list[dict[str, int]] | None = None
    if recipe.get("kind") == RECIPE_KIND and Path(input_path).suffix in (".txt", ".csv"):
        x, engines = _engine_windows(Path(input_path), recipe, int(meta["in_channels"]))
    else:
        x = read_windows(input_path, int(meta["in_channels"]), int(meta["window_length"]), input_rate_hz,
                         float(model_rate) if model_rate is not None else None)
    with torch.no_grad():
        out = model(torch.from_numpy(x))
    rows: list[dict[str, Any]] = []
    if meta["task"] == "regression":
        values = clip_to_range((out[:, 0] * float(meta.get("target_scale", 1.0))).numpy(),
                               meta.get("target_range"))
        rows = [{"window": i, **(engines[i] if engines else {}), "rul": float(v)} for i, v in enumerate(values)]
    else:
        names = list(meta["class_names"])
        probs = torch.softmax(out, dim=1).numpy()
        for i, p in enumerate(probs):
            rows.append({"window": i, **(engines[i] if engines else {}), "class": names[int(p.argmax())],
                         "probability": float(p.max()),
                         **{f"p_{n}": float(v) for n, v in zip(names, p)}})
    return {"plant_id": meta.get("plant_id"), "run": meta.get("run"), "input": str(input_path),
            "task": meta["task"], "windows": len(rows), "predictions": rows}


def write_predictions(result: dict[str, Any], out: Path) -> Path:
    out = Path(out)
    if out.suffix == ".json":
        atomic_write_json(out, result)
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = result["predictions"]
    with out.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["window"])
        writer.writeheader()
        writer.writerows(rows)
    return out


def _privacy(state_dir: Path, meta: dict[str, Any]) -> dict[str, Any]:
    plant_id = json.loads((Path(state_dir) / IDENTITY_FILE).read_text())["plant_id"]
    ledger = PrivacyLedger(Path(state_dir) / LEDGER_FILE, plant_id)
    if not ledger.entries:
        return {"dp": bool(meta.get("privacy_enabled")), "epsilon": 0.0 if meta.get("privacy_enabled") else None,
                "note": "no private release recorded" if meta.get("privacy_enabled")
                else "trained without differential privacy: no ε guarantee"}
    delta = float(meta["delta"])
    accountant = str(meta.get("accountant", "rdp"))
    return {"dp": True, "epsilon": ledger.epsilon(delta, accountant), "delta": delta, "accountant": accountant,
            "releases": len(ledger.entries), "steps": ledger.total_steps(),
            "unit": "one training window (record)",
            "scope": "every private release this plant ever made (its whole ledger, all runs)"}


NOT_PRIVATE_CARD = ("NOT PRIVATE: this model was trained in a simulation with reproducible DP noise "
                    "(simulation.reproducible_noise); its ε is not a guarantee")


def export(state_dir: Path, out_dir: Path) -> dict[str, Path]:
    """TorchScript model + model card (JSON and Markdown) into ``out_dir``."""
    model, meta = load_personal_model(state_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    example = torch.randn(2, int(meta["in_channels"]), int(meta["window_length"]))
    script_path = out_dir / "model.torchscript.pt"
    with warnings.catch_warnings():  # torch 2.13 marks TorchScript deprecated; it is still what plant runtimes load
        warnings.simplefilter("ignore")
        scripted = torch.jit.trace(model, example)
        scripted.save(str(script_path))
        reloaded = torch.jit.load(str(script_path))
    with torch.no_grad():
        gap = float((reloaded(example) - model(example)).abs().max())
    if gap > 1e-4:
        raise InferenceError(f"TorchScript export differs from the model by {gap:.2e}; not exporting")
    metrics_blob = _load_json(Path(state_dir) / f"{FINAL_METRICS}.json")
    card = {
        **({"not_private": NOT_PRIVATE_CARD} if meta.get("reproducible_noise") else {}),
        "plant_id": meta.get("plant_id"), "run": meta.get("run"), "scenario": meta.get("scenario"),
        "trained_at": meta.get("saved_at"), "task": meta["task"],
        "input": {"shape": ["N", int(meta["in_channels"]), int(meta["window_length"])], "dtype": "float32",
                  "sample_rate_hz": meta.get("sample_rate_hz"),
                  "windows": "sensor windows prepared as in training (data_used.notes: normalisation, smoothing)"
                             + ("; or raw engine cycle tables (.txt in NASA's layout, .csv with a header) with "
                                "`factoryfl predict`, which prepares them with this site's own statistics"
                                if (meta.get("preprocessing") or {}).get("kind") == RECIPE_KIND else "")},
        "output": ({"kind": "RUL", "scale": meta.get("target_scale"), "range": meta.get("target_range"),
                    "note": "multiply output by scale, then clip into range (when one is given)"}
                   if meta["task"] == "regression" else
                   {"kind": "logits", "classes": list(meta["class_names"]), "note": "softmax for probabilities"}),
        "personalisation": {"mode": meta.get("mode"), "epochs": meta.get("epochs")},
        "data_used": (metrics_blob or {}).get("data"),
        "metrics": (metrics_blob or {}).get("metrics"),
        "metrics_note": "held-out test split of this plant's own data" if metrics_blob else "no evaluation recorded",
        "privacy": _privacy(Path(state_dir), meta),
        "torchscript": {"file": script_path.name, "max_abs_diff_vs_eager": gap, "torch": torch.__version__},
    }
    card_json = out_dir / "model_card.json"
    atomic_write_json(card_json, card, sort_keys=False)
    card_md = out_dir / "model_card.md"
    card_md.write_text(_card_markdown(card))
    return {"model": script_path, "card_json": card_json, "card_md": card_md}


def _load_json(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text()) if path.exists() else None


def _card_markdown(card: dict[str, Any]) -> str:
    privacy = card["privacy"]
    eps = privacy.get("epsilon")
    lines = [f"**{card['not_private']}**", ""] if card.get("not_private") else []
    lines += [f"# Model card — plant `{card['plant_id']}`", "",
             f"- Run: `{card['run']}` (scenario `{card['scenario']}`), trained {card['trained_at']}",
             f"- Task: {card['task']}; input {card['input']['shape']} float32 at {card['input']['sample_rate_hz']} Hz",
             f"- Output: {card['output']['kind']} — {card['output']['note']}",
             f"- Personalisation: {card['personalisation']['mode']} ({card['personalisation']['epochs']} epochs)",
             "", "## Privacy", ""]
    if privacy.get("dp"):
        lines.append(f"- ε = {eps:.3f} at δ = {privacy.get('delta', 0):.1e} ({privacy.get('accountant', '')}), "
                     f"{privacy.get('releases', 0)} releases, unit: {privacy.get('unit', 'one window')}")
        lines.append(f"- Scope: {privacy.get('scope', '')}")
    else:
        lines.append(f"- {privacy.get('note')}")
    lines += ["", "## Data used", ""]
    data = card.get("data_used") or {}
    if data:
        lines.append(f"- Source: {data.get('source')}; train windows {data['train']['windows']} "
                     f"({data['train']['labelled']} labelled), test windows {data['test']['windows']}")
        lines.append(f"- Classes: {', '.join(data.get('class_names', []))}")
    else:
        lines.append("- not recorded")
    lines += ["", "## Metrics (held-out split of this plant)", "", "| method | metric | value |", "|---|---|---|"]
    for method, values in (card.get("metrics") or {}).items():
        for name, value in values.items():
            lines.append(f"| {method} | {name} | {value:.4f} |")
    return "\n".join(lines) + "\n"
