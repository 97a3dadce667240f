"""A plant's personalised model for its own runtime: a ``torch.export`` program (.pt2) and ONNX,
each checked against the eager model, plus a model card (`factoryfl export`).

Reads only the plant's state directory (``models/personalised.pt``, ``final_metrics.json``,
``privacy_ledger.json``); nothing is sent anywhere. The card states the privacy this plant spent
(its whole ledger) and its held-out metrics.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from client.model_formats import INPUT_NAME, OUTPUT_NAME, ExportCheckError, Written, onnx_opset, write_formats
from client.plant import FINAL_METRICS, PERSONAL_MODEL
from client.predict import InferenceError, load_personal_model, model_task
from client.smoothing import META_KEY as SMOOTHING_KEY
from client.state import IDENTITY_FILE, LEDGER_FILE, MODELS_DIR
from common.data.cmapss_recipe import RECIPE_KIND
from common.fileio import atomic_write_json, atomic_write_text
from common.privacy.ledger import PrivacyLedger, PrivacyLedgerError
from common.transfer.open_set import META_KEY as OPEN_SET_KEY
from common.transfer.open_set import OpenSetRule
from common.transfer.routing import META_KEY as ROUTING_KEY
from common.transfer.routing import RoutingRule


def _privacy(state_dir: Path, meta: dict[str, Any]) -> dict[str, Any]:
    identity = Path(state_dir) / IDENTITY_FILE
    try:
        plant_id = json.loads(identity.read_text())["plant_id"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InferenceError(f"{identity}: unreadable plant identity ({exc!r}); it names whose privacy ledger this "
                             "is: restore it from backup (it holds {\"plant_id\": \"<this plant's id>\"})") from exc
    try:
        ledger = PrivacyLedger(Path(state_dir) / LEDGER_FILE, plant_id)
    except PrivacyLedgerError as exc:
        raise InferenceError(f"cannot write a model card without the privacy spent: {exc}") from exc
    if not ledger.entries:
        return {"dp": bool(meta.get("privacy_enabled")), "epsilon": 0.0 if meta.get("privacy_enabled") else None,
                "note": "no private release recorded" if meta.get("privacy_enabled")
                else "trained without differential privacy: no ε guarantee"}
    try:
        delta = float(meta["delta"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InferenceError(f"{Path(state_dir) / MODELS_DIR / PERSONAL_MODEL}.pt: no valid δ in its metadata "
                             f"({exc!r}), so its ε cannot be stated; re-run the federation") from exc
    accountant = str(meta.get("accountant", "rdp"))
    return {"dp": True, "epsilon": ledger.epsilon(delta, accountant), "delta": delta, "accountant": accountant,
            "releases": len(ledger.entries), "steps": ledger.total_steps(),
            "unit": "one training window (record)",
            "scope": "every private release this plant ever made (its whole ledger, all runs)"}


NOT_PRIVATE_CARD = ("NOT PRIVATE: this model was trained in a simulation with reproducible DP noise "
                    "(simulation.reproducible_noise); its ε is not a guarantee")


CHECK_WINDOWS = 5   # standard-normal windows (the scale of normalised training windows) each format is checked on


def export(state_dir: Path, out_dir: Path) -> dict[str, Path]:
    """``model.pt2`` (torch.export), ``model.onnx`` and a model card (JSON and Markdown) into ``out_dir``.

    Everything the card states (privacy from the ledger, metrics) is read first: a state directory
    that cannot back the card (a corrupt ledger, ...) is refused before any file is written. Each
    model file is loaded back and checked against the eager model (client/model_formats.py)."""
    model, meta = load_personal_model(state_dir)
    privacy = _privacy(Path(state_dir), meta)
    metrics_blob = _load_json(Path(state_dir) / f"{FINAL_METRICS}.json")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    channels, length = int(meta["in_channels"]), int(meta["window_length"])
    check = torch.randn(CHECK_WINDOWS, channels, length, generator=torch.Generator().manual_seed(0))
    try:
        written = write_formats(model, channels, length, out_dir, check)
    except ExportCheckError as exc:
        raise InferenceError(f"{Path(state_dir)}: {exc}") from exc
    card = {
        **({"not_private": NOT_PRIVATE_CARD} if meta.get("reproducible_noise") else {}),
        "plant_id": meta.get("plant_id"), "run": meta.get("run"), "scenario": meta.get("scenario"),
        "trained_at": meta.get("saved_at"), "task": meta["task"],
        "formats": [_format_card(w) for w in written],
        "input": {"shape": ["N", channels, length], "dtype": "float32", "name": INPUT_NAME,
                  "sample_rate_hz": meta.get("sample_rate_hz"), "preprocessing": _preprocessing_card(meta),
                  # the plant's use_channels: which of its recordings' channels the model takes, in order
                  **({"channels_of_recording": {"use": list(meta["use_channels"]), "of": meta.get("channels_read")}}
                     if meta.get("use_channels") else {}),
                  "windows": "sensor windows prepared as in training (data_used.notes: normalisation, smoothing)"
                             + ("; or raw engine cycle tables (.txt in NASA's layout, .csv with a header) with "
                                "`factoryfl predict`, which prepares them with this site's own statistics"
                                if (meta.get("preprocessing") or {}).get("kind") == RECIPE_KIND else "")},
        "output": ({"kind": "RUL", "scale": meta.get("target_scale"), "range": meta.get("target_range"),
                    "note": "multiply output by scale, then clip into range (when one is given)"}
                   if not model_task(meta, Path(state_dir)).has_classes else
                   {"kind": "logits", "classes": list(meta["class_names"]), "note": "softmax for probabilities"}),
        "personalisation": {"mode": meta.get("mode"), "epochs": meta.get("epochs")},
        # which candidate the plant kept (client/selection.py: validation split or negative-transfer guard)
        "model_kept": {"candidate": meta.get("chosen", "federated_personalised"), "why": meta.get("choice_reason")},
        "open_set": _open_set_card(meta),
        # personalisation.posterior_smoothing (client/smoothing.py): λ and why; predict applies it, the exported
        # graphs give each window's own logits
        "posterior_smoothing": meta.get(SMOOTHING_KEY) if isinstance(meta.get(SMOOTHING_KEY), dict) else None,
        "never_had_routing": _routing_card(meta),
        "anomaly": _anomaly_card(Path(state_dir)),   # plants[].detector (client/anomaly.py)
        "data_used": (metrics_blob or {}).get("data"),
        "metrics": (metrics_blob or {}).get("metrics"),
        "metrics_note": "held-out test split of this plant's own data" if metrics_blob else "no evaluation recorded",
        "privacy": privacy,
        "exported_with": _versions(),
    }
    card_json = out_dir / "model_card.json"
    atomic_write_json(card_json, card, sort_keys=False)
    card_md = out_dir / "model_card.md"
    atomic_write_text(card_md, _card_markdown(card))
    return {**{w.format: w.path for w in written}, "card_json": card_json, "card_md": card_md}


LOADERS = {"torch.export": "torch.export.load(path).module()(windows)",
           "onnx": f"onnxruntime.InferenceSession(path).run(['{OUTPUT_NAME}'], {{'{INPUT_NAME}': windows}})[0]"}


def _format_card(w: Written) -> dict[str, Any]:
    card: dict[str, Any] = {"format": w.format, "file": w.path.name, "load": LOADERS[w.format],
                            "batch": "any N >= 1", "max_abs_diff_vs_eager": w.max_abs_diff}
    if w.format == "onnx":
        card |= {"opset": onnx_opset(w.path), "input_name": INPUT_NAME, "output_name": OUTPUT_NAME}
    return card


def _preprocessing_card(meta: dict[str, Any]) -> dict[str, Any]:
    """How a recording becomes the model's windows: its rate, resampling and order tracking."""
    spr = meta.get("samples_per_revolution")
    return {"window_rate_hz": meta.get("sample_rate_hz"),
            "resampled_to_hz": meta.get("resample_to_hz"),
            "order_tracking": None if spr is None else {
                "samples_per_revolution": spr, "trained_shaft_speed_rpm": meta.get("shaft_speed_rpm"),
                "note": "resample each recording to samples_per_revolution × shaft speed (Hz) before windowing"},
            "note": "the exported model takes prepared windows; `factoryfl predict` does this preparation"}


