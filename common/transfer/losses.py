"""Pure loss functions for domain adaptation (torch; no state, no federation code).

Notation: ``logits`` z (B, K), ``p = softmax(z)``, features f (B, D), H(p) = −Σ_k p_k log p_k.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

from common.transfer.stats import RffSpec

_EPS = 1e-8


def entropy(logits: torch.Tensor, reduction: str = "mean") -> torch.Tensor:
    """Shannon entropy of the predicted distribution, H(p_i) = −Σ_k p_ik log p_ik (nats).

    ``reduction``: "mean" (scalar, mean over the batch) or "none" (B,). Uniform logits give
    log K; a one-hot prediction gives 0. Computed from log-softmax (stable for large logits).
    """
    logp = F.log_softmax(logits, dim=1)
    h = -(logp.exp() * logp).sum(dim=1)
    if reduction == "none":
        return h
    if reduction == "mean":
        return h.mean()
    raise ValueError(f"unknown reduction {reduction!r}: use 'mean' or 'none'")


def information_maximisation(logits: torch.Tensor, prior: torch.Tensor | None = None) -> torch.Tensor:
    """SHOT's information-maximisation loss (to minimise).

    With p̄ = (1/B) Σ_i p_i the batch-mean prediction:

        L_IM = (1/B) Σ_i H(p_i) − H(p̄)                    (prior = None: uniform)
        L_IM = (1/B) Σ_i H(p_i) + KL(p̄ ‖ π)               (given class prior π)

    The first term makes each prediction confident, the second keeps the predictions diverse
    (no collapse onto one class). For uniform π, KL(p̄‖π) = log K − H(p̄), so the two forms
    differ by the constant log K. Lower bound: −log K (uniform prior form).
    """
    p = F.softmax(logits, dim=1)
    cond = entropy(logits)
    mean_p = p.mean(dim=0)
    if prior is None:
        return cond + (mean_p * torch.log(mean_p + _EPS)).sum()
    prior = prior.to(mean_p.dtype)
    return cond + (mean_p * (torch.log(mean_p + _EPS) - torch.log(prior + _EPS))).sum()


def covariance(feats: torch.Tensor) -> torch.Tensor:
    """Sample covariance (1/(B−1)) Σ_i (f_i − f̄)(f_i − f̄)ᵀ, shape (D, D)."""
    centred = feats - feats.mean(dim=0, keepdim=True)
    return centred.T @ centred / max(feats.shape[0] - 1, 1)


def coral_loss(target_feats: torch.Tensor, source_cov: torch.Tensor,
               source_mean: torch.Tensor | None = None) -> torch.Tensor:
    """CORAL (Sun & Saenko 2016): distance of the target's second-order statistics to the source's.

        L = ‖C_t − C_s‖²_F / (4 D²)  [+ ‖μ_t − μ_s‖² / D  when ``source_mean`` is given]

    C_t is the batch covariance of ``target_feats`` (B, D), C_s the source covariance (the
    *total* covariance of the source features, released with DP noise), μ the means.
    Identical covariances (and means) give 0.
    """
    d = target_feats.shape[1]
    source_cov = source_cov.to(target_feats.dtype)
    loss = (covariance(target_feats) - source_cov).pow(2).sum() / (4.0 * d * d)
    if source_mean is not None:
        loss = loss + (target_feats.mean(dim=0) - source_mean.to(target_feats.dtype)).pow(2).sum() / d
    return loss


_RFF_CACHE: dict[tuple, tuple[torch.Tensor, torch.Tensor]] = {}


def _rff_weights(spec: RffSpec, dim: int, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    key = (spec, dim, dtype)
    if key not in _RFF_CACHE:
        w, b = spec.weights(dim)
        _RFF_CACHE[key] = (torch.as_tensor(w, dtype=dtype), torch.as_tensor(b, dtype=dtype))
    return _RFF_CACHE[key]


def rff_features(feats: torch.Tensor, spec: RffSpec) -> torch.Tensor:
    """Random Fourier features φ(f) = √(2/R) cos(W f + b) (B, R) of the shared map ``spec``.

    ``φ(x)·φ(y)`` is an unbiased estimate of the Gaussian kernel exp(−‖x−y‖²/(2h²)); the same
    (W, b) as ``RffSpec.features`` (numpy), so target and released source embeddings match.
    """
    w, b = _rff_weights(spec, feats.shape[1], feats.dtype)
    return math.sqrt(2.0 / spec.num_features) * torch.cos(feats @ w.T + b)


def rff_mmd_loss(target_feats: torch.Tensor, source_rff_mean: torch.Tensor, spec: RffSpec,
                 unbiased: bool = True) -> torch.Tensor:
    """Squared MMD between the target batch and the source's released mean embedding m_s.

        MMD² = ‖(1/B) Σ_i φ(t_i) − m_s‖²

    ``unbiased=True`` replaces ‖(1/B) Σ_i φ_i‖² with its U-statistic
    (‖Σ_i φ_i‖² − Σ_i ‖φ_i‖²) / (B(B−1)), removing the +tr Cov(φ)/B bias of a batch (which
    would otherwise reward collapsing the target features); it can then be slightly negative.
    Same distribution → ≈ 0; a shifted one → > 0.
    """
    phi = rff_features(target_feats, spec)
    m_s = source_rff_mean.to(phi.dtype)
    b = phi.shape[0]
    total = phi.sum(dim=0)
    if unbiased and b > 1:
        self_term = (total.pow(2).sum() - phi.pow(2).sum()) / (b * (b - 1))
    else:
        self_term = (total / b).pow(2).sum()
    return self_term - 2.0 * (total / b) @ m_s + m_s.pow(2).sum()


class GradientReversal(torch.autograd.Function):
    """Identity in the forward pass; multiplies the gradient by −λ in the backward pass (DANN)."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, lambd: float = 1.0) -> torch.Tensor:
        ctx.lambd = float(lambd)
        return x.view_as(x)

    @staticmethod
    def backward(ctx, *grad_outputs: torch.Tensor) -> tuple[torch.Tensor, None]:
        (grad_output,) = grad_outputs  # forward has one output, so one gradient
        return -ctx.lambd * grad_output, None


