"""Phase two inside a plant: personalise or adapt the shared model with the plant's own windows,
and, as a source, release DP feature statistics for the targets.

:func:`run_phase_two` is the one entry point: it resolves the plant's transfer method (its own,
the federation's default, or the personalisation mode for a labelled plant; a ``selector`` such as
``auto`` picks one), then runs it by its kind in ``common.extensions.transfer_methods``:

- ``personalisation``: fine-tune the personal head on the plant's labels and keep the model on disk;
- ``adapter``: adapt the shared model (or the fine-tuned one, ``fine_tune_first``) to the plant's
  unlabelled windows, evaluate it on the held-out split once adaptation has finished, keep it on disk.

Nothing here sends anything: the ClientApp returns what these functions give it. Every release
of data-dependent statistics is checked against the plant's budget and written to its ledger
before it is returned.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from client.open_set import open_set_meta
from client.plant import PERSONAL_MODEL, STATS_QUERIES, Plant, derive_seed
from client.selection import (
    ADAPTED,
    GLOBAL,
    PERSONALISED,
    Choice,
    from_sequential,
    keep_labelled,
    keep_unlabelled,
    refit_kept,
    save_chosen,
    split_for,
    with_head,
    without_validation,
)
from client.smoothing import smoothing_meta
from common import wire
from common.config.schema import RunSpec
from common.extensions.transfer_methods import (
    ADAPTER,
    PERSONALISATION,
    SELECTOR,
    TRANSFER_METHODS,
    method_for_mode,
)
from common.labelset import missing_scale, own_classes
from common.models import PlantModel
from common.privacy.ledger import now_iso
from common.registry import Entry
from common.task import task_named
from common.training import predict_logits
from common.transfer.adapt import PRIOR_KEY

logger = logging.getLogger(__name__)

ADAPTED_MODEL = "adapted"
ADAPTED_CANDIDATE = "adapted_candidate"
TRANSFER_STATE = "transfer"


def _features(module: torch.nn.Module, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
    return predict_logits(module, x, batch_size).numpy()


# ---------------------------------------------------------------- source side
def release_source_stats(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], run_name: str):
    """DP class-conditional feature statistics of this source plant's labelled windows.

    σ is the configured one, raised to the run's release floor when a target ε calibrated the whole
    run (one budget, the releases within ``privacy.release_share`` of it); the four queries are
    accounted before anything is returned. A task without classes releases unconditional moments
    (one "class").
    Returns ``(declined_reason | None, arrays, scalars, privacy_status)``.
    """
    from common.transfer.stats import RffSpec, release_feature_stats

    cfg = spec.transfer.stats
    task = task_named(spec.task)
    plant.align(spec)
    x, y = plant.data.train.x, plant.data.train.y
    mask = y >= 0
    model = plant.model_for(spec, shared)
    features = _features(model.extractor, x[mask])
    if not task.has_classes:
        y = np.zeros_like(y)
    num_classes = task.stats_classes(spec.num_classes)
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


# ---------------------------------------------------------------- which method
def _configured(plant: Plant, spec: RunSpec) -> tuple[str, str]:
    """The plant's own method, else the federation's default (unlabelled) or personalisation (labelled)."""
    if plant.transfer:
        return plant.transfer, "configured"
    if plant.n_labelled > 0:
        return method_for_mode(spec.personalisation.mode), "labelled plant: personalisation as configured"
    return spec.transfer.default_method, "configured"


def choose(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray],
           source_stats) -> tuple[Entry, str, dict[str, float]]:
    """(method entry, reason, measured domain gap) for this plant; a selector picks the method."""
    name, reason = _configured(plant, spec)
    entry = TRANSFER_METHODS.get(name)
    gap: dict[str, float] = {}
    if entry.kind == SELECTOR:
        if source_stats is not None:
            from common.transfer.gap import domain_gap

            model = plant.model_for(spec, shared)
            rng = np.random.default_rng(derive_seed(spec.seed, plant.plant_id, "gap"))
            gap = domain_gap(_features(model.extractor, plant.data.train.x), source_stats, rng)
        name, reason = entry.load()(task_named(spec.task), plant.n_labelled, gap if source_stats is not None else None,
                                    spec.transfer.adaptation.gap_threshold)
        entry = TRANSFER_METHODS.get(name)
        if entry.kind == SELECTOR:
            raise ValueError(f"transfer method {entry.name!r} was picked by a selector but is one itself")
    if entry.needs_labels and plant.n_labelled == 0:
        raise ValueError(f"plant {plant.plant_id}: method {entry.name} needs labels and this plant has none")
    return entry, reason, gap


# ---------------------------------------------------------------- running it
def _scale_meta(scale: float | tuple[float, ...]) -> float | list[float]:
    return float(scale) if isinstance(scale, (int, float)) else [float(v) for v in scale]


def model_meta(plant: Plant, spec: RunSpec, run_name: str, mode: str, epochs: int) -> dict[str, Any]:
    """What `factoryfl predict` / `export` need with a kept model: its run, shape, task, privacy, preprocessing."""
    return {
        "plant_id": plant.plant_id, "run": run_name, "mode": mode, "epochs": epochs,
        "class_names": list(spec.class_names), "scenario": spec.scenario_name,
        "saved_at": now_iso(), "model": spec.model.__dict__ | {"channels": list(spec.model.channels)},
        # what `factoryfl predict` / `export` need to rebuild and feed the model
        "in_channels": plant.data.channels, "window_length": plant.data.window_length,
        # set: the plant's use_channels; predict reads channels_read channels and keeps these, in this order
        "use_channels": list(plant.data.channels_used) or None, "channels_read": plant.data.channels_read or None,
        "sample_rate_hz": float(plant.data.sample_rate_hz), "task": spec.task,
        # set: windows were resampled to sample_rate_hz from the plant's own rate (predict needs the file's rate)
        "resample_to_hz": spec.window.resample_to_hz,
        # set: order tracking; predict brings a recording to samples_per_revolution × the shaft speed
        "samples_per_revolution": spec.window.samples_per_revolution, "shaft_speed_rpm": plant.data.shaft_speed_rpm,
        # the scale this plant's targets were divided by (target_scaling: plant: its own), for predict/export
        "target_scale": _scale_meta(plant.target_scale(spec)), "target_scaling": spec.target_scaling,
        "num_outputs": spec.num_outputs,
        "target_names": list(plant.data.target_names),  # K-output regression: the outputs' names, in order
        "target_range": list(spec.target_range) if spec.target_range is not None else None,
        "delta": plant.delta(spec), "accountant": spec.privacy.accountant,
        "privacy_enabled": spec.privacy.enabled, "reproducible_noise": plant.reproducible_noise,
        # how raw records become windows (C-MAPSS: this site's own condition statistics), so
        # `factoryfl predict` can take an engine's raw cycles; stays in this state directory
        "preprocessing": plant.data.preprocessing,
    }


def personalise(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray] | None, run_name: str,
                method: str | None = None) -> dict[str, float]:
    """Fine-tune a personal head with a personalisation method (default: ``personalisation.mode``'s)
    on the plant's labels; keep the model, with what `factoryfl predict` / `export` need, on disk."""
    plant.check_fits(spec)
    entry = TRANSFER_METHODS.get(method or method_for_mode(spec.personalisation.mode))
    if entry.kind != PERSONALISATION:
        raise ValueError(f"{entry.name} is a transfer method of kind {entry.kind}, not personalisation")
    cfg = spec.personalisation
    model = plant.model_for(spec, shared)
    started = time.perf_counter()
    # the head's rows of classes it never had stay as federated (masked) or get the run's α-scaled push (FedRS)
    with own_classes(plant.class_mask(spec), missing_scale(spec)):
        losses = entry.load()(model, plant.data.train.x, plant.targets(spec), cfg,
                              lambda step: derive_seed(spec.seed, plant.plant_id, "personalise", step))
    plant.state.save_model(PERSONAL_MODEL, model.state_dict(),
                           model_meta(plant, spec, run_name, entry.meta["mode"], cfg.epochs))
    return {wire.PERSONALISE_LOSS: losses[-1] if losses else float("nan"),
            wire.PERSONALISE_SECONDS: time.perf_counter() - started}


def _run_personalisation(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], source_stats,
                         run_name: str, entry: Entry) -> tuple[dict[str, float], str]:
    return personalise(plant, spec, shared, run_name, entry.name), "federated_personalised"


