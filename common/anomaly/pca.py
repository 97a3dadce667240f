"""PCA process monitoring with Hotelling T² and SPE (Q): the classic baseline (MacGregor & Kourti 1995).

Features are **rows** (one sample of every process variable): a window (C variables × L rows)
is L rows. On the normal rows, standardised with their own mean and standard deviation
(a constant variable gets scale 1, so it adds nothing until it moves), the eigen-decomposition of
the correlation matrix gives loadings P (C × a) and eigenvalues λ₁ ≥ … ≥ λ_C. The number of
components ``a`` is the smallest that explains at least ``explained`` (default 90 %) of the
variance of the plant's own normal rows. For a standardised row z:

    T²  = zᵀ P Λ_a⁻¹ Pᵀ z                      (Hotelling, inside the model)
    SPE = ‖(I − P Pᵀ) z‖²                      (squared prediction error, Q, outside it)

Classical limits at false-alarm rate α for a row (n training rows):

    T²_α  = a (n−1)(n+1) / (n (n−a)) · F_{a, n−a}(1−α)
    SPE_α = θ₁ [c_α √(2θ₂h₀²)/θ₁ + 1 + θ₂h₀(h₀−1)/θ₁²]^{1/h₀}   (Jackson & Mudholkar 1979)
    SPE_α ≈ g χ²_h(1−α), g = θ₂/θ₁, h = θ₁²/θ₂                      (Box 1954)

with θ_i = Σ_{j>a} λ_jⁱ, h₀ = 1 − 2θ₁θ₃/(3θ₂²), c_α the standard normal (1−α)-quantile. Empirical
limits are the (1−α)-quantiles of the statistics on the training rows. Both assume independent
rows; process rows are autocorrelated, which is why the alarm threshold of a window is calibrated
on held-out normal windows instead (:mod:`common.anomaly.calibration`).

Window score (the detector ``pca_t2_spe``): the mean over the window's rows of
``max(T²/T²_α, SPE/SPE_α)`` with the classical limits at ``alpha`` (T²: F; SPE: Jackson–Mudholkar).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Self

import numpy as np
from scipy import stats

logger = logging.getLogger(__name__)

EXPLAINED = 0.90
"""Share of the normal rows' variance the retained components explain (a rule on the plant's own data)."""
ALPHA = 0.01
"""Row-level false-alarm rate of the classical limits the window score is scaled by."""
MIN_STD = 1e-8


def rows_of(x: np.ndarray) -> np.ndarray:
    """Windows (N, C, L) → rows (N·L, C); rows (M, C) pass through."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 3:
        return x.transpose(0, 2, 1).reshape(-1, x.shape[1])
    if x.ndim == 2:
        return x
    raise ValueError(f"PCA monitoring takes windows (N, C, L) or rows (M, C), got shape {x.shape}")


def n_components_for(eigenvalues: np.ndarray, explained: float) -> int:
    """Smallest ``a`` with Σ_{j≤a} λ_j ≥ explained · Σ λ_j (at least 1, at most C − 1 when C > 1)."""
    lam = np.clip(np.asarray(eigenvalues, dtype=np.float64), 0.0, None)
    total = lam.sum()
    if total <= 0:
        return 1
    a = int(np.searchsorted(np.cumsum(lam) / total, explained - 1e-12) + 1)
    return max(1, min(a, len(lam) - 1 if len(lam) > 1 else 1))


def t2_limit(a: int, n: int, alpha: float) -> float:
    """Hotelling T² limit for a new row: a(n−1)(n+1)/(n(n−a)) · F_{a,n−a}(1−α)."""
    if n <= a:
        raise ValueError(f"T² limit needs more training rows than components, got n={n}, a={a}")
    return float(a * (n - 1) * (n + 1) / (n * (n - a)) * stats.f.ppf(1.0 - alpha, a, n - a))


def _thetas(residual_eigenvalues: np.ndarray) -> tuple[float, float, float]:
    lam = np.clip(np.asarray(residual_eigenvalues, dtype=np.float64), 0.0, None)
    return float(lam.sum()), float((lam ** 2).sum()), float((lam ** 3).sum())


def spe_limit_jackson_mudholkar(residual_eigenvalues: np.ndarray, alpha: float) -> float:
    """Jackson–Mudholkar (1979) SPE limit from the eigenvalues left out of the model."""
    t1, t2, t3 = _thetas(residual_eigenvalues)
    if t1 <= 0 or t2 <= 0:
        return 0.0
    h0 = 1.0 - 2.0 * t1 * t3 / (3.0 * t2 ** 2)
    c = float(stats.norm.ppf(1.0 - alpha))
    inner = c * np.sqrt(2.0 * t2 * h0 ** 2) / t1 + 1.0 + t2 * h0 * (h0 - 1.0) / t1 ** 2
    if h0 <= 0 or inner <= 0:  # the approximation breaks down (a few dominant residual directions): use Box's
        return spe_limit_box(residual_eigenvalues, alpha)
    return float(t1 * inner ** (1.0 / h0))


def spe_limit_box(residual_eigenvalues: np.ndarray, alpha: float) -> float:
    """Box (1954) SPE limit: g χ²_h(1−α), g = θ₂/θ₁, h = θ₁²/θ₂."""
    t1, t2, _ = _thetas(residual_eigenvalues)
    if t1 <= 0 or t2 <= 0:
        return 0.0
    return float(t2 / t1 * stats.chi2.ppf(1.0 - alpha, t1 ** 2 / t2))


