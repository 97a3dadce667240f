"""Gaussians of the classes a plant never had, from the other plants' released DP feature statistics.

Classifier calibration with virtual representations (CCVR, Luo et al., NeurIPS 2021) fits a head on
features sampled from per-class Gaussians; here the plant uses those Gaussians in closed form (the
classifier the virtual features would converge to). After phase one every labelled plant releases
DP class-conditional statistics of the shared extractor (``common.transfer.stats``, in its ledger);
the coordinator relays their aggregate. A plant labelled for its own classes ``S`` only then models,
on features ``f`` clipped to the statistics' ``clip_norm``:

    own class k ∈ S:         f ~ N(μ_k, W)                 μ_k, W from its own labelled fit windows
    never-had class c ∈ N':  f ~ N(μ̂_c, W + v·I)           μ̂_c the released (noisy) class mean

with ``W`` the own pooled within-class covariance (ridge as :data:`common.transfer.open_set.RIDGE`)
and ``N'`` the never-had classes some plant released windows for (count ≥ KNOWN_SHARE of a balanced
share, as open set does). ``v`` widens the never-had Gaussians for what makes ``μ̂_c`` differ from
where this plant's windows of class c would lie (the DP noise on the released sums, the other plants'
operating conditions). It is estimated on the classes the plant has, where both means are known:

    v = mean_{k ∈ S} ‖μ_k − μ̂_k‖² / D

No window of a never-had class, labelled or not, and no test label is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from common.transfer.open_set import KNOWN_SHARE, fit_class_gaussians, precision_of
from common.transfer.stats import FeatureStats, clip_rows


@dataclass(frozen=True)
class NeverHadGaussians:
    """The calibrated never-had Gaussians: means (|N|, D) with NaN rows for classes not released,
    their shared precision ``(W + vI)⁻¹`` and ``log det(W + vI) − log det W``."""

    means: np.ndarray
    precision: np.ndarray
    log_det_gap: float
    inflation: float
    clip_norm: float


def released_classes(stats: FeatureStats) -> np.ndarray:
    """(K,) bool: classes with released windows (count ≥ KNOWN_SHARE · N / K); a class no plant had is
    released with a floored count near 0 and a mean of pure noise."""
    counts = np.asarray(stats.class_counts, dtype=np.float64)
    return counts >= KNOWN_SHARE * counts.sum() / max(len(counts), 1)


def inflation(own_means: np.ndarray, released_means: np.ndarray) -> float:
    """``v = mean_k ‖μ_k − μ̂_k‖² / D`` over the rows given (the plant's own classes)."""
    own_means, released_means = np.asarray(own_means, np.float64), np.asarray(released_means, np.float64)
    if own_means.shape != released_means.shape or own_means.ndim != 2 or not len(own_means):
        raise ValueError(f"own and released means must be the same (k, D) shape, got {own_means.shape} "
                         f"and {released_means.shape}")
    return float(np.mean(np.sum((own_means - released_means) ** 2, axis=1)) / own_means.shape[1])


def never_had_gaussians(fit_features: np.ndarray, fit_labels: np.ndarray, own: np.ndarray,
                        stats: FeatureStats) -> NeverHadGaussians:
    """The never-had Gaussians for a plant with own classes ``own`` ((K,) bool), from its labelled fit
    windows' features (unclipped; clipped here as the released ones were) and the relayed statistics."""
    own = np.asarray(own, dtype=bool)
    f = np.asarray(fit_features, dtype=np.float64)
    if stats.num_classes != len(own) or stats.dim != f.shape[1]:
        raise ValueError(f"released statistics cover {stats.num_classes} classes × {stats.dim} features, the "
                         f"plant's model {len(own)} × {f.shape[1]}: not computed with this model")
    released = released_classes(stats)
    if not (released & ~own).any():
        raise ValueError("no class this plant never had was released by another plant")
    clipped = clip_rows(f, stats.clip_norm)
    means, _ = fit_class_gaussians(clipped, fit_labels, len(own))
    usable = own & np.isfinite(means).all(axis=1) & released
    if not usable.any():
        raise ValueError("no own class with fit windows was released too: cannot estimate the inflation")
    within = _within_cov(clipped, np.asarray(fit_labels), means)
    v = inflation(means[usable], stats.class_means[usable])
    d = within.shape[0]
    ridge = precision_of(within)  # (W + λ tr(W)/D I)⁻¹: the own precision, as routing's
    own_cov = np.linalg.inv(ridge)
    never_cov = own_cov + v * np.eye(d)
    gap = float(np.linalg.slogdet(never_cov)[1] - np.linalg.slogdet(own_cov)[1])
    never_means = np.where(released[~own][:, None], stats.class_means[~own], np.nan)
    return NeverHadGaussians(never_means, np.linalg.inv(never_cov), gap, v, float(stats.clip_norm))


def _within_cov(features: np.ndarray, labels: np.ndarray, means: np.ndarray) -> np.ndarray:
    """Pooled within-class covariance ``(1/N) Σ_i (f_i − μ_{y_i})(…)ᵀ`` over windows of classes with a mean."""
    keep = (labels >= 0) & (labels < len(means))
    keep[keep] &= np.isfinite(means[labels[keep]]).all(axis=1)
    centred = features[keep] - means[labels[keep]]
    return centred.T @ centred / max(len(centred), 1)


def squared_distances(features: np.ndarray, means: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """``(f − μ_c)ᵀ P (f − μ_c)`` per window and row of ``means`` (N, C); +inf for a NaN row."""
    f = np.asarray(features, dtype=np.float64)
    m = np.asarray(means, dtype=np.float64)
    out = np.full((len(f), len(m)), np.inf)
    ok = np.isfinite(m).all(axis=1)
    diff = f[:, None, :] - m[None, ok, :]
    out[:, ok] = np.einsum("nkd,de,nke->nk", diff, precision, diff)
    return out


__all__ = ["NeverHadGaussians", "inflation", "never_had_gaussians", "released_classes", "squared_distances"]
