"""Do no harm inside a plant: keep the candidate model that is best on the plant's own data.

The rules (validation split, pick, negative-transfer guard) are ``common.transfer.selection``;
this module trains nothing itself beyond the local-only candidate (``Plant.train_local_only`` on
the fit windows), turns each candidate into a :class:`PlantModel` whose ``head`` predicts, and
saves the kept one as the plant's personalised model, which `factoryfl predict` / `export` read.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from client.plant import PERSONAL_CANDIDATE, PERSONAL_MODEL, Plant
from common import wire
from common.config.schema import RunSpec
from common.models import PlantModel
from common.task import task_named
from common.transfer.adapt import FeatureAlign
from common.transfer.routing import META_KEY as ROUTING_KEY
from common.transfer.routing import fit_routing
from common.transfer.selection import (
    EVIDENCE_ALPHA,
    VALIDATION_FLOOR,
    Split,
    agreement,
    guard,
    leaves_local_only,
    one_class_warning,
    pick,
    selection_metric,
    selection_score,
)

logger = logging.getLogger(__name__)

LOCAL_ONLY_FIT_MODEL = "local_only_fit"
GLOBAL = "federated_global"
PERSONALISED = "federated_personalised"
ADAPTED = "federated_adapted"
LOCAL_ONLY = "local_only"


@dataclass
class Choice:
    """What the plant kept and why: metrics and declared keys for its reply, a record for its state."""

    chosen: str
    reason: str
    metrics: dict[str, float] = field(default_factory=dict)
    declared: dict[str, str] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    """Stored with the kept model (the never-had routing rule, ``common.transfer.routing``)."""


def split_for(plant: Plant, spec: RunSpec) -> Split | None:
    """The plant's validation split (None: unlabelled, or too few labels for one); phase one held it out too."""
    return plant.validation_split(spec)


def without_validation(plant: Plant, split: Split) -> Plant:
    """The same plant (same state directory) with its validation windows' labels hidden (y = −1)."""
    return plant.without_labels_of(split.val)


def with_head(base: PlantModel, extractor: nn.Module, head: nn.Module, align: nn.Module | None = None) -> PlantModel:
    """A PlantModel whose ``head`` predicts like ``head(align(extractor(x)))``.

    A :class:`FeatureAlign` ``f' = (f − μ_t)A + μ_s`` before a linear head ``Wf' + c`` is folded in:
    ``W' = W Aᵀ``, ``c' = c + W(μ_s − Aᵀμ_t)`` (exact).
    """
    model = copy.deepcopy(base)
    model.extractor.load_state_dict(extractor.state_dict())
    if not isinstance(head, nn.Linear) or not isinstance(model.head, nn.Linear):
        raise TypeError(f"cannot keep a head of type {type(head).__name__} as the plant's model")
    weight, bias = head.weight.detach().clone(), head.bias.detach().clone()
    if isinstance(align, FeatureAlign):
        a = align.transform.to(weight)
        bias = bias + weight @ (align.source_mean.to(weight) - a.T @ align.target_mean.to(weight))
        weight = weight @ a.T
    elif align is not None:
        raise TypeError(f"cannot fold a {type(align).__name__} into the plant's head")
    with torch.no_grad():
        model.head.weight.copy_(weight)
        model.head.bias.copy_(bias)
    return model.eval()


def from_sequential(base: PlantModel, module: nn.Module) -> PlantModel:
    """An adapter's ``Sequential(extractor[, align], head)`` as a PlantModel."""
    parts = list(module.children()) if isinstance(module, nn.Sequential) else []
    if len(parts) not in (2, 3):
        raise TypeError(f"an adapted model of type {type(module).__name__} is not extractor[, align], head")
    return with_head(base, parts[0], parts[-1], parts[1] if len(parts) == 3 else None)


def _module(model: PlantModel) -> nn.Module:
    return nn.Sequential(model.extractor, model.head).eval()


def _predict(model: PlantModel, x: np.ndarray) -> np.ndarray:
    from common.training import predict_logits

    return predict_logits(_module(model), x, 256).numpy().argmax(axis=1)


def local_only_candidate(view: Plant, spec: RunSpec, run_name: str) -> PlantModel | None:
    """The local-only baseline trained on the fit windows only (``Plant.train_local_only``)."""
    view.train_local_only(spec, run_name, name=LOCAL_ONLY_FIT_MODEL)
    model = view._saved_model(LOCAL_ONLY_FIT_MODEL, spec, run_name)
    return None if model is None else with_head(model, model.extractor, model.reference_head)


