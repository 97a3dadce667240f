"""Detector ``feature_mahalanobis``: squared Mahalanobis distance of a window's features to the
plant's normal features, with a Ledoit–Wolf shrinkage covariance.

On the features F (n × D) of the plant's normal training windows, each dimension standardised by
its own mean and standard deviation (a constant dimension gets scale 1), the covariance is

    Σ = (1 − s) S + s μ I,   S = ZᵀZ/n,  μ = tr(S)/D,
    s = min(1, β/δ),  δ = ‖S − μI‖²_F / D,  β = (Σ_k ‖z_k‖⁴ − n‖S‖²_F) / (n² D)

(Ledoit & Wolf 2004, "A well-conditioned estimator for large-dimensional covariance matrices"),
and the score of a window with standardised features z is d²(z) = zᵀ Σ⁻¹ z.
"""

from __future__ import annotations

import logging
from typing import Self

import numpy as np

logger = logging.getLogger(__name__)

MIN_STD = 1e-8


def ledoit_wolf(z: np.ndarray) -> tuple[np.ndarray, float]:
    """(shrunk covariance, shrinkage s) of centred rows ``z`` (n × D)."""
    n, d = z.shape
    s = z.T @ z / n
    mu = float(np.trace(s)) / d
    delta = float(((s - mu * np.eye(d)) ** 2).sum()) / d
    if delta <= 0:
        return mu * np.eye(d), 1.0
    beta = (float(((z ** 2).sum(axis=1) ** 2).sum()) - n * float((s ** 2).sum())) / (n ** 2 * d)
    shrinkage = float(np.clip(beta / delta, 0.0, 1.0))
    return (1.0 - shrinkage) * s + shrinkage * mu * np.eye(d), shrinkage


class FeatureMahalanobis:
    """Detector ``feature_mahalanobis`` (input: features): d² to the normal features' Gaussian."""

    def __init__(self, mean: np.ndarray | None = None, scale: np.ndarray | None = None,
                 precision: np.ndarray | None = None, shrinkage: float = float("nan")) -> None:
        self.mean, self.scale, self.precision, self.shrinkage = mean, scale, precision, shrinkage

    def fit(self, x: np.ndarray) -> Self:
        f = np.asarray(x, dtype=np.float64)
        if f.ndim != 2 or len(f) < 2:
            raise ValueError(f"feature_mahalanobis fits features (n, D) of at least 2 normal windows, got {f.shape}")
        mean = f.mean(axis=0)
        std = f.std(axis=0)
        scale = np.where(std > MIN_STD, std, 1.0)
        cov, self.shrinkage = ledoit_wolf((f - mean) / scale)
        self.mean, self.scale = mean, scale
        self.precision = np.linalg.pinv(cov, hermitian=True)
        logger.info("feature Mahalanobis: %d normal windows, %d features, Ledoit–Wolf shrinkage %.3f",
                    len(f), f.shape[1], self.shrinkage)
        return self

    def score(self, x: np.ndarray) -> np.ndarray:
        if self.mean is None or self.scale is None or self.precision is None:
            raise RuntimeError("FeatureMahalanobis: fit it on normal features before scoring")
        z = (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        return np.einsum("nd,de,ne->n", z, self.precision, z)

    def state(self) -> dict[str, np.ndarray]:
        if self.mean is None or self.scale is None or self.precision is None:
            raise RuntimeError("FeatureMahalanobis: nothing to save before fit")
        return {"mean": self.mean, "scale": self.scale, "precision": self.precision,
                "shrinkage": np.array([self.shrinkage])}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> Self:
        return cls(np.asarray(state["mean"]), np.asarray(state["scale"]), np.asarray(state["precision"]),
                   float(np.asarray(state["shrinkage"]).ravel()[0]))
