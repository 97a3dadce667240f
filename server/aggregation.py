"""Aggregation of the shared parameters: pure functions over named arrays, and a registry.

Only the keys the coordinator sent (extractor + reference head) are aggregated; a plant's
personal head never arrives here. Each strategy is a small class holding only its own state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Protocol

import numpy as np

from common.config.schema import StrategyConfig

Arrays = dict[str, np.ndarray]


def _require_updates(updates: list[tuple[Arrays, float]]) -> None:
    if not updates:
        raise ValueError("no updates to aggregate")


def weighted_mean(updates: list[tuple[Arrays, float]]) -> Arrays:
    """Σ_k n_k w_k / Σ_k n_k per key (FedAvg, McMahan et al. 2017)."""
    _require_updates(updates)
    if any(not weight >= 0 for _, weight in updates):
        raise ValueError(f"aggregation weights must be >= 0, got {[w for _, w in updates]}")
    total = float(sum(weight for _, weight in updates))
    if total <= 0:
        raise ValueError("aggregation weights sum to zero")
    keys = updates[0][0].keys()
    return {k: sum(np.asarray(u[k], dtype=np.float64) * (w / total) for u, w in updates).astype(np.float32)
            for k in keys}


def coordinate_median(updates: list[tuple[Arrays, float]]) -> Arrays:
    """Element-wise median over plants, unweighted (FedMedian, Yin et al. 2018)."""
    _require_updates(updates)
    keys = updates[0][0].keys()
    return {k: np.median(np.stack([u[k] for u, _ in updates]), axis=0).astype(np.float32) for k in keys}


def trimmed_mean(updates: list[tuple[Arrays, float]], trim_fraction: float) -> Arrays:
    """Element-wise mean after dropping ⌊β·K⌋ smallest and largest values (Yin et al. 2018)."""
    _require_updates(updates)
    keys = updates[0][0].keys()
    # ⌊β·K⌋ with a tolerance: 0.29 * 100 is 28.999999999999996 in floating point, not 29.
    k_cut = math.floor(trim_fraction * len(updates) + 1e-9)
    out = {}
    for k in keys:
        stacked = np.sort(np.stack([u[k] for u, _ in updates]), axis=0)
        kept = stacked[k_cut: len(updates) - k_cut] if len(updates) - 2 * k_cut > 0 else stacked
        out[k] = kept.mean(axis=0).astype(np.float32)
    return out


class Aggregator(Protocol):
    name: str

    def aggregate(self, current: Arrays, updates: list[tuple[Arrays, float]]) -> Arrays: ...

    def state_dict(self) -> dict[str, Arrays]: ...

    def load_state_dict(self, state: dict[str, Arrays]) -> None: ...


@dataclass
class _Stateless:
    name: str
    combine: Callable[[list[tuple[Arrays, float]]], Arrays]

    def aggregate(self, current: Arrays, updates: list[tuple[Arrays, float]]) -> Arrays:
        return self.combine(updates)

    def state_dict(self) -> dict[str, Arrays]:
        return {}

    def load_state_dict(self, state: dict[str, Arrays]) -> None:
        return None


class FedAdam:
    """Server-side Adam on the pseudo-gradient Δ = mean_k(w_k) − w (Reddi et al. 2021):

    m ← β1·m + (1−β1)·Δ,  v ← β2·v + (1−β2)·Δ²,  w ← w + η·m / (√v + τ).
    """

    name = "fedadam"

    def __init__(self, eta: float, beta_1: float, beta_2: float, tau: float) -> None:
        self.eta, self.beta_1, self.beta_2, self.tau = eta, beta_1, beta_2, tau
        self.m: Arrays = {}
        self.v: Arrays = {}

    def aggregate(self, current: Arrays, updates: list[tuple[Arrays, float]]) -> Arrays:
        mean = weighted_mean(updates)
        out = {}
        for k, w in current.items():
            delta = mean[k].astype(np.float64) - w
            m = self.beta_1 * self.m.get(k, np.zeros_like(delta)) + (1 - self.beta_1) * delta
            v = self.beta_2 * self.v.get(k, np.zeros_like(delta)) + (1 - self.beta_2) * delta**2
            self.m[k], self.v[k] = m, v
            out[k] = (w + self.eta * m / (np.sqrt(v) + self.tau)).astype(np.float32)
        return out

    def state_dict(self) -> dict[str, Arrays]:
        return {"m": dict(self.m), "v": dict(self.v)}

    def load_state_dict(self, state: dict[str, Arrays]) -> None:
        self.m, self.v = dict(state.get("m", {})), dict(state.get("v", {}))


def _fedavg(cfg: StrategyConfig) -> Aggregator:
    return _Stateless("fedavg", weighted_mean)


def _fedprox(cfg: StrategyConfig) -> Aggregator:
    # FedProx aggregates like FedAvg; its proximal term μ/2‖w − w_global‖² runs in the plant.
    return _Stateless("fedprox", weighted_mean)


def _fedadam(cfg: StrategyConfig) -> Aggregator:
    return FedAdam(cfg.server_learning_rate, cfg.beta_1, cfg.beta_2, cfg.tau)


def _fedmedian(cfg: StrategyConfig) -> Aggregator:
    return _Stateless("fedmedian", coordinate_median)


def _fedtrimmedavg(cfg: StrategyConfig) -> Aggregator:
    return _Stateless("fedtrimmedavg", lambda ups: trimmed_mean(ups, cfg.trim_fraction))


STRATEGIES: dict[str, Callable[[StrategyConfig], Aggregator]] = {}


def register(name: str, factory: Callable[[StrategyConfig], Aggregator]) -> None:
    if name in STRATEGIES:
        raise ValueError(f"strategy {name!r} is already registered")
    STRATEGIES[name] = factory


for _name, _factory in [("fedavg", _fedavg), ("fedprox", _fedprox), ("fedadam", _fedadam),
                        ("fedmedian", _fedmedian), ("fedtrimmedavg", _fedtrimmedavg)]:
    register(_name, _factory)


def make_aggregator(cfg: StrategyConfig) -> Aggregator:
    if cfg.name not in STRATEGIES:
        raise KeyError(f"unknown strategy {cfg.name!r}; known: {', '.join(sorted(STRATEGIES))}")
    return STRATEGIES[cfg.name](cfg)


def update_problems(update: Arrays, current: Arrays, max_update_norm: float) -> list[str]:
    """Why a plant's update must be left out of the aggregate (empty list: it is fine)."""
    problems = []
    missing = sorted(set(current) - set(update))
    extra = sorted(set(update) - set(current))
    if missing:
        problems.append(f"missing keys {missing[:5]}{'…' if len(missing) > 5 else ''}")
    if extra:
        problems.append(f"unexpected keys {extra[:5]}{'…' if len(extra) > 5 else ''} (only shared keys may be sent)")
    shapes = [k for k in set(update) & set(current) if np.shape(update[k]) != np.shape(current[k])]
    if shapes:
        problems.append(f"wrong shapes for {sorted(shapes)[:5]}")
    if problems:
        return problems
    non_finite = sorted(k for k in current if not np.all(np.isfinite(update[k])))
    if non_finite:
        return [f"update holds NaN or Inf in {non_finite[:5]}{'…' if len(non_finite) > 5 else ''}"]
    norm = float(np.sqrt(sum(float(np.sum((np.asarray(update[k], np.float64) - current[k]) ** 2))
                             for k in current)))
    if norm > max_update_norm:
        problems.append(f"update norm {norm:.3g} exceeds max_update_norm {max_update_norm:g}")
    return problems
