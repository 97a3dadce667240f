"""Baselines that need data pooled from every plant: simulation-only, never a deployment path.

The centralized model trains the same architecture on the union of all plants' labelled
training windows (the non-private upper bound) and is evaluated on each plant's test split.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any, cast

import numpy as np

from client.loader import load_data
from client.plant import Plant, derive_seed
from client.smoothing import smoothed_metrics
from client.state import PlantState
from common.config import run_spec_from_scenario
from common.config.schema import RunSpec, Scenario
from common.labelset import union_names
from common.models import build_model
from common.training import labelled_mask, make_optimizer, train_supervised

logger = logging.getLogger(__name__)


def centralized_epochs(scenario: Scenario) -> int:
    """Same epoch budget as a plant gets: rounds × local epochs (+ personalisation epochs)."""
    epochs = scenario.federation.rounds * scenario.federation.training.local_epochs
    if scenario.personalisation.mode != "none":
        epochs += scenario.personalisation.epochs
    return epochs


def _spec_for(scenario: Scenario, class_names: tuple[str, ...]) -> RunSpec:
    return run_spec_from_scenario(scenario, class_names)


def add_centralized_baseline(scenario: Scenario, results: dict[str, Any], left_out: Collection[str] = ()) -> None:
    """Train on pooled data, evaluate per plant, write metrics into ``results`` in place.

    ``left_out``: plants whose data cannot be used (the simulation went on without them)."""
    plants = {p.id: load_data(scenario, p, log=False) for p in scenario.plants if p.id not in left_out}
    evaluable = [p for p, r in results["plants"].items() if r.get("status") in ("ok", "budget_exhausted")]
    if not evaluable:
        return
    first = plants[evaluable[0]]
    # plants may declare their own class lists: the pooled model works on the federation's union by
    # name (results' class_names, the coordinator's order), as the federated model does
    union = union_names([results.get("class_names") or [], *(d.class_names for d in plants.values())])
    # no state directory for the pooled baseline: these Plants serve only targets(), which reads their data
    stateless = cast(PlantState, None)
    task_plants = {p: Plant(p, d, state=stateless) for p, d in plants.items()}
    spec = _spec_for(scenario, union)
    x = np.concatenate([plants[p].train.x for p in plants])
    y = np.concatenate([task_plants[p].targets(spec) for p in plants])
    model = build_model(first.channels, spec.num_outputs, scenario.model, seed=scenario.seed)
    import torch.nn as nn

    module = nn.Sequential(model.extractor, model.reference_head)
    training = scenario.federation.training
    optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer, training.learning_rate,
                               training.weight_decay)
    stats = train_supervised(module, x, y, optimizer, epochs=centralized_epochs(scenario),
                             batch_size=training.batch_size, seed=derive_seed(scenario.seed, "centralized"),
                             augment=training.augment)
    logger.info("centralized baseline: %d windows, %d steps, mean loss %.4f", int(labelled_mask(y).sum()),
                stats.steps, stats.loss)
    for plant_id in evaluable:
        metrics = results["plants"][plant_id].setdefault("metrics", {})
        # the posterior smoothing the plant kept (client/smoothing.py), applied to this model too
        weight = float((metrics.get("chosen") or {}).get("posterior_smoothing_weight", 1.0))
        metrics["centralized"] = task_plants[plant_id].evaluate(module, spec) | smoothed_metrics(
            task_plants[plant_id], spec, module, weight)
