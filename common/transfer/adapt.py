"""Unsupervised (or few-label) adaptation of the shared model inside a target plant.

Every adapter has the same shape::

    adapt_<method>(extractor, head, x_target, source, cfg, labelled=None, *, seed=0) -> AdaptResult

- ``extractor``: the shared feature extractor (windows (B, C, L) → features (B, D));
- ``head``: the classifier to predict with, normally the shared *reference head* (a plant
  without labels has no personal head worth keeping);
- ``x_target``: the target plant's own (unlabelled) training windows, float32 (N, C, L);
- ``source``: DP-released source feature statistics (``common.transfer.stats``), or None
  for methods that do not need them (the registry's ``needs_source_stats``);
- ``cfg``: the scenario's ``transfer.adaptation`` (:class:`common.config.schema.AdaptationConfig`);
- ``seed``: seeds every random stream (batch order, dropout, augmentation, discriminator);
- ``labelled``: optional (x, y) labelled target windows (k per class); when given, every
  training step adds ``cfg.labelled_weight`` × cross-entropy on a batch of them.

The methods are registered in ``common.extensions.transfer_methods``; :func:`adapt` runs one by name.

Nothing leaves the plant: all inputs are either the plant's own windows or shared/released
objects. The inputs are not modified (adapters work on deep copies). The returned
``AdaptResult.model`` maps windows to logits and is what the plant keeps and predicts with.

Model selection never uses target labels (there are none to use honestly): the model after
the **last epoch** is returned. ``AdaptResult.selection`` carries label-free diagnostics
(prediction entropy, class balance, distance to the source statistics before/after) that a
plant may log, not a selection rule.

Methods
-------
``feature_standardization``
    AdaBN for a model without BatchNorm. AdaBN (Li et al. 2016) replaces the BN statistics
    of the source by the target's; here there is no BN, so the same idea is applied once, at
    the interface between extractor and head, as an explicit module ``FeatureAlign``::

        f' = (f − μ_t) / σ_t · σ_s + μ_s        (per feature dimension)

    μ_s, σ_s²: mean and diagonal of the *total* covariance of the source features, from the
    sources' DP-released statistics; μ_t, σ_t: the same moments of the target's own
    unlabelled windows (computed locally, never released). The head then sees target
    features with the source's first and second moments, as a BN layer after re-estimation
    would. ``cfg.align_mode="full"`` uses the whole covariance (CORAL's closed form:
    whiten with C_t^{-1/2}, colour with C_s^{1/2}). No training, no labels.
``shot``
    SHOT (Liang et al., ICML 2020): the head is frozen, the extractor is trained with
    information maximisation (mean per-sample entropy − entropy of the mean prediction) plus
    β × cross-entropy on pseudo-labels from weighted k-means centroids in cosine geometry
    (β = ``cfg.pseudo_label_weight``), recomputed at the start of every epoch. Needs no source
    statistics; if given, the IM diversity term pulls the mean prediction towards the sources'
    class priors (KL form). Deviation from SHOT: pseudo-labels switch on after
    ``cfg.pseudo_label_warmup`` epochs of IM only, so that the IM diversity term can first free a
    class a weak source model maps onto another, before pseudo-labels lock the mistake in.
``coral``
    Deep CORAL to the released source moments: IM + λ × CORAL(target batch, source total
    covariance, source mean). Head frozen.
``mmd``
    Kernel mean matching with the shared random Fourier feature map: IM + λ × unbiased
    ‖mean φ(target batch) − released mean φ(source)‖². Head frozen.
``dann``
    DANN (Ganin et al. 2016): a domain discriminator (MLP) separates target features from
    synthetic source features drawn from the DP source-feature model (class-conditional
    Gaussians: released class means, shared within-class covariance, class priors); the
    extractor is trained through a gradient-reversal layer (DANN's λ ramp 2/(1+e^{−10p})−1)
    plus IM (alignment weight λ = ``DEFAULT_LAMBDA["dann"]`` by default). ``cfg.conditional=True``
    gives CDAN (discriminator on f ⊗ softmax(head(f)), the prediction detached). Head frozen.

``fixmatch``
    Semi-supervised fine-tuning for a plant with a few labels and many unlabelled windows
    (FixMatch, Sohn et al., NeurIPS 2020): head and extractor train on
    CE(labelled windows under weak augmentation) + λ_u · mean_i 1[max p_i ≥ τ] · CE(p̂_i, f(A_s(x_i))),
    where p_i is the model's prediction for an unlabelled window as it is (the weak view, no
    gradient), p̂_i its arg-max pseudo-label, A_s a strong augmentation (noise, gain, speed stretch,
    ``common/data/augment.py``) and τ = ``cfg.confidence_threshold``. With
    ``cfg.distribution_alignment`` p_i is first aligned to the class prior (ReMixMatch; see
    ``losses.distribution_alignment``), so that a few labels per class do not let the
    pseudo-labels collapse onto one class. With ``cfg.balanced_pseudo_labels`` p_i instead comes,
    at the start of every epoch, from the model's predictions on *all* unlabelled windows
    balanced to the class prior (``losses.balanced_assignment``, Sinkhorn-Knopp; alignment per
    batch is its one-step form): a class the fine-tuned model absorbs into another gets its
    share of pseudo-labels back from the windows most likely to be it. Needs labels; no source
    statistics.

Class prior (``cfg.target_prior``). ``estimate``: every trained method first estimates the target's
class proportions π_t by EM on the unadapted model's predictions (``common.transfer.prior``), sets
classes below ``cfg.absent_class_share``/K to 0, and uses π_t where a prior is assumed: IM's
diversity term becomes KL(p̄ ‖ π_t), fixmatch aligns and balances its pseudo-labels to π_t, and
``coral`` / ``mmd`` / ``dann`` align to the source statistics re-mixed as π_t (IWDAN / PADA-style
class weights), so a target without some classes is not pulled toward them (``cfg.reestimate_prior``:
re-estimated at every epoch from the model being adapted). ``sources``: the sources' released prior.
``auto`` (the default, :func:`with_prior_choice`): adapt under both, keep the model with the lower mean
prediction entropy on the target windows. EM trusts the source model's posteriors, so where that model confuses
two classes the estimate drops one of them; adapting under the sources' prior then separates them
and ends more confident, while a target that lacks classes ends more confident under the estimate.
The estimate is in ``AdaptResult.selection`` (``target_prior_estimate_<k>``), with the arm kept
(``target_prior_kept_estimate``). The before/after distances to the sources (the negative-transfer
guard's input) are both measured to the statistics as re-mixed for the kept arm.

In all trained methods the "entropy/IM term" is ``information_maximisation`` (weight
``cfg.im_weight``) and target features entering an alignment loss are clipped to the
source's ``clip_norm`` first, so they are compared with statistics computed the same way.
The head stays frozen (``cfg.train_head=False``): it is the anchor that gives the target
features their meaning when no source data is at hand.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import logging
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from common.config.schema import AdaptationConfig
from common.data.augment import augment_batch
from common.extensions.transfer_methods import ADAPTER, TRANSFER_METHODS
from common.labelset import active_classes, restrict_logits
from common.training import AUGMENT_SEED_OFFSET, dropout_rng
from common.transfer.gap import coral_distance, rff_mmd2
from common.transfer.losses import (
    balanced_assignment,
    coral_loss,
    distribution_alignment,
    entropy,
    grad_reverse,
    information_maximisation,
    rff_mmd_loss,
    shot_pseudo_labels,
)
from common.transfer.prior import (
    ARMS,
    PriorEstimate,
    choose_arm,
    drop_absent,
    em_prior,
    restrict_prior,
    reweight_source,
    total_variation,
)
from common.transfer.stats import FeatureStats

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------- configuration and result
PRIOR_KEY = "target_prior_estimate_"
"""``AdaptResult.selection`` keys ``target_prior_estimate_<class index>``: the EM estimate of π_t."""
DEFAULT_LAMBDA: dict[str, float] = {"coral": 1.0, "mmd": 1.0, "dann": 0.3}
"""Alignment weights used when ``AdaptationConfig.alignment_weight`` is None."""


def alignment_weight(cfg: AdaptationConfig, method: str) -> float:
    """``cfg.alignment_weight`` if set, else the method's default weight."""
    return DEFAULT_LAMBDA[method] if cfg.alignment_weight is None else float(cfg.alignment_weight)


