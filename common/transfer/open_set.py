"""Open set: an "unknown" output with a score for windows of a fault no plant taught the model.

Score (label-free, from the kept model's extractor features ``f`` of one window): the
**Mahalanobis distance** to the nearest known class (Lee et al., "A Simple Unified Framework for
Detecting Out-of-Distribution Samples and Adversarial Attacks", NeurIPS 2018)

    s(x) = min_{k ∈ known} (f − μ_k)ᵀ Σ⁻¹ (f − μ_k),

with class means ``μ_k`` and one shared (pooled within-class) covariance ``Σ``, regularised to
``Σ + λ·tr(Σ)/D·I`` (λ = :data:`RIDGE`). Where the Gaussians come from (:mod:`client.open_set`):

- a target that received the sources' released DP statistics (``FeatureStats``), on the features
  of the federated extractor the sources computed them with (not an adapted one, which was trained
  to pull every target window, the unknown fault's included, onto the known classes): ``μ_k`` =
  ``class_means``, ``Σ`` = ``cov``, over the classes whose released count is at least
  :data:`KNOWN_SHARE` of a balanced share (``n_k ≥ 0.1·N/K``; a class no source had is released
  with a floored count near 0); features are clipped to the statistics' ``clip_norm`` first, as
  the sources' were, and ``Σ`` is the diagonal of ``cov`` (:func:`gaussians_from_stats`: the DP
  noise on its off-diagonal entries is as large as the covariances);
- a labelled plant without them: its own labelled fit windows (:func:`fit_class_gaussians`), so a
  class it never had labels for is scored as unknown to it.

(:func:`energy_score`, ``−T·logsumexp(z/T)`` of the logits (Liu et al., NeurIPS 2020), is the
logit-only alternative; it needs no Gaussians but ranks a fault that drives the logits high as
known, so the stored rule uses the feature distance.)

Threshold (a rule a plant applies on its own data, no unknown examples needed): the empirical
``q``-quantile, ``q = 0.98`` (:data:`QUANTILE`: the false-unknown rate a plant accepts on known
windows, 2 %, is the known-class accuracy issue 17 lets it lose), of ``s`` over windows the plant considers known:
a labelled plant's validation windows (``common.transfer.selection.validation_split``), else its
labelled training windows. A window with ``s(x) > τ`` gets the output ``"unknown"``; about
``1 − q`` of the reference windows do, which bounds the false-unknown rate on data like them.

An unlabelled target has no window known to be known: its training windows may hold the unknown
fault itself, more than ``1 − q`` of them, which would put an empirical quantile inside the
unknown windows. It uses the robust (median / MAD) version of the same quantile on the log
scores (:func:`robust_threshold`; Iglewicz & Hoaglin 1993), which a minority of unknown windows
moves far less than the empirical quantile: ``τ = exp(m + z_q · 1.4826 · MAD)``, ``m`` = median of ``log s``,
``MAD = median |log s − m|``, ``z_q = Φ⁻¹(q)`` (exact for log-normal scores of known windows).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from common.transfer.stats import FeatureStats

logger = logging.getLogger(__name__)

QUANTILE = 0.98
"""``q``: a plant accepts about ``1 − q`` = 2 % of its known windows called unknown (issue 17 allows 2 points)."""
TEMPERATURE = 1.0
RIDGE = 1e-3
KNOWN_SHARE = 0.1
UNKNOWN = "unknown"
SCORE_NAME = "mahalanobis"
META_KEY = "open_set"
"""Key of the rule in the kept model's metadata (``models/personalised.pt``)."""


def energy_score(logits: np.ndarray, temperature: float = TEMPERATURE) -> np.ndarray:
    """``−T·logsumexp(z/T)`` per row of ``logits`` (N, K) → (N,), computed stably; higher = more unknown."""
    if not (temperature > 0 and math.isfinite(temperature)):
        raise ValueError(f"temperature must be > 0 and finite, got {temperature}")
    z = np.asarray(logits, dtype=np.float64) / temperature
    if z.ndim != 2 or z.shape[1] == 0:
        raise ValueError(f"logits must have shape (N, K) with K >= 1, got {z.shape}")
    top = z.max(axis=1, keepdims=True)
    return -temperature * (top[:, 0] + np.log(np.exp(z - top).sum(axis=1)))


def fit_class_gaussians(features: np.ndarray, labels: np.ndarray, num_classes: int,
                        ridge: float = RIDGE) -> tuple[np.ndarray, np.ndarray]:
    """(class means (K, D), shared precision (D, D)) from labelled features.

    ``μ_k`` = mean of class k (NaN rows for a class without windows); ``Σ = (1/N) Σ_i (f_i − μ_{y_i})(…)ᵀ
    + λ·tr(Σ)/D·I`` (pooled within-class covariance with a relative ridge ``λ``); returns ``Σ⁻¹``.
    """
    f = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels)
    means = np.full((num_classes, f.shape[1]), np.nan)
    centred = np.zeros_like(f)
    for k in range(num_classes):
        rows = y == k
        if rows.any():
            means[k] = f[rows].mean(axis=0)
            centred[rows] = f[rows] - means[k]
    cov = centred.T @ centred / max(len(f), 1)
    return means, precision_of(cov, ridge)


