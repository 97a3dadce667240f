"""Aggregation of the shared parameters: pure functions over named arrays, and strategy lookup.

Only the keys the coordinator sent (extractor + reference head) are aggregated; a plant's
personal head never arrives here. The strategies (``server/strategies/``, one class per file)
call these functions; :func:`make_aggregator` builds the one a scenario names from the registry.
"""

from __future__ import annotations

import math

import numpy as np

from common.config.schema import StrategyConfig
from common.extensions.strategies import STRATEGIES
from server.strategies.base import Aggregator, Arrays


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
    out = {}
    for k in updates[0][0]:
        acc = np.zeros(np.shape(updates[0][0][k]), np.float64)
        for u, w in updates:
            acc += np.asarray(u[k], dtype=np.float64) * (w / total)
        out[k] = acc.astype(np.float32)
    return out


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


def make_aggregator(cfg: StrategyConfig) -> Aggregator:
    """The strategy registered as ``cfg.name`` (``common.extensions.strategies``), built from ``cfg``.

    UnknownName (a KeyError) lists the registered names when ``cfg.name`` is not one of them.
    """
    aggregator: Aggregator = STRATEGIES.load(cfg.name).from_config(cfg)
    return aggregator


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