def _run_adapter(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], source_stats,
                 run_name: str, entry: Entry) -> tuple[dict[str, float], str]:
    """Adapt the shared model (or, ``fine_tune_first``, the fine-tuned one) to the plant's windows."""
    metrics: dict[str, float] = {}
    model = plant.model_for(spec, shared)
    head = model.reference_head
    if entry.meta.get("fine_tune_first"):
        # the plant's personalisation settings first: pseudo-labels from the fine-tuned model are the better ones
        metrics.update(personalise(plant, spec, shared, run_name))
        personal = plant.personal_model(spec, run_name)
        if personal is None:
            raise RuntimeError(f"plant {plant.plant_id}: the personal model of run {run_name} was not kept")
        model, head = personal, personal.head
    labelled = None
    if plant.n_labelled > 0:
        mask = plant.data.train.y >= 0
        labelled = (plant.data.train.x[mask], plant.targets(spec)[mask])
    started = time.perf_counter()
    # a plant without labels whose class list is a subset of the federation's declares which classes
    # its windows hold: it is adapted toward those only (a labelled plant's list is what it has
    # labels for, and it may still meet the others: common/transfer/routing.py)
    with own_classes(plant.declared_class_mask(spec) if plant.n_labelled == 0 else None, missing_scale(spec)):
        result = entry.load()(model.extractor, head, plant.data.train.x, source_stats, spec.transfer.adaptation,
                              labelled=labelled, seed=derive_seed(spec.seed, plant.plant_id, "adapt"))
    metrics[wire.ADAPT_SECONDS] = time.perf_counter() - started
    metrics.update(_prior_metrics(result.selection, plant.data.class_names))
    # evaluated on the held-out split only now, after adaptation (no model selection looks at it)
    evaluation = plant.evaluate(result.model, spec)
    plant.state.save_json(ADAPTED_MODEL, {"run": run_name, "method": entry.name, "evaluation": evaluation,
                                          "selection": "last epoch (no target labels used)",
                                          "diagnostics": _jsonable(result.selection)})
    plant.state.save_module(ADAPTED_MODEL, result.model)
    try:  # as extractor + head, so the plant can keep it as its model (client/selection.py)
        folded = from_sequential(plant.model_for(spec, None), result.model)
        plant.state.save_model(ADAPTED_CANDIDATE, folded.state_dict(), {"run": run_name})
    except TypeError as exc:
        logger.warning("plant %s: the adapted model cannot be kept as the plant's model: %s", plant.plant_id, exc)
    return metrics, "federated_adapted"


