"""Local (non-private) training and evaluation on tensors; no federation code here.

Private training lives in ``common.privacy.dp_training`` and reuses these pieces.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import torch
from torch import nn

from common.config.schema import AugmentConfig
from common.data.augment import augment_batch
from common.labelset import restrict_logits
from common.metrics import classification_report

logger = logging.getLogger(__name__)

AUGMENT_SEED_OFFSET = 7919  # augmentation draws from its own stream, seeded from the training seed
DROPOUT_SEED_OFFSET = 104729  # dropout's masks come from torch's global generator, seeded from the training seed
_Fn = TypeVar("_Fn", bound=Callable)


@dataclass(frozen=True)
class TrainStats:
    """What one local training call did: mean loss over its steps, steps and samples seen."""

    loss: float
    steps: int
    samples: int
    first_loss: float


def _device_of(module: nn.Module) -> torch.device:
    """Where the module's parameters live; batches are moved there (CPU arrays stay on the host)."""
    param = next(module.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


@contextlib.contextmanager
def dropout_rng(seed: int, device: torch.device) -> Iterator[None]:
    """Seed torch's global generator — the one dropout draws its masks from — for one training call,
    and restore it afterwards. Without this, masks follow the process's random initial seed, so two
    runs of the same scenario and seed differ (measured: C-MAPSS RMSE moved by ~0.3 between runs)."""
    with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
        torch.manual_seed(seed + DROPOUT_SEED_OFFSET)
        yield


def seeds_dropout(fn: _Fn) -> _Fn:
    """Run a training function ``fn(module, ..., seed=...)`` under :func:`dropout_rng` of its ``seed``."""
    @functools.wraps(fn)
    def wrapper(module: nn.Module, *args, **kwargs):  # noqa: ANN202 - the wrapped function's signature
        with dropout_rng(kwargs["seed"], _device_of(module)):
            return fn(module, *args, **kwargs)
    return wrapper  # type: ignore[return-value]


def labelled_mask(y: np.ndarray) -> np.ndarray:
    """Integer class labels: -1 means unlabelled. Float regression targets: NaN means unlabelled;
    an (N, K) target's window is labelled when at least one of its K outputs is finite."""
    if not np.issubdtype(y.dtype, np.floating):
        return y >= 0
    finite = np.isfinite(y)
    return finite if finite.ndim == 1 else finite.any(axis=1)


def target_outputs(y: np.ndarray) -> int:
    """K: outputs per window of a regression target, (N,) → 1, (N, K) → K."""
    return int(y.shape[1]) if y.ndim == 2 else 1


def regression_per_sample(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Squared error per window. (N,) targets: (ŷ₀ − y)². (N, K) targets: the mean of (ŷ_k − y_k)²
    over the window's finite outputs (a NaN output adds nothing and gets no gradient)."""
    if targets.ndim == 1:
        return (outputs[:, 0] - targets) ** 2
    finite = torch.isfinite(targets)
    diff = torch.where(finite, outputs[:, : targets.shape[1]] - torch.nan_to_num(targets), 0.0)
    return diff.pow(2).sum(dim=1) / finite.sum(dim=1).clamp(min=1)


def regression_loss(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean squared error over windows (``regression_per_sample`` averaged; for (N,) targets exactly
    ``mse_loss(ŷ₀, y)``)."""
    if targets.ndim == 1:
        return nn.functional.mse_loss(outputs[:, 0], targets)
    return regression_per_sample(outputs, targets).mean()


def labelled(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mask = labelled_mask(y)
    return x[mask], y[mask]


def supervised_loss(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Cross-entropy for integer class labels (over the plant's own classes inside
    ``common.labelset.own_classes``); mean squared error (``regression_loss``) for float targets."""
    if targets.is_floating_point():
        return regression_loss(outputs, targets)
    return nn.functional.cross_entropy(restrict_logits(outputs), targets)


def make_optimizer(
    groups: Iterable[dict], name: str, learning_rate: float, weight_decay: float = 0.0
) -> torch.optim.Optimizer:
    """Adam or SGD (momentum 0.9) over parameter groups, each may carry its own ``lr``."""
    groups = [{"lr": learning_rate, **g} for g in groups]
    if name == "adam":
        return torch.optim.Adam(groups, lr=learning_rate, weight_decay=weight_decay)
    return torch.optim.SGD(groups, lr=learning_rate, momentum=0.9, weight_decay=weight_decay)


def proximal_term(module: nn.Module, anchor: dict[str, torch.Tensor], mu: float) -> torch.Tensor:
    """FedProx term (μ/2)·‖w − w_global‖² over the parameters named in ``anchor``."""
    total = torch.zeros(())
    for name, param in module.named_parameters():
        if name in anchor and param.requires_grad:
            total = total + (param - anchor[name]).pow(2).sum()
    return 0.5 * mu * total


@seeds_dropout
def train_supervised(
    module: nn.Module,
    x: np.ndarray,
    y: np.ndarray,
    optimizer: torch.optim.Optimizer,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    proximal_anchor: dict[str, torch.Tensor] | None = None,
    proximal_mu: float = 0.0,
    augment: AugmentConfig | None = None,
) -> TrainStats:
    """Minimise the supervised loss (CE or MSE, by target dtype) for ``epochs`` shuffled passes.

    ``augment``: random transforms of each training batch (its own random stream, so the batch
    order is the same with and without)."""
    x, y = labelled(x, y)
    if len(y) == 0:
        raise ValueError("no labelled windows to train on: this plant needs labels for supervised training")
    generator = torch.Generator().manual_seed(seed)
    augment_generator = torch.Generator().manual_seed(seed + AUGMENT_SEED_OFFSET)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    device = _device_of(module)
    loss_fn = supervised_loss
    module.train()
    losses: list[float] = []
    samples = 0
    for _ in range(epochs):
        order = torch.randperm(len(yt), generator=generator)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            optimizer.zero_grad(set_to_none=True)
            xb = xt[idx]
            if augment is not None and augment.enabled:
                xb = augment_batch(xb, augment, augment_generator)
            loss = loss_fn(module(xb.to(device)), yt[idx].to(device))
            objective = loss
            if proximal_anchor is not None and proximal_mu > 0:
                objective = loss + proximal_term(module, proximal_anchor, proximal_mu)
            objective.backward()
            optimizer.step()
            losses.append(float(loss.detach()))
            samples += len(idx)
    return TrainStats(loss=float(np.mean(losses)), steps=len(losses), samples=samples, first_loss=losses[0])


@torch.no_grad()
def predict_logits(module: nn.Module, x: np.ndarray, batch_size: int = 256) -> torch.Tensor:
    module.eval()
    xt = torch.from_numpy(x)
    device = _device_of(module)
    outs = [module(xt[i : i + batch_size].to(device)).cpu() for i in range(0, len(xt), batch_size)]
    return torch.cat(outs) if outs else torch.zeros((0, 0))


def evaluate_classifier(
    module: nn.Module, x: np.ndarray, y: np.ndarray, num_classes: int
) -> dict[str, float]:
    """Accuracy, macro-F1 and mean cross-entropy on labelled windows."""
    x, y = labelled(x, y)
    logits = predict_logits(module, x)
    loss = nn.functional.cross_entropy(logits, torch.from_numpy(y)).item() if len(y) else float("nan")
    pred = logits.argmax(dim=1).numpy() if len(y) else np.zeros(0, dtype=np.int64)
    return classification_report(y, pred, num_classes, loss)


def clip_to_range(values: np.ndarray, target_range: Sequence[float] | None) -> np.ndarray:
    """Regression predictions (target units) clipped into the target's known [low, high], if given."""
    if target_range is None:
        return values
    low, high = target_range
    return np.clip(values, low, high)


def evaluate_regressor(module: nn.Module, x: np.ndarray, y: np.ndarray, scale: float | Sequence[float] = 1.0,
                       target_range: Sequence[float] | None = None,
                       output_names: Sequence[str] = ()) -> dict[str, float]:
    """RMSE, MAE and the PHM08 score in target units (predictions and targets × ``scale``).

    (N, K) targets: ``scale`` is one number or one per output; RMSE and MAE over every finite
    element, and per output ``rmse/<name>``, ``mae/<name>``, ``r2/<name>``
    (``common.metrics.multi_output_report``; names default to ``y0``, ``y1``, …), no PHM08 score.
    ``target_range``: predictions are clipped into it first (see ``Scenario.target_range``)."""
    from common.metrics import multi_output_report, regression_report

    x, y = labelled(x, y)
    if y.ndim == 1:
        pred = predict_logits(module, x)[:, 0].numpy() if len(y) else np.zeros(0, np.float32)
        one = scale if isinstance(scale, (int, float)) else float(np.asarray(scale).reshape(-1)[0])
        return regression_report(y * one, clip_to_range(pred * one, target_range))
    k = target_outputs(y)
    factor = np.broadcast_to(np.asarray(scale, np.float64), (k,))
    pred = predict_logits(module, x)[:, :k].numpy() if len(y) else np.zeros((0, k), np.float32)
    names = tuple(output_names) or tuple(f"y{i}" for i in range(k))
    return multi_output_report(y * factor, clip_to_range(pred * factor, target_range), names)


def evaluate_model(module: nn.Module, x: np.ndarray, y: np.ndarray, num_classes: int,
                   scale: float = 1.0, target_range: Sequence[float] | None = None) -> dict[str, float]:
    """Classification metrics for integer labels, regression metrics for float targets."""
    if np.issubdtype(y.dtype, np.floating):
        return evaluate_regressor(module, x, y, scale, target_range)
    return evaluate_classifier(module, x, y, num_classes)
