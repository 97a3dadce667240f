"""Meta-learning local updates for federated pretraining: Reptile and first-order Per-FedAvg.

Why: a plant that joins with k labelled windows per class fine-tunes the shared model on very
little data. Plain FedAvg pretrains a model that is good *on average*; meta-learning pretrains
an initialisation that is good *after a few steps of fine-tuning* on a small labelled set.

- **Reptile** (Nichol et al., 2018), federated as in Jiang et al. (2019): each episode samples a
  k-shot support set S (k windows per class) from the plant's labels, copies the parameters
  φ ← θ, takes ``inner_steps`` Adam steps on L_S(φ) and moves θ ← θ + ε(φ − θ). The server then
  averages the plants' θ as FedAvg does, which is the federated Reptile outer step.
- **Per-FedAvg, first-order** (Fallah et al., NeurIPS 2020): each local step draws two batches
  D, D', takes the personalisation step θ' = θ − α∇L_D(θ) and updates θ with the gradient of the
  loss after that step, ∇L_{D'}(θ') (the Hessian term of MAML is dropped), through the plant's
  configured optimizer at the federation's learning rate β.

Both take tensors and a module; no federation code. They are not DP-SGD: a scenario with
``privacy.enabled`` refuses them at config time.
"""

from __future__ import annotations

import copy
import logging

import numpy as np
import torch
from torch import nn
from torch.func import functional_call

from common.training import TrainStats, _device_of, labelled, seeds_dropout, supervised_loss

logger = logging.getLogger(__name__)


def sample_support(y: np.ndarray, shots: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of a k-shot support set: ``shots`` windows of every class present (fewer if a class has fewer)."""
    picks = []
    for cls in np.unique(y):
        members = np.flatnonzero(y == cls)
        picks.append(rng.choice(members, size=min(shots, len(members)), replace=False))
    return np.concatenate(picks)


def reptile_update(module: nn.Module, x: np.ndarray, y: np.ndarray, *, episodes: int, shots: int,
                   inner_steps: int, inner_learning_rate: float, meta_step_size: float, seed: int) -> TrainStats:
    """``episodes`` Reptile episodes on this plant's labelled windows; updates ``module`` in place.

    The reported loss is the support loss after the inner steps (what fine-tuning reaches);
    ``first_loss`` is the first episode's support loss before any inner step.
    """
    x, y = labelled(x, y)
    if len(y) == 0:
        raise ValueError("no labelled windows: Reptile needs labelled windows to build support sets")
    if np.issubdtype(y.dtype, np.floating):  # regression: no classes, support = shots × 10 random windows
        classes_y = np.zeros(len(y), dtype=np.int64)
        shots = shots * 10
    else:
        classes_y = y
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    device = _device_of(module)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    module.train()
    after: list[float] = []
    first_loss = float("nan")
    steps = samples = 0
    for episode in range(episodes):
        idx = torch.from_numpy(sample_support(classes_y, shots, rng))
        xs, ys = xt[idx].to(device), yt[idx].to(device)
        inner = copy.deepcopy(module)
        optimizer = torch.optim.Adam(inner.parameters(), lr=inner_learning_rate, betas=(0.0, 0.999))
        for step in range(inner_steps):
            optimizer.zero_grad(set_to_none=True)
            loss = supervised_loss(inner(xs), ys)
            if episode == 0 and step == 0:
                first_loss = float(loss.detach())
            loss.backward()
            optimizer.step()
            steps += 1
            samples += len(idx)
        with torch.no_grad():
            after.append(float(supervised_loss(inner(xs), ys)))
            for outer, adapted in zip(module.parameters(), inner.parameters()):
                outer.add_(adapted - outer, alpha=meta_step_size)
    return TrainStats(loss=float(np.mean(after)), steps=steps, samples=samples, first_loss=first_loss)


@seeds_dropout
def per_fedavg_update(module: nn.Module, x: np.ndarray, y: np.ndarray, optimizer: torch.optim.Optimizer, *,
                      steps: int, batch_size: int, inner_learning_rate: float, seed: int) -> TrainStats:
    """``steps`` first-order Per-FedAvg steps: θ ← opt(θ, ∇L_{D'}(θ − α∇L_D(θ))); updates ``module``."""
    x, y = labelled(x, y)
    if len(y) == 0:
        raise ValueError("no labelled windows: Per-FedAvg needs labelled windows")
    generator = torch.Generator().manual_seed(seed)
    device = _device_of(module)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    module.train()
    names = [name for name, p in module.named_parameters() if p.requires_grad]
    losses: list[float] = []
    first_loss = float("nan")
    for step in range(steps):
        first = torch.randint(len(yt), (min(batch_size, len(yt)),), generator=generator)
        second = torch.randint(len(yt), (min(batch_size, len(yt)),), generator=generator)
        params: dict[str, torch.Tensor] = {name: p for name, p in module.named_parameters() if p.requires_grad}
        loss = supervised_loss(functional_call(module, params, (xt[first].to(device),)), yt[first].to(device))
        grads = torch.autograd.grad(loss, [params[n] for n in names])
        personalised = {n: (params[n] - inner_learning_rate * g).detach().requires_grad_(True)
                        for n, g in zip(names, grads)}
        after = supervised_loss(functional_call(module, personalised, (xt[second].to(device),)),
                                yt[second].to(device))
        meta_grads = torch.autograd.grad(after, [personalised[n] for n in names])
        optimizer.zero_grad(set_to_none=True)
        for n, g in zip(names, meta_grads):
            params[n].grad = g
        optimizer.step()
        if step == 0:
            first_loss = float(loss.detach())
        losses.append(float(after.detach()))
    return TrainStats(loss=float(np.mean(losses)), steps=steps, samples=2 * steps * min(batch_size, len(yt)),
                      first_loss=first_loss)
