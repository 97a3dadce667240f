"""Supervised personalisation: fine-tune a plant's personal head (or more) on its own labels.

The personal head starts as a copy of the shared reference head; then ``Sequential(extractor, head)``
minimises the task's supervised loss (``common.training.train_supervised``) along a schedule of
``(part, epochs)`` steps, each with its own Adam optimiser: ``head`` (extractor frozen, lr),
``extractor`` (head frozen, lr × ``extractor_lr_scale``) or ``both``.

- ``finetune_head``: [(head, E)];
- ``finetune_full``: [(both, E)];
- ``fedrep``: [(head, 1), (extractor, 1)] × E, FedRep's alternating local update;
- ``keep_reference_head``: [] (the shared model as it is).

Every function has the registry's personalisation signature ``(model, x, y, cfg, seed_of) -> losses``:
``y`` holds the training targets (−1 / NaN = unlabelled), ``seed_of(step)`` the seed of step ``step``,
and the returned list one mean loss per step (empty when nothing was trained).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
from torch import nn

from common.config.schema import PersonalisationConfig
from common.models import PlantModel
from common.training import labelled_mask, make_optimizer, train_supervised

logger = logging.getLogger(__name__)

Schedule = Sequence[tuple[str, int]]
"""(part, epochs) steps; part is ``head``, ``extractor`` or ``both``."""

PARTS = ("head", "extractor", "both")


def fine_tune(model: PlantModel, x: np.ndarray, y: np.ndarray, cfg: PersonalisationConfig, schedule: Schedule,
              seed_of: Callable[[int], int]) -> list[float]:
    """Copy the reference head into ``model.head``, then train along ``schedule`` (in place)."""
    model.head.load_state_dict(model.reference_head.state_dict())
    losses: list[float] = []
    if not schedule or cfg.epochs <= 0 or not labelled_mask(y).any():
        return losses
    head_lr, extractor_lr = cfg.learning_rate, cfg.learning_rate * cfg.extractor_lr_scale
    module = nn.Sequential(model.extractor, model.head)
    try:
        for step, (part, epochs) in enumerate(schedule):
            if part not in PARTS:
                raise ValueError(f"schedule step {step}: part must be one of {PARTS}, got {part!r}")
            for p in model.extractor.parameters():
                p.requires_grad_(part in ("both", "extractor"))
            for p in model.head.parameters():
                p.requires_grad_(part in ("both", "head"))
            groups = []
            if part in ("both", "head"):
                groups.append({"params": model.head.parameters(), "lr": head_lr})
            if part in ("both", "extractor"):
                groups.append({"params": model.extractor.parameters(), "lr": extractor_lr})
            optimizer = make_optimizer(groups, "adam", head_lr)
            stats = train_supervised(module, x, y, optimizer, epochs=epochs, batch_size=cfg.batch_size,
                                     seed=seed_of(step), augment=cfg.augment)
            losses.append(stats.loss)
    finally:
        for p in model.parameters():
            p.requires_grad_(True)
    return losses


def finetune_head(model: PlantModel, x: np.ndarray, y: np.ndarray, cfg: PersonalisationConfig,
                  seed_of: Callable[[int], int]) -> list[float]:
    """The personal head alone, extractor frozen."""
    return fine_tune(model, x, y, cfg, [("head", cfg.epochs)], seed_of)


def finetune_full(model: PlantModel, x: np.ndarray, y: np.ndarray, cfg: PersonalisationConfig,
                  seed_of: Callable[[int], int]) -> list[float]:
    """Head and extractor together, the extractor at ``extractor_lr_scale`` × the learning rate."""
    return fine_tune(model, x, y, cfg, [("both", cfg.epochs)], seed_of)


def fedrep(model: PlantModel, x: np.ndarray, y: np.ndarray, cfg: PersonalisationConfig,
           seed_of: Callable[[int], int]) -> list[float]:
    """Alternate one head-only and one extractor-only epoch, ``epochs`` times."""
    schedule = [("head" if i % 2 == 0 else "extractor", 1) for i in range(2 * cfg.epochs)]
    return fine_tune(model, x, y, cfg, schedule, seed_of)


def keep_reference_head(model: PlantModel, x: np.ndarray, y: np.ndarray, cfg: PersonalisationConfig,
                        seed_of: Callable[[int], int]) -> list[float]:
    """No training: the personal head is the shared reference head."""
    return fine_tune(model, x, y, cfg, [], seed_of)
