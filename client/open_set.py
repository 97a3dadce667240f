"""The plant's open-set rule for the model it keeps (``common.transfer.open_set``).

After the plant has chosen its model (client/selection.py), it fits the rule with nothing but its
own data and what it received: the Gaussians from the sources' released statistics when it has
them (the score then pooled with the mean over clusters of its own training windows, grouped by the kept
model's predicted class), else from its own labelled fit windows; the threshold on windows it considers known (its
validation windows, else its labelled training windows; an unlabelled target's training windows,
with the robust quantile as they may hold the unknown fault).
The rule is stored under ``open_set`` in the kept model's metadata; `factoryfl predict` and the
final evaluation read it. An unlabelled target without source statistics stores no rule, nor does a
labelled plant without them whose labels cover only some of the federation's classes.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import numpy as np
import torch
from torch import nn

from client.plant import Plant
from common.config.schema import RunSpec
from common.models import PlantModel
from common.task import task_named
from common.training import predict_logits
from common.transfer.open_set import (
    CROSS_FIT_FOLDS,
    META_KEY,
    Clusters,
    OpenSetRule,
    calibrate,
    cross_fitted_scores,
    fit_class_gaussians,
    fit_clusters,
    gaussians_from_stats,
    known_classes,
)
from common.transfer.selection import Split

logger = logging.getLogger(__name__)

SHARED_EXTRACTOR = "open_set_extractor"
"""Model file (plant-local) of the federated extractor the rule scores with, when it is not the kept one's."""


def features_of(extractor: nn.Module, x: np.ndarray) -> np.ndarray:
    """Extractor features (N, D) of windows, without gradients."""
    with torch.no_grad():
        return predict_logits(extractor.eval(), x, 256).numpy()


def reference_windows(plant: Plant, split: Split | None) -> tuple[np.ndarray, str]:
    """(indices of the training windows the plant considers known, what they are)."""
    y = plant.data.train.y
    if split is not None and len(split.val):
        return split.val, "validation windows"
    if plant.n_labelled > 0:
        return np.flatnonzero(y >= 0), "labelled training windows"
    return np.arange(len(y)), "unlabelled training windows"


def window_clusters(kept: nn.Module, extractor: nn.Module, x: np.ndarray, known: np.ndarray, means: np.ndarray,
                    precision: np.ndarray, clip_norm: float) -> Clusters:
    """The plant's training windows grouped by the kept model's predicted known class, each group split
    in two, with each cluster's mean score (``common.transfer.open_set.fit_clusters``)."""
    logits = predict_logits(kept.eval(), x, 256).numpy()
    if logits.shape[1] != len(known):
        raise ValueError(f"the kept model has {logits.shape[1]} outputs but the statistics {len(known)} classes")
    predicted = np.where(known[None, :], logits, -np.inf).argmax(axis=1)
    plain = OpenSetRule(means, precision, np.inf, clip_norm)
    features = plain.clipped(features_of(extractor, x))
    return fit_clusters(features, predicted, plain.scores(features))


def open_set_meta(plant: Plant, spec: RunSpec, model: PlantModel | None, split: Split | None,
                  source_stats: Any = None, shared: PlantModel | None = None,
                  run_name: str = "") -> dict[str, Any]:
    """``{"open_set": rule}`` for the kept model's metadata ({} when there is nothing to fit it on).

    With source statistics the features come from ``shared`` (the federated model, whose extractor
    the sources' statistics describe), saved beside the kept model as :data:`SHARED_EXTRACTOR`."""
    if model is None or not task_named(spec.task).has_classes or not len(plant.data.train.x):
        return {}
    x = plant.data.train.x
    ref, what = reference_windows(plant, split)
    extractor_file = ""
    clusters = None
    try:
        if source_stats is not None:
            means, precision = gaussians_from_stats(source_stats)
            clip, gaussians = float(source_stats.clip_norm), "source statistics"
            kept = model
            if shared is not None:
                plant.state.save_model(SHARED_EXTRACTOR, shared.state_dict(), {"run": run_name})
                model, extractor_file = shared, SHARED_EXTRACTOR
            clusters = window_clusters(kept, model.extractor, x, known_classes(source_stats), means, precision, clip)
            gaussians += "; score pooled (½) with its 2-means cluster's mean (2 per predicted class)"
        elif plant.n_labelled > 0 and plant.lacks_learnt_classes(spec):
            # its own windows describe only some of the federation's classes: the others, which the
            # kept model has learnt from other plants, would all be called unknown
            logger.info("plant %s: labelled for %d of the federation's %d classes: no open-set rule",
                        plant.plant_id, len(plant.labelled_classes()), len(spec.class_names))
            return {}
        elif plant.n_labelled > 0 and split is None:
            # no validation split (few labels): every labelled window is both fitted on and a
            # reference, so the threshold comes from out-of-fold scores (common.transfer.open_set)
            labelled = np.flatnonzero(plant.data.train.y >= 0)
            features, labels = features_of(model.extractor, x[labelled]), plant.targets(spec)[labelled]
            cross = cross_fitted_scores(features, labels, spec.num_classes)
            if cross is None:
                logger.info("plant %s: a class with a single labelled window: no open-set rule", plant.plant_id)
                return {}
            means, precision = fit_class_gaussians(features, labels, spec.num_classes)
            rule = calibrate(features, means, precision, what + f" (out-of-fold, {CROSS_FIT_FOLDS} folds at most)",
                             "labelled windows", None, reference_scores=cross)
            logger.info("plant %s: unknown threshold %.4g (out-of-fold scores of %d labelled windows)",
                        plant.plant_id, rule.threshold, len(labelled))
            return {META_KEY: rule.to_dict()}
        elif plant.n_labelled > 0 and split is not None:
            means, precision = fit_class_gaussians(features_of(model.extractor, x[split.fit]),
                                                   plant.targets(spec)[split.fit], spec.num_classes)
            clip, gaussians = None, "labelled fit windows"
        else:
            logger.info("plant %s: no source statistics and no labels: no open-set rule", plant.plant_id)
            return {}
        rule = calibrate(features_of(model.extractor, x[ref]), means, precision, what, gaussians, clip,
                         robust=plant.n_labelled == 0,  # an unlabelled reference may hold the unknown fault
                         clusters=clusters)
        rule = dataclasses.replace(rule, extractor=extractor_file)
    except (ValueError, np.linalg.LinAlgError) as exc:
        logger.warning("plant %s: no open-set rule: %s", plant.plant_id, exc)
        return {}
    logger.info("plant %s: unknown threshold %.4g (Mahalanobis to %d classes from %s; %.2f-quantile of %d %s)",
                plant.plant_id, rule.threshold, len(rule.means), gaussians, rule.quantile, rule.n_reference, what)
    return {META_KEY: rule.to_dict()}