def _versions() -> dict[str, str]:
    import onnx
    import onnxruntime

    return {"torch": torch.__version__, "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__}


def _open_set_card(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The kept model's open-set rule as the card states it (its Gaussians stay in the plant)."""
    rule = OpenSetRule.from_dict(meta.get(OPEN_SET_KEY))
    if rule is None:
        return None
    score = "Mahalanobis distance of the window's features to the nearest known class"
    if rule.clusters is not None:
        score += (", pooled (½ each) with the mean distance of the cluster of the plant's own windows it falls "
                  "in (outside every cluster: its own distance)")
    return {"score": score,
            "threshold": rule.threshold, "quantile": rule.quantile,
            "calibrated_on": f"{rule.n_reference} {rule.reference}", "class_gaussians_from": rule.gaussians,
            "note": "`factoryfl predict` applies it (class 'unknown' above the threshold); the exported "
                    "models give logits only"}


def _routing_card(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The kept model's never-had routing rule as the card states it (its Gaussians stay in the plant)."""
    rule = RoutingRule.from_dict(meta.get(ROUTING_KEY))
    if rule is None:
        return None
    return {"own_classes": [n for n, own in zip(meta["class_names"], rule.own) if own],
            "score": "Mahalanobis distance of the window's features to the nearest own class",
            "threshold": rule.threshold, "calibrated_on": f"{rule.n_reference} own validation windows (the largest)",
            "calibration": None if rule.calibration is None else (
                "also when a class it never had is more likely than every own class (Gaussians from the other "
                f"plants' released DP feature statistics, widened by v = {rule.calibration.inflation:.3g}); the "
                "most likely of them is given"),
            "note": ("calibrated with the other plants' released DP feature statistics; " if rule.calibration
                     else "") + "`factoryfl predict` applies it (above the threshold: the "
            + ("most likely" if rule.calibration else "federated head's best") + " class among those the plant "
            "never had); the exported models give the kept model's logits only"}


def _anomaly_card(state_dir: Path) -> dict[str, Any] | None:
    """The kept anomaly detector's calibrated threshold and false-alarm rate (its arrays stay in the plant)."""
    from client.anomaly import DETECTOR_FILE, detector_card

    path = state_dir / MODELS_DIR / f"{DETECTOR_FILE}.pt"
    if not path.exists():
        return None
    return detector_card(torch.load(path, map_location="cpu", weights_only=True)["meta"]["detector"])


def _load_json(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        blob = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise InferenceError(f"{path}: unreadable ({exc}); delete it to export without metrics, or re-run the "
                             "federation to recreate it") from exc
    if not isinstance(blob, dict):
        raise InferenceError(f"{path}: expected a JSON object; delete it to export without metrics")
    return blob


def _card_markdown(card: dict[str, Any]) -> str:
    privacy = card["privacy"]
    eps = privacy.get("epsilon")
    lines = [f"**{card['not_private']}**", ""] if card.get("not_private") else []
    lines += [f"# Model card — plant `{card['plant_id']}`", "",
             f"- Run: `{card['run']}` (scenario `{card['scenario']}`), trained {card['trained_at']}",
             f"- Task: {card['task']}; input {card['input']['shape']} float32 at {card['input']['sample_rate_hz']} Hz",
             f"- Output: {card['output']['kind']} — {card['output']['note']}",
             f"- Preparation: {_preparation_line(card['input']['preprocessing'])}",
             f"- Personalisation: {card['personalisation']['mode']} ({card['personalisation']['epochs']} epochs)",
             *([f"- Unknown faults: {card['open_set']['score']} above {card['open_set']['threshold']:.4g} "
                f"(the {card['open_set']['quantile']:.2f}-quantile of {card['open_set']['calibrated_on']}; "
                f"classes from {card['open_set']['class_gaussians_from']}); {card['open_set']['note']}"]
               if card.get("open_set") else []),
             *([f"- Posterior smoothing: λ = {card['posterior_smoothing'].get('weight', 1.0):g} per window length "
                f"({card['posterior_smoothing'].get('reason', '')}); `factoryfl predict` applies it over a file's "
                "consecutive windows, the exported files give each window's own logits"]
               if card.get("posterior_smoothing") else []),
             *([f"- Classes this plant never had: a window whose {card['never_had_routing']['score']} exceeds "
                f"{card['never_had_routing']['threshold']:.4g} ({card['never_had_routing']['calibrated_on']}) goes "
                f"to them; {card['never_had_routing']['note']}"] if card.get("never_had_routing") else []),
             *([f"- Anomaly alarm: {card['anomaly']['detector']} health score above "
                f"{card['anomaly']['threshold']:.4g}, "
                f"calibrated to a false-alarm rate of {card['anomaly']['calibrated_false_alarm_rate']:g} on "
                f"{card['anomaly']['calibrated_on']}; {card['anomaly']['persistence']}; smoothing: "
                f"{card['anomaly'].get('smoothing', 'none')} "
                f"({card['anomaly'].get('smoothing_chosen_because', 'set in the scenario')})"]
               if card.get("anomaly") else []),
             "", "## Files", "", "| format | file | load | max abs diff vs eager |", "|---|---|---|---|",
             *[f"| {f['format']} | `{f['file']}` | `{f['load']}` | {f['max_abs_diff_vs_eager']:.1e} |"
               for f in card["formats"]],
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
            lines.append(f"| {method} | {name} | {card_value(name, value)} |")
    return "\n".join(lines) + "\n"


def card_value(name: str, value: Any) -> str:
    """A metric as the card prints it: counts (``n_test``, ``n_…``) as integers, rates with four decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if name.startswith("n_") and float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}"


def _preparation_line(prep: dict[str, Any]) -> str:
    rate = prep.get("window_rate_hz")
    parts = [f"windows at {rate:g} Hz" if rate else "windows at the plant's rate"]
    if prep.get("resampled_to_hz") is not None:
        parts.append("each recording resampled to that rate first")
    tracking = prep.get("order_tracking")
    if tracking:
        parts.append(f"order tracking: {tracking['samples_per_revolution']} samples per revolution "
                     f"(trained at {tracking['trained_shaft_speed_rpm']} rpm)")
    return "; ".join(parts) + f" ({prep['note']})"
