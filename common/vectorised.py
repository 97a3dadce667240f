"""Many plants' local training as one batched computation (non-private pretraining).

The per-plant path (``common.training.train_supervised``) trains one model at a time. Here the
shared parameters of P plants are stacked along a new leading dimension and one step of all P
plants is a single call: ``torch.func.vmap(functional_call)`` runs every plant's model on its own
batch, the per-plant losses are summed (plants are independent, so the gradient of the sum with
respect to plant p's parameters is plant p's own gradient), and Adam / SGD — element-wise
optimisers — update the stacked tensors, which equals P separate optimisers.

Same seeds give the same batches as the per-plant path (one ``torch.Generator(seed)`` per plant,
``randperm`` per epoch), so results agree up to floating-point reassociation (tested on CPU).
Plants in one call must have the same number of labelled windows (so batches line up);
:func:`group_by_size` splits a federation into such groups. Dropout must be 0 (its random masks
could not match the per-plant path), and DP is not supported here (Opacus' per-sample clipping
and noise work on one module; see docs/scale.md).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.func import functional_call, vmap

from common.config.schema import ModelConfig, TrainingConfig
from common.models import PlantModel, build_model, is_shared
from common.training import labelled, make_optimizer, supervised_loss

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlantBatchData:
    """One plant's training windows and its per-round seed."""

    plant_id: str
    x: np.ndarray
    y: np.ndarray
    seed: int


@dataclass(frozen=True)
class VectorisedResult:
    """Per plant: trained shared parameters and the same loss figures ``TrainStats`` gives."""

    arrays: dict[str, dict[str, np.ndarray]]
    loss: dict[str, float]
    first_loss: dict[str, float]
    steps: int
    samples: dict[str, int]


def group_by_size(plants: Sequence[PlantBatchData]) -> list[list[PlantBatchData]]:
    """Plants with the same number of labelled windows, in groups (order kept within a group)."""
    groups: dict[int, list[PlantBatchData]] = {}
    for plant in plants:
        groups.setdefault(int(labelled(plant.x, plant.y)[1].shape[0]), []).append(plant)
    return list(groups.values())