def _window_errors(model: PlantModel, x: np.ndarray, y: np.ndarray, spec: RunSpec) -> np.ndarray:
    """Per validation window: 0/1 error for a class, squared error in target-scale units for a number
    (mean over the outputs it has, the loss's weighting)."""
    from common.training import predict_logits

    if task_named(spec.task).has_classes:
        return (_predict(model, x) != y).astype(np.float64)
    out = predict_logits(_module(model), x, 256).numpy().astype(np.float64)
    target = np.asarray(y, dtype=np.float64)   # Plant.targets: already divided by the target scale
    target = target.reshape(len(target), -1)
    squared = (out[:, : target.shape[1]] - target) ** 2
    return np.nanmean(np.where(np.isnan(target), np.nan, squared), axis=1)


def _own_class_errors(model: PlantModel, glob: PlantModel, x: np.ndarray, y: np.ndarray,
                      own: np.ndarray | None) -> np.ndarray:
    """Per validation window, the 0/1 error of what a plant labelled for only some classes would predict
    there with ``model``: its argmax over the plant's own classes when ``model`` shares the federated
    extractor (the never-had routing then keeps every own validation window among the own classes:
    τ is their largest score, ``common.transfer.routing``), else its plain argmax (no routing rule)."""
    from common.training import predict_logits

    logits = predict_logits(_module(model), x, 256).numpy()
    if own is not None and own.any() and _same_extractor(model, glob):
        logits = np.where(own[None, :], logits, -np.inf)
    return (logits.argmax(axis=1) != y).astype(np.float64)


def _full_local_only(plant: Plant, spec: RunSpec, run_name: str) -> PlantModel | None:
    """The local-only model trained on all the plant's labelled windows (``Plant.train_local_only``)."""
    plant.train_local_only(spec, run_name)
    model = plant.local_only_model(spec, run_name)
    return None if model is None else with_head(model, model.extractor, model.reference_head)


def _partial_coverage(plant: Plant, spec: RunSpec) -> dict[str, str] | None:
    """Local-only is not kept by a plant labelled for only some of the federation's classes, unless the
    covering models are clearly worse on its own classes (:func:`keep_labelled`)."""
    if not plant.lacks_learnt_classes(spec):
        return None
    # no count: the reason is released as `metrics`, which classes hold labels as `sizes`
    return {LOCAL_ONLY: "it covers only the federation's classes this plant has labels for, not all of them; "
                        "kept only when clearly better on those"}


def keep_labelled(plant: Plant, view: Plant, spec: RunSpec, shared: dict[str, np.ndarray], run_name: str,
                  candidates: dict[str, PlantModel], split: Split | None, configured: str,
                  source_stats: Any = None) -> Choice:
    """A labelled plant keeps its best candidate on the validation split (or the configured one);
    ``source_stats``: the relayed released statistics that calibrate its never-had routing, if any."""
    task = task_named(spec.task)
    if split is None:
        reason = (f"too few labelled windows for a validation split (needs at least "
                  f"{VALIDATION_FLOOR} validation windows): kept the configured {configured}")
        return Choice(configured, reason, declared={wire.MODEL_CHOSEN: configured, wire.MODEL_CHOICE_REASON: reason},
                      record={"chosen": configured, "reason": reason, "n_val": 0})
    glob = plant.model_for(spec, shared)
    pool = {GLOBAL: with_head(glob, glob.extractor, glob.reference_head), **candidates}
    local = local_only_candidate(view, spec, run_name)
    if local is not None:
        pool[LOCAL_ONLY] = local
    x_val, y_val = plant.data.train.x[split.val], plant.targets(spec)[split.val]
    scale = plant.target_scale(spec)
    scores = {name: selection_score(task.evaluate(_module(m), x_val, y_val, spec.num_classes, scale,
                                                  spec.target_range), task, scale)
              for name, m in pool.items()}
    metric = selection_metric(task, spec.num_outputs)
    coverage = _partial_coverage(plant, spec) if LOCAL_ONLY in scores else None
    chosen, why = pick(scores, task, coverage, metric)
    # the declared reason (released as `metrics`) names no window count: counts are `sizes` (SELECT_N_*);
    # the plant's own record keeps them
    public = f"{why} on its validation split"
    reason = f"{why} on {len(split.val)} validation windows; candidates fit on {len(split.fit)}"
    if coverage and chosen != LOCAL_ONLY:
        own = plant.class_mask(spec)
        covering = _own_class_errors(pool[chosen], pool[GLOBAL], x_val, y_val, own)
        worse, evidence = leaves_local_only(_window_errors(pool[LOCAL_ONLY], x_val, y_val, spec), covering)
        if worse:
            lost = "; kept local-only: "
            why_lost = (f"{chosen}, the best model that covers the federation's classes, is clearly worse on the "
                        "plant's own classes")
            reason += f"{lost}{why_lost} ({evidence}); it does not recognise the classes it has no labels for"
            public += (f"{lost}{why_lost} (one-sided sign test at α = {EVIDENCE_ALPHA:g}); it does not recognise "
                       "the classes it has no labels for")
            chosen = LOCAL_ONLY
        else:
            reason += f"; local-only not clearly better on its own classes ({evidence})"
    elif chosen != LOCAL_ONLY and LOCAL_ONLY in pool:
        errors = {name: _window_errors(pool[name], x_val, y_val, spec) for name in (chosen, LOCAL_ONLY)}
        enough, evidence = leaves_local_only(errors[chosen], errors[LOCAL_ONLY])
        test = f"one-sided sign test at α = {EVIDENCE_ALPHA:g}"
        if not enough:
            reason += f"; kept local-only: {chosen} is not clearly better ({evidence})"
            public += f"; kept local-only: {chosen} is not clearly better ({test})"
            chosen = LOCAL_ONLY
        else:
            reason += f"; {chosen} over local-only: {evidence}"
            public += f"; {chosen} over local-only: clearly better ({test})"
    metrics = {f"{wire.SELECT_VAL_PREFIX}{name}": value for name, value in scores.items()}
    metrics.update({wire.SELECT_N_VAL: float(len(split.val)), wire.SELECT_N_FIT: float(len(split.fit))})
    candidates[chosen] = pool[chosen]
    routing = (routing_meta(plant, spec, pool[chosen], pool[GLOBAL], split, source_stats)
               if _partial_coverage(plant, spec) and chosen != LOCAL_ONLY else {})
    return Choice(chosen, reason, metrics, {wire.MODEL_CHOSEN: chosen, wire.MODEL_CHOICE_REASON: public},
                  {"chosen": chosen, "reason": reason, "validation": scores, "n_val": len(split.val),
                   "n_fit": len(split.fit), "metric": metric}, routing)