def _prior_metrics(diagnostics: dict[str, float], class_names: tuple[str, ...]) -> dict[str, float]:
    """The adapter's EM estimate of this plant's class proportions, as ``gap/target_prior/<class>``
    (a label-free measure of the target, released in the ``gap`` category like the domain gap)."""
    out = {}
    for key, value in diagnostics.items():
        if key.startswith(PRIOR_KEY):
            index = int(key[len(PRIOR_KEY):])
            name = class_names[index] if index < len(class_names) else str(index)
            out[f"{wire.GAP_PREFIX}target_prior/{name}"] = float(value)
    return out


Runner = Callable[[Plant, RunSpec, dict, Any, str, Entry], tuple[dict[str, float], str]]
RUNNERS: dict[str, Runner] = {PERSONALISATION: _run_personalisation, ADAPTER: _run_adapter}
"""How a plant runs a method of each kind: (metrics, the result method it produces)."""


def run_phase_two(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], source_stats,
                  run_name: str) -> tuple[dict[str, float], dict[str, Any]]:
    """Personalise (labelled) or adapt (unlabelled) this plant, then keep the best model it has
    (client/selection.py: validation split for a labelled plant, the negative-transfer guard for
    an unlabelled one); returns (metrics, declared config)."""
    entry, reason, gap = choose(plant, spec, shared, source_stats)
    metrics: dict[str, float] = {f"{wire.GAP_PREFIX}{k}": float(v) for k, v in gap.items()}
    split = split_for(plant, spec)
    worker = plant if split is None else without_validation(plant, split)  # candidates never see V's labels
    run_metrics, result = RUNNERS[entry.kind](worker, spec, shared, source_stats, run_name, entry)
    metrics.update(run_metrics)
    # statistics relayed to a plant whose method does not ask for them calibrate its never-had routing only
    asked = TRANSFER_METHODS.get(_configured(plant, spec)[0]).needs_source_stats
    choice = _keep(plant, worker, spec, shared, run_name, result, split, source_stats if asked else None,
                   source_stats, entry.name if entry.kind == PERSONALISATION else None)
    metrics.update(choice.metrics)
    # the adapter's label-free estimates (gap/target_prior/...) are re-sent with the final evaluation, as the gap is
    gap = gap | {k[len(wire.GAP_PREFIX):]: v for k, v in run_metrics.items() if k.startswith(wire.GAP_PREFIX)}
    plant.state.save_json(TRANSFER_STATE, {"method": entry.name, "reason": reason, "gap": gap, "run": run_name,
                                           "result": result, "selection": _jsonable(choice.record),
                                           # re-sent with the final evaluation (the reply's keys, filtered there)
                                           "selection_metrics": choice.metrics,
                                           "selection_declared": choice.declared})
    logger.info("plant %s: phase 2 with %s (%s)", plant.plant_id, entry.name, reason)
    return metrics, {wire.TRANSFER_CHOSEN: entry.name, wire.TRANSFER_REASON: reason, **choice.declared}