class VectorisedTrainer:
    """Train the shared part (extractor + reference head) of many plants at once.

    ``optimizer_states`` (optional) carries each plant's optimizer state across rounds as the
    per-plant path does with its state directory; it is kept in memory here.
    """

    def __init__(self, in_channels: int, num_outputs: int, model_cfg: ModelConfig,
                 training: TrainingConfig, device: str | torch.device = "cpu") -> None:
        if model_cfg.dropout > 0:
            raise ValueError(f"model.dropout={model_cfg.dropout}: the vectorised path needs dropout 0 "
                             "(its random masks cannot match the per-plant path); use the per-plant path")
        self.device = torch.device(device)
        self.training = training
        self.base = build_model(in_channels, num_outputs, model_cfg, seed=0).to(self.device)
        self.names = [n for n, _ in self.base.named_parameters() if is_shared(n)]
        self.optimizer_states: dict[str, dict] = {}

    def _loss(self, params: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return supervised_loss(functional_call(self.base, params, (x,)), y)

    def train(self, global_arrays: dict[str, np.ndarray], plants: Sequence[PlantBatchData],
              keep_optimizer_state: bool = False) -> VectorisedResult:
        """One local round for ``plants`` (same number of labelled windows), all from ``global_arrays``."""
        if not plants:
            raise ValueError("no plants to train")
        data = [labelled(p.x, p.y) for p in plants]
        sizes = {len(y) for _, y in data}
        if len(sizes) != 1:
            raise ValueError(f"plants in one vectorised call need the same number of labelled windows, got "
                             f"{sorted(sizes)}: split them with group_by_size")
        n = sizes.pop()
        if n == 0:
            raise ValueError("no labelled windows to train on: these plants need labels for supervised training")
        count = len(plants)
        stacked = {name: torch.from_numpy(np.asarray(global_arrays[name], dtype=np.float32)).to(self.device)
                   .unsqueeze(0).repeat(count, *([1] * np.asarray(global_arrays[name]).ndim)).requires_grad_(True)
                   for name in self.names}
        training = self.training
        optimizer = make_optimizer([{"params": [stacked[n_] for n_ in self.names]}], training.optimizer,
                                   training.learning_rate, training.weight_decay)
        if keep_optimizer_state:
            self._load_optimizer(optimizer, stacked, plants)
        xs = torch.from_numpy(np.stack([x for x, _ in data])).to(self.device)   # (P, n, C, L)
        ys = torch.from_numpy(np.stack([y for _, y in data])).to(self.device)   # (P, n)
        generators = [torch.Generator().manual_seed(p.seed) for p in plants]
        batched_loss = vmap(self._loss, in_dims=(0, 0, 0))
        rows = torch.arange(count, device=self.device).unsqueeze(1)
        losses: list[torch.Tensor] = []
        steps = 0
        self.base.train()
        for _ in range(training.local_epochs):
            order = torch.stack([torch.randperm(n, generator=g) for g in generators]).to(self.device)  # (P, n)
            for start in range(0, n, training.batch_size):
                idx = order[:, start : start + training.batch_size]
                optimizer.zero_grad(set_to_none=True)
                per_plant = batched_loss(stacked, xs[rows, idx], ys[rows, idx])  # (P,)
                per_plant.sum().backward()
                optimizer.step()
                losses.append(per_plant.detach())
                steps += 1
        if keep_optimizer_state:
            self._save_optimizer(optimizer, stacked, plants)
        loss_matrix = torch.stack(losses).cpu().numpy()  # (steps, P)
        arrays = {p.plant_id: {name: stacked[name][i].detach().cpu().numpy().copy() for name in self.names}
                  for i, p in enumerate(plants)}
        # buffers (none in this model) would be shared unchanged; copy any so the dict is complete
        for name, buf in self.base.named_buffers():
            if is_shared(name):
                for p in plants:
                    arrays[p.plant_id][name] = buf.detach().cpu().numpy().copy()
        return VectorisedResult(
            arrays=arrays,
            loss={p.plant_id: float(loss_matrix[:, i].mean()) for i, p in enumerate(plants)},
            first_loss={p.plant_id: float(loss_matrix[0, i]) for i, p in enumerate(plants)},
            steps=steps,
            samples={p.plant_id: n * training.local_epochs for p in plants},
        )

    def _load_optimizer(self, optimizer: torch.optim.Optimizer, stacked: dict[str, torch.Tensor],
                        plants: Sequence[PlantBatchData]) -> None:
        """Stack each plant's saved per-parameter state (e.g. Adam's step and moments)."""
        found = [self.optimizer_states.get(p.plant_id) for p in plants]
        saved = [s for s in found if s is not None]
        if len(saved) < len(found):
            return  # a plant without state starts fresh, as in the per-plant path; all must agree
        for name in self.names:
            param = stacked[name]
            optimizer.state[param] = {key: (torch.stack([s[name][key] for s in saved]).to(self.device)
                                            if saved[0][name][key].dim() > 0 else saved[0][name][key].clone())
                                      for key in saved[0][name]}

    def _save_optimizer(self, optimizer: torch.optim.Optimizer, stacked: dict[str, torch.Tensor],
                        plants: Sequence[PlantBatchData]) -> None:
        for i, plant in enumerate(plants):
            self.optimizer_states[plant.plant_id] = {
                name: {key: (value[i].detach().clone() if value.dim() > 0 else value.detach().clone())
                       for key, value in optimizer.state[stacked[name]].items()}
                for name in self.names
            }


def reference_module(model: PlantModel) -> nn.Module:
    """The module the per-plant path trains (extractor + reference head), for comparisons."""
    return nn.Sequential(model.extractor, model.reference_head)