def precision_of(cov: np.ndarray, ridge: float = RIDGE) -> np.ndarray:
    """``(Σ + λ·tr(Σ)/D·I)⁻¹`` (a shared covariance, e.g. ``FeatureStats.cov``, made invertible)."""
    cov = np.asarray(cov, dtype=np.float64)
    d = cov.shape[0]
    scale = max(float(np.trace(cov)) / max(d, 1), 1e-12)
    return np.linalg.inv(cov + ridge * scale * np.eye(d))


def mahalanobis_score(features: np.ndarray, means: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """``min_k (f − μ_k)ᵀ Σ⁻¹ (f − μ_k)`` per row (N,), over the classes with a finite mean."""
    f = np.asarray(features, dtype=np.float64)
    m = np.asarray(means, dtype=np.float64)
    m = m[np.isfinite(m).all(axis=1)]
    if len(m) == 0:
        raise ValueError("no class mean to measure a distance to")
    diff = f[:, None, :] - m[None, :, :]
    return np.einsum("nkd,de,nke->nk", diff, precision, diff).min(axis=1)


def _finite_reference(reference_scores: np.ndarray, q: float) -> np.ndarray:
    """The finite reference scores (float64); ValueError for a ``q`` outside (0, 1) or no finite score."""
    s = np.asarray(reference_scores, dtype=np.float64)
    s = s[np.isfinite(s)]
    if not 0.0 < q < 1.0:
        raise ValueError(f"q must be in (0, 1), got {q}")
    if len(s) == 0:
        raise ValueError("no finite reference score to take a quantile of")
    return s


def quantile_threshold(reference_scores: np.ndarray, q: float = QUANTILE) -> float:
    """``τ``: the empirical ``q``-quantile of the scores of windows the plant considers known."""
    return float(np.quantile(_finite_reference(reference_scores, q), q))


def gaussians_from_stats(stats: FeatureStats, ridge: float = RIDGE) -> tuple[np.ndarray, np.ndarray]:
    """(means of the known classes (K', D), diagonal shared precision) from released source statistics.

    Only the diagonal of the released covariance is used: the DP noise added to each of its
    D(D−1)/2 off-diagonal entries (std ≈ σC²√S/N) is of the order of the within-class covariances
    themselves, and inverting the full noisy matrix amplifies it along its smallest eigenvalues.
    """
    counts = np.asarray(stats.class_counts, dtype=np.float64)
    known = counts >= KNOWN_SHARE * counts.sum() / max(len(counts), 1)
    if not known.any():
        raise ValueError("no class with released windows to measure a distance to")
    cov = np.asarray(stats.cov, dtype=np.float64)
    return np.asarray(stats.class_means, dtype=np.float64)[known], precision_of(np.diag(np.diag(cov)), ridge)


def robust_threshold(reference_scores: np.ndarray, q: float = QUANTILE) -> float:
    """``τ = exp(m + Φ⁻¹(q)·1.4826·MAD)`` of ``log s`` (module docstring): a quantile that a minority of
    unknown windows among the reference moves far less than the empirical one."""
    from statistics import NormalDist

    logs = np.log(np.maximum(_finite_reference(reference_scores, q), 1e-12))
    m = float(np.median(logs))
    mad = float(np.median(np.abs(logs - m)))
    return float(np.exp(m + NormalDist().inv_cdf(q) * 1.4826 * mad))


@dataclass(frozen=True, eq=False)
class OpenSetRule:
    """What a plant stores with its kept model: the Gaussians, the threshold and where they came from."""

    means: np.ndarray
    precision: np.ndarray
    threshold: float
    clip_norm: float | None = None
    quantile: float = QUANTILE
    reference: str = ""
    n_reference: int = 0
    gaussians: str = ""
    extractor: str = ""
    """Name of the plant-local model file whose extractor gives the scored features ("" = the kept model's)."""

    def scores(self, features: np.ndarray) -> np.ndarray:
        """``s`` per window from its extractor features (clipped first when the Gaussians were)."""
        f = np.asarray(features, dtype=np.float64)
        if self.clip_norm is not None:
            norms = np.linalg.norm(f, axis=1, keepdims=True)
            f = f * np.minimum(1.0, self.clip_norm / np.maximum(norms, 1e-12))
        return mahalanobis_score(f, self.means, self.precision)

    def is_unknown(self, scores: np.ndarray) -> np.ndarray:
        """``s > τ`` per window."""
        return np.asarray(scores, dtype=np.float64) > self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"score": SCORE_NAME, "threshold": float(self.threshold), "quantile": float(self.quantile),
                "reference": self.reference, "n_reference": int(self.n_reference), "gaussians": self.gaussians,
                "extractor": self.extractor,
                "clip_norm": None if self.clip_norm is None else float(self.clip_norm),
                "means": np.asarray(self.means, dtype=np.float64).tolist(),
                "precision": np.asarray(self.precision, dtype=np.float64).tolist()}

    @classmethod
    def from_dict(cls, raw: Any) -> OpenSetRule | None:
        """The rule stored in a model's metadata, or None (no rule, another score, or a damaged record)."""
        if not isinstance(raw, dict) or raw.get("score") != SCORE_NAME:
            return None
        try:
            means = np.asarray(raw["means"], dtype=np.float64)
            precision = np.asarray(raw["precision"], dtype=np.float64)
            clip = raw.get("clip_norm")
            rule = cls(means, precision, float(raw["threshold"]), None if clip is None else float(clip),
                       float(raw.get("quantile", QUANTILE)), str(raw.get("reference", "")),
                       int(raw.get("n_reference", 0)), str(raw.get("gaussians", "")), str(raw.get("extractor", "")))
        except (KeyError, TypeError, ValueError):
            return None
        d = means.shape[1] if means.ndim == 2 else -1
        ok = d > 0 and len(means) > 0 and precision.shape == (d, d) and math.isfinite(rule.threshold) \
            and bool(np.isfinite(means).all() and np.isfinite(precision).all())
        ok = ok and all(c.isalnum() or c == "_" for c in rule.extractor)   # a file name in the models folder
        return rule if ok else None