@dataclass
class AdaptResult:
    """What an adapter returns: the model to predict with (windows → logits) and its record."""

    model: nn.Module
    method: str
    losses: list[float]                                   # mean total loss per epoch
    history: list[dict[str, float]] = field(default_factory=list)   # per-epoch loss components
    selection: dict[str, float] = field(default_factory=dict)      # label-free diagnostics
    selected_epoch: int = 0                               # always the last epoch (no label-based selection)


# ---------------------------------------------------------------- the AdaBN-like module
class FeatureAlign(nn.Module):
    """Affine re-standardisation of features between extractor and head (no parameters).

    Diagonal mode: ``f' = (f − μ_t) · s + μ_s`` with ``s = clamp(σ_s / σ_t)``; full mode:
    ``f' = (f − μ_t) A + μ_s`` with ``A = C_t^{-1/2} C_s^{1/2}`` (symmetric square roots,
    eigenvalues floored). Everything is in buffers, so the module is saved in the plant's
    state dict and behaves the same at inference; it is plant-local (μ_t, σ_t describe the
    target plant's data) and must not be put on the wire.
    """

    # buffers (register_buffer), declared so they type as tensors rather than Tensor | Module
    target_mean: torch.Tensor
    source_mean: torch.Tensor
    transform: torch.Tensor

    def __init__(self, dim: int) -> None:
        super().__init__()
        self.register_buffer("target_mean", torch.zeros(dim))
        self.register_buffer("source_mean", torch.zeros(dim))
        self.register_buffer("transform", torch.eye(dim))   # A (D, D): f' = (f − μ_t) A + μ_s

    @classmethod
    def identity(cls, dim: int) -> FeatureAlign:
        return cls(dim)

    @classmethod
    def from_moments(cls, target_mean: np.ndarray, target_cov: np.ndarray, source_mean: np.ndarray,
                     source_cov: np.ndarray, mode: str = "diagonal", max_scale: float = 10.0,
                     eps: float = 1e-6) -> FeatureAlign:
        d = len(target_mean)
        module = cls(d)
        if mode == "diagonal":
            sd_t = np.sqrt(np.maximum(np.diag(target_cov), 0.0))
            sd_s = np.sqrt(np.maximum(np.diag(source_cov), 0.0))
            scale = np.where(sd_t > eps, sd_s / np.maximum(sd_t, eps), 1.0)
            scale = np.clip(scale, 1.0 / max_scale, max_scale)
            transform = np.diag(scale)
        elif mode == "full":
            floor = eps + 1e-3 * max(float(np.trace(target_cov)) / d, eps)
            transform = _sqrtm(target_cov, floor, inverse=True) @ _sqrtm(source_cov, 0.0)
        else:
            raise ValueError(f"unknown align mode {mode!r}: use 'diagonal' or 'full'")
        module.target_mean.copy_(torch.as_tensor(target_mean, dtype=torch.float32))
        module.source_mean.copy_(torch.as_tensor(source_mean, dtype=torch.float32))
        module.transform.copy_(torch.as_tensor(transform, dtype=torch.float32))
        return module

    def forward(self, f: torch.Tensor) -> torch.Tensor:
        return (f - self.target_mean) @ self.transform + self.source_mean


