"""A plant's personalised model for its own runtime: TorchScript plus a model card (`factoryfl export`).

Reads only the plant's state directory (``models/personalised.pt``, ``final_metrics.json``,
``privacy_ledger.json``); nothing is sent anywhere. The card states the privacy this plant spent
(its whole ledger) and its held-out metrics.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import torch

from client.plant import FINAL_METRICS, PERSONAL_MODEL
from client.predict import InferenceError, load_personal_model, model_task
from client.state import IDENTITY_FILE, LEDGER_FILE, MODELS_DIR
from common.data.cmapss_recipe import RECIPE_KIND
from common.fileio import atomic_write_json, atomic_write_text
from common.privacy.ledger import PrivacyLedger, PrivacyLedgerError
from common.transfer.open_set import META_KEY as OPEN_SET_KEY
from common.transfer.open_set import OpenSetRule


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


def export(state_dir: Path, out_dir: Path) -> dict[str, Path]:
    """TorchScript model + model card (JSON and Markdown) into ``out_dir``.

    Everything the card states (privacy from the ledger, metrics) is read first: a state directory
    that cannot back the card (a corrupt ledger, ...) is refused before any file is written."""
    model, meta = load_personal_model(state_dir)
    privacy = _privacy(Path(state_dir), meta)
    metrics_blob = _load_json(Path(state_dir) / f"{FINAL_METRICS}.json")
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
                   if not model_task(meta, Path(state_dir)).has_classes else
                   {"kind": "logits", "classes": list(meta["class_names"]), "note": "softmax for probabilities"}),
        "personalisation": {"mode": meta.get("mode"), "epochs": meta.get("epochs")},
        # which candidate the plant kept (client/selection.py: validation split or negative-transfer guard)
        "model_kept": {"candidate": meta.get("chosen", "federated_personalised"), "why": meta.get("choice_reason")},
        "open_set": _open_set_card(meta),
        "anomaly": _anomaly_card(Path(state_dir)),   # plants[].detector (client/anomaly.py)
        "data_used": (metrics_blob or {}).get("data"),
        "metrics": (metrics_blob or {}).get("metrics"),
        "metrics_note": "held-out test split of this plant's own data" if metrics_blob else "no evaluation recorded",
        "privacy": privacy,
        "torchscript": {"file": script_path.name, "max_abs_diff_vs_eager": gap, "torch": torch.__version__},
    }
    card_json = out_dir / "model_card.json"
    atomic_write_json(card_json, card, sort_keys=False)
    card_md = out_dir / "model_card.md"
    atomic_write_text(card_md, _card_markdown(card))
    return {"model": script_path, "card_json": card_json, "card_md": card_md}


def _open_set_card(meta: dict[str, Any]) -> dict[str, Any] | None:
    """The kept model's open-set rule as the card states it (its Gaussians stay in the plant)."""
    rule = OpenSetRule.from_dict(meta.get(OPEN_SET_KEY))
    if rule is None:
        return None
    return {"score": "Mahalanobis distance of the window's features to the nearest known class",
            "threshold": rule.threshold, "quantile": rule.quantile,
            "calibrated_on": f"{rule.n_reference} {rule.reference}", "class_gaussians_from": rule.gaussians,
            "note": "`factoryfl predict` applies it (class 'unknown' above the threshold); the TorchScript "
                    "model gives logits only"}


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
             f"- Personalisation: {card['personalisation']['mode']} ({card['personalisation']['epochs']} epochs)",
             *([f"- Unknown faults: {card['open_set']['score']} above {card['open_set']['threshold']:.4g} "
                f"(the {card['open_set']['quantile']:.2f}-quantile of {card['open_set']['calibrated_on']}; "
                f"classes from {card['open_set']['class_gaussians_from']}); {card['open_set']['note']}"]
               if card.get("open_set") else []),
             *([f"- Anomaly alarm: {card['anomaly']['detector']} health score above "
                f"{card['anomaly']['threshold']:.4g}, "
                f"calibrated to a false-alarm rate of {card['anomaly']['calibrated_false_alarm_rate']:g} on "
                f"{card['anomaly']['calibrated_on']}; {card['anomaly']['persistence']}"]
               if card.get("anomaly") else []),
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