def distribution_alignment(probs: torch.Tensor, prior: torch.Tensor, running_mean: torch.Tensor) -> torch.Tensor:
    """ReMixMatch's distribution alignment (Berthelot et al., ICLR 2020) of predicted class
    probabilities before they become pseudo-labels:

        p̃_i = normalise(p_i ⊙ prior / p̄),   p̄ = running mean of the model's predictions

    A model that over-predicts a class (p̄_c > prior_c) has that class damped in every window's
    pseudo-label, so a few labels per class cannot lock the unlabelled windows onto one class."""
    aligned = probs * (prior / running_mean.clamp_min(1e-6))
    return aligned / aligned.sum(dim=1, keepdim=True)


@torch.no_grad()
def balanced_assignment(probs: torch.Tensor, prior: torch.Tensor, iterations: int = 50) -> torch.Tensor:
    """Class-balanced soft pseudo-labels for a whole set of windows (Sinkhorn-Knopp, as in
    self-labelling, Asano et al., ICLR 2020):

        Q = diag(a) · P · diag(b),   rows of Q sum to 1,   columns of Q sum to N · prior,

    the closest assignment to the predictions P (N × C) in KL divergence that gives every class its
    prior share of the N windows; found by alternately rescaling columns and rows. Distribution
    alignment is one column step of it, on a batch. A class the model under-predicts gets its
    share back from the windows it is relatively most likely for, so a few labels per class
    cannot let one class absorb another. Returns Q (N × C), rows normalised."""
    q = probs.clamp_min(1e-12)
    q = q / q.sum(dim=1, keepdim=True)
    for _ in range(iterations):
        q = q * (prior / q.sum(dim=0).clamp_min(1e-12))[None, :]
        q = q / q.sum(dim=1, keepdim=True)
    return q


def grad_reverse(x: torch.Tensor, lambd: float = 1.0) -> torch.Tensor:
    return GradientReversal.apply(x, lambd)


@torch.no_grad()
def shot_pseudo_labels(features: torch.Tensor, logits: torch.Tensor, num_classes: int, iterations: int = 2,
                       min_cluster: int = 0) -> torch.Tensor:
    """SHOT's self-supervised pseudo-labels: weighted k-means in cosine geometry.

    Features get a constant 1 appended and are L2-normalised (as in SHOT), f̂_i. Then

        c_k⁽⁰⁾ = Σ_i p_ik f̂_i / Σ_i p_ik          (soft centroids weighted by the predictions)
        ŷ_i = argmin_k  (1 − cos(f̂_i, c_k))
        c_k⁽ᵗ⁾ = mean of f̂_i with ŷ_i = k,  then relabel, ``iterations`` − 1 more times.

    A class whose centroid gathers ≤ ``min_cluster`` windows is not used as a centroid in the
    hard rounds (SHOT's threshold against empty clusters). Returns ŷ (N,) int64.
    """
    f = torch.cat([features, torch.ones(features.shape[0], 1, dtype=features.dtype)], dim=1)
    f = F.normalize(f, dim=1)
    p = F.softmax(logits, dim=1)
    centroids = (p.T @ f) / (p.sum(dim=0)[:, None] + _EPS)
    usable = torch.ones(num_classes, dtype=torch.bool)
    labels = _nearest(f, centroids, usable)
    for _ in range(max(iterations, 1) - 1):
        onehot = F.one_hot(labels, num_classes).to(f.dtype)
        counts = onehot.sum(dim=0)
        usable = counts > min_cluster
        if not usable.any():
            break
        centroids = (onehot.T @ f) / (counts[:, None] + _EPS)
        labels = _nearest(f, centroids, usable)
    return labels


def _nearest(f: torch.Tensor, centroids: torch.Tensor, usable: torch.Tensor) -> torch.Tensor:
    cos = f @ F.normalize(centroids, dim=1).T
    cos[:, ~usable] = -math.inf
    return cos.argmax(dim=1)


def as_tensor(x, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    """numpy / tensor → tensor of ``dtype`` (helper for the adapters)."""
    if isinstance(x, torch.Tensor):
        return x.to(dtype)
    return torch.as_tensor(np.asarray(x), dtype=dtype)