def _sqrtm(cov: np.ndarray, floor: float, inverse: bool = False) -> np.ndarray:
    vals, vecs = np.linalg.eigh(0.5 * (cov + cov.T))
    vals = np.maximum(vals, floor)
    root = np.sqrt(vals) if not inverse else 1.0 / np.sqrt(vals)
    return (vecs * root) @ vecs.T


# ---------------------------------------------------------------- helpers
def clip_features(f: torch.Tensor, clip_norm: float) -> torch.Tensor:
    """f · min(1, C/‖f‖) row-wise: the clipping the source applied before releasing statistics."""
    norms = f.norm(dim=1, keepdim=True).clamp_min(1e-12)
    return f * torch.clamp(clip_norm / norms, max=1.0)


@torch.no_grad()
def extract_features(extractor: nn.Module, x: np.ndarray, batch_size: int = 256) -> torch.Tensor:
    """Features (N, D) of windows ``x`` in eval mode, without gradients."""
    was_training = extractor.training
    extractor.eval()
    xt = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))
    out = torch.cat([extractor(xt[i:i + batch_size]) for i in range(0, len(xt), batch_size)])
    extractor.train(was_training)
    return out


def _check_inputs(method: str, x_target: np.ndarray, source: FeatureStats | None, cfg: AdaptationConfig,
                  labelled: tuple[np.ndarray, np.ndarray] | None) -> None:
    problems = cfg.problems()
    if problems:
        raise ValueError(f"{method}: AdaptationConfig: " + "; ".join(problems))
    entry = TRANSFER_METHODS.get(method)
    if not isinstance(x_target, np.ndarray) or x_target.ndim != 3:
        raise ValueError(f"{method}: x_target must be a numpy array (N, C, L), got "
                         f"{getattr(x_target, 'shape', type(x_target).__name__)}")
    if len(x_target) < 2:
        raise ValueError(f"{method}: needs at least 2 target windows, got {len(x_target)}")
    if entry.needs_source_stats:
        _source_stats(method, source)
    if labelled is not None:
        xl, yl = labelled
        if len(xl) != len(yl):
            raise ValueError(f"{method}: labelled x and y differ in length ({len(xl)} vs {len(yl)})")
    if entry.needs_labels and (labelled is None or not (np.asarray(labelled[1]) >= 0).any()):
        raise ValueError(f"{method} needs labelled target windows (k per class): give labelled=(x, y), "
                         "or use a label-free method such as 'shot' or 'mmd'")


def _source_stats(method: str, source: FeatureStats | None) -> FeatureStats:
    """``source``, for a method that needs the sources' statistics: refused when None."""
    if source is None:
        raise ValueError(f"{method} needs the sources' released feature statistics (source=None given): "
                         "release them with common.transfer.stats.release_feature_stats, or use 'shot'")
    return source


def _target_prior(source: FeatureStats | None, cfg: AdaptationConfig) -> torch.Tensor | None:
    if source is None or not cfg.use_source_prior:
        return None
    return torch.as_tensor(source.class_priors, dtype=torch.float32)


