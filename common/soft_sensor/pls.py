"""Partial least squares regression (PLS2), numpy only: the classic soft sensor of process plants.

Fit on ``X`` (n × p) and ``Y`` (n × m), both centred and scaled to unit variance per column
(a constant column is only centred). Component a = 1..A (the SVD form of NIPALS PLS2, equal to
NIPALS at convergence):

    w_a = first left singular vector of X_aᵀ Y        (X-weights, ‖w_a‖ = 1)
    t_a = X_a w_a,  p_a = X_aᵀ t_a / t_aᵀt_a,  c_a = Yᵀ t_a / t_aᵀt_a
    X_{a+1} = X_a − t_a p_aᵀ                          (deflation; X_{a+1}ᵀ Y = X_{a+1}ᵀ Y_{a+1})

and with the first A components the coefficients are B_A = W_A (P_Aᵀ W_A)⁻¹ C_Aᵀ, so
Ŷ = ȳ + s_y ⊙ (((x − x̄) / s_x) B_A). The components are nested: one fit with A_max components
gives every B_A (:meth:`PLS.predict` with ``components``).

Choosing A (:func:`choose_components`): fit on the plant's *fit* windows and score every A on
its *validation* windows (e.g. the held-out tail, in time, of each training run) by the mean
over outputs of MSE_k / Var_k (the validation error relative to each output's validation variance,
so outputs in different units weigh alike); take the smallest A whose score is within
``tolerance`` (default 5 %) of the lowest score (parsimony: a component that buys less than that is
noise-fitting), then refit on all training windows with that A. Test windows never enter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONSTANT_STD = 1e-12  # a column whose std is at most this (relative to 1 + |mean|) is only centred


def _standardise(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = a.mean(axis=0)
    std = a.std(axis=0)
    return mean, np.where(std <= CONSTANT_STD * (1.0 + np.abs(mean)), 1.0, std)


@dataclass(frozen=True)
class PLS:
    """A fitted PLS2 model with ``max_components`` nested components."""

    x_mean: np.ndarray  # (p,)
    x_std: np.ndarray  # (p,)
    y_mean: np.ndarray  # (m,)
    y_std: np.ndarray  # (m,)
    weights: np.ndarray  # W (p, A)
    x_loadings: np.ndarray  # P (p, A)
    y_loadings: np.ndarray  # C (m, A)

    @property
    def max_components(self) -> int:
        return int(self.weights.shape[1])

    def coefficients(self, components: int | None = None) -> np.ndarray:
        """B_A (p × m) on standardised X and Y for the first ``components`` (all when None)."""
        a = self.max_components if components is None else components
        if not 1 <= a <= self.max_components:
            raise ValueError(f"components must be in 1..{self.max_components}, got {a}")
        w, p, c = self.weights[:, :a], self.x_loadings[:, :a], self.y_loadings[:, :a]
        return w @ np.linalg.solve(p.T @ w, c.T)

    def predict(self, x: np.ndarray, components: int | None = None) -> np.ndarray:
        """Ŷ (n × m) in Y's units for X (n × p)."""
        z = (np.asarray(x, np.float64) - self.x_mean) / self.x_std
        return self.y_mean + (z @ self.coefficients(components)) * self.y_std


def fit_pls(x: np.ndarray, y: np.ndarray, max_components: int) -> PLS:
    """PLS2 with up to ``max_components`` components (fewer when X's rank runs out first).

    ``x`` (n × p), ``y`` (n × m) or (n,); no NaN (drop incomplete rows first)."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    y = y[:, None] if y.ndim == 1 else y
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0] or x.shape[0] < 2:
        raise ValueError(f"fit_pls needs x (n, p) and y (n, m) with the same n >= 2, got {x.shape} and {y.shape}")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("fit_pls: x and y must be finite (drop the windows with a missing target first)")
    if max_components < 1:
        raise ValueError(f"max_components must be >= 1, got {max_components}")
    x_mean, x_std = _standardise(x)
    y_mean, y_std = _standardise(y)
    xa = (x - x_mean) / x_std
    ys = (y - y_mean) / y_std
    scale = float(np.linalg.norm(xa)) or 1.0
    ws, ps, cs = [], [], []
    for _ in range(min(max_components, *x.shape)):
        u, s, _vt = np.linalg.svd(xa.T @ ys, full_matrices=False)
        if s[0] <= 1e-12 * scale:  # X has no direction left that covaries with Y
            break
        w = u[:, 0]
        t = xa @ w
        tt = float(t @ t)
        if tt <= 1e-24 * scale**2:
            break
        p = xa.T @ t / tt
        ws.append(w)
        ps.append(p)
        cs.append(ys.T @ t / tt)
        xa = xa - np.outer(t, p)
    if not ws:
        raise ValueError("fit_pls: X does not covary with Y at all (constant X or Y): nothing to fit")
    return PLS(x_mean, x_std, y_mean, y_std, np.stack(ws, 1), np.stack(ps, 1), np.stack(cs, 1))


def relative_mse(y: np.ndarray, pred: np.ndarray) -> float:
    """Mean over outputs of MSE_k / Var_k(y) (Var_k = 0 → MSE_k alone)."""
    y = np.asarray(y, np.float64).reshape(len(y), -1)
    pred = np.asarray(pred, np.float64).reshape(len(y), -1)
    var = y.var(axis=0)
    mse = ((pred - y) ** 2).mean(axis=0)
    return float(np.mean(np.where(var > 0, mse / np.where(var > 0, var, 1.0), mse)))


@dataclass(frozen=True)
class ComponentChoice:
    """What :func:`choose_components` tried and chose."""

    components: int
    scores: tuple[float, ...]  # relative validation MSE for A = 1, 2, ...


def choose_components(x_fit: np.ndarray, y_fit: np.ndarray, x_val: np.ndarray, y_val: np.ndarray,
                      max_components: int, tolerance: float = 0.05) -> ComponentChoice:
    """The smallest A in 1..``max_components`` whose relative validation MSE is at most
    (1 + ``tolerance``) × the lowest (see the module docstring)."""
    if tolerance < 0:
        raise ValueError(f"tolerance must be >= 0, got {tolerance}")
    model = fit_pls(x_fit, y_fit, max_components)
    scores = tuple(relative_mse(y_val, model.predict(x_val, a)) for a in range(1, model.max_components + 1))
    limit = min(scores) * (1.0 + tolerance)
    return ComponentChoice(next(a for a, s in enumerate(scores, 1) if s <= limit), scores)
