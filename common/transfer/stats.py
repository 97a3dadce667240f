"""Aggregate feature statistics that a source plant releases under differential privacy.

A source plant runs its windows through the *shared* extractor and releases a few aggregate
statistics of the resulting features (never the features, never the windows). A target plant
uses them, inside its own walls, to adapt the shared model (``common.transfer.adapt``) or to
measure how far it is from the sources (``common.transfer.gap``).

Privacy
-------
The privacy unit is **one window** (one record), as in the rest of the project, under the
add/remove-one-record neighbouring relation. Each feature vector is first clipped to L2 norm
``C = clip_norm`` (``f ← f · min(1, C/‖f‖)``), which bounds what one window can change. Four
queries are then released, each with the Gaussian mechanism ``q(D) + N(0, (σ·Δ)² I)``:

=====================  ===========================================  ==========================
query                  value                                        L2 sensitivity Δ
=====================  ===========================================  ==========================
class sums             S_k = Σ_{i: y_i = k} f_i, all K rows (K, D)  C   (one row moves by f)
class counts           n_k = #{i: y_i = k}  (K,)                    1   (one entry moves by 1)
second moment          M = Σ_i f_i f_iᵀ  (D, D), upper triangle     C²  (‖f fᵀ‖_F = ‖f‖² ≤ C²)
RFF sum                R = Σ_i φ(f_i)  (R,)                         √2  (see below)
=====================  ===========================================  ==========================

Random Fourier features (Rahimi & Recht 2007) approximate the Gaussian kernel
``k(x, y) = exp(−‖x − y‖² / (2h²))`` with ``φ(x) = √(2/R) · cos(W x + b)``, ``W_rj ~ N(0, 1/h²)``,
``b_r ~ U[0, 2π)``, drawn from the shared seed (``RffSpec``). Since ``|cos| ≤ 1``,
``‖φ(x)‖² = (2/R) Σ_r cos²(·) ≤ 2``, so one window moves R by at most √2 — whatever its value.
The symmetric second moment is noised on its upper triangle (diagonal included) and mirrored;
the upper triangle of ``f fᵀ`` has norm ≤ ‖f fᵀ‖_F ≤ C², so Δ = C² holds for what is noised.

Each query is one Gaussian mechanism with noise multiplier σ: its ledger history entry is
``(σ, 1.0, 1)`` (a plain Gaussian release), and ``release_feature_stats`` returns one entry
per query. The caller must append them to the plant's privacy ledger *before* the statistics
leave the plant; ε is then computed over the whole lifetime history, so the K = 4 queries
compose with everything else the plant ever released (four σ-releases cost the same as one
release at σ/2). Everything computed from the noisy answers afterwards — means, covariances,
PSD projection, count flooring, ``aggregate`` over several sources — is post-processing and
costs no further privacy. Choose ``clip_norm`` and the RFF spec from public knowledge (e.g.
the shared model on public or synthetic data), not from the private windows themselves.

``noise_multiplier = 0`` is a *non-private* release (simulations, upper bounds only); it is
refused unless ``allow_nonprivate=True`` and returns no ledger entries.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from common.privacy.accounting import HistoryEntry
from common.privacy.noise import NoiseSource

ARRAY_PREFIX = "feature_stats."
STATS_FORMAT = "factoryfl-feature-stats/v1"
MIN_COUNT = 1.0
"""Noisy counts are floored here: a class mean is never divided by less than one record."""
NUM_QUERIES = 4
QUERY_NAMES: tuple[str, ...] = ("class_sums", "class_counts", "second_moment", "rff_sum")


# ---------------------------------------------------------------- random Fourier features
@dataclass(frozen=True)
class RffSpec:
    """The shared, seeded random Fourier feature map for the Gaussian kernel of width ``bandwidth``.

    ``φ(x) = √(2/R) · cos(W x + b)`` with ``W ~ N(0, I/h²)`` of shape (R, D) and
    ``b ~ U[0, 2π)`` of shape (R,), both drawn from ``numpy.random.default_rng(seed)``: every
    plant that knows (seed, R, h, D) builds the same map. ``φ(x)·φ(y) ≈ exp(−‖x−y‖²/(2h²))``.
    """

    seed: int = 0
    num_features: int = 256
    bandwidth: float = 1.0

    def __post_init__(self) -> None:
        if self.num_features < 1:
            raise ValueError(f"RffSpec.num_features must be >= 1, got {self.num_features}")
        if not (self.bandwidth > 0 and math.isfinite(self.bandwidth)):
            raise ValueError(f"RffSpec.bandwidth must be a positive finite number, got {self.bandwidth}")

    def weights(self, dim: int) -> tuple[np.ndarray, np.ndarray]:
        """(W (R, D), b (R,)) as float64, deterministic in (seed, R, bandwidth, dim)."""
        rng = np.random.default_rng([int(self.seed), int(dim), 0x2FF])
        w = rng.standard_normal((self.num_features, dim)) / self.bandwidth
        b = rng.uniform(0.0, 2.0 * math.pi, self.num_features)
        return w, b

    def features(self, x: np.ndarray) -> np.ndarray:
        """φ(x) for rows of ``x`` (N, D) → (N, R), numpy float64."""
        x = np.asarray(x, dtype=np.float64)
        w, b = self.weights(x.shape[1])
        return math.sqrt(2.0 / self.num_features) * np.cos(x @ w.T + b)

    def to_dict(self) -> dict:
        return {"seed": int(self.seed), "num_features": int(self.num_features), "bandwidth": float(self.bandwidth)}


# ---------------------------------------------------------------- helpers
def clip_rows(x: np.ndarray, clip_norm: float) -> np.ndarray:
    """Scale each row to L2 norm at most ``clip_norm``: x · min(1, C/‖x‖)."""
    x = np.asarray(x, dtype=np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x * np.minimum(1.0, clip_norm / np.maximum(norms, 1e-12))


def project_psd(matrix: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Nearest (Frobenius) symmetric PSD matrix: symmetrise, clip eigenvalues at ``floor``."""
    sym = 0.5 * (matrix + matrix.T)
    vals, vecs = np.linalg.eigh(sym)
    vals = np.maximum(vals, floor)
    out = (vecs * vals) @ vecs.T
    return 0.5 * (out + out.T)