class _TargetPrior:
    """The class prior adaptation aims at, and the source statistics mixed accordingly.

    With ``cfg.target_prior == "estimate"``: π_t by EM on the predictions of the model *before*
    adaptation for all target windows (``common.transfer.prior.em_prior``; π_s the sources'
    released prior, uniform when none was released), classes below ``cfg.absent_class_share``/K
    set to 0 (``drop_absent``), and the source statistics with their classes mixed as π_t
    (``reweight_source``): a class the target lacks gets ~0 weight (PADA-style). With
    ``cfg.reestimate_prior`` the estimate is repeated at the start of every later epoch on the
    predictions of the model being adapted (IWDAN's alternation, Combes et al. 2020): alignment to
    the re-mixed source makes the head's posteriors fit the target better, which sharpens the next
    estimate. Without it: the sources' prior (``use_source_prior``) or None, and the source
    statistics as released.

    Declared classes (the enclosing ``common.labelset.own_classes`` mask: a plant whose class list
    is a strict subset of the federation's): every prior above is restricted to them and
    renormalised (``restrict_prior``; π None becomes uniform over them), and the source statistics
    are mixed accordingly, so the plant is never pulled toward classes it declared it does not have.
    """

    def __init__(self, head: nn.Module, features: Callable[[], torch.Tensor], source: FeatureStats | None,
                 cfg: AdaptationConfig) -> None:
        self.head, self.features, self.source, self.cfg = head, features, source, cfg
        self.first: PriorEstimate | None = None
        self.estimate: PriorEstimate | None = None
        self.prior = _target_prior(source, cfg)
        self.aligned = source
        self._tensors: dict[str, torch.Tensor] = {}
        self._sampler: tuple[float, Callable] | None = None
        self.declared = self._declared()
        if cfg.target_prior != "estimate":
            if self.declared is not None:
                base = None if self.prior is None else self.prior.double().numpy()
                restricted = restrict_prior(base, self.declared)
                self._use(restricted)
                logger.info("class prior restricted to the %d declared classes: %s", int(self.declared.sum()),
                            np.round(restricted, 3).tolist())
            return
        if source is None:
            logger.info("no source statistics released: the EM class-prior estimate assumes a uniform source prior")
        self._estimate()
        self.first = self.estimate

    def _estimate(self) -> None:
        with torch.no_grad():
            posteriors = F.softmax(self.head(self.features()), dim=1).double().numpy()
        em = em_prior(posteriors, None if self.source is None else self.source.class_priors)
        estimate = drop_absent(em.prior, self.cfg.absent_class_share)
        if self.declared is not None:
            estimate = restrict_prior(estimate, self.declared)
        self.estimate = dataclasses.replace(em, prior=estimate)
        self._use(self.estimate.prior)
        logger.info("estimated target class prior %s (%d EM iterations%s)", np.round(self.estimate.prior, 3).tolist(),
                    self.estimate.iterations, "" if self.estimate.converged else ", not converged")

    def _declared(self) -> np.ndarray | None:
        mask = active_classes()
        if mask is None:
            return None
        k = self.source.num_classes if self.source is not None else int(self.head(self.features()[:1]).shape[1])
        return np.asarray(mask, dtype=bool) if len(mask) == k and not mask.all() else None

    def _use(self, prior: np.ndarray) -> None:
        """Aim at ``prior``: IM's diversity term, and the source statistics mixed as it."""
        self.prior = torch.as_tensor(prior, dtype=torch.float32)
        if self.source is not None:
            self.aligned = reweight_source(self.source, prior)
        self._tensors, self._sampler = {}, None

    def epoch_start(self, epoch: int) -> None:
        """Re-estimate π_t from the model as it is now (``cfg.reestimate_prior``; not before epoch 1)."""
        if epoch > 0 and self.cfg.target_prior == "estimate" and self.cfg.reestimate_prior:
            self._estimate()

    def tensor(self, name: str) -> torch.Tensor:
        """``name`` (``rff_mean``, ``mean``, ``total_cov``) of the source statistics as mixed now, float32."""
        if name not in self._tensors:
            assert self.aligned is not None, "alignment needs source statistics"
            self._tensors[name] = torch.as_tensor(getattr(self.aligned, name), dtype=torch.float32)
        return self._tensors[name]

    def sampler(self, shrinkage: float) -> Callable:
        """``FeatureStats.sampler`` of the source statistics as mixed now."""
        if self._sampler is None or self._sampler[0] != shrinkage:
            assert self.aligned is not None, "sampling needs source statistics"
            self._sampler = (shrinkage, self.aligned.sampler(shrinkage))
        return self._sampler[1]

    def diagnostics(self) -> dict[str, float]:
        """The final estimate per class, its EM iterations and how far it moved from the first one."""
        if self.estimate is None:
            return {}
        out = {f"{PRIOR_KEY}{k}": float(v) for k, v in enumerate(self.estimate.prior)}
        out["target_prior_em_iterations"] = float(self.estimate.iterations)
        if self.first is not None:
            out["target_prior_drift"] = total_variation(self.first.prior, self.estimate.prior)
        return out


def _moments(f: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    f64 = f.double().numpy()
    mean = f64.mean(axis=0)
    centred = f64 - mean
    return mean, centred.T @ centred / max(len(f64), 1)


@torch.no_grad()
def _diagnostics(f: torch.Tensor, head: nn.Module, source: FeatureStats | None) -> dict[str, float]:
    """Label-free numbers about the target features ``f``: confidence, balance, distance to ``source``."""
    logits = head(f)
    p = F.softmax(logits, dim=1)
    mean_p = p.mean(dim=0)
    out = {
        "target_mean_entropy": float(entropy(logits)),
        "target_prediction_balance": float(-(mean_p * torch.log(mean_p + 1e-12)).sum() / math.log(p.shape[1])),
        "target_mean_confidence": float(p.max(dim=1).values.mean()),
    }
    if source is not None:
        fc = clip_features(f, source.clip_norm).double().numpy()
        out["rff_mmd2_to_source"] = rff_mmd2(fc, source)
        out["coral_distance_to_source"] = coral_distance(fc, source)
    return out


BatchObjective = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, float], dict[str, torch.Tensor]]
"""(features, logits, batch indices, training progress in [0, 1)) → named loss terms (summed)."""


