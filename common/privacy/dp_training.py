"""DP-SGD inside one plant with Opacus: per-sample clipping, Gaussian noise, Poisson sampling.

One call trains for ``epochs`` passes and returns what it spent as ``(σ, q, steps)`` read from
the Opacus accountant of *this call*; the caller appends that to the plant's lifetime ledger
(never trust a per-call ε: it ignores everything spent before).

The privacy randomness, Poisson sampling (each window joins a step's batch with probability q)
and the Gaussian noise on the summed clipped gradients, comes from the caller's
:class:`~common.privacy.noise.NoiseSource`, never from torch's seeded generators.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from common.config.schema import AugmentConfig
from common.data.augment import augment_batch
from common.labelset import restrict_logits
from common.privacy.compat import check_dp_compatible
from common.privacy.noise import NoiseSource
from common.training import (
    AUGMENT_SEED_OFFSET,
    _device_of,
    labelled,
    regression_per_sample,
    seeds_dropout,
    supervised_loss,
)

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


def resolve_grad_sample_mode(mode: str, model_input: str) -> str:
    """``auto`` → the fastest exact mode measured by `make bench-dp-step` (simulations/results/
    dp_step_time.md) for this kind of model: ghost clipping (with factoryfl's Conv1d norm sampler)
    for the spectrum-input DP model (1.9× the non-private step at its batch 256, vs 4.8× with ew),
    expanded weights for the time-domain CNN (1.6×)."""
    if mode != "auto":
        return mode
    return "ghost" if model_input == "spectrum" else "ew"


class SupervisedLoss(nn.Module):
    """``supervised_loss`` as a module with a ``reduction`` (ghost clipping asks for per-sample losses)."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def forward(self, outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        if targets.is_floating_point():
            per_sample = regression_per_sample(outputs, targets)
        else:
            per_sample = nn.functional.cross_entropy(restrict_logits(outputs), targets, reduction="none")
        if self.reduction == "none":
            return per_sample
        return per_sample.sum() if self.reduction == "sum" else per_sample.mean()


def use_noise_source(optimizer, noise: NoiseSource) -> None:
    """Make an Opacus DP optimizer draw its Gaussian noise from ``noise``.

    Opacus' own ``add_noise`` samples from a torch generator (secure only with torchcsprng, which
    has no build for this torch); this one adds N(0, (σ·C)²) from the ChaCha20 keystream to each
    parameter's summed clipped gradient, exactly where Opacus adds its own.
    """
    from opacus.optimizers.optimizer import _check_processed_flag, _mark_as_processed

    def add_noise() -> None:
        sigma = getattr(optimizer, "_adjusted_noise_multiplier", optimizer.noise_multiplier)
        std = sigma * optimizer.max_grad_norm
        for p in optimizer.params:
            _check_processed_flag(p.summed_grad)
            p.grad = (p.summed_grad + noise.torch_normal(std, p.summed_grad)).view_as(p)
            _mark_as_processed(p.summed_grad)

    optimizer.add_noise = add_noise


def poisson_batches(n: int, sample_rate: float, steps: int, noise: NoiseSource):
    """``steps`` index arrays; window i is in a batch independently with probability q (secret draws)."""
    for _ in range(steps):
        yield np.flatnonzero(noise.uniform(n) < sample_rate)


def _empty_step(private_module: nn.Module, private_optimizer, criterion, xb: torch.Tensor,
                yb: torch.Tensor, mode: str) -> None:
    """A Poisson-sampled empty batch is still a (noise-only) step the accountant counts.

    Opacus needs per-sample gradients (here zero-size ones) before ``step()``: hooks and ghost
    get them from a zero-size forward and backward; expanded weights and functorch's vmap refuse
    batch size 0, so their zero-size per-sample gradients are set directly.
    """
    if mode in ("ew", "functorch"):
        for p in private_module.parameters():
            if p.requires_grad:
                empty = torch.zeros((0, *p.shape), dtype=p.dtype, device=p.device)
                p.grad_sample = empty  # type: ignore[attr-defined]  # Opacus' attribute; torch's stubs lack it
    elif mode == "ghost":
        criterion(private_module(xb), yb).backward()
    else:
        private_module(xb).sum().backward()
    private_optimizer.step()


@seeds_dropout
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
    noise: NoiseSource,
    grad_sample_mode: str = "hooks",
    augment: AugmentConfig | None = None,
) -> DPTrainStats:
    """Train ``module`` in place with DP-SGD on the labelled windows.

    ``noise``: the secret (or, for research, reproducible) randomness of sampling and noise;
    ``seed`` drives only what is not a privacy mechanism (dropout, augmentation).
    ``grad_sample_mode``: Opacus' way to get per-sample gradients (hooks, functorch, ew) or their
    norms (ghost clipping); the clipped, noised update is the same. ``augment`` transforms each
    window on its own (the privacy unit stays one window).
    """
    from opacus import PrivacyEngine

    from common.privacy.norm_samplers import register_conv1d_norm_sampler

    _quiet_opacus_logging()
    register_conv1d_norm_sampler()
    check_dp_compatible(module)
    device = _device_of(module)
    x, y = labelled(x, y)
    if len(y) == 0:
        raise ValueError("no labelled windows to train on: DP pretraining needs labels")
    loader = DataLoader(TensorDataset(torch.from_numpy(x), torch.from_numpy(y)), batch_size=batch_size)
    with warnings.catch_warnings():
        # Opacus warns at every construction that its own RNG is not cryptographically secure; its noise
        # and Poisson sampling are replaced below by ``noise`` (ChaCha20, secret unless reproducible was
        # asked for and reported), so the warning would only mislead an operator reading the logs
        warnings.filterwarnings("ignore", message="Secure RNG turned off", category=UserWarning)
        engine = PrivacyEngine(accountant="rdp", secure_mode=False)
    extra = {"criterion": SupervisedLoss()} if grad_sample_mode == "ghost" else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        made = engine.make_private(
            module=module,
            optimizer=optimizer,
            data_loader=loader,
            noise_multiplier=noise_multiplier,
            max_grad_norm=max_grad_norm,
            poisson_sampling=True,
            grad_sample_mode=grad_sample_mode,
            **extra,
        )
    if grad_sample_mode == "ghost":
        private_module, private_optimizer, loss_fn, private_loader = made
    else:
        (private_module, private_optimizer, private_loader), loss_fn = made, supervised_loss
    use_noise_source(private_optimizer, noise)
    # Opacus' accountant hook counts each optimizer step at its loader's q; the batches are drawn
    # here with the same q and as many steps per epoch as its sampler takes, from ``noise``.
    sample_rate, per_epoch = float(private_loader.sample_rate), len(private_loader)
    x_all, y_all = torch.from_numpy(x), torch.from_numpy(y)
    private_module.train()
    augment_generator = torch.Generator().manual_seed(seed + AUGMENT_SEED_OFFSET)
    losses: list[float] = []
    samples = 0
    for _ in range(epochs):
        for index in poisson_batches(len(y), sample_rate, per_epoch, noise):
            xb, yb = x_all[index], y_all[index]
            if augment is not None and augment.enabled:
                xb = augment_batch(xb, augment, augment_generator)
            xb, yb = xb.to(device), yb.to(device)
            private_optimizer.zero_grad(set_to_none=True)
            if len(yb) == 0:
                _empty_step(private_module, private_optimizer, loss_fn, xb, yb, grad_sample_mode)
                continue
            loss = loss_fn(private_module(xb), yb)
            loss.backward()
            private_optimizer.step()
            losses.append(float(loss.detach()))
            samples += len(yb)
    private_module.remove_hooks() if hasattr(private_module, "remove_hooks") else None
    history = engine.accountant.history
    steps = sum(n for _, _, n in history)
    sample_rate = history[0][1] if history else sample_rate
    return DPTrainStats(
        loss=float(np.mean(losses)) if losses else float("nan"),
        first_loss=losses[0] if losses else float("nan"),
        steps=int(steps),
        samples=samples,
        noise_multiplier=float(noise_multiplier),
        sample_rate=float(sample_rate),
    )
