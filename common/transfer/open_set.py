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
  the sources' were, and ``Σ`` is the diagonal of ``cov`` shrunk toward its mean by the share of
  its spread that is not DP noise (:func:`gaussians_from_stats`; a covariance below its noise level
  gives the Euclidean distance);
- a labelled plant without them: its own labelled fit windows (:func:`fit_class_gaussians`), so a
  class it never had labels for is scored as unknown to it.

Cluster averaging (a target with the sources' statistics, :func:`fit_clusters`): the distance of
one window to noisy, domain-shifted class means varies from window to window about as much as
the gap between a known class and a new fault, while the mean over a whole group of the plant's
own windows does not. The plant's training windows are grouped by the kept model's predicted
known class and each group split in two by 2-means (a fault no source has is predicted as some
known class and forms the other half of that group); a window within a cluster's radius (the
``q``-quantile of its training windows' squared distances to the centroid) scores
``½·(s(x) + s̄_c)``, its own distance pooled with its cluster's mean ``s̄_c`` (partial pooling: the
cluster's mean alone fails where a new fault is a minority in every cluster), a window outside
every cluster keeps its own ``s(x)``.

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

import dataclasses
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


def known_classes(stats: FeatureStats) -> np.ndarray:
    """(K,) bool: the classes whose released count is at least :data:`KNOWN_SHARE` of a balanced share."""
    counts = np.asarray(stats.class_counts, dtype=np.float64)
    return counts >= KNOWN_SHARE * counts.sum() / max(len(counts), 1)


def denoised_diagonal(diagonal: np.ndarray, noise_var: float) -> np.ndarray:
    """The diagonal shrunk toward its mean: ``d̄ + w·(d − d̄)``, ``w = v_s / (v_s + v)`` with ``v`` the
    DP noise variance of one entry and ``v_s = max(0, var(d) − v)`` the spread that is signal
    (James–Stein); ``w = 0`` (isotropic) when the entries differ no more than noise would make them."""
    d = np.asarray(diagonal, dtype=np.float64)
    mean = float(d.mean())
    if mean <= 0:
        return np.ones_like(d)
    signal = max(float(d.var()) - noise_var, 0.0)
    weight = 1.0 if noise_var <= 0 else signal / (signal + noise_var)
    return mean + weight * (d - mean)


def gaussians_from_stats(stats: FeatureStats, ridge: float = RIDGE) -> tuple[np.ndarray, np.ndarray]:
    """(means of the known classes (K', D), diagonal shared precision) from released source statistics.

    Only the diagonal of the released covariance is used: the DP noise added to each of its
    D(D−1)/2 off-diagonal entries (std ≈ σC²√S/N) is of the order of the within-class covariances
    themselves, and inverting the full noisy matrix amplifies it along its smallest eigenvalues.
    The diagonal has the same noise, so it is :func:`denoised_diagonal` with ``v = (σC²)²·S/N²``.
    """
    known = known_classes(stats)
    if not known.any():
        raise ValueError("no class with released windows to measure a distance to")
    noise_var = stats.noise_multiplier ** 2 * stats.clip_norm ** 4 * stats.num_sources / stats.num_records ** 2
    diagonal = denoised_diagonal(np.diag(np.asarray(stats.cov, dtype=np.float64)), noise_var)
    return np.asarray(stats.class_means, dtype=np.float64)[known], precision_of(np.diag(diagonal), ridge)


def two_means(x: np.ndarray, iters: int = 50) -> np.ndarray:
    """(N,) bool: a 2-means split of the rows of ``x`` (Euclidean; started from the sign of the
    projection on the first principal direction, so deterministic)."""
    x = np.asarray(x, dtype=np.float64)
    centred = x - x.mean(axis=0)
    side = centred @ np.linalg.svd(centred, full_matrices=False)[2][0] > 0
    for _ in range(iters):
        if side.all() or not side.any():
            break
        a, b = x[side].mean(axis=0), x[~side].mean(axis=0)
        new = ((x - a) ** 2).sum(axis=1) < ((x - b) ** 2).sum(axis=1)
        if (new == side).all():
            break
        side = new
    return side


def squared_distances(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """(N, J) squared Euclidean distances of rows of ``x`` to rows of ``centres``."""
    x, c = np.asarray(x, dtype=np.float64), np.asarray(centres, dtype=np.float64)
    return np.maximum((x * x).sum(axis=1)[:, None] + (c * c).sum(axis=1)[None, :] - 2.0 * x @ c.T, 0.0)


@dataclass(frozen=True, eq=False)
class Clusters:
    """The plant's window clusters: centroids (J, D), each one's mean score (J,) and radius² (J,)."""

    centroids: np.ndarray
    scores: np.ndarray
    radii: np.ndarray

    def smooth(self, features: np.ndarray, own: np.ndarray) -> np.ndarray:
        """``½·(own + the nearest cluster's mean score)`` for a window within its radius, else ``own``."""
        own = np.asarray(own, dtype=np.float64)
        d2 = squared_distances(features, self.centroids)
        j = d2.argmin(axis=1)
        inside = d2[np.arange(len(j)), j] <= self.radii[j]
        return np.where(inside, 0.5 * (own + self.scores[j]), own)

    def to_dict(self) -> dict[str, Any]:
        return {"centroids": self.centroids.tolist(), "scores": self.scores.tolist(), "radii": self.radii.tolist()}

    @classmethod
    def from_dict(cls, raw: Any, dim: int) -> Clusters:
        """ValueError for a record that is not J centroids of dimension ``dim`` with J scores and radii."""
        c = np.asarray(raw["centroids"], dtype=np.float64)
        s, r = np.asarray(raw["scores"], dtype=np.float64), np.asarray(raw["radii"], dtype=np.float64)
        if c.ndim != 2 or c.shape[1] != dim or not len(c) or s.shape != (len(c),) or r.shape != (len(c),) \
                or not (np.isfinite(c).all() and np.isfinite(s).all() and np.isfinite(r).all()):
            raise ValueError("malformed clusters")
        return cls(c, s, r)


def fit_clusters(features: np.ndarray, groups: np.ndarray, scores: np.ndarray, q: float = QUANTILE) -> Clusters:
    """Clusters of the plant's windows (module docstring): each group (``groups`` ≥ 0, e.g. the
    predicted class) split in two by :func:`two_means` (kept whole below 4 windows or when a half
    would hold one); per cluster its centroid, mean ``scores`` and the ``q``-quantile of its squared
    distances to the centroid."""
    f = np.asarray(features, dtype=np.float64)
    g, s = np.asarray(groups), np.asarray(scores, dtype=np.float64)
    centroids, means, radii = [], [], []
    for label in np.unique(g[g >= 0]):
        rows = np.flatnonzero(g == label)
        parts = [rows]
        if len(rows) >= 4:
            side = two_means(f[rows])
            if 2 <= side.sum() <= len(rows) - 2:
                parts = [rows[side], rows[~side]]
        for part in parts:
            centre = f[part].mean(axis=0)
            centroids.append(centre)
            means.append(float(s[part].mean()))
            radii.append(float(np.quantile(((f[part] - centre) ** 2).sum(axis=1), q)))
    if not centroids:
        raise ValueError("no window with a group to cluster")
    return Clusters(np.array(centroids), np.array(means), np.array(radii))


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
    clusters: Clusters | None = None
    """The plant's window clusters whose mean score a window within one is pooled with (None: its own only)."""

    def clipped(self, features: np.ndarray) -> np.ndarray:
        """Features (float64) clipped to ``clip_norm`` when the Gaussians were computed from clipped ones."""
        f = np.asarray(features, dtype=np.float64)
        if self.clip_norm is not None:
            norms = np.linalg.norm(f, axis=1, keepdims=True)
            f = f * np.minimum(1.0, self.clip_norm / np.maximum(norms, 1e-12))
        return f

    def scores(self, features: np.ndarray) -> np.ndarray:
        """``s`` per window from its extractor features (clipped first when the Gaussians were),
        averaged over its cluster when the rule has clusters (:meth:`Clusters.smooth`)."""
        f = self.clipped(features)
        own = mahalanobis_score(f, self.means, self.precision)
        return own if self.clusters is None else self.clusters.smooth(f, own)

    def is_unknown(self, scores: np.ndarray) -> np.ndarray:
        """``s > τ`` per window."""
        return np.asarray(scores, dtype=np.float64) > self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"score": SCORE_NAME, "threshold": float(self.threshold), "quantile": float(self.quantile),
                "reference": self.reference, "n_reference": int(self.n_reference), "gaussians": self.gaussians,
                "extractor": self.extractor,
                "clip_norm": None if self.clip_norm is None else float(self.clip_norm),
                "means": np.asarray(self.means, dtype=np.float64).tolist(),
                "precision": np.asarray(self.precision, dtype=np.float64).tolist(),
                **({} if self.clusters is None else {"clusters": self.clusters.to_dict()})}

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
            d = means.shape[1] if means.ndim == 2 else -1
            if raw.get("clusters") is not None:
                rule = dataclasses.replace(rule, clusters=Clusters.from_dict(raw["clusters"], d))
        except (KeyError, TypeError, ValueError):
            return None
        ok = d > 0 and len(means) > 0 and precision.shape == (d, d) and math.isfinite(rule.threshold) \
            and bool(np.isfinite(means).all() and np.isfinite(precision).all())
        ok = ok and all(c.isalnum() or c == "_" for c in rule.extractor)   # a file name in the models folder
        return rule if ok else None


def calibrate(reference_features: np.ndarray, means: np.ndarray, precision: np.ndarray, reference: str,
              gaussians: str, clip_norm: float | None = None, q: float = QUANTILE,
              robust: bool = False, reference_scores: np.ndarray | None = None,
              clusters: Clusters | None = None) -> OpenSetRule:
    """The rule whose threshold is the ``q``-quantile of ``s`` on the reference windows' features
    (``robust``: :func:`robust_threshold`, for a reference that may hold unknown windows);
    ``reference_scores``: their scores computed elsewhere (:func:`cross_fitted_scores`);
    ``clusters``: the plant's window clusters the score is averaged over (:func:`fit_clusters`)."""
    finite = np.isfinite(means).all(axis=1)
    rule = OpenSetRule(np.asarray(means, dtype=np.float64)[finite], np.asarray(precision, dtype=np.float64),
                       math.inf, clip_norm, q, reference, len(reference_features), gaussians, clusters=clusters)
    scores = rule.scores(reference_features) if reference_scores is None else np.asarray(reference_scores)
    tau = robust_threshold(scores, q) if robust else quantile_threshold(scores, q)
    return dataclasses.replace(rule, threshold=tau,
                               reference=reference + (" (median/MAD of log scores)" if robust else ""))


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