class _Trainer:
    """The shared loop: shuffled epochs over the target windows, one objective per batch."""

    def __init__(self, method: str, extractor: nn.Module, head: nn.Module, cfg: AdaptationConfig,
                 labelled: tuple[np.ndarray, np.ndarray] | None, align: nn.Module | None = None,
                 extra_params: list[dict] | None = None, *, seed: int) -> None:
        self.method = method
        self.seed = seed
        self.extractor = extractor
        self.head = head
        self.align = align if align is not None else nn.Identity()
        self.cfg = cfg
        for p in head.parameters():
            p.requires_grad_(cfg.train_head)
        groups = [{"params": [p for p in extractor.parameters() if p.requires_grad]}]
        if cfg.train_head:
            groups.append({"params": list(head.parameters())})
        groups += extra_params or []
        self.optimizer: torch.optim.Optimizer
        if cfg.optimizer == "adam":
            self.optimizer = torch.optim.Adam(groups, lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
        else:
            self.optimizer = torch.optim.SGD(groups, lr=cfg.learning_rate, momentum=0.9,
                                             weight_decay=cfg.weight_decay, nesterov=True)
        self.generator = torch.Generator().manual_seed(seed)
        self.labelled = None
        if labelled is not None:
            xl, yl = labelled
            keep = np.asarray(yl) >= 0
            if keep.any():
                self.labelled = (torch.from_numpy(np.ascontiguousarray(xl[keep], dtype=np.float32)),
                                 torch.from_numpy(np.asarray(yl)[keep].astype(np.int64)))

    def features(self, xb: torch.Tensor) -> torch.Tensor:
        """Extractor output after the (fixed) alignment module: what the head sees."""
        return self.align(self.extractor(xb))

    def all_features(self, x: np.ndarray) -> torch.Tensor:
        with torch.no_grad():
            return self.align(extract_features(self.extractor, x))

    def run(self, x: np.ndarray, batch_objective: BatchObjective,
            epoch_start: Callable[[int], None] | None = None) -> tuple[list[float], list[dict[str, float]]]:
        """All epochs, with dropout's masks seeded from ``seed`` (reproducible runs)."""
        with dropout_rng(self.seed, next(self.extractor.parameters()).device):
            return self._epochs(x, batch_objective, epoch_start)

    def _epochs(self, x: np.ndarray, batch_objective: BatchObjective,
                epoch_start: Callable[[int], None] | None) -> tuple[list[float], list[dict[str, float]]]:
        cfg = self.cfg
        xt = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))
        n = len(xt)
        batches_per_epoch = max(1, math.ceil(n / cfg.batch_size))
        total_steps = max(1, cfg.epochs * batches_per_epoch)
        losses: list[float] = []
        history: list[dict[str, float]] = []
        step = 0
        for epoch in range(cfg.epochs):
            if epoch_start is not None:
                epoch_start(epoch)
            self.extractor.train()
            order = torch.randperm(n, generator=self.generator)
            sums: dict[str, float] = {}
            count = 0
            for start in range(0, n, cfg.batch_size):
                idx = order[start:start + cfg.batch_size]
                if len(idx) < 2:        # batch statistics need two windows
                    continue
                progress = step / total_steps
                feats = self.features(xt[idx])
                logits = self.head(feats)
                terms = batch_objective(feats, logits, idx, progress)
                if self.labelled is not None and cfg.labelled_weight > 0:
                    xl, yl = self.labelled
                    pick = torch.randint(len(yl), (min(cfg.batch_size, len(yl)),), generator=self.generator)
                    labelled_logits = self.head(self.features(xl[pick]))
                    terms["labelled_ce"] = cfg.labelled_weight * F.cross_entropy(restrict_logits(labelled_logits),
                                                                                 yl[pick])
                total = functools.reduce(operator.add, terms.values())  # sum() would start from the int 0
                self.optimizer.zero_grad(set_to_none=True)
                total.backward()
                self.optimizer.step()
                step += 1
                count += 1
                for k, v in terms.items():
                    sums[k] = sums.get(k, 0.0) + float(v.detach())
                sums["total"] = sums.get("total", 0.0) + float(total.detach())
            record = {k: v / max(count, 1) for k, v in sums.items()}
            history.append(record)
            losses.append(record.get("total", float("nan")))
        self.extractor.eval()
        for p in self.head.parameters():
            p.requires_grad_(True)
        return losses, history


def _prepare(method: str, extractor: nn.Module, head: nn.Module, x_target: np.ndarray,
             source: FeatureStats | None, cfg: AdaptationConfig,
             labelled: tuple[np.ndarray, np.ndarray] | None) -> tuple[nn.Module, nn.Module, nn.Module | None]:
    _check_inputs(method, x_target, source, cfg, labelled)
    extractor = copy.deepcopy(extractor)
    head = copy.deepcopy(head)
    align = None
    if cfg.standardize_first and source is not None:
        align = _fit_align(extractor, x_target, source, cfg)
    return extractor, head, align


def _fit_align(extractor: nn.Module, x_target: np.ndarray, source: FeatureStats, cfg: AdaptationConfig) -> FeatureAlign:
    f = clip_features(extract_features(extractor, x_target), source.clip_norm)
    t_mean, t_cov = _moments(f)
    return FeatureAlign.from_moments(t_mean, t_cov, source.mean, source.total_cov, mode=cfg.align_mode,
                                     max_scale=cfg.max_scale)


