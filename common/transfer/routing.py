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

Calibrated with the other plants' released statistics (``common.transfer.calibration``: never-had
Gaussians ``N(μ̂_c, W + vI)`` from the relayed DP class means), on features clipped to the
statistics' ``clip_norm``, a window also goes to a never-had class when one is more likely than every
own class (equal priors; ``W`` is the own pooled covariance, the one the precision above inverts):

    q_c(x) = (f − μ̂_c)ᵀ (W + vI)⁻¹ (f − μ̂_c) + log det(W + vI) − log det W
    ŷ(x) = argmin_{c ∈ N'} q_c(x)                 if s(x) > τ  or  s(x) > min_{c ∈ N'} q_c(x)
           the own-class decision                 otherwise

and the own-class decision is the nearest own Gaussian instead of the kept model when that is more
accurate on the own validation windows (``own_by_gaussians``; do no harm inside the own classes).
Without released statistics (a plant whose policy declined, a federation without them) the rule is
the uncalibrated one above.

``N`` holds only the never-had classes some plant had labels for (``reachable``, from the run spec's
``labelled_classes``, which the coordinator takes from the plants' declared label lists): the head row
of a class nobody had was never trained, and a window sent there would be wrong by construction. A
reachable class without released statistics (``q_c = +∞``) is decided by the federated head's rows.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from common.transfer.calibration import NeverHadGaussians, never_had_gaussians, squared_distances
from common.transfer.open_set import fit_class_gaussians, mahalanobis_score
from common.transfer.stats import FeatureStats, clip_rows

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
    calibration: NeverHadGaussians | None = None
    """Never-had Gaussians from the released statistics (None: the uncalibrated rule)."""
    own_by_gaussians: bool = False
    """The own class is the nearest own Gaussian (it beat the kept model on the own validation windows)."""
    reachable: np.ndarray | None = None
    """(|N|,) bool: the never-had classes some plant had labels for (None: all); no window goes to another."""

    @property
    def calibrated(self) -> bool:
        return self.calibration is not None

    def _prepared(self, features: np.ndarray) -> np.ndarray:
        f = np.asarray(features, dtype=np.float64)
        return f if self.calibration is None else clip_rows(f, self.calibration.clip_norm)

    def scores(self, features: np.ndarray) -> np.ndarray:
        """``s`` per window: squared Mahalanobis distance to the nearest own class."""
        return mahalanobis_score(self._prepared(features), self.means, self.precision)

    def never_scores(self, features: np.ndarray) -> np.ndarray:
        """``q_c`` per window and never-had class (N, |N|); +inf for a class not released (calibrated only)."""
        if self.calibration is None:
            raise ValueError("an uncalibrated routing rule has no never-had Gaussians")
        cal = self.calibration
        return squared_distances(self._prepared(features), cal.means, cal.precision) + cal.log_det_gap

    def predict(self, features: np.ndarray, kept_logits: np.ndarray) -> np.ndarray:
        """Class indices over the union (module docstring): a never-had class, else an own class."""
        kept = np.asarray(kept_logits, dtype=np.float64)
        own_idx, never_idx = np.flatnonzero(self.own), np.flatnonzero(~self.own)
        f = self._prepared(features)
        own_d = squared_distances(f, self.means, self.precision)
        s = own_d.min(axis=1)
        own_pred = own_idx[np.argmin(own_d, axis=1)] if self.own_by_gaussians \
            else own_idx[np.argmax(kept[:, own_idx], axis=1)]
        reachable = np.ones(len(never_idx), bool) if self.reachable is None else self.reachable
        away = (s > self.threshold) & reachable.any()
        never_logits = np.asarray(features, dtype=np.float64) @ self.never_weight.T + self.never_bias
        by_head = never_idx[np.argmax(np.where(reachable[None, :], never_logits, -np.inf), axis=1)]
        if self.calibration is None:
            return np.where(away, by_head, own_pred)
        q = np.where(reachable[None, :], self.never_scores(features), np.inf)
        away |= s > q.min(axis=1)
        # a reachable class without released statistics has q = +inf: the federated head decides among them
        by_gaussians = np.where(np.isfinite(q).any(axis=1), never_idx[np.argmin(q, axis=1)], by_head)
        return np.where(away, by_gaussians, own_pred)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "own": self.own.astype(bool).tolist(), "threshold": float(self.threshold),
            "quantile": QUANTILE, "n_reference": int(self.n_reference),
            "means": self.means.tolist(), "precision": self.precision.tolist(),
            "never_weight": self.never_weight.tolist(), "never_bias": self.never_bias.tolist(),
            "own_by_gaussians": bool(self.own_by_gaussians)}
        if self.reachable is not None:
            out["reachable"] = self.reachable.astype(bool).tolist()
        if self.calibration is not None:
            cal = self.calibration
            out["calibration"] = {"means": np.where(np.isfinite(cal.means), cal.means, 0.0).tolist(),
                                  "released": np.isfinite(cal.means).all(axis=1).tolist(),
                                  "precision": cal.precision.tolist(), "log_det_gap": float(cal.log_det_gap),
                                  "inflation": float(cal.inflation), "clip_norm": float(cal.clip_norm)}
        return out

    @classmethod
    def from_dict(cls, raw: Any) -> RoutingRule | None:
        """The rule stored in a model's metadata, or None (none stored, or a damaged record)."""
        if not isinstance(raw, dict):
            return None
        try:
            rule = cls(np.asarray(raw["own"], dtype=bool), np.asarray(raw["means"], dtype=np.float64),
                       np.asarray(raw["precision"], dtype=np.float64), float(raw["threshold"]),
                       np.asarray(raw["never_weight"], dtype=np.float64),
                       np.asarray(raw["never_bias"], dtype=np.float64), int(raw.get("n_reference", 0)),
                       _calibration_from(raw.get("calibration")), bool(raw.get("own_by_gaussians", False)),
                       None if raw.get("reachable") is None else np.asarray(raw["reachable"], dtype=bool))
        except (KeyError, TypeError, ValueError):
            return None
        s, n = int(rule.own.sum()), int((~rule.own).sum())
        d = rule.means.shape[1] if rule.means.ndim == 2 else -1
        ok = (d > 0 and s > 0 and n > 0 and rule.means.shape == (s, d) and rule.precision.shape == (d, d)
              and rule.never_weight.shape == (n, d) and rule.never_bias.shape == (n,)
              and math.isfinite(rule.threshold)
              and (rule.reachable is None or (rule.reachable.shape == (n,) and bool(rule.reachable.any()))))
        cal = rule.calibration
        if ok and cal is not None:
            ok = (cal.means.shape == (n, d) and cal.precision.shape == (d, d) and math.isfinite(cal.log_det_gap)
                  and cal.clip_norm > 0 and np.isfinite(cal.means).all(axis=1).any())
        return rule if ok else None


