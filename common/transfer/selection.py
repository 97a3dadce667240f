"""Do no harm: which model a plant keeps, decided on its own data only.

Labelled plant (:func:`validation_split`, :func:`pick`): a validation split ``V`` is carved from
the plant's labelled *training* windows (never its test split). Per class ``k`` with ``n_k``
labelled windows, ``v_k = ⌊f·n_k⌉`` go to ``V`` (``v_k ≥ 1`` when ``n_k ≥ 2``, one window always
stays for fitting); a task without classes takes ``⌊f·n_k⌉`` per label value its windows carry
(a run, a condition; one group when they carry none). They are the **last** ``v_k`` in
window order, which every source keeps in time order within a recording (C-MAPSS: engine by
engine), so ``V`` is the latest stretch of the plant's own labelled data, as its test split is the
latest stretch of each recording; a window drawn at random would sit between fit windows that
share most of its samples (overlapping windows, one engine's cycles) and score too well. With
overlapping windows (stride ``s`` < length ``L``), the ``⌈L/s⌉ − 1`` windows just before each
class's validation block overlap it and are dropped from fitting (``gap``). When ``|V| < floor`` the
split is too small to rank models (one window moves accuracy by more than ``1/floor``): no split
is made and the plant keeps its configured phase-two model (the documented default). Every
candidate is trained on the remaining labelled windows and scored on ``V`` with the task's
primary metric ``m``; the plant keeps ``argbest_c m_c(V)``, ties going to the earlier candidate
in :data:`PREFERENCE`. ``V`` and its gap are held out of phase one too (the plant pretrains on the fit
windows, DP-SGD sampling from those), so no candidate, federated or local, has trained on ``V``
and every score on it is an unbiased estimate; ties go to local-only first, the model the plant can
always have.

Several outputs (regression with K > 1, e.g. a soft sensor's analysers): the score is the mean
over outputs of ``RMSE_k / s_k`` with ``s_k`` the output's target scale, i.e. each output weighed as
the training loss weighs it (:func:`selection_score`); the pooled RMSE in target units would let
the output with the largest units decide alone.

Leaving local-only takes evidence (:func:`leaves_local_only`): the plant's own model is the one it
can always have, so another candidate that scores better on ``V`` is kept only when a one-sided
sign test on the validation windows where the two differ says it is better: with ``b`` windows
where the candidate's error is smaller and ``w`` where it is larger, ``p = P(X ≥ b), X ~ Bin(b + w,
½)`` must be at most ``EVIDENCE_ALPHA`` = 0.05 (fixed in advance, not tuned; errors: 0/1 for a
class, squared error in target-scale units for a number). Otherwise the plant keeps local-only.
On a small ``V`` this asks for a clear margin (10 windows: 5 better and none worse), which is the
point: one window there moves accuracy by 10 points.

Coverage: a plant labelled for only some of the federation's classes cannot score the others on
``V``, and its local-only model never predicts them, so on ``V`` it would beat every model that
also knows the other plants' faults. Such a plant keeps the best candidate that covers the
federation's classes (``excluded`` in :func:`pick`: local-only is scored and reported, not kept),
unless local-only is clearly better on its own classes: the same one-sided sign test, the other way
round, on ``V``'s per-window errors of local-only and of the covering candidate as the plant would
use it (its argmax over the own classes when it carries the never-had routing, whose threshold keeps
every own validation window among them). Then the plant keeps local-only and does not recognise
the classes it has no labels for: recognising another plant's fault is not worth a clear loss on its
own (``client/selection.py: keep_labelled``).

Unlabelled target (:func:`guard`): with ``p̄ = mean_i softmax(z_i)`` over the target windows,
``H(p̄)/log K`` is the prediction balance ``b`` and ``K_eff = K^b = exp H(p̄)`` the effective number
of classes predicted. The adapted model is kept only if both hold, else the source-only model is:

1. alignment did what it claims: ``MMD²_after < MMD²_before`` (RFF-MMD² of the target features to
   the sources' released statistics; skipped without statistics);
2. no class-balance collapse: ``K_eff,after ≥ ½·K_eff,before``, i.e.
   ``(b_before − b_after)·ln K ≤ ln 2`` (adaptation did not fold half the predicted classes away).

Both thresholds are ratios of the plant's own before/after numbers, so a plant applies them to
its own windows with nothing tuned elsewhere. Whichever model is kept, when it puts at least 95 %
of the plant's windows in one class while the plant declares two or more (:func:`one_class_warning`),
the verdict carries a warning: both candidates may be one-class (a sensor the shared model does not
transfer to), which no before/after ratio detects. ``agreement`` (share of target windows where the
adapted and source-only predictions agree) is reported beside them, not used as a trigger: low
agreement is expected both when adaptation repairs a useless source model and when it breaks a
good one.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from common.task import Task

logger = logging.getLogger(__name__)

VALIDATION_FRACTION = 0.2
VALIDATION_FLOOR = 10
PREFERENCE = ("local_only", "federated_personalised", "federated_adapted", "federated_global")
"""Candidate names, in the order a tie on the validation metric is broken."""
COLLAPSE_RATIO = 0.5


@dataclass(frozen=True)
class Split:
    """Indices into the training windows: those candidates fit on, and the validation split."""

    fit: np.ndarray
    val: np.ndarray


def overlap_gap(length: int, stride: int | None) -> int:
    """Windows before a validation block that share samples with its first window: ⌈L/s⌉ − 1."""
    step = length if stride is None else stride
    return max(0, -(-length // step) - 1)


def validation_split(y: np.ndarray, has_classes: bool, fraction: float = VALIDATION_FRACTION,
                     floor: int = VALIDATION_FLOOR, gap: int = 0) -> Split | None:
    """Per class the last ``fraction`` of the labelled windows (``y ≥ 0``, window order) as validation,
    the ``gap`` windows before each block left out of fitting; None below ``floor`` (module docstring)."""
    labelled = np.flatnonzero(y >= 0)
    # per label value: a class, or the run / condition label a regression plant's windows carry (TEP quality:
    # the run; C-MAPSS: fails within the horizon), so every run keeps its own latest stretch for validation
    groups = [labelled[y[labelled] == k] for k in np.unique(y[labelled])]
    val: list[np.ndarray] = []
    dropped: list[np.ndarray] = []
    for idx in groups:
        n = len(idx)
        if n < 2:
            continue
        v = min(max(1, int(round(fraction * n))), n - 1) if has_classes else int(fraction * n)
        if v == 0:
            continue
        val.append(idx[n - v:])
        dropped.append(idx[max(1, n - v - gap):n - v])   # one window always stays for fitting
    chosen = np.concatenate(val) if val else np.zeros(0, dtype=np.int64)
    if len(chosen) < floor:
        return None
    left_out = np.concatenate([chosen, *dropped])
    return Split(fit=np.setdiff1d(labelled, left_out), val=np.sort(chosen))


SCALED_RMSE = "mean over outputs of RMSE / target scale"


def selection_metric(task: Task, num_outputs: int) -> str:
    """The name of what :func:`selection_score` ranks by."""
    return SCALED_RMSE if task.primary_metric == "rmse" and num_outputs > 1 else task.primary_metric


def selection_score(metrics: Mapping[str, float], task: Task, scale: float | tuple[float, ...] = 1.0) -> float:
    """The validation score a candidate is ranked by: the task's primary metric; for several outputs
    with per-output RMSEs (``rmse/<name>``, in output order), ``mean_k RMSE_k / s_k`` (module docstring)."""
    per_output = [float(v) for k, v in metrics.items() if k.startswith(f"{task.primary_metric}/")]
    if task.primary_metric != "rmse" or len(per_output) < 2:
        return float(metrics[task.primary_metric])
    scales = np.broadcast_to(np.asarray(scale, dtype=np.float64), (len(per_output),))
    return float(np.mean(np.asarray(per_output) / scales))


def pick(scores: Mapping[str, float], task: Task, excluded: Mapping[str, str] | None = None,
         metric: str = "") -> tuple[str, str]:
    """(best candidate on the validation split by the task's primary metric, reason); candidates in
    ``excluded`` (name → why) are listed in the reason but never kept."""
    excluded = dict(excluded or {})
    eligible = [c for c in scores if c not in excluded]
    if not eligible:
        raise ValueError("no candidate to choose from")
    order = sorted(scores, key=lambda c: PREFERENCE.index(c) if c in PREFERENCE else len(PREFERENCE))
    best = next(c for c in order if c in eligible)
    for name in order:
        if name in eligible and task.better(scores[name], scores[best]):
            best = name
    listed = ", ".join(f"{c} {scores[c]:.4g}" for c in order)
    why = f"best validation {metric or task.primary_metric} ({listed})"
    if excluded:
        why += "; not kept: " + "; ".join(f"{c} ({reason})" for c, reason in excluded.items())
    return best, why


EVIDENCE_ALPHA = 0.05


def sign_test_p(better: int, worse: int) -> float:
    """One-sided sign test: ``P(X ≥ better)`` for ``X ~ Bin(better + worse, ½)`` (1 when no window differs)."""
    n = better + worse
    if n == 0:
        return 1.0
    return float(sum(math.comb(n, k) for k in range(better, n + 1)) / 2**n)


def leaves_local_only(candidate_errors: np.ndarray, local_errors: np.ndarray,
                      alpha: float = EVIDENCE_ALPHA) -> tuple[bool, str]:
    """Whether the validation windows' per-window errors show the candidate better than local-only
    (module docstring), and the evidence in words."""
    better = int(np.sum(candidate_errors < local_errors))
    worse = int(np.sum(candidate_errors > local_errors))
    p = sign_test_p(better, worse)
    return p <= alpha, f"better on {better}, worse on {worse} validation windows, sign test p = {p:.3g} (α = {alpha:g})"


@dataclass(frozen=True)
class GuardVerdict:
    """Whether an unlabelled target keeps its adapted model, why, and the numbers behind it."""

    keep_adapted: bool
    reason: str
    diagnostics: dict[str, float]


ONE_CLASS_SHARE = 0.95
"""Share of an unlabelled plant's windows in one predicted class above which its kept model is flagged."""


def one_class_warning(predicted: np.ndarray, class_names: Sequence[str], declared: int) -> tuple[float, str | None]:
    """(share of windows in the most predicted class, a warning or None), label-free.

    A plant that declares ``declared`` ≥ 2 classes and whose kept model puts at least
    :data:`ONE_CLASS_SHARE` of its windows in one class is warned: either its windows really are
    nearly all of that class, or the shared model maps this plant's sensor (position, rate) onto one
    class and adaptation did not repair it; without labels neither the guard nor the plant can tell
    which (every label-free number, the prior estimate included, is read off the same model). The
    warning says how to find out. 95 % is fixed in advance: a plant with its classes in any mix
    short of one class at 95 % is not flagged.
    """
    pred = np.asarray(predicted).ravel()
    if len(pred) == 0:
        return float("nan"), None
    values, counts = np.unique(pred, return_counts=True)
    top = int(values[np.argmax(counts)])
    share = float(counts.max() / len(pred))
    if declared < 2 or share < ONE_CLASS_SHARE:
        return share, None
    name = class_names[top] if 0 <= top < len(class_names) else str(top)
    # no window count here: it leaves with the guard (release category gap), sizes are their own category
    return share, (f"unreliable: the kept model calls {100 * share:.1f} % of this plant's windows "
                   f"{name!r} though the plant declares {declared} classes; unless nearly all its windows are "
                   f"{name!r}, the shared model does not transfer to this plant's sensor (position or rate) and "
                   "adaptation did not repair it: check window.resample_to_hz against the other plants' rate, or "
                   "label a few windows of each class (the plant then keeps the better of local-only and the "
                   "federated models on its own validation windows)")


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    """Share of windows on which two predictions agree (label-free)."""
    return float(np.mean(a == b)) if len(a) else float("nan")


def guard(diagnostics: Mapping[str, float], num_classes: int, agree: float = float("nan")) -> GuardVerdict:
    """The negative-transfer guard over an adapter's ``*_before`` / ``*_after`` diagnostics (module docstring)."""
    d = {k: float(v) for k, v in diagnostics.items()}
    out = dict(d, agreement=agree)
    problems = []
    before, after = d.get("rff_mmd2_to_source_before"), d.get("rff_mmd2_to_source_after")
    if before is not None and after is not None and math.isfinite(before) and after >= before:
        problems.append(f"alignment did not reduce the distance to the sources (MMD² {before:.4g} → {after:.4g})")
    b0, b1 = d.get("target_prediction_balance_before"), d.get("target_prediction_balance_after")
    if b0 is not None and b1 is not None and num_classes > 1:
        k0, k1 = num_classes ** b0, num_classes ** b1
        out.update(effective_classes_before=k0, effective_classes_after=k1)
        if k1 < COLLAPSE_RATIO * k0:
            problems.append(f"class-balance collapse (effective classes predicted {k0:.2f} → {k1:.2f})")
    if problems:
        return GuardVerdict(False, "kept the source-only model: " + "; ".join(problems), out)
    return GuardVerdict(True, "adaptation passed the guard (distance to sources fell, no class collapse)", out)