def _finish(method: str, extractor: nn.Module, head: nn.Module, align: nn.Module | None, x_target: np.ndarray,
            source: FeatureStats | None, losses: list[float], history: list[dict[str, float]],
            before: torch.Tensor, prior: _TargetPrior | None = None) -> AdaptResult:
    """The adapted model and its diagnostics before/after, both measured against the source statistics
    adaptation aimed at (re-mixed as the estimated target prior when there is one)."""
    parts = [extractor] + ([align] if align is not None else []) + [head]
    model = nn.Sequential(*parts).eval()
    aim = prior.aligned if prior is not None else source
    after = _diagnostics(_seq_features(parts[:-1], x_target), head, aim)
    selection = ({f"{k}_after": v for k, v in after.items()}
                 | {f"{k}_before": v for k, v in _diagnostics(before, head, aim).items()})
    if prior is not None:  # the target's class proportions as EM estimated them (no labels)
        selection |= prior.diagnostics()
    return AdaptResult(model=model, method=method, losses=losses, history=history, selection=selection,
                       selected_epoch=max(len(losses) - 1, 0))


def _seq_features(parts: list[nn.Module], x: np.ndarray) -> torch.Tensor:
    f = extract_features(parts[0], x)
    with torch.no_grad():
        for p in parts[1:]:
            f = p(f)
    return f


def _before(extractor: nn.Module, x: np.ndarray) -> torch.Tensor:
    """The target features of the model before adaptation (its diagnostics are taken in ``_finish``)."""
    return extract_features(extractor, x)


# ---------------------------------------------------------------- the class prior: sources', estimate, or both
PRIOR_CHOICE_KEY = "target_prior_kept_estimate"
"""``AdaptResult.selection``: 1.0 when the kept model was adapted under the EM estimate, 0.0 under the sources'."""


def _has_labels(labelled: tuple[np.ndarray, np.ndarray] | None) -> bool:
    return labelled is not None and bool((np.asarray(labelled[1]) >= 0).any())


def _outputs(extractor: nn.Module, head: nn.Module, x_target: np.ndarray) -> int:
    out_features = getattr(head, "out_features", None)
    if isinstance(out_features, int):
        return out_features
    with torch.no_grad():
        return int(head(extract_features(extractor, x_target[:2])).shape[1])


def with_prior_choice(adapter: Callable[..., AdaptResult]) -> Callable[..., AdaptResult]:
    """``adapter`` with ``cfg.target_prior == "auto"`` resolved: adapt under the sources' prior and
    under the EM estimate, keep the result ``common.transfer.prior.choose_arm`` picks (lower mean
    prediction entropy on the target windows). With labelled target windows or a single output the
    sources' prior is used (the labels anchor the classes; one output has no class mix). The kept
    result's ``selection`` carries both entropies and the estimate, whichever arm is kept."""

    @functools.wraps(adapter)
    def resolved(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
                 cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None,
                 *, seed: int = 0) -> AdaptResult:
        if cfg.target_prior != "auto":
            return adapter(extractor, head, x_target, source, cfg, labelled, seed=seed)
        if _has_labels(labelled) or _outputs(extractor, head, x_target) < 2:
            result = adapter(extractor, head, x_target, source, dataclasses.replace(cfg, target_prior="sources"),
                             labelled, seed=seed)
            result.selection[PRIOR_CHOICE_KEY] = 0.0
            return result
        arms = {arm: adapter(extractor, head, x_target, source, dataclasses.replace(cfg, target_prior=arm),
                             labelled, seed=seed) for arm in ARMS}
        entropies: dict[str, float] = {arm: r.selection["target_mean_entropy_after"] for arm, r in arms.items()}
        arm, reason = choose_arm(entropies)
        logger.info("%s: %s", adapter.__name__, reason)
        kept = arms[arm]
        kept.selection |= {k: v for k, v in arms["estimate"].selection.items() if k.startswith("target_prior_")}
        kept.selection |= {f"target_mean_entropy_{a}_arm": h for a, h in entropies.items()}
        kept.selection[PRIOR_CHOICE_KEY] = float(arm == "estimate")
        return kept

    return resolved


# ---------------------------------------------------------------- the adapters
def adapt_feature_standardization(extractor: nn.Module, head: nn.Module, x_target: np.ndarray,
                                  source: FeatureStats | None, cfg: AdaptationConfig,
                                  labelled: tuple[np.ndarray, np.ndarray] | None = None,
                                  *, seed: int = 0) -> AdaptResult:
    """AdaBN without BatchNorm: insert ``FeatureAlign`` fitted to target and source moments.

    Purely local and training-free; ``labelled`` is not used (fine-tune afterwards if there
    are labels). The returned model is ``Sequential(extractor, FeatureAlign, head)``.
    """
    method = "feature_standardization"
    _check_inputs(method, x_target, source, cfg, labelled)
    source = _source_stats(method, source)
    extractor = copy.deepcopy(extractor).eval()
    head = copy.deepcopy(head).eval()
    before = _before(extractor, x_target)
    align = _fit_align(extractor, x_target, source, cfg)
    return _finish(method, extractor, head, align, x_target, source, [], [], before)


