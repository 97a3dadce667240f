"""Phase 2 inside a plant, beyond plain personalisation: releasing DP feature statistics as a
source, and adapting the shared model as a target — with the plant's own, unlabelled windows.

Nothing here sends anything: the ClientApp returns what these functions give it. Every release
of data-dependent statistics is checked against the plant's budget and written to its ledger
before it is returned.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from client.plant import STATS_QUERIES, Plant, derive_seed
from common import wire
from common.config.schema import METHODS_NEEDING_LABELS, AdaptationConfig, RunSpec
from common.training import predict_logits

if TYPE_CHECKING:
    from common.transfer.adapt import AdaptConfig

logger = logging.getLogger(__name__)

ADAPTED_MODEL = "adapted"
TRANSFER_STATE = "transfer"
FINETUNE_MODES = {"finetune_head": "head", "finetune_full": "full", "fedrep": "fedrep"}


def _features(module: torch.nn.Module, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
    return predict_logits(module, x, batch_size).numpy()


def release_source_stats(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], run_name: str):
    """DP class-conditional feature statistics of this source plant's labelled windows.

    σ is the configured one, raised to the run's DP-SGD σ when a target ε calibrated the whole
    run (one budget); the four queries are accounted before anything is returned.
    Returns ``(declined_reason | None, arrays, scalars, privacy_status)``.
    """
    from common.transfer.stats import RffSpec, release_feature_stats

    cfg = spec.transfer.stats
    x, y = plant.data.train.x, plant.data.train.y
    mask = y >= 0
    model = plant._model(spec, shared)
    features = _features(model.extractor, x[mask])
    num_classes = spec.num_classes
    if spec.task == "regression":  # one "class": unconditional feature moments
        y, num_classes = np.zeros_like(y), 1
    rff = RffSpec(seed=cfg.rff_seed, num_features=cfg.rff_features, bandwidth=cfg.rff_bandwidth)
    sigma = plant.gaussian_sigma(spec, run_name, cfg.noise_multiplier)
    declined = plant.record_gaussian(spec, run_name, "feature_stats", sigma, STATS_QUERIES, sensitivity=cfg.clip_norm)
    if declined:
        return declined, None, None, plant.privacy_status(spec)
    stats, entries = release_feature_stats(features, y[mask], num_classes, noise_multiplier=sigma,
                                           clip_norm=cfg.clip_norm, rff=rff,
                                           rng=plant.noise_for(spec, "feature-stats"))
    if len(entries) != STATS_QUERIES:  # the ledger must hold exactly what was released
        raise RuntimeError(f"feature statistics released {len(entries)} queries but {STATS_QUERIES} were accounted")
    arrays, scalars = stats.to_arrays()
    return None, arrays, scalars, plant.privacy_status(spec)


def _choose(plant: Plant, spec: RunSpec, model, source_stats) -> tuple[str, str, dict[str, float]]:
    """The plant's method: its own setting, the federation default, or `auto` from the domain gap."""
    method = plant.transfer or ("" if plant.n_labelled > 0 else spec.transfer.default_method)
    if not method:
        return spec.personalisation.mode, "labelled plant: personalisation as configured", {}
    if method != "auto":
        if method in METHODS_NEEDING_LABELS and plant.n_labelled == 0:
            raise ValueError(f"plant {plant.plant_id}: method {method} needs labels and this plant has none")
        return method, "configured", {}
    if source_stats is None:
        if plant.n_labelled > 0:
            return "finetune_head", "auto: no source statistics available; the plant has labels", {}
        if spec.task == "regression":
            return "none", "auto: no source statistics and no labels; regression has no source-free method", {}
        return "shot", "auto: no source statistics available; source-free adaptation", {}
    from common.transfer.gap import GapThresholds, choose_method, domain_gap

    features = _features(model.extractor, plant.data.train.x)
    rng = np.random.default_rng(derive_seed(spec.seed, plant.plant_id, "gap"))
    gap = domain_gap(features, source_stats, rng)
    # With source statistics, a large gap (and an unlabelled plant even with a small one) gets
    # MMD alignment: across every CWRU table, 3 seeds each — 12 single-source pairs without DP,
    # with DP, with augmented pretraining, and leave-one-plant-out without and with DP
    # (transfer_pairs*.md, lopo_methods.md) — MMD was at or above SHOT (by 0.1–1.6 points) and
    # re-standardisation alone trailed both by 2–12 points.
    thresholds = GapThresholds(rff_mmd2_relative=spec.transfer.adaptation.gap_threshold,
                               adaptation_method="mmd", unlabelled_small_gap_method="mmd")
    if spec.task == "regression" and plant.n_labelled == 0:
        # Measured (simulations/results/cmapss.md, leave-one-site-out, 3 seeds): re-standardisation,
        # CORAL and MMD made RUL worse than the shared model at every site; keep the shared model.
        return ("none", "auto: regression without labels keeps the shared model (no label-free method beat it "
                "on C-MAPSS leave-one-site-out); choose coral or mmd explicitly to adapt", gap)
    chosen, reason = choose_method(gap, plant.n_labelled, thresholds)
    if chosen == "fine_tune":
        chosen = "finetune_head"
    return chosen, f"auto: {reason}", gap


