"""The target's class proportions, estimated without labels, and what adaptation does with them.

Label shift: p_t(x | y) = p_s(x | y) but π_t(y) ≠ π_s(y). The source model's posteriors
p_s(y | x) on the target's unlabelled windows then give π_t by EM (Saerens, Latinne &
Decaestecker 2002)::

    E:  q_i(y) = π(y)/π_s(y) · p_s(y | x_i)  /  Σ_k π(k)/π_s(k) · p_s(k | x_i)
    M:  π(y)   = (1/N) Σ_i q_i(y)

starting from π = π_s and iterating until max_y |Δπ(y)| < tol. Each step does not decrease
the target likelihood Σ_i log Σ_y π(y)/π_s(y) · p_s(y | x_i); its fixed point is the maximum
likelihood prior.

Partial targets (their classes a subset of the sources') are the extreme case π_t(y) = 0 for
the absent classes. PADA (Cao et al. 2018) weights the source classes by the target's mean
prediction; here the weights are the EM estimate normalised by its largest entry::

    w(y) = π_t(y) / max_k π_t(k)           (w ≈ 0 for classes the target does not have)

``reweight_source`` gives source statistics whose class mixture is π_t instead of π_s, so that
alignment (CORAL's moments, MMD's mean embedding, DANN's sampled source features) pulls the
target only toward the classes it has, in the proportions it has them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from common.transfer.stats import FeatureStats

logger = logging.getLogger(__name__)

FLOOR = 1e-6
"""Smallest class proportion kept (a class count must stay > 0 in ``FeatureStats``)."""


@dataclass(frozen=True)
class PriorEstimate:
    """EM's estimate: ``prior`` (K,), the iterations run, whether it converged, the source prior used."""

    prior: np.ndarray
    iterations: int
    converged: bool
    source_prior: np.ndarray


def _normalised(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 0.0, None)
    total = p.sum()
    if not total > 0:
        raise ValueError("a class prior needs a positive entry")
    return p / total


