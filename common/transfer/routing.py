"""Classes a plant never had: its own model decides among its own classes, the federated model among the others.

A plant labelled for only some of the federation's classes (own ``S``, never had ``N = U \\ S``)
keeps a model that is best on its own classes; the federated head knows the classes of ``N`` from
the plants that had them. Fine-tuning its head on ``S`` alone moves the boundary between ``S`` and
``N`` (the own rows grow, the never-had windows fall into own classes), and the federated head's own
boundary between ``S`` and ``N`` was never trained at all for class pairs no plant holds side by side
(the restricted loss separates only classes a plant has together). Which group a window belongs to is
instead decided by the plant's own data: how far its features lie from every own class.

Rule (features ``f`` of the kept model's extractor, which is the federated one for a head-only
personal model):

    s(x) = min_{k ∈ S} (f − μ_k)ᵀ Σ⁻¹ (f − μ_k)                       (Mahalanobis to the own classes)
    ŷ(x) = argmax_{c ∈ N} (W_N f + b_N)_c     if s(x) > τ              (the federated head's never-had rows)
           argmax_{c ∈ S} z_kept(x)_c          otherwise                (the kept model, own classes)

with ``μ_k`` and the pooled within-class ``Σ`` (ridge as :data:`common.transfer.open_set.RIDGE`) from the
plant's labelled fit windows (``common.transfer.open_set.fit_class_gaussians``; Lee et al., NeurIPS
2018), and ``τ`` the **largest** score among its own validation windows (``q = 1``, fixed in advance,
not tuned): no own validation window is sent away, so the own-class accuracy stays the kept model's on
data like the validation split, while a window unlike every own class goes to the classes the plant
never had. The same split the do-no-harm choice uses (``common.transfer.selection.validation_split``);
no window of a never-had class, labelled or not, is used.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from common.transfer.open_set import fit_class_gaussians, mahalanobis_score

logger = logging.getLogger(__name__)

META_KEY = "never_had_routing"
"""Key of the rule in the kept model's metadata."""
QUANTILE = 1.0
"""``q``: τ is the largest own validation score (no own validation window is routed to a never-had class)."""


@dataclass(frozen=True)
class RoutingRule:
    """Own-class Gaussians, the threshold and the federated head's rows of the classes the plant never had."""

    own: np.ndarray          # (K,) bool: the plant's own classes S
    means: np.ndarray        # (|S|, D) own class means
    precision: np.ndarray    # (D, D) shared precision
    threshold: float         # τ
    never_weight: np.ndarray  # (|N|, D) federated head rows of N
    never_bias: np.ndarray   # (|N|,)
    n_reference: int = 0

    def scores(self, features: np.ndarray) -> np.ndarray:
        """``s`` per window: squared Mahalanobis distance to the nearest own class."""
        return mahalanobis_score(np.asarray(features, dtype=np.float64), self.means, self.precision)

    def predict(self, features: np.ndarray, kept_logits: np.ndarray) -> np.ndarray:
        """Class indices over the union: a never-had class when ``s > τ``, else the kept model's own class."""
        kept = np.asarray(kept_logits, dtype=np.float64)
        own_idx, never_idx = np.flatnonzero(self.own), np.flatnonzero(~self.own)
        own_pred = own_idx[np.argmax(kept[:, own_idx], axis=1)]
        never_logits = np.asarray(features, dtype=np.float64) @ self.never_weight.T + self.never_bias
        never_pred = never_idx[np.argmax(never_logits, axis=1)]
        return np.where(self.scores(features) > self.threshold, never_pred, own_pred)

    def to_dict(self) -> dict[str, Any]:
        return {"own": self.own.astype(bool).tolist(), "threshold": float(self.threshold),
                "quantile": QUANTILE, "n_reference": int(self.n_reference),
                "means": self.means.tolist(), "precision": self.precision.tolist(),
                "never_weight": self.never_weight.tolist(), "never_bias": self.never_bias.tolist()}

    @classmethod
    def from_dict(cls, raw: Any) -> RoutingRule | None:
        """The rule stored in a model's metadata, or None (none stored, or a damaged record)."""
        if not isinstance(raw, dict):
            return None
        try:
            rule = cls(np.asarray(raw["own"], dtype=bool), np.asarray(raw["means"], dtype=np.float64),
                       np.asarray(raw["precision"], dtype=np.float64), float(raw["threshold"]),
                       np.asarray(raw["never_weight"], dtype=np.float64),
                       np.asarray(raw["never_bias"], dtype=np.float64), int(raw.get("n_reference", 0)))
        except (KeyError, TypeError, ValueError):
            return None
        s, n = int(rule.own.sum()), int((~rule.own).sum())
        d = rule.means.shape[1] if rule.means.ndim == 2 else -1
        ok = (d > 0 and s > 0 and n > 0 and rule.means.shape == (s, d) and rule.precision.shape == (d, d)
              and rule.never_weight.shape == (n, d) and rule.never_bias.shape == (n,)
              and math.isfinite(rule.threshold))
        return rule if ok else None


def fit_routing(fit_features: np.ndarray, fit_labels: np.ndarray, reference_features: np.ndarray,
                own: np.ndarray, head_weight: np.ndarray, head_bias: np.ndarray) -> RoutingRule:
    """The rule from the plant's labelled fit windows (Gaussians), its own validation windows (τ)
    and the federated head (``head_weight`` (K, D), ``head_bias`` (K,)); ``own``: (K,) bool."""
    own = np.asarray(own, dtype=bool)
    if own.all() or not own.any():
        raise ValueError(f"routing needs some own classes and some never-had ones, got {int(own.sum())} of {len(own)}")
    if not len(reference_features):
        raise ValueError("routing needs own validation windows to set its threshold")
    means, precision = fit_class_gaussians(fit_features, fit_labels, len(own))
    if not np.isfinite(means[own]).all():
        missing = np.flatnonzero(own & ~np.isfinite(means).all(axis=1)).tolist()
        raise ValueError(f"own classes {missing} have no fit window")
    rule = RoutingRule(own, means[own], precision, math.inf, np.asarray(head_weight, np.float64)[~own],
                       np.asarray(head_bias, np.float64)[~own], len(reference_features))
    scores = rule.scores(reference_features)
    if not np.isfinite(scores).all():
        raise ValueError("an own validation window has a non-finite score: cannot set the threshold")
    tau = float(np.quantile(scores, QUANTILE))
    return RoutingRule(rule.own, rule.means, rule.precision, tau, rule.never_weight, rule.never_bias,
                       len(reference_features))


__all__ = ["META_KEY", "QUANTILE", "RoutingRule", "fit_routing"]