def run_phase_two(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], source_stats,
                  run_name: str) -> tuple[dict[str, float], dict[str, Any]]:
    """Personalise (labelled) or adapt (unlabelled) this plant; returns (metrics, declared config)."""
    model = plant._model(spec, shared)
    method, reason, gap = _choose(plant, spec, model, source_stats)
    info: dict[str, Any] = {"method": method, "reason": reason, "gap": gap, "run": run_name}
    metrics: dict[str, float] = {f"{wire.GAP_PREFIX}{k}": float(v) for k, v in gap.items()}
    if method in FINETUNE_MODES or method in ("head", "full", "fedrep", "none"):
        metrics.update(plant.personalise(spec, shared, run_name, mode=FINETUNE_MODES.get(method, method)))
        info["result"] = "federated_personalised"
    else:
        from common.transfer.adapt import ADAPTERS

        adapt_cfg = adapt_config(spec.transfer.adaptation, derive_seed(spec.seed, plant.plant_id, "adapt"))
        labelled = None
        if plant.n_labelled > 0:
            targets = plant.targets(spec)
            mask = plant.data.train.y >= 0
            labelled = (plant.data.train.x[mask], targets[mask])
        head = model.reference_head
        if method == "fixmatch":
            # Fine-tune on the few labels first (the plant's personalisation settings), then learn from
            # the unlabelled windows starting from that model: its pseudo-labels are the better ones.
            metrics.update(plant.personalise(spec, shared, run_name))
            model = plant.personal_model(spec, run_name)
            head = model.head
        started = time.perf_counter()
        result = ADAPTERS[method](model.extractor, head, plant.data.train.x, source_stats,
                                  adapt_cfg, labelled=labelled)
        metrics[wire.ADAPT_SECONDS] = time.perf_counter() - started
        # Evaluation on the held-out split happens now, after adaptation has finished (no model
        # selection looks at it); the adapted module stays on the plant's disk.
        evaluation = plant.evaluate(result.model, spec)
        plant.state.save_json(ADAPTED_MODEL, {"run": run_name, "method": method, "evaluation": evaluation,
                                              "selection": "last epoch (no target labels used)",
                                              "diagnostics": _jsonable(result.selection)})
        plant.state.save_module(ADAPTED_MODEL, result.model)
        info["result"] = "federated_adapted"
    plant.state.save_json(TRANSFER_STATE, info)
    logger.info("plant %s: phase 2 with %s (%s)", plant.plant_id, method, reason)
    return metrics, {wire.TRANSFER_CHOSEN: method, wire.TRANSFER_REASON: reason}


def adapt_config(cfg: AdaptationConfig, seed: int) -> AdaptConfig:
    """The scenario's ``transfer.adaptation`` settings as the adapters' config (the names differ:
    pseudo_label_weight is SHOT's β, alignment_weight the alignment λ)."""
    from common.transfer.adapt import AdaptConfig

    return AdaptConfig(epochs=cfg.epochs, batch_size=cfg.batch_size, learning_rate=cfg.learning_rate,
                       beta=cfg.pseudo_label_weight, lam=cfg.alignment_weight,
                       confidence_threshold=cfg.confidence_threshold, unlabelled_weight=cfg.unlabelled_weight,
                       strong_augment=cfg.strong_augment, distribution_alignment=cfg.distribution_alignment,
                       balanced_pseudo_labels=cfg.balanced_pseudo_labels, seed=seed)


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.floating, np.integer)):
        return obj.item()
    return obj if isinstance(obj, (int, float, str, bool)) or obj is None else str(obj)


def adapted_evaluation(plant: Plant, run_name: str) -> tuple[dict[str, float] | None, dict[str, Any]]:
    """The adapted model's held-out metrics and the transfer record of this run, if any."""
    info = plant.state.load_json(TRANSFER_STATE) or {}
    if info.get("run") != run_name:
        return None, {}
    saved = plant.state.load_json(ADAPTED_MODEL) or {}
    evaluation = saved.get("evaluation") if saved.get("run") == run_name else None
    return evaluation, info
