"""How far is a target plant from the sources, and which transfer method should it use?

Both functions run inside the target plant on its own features and the sources' released
statistics only (no target labels, nothing released).

``domain_gap`` measures (target features clipped to the source's ``clip_norm`` first, so both
sides are computed the same way):

- ``rff_mmd2``: squared MMD, Gaussian kernel of the shared RFF map, between the target
  features and the released source mean embedding (de-biased for finite samples and the DP
  noise, so ≈ 0 for the same distribution); ``rff_mmd2_relative``: the same divided by the
  source's own kernel spread 2(1 − ‖E φ‖²), comparable across bandwidths.
- ``mean_shift``: ‖μ_t − μ_s‖² / tr(C_s) minus its expected value under no shift (sampling
  and DP noise): the mean displacement relative to the source's total variance.
- ``coral_distance``: ‖C_t − C_s‖²_F / (4D²) (the CORAL loss) and ``coral_relative``:
  ‖C_t − C_s‖_F / ‖C_s‖_F, with C the total feature covariances.
- ``proxy_a_distance``: PAD = 2(1 − 2·err) (Ben-David et al. 2007) of a linear (L2-regularised
  logistic) classifier trained to separate target features from as many samples of the DP
  source-feature model (class-conditional Gaussians), err measured on a held-out half;
  clamped to [0, 2]. A linear classifier cannot exploit the Gaussian model's shape, only
  first/second-moment directions, so same-distribution data gives PAD ≈ 0.

``choose_method`` turns those numbers and the label count into a method and a reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from common.transfer.stats import FeatureStats, clip_rows


# ---------------------------------------------------------------- distances
def _source_embedding_energy(source: FeatureStats) -> float:
    """An estimate of ‖E φ(source)‖², de-biased twice.

    DP noise: E‖m̃_s‖² = ‖m_s‖² + R·rff_noise_var. Finite N: ‖(1/N) Σ_i φ_i‖² contains the N
    self-terms ‖φ_i‖² (≈ 1 in expectation for RFF), so its U-statistic is (N‖m_s‖² − 1)/(N − 1).
    """
    m_s = source.rff_mean
    energy = float(m_s @ m_s) - source.rff.num_features * source.rff_noise_var
    n = source.num_records
    return (n * energy - 1.0) / (n - 1.0) if n > 1 else energy


def rff_mmd2(target_feats: np.ndarray, source: FeatureStats) -> float:
    """MMD² between (already clipped) target features and the released mean embedding m_s.

    Unbiased in both terms: the target's ‖mean φ‖² by its U-statistic, the source's ‖m_s‖² by
    subtracting the known DP-noise energy R·rff_noise_var (so pure noise does not look like a gap).
    """
    phi = source.rff.features(np.asarray(target_feats, dtype=np.float64))
    n = len(phi)
    total = phi.sum(axis=0)
    self_term = (total @ total - (phi * phi).sum()) / (n * (n - 1)) if n > 1 else float(total @ total)
    return float(self_term - 2.0 * (total / n) @ source.rff_mean + _source_embedding_energy(source))


def rff_mmd2_relative(mmd2: float, source: FeatureStats) -> float:
    """MMD² as a fraction of the source's own kernel spread 2(1 − ‖m_s‖²) = E‖φ(x) − φ(x')‖².

    Two independent source windows are on average 2(1 − E k(x, x')) apart in the RFF space;
    dividing by it makes the number comparable across bandwidths (0 = same distribution).
    """
    spread = 2.0 * (1.0 - _source_embedding_energy(source))
    return float(mmd2 / max(spread, 1e-12))


def _total_moments(f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = f.mean(axis=0)
    centred = f - mean
    return mean, centred.T @ centred / max(len(f), 1)


def coral_distance(target_feats: np.ndarray, source: FeatureStats) -> float:
    """‖C_t − C_s‖²_F / (4D²) with C the total covariances."""
    _, cov_t = _total_moments(np.asarray(target_feats, dtype=np.float64))
    return float(((cov_t - source.total_cov) ** 2).sum() / (4.0 * source.dim**2))


def proxy_a_distance(target_feats: np.ndarray, source: FeatureStats, rng: np.random.Generator,
                     l2: float = 1e-3, max_iter: int = 200) -> float:
    """PAD from a linear logistic classifier: target features vs samples of the source model."""
    f_t = np.asarray(target_feats, dtype=np.float64)
    n = len(f_t)
    if n < 4:
        return float("nan")
    f_s, _ = source.sample(n, rng)
    f_s = clip_rows(f_s, source.clip_norm)
    x = np.concatenate([f_s, f_t])
    y = np.concatenate([np.ones(n), np.zeros(n)])
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-8
    x = (x - mu) / sd
    order = rng.permutation(2 * n)
    train, test = order[: n], order[n:]
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.zeros(x.shape[1], dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], lr=1.0, max_iter=max_iter, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        logits = xt[train] @ w + b
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, yt[train]) + l2 * w.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    with torch.no_grad():
        pred = (xt[test] @ w + b) > 0
        err = float((pred.double() != yt[test]).double().mean())
    return float(min(2.0, max(0.0, 2.0 * (1.0 - 2.0 * err))))


def mean_shift(target_mean: np.ndarray, n_target: int, source: FeatureStats) -> float:
    """‖μ_t − μ_s‖² / tr(C_s), minus what sampling and DP noise alone give on average.

    With no shift, E‖μ̂_t − μ̃_s‖² = tr(C)(1/N_t + 1/N_s) + D·mean_noise_var; both are
    subtracted (so ≈ 0 ± noise for the same distribution; it can be slightly negative).
    """
    trace_s = max(float(np.trace(source.total_cov)), 1e-12)
    raw = float(((target_mean - source.mean) ** 2).sum()) - source.dim * source.mean_noise_var
    return raw / trace_s - 1.0 / max(n_target, 1) - 1.0 / max(source.num_records, 1.0)


def domain_gap(target_feats: np.ndarray | torch.Tensor, source: FeatureStats,
               rng: np.random.Generator) -> dict[str, float]:
    """Label-free distances between the target's features and the sources' released statistics."""
    if isinstance(target_feats, torch.Tensor):
        target_feats = target_feats.detach().double().numpy()
    f = np.asarray(target_feats, dtype=np.float64)
    if f.ndim != 2 or f.shape[1] != source.dim:
        raise ValueError(f"target features must be (N, {source.dim}) to match the source statistics, got {f.shape}")
    if len(f) < 2:
        raise ValueError("domain_gap needs at least 2 target windows")
    f = clip_rows(f, source.clip_norm)
    mean_t, cov_t = _total_moments(f)
    cov_s = source.total_cov
    mmd2 = rff_mmd2(f, source)
    return {
        "rff_mmd2": mmd2,
        "rff_mmd2_relative": rff_mmd2_relative(mmd2, source),
        "mean_shift": mean_shift(mean_t, len(f), source),
        "coral_distance": float(((cov_t - cov_s) ** 2).sum() / (4.0 * source.dim**2)),
        "coral_relative": float(np.linalg.norm(cov_t - cov_s) / max(float(np.linalg.norm(cov_s)), 1e-12)),
        "proxy_a_distance": proxy_a_distance(f, source, rng),
        "n_target": float(len(f)),
        "source_noise_multiplier": float(source.noise_multiplier),
    }


# ---------------------------------------------------------------- decision
@dataclass(frozen=True)
class GapThresholds:
    """A gap is *large* when any used measure reaches its threshold (None = measure not used).

    Same-distribution windows give measures near 0 (they are de-biased for sampling and DP noise).
    The proxy A-distance is reported but not used by default: the Gaussian source-feature model it
    samples from is distorted by the DP noise in the covariance.
    """

    rff_mmd2_relative: float | None = 0.002
    mean_shift: float | None = 0.01
    proxy_a_distance: float | None = None
    min_labels_for_fine_tune: int = 1
    adaptation_method: str = "shot"          # what a large gap gets
    unlabelled_small_gap_method: str = "feature_standardization"
    labelled_small_gap_method: str = "finetune_head"


def choose_method(gap: dict[str, float], n_labelled: int, thresholds: GapThresholds | None = None) -> tuple[str, str]:
    """(method, human-readable reason with the numbers) — the ``auto`` choice.

    - large gap (any used measure at or above its threshold) → ``thresholds.adaptation_method``
      (labelled windows, if any, are used by it as an extra cross-entropy term);
    - small gap and ≥ ``min_labels_for_fine_tune`` labels → ``labelled_small_gap_method`` (the
      shared model already fits; labels are best spent directly);
    - small gap, no labels → ``unlabelled_small_gap_method`` (training-free re-standardisation).
    """
    t = thresholds or GapThresholds()
    used = [(name, limit) for name, limit in (("rff_mmd2_relative", t.rff_mmd2_relative),
                                              ("mean_shift", t.mean_shift),
                                              ("proxy_a_distance", t.proxy_a_distance)) if limit is not None]
    present = [(name, float(gap[name]), limit) for name, limit in used
               if gap.get(name) is not None and math.isfinite(float(gap[name]))]
    if not present:
        raise ValueError(f"gap has none of the measures the thresholds use ({[n for n, _ in used]}): {sorted(gap)}")
    over = [name for name, value, limit in present if value >= limit]
    numbers = ", ".join(f"{n}={v:.4g} ({'≥' if v >= lim else '<'} {lim:g})" for n, v, lim in present)
    extra = [f"{k}={float(gap[k]):.4g}" for k in ("rff_mmd2", "coral_relative", "proxy_a_distance")
             if k in gap and k not in {n for n, _, _ in present}]
    if extra:
        numbers += " [also: " + ", ".join(extra) + "]"
    labels = f"{n_labelled} labelled window{'s' if n_labelled != 1 else ''}"
    if over:
        method = t.adaptation_method
        why = (f"large domain gap ({', '.join(over)} over threshold): " + numbers
               + f"; {labels} → unsupervised adaptation ({method})"
               + (", using the labels as an extra cross-entropy term" if n_labelled > 0 else ""))
    elif n_labelled >= t.min_labels_for_fine_tune:
        method = t.labelled_small_gap_method
        why = "small domain gap: " + numbers + f"; {labels} → fine-tune the shared model on them"
    else:
        method = t.unlabelled_small_gap_method
        kind = "training-free " if method == "feature_standardization" else "unsupervised adaptation: "
        why = ("small domain gap: " + numbers + f"; {labels} → {kind}{method} "
               "(no labels to fine-tune on)")
    return method, why