def _calibration_from(raw: Any) -> NeverHadGaussians | None:
    """The stored never-had Gaussians (absent: an uncalibrated rule); KeyError/ValueError when damaged."""
    if raw is None:
        return None
    released = np.asarray(raw["released"], dtype=bool)
    means = np.asarray(raw["means"], dtype=np.float64)
    if means.ndim != 2 or released.shape != (len(means),):
        raise ValueError("damaged never-had calibration")
    return NeverHadGaussians(np.where(released[:, None], means, np.nan), np.asarray(raw["precision"], np.float64),
                             float(raw["log_det_gap"]), float(raw["inflation"]), float(raw["clip_norm"]))


def fit_routing(fit_features: np.ndarray, fit_labels: np.ndarray, reference_features: np.ndarray,
                own: np.ndarray, head_weight: np.ndarray, head_bias: np.ndarray,
                stats: FeatureStats | None = None, reference_labels: np.ndarray | None = None,
                reference_logits: np.ndarray | None = None, learnt: np.ndarray | None = None) -> RoutingRule:
    """The rule from the plant's labelled fit windows (Gaussians), its own validation windows (τ)
    and the federated head (``head_weight`` (K, D), ``head_bias`` (K,)); ``own``: (K,) bool;
    ``learnt``: (K,) bool, the classes some plant had labels for (None: all), the only never-had
    classes a window may go to (another class's head row was never trained).

    With ``stats`` (the relayed released statistics) the rule is calibrated; with the validation
    windows' labels and the kept model's logits on them, the own-class decision is the one of the two
    (kept model, nearest own Gaussian) more accurate there (ties: the kept model)."""
    own = np.asarray(own, dtype=bool)
    if own.all() or not own.any():
        raise ValueError(f"routing needs some own classes and some never-had ones, got {int(own.sum())} of {len(own)}")
    reachable = None if learnt is None else np.asarray(learnt, dtype=bool)[~own]
    if reachable is not None and not reachable.any():
        raise ValueError("no class this plant never had was learnt by another plant: nothing to route to")
    if not len(reference_features):
        raise ValueError("routing needs own validation windows to set its threshold")
    calibration = None
    if stats is not None:
        calibration = never_had_gaussians(fit_features, fit_labels, own, stats)
        fit_features = clip_rows(fit_features, calibration.clip_norm)
        reference_features = clip_rows(reference_features, calibration.clip_norm)
    means, precision = fit_class_gaussians(fit_features, fit_labels, len(own))
    if not np.isfinite(means[own]).all():
        missing = np.flatnonzero(own & ~np.isfinite(means).all(axis=1)).tolist()
        raise ValueError(f"own classes {missing} have no fit window")
    # scores on the already clipped features: the rule's own clipping leaves them as they are
    scores = mahalanobis_score(np.asarray(reference_features, np.float64), means[own], precision)
    if not np.isfinite(scores).all():
        raise ValueError("an own validation window has a non-finite score: cannot set the threshold")
    tau = float(np.quantile(scores, QUANTILE))
    by_gaussians = False
    if reference_labels is not None and reference_logits is not None:
        own_idx = np.flatnonzero(own)
        nearest = own_idx[np.argmin(squared_distances(reference_features, means[own], precision), axis=1)]
        kept = own_idx[np.argmax(np.asarray(reference_logits, np.float64)[:, own_idx], axis=1)]
        by_gaussians = bool((nearest == reference_labels).mean() > (kept == reference_labels).mean())
    return RoutingRule(own, means[own], precision, tau, np.asarray(head_weight, np.float64)[~own],
                       np.asarray(head_bias, np.float64)[~own], len(reference_features), calibration, by_gaussians,
                       None if reachable is None or reachable.all() else reachable)


__all__ = ["META_KEY", "QUANTILE", "RoutingRule", "fit_routing"]