@with_prior_choice
def adapt_shot(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
               cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None,
               *, seed: int = 0) -> AdaptResult:
    """SHOT: frozen head; extractor trained with IM + β·CE(pseudo-labels from cosine k-means)."""
    method = "shot"
    extractor, head, align = _prepare(method, extractor, head, x_target, source, cfg, labelled)
    before = _before(extractor, x_target)
    trainer = _Trainer(method, extractor, head, cfg, labelled, align, seed=seed)
    prior = _TargetPrior(head, lambda: trainer.all_features(x_target), source, cfg)
    num_classes = _num_outputs(head, trainer, x_target)
    pseudo = {"labels": torch.zeros(len(x_target), dtype=torch.int64), "active": False}

    def epoch_start(epoch: int) -> None:
        prior.epoch_start(epoch)
        pseudo["active"] = cfg.pseudo_label_weight > 0 and epoch >= cfg.pseudo_label_warmup
        if pseudo["active"]:
            f = trainer.all_features(x_target)
            with torch.no_grad():
                logits = head(f)
            pseudo["labels"] = shot_pseudo_labels(f, logits, num_classes, cfg.pseudo_label_iterations)

    def objective(feats, logits, idx, progress):
        terms = {"im": cfg.im_weight * information_maximisation(logits, prior.prior)}
        if pseudo["active"]:
            terms["pseudo_ce"] = cfg.pseudo_label_weight * F.cross_entropy(logits, pseudo["labels"][idx])
        return terms

    losses, history = trainer.run(x_target, objective, epoch_start)
    return _finish(method, extractor, head, align, x_target, source, losses, history, before, prior)


@with_prior_choice
def adapt_coral(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
                cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None,
                *, seed: int = 0) -> AdaptResult:
    """Deep CORAL to the released source covariance and mean, plus IM; frozen head."""
    method = "coral"
    extractor, head, align = _prepare(method, extractor, head, x_target, source, cfg, labelled)
    source = _source_stats(method, source)
    before = _before(extractor, x_target)
    trainer = _Trainer(method, extractor, head, cfg, labelled, align, seed=seed)
    prior = _TargetPrior(head, lambda: trainer.all_features(x_target), source, cfg)
    lam = alignment_weight(cfg, method)

    def objective(feats, logits, idx, progress):
        return {"im": cfg.im_weight * information_maximisation(logits, prior.prior),
                "coral": lam * coral_loss(clip_features(feats, source.clip_norm), prior.tensor("total_cov"),
                                          prior.tensor("mean"))}

    losses, history = trainer.run(x_target, objective, prior.epoch_start)
    return _finish(method, extractor, head, align, x_target, source, losses, history, before, prior)


@with_prior_choice
def adapt_mmd(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
              cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None,
              *, seed: int = 0) -> AdaptResult:
    """RFF-MMD to the released source mean embedding, plus IM; frozen head."""
    method = "mmd"
    extractor, head, align = _prepare(method, extractor, head, x_target, source, cfg, labelled)
    source = _source_stats(method, source)
    before = _before(extractor, x_target)
    trainer = _Trainer(method, extractor, head, cfg, labelled, align, seed=seed)
    prior = _TargetPrior(head, lambda: trainer.all_features(x_target), source, cfg)
    lam = alignment_weight(cfg, method)

    def objective(feats, logits, idx, progress):
        return {"im": cfg.im_weight * information_maximisation(logits, prior.prior),
                "mmd": lam * rff_mmd_loss(clip_features(feats, source.clip_norm), prior.tensor("rff_mean"),
                                          source.rff)}

    losses, history = trainer.run(x_target, objective, prior.epoch_start)
    return _finish(method, extractor, head, align, x_target, source, losses, history, before, prior)


class DomainDiscriminator(nn.Module):
    """MLP in → hidden → hidden → 1 logit (source = 1, target = 0)."""

    def __init__(self, in_dim: int, hidden: int) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).squeeze(1)


@with_prior_choice
def adapt_dann(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
               cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None,
               *, seed: int = 0) -> AdaptResult:
    """DANN (or CDAN) against samples of the DP source-feature model, plus IM; frozen head.

    Source samples: y ~ priors, f ~ N(μ_y, W) (``FeatureStats.sample``), clipped like the
    released features; when every target feature is ≥ 0 (ReLU extractor) the samples are
    passed through ReLU too, so the discriminator cannot win on the sign alone.
    """
    method = "dann"
    extractor, head, align = _prepare(method, extractor, head, x_target, source, cfg, labelled)
    source = _source_stats(method, source)
    before = _before(extractor, x_target)
    d = source.dim
    k = source.num_classes
    with torch.random.fork_rng():      # reproducible discriminator init, global RNG untouched
        torch.manual_seed(seed)
        disc = DomainDiscriminator(d * k if cfg.conditional else d, cfg.discriminator_hidden)
    trainer = _Trainer(method, extractor, head, cfg, labelled, align,
                       extra_params=[{"params": list(disc.parameters()),
                                      "lr": cfg.learning_rate * cfg.discriminator_lr_scale}], seed=seed)
    prior = _TargetPrior(head, lambda: trainer.all_features(x_target), source, cfg)
    rng = np.random.default_rng(seed)
    lam = alignment_weight(cfg, method)
    nonnegative = bool((trainer.all_features(x_target[: min(len(x_target), 256)]) >= 0).all())

    def disc_input(f: torch.Tensor) -> torch.Tensor:
        if not cfg.conditional:
            return f
        p = F.softmax(head(f), dim=1).detach()
        return torch.bmm(p.unsqueeze(2), f.unsqueeze(1)).flatten(1)

    def objective(feats, logits, idx, progress):
        samples, _ = prior.sampler(cfg.sample_shrinkage)(len(idx), rng)
        fs = torch.from_numpy(samples)
        if nonnegative:
            fs = fs.clamp_min(0.0)
        fs = clip_features(fs, source.clip_norm)
        ft = clip_features(feats, source.clip_norm)
        ramp = 2.0 / (1.0 + math.exp(-10.0 * progress)) - 1.0
        d_s = disc(disc_input(fs))
        d_t = disc(disc_input(grad_reverse(ft, ramp)))
        domain = 0.5 * (F.binary_cross_entropy_with_logits(d_s, torch.ones_like(d_s))
                        + F.binary_cross_entropy_with_logits(d_t, torch.zeros_like(d_t)))
        return {"im": cfg.im_weight * information_maximisation(logits, prior.prior), "domain": lam * domain}

    losses, history = trainer.run(x_target, objective, prior.epoch_start)
    return _finish(method, extractor, head, align, x_target, source, losses, history, before, prior)