def _project_ball(rows: np.ndarray, radius: float) -> np.ndarray:
    """Means of vectors of norm ≤ C have norm ≤ C: project noisy means back (post-processing)."""
    return clip_rows(rows, radius)


# ---------------------------------------------------------------- the released statistics
@dataclass(frozen=True, eq=False)   # array fields: compare field by field, not with ==
class FeatureStats:
    """Released (possibly DP-noised) feature statistics of one source, or of several aggregated.

    All arrays are float64 and computed from the *clipped* features (‖f‖ ≤ clip_norm).

    - ``class_means`` (K, D): per-class feature means S_k / n_k.
    - ``class_counts`` (K,): (noisy) number of windows per class, floored at ``MIN_COUNT``.
    - ``mean`` (D,): overall feature mean Σ_k n_k μ_k / N.
    - ``cov`` (D, D): the **pooled within-class** covariance
      ``W = (M − Σ_k n_k μ_k μ_kᵀ) / N`` (divided by N, not N − K), projected to PSD. The total
      covariance of the features is ``total_cov = W + Σ_k (n_k/N)(μ_k − μ)(μ_k − μ)ᵀ``.
    - ``rff_mean`` (R,): mean embedding ``(1/N) Σ_i φ(f_i)`` under the map ``rff``.
    - ``noise_multiplier``: σ used (0 = not private; for an aggregate, the smallest σ of its
      sources, i.e. its least-protected contributor). ``clip_norm``: C.
    - ``rff_noise_var``: variance of the DP noise in each entry of ``rff_mean``
      (2σ²/N² for one source; Σ_s N_s²·v_s / N² for an aggregate), derived from public σ and
      the released N, so a consumer can de-bias ‖·‖² distances (E‖noise‖² = R·rff_noise_var).
    - ``mean_noise_var``: the same for each entry of ``mean`` from the noisy class sums,
      K·σ²C²/N² for one source (first order: count noise and the ball projection ignored).
    """

    num_classes: int
    dim: int
    class_means: np.ndarray
    class_counts: np.ndarray
    mean: np.ndarray
    cov: np.ndarray
    rff_mean: np.ndarray
    rff: RffSpec
    noise_multiplier: float
    clip_norm: float
    num_sources: int = 1
    rff_noise_var: float = 0.0
    mean_noise_var: float = 0.0

    def __post_init__(self) -> None:
        k, d, r = self.num_classes, self.dim, self.rff.num_features
        expected = {"class_means": (k, d), "class_counts": (k,), "mean": (d,), "cov": (d, d), "rff_mean": (r,)}
        problems = []
        for name, shape in expected.items():
            value = getattr(self, name)
            if not isinstance(value, np.ndarray) or value.shape != shape:
                got = getattr(value, "shape", type(value).__name__)
                problems.append(f"{name} must be an array of shape {shape}, got {got}")
            elif not np.all(np.isfinite(value)):
                problems.append(f"{name} contains NaN/Inf")
        if not problems and not (self.class_counts > 0).all():
            problems.append("class_counts must all be > 0 (released counts are floored at MIN_COUNT)")
        if not (self.clip_norm > 0 and math.isfinite(self.clip_norm)):
            problems.append(f"clip_norm must be positive and finite, got {self.clip_norm}")
        if not (self.noise_multiplier >= 0 and math.isfinite(self.noise_multiplier)):
            problems.append(f"noise_multiplier must be >= 0 and finite, got {self.noise_multiplier}")
        for name in ("rff_noise_var", "mean_noise_var"):
            value = getattr(self, name)
            if not (value >= 0 and math.isfinite(value)):
                problems.append(f"{name} must be >= 0 and finite, got {value}")
        if problems:
            raise ValueError("FeatureStats: " + "; ".join(problems))

    @property
    def num_records(self) -> float:
        """(Noisy) total number of windows N."""
        return float(self.class_counts.sum())

    @property
    def class_priors(self) -> np.ndarray:
        """n_k / N: the source label distribution."""
        return self.class_counts / self.class_counts.sum()

    @property
    def between_cov(self) -> np.ndarray:
        centred = self.class_means - self.mean
        return (centred * self.class_priors[:, None]).T @ centred

    @property
    def total_cov(self) -> np.ndarray:
        """Covariance of all features: within-class + between-class."""
        return self.cov + self.between_cov

    @property
    def private(self) -> bool:
        return self.noise_multiplier > 0

    def sample(self, n: int, rng: np.random.Generator, *, shrinkage: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Draw n synthetic source features from the class-conditional Gaussian model.

        y ~ Categorical(class_priors), f | y ~ N(μ_y, W) with W the pooled within-class
        covariance (optionally shrunk towards its diagonal: (1−s)·W + s·diag(W)).
        Returns (features (n, D) float32, labels (n,) int64).
        """
        return self.sampler(shrinkage)(n, rng)

    def sampler(self, shrinkage: float = 0.0):
        """``draw(n, rng) -> (features, labels)`` with the covariance factor computed once."""
        cov = self.cov if shrinkage <= 0 else (1 - shrinkage) * self.cov + shrinkage * np.diag(np.diag(self.cov))
        chol = _cholesky_psd(cov)
        priors = self.class_priors
        means = self.class_means

        def draw(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
            y = rng.choice(len(priors), size=n, p=priors)
            z = rng.standard_normal((n, chol.shape[0])) @ chol.T
            return (means[y] + z).astype(np.float32), y.astype(np.int64)

        return draw

    # ------------------------------------------------------------ (de)serialisation
    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, int | float | str]]:
        """(arrays, scalars): numpy arrays for an ArrayRecord, plain scalars for a ConfigRecord."""
        arrays = {ARRAY_PREFIX + name: np.ascontiguousarray(getattr(self, name), dtype=np.float64)
                  for name in ("class_means", "class_counts", "mean", "cov", "rff_mean")}
        scalars: dict[str, int | float | str] = {
            ARRAY_PREFIX + "format": STATS_FORMAT,
            ARRAY_PREFIX + "num_classes": int(self.num_classes),
            ARRAY_PREFIX + "dim": int(self.dim),
            ARRAY_PREFIX + "noise_multiplier": float(self.noise_multiplier),
            ARRAY_PREFIX + "clip_norm": float(self.clip_norm),
            ARRAY_PREFIX + "num_sources": int(self.num_sources),
            ARRAY_PREFIX + "rff_noise_var": float(self.rff_noise_var),
            ARRAY_PREFIX + "mean_noise_var": float(self.mean_noise_var),
            ARRAY_PREFIX + "rff_seed": int(self.rff.seed),
            ARRAY_PREFIX + "rff_num_features": int(self.rff.num_features),
            ARRAY_PREFIX + "rff_bandwidth": float(self.rff.bandwidth),
        }
        return arrays, scalars

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], scalars: dict) -> FeatureStats:
        """Inverse of ``to_arrays``; extra keys (other records' content) are ignored."""
        p = ARRAY_PREFIX
        fmt = scalars.get(p + "format")
        if fmt != STATS_FORMAT:
            raise ValueError(f"feature statistics format is {fmt!r}, expected {STATS_FORMAT!r}")
        missing = [p + n for n in ("class_means", "class_counts", "mean", "cov", "rff_mean") if p + n not in arrays]
        if missing:
            raise ValueError(f"feature statistics arrays missing: {missing}")
        return cls(
            num_classes=int(scalars[p + "num_classes"]),
            dim=int(scalars[p + "dim"]),
            class_means=np.asarray(arrays[p + "class_means"], dtype=np.float64),
            class_counts=np.asarray(arrays[p + "class_counts"], dtype=np.float64),
            mean=np.asarray(arrays[p + "mean"], dtype=np.float64),
            cov=np.asarray(arrays[p + "cov"], dtype=np.float64),
            rff_mean=np.asarray(arrays[p + "rff_mean"], dtype=np.float64),
            rff=RffSpec(seed=int(scalars[p + "rff_seed"]), num_features=int(scalars[p + "rff_num_features"]),
                        bandwidth=float(scalars[p + "rff_bandwidth"])),
            noise_multiplier=float(scalars[p + "noise_multiplier"]),
            clip_norm=float(scalars[p + "clip_norm"]),
            num_sources=int(scalars.get(p + "num_sources", 1)),
            rff_noise_var=float(scalars.get(p + "rff_noise_var", 0.0)),
            mean_noise_var=float(scalars.get(p + "mean_noise_var", 0.0)),
        )

    def to_json(self) -> str:
        arrays, scalars = self.to_arrays()
        return json.dumps({"arrays": {k: v.tolist() for k, v in arrays.items()}, "scalars": scalars})

    @classmethod
    def from_json(cls, text: str) -> FeatureStats:
        blob = json.loads(text)
        return cls.from_arrays({k: np.asarray(v, dtype=np.float64) for k, v in blob["arrays"].items()},
                               blob["scalars"])


def _cholesky_psd(cov: np.ndarray) -> np.ndarray:
    """A factor L with L Lᵀ = cov for a PSD (possibly singular) matrix, via eigh."""
    vals, vecs = np.linalg.eigh(0.5 * (cov + cov.T))
    return vecs * np.sqrt(np.maximum(vals, 0.0))


# ---------------------------------------------------------------- release
def release_feature_stats(
    features: np.ndarray,
    labels: np.ndarray,
    num_classes: int,
    *,
    noise_multiplier: float,
    clip_norm: float,
    rff: RffSpec,
    rng: NoiseSource | np.random.Generator,
    allow_nonprivate: bool = False,
) -> tuple[FeatureStats, list[HistoryEntry]]:
    """Clip, sum and noise the four queries (module docstring); return stats and ledger entries.

    ``features`` (N, D) are the shared extractor's outputs on the plant's *labelled* windows
    (``labels`` (N,) in 0..K−1; unlabelled windows, label −1, are dropped). Returns
    ``(stats, history)`` where ``history`` holds one ``(σ, 1.0, 1)`` entry per released query
    (``NUM_QUERIES`` = 4): append them to the plant's ledger before anything leaves the plant.
    """
    features = np.asarray(features, dtype=np.float64)
    labels = np.asarray(labels)
    if features.ndim != 2 or labels.shape != (features.shape[0],):
        raise ValueError(f"features must be (N, D) and labels (N,), got {features.shape} and {labels.shape}")
    if not (noise_multiplier >= 0 and math.isfinite(noise_multiplier)):
        raise ValueError(f"noise_multiplier must be >= 0 and finite, got {noise_multiplier}")
    if noise_multiplier == 0 and not allow_nonprivate:
        raise ValueError("noise_multiplier=0 releases exact statistics (no privacy): pass allow_nonprivate=True "
                         "only for simulations or upper bounds, never from a real plant")
    if not (clip_norm > 0 and math.isfinite(clip_norm)):
        raise ValueError(f"clip_norm must be positive and finite, got {clip_norm}")
    keep = labels >= 0
    features, labels = features[keep], labels[keep].astype(np.int64)
    if labels.size and labels.max() >= num_classes:
        raise ValueError(f"labels must be < num_classes={num_classes}, got {labels.max()}")
    if not np.all(np.isfinite(features)):
        raise ValueError("features contain NaN/Inf")
    answers = noisy_queries(features, labels, num_classes, noise_multiplier=float(noise_multiplier),
                            clip_norm=clip_norm, rff=rff, rng=rng)
    s = float(noise_multiplier)
    sums, counts, second, rff_sum = (answers[q] for q in QUERY_NAMES)
    history: list[HistoryEntry] = [(s, 1.0, 1)] * NUM_QUERIES if s > 0 else []

    stats = _stats_from_sums(sums, counts, second, rff_sum, rff=rff, clip_norm=clip_norm, noise_multiplier=s)
    return stats, history


def sensitivities(clip_norm: float) -> dict[str, float]:
    """L2 sensitivity of each query under add/remove-one-window (module docstring)."""
    return {"class_sums": clip_norm, "class_counts": 1.0, "second_moment": clip_norm**2, "rff_sum": math.sqrt(2.0)}


def noisy_queries(features: np.ndarray, labels: np.ndarray, num_classes: int, *, noise_multiplier: float,
                  clip_norm: float, rff: RffSpec, rng: NoiseSource | np.random.Generator) -> dict[str, np.ndarray]:
    """The raw Gaussian-mechanism answers, before any post-processing (``QUERY_NAMES`` keys).

    Each query q gets N(0, (σ·Δ_q)²) noise per released entry, Δ_q from ``sensitivities``, drawn
    from ``rng``: a plant's secret :class:`~common.privacy.noise.NoiseSource` for a real release;
    the second moment is noised on its upper triangle and mirrored (it stays symmetric).
    ``labels`` must already be in 0..K−1.
    """
    n = features.shape[0]
    f = clip_rows(features, clip_norm)
    onehot = np.zeros((n, num_classes))
    onehot[np.arange(n), labels] = 1.0
    answers = {
        "class_sums": onehot.T @ f,                     # (K, D)
        "class_counts": onehot.sum(axis=0),             # (K,)
        "second_moment": f.T @ f,                       # (D, D)
        "rff_sum": rff.features(f).sum(axis=0) if n else np.zeros(rff.num_features),  # (R,)
    }
    if noise_multiplier > 0:
        scale = {q: noise_multiplier * delta for q, delta in sensitivities(clip_norm).items()}
        for q in ("class_sums", "class_counts", "rff_sum"):
            answers[q] = answers[q] + rng.normal(0.0, scale[q], answers[q].shape)
        upper = np.triu(rng.normal(0.0, scale["second_moment"], answers["second_moment"].shape))
        answers["second_moment"] = answers["second_moment"] + upper + np.triu(upper, 1).T
    return answers


def _stats_from_sums(sums: np.ndarray, counts: np.ndarray, second: np.ndarray, rff_sum: np.ndarray, *,
                     rff: RffSpec, clip_norm: float, noise_multiplier: float, num_sources: int = 1,
                     rff_noise_var: float | None = None, mean_noise_var: float | None = None) -> FeatureStats:
    """Post-processing of (noisy) sums into means and a PSD pooled within-class covariance."""
    k, d = sums.shape
    counts = np.maximum(counts, MIN_COUNT)
    total = counts.sum()
    class_means = _project_ball(sums / counts[:, None], clip_norm)
    mean = (counts[:, None] * class_means).sum(axis=0) / total
    within = (second - (class_means * counts[:, None]).T @ class_means) / total
    cov = project_psd(within)
    rff_mean = rff_sum / total
    if rff_noise_var is None:
        rff_noise_var = 2.0 * noise_multiplier**2 / total**2
    if mean_noise_var is None:
        mean_noise_var = k * (noise_multiplier * clip_norm) ** 2 / total**2
    # a mean embedding of vectors with ‖φ‖ ≤ √2 has norm ≤ √2
    norm = np.linalg.norm(rff_mean)
    if norm > math.sqrt(2.0):
        rff_mean = rff_mean * (math.sqrt(2.0) / norm)
    return FeatureStats(num_classes=k, dim=d, class_means=class_means, class_counts=counts, mean=mean, cov=cov,
                        rff_mean=rff_mean, rff=rff, noise_multiplier=float(noise_multiplier),
                        clip_norm=float(clip_norm), num_sources=num_sources, rff_noise_var=float(rff_noise_var),
                        mean_noise_var=float(mean_noise_var))


def exact_feature_stats(features: np.ndarray, labels: np.ndarray, num_classes: int, *, clip_norm: float,
                        rff: RffSpec) -> FeatureStats:
    """The same statistics without noise (for the target's own, never-released, statistics)."""
    stats, _ = release_feature_stats(features, labels, num_classes, noise_multiplier=0.0, clip_norm=clip_norm,
                                     rff=rff, rng=np.random.default_rng(0), allow_nonprivate=True)
    return stats


# ---------------------------------------------------------------- several sources
def aggregate(stats_list: Sequence[FeatureStats]) -> FeatureStats:
    """Count-weighted combination of several sources' released statistics (post-processing).

    Rebuilds each source's (noisy) sums from its means and counts — class sums n_k·μ_k,
    second moment N·W + Σ_k n_k μ_k μ_kᵀ, RFF sum N·m — adds them, and derives the pooled
    statistics exactly as for one source. Works on already-noised statistics, so it costs
    no privacy. All sources must share K, D, clip_norm and the RFF map.
    """
    stats_list = list(stats_list)
    if not stats_list:
        raise ValueError("aggregate needs at least one FeatureStats")
    first = stats_list[0]
    for i, s in enumerate(stats_list[1:], start=1):
        if (s.num_classes, s.dim) != (first.num_classes, first.dim):
            raise ValueError(f"source {i} has (K, D)=({s.num_classes}, {s.dim}), source 0 has "
                             f"({first.num_classes}, {first.dim}): statistics of different models cannot be combined")
        if s.rff != first.rff or s.clip_norm != first.clip_norm:
            raise ValueError(f"source {i} used rff={s.rff} clip_norm={s.clip_norm}, source 0 rff={first.rff} "
                             f"clip_norm={first.clip_norm}: all sources must release under the same shared spec")
    if len(stats_list) == 1:
        return first
    sums = _summed(s.class_means * s.class_counts[:, None] for s in stats_list)
    counts = _summed(s.class_counts for s in stats_list)
    total = float(counts.sum())
    second = _summed(s.num_records * s.cov + (s.class_means * s.class_counts[:, None]).T @ s.class_means
                     for s in stats_list)
    rff_sum = _summed(s.num_records * s.rff_mean for s in stats_list)
    sigmas = [s.noise_multiplier for s in stats_list]
    return _stats_from_sums(sums, counts, second, rff_sum, rff=first.rff, clip_norm=first.clip_norm,
                            noise_multiplier=min(sigmas), num_sources=sum(s.num_sources for s in stats_list),
                            rff_noise_var=sum(s.num_records**2 * s.rff_noise_var for s in stats_list) / total**2,
                            mean_noise_var=sum(s.num_records**2 * s.mean_noise_var for s in stats_list) / total**2)


def _summed(terms: Iterable[np.ndarray]) -> np.ndarray:
    """The sum of one or more arrays, typed as an array (the builtin ``sum`` starts from the int 0)."""
    return functools.reduce(operator.add, terms)


def ledger_entries(history: Sequence[HistoryEntry], *, run: str, round: int = 0,
                   purpose: str = "transfer_feature_stats") -> list:
    """``PrivacyLedger`` entries (mechanism "gaussian") for the history of one release.

    Record each with ``PrivacyLedger.record`` before the statistics leave the plant.
    """
    from common.privacy.ledger import MECHANISM_GAUSSIAN, LedgerEntry, now_iso

    return [LedgerEntry(mechanism=MECHANISM_GAUSSIAN, noise_multiplier=float(s), sample_rate=float(q), steps=int(n),
                        time=now_iso(), run=run, round=round, purpose=f"{purpose}:{QUERY_NAMES[i % NUM_QUERIES]}")
            for i, (s, q, n) in enumerate(history)]
