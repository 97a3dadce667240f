"""DP-SGD inside one plant with Opacus: per-sample clipping, Gaussian noise, Poisson sampling.

One call trains for ``epochs`` passes and returns what it spent as ``(σ, q, steps)`` read from
the Opacus accountant of *this call*; the caller appends that to the plant's lifetime ledger
(never trust a per-call ε: it ignores everything spent before).
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common.privacy.compat import check_dp_compatible
from common.training import _device_of, labelled, supervised_loss

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DPTrainStats:
    loss: float
    first_loss: float
    steps: int
    samples: int
    noise_multiplier: float
    sample_rate: float


def _quiet_opacus_logging() -> None:
    """Opacus configures logging at import; undo its root handlers' effect on our loggers once."""
    logging.getLogger("opacus").propagate = True


def train_dp(
    module: nn.Module,
    x: np.ndarray,
    y: np.ndarray,
    optimizer: torch.optim.Optimizer,
    *,
    epochs: int,
    batch_size: int,
    noise_multiplier: float,
    max_grad_norm: float,
    seed: int,
) -> DPTrainStats:
    """Train ``module`` in place with DP-SGD on the labelled windows."""
    from opacus import PrivacyEngine

    _quiet_opacus_logging()
    check_dp_compatible(module)
    device = _device_of(module)
    x, y = labelled(x, y)
    if len(y) == 0:
        raise ValueError("no labelled windows to train on: DP pretraining needs labels")
    generator = torch.Generator().manual_seed(seed)
    loader = DataLoader(TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
                        batch_size=batch_size, shuffle=True, generator=generator)
    engine = PrivacyEngine(accountant="rdp", secure_mode=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        private_module, private_optimizer, private_loader = engine.make_private(
            module=module,
            optimizer=optimizer,
            data_loader=loader,
            noise_multiplier=noise_multiplier,
            max_grad_norm=max_grad_norm,
            poisson_sampling=True,
            noise_generator=torch.Generator(device=device).manual_seed(seed + 1),
        )
    loss_fn = supervised_loss
    private_module.train()
    losses: list[float] = []
    samples = 0
    for _ in range(epochs):
        for xb, yb in private_loader:
            xb, yb = xb.to(device), yb.to(device)
            private_optimizer.zero_grad(set_to_none=True)
            if len(yb) == 0:
                # Poisson sampling can draw an empty batch: it is still a (noise-only) step that the
                # accountant counts. Opacus needs per-sample gradients (here zero-size ones) before
                # step(), so run the zero-size batch forward and backward instead of skipping it.
                private_module(xb).sum().backward()
                private_optimizer.step()
                continue
            loss = loss_fn(private_module(xb), yb)
            loss.backward()
            private_optimizer.step()
            losses.append(float(loss.detach()))
            samples += len(yb)
    private_module.remove_hooks() if hasattr(private_module, "remove_hooks") else None
    history = engine.accountant.history
    steps = sum(n for _, _, n in history)
    sample_rate = history[0][1] if history else 1.0 / max(1, len(private_loader))
    return DPTrainStats(
        loss=float(np.mean(losses)) if losses else float("nan"),
        first_loss=losses[0] if losses else float("nan"),
        steps=int(steps),
        samples=samples,
        noise_multiplier=float(noise_multiplier),
        sample_rate=float(sample_rate),
    )