@with_prior_choice
def adapt_fixmatch(extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
                   cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None,
                   *, seed: int = 0) -> AdaptResult:
    """FixMatch: CE on weakly augmented labelled windows + λ_u · confident pseudo-label CE on
    strongly augmented unlabelled ones (see the module docstring). Head and extractor train."""
    method = "fixmatch"
    extractor, head, align = _prepare(method, extractor, head, x_target, source, cfg, labelled)
    assert labelled is not None  # _check_inputs refuses a method that needs labels without them
    before = _before(extractor, x_target)
    train_cfg = dataclasses.replace(cfg, train_head=True)
    trainer = _Trainer(method, extractor, head, train_cfg, labelled=None, align=align, seed=seed)
    keep = np.asarray(labelled[1]) >= 0
    xl = torch.from_numpy(np.ascontiguousarray(labelled[0][keep], dtype=np.float32))
    yl = torch.from_numpy(np.asarray(labelled[1])[keep].astype(np.int64))
    xt = torch.from_numpy(np.ascontiguousarray(x_target, dtype=np.float32))
    augment_rng = torch.Generator().manual_seed(seed + AUGMENT_SEED_OFFSET)  # own stream: batch order unaffected
    num_classes = _num_outputs(head, trainer, x_target)
    tracker = _TargetPrior(head, lambda: trainer.all_features(x_target), source, cfg)
    uniform = torch.full((num_classes,), 1.0 / num_classes)
    running: dict[str, torch.Tensor | None] = {"mean": None, "balanced": None}

    def target_prior() -> torch.Tensor:
        return uniform if tracker.prior is None else tracker.prior

    def epoch_start(epoch: int) -> None:
        tracker.epoch_start(epoch)
        if cfg.balanced_pseudo_labels:  # the model as it is now, on every unlabelled window, no augmentation
            with torch.no_grad():
                running["balanced"] = balanced_assignment(head(trainer.all_features(x_target)).softmax(dim=1),
                                                          target_prior())

    def objective(feats, logits, idx, progress):
        pick = torch.randint(len(yl), (min(cfg.batch_size, len(yl)),), generator=trainer.generator)
        weak = augment_batch(xl[pick], cfg.weak_augment, augment_rng)
        labelled_logits = restrict_logits(head(trainer.features(weak)))  # the plant's own classes only
        terms = {"labelled_ce": cfg.labelled_weight * F.cross_entropy(labelled_logits, yl[pick])}
        probs = logits.detach().softmax(dim=1)
        if running["balanced"] is not None:
            probs = running["balanced"][idx]
        elif cfg.distribution_alignment:  # running mean of the predictions: EMA over batches, momentum 0.9
            batch_mean = probs.mean(0)
            running["mean"] = batch_mean if running["mean"] is None else 0.9 * running["mean"] + 0.1 * batch_mean
            probs = distribution_alignment(probs, target_prior(), running["mean"])
        confidence, pseudo = probs.max(dim=1)
        mask = (confidence >= cfg.confidence_threshold).float()
        if cfg.unlabelled_weight > 0 and bool(mask.any()):
            strong = augment_batch(xt[idx], cfg.strong_augment, augment_rng)
            per_window = F.cross_entropy(head(trainer.features(strong)), pseudo, reduction="none")
            terms["unlabelled_ce"] = cfg.unlabelled_weight * (mask * per_window).mean()
        return terms

    losses, history = trainer.run(x_target, objective, epoch_start)
    return _finish(method, extractor, head, align, x_target, source, losses, history, before, tracker)


def _num_outputs(head: nn.Module, trainer: _Trainer, x_target: np.ndarray) -> int:
    out_features = getattr(head, "out_features", None)
    if isinstance(out_features, int):
        return out_features
    with torch.no_grad():
        return int(head(trainer.all_features(x_target[:2])).shape[1])


# ---------------------------------------------------------------- by name
Adapter = Callable[..., AdaptResult]


def adapter_named(method: str) -> Adapter:
    """The adapter registered as ``method`` (ValueError naming the adapters if it is not one)."""
    if method not in TRANSFER_METHODS or TRANSFER_METHODS.get(method).kind != ADAPTER:
        known = ", ".join(TRANSFER_METHODS.names(kind=ADAPTER))
        raise ValueError(f"no adapter {method!r} (fine-tuning methods are personalisation, "
                         f"common/transfer/finetune.py): known adapters {known}")
    return TRANSFER_METHODS.load(method)


def adapt(method: str, extractor: nn.Module, head: nn.Module, x_target: np.ndarray, source: FeatureStats | None,
          cfg: AdaptationConfig, labelled: tuple[np.ndarray, np.ndarray] | None = None, *,
          seed: int = 0) -> AdaptResult:
    """Run the registered adapter ``method``."""
    return adapter_named(method)(extractor, head, x_target, source, cfg, labelled, seed=seed)