REFITTED = (LOCAL_ONLY, PERSONALISED)
"""Candidates a plant retrains on all its labelled windows once it has kept them (:func:`refit_kept`)."""


def refit_kept(plant: Plant, spec: RunSpec, run_name: str, choice: Choice, candidates: dict[str, PlantModel],
               personalise_all: Callable[[], PlantModel | None]) -> bool:
    """Retrain the kept candidate on all the plant's labelled windows, its validation windows included.

    The choice compared candidates fit without the validation split ``V``; once made, the kept
    recipe (local-only, or the personalisation of the federated model) is run again on fit ∪ ``V``,
    as the plant would train it with no choice to make. ``V`` is the latest stretch of each class's
    labelled windows, so it is also the data nearest in time to what the model will see next. Not
    for the federated global model (the plant does not train it alone), nor for a kept model that
    carries a never-had routing rule (``choice.meta``: calibrated on ``V``), nor without a split.
    Returns whether it refit; the reason, declared and record say so."""
    if choice.chosen not in REFITTED or choice.meta or not choice.record.get("n_val"):
        return False
    full = _full_local_only(plant, spec, run_name) if choice.chosen == LOCAL_ONLY else personalise_all()
    if full is None:
        logger.warning("plant %s: %s could not be refit on all labelled windows; kept as fit", plant.plant_id,
                       choice.chosen)
        return False
    candidates[choice.chosen] = full
    refit = f"; {choice.chosen} refit on all its labelled windows"
    choice.reason += refit
    choice.declared[wire.MODEL_CHOICE_REASON] = choice.declared.get(wire.MODEL_CHOICE_REASON, "") + refit
    choice.record.update(reason=choice.reason, refit_on_all_labels=True)
    return True