def calibrate(reference_features: np.ndarray, means: np.ndarray, precision: np.ndarray, reference: str,
              gaussians: str, clip_norm: float | None = None, q: float = QUANTILE,
              robust: bool = False, reference_scores: np.ndarray | None = None) -> OpenSetRule:
    """The rule whose threshold is the ``q``-quantile of ``s`` on the reference windows' features
    (``robust``: :func:`robust_threshold`, for a reference that may hold unknown windows);
    ``reference_scores``: their scores computed elsewhere (:func:`cross_fitted_scores`)."""
    finite = np.isfinite(means).all(axis=1)
    rule = OpenSetRule(np.asarray(means, dtype=np.float64)[finite], np.asarray(precision, dtype=np.float64),
                       math.inf, clip_norm, q, reference, len(reference_features), gaussians)
    scores = rule.scores(reference_features) if reference_scores is None else np.asarray(reference_scores)
    tau = robust_threshold(scores, q) if robust else quantile_threshold(scores, q)
    return OpenSetRule(rule.means, rule.precision, tau, clip_norm, q,
                       reference + (" (median/MAD of log scores)" if robust else ""), len(reference_features),
                       gaussians)


CROSS_FIT_FOLDS = 5
"""Folds of :func:`cross_fitted_scores` (at most; fewer when a class has fewer windows)."""


def cross_fitted_scores(features: np.ndarray, labels: np.ndarray, num_classes: int,
                        folds: int = CROSS_FIT_FOLDS, ridge: float = RIDGE) -> np.ndarray | None:
    """Out-of-sample ``s`` of every labelled window: window ``i`` of class ``k`` (in window order) goes
    to fold ``i mod F`` with ``F = min(folds, min_k n_k)``, and is scored by Gaussians fitted on the
    other folds. Scores of the very windows the Gaussians were fitted on are too small (most when
    ``n`` is small next to the feature dimension), so a threshold set on them calls nearly every new
    window unknown. None when a class has a single window (no fold leaves it a mean)."""
    f = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels)
    counts = [int((y == k).sum()) for k in range(num_classes) if (y == k).any()]
    n_folds = min(folds, min(counts)) if counts else 0
    if n_folds < 2:
        return None
    fold = np.empty(len(y), dtype=np.int64)
    for k in range(num_classes):
        rows = np.flatnonzero(y == k)
        fold[rows] = np.arange(len(rows)) % n_folds
    scores = np.empty(len(y))
    for j in range(n_folds):
        held = fold == j
        means, precision = fit_class_gaussians(f[~held], y[~held], num_classes, ridge)
        scores[held] = mahalanobis_score(f[held], means, precision)
    return scores


def unknown_rate(features: np.ndarray, rule: OpenSetRule) -> float:
    """Share of windows the rule calls unknown (NaN for none)."""
    if len(features) == 0:
        return float("nan")
    return float(rule.is_unknown(rule.scores(features)).mean())


def auroc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Area under the ROC curve of ``scores`` for ``positive`` (Mann–Whitney U / (n₊ n₋), ties count ½)."""
    s = np.asarray(scores, dtype=np.float64)
    pos = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i:j + 1]] = 0.5 * (i + j) + 1.0
        i = j + 1
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def rule_extractor(kept: Any, rule: OpenSetRule, saved: tuple[dict[str, Any], dict[str, Any]] | None) -> Any:
    """The extractor whose features ``rule`` scores: a copy of ``kept`` (an ``nn.Module``) with the
    ``extractor.*`` weights of the saved model the rule names, or ``kept`` itself."""
    if not rule.extractor:
        return kept
    if saved is None:
        raise ValueError(f"the open-set rule scores with model {rule.extractor!r}, which is not in the state directory")
    import copy

    prefix = "extractor."
    other = copy.deepcopy(kept)
    other.load_state_dict({k[len(prefix):]: v for k, v in saved[0].items() if k.startswith(prefix)})
    return other.eval()