def em_prior(posteriors: np.ndarray, source_prior: np.ndarray | None = None, *, max_iter: int = 1000,
             tol: float = 1e-6) -> PriorEstimate:
    """EM estimate of the target prior from source-model posteriors (N, K) (module docstring).

    ``source_prior``: π_s, the prior the model was trained under (None: uniform).
    """
    p = np.asarray(posteriors, dtype=np.float64)
    if p.ndim != 2 or p.shape[0] == 0 or p.shape[1] == 0:
        raise ValueError(f"posteriors must be a non-empty (N, K) array, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or (p < 0).any():
        raise ValueError("posteriors must be finite and >= 0")
    p = p / np.clip(p.sum(axis=1, keepdims=True), 1e-300, None)
    k = p.shape[1]
    pi_s = np.full(k, 1.0 / k) if source_prior is None else _normalised(source_prior)
    if pi_s.shape != (k,):
        raise ValueError(f"source_prior has {pi_s.shape[0]} classes, the posteriors {k}")
    pi_s = np.clip(pi_s, FLOOR, None)
    pi = pi_s.copy()
    for it in range(1, max_iter + 1):
        q = p * (pi / pi_s)[None, :]
        q /= np.clip(q.sum(axis=1, keepdims=True), 1e-300, None)
        new = q.mean(axis=0)
        step = float(np.abs(new - pi).max())
        pi = new
        if step < tol:
            return PriorEstimate(prior=pi, iterations=it, converged=True, source_prior=pi_s)
    logger.info("EM class prior: not converged after %d iterations", max_iter)
    return PriorEstimate(prior=pi, iterations=max_iter, converged=False, source_prior=pi_s)


def drop_absent(prior: np.ndarray, share: float) -> np.ndarray:
    """``prior`` with every class below ``share``/K set to 0 and the rest renormalised.

    EM leaves a class the target lacks with a small but non-zero share (the source model's
    confusions); below ``share`` of a uniform class's 1/K it is taken as absent, so alignment and
    IM's diversity term stop pulling windows toward it. ``share`` = 0 keeps the estimate as is; the
    largest class is always kept.
    """
    pi = _normalised(prior)
    keep = pi >= share / len(pi)
    keep[int(np.argmax(pi))] = True
    return _normalised(np.where(keep, pi, 0.0))


def restrict_prior(prior: np.ndarray | None, declared: np.ndarray) -> np.ndarray:
    """π restricted to the classes a plant declared it can have, renormalised:

        π'(y) = π(y)·1[y ∈ D] / Σ_{y' ∈ D} π(y')        (π None: uniform)

    A target that declares a subset D of the federation's classes (its class list) is not pulled
    toward the others by IM's diversity term or by alignment to the sources' class mixture.
    """
    mask = np.asarray(declared, dtype=bool).ravel()
    pi = np.ones(len(mask)) if prior is None else np.asarray(prior, dtype=np.float64).ravel()
    if pi.shape != mask.shape:
        raise ValueError(f"the declared classes cover {len(mask)} classes, the prior {len(pi)}")
    kept = np.where(mask, np.clip(pi, 0.0, None), 0.0)
    if kept.sum() <= 0:
        raise ValueError("none of the declared classes has prior mass: declare at least one class the sources hold")
    return kept / kept.sum()


def total_variation(a: np.ndarray, b: np.ndarray) -> float:
    """½ Σ_y |a(y) − b(y)| of two class priors (0: equal, 1: disjoint)."""
    return float(0.5 * np.abs(_normalised(a) - _normalised(b)).sum())


Arm = Literal["sources", "estimate"]
ARMS: tuple[Arm, Arm] = ("sources", "estimate")
"""The two priors ``auto`` adapts with, in the order a tie goes."""


def choose_arm(mean_entropy: Mapping[str, float]) -> tuple[Arm, str]:
    """(arm, reason): of the models adapted under each prior, the one whose predictions on the target
    windows have the lower mean entropy (minimal-entropy validation, Morerio et al. 2018); a tie, or a
    non-finite value, keeps ``sources``.

    A target without some of the sources' classes, adapted under the sources' prior, is pulled to
    spread its windows over classes it lacks and stays uncertain; adapted under a prior that fits it,
    its predictions become confident. A balanced target whose source model confuses two classes gets
    an EM estimate without one of them, and the model adapted under it stays less certain than the
    one that separates them under the sources' prior.
    """
    missing = [a for a in ARMS if a not in mean_entropy]
    if missing:
        raise ValueError(f"choose_arm needs the mean entropy of every arm {ARMS}, missing {missing}")
    h_s, h_e = float(mean_entropy["sources"]), float(mean_entropy["estimate"])
    arm: Arm = "estimate" if np.isfinite(h_e) and np.isfinite(h_s) and h_e < h_s else "sources"
    return arm, f"target prior: {arm} (mean prediction entropy sources {h_s:.4g}, estimate {h_e:.4g}; lower kept)"


def class_weights(target_prior: np.ndarray) -> np.ndarray:
    """PADA-style class weights w(y) = π_t(y) / max_k π_t(k), in [0, 1]."""
    pi = _normalised(target_prior)
    return pi / pi.max()


def reweight_source(source: FeatureStats, target_prior: np.ndarray) -> FeatureStats:
    """``source`` with its classes mixed in the proportions ``target_prior`` instead of its own.

    Class means and the within-class covariance stay; the class counts become N·π_t, so the
    total mean Σ_y π_t(y) μ_y and the between-class covariance follow. The released total mean
    and RFF mean embedding are shifted by the change of the class mixture under the
    class-conditional Gaussian model f | y ~ N(μ_y, W)::

        m ← m + Σ_y (π_t(y) − π_s(y)) μ_y
        R ← R + Σ_y (π_t(y) − π_s(y)) · √(2/D_R) cos(Ω μ_y + b) ⊙ exp(−½ diag(Ω W Ωᵀ))

    (E cos(ωᵀf + b) = cos(ωᵀμ + b) · exp(−½ ωᵀWω) for Gaussian f), which is exact when π_t = π_s.
    """
    pi_t = np.clip(_normalised(target_prior), FLOOR, None)
    pi_t = pi_t / pi_t.sum()
    if pi_t.shape != (source.num_classes,):
        raise ValueError(f"target_prior has {pi_t.shape[0]} classes, the source statistics {source.num_classes}")
    delta = pi_t - source.class_priors
    mean = source.mean + delta @ source.class_means
    omega, phase = source.rff.weights(source.dim)
    damping = np.exp(-0.5 * np.einsum("rd,de,re->r", omega, source.cov, omega))
    per_class = np.sqrt(2.0 / len(phase)) * np.cos(source.class_means @ omega.T + phase[None, :]) * damping[None, :]
    rff_mean = source.rff_mean + delta @ per_class
    return dataclasses.replace(source, class_counts=pi_t * source.num_records, mean=mean, rff_mean=rff_mean)