def _keep(plant: Plant, worker: Plant, spec: RunSpec, shared: dict[str, np.ndarray], run_name: str,
          result: str, split, source_stats=None, calibration_stats=None, method: str | None = None) -> Choice:
    """Gather this run's candidates, keep the best (labelled) or the guarded one (unlabelled), refit it on all
    labelled windows where it is the plant's own recipe (``method``: the run's personalisation), save it."""
    candidates = {}
    personal = plant.personal_model(spec, run_name)
    if personal is not None and not plant._chosen_meta(run_name):  # not a choice kept by an earlier try
        candidates[PERSONALISED] = personal
    adapted = plant._saved_model(ADAPTED_CANDIDATE, spec, run_name) if result == ADAPTED else None
    if adapted is not None:
        candidates[ADAPTED] = adapted
    if plant.n_labelled > 0:
        choice = keep_labelled(plant, worker, spec, shared, run_name, candidates, split, result, calibration_stats)
    else:
        glob = plant.model_for(spec, shared)
        candidates[GLOBAL] = with_head(glob, glob.extractor, glob.reference_head)
        saved = plant.state.load_json(ADAPTED_MODEL) or {}
        saved = saved if saved.get("run") == run_name else {}
        choice = keep_unlabelled(plant, spec, candidates, dict(saved.get("diagnostics") or {}))
    kept = candidates.get(choice.chosen)
    # λ is chosen on V with the candidate as it was compared (fit without V), then applied to the kept model
    smoothing = smoothing_meta(plant, spec, None if kept is None else torch.nn.Sequential(kept.extractor, kept.head),
                               split)  # client/smoothing.py
    refit = refit_kept(plant, spec, run_name, choice, candidates,
                       lambda: _personalised_on_all(plant, spec, shared, run_name, method))
    # a model refit on V has no held-out windows left: its open-set threshold comes out of fold, as without a split
    open_set = open_set_meta(plant, spec, candidates.get(choice.chosen), None if refit else split,  # client/open_set.py
                             source_stats, candidates.get(GLOBAL), run_name)
    save_chosen(plant, choice, candidates,
                lambda _: model_meta(plant, spec, run_name, spec.personalisation.mode,
                                     spec.personalisation.epochs) | open_set | smoothing)
    return choice


def _personalised_on_all(plant: Plant, spec: RunSpec, shared: dict[str, np.ndarray], run_name: str,
                         method: str | None) -> PlantModel | None:
    """The run's personalisation of the federated model, on all the plant's labelled windows."""
    personalise(plant, spec, shared, run_name, method)
    return plant.personal_model(spec, run_name)


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
