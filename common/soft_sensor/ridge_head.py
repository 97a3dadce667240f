"""Personalisation ``ridge``: fine-tune head and extractor, then refit the personal head in closed form.

For a regression plant (a soft sensor) the last layer is linear in the features, so the best head for
fixed features is a least-squares problem with a closed-form solution. After ``finetune_full``'s
``epochs`` (0: none; the federated extractor as it is), the head is replaced by ridge regression of
the plant's (scaled) targets Y on its features F = extractor(x), each feature standardised over the
plant's labelled windows (mean μ_j, std s_j; a constant feature is only centred):

    Z = (F − μ) / s,   B_λ = (ZᵀZ + λ n I)⁻¹ Zᵀ (Y − ȳ),   head: W = (B_λ / s)ᵀ,  b = ȳ − μ (B_λ / s)

With ``model.linear_skip_bins`` the features include the raw window (:class:`common.models.SkipExtractor`),
so the head is a ridge soft sensor of the window plus the CNN's nonlinear correction.

Choosing λ (the plant's own rule, no held-out labels needed beyond its training windows):
``FOLDS``-fold (at most n/2 blocks) cross-validation over contiguous blocks of the labelled windows in
their stored order (windows are stored run by run in time, so a block is a stretch of time, not a
random sample of overlapping neighbours); the score is the mean over outputs of the validation MSE in target-scale
units, per output; each output keeps the λ of ``LAMBDAS`` with its lowest score (ridge is separable
over outputs, and one shared λ would be set by the noisiest outputs), then B is refitted on all
labelled windows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from common.config.schema import PersonalisationConfig
from common.models import PlantModel
from common.training import predict_logits

logger = logging.getLogger(__name__)

LAMBDAS: tuple[float, ...] = tuple(float(v) for v in 10.0 ** np.arange(-4.0, 2.5, 0.5))  # × n
FOLDS = 5
MIN_WINDOWS = 4  # two blocks of two windows; fewer: the fine-tuned head is kept
CONSTANT_STD = 1e-8


@dataclass(frozen=True)
class RidgeFit:
    """A ridge read-out ``ŷ = F W + b`` in the features' own units, and how each output's λ was chosen."""

    weight: np.ndarray  # (p, K)
    bias: np.ndarray  # (K,)
    lam: tuple[float, ...]  # per output
    scores: np.ndarray  # (len(LAMBDAS), K): blocked-CV MSE per λ and output


def _solve(z: np.ndarray, y: np.ndarray, lambdas: tuple[float, ...] | np.ndarray) -> list[np.ndarray]:
    """B_λ (p × K) for every λ, from one eigendecomposition of ZᵀZ (Z, Y centred); an array of
    shape (K,) instead gives one B whose column k uses λ_k."""
    n = len(z)
    evals, evecs = np.linalg.eigh(z.T @ z)
    evals = np.clip(evals, 0.0, None)
    projected = evecs.T @ (z.T @ y)
    if isinstance(lambdas, np.ndarray):
        return [evecs @ (projected / (evals[:, None] + lambdas[None, :] * n))]
    return [evecs @ (projected / (evals + lam * n)[:, None]) for lam in lambdas]


def _standardise(f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = f.mean(axis=0)
    std = f.std(axis=0)
    return mean, np.where(std <= CONSTANT_STD * (1.0 + np.abs(mean)), 1.0, std)


def fit_ridge(features: np.ndarray, y: np.ndarray, lambdas: tuple[float, ...] = LAMBDAS,
              folds: int = FOLDS) -> RidgeFit:
    """Ridge read-out of ``y`` (n × K) on ``features`` (n × p), λ by blocked ``folds``-fold CV (module docstring)."""
    f = np.asarray(features, np.float64)
    y = np.asarray(y, np.float64).reshape(len(f), -1)
    folds = min(folds, len(f) // 2)   # at least two windows per block
    if folds < 2:
        raise ValueError(f"ridge personalisation needs at least {MIN_WINDOWS} labelled windows, got {len(f)}")
    blocks = np.array_split(np.arange(len(f)), folds)
    scores = np.zeros((len(lambdas), y.shape[1]))
    for block in blocks:
        fit = np.ones(len(f), bool)
        fit[block] = False
        mean, std = _standardise(f[fit])
        y_mean = y[fit].mean(axis=0)
        z = (f[fit] - mean) / std
        z_val = (f[block] - mean) / std
        for i, b in enumerate(_solve(z, y[fit] - y_mean, lambdas)):
            scores[i] += ((z_val @ b + y_mean - y[block]) ** 2).mean(axis=0) * len(block) / len(f)
    chosen = np.asarray(lambdas)[scores.argmin(axis=0)]
    mean, std = _standardise(f)
    y_mean = y.mean(axis=0)
    b = _solve((f - mean) / std, y - y_mean, chosen)[0]
    weight = b / std[:, None]
    return RidgeFit(weight, y_mean - mean @ weight, tuple(float(v) for v in chosen), scores)


def ridge_head(model: PlantModel, x: np.ndarray, y: np.ndarray, cfg: PersonalisationConfig,
               seed_of: Callable[[int], int]) -> list[float]:
    """``finetune_full`` for ``cfg.epochs``, then the personal head refitted by ridge (module docstring).

    Regression only: ``y`` holds the scaled targets (NaN = unlabelled; a window is used when every
    output is labelled). Returns the fine-tuning losses and, last, the chosen λ's CV score."""
    from common.transfer.finetune import finetune_full

    target = np.asarray(y)
    if not np.issubdtype(target.dtype, np.floating):
        raise ValueError("personalisation.mode ridge fits a regression head: it needs task: regression "
                         "(a numeric target per window); for classes use mode head, full or fedrep")
    losses = finetune_full(model, x, target, cfg, seed_of)
    target = target.reshape(len(target), -1)
    rows = np.flatnonzero(np.isfinite(target).all(axis=1))
    if len(rows) < MIN_WINDOWS:
        logger.warning("ridge head: %d labelled windows, fewer than %d: the fine-tuned head is kept", len(rows),
                       MIN_WINDOWS)
        return losses
    features = predict_logits(model.extractor, x[rows]).numpy()
    fit = fit_ridge(features, target[rows])
    head = model.head
    with torch.no_grad():
        head.weight.copy_(torch.as_tensor(fit.weight.T).to(head.weight))
        head.bias.copy_(torch.as_tensor(fit.bias).to(head.bias))
    cv = float(fit.scores.min(axis=0).mean())
    logger.info("ridge head: λ per output %s × n over %d labelled windows (blocked CV MSE %.4g)",
                ", ".join(f"{v:.3g}" for v in fit.lam), len(rows), cv)
    return [*losses, cv]