@dataclass(frozen=True)
class PcaModel:
    """A fitted PCA monitor: standardisation, loadings, eigenvalues and the limits at ``alpha``."""

    mean: np.ndarray          # (C,)
    scale: np.ndarray         # (C,)
    loadings: np.ndarray      # (C, a)
    eigenvalues: np.ndarray   # (C,), all of them, descending
    n_rows: int
    alpha: float
    t2_limit: float           # classical (F)
    spe_limit: float          # classical (Jackson–Mudholkar)
    t2_limit_empirical: float
    spe_limit_empirical: float

    @property
    def n_components(self) -> int:
        return int(self.loadings.shape[1])

    def standardise(self, rows: np.ndarray) -> np.ndarray:
        return (rows - self.mean) / self.scale

    def t2_spe(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(T², SPE) of each row (M, C)."""
        z = self.standardise(rows)
        scores = z @ self.loadings
        t2 = (scores ** 2 / self.eigenvalues[: self.n_components]).sum(axis=1)
        residual = z - scores @ self.loadings.T
        return t2, (residual ** 2).sum(axis=1)


def fit_pca(rows: np.ndarray, explained: float = EXPLAINED, alpha: float = ALPHA) -> PcaModel:
    """Fit the monitor on normal rows (M, C); ``a`` by the explained-variance rule."""
    rows = rows_of(rows)
    m, c = rows.shape
    if m < c + 2:
        raise ValueError(f"PCA monitoring needs more normal rows than variables + 1, got {m} rows of {c}: "
                         "give the plant more normal windows")
    mean = rows.mean(axis=0)
    std = rows.std(axis=0, ddof=1)
    scale = np.where(std > MIN_STD, std, 1.0)
    z = (rows - mean) / scale
    eigenvalues, vectors = np.linalg.eigh(z.T @ z / (m - 1))
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues = np.clip(eigenvalues[order], 0.0, None)
    vectors = vectors[:, order]
    a = n_components_for(eigenvalues, explained)
    eig_safe = np.where(eigenvalues > MIN_STD, eigenvalues, MIN_STD)
    model = PcaModel(mean=mean, scale=scale, loadings=vectors[:, :a], eigenvalues=eig_safe, n_rows=m, alpha=alpha,
                     t2_limit=t2_limit(a, m, alpha), spe_limit=spe_limit_jackson_mudholkar(eigenvalues[a:], alpha),
                     t2_limit_empirical=0.0, spe_limit_empirical=0.0)
    t2, spe = model.t2_spe(rows)
    return PcaModel(**{**model.__dict__, "t2_limit_empirical": float(np.quantile(t2, 1.0 - alpha)),
                       "spe_limit_empirical": float(np.quantile(spe, 1.0 - alpha))})


class PcaT2Spe:
    """Detector ``pca_t2_spe`` (input: windows): mean over rows of max(T²/T²_α, SPE/SPE_α)."""

    def __init__(self, explained: float = EXPLAINED, alpha: float = ALPHA, model: PcaModel | None = None) -> None:
        self.explained = explained
        self.alpha = alpha
        self.model = model

    def fit(self, x: np.ndarray) -> Self:
        self.model = fit_pca(x, self.explained, self.alpha)
        logger.info("PCA monitor: %d of %d components (%.0f %% of the normal rows' variance), %d rows; "
                    "T² limit %.3g (F), SPE limit %.3g (Jackson–Mudholkar) at α=%g", self.model.n_components,
                    len(self.model.mean), 100 * self.explained, self.model.n_rows, self.model.t2_limit,
                    self.model.spe_limit, self.alpha)
        return self

    def _fitted(self) -> PcaModel:
        if self.model is None:
            raise RuntimeError("PcaT2Spe: fit it on normal windows before scoring")
        return self.model

    def statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Per window, the mean over its rows of T²/T²_α and SPE/SPE_α (shape (N,) each)."""
        model = self._fitted()
        x = np.asarray(x)
        if x.ndim != 3:
            raise ValueError(f"pca_t2_spe scores windows (N, C, L), got shape {x.shape}")
        n, _, length = x.shape
        t2, spe = model.t2_spe(rows_of(x))
        t2r = (t2 / model.t2_limit).reshape(n, length)
        sper = (spe / max(model.spe_limit, MIN_STD)).reshape(n, length)
        return {"t2": t2r.mean(axis=1), "spe": sper.mean(axis=1), "combined": np.maximum(t2r, sper).mean(axis=1)}

    def score(self, x: np.ndarray) -> np.ndarray:
        return self.statistics(x)["combined"]

    def state(self) -> dict[str, np.ndarray]:
        m = self._fitted()
        return {"mean": m.mean, "scale": m.scale, "loadings": m.loadings, "eigenvalues": m.eigenvalues,
                "scalars": np.array([m.n_rows, m.alpha, m.t2_limit, m.spe_limit, m.t2_limit_empirical,
                                     m.spe_limit_empirical, self.explained], dtype=np.float64)}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> Self:
        s = np.asarray(state["scalars"], dtype=np.float64)
        model = PcaModel(mean=np.asarray(state["mean"]), scale=np.asarray(state["scale"]),
                         loadings=np.asarray(state["loadings"]), eigenvalues=np.asarray(state["eigenvalues"]),
                         n_rows=int(s[0]), alpha=float(s[1]), t2_limit=float(s[2]), spe_limit=float(s[3]),
                         t2_limit_empirical=float(s[4]), spe_limit_empirical=float(s[5]))
        return cls(explained=float(s[6]), alpha=float(s[1]), model=model)