def _same_extractor(a: PlantModel, b: PlantModel) -> bool:
    sa, sb = a.extractor.state_dict(), b.extractor.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def routing_meta(plant: Plant, spec: RunSpec, kept: PlantModel, glob: PlantModel, split: Split,
                 source_stats: Any = None) -> dict[str, Any]:
    """``{never_had_routing: rule}`` for a plant labelled for only some classes (``common.transfer.routing``):
    Gaussians of its own classes on its fit windows, τ on its validation windows, calibrated with the
    relayed released statistics when it got them (``common.transfer.calibration``); {} when the kept
    model's extractor is not the federated one (the federated head's rows would not fit its features)."""
    if not _same_extractor(kept, glob):
        logger.info("plant %s: kept model has its own extractor: no never-had routing rule", plant.plant_id)
        return {}
    from common.training import predict_logits

    own = plant.class_mask(spec)
    y, x = plant.targets(spec), plant.data.train.x
    features = predict_logits(kept.extractor.eval(), x[np.concatenate([split.fit, split.val])], 256).numpy()
    fit_f, val_f = features[: len(split.fit)], features[len(split.fit):]
    with torch.no_grad():
        val_logits = kept.head(torch.from_numpy(val_f).to(next(kept.head.parameters()).device)).cpu().numpy()
    mask = own if own is not None else np.ones(spec.num_classes, bool)
    head = (glob.head.weight.detach().cpu().numpy(), glob.head.bias.detach().cpu().numpy())
    labelled = (y[split.val], val_logits)
    learnt = plant.learnt_class_mask(spec)   # a never-had class no plant had labels for is never routed to
    rule = None
    if source_stats is not None:
        try:
            rule = fit_routing(fit_f, y[split.fit], val_f, mask, *head, source_stats, *labelled, learnt=learnt)
        except (ValueError, np.linalg.LinAlgError) as exc:
            logger.warning("plant %s: never-had routing not calibrated with the released statistics: %s",
                           plant.plant_id, exc)
    try:
        rule = rule or fit_routing(fit_f, y[split.fit], val_f, mask, *head, None, *labelled, learnt=learnt)
    except (ValueError, np.linalg.LinAlgError) as exc:
        logger.warning("plant %s: no never-had routing rule: %s", plant.plant_id, exc)
        return {}
    logger.info("plant %s: never-had routing threshold %.4g (largest of %d own validation windows)%s",
                plant.plant_id, rule.threshold, rule.n_reference,
                f", calibrated (inflation v = {rule.calibration.inflation:.3g})" if rule.calibration else "")
    return {ROUTING_KEY: rule.to_dict()}


def keep_unlabelled(plant: Plant, spec: RunSpec, candidates: dict[str, PlantModel],
                    diagnostics: dict[str, float]) -> Choice:
    """An unlabelled target keeps its adapted model unless the negative-transfer guard says otherwise."""
    if ADAPTED not in candidates or GLOBAL not in candidates:
        chosen = ADAPTED if ADAPTED in candidates else GLOBAL
        return Choice(chosen, "no alternative to compare", record={"chosen": chosen})
    x = plant.data.train.x
    has_classes = task_named(spec.task).has_classes
    predicted = {name: _predict(candidates[name], x) for name in (ADAPTED, GLOBAL)} if has_classes else {}
    agree = agreement(predicted[ADAPTED], predicted[GLOBAL]) if has_classes else float("nan")
    verdict = guard(diagnostics, spec.num_classes if has_classes else 1, agree)
    chosen = ADAPTED if verdict.keep_adapted else GLOBAL
    if not verdict.keep_adapted:
        logger.warning("plant %s: negative-transfer guard: %s", plant.plant_id, verdict.reason)
    diagnostics_out = dict(verdict.diagnostics)
    warning = None
    if has_classes:
        diagnostics_out["top_class_share"], warning = one_class_warning(predicted[chosen], spec.class_names,
                                                                         len(plant.own_classes))
    metrics = {f"{wire.GUARD_PREFIX}{k}": float(v) for k, v in diagnostics_out.items() if np.isfinite(v)}
    kept = "adapted" if verdict.keep_adapted else "source_only"
    declared = {wire.GUARD_KEPT: kept, wire.GUARD_REASON: verdict.reason}
    record: dict[str, Any] = {"chosen": chosen, "reason": verdict.reason, "guard": kept,
                              "diagnostics": diagnostics_out}
    meta: dict[str, Any] = {}
    if warning is not None:
        logger.warning("plant %s: %s", plant.plant_id, warning)
        declared[wire.GUARD_WARNING] = record["warning"] = meta["warning"] = warning
    return Choice(chosen, verdict.reason, metrics, declared, record, meta)


def save_chosen(plant: Plant, choice: Choice, candidates: dict[str, PlantModel],
                meta: Callable[[str], dict[str, Any]]) -> None:
    """The kept model becomes the plant's personalised model (what predict / export use); the
    personalisation candidate, if any, stays under its own name for the report."""
    if PERSONALISED in candidates:
        plant.state.save_model(PERSONAL_CANDIDATE, candidates[PERSONALISED].state_dict(), meta(PERSONALISED))
    model = candidates.get(choice.chosen)
    if model is None:
        logger.warning("plant %s: no model for %s; the personalised model is left as it is",
                       plant.plant_id, choice.chosen)
        return
    plant.state.save_model(PERSONAL_MODEL, model.state_dict(), meta(choice.chosen) | choice.meta | {
        "chosen": choice.chosen, "choice_reason": choice.reason})
    logger.info("plant %s keeps %s: %s", plant.plant_id, choice.chosen, choice.reason)

