"""One plant's work: pretrain the shared model on its data, train its baselines, evaluate; its
state, data and privacy (phase two, personalisation and adaptation, is ``client/transfer.py``).

Takes typed configs and numpy arrays; knows nothing of Flower. The plant's own head, its
local models and its privacy ledger live in its state directory and never leave it: the only
parameters returned are the shared ones (``extractor.*`` and ``reference_head.*``).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn

from client.smoothing import kept_weight, smoothed_metrics
from client.state import PlantState
from common import wire
from common.compression import encode_update
from common.config.schema import DetectorConfig, RunSpec
from common.data import PlantData
from common.labelset import (
    align_to_union,
    labelled_class_mask,
    missing_from,
    missing_scale,
    own_classes,
    per_class_metrics,
)
from common.models import PlantModel, build_model, load_shared, shared_state
from common.privacy.accounting import (
    HistoryEntry,
    default_delta,
    noise_for_target_epsilon,
    planned_gaussian_sigma,
    release_noise_floor,
    steps_per_epoch,
)
from common.privacy.ledger import MECHANISM_DP_SGD, MECHANISM_GAUSSIAN, LedgerEntry, PrivacyLedger, now_iso
from common.privacy.noise import NoiseSource
from common.privacy.policy import SAFE_DEFAULT, PrivacyPolicy, refusals
from common.target_scaling import own_target_scale
from common.task import task_named
from common.training import make_optimizer, predict_logits, train_supervised
from common.transfer.open_set import META_KEY as OPEN_SET_KEY
from common.transfer.open_set import OpenSetRule, rule_extractor, unknown_rate
from common.transfer.routing import META_KEY as ROUTING_KEY
from common.transfer.routing import RoutingRule
from common.transfer.selection import Split, overlap_gap, validation_split

logger = logging.getLogger(__name__)

PERSONAL_MODEL = "personalised"   # the model the plant keeps (client/selection.py): predict / export use it
PERSONAL_CANDIDATE = "personalised_candidate"   # the personalisation candidate, for the report
LOCAL_ONLY_MODEL = "local_only"
DP_PLAN = "dp_plan"
OPTIMIZER_STATE = "pretrain_optimizer"
RELEASE_CACHE = "pretrain_release"
FINAL_METRICS = "final_metrics"


def arrays_digest(arrays: dict[str, np.ndarray]) -> str:
    """A digest of the global parameters a round starts from (same input → same round)."""
    h = hashlib.sha256()
    for key in sorted(arrays):
        a = np.ascontiguousarray(arrays[key])
        h.update(key.encode())
        h.update(str(a.dtype).encode() + str(a.shape).encode())
        h.update(a.tobytes())
    return h.hexdigest()


def device_for_plant() -> str:
    """`FACTORYFL_DEVICE` if set; else CUDA when this process sees a GPU (in simulation Ray hides
    GPUs from plants that asked for none); else the CPU."""
    import os

    chosen = os.environ.get("FACTORYFL_DEVICE")
    if chosen:
        return chosen
    return "cuda" if torch.cuda.is_available() else "cpu"


ONE_CLASS_DECLINE = "labels for one class only"
"""How a plant labelled for one class declines pretraining (by design: :meth:`Plant.pretrain`)."""


def dp_preprocessing_problem(data: PlantData) -> str:
    """Why a plant whose windows share a statistic (``cross_window_statistics``) refuses a run with DP."""
    return (f"privacy.enabled with data-dependent preprocessing ({data.cross_window_statistics}): one "
            "window then moves every normalised input and DP-SGD's one-window bound does not hold; prepare "
            "this plant's windows each on its own or with constants fixed in advance (a directory plant of "
            "kind table: the manifest's 'scaling', common/data/FORMAT.md; a tep plant: reference_hours), or "
            "run it without DP")


def derive_seed(*parts: object) -> int:
    """A stable 31-bit seed from any parts (scenario seed, plant id, round, purpose)."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "little") & 0x7FFFFFFF


class PolicyRefusal(ValueError):
    """The run spec asks for less privacy than this plant's own policy allows."""


STATS_QUERIES = 4   # a feature-statistics release is four Gaussian queries (common/transfer/stats.py)
EVAL_QUERIES = 2    # a DP evaluation releases two noisy counts (correct, total)


@dataclass(frozen=True)
class PretrainResult:
    """A plant's answer to one pretraining round."""

    status: str                                   # "ok" or "declined"
    reason: str = ""
    arrays: dict[str, np.ndarray] | None = None   # shared keys only
    num_examples: int = 0
    train_loss: float = float("nan")
    first_loss: float = float("nan")
    steps: int = 0
    privacy: dict[str, float] = field(default_factory=dict)


def _head_module(model: PlantModel) -> nn.Module:
    return nn.Sequential(model.extractor, model.head)


def _reference_module(model: PlantModel) -> nn.Module:
    return nn.Sequential(model.extractor, model.reference_head)


class RoutedDecision(nn.Module):
    """The kept model deciding as `factoryfl predict` does with its never-had routing rule
    (``common.transfer.routing.RoutingRule.predict``): log-probabilities 0 at the routed class and
    ``-LOG_FLOOR`` elsewhere, so every metric (and its smoothing, a vote then) scores that decision."""

    LOG_FLOOR = 30.0

    def __init__(self, model: PlantModel, rule: RoutingRule) -> None:
        super().__init__()
        self.model, self.rule = model, rule

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = self.model.extractor(x)
        logits = self.model.head(features)
        classes = self.rule.predict(features.detach().cpu().numpy(), logits.detach().cpu().numpy())
        out = torch.full_like(logits, -self.LOG_FLOOR)
        out[torch.arange(len(out)), torch.as_tensor(classes, device=out.device)] = 0.0
        return out


class Plant:
    """A plant with its data (train/test split) and its on-disk state."""

    def __init__(self, plant_id: str, data: PlantData, state: PlantState,
                 privacy_budget: float | None = None, transfer: str | None = None,
                 policy: PrivacyPolicy = SAFE_DEFAULT, reproducible_noise: bool = False,
                 detector: DetectorConfig | None = None) -> None:
        self.plant_id = plant_id
        self.data = data
        self.own_classes = tuple(data.class_names)  # as declared; ``data`` moves onto the federation's union
        self.state = state
        self.policy = policy.with_budget(privacy_budget)
        self.transfer = transfer  # this plant's own choice of phase-2 method (None: the federation's default)
        # research only (simulation.reproducible_noise): noise keyed from public values, NOT private
        self.reproducible_noise = reproducible_noise
        self.detector = detector  # anomaly detection (client/anomaly.py), None: none
        self.device = torch.device(device_for_plant())
        # the labelled windows δ is stated for: all the plant holds, also in its pretraining view
        # (which hides the validation split's labels); None: count them
        self.delta_records: int | None = None
        # target_scaling: plant: the spread of its labelled training targets, fixed once (views keep it)
        self.own_scale: float | tuple[float, ...] | None = None

    # ---------------------------------------------------------------- helpers
    def align(self, spec: RunSpec) -> None:
        """Map this plant's labels onto the federation's class union by name (once per union)."""
        if task_named(spec.task).has_classes and tuple(self.data.class_names) != tuple(spec.class_names):
            if tuple(self.data.class_names) != self.own_classes:  # on another run's union: back to its own
                own = [list(self.data.class_names).index(n) for n in self.own_classes]
                lookup = np.full(len(self.data.class_names) + 1, -1, dtype=np.int64)
                lookup[own] = np.arange(len(own))
                back = {name: getattr(self.data, name).with_labels(lookup[getattr(self.data, name).y])
                        for name in ("train", "test")}
                self.data = dataclasses.replace(self.data, class_names=self.own_classes, **back)
            self.data = align_to_union(self.data, spec.class_names)

    def class_mask(self, spec: RunSpec | None) -> np.ndarray | None:
        """Which of the federation's classes this plant has training labels for (None: all of them,
        none, or a task without classes): the classes its losses cover."""
        if spec is None or not task_named(spec.task).has_classes:
            return None
        self.align(spec)
        return labelled_class_mask(self.data.train.y, spec.num_classes)

    def declared_class_mask(self, spec: RunSpec | None) -> np.ndarray | None:
        """Which of the federation's classes this plant declared in its class list (None: all of
        them, or a task without classes): the classes it can have, labelled or not."""
        if spec is None or not task_named(spec.task).has_classes:
            return None
        mask = np.array([name in self.own_classes for name in spec.class_names])
        return None if mask.all() or not mask.any() else mask

    def lacks_learnt_classes(self, spec: RunSpec | None) -> bool:
        """Whether this plant has labels for only some of the classes the federation can teach: those some
        labelled plant declared (``spec.labelled_classes``; all the federation's classes when not known). A
        class no plant had labels for is not one this plant lacks: nobody can teach it."""
        if spec is None or not task_named(spec.task).has_classes:
            return False
        have = set(self.labelled_classes())
        return any(c not in have for c in (spec.labelled_classes or spec.class_names))

    def learnt_class_mask(self, spec: RunSpec) -> np.ndarray:
        """(K,) bool over the federation's classes: those some labelled plant declared labels for (all when
        not known)."""
        learnt = spec.labelled_classes or spec.class_names   # as lacks_learnt_classes: none declared, all
        return np.array([c in learnt for c in spec.class_names], dtype=bool)

    def labelled_classes(self) -> list[str]:
        """The declared classes this plant has training labels for (a declared fact, like its classes)."""
        counts = self.data.train.class_counts(self.data.num_classes)
        return [name for name, n in zip(self.data.class_names, counts) if n > 0 and name in self.own_classes]

    def target_scale(self, spec: RunSpec) -> float | tuple[float, ...]:
        """What a regression target is divided by: the scenario's ``target_scale``, or with
        ``target_scaling: plant`` this plant's own spread of each output over its labelled training
        windows (``common.target_scaling``; it stays here, in the plant's model file)."""
        target = getattr(self.data.train, "target", None)
        if spec.target_scaling != "plant" or target is None:
            return spec.target_scale
        if self.own_scale is None:
            self.own_scale = own_target_scale(target, self.data.train.y)
        return self.own_scale

    def targets(self, spec: RunSpec, split: str = "train") -> np.ndarray:
        """What the model learns: class labels (on the federation's class union), or the target
        scaled by 1/target_scale (the plant's own with ``target_scaling: plant``; NaN = unlabelled)."""
        self.align(spec)
        ws = getattr(self.data, split)
        if task_named(spec.task).needs_target:
            if getattr(ws, "target", None) is None:
                raise ValueError(f"plant {self.plant_id}: task is {spec.task} but its data ({self.data.source}) "
                                 "carry no target per window; use a source with targets (e.g. cmapss)")
            scale = self.target_scale(spec)
            target = ws.target.astype(np.float32) / (np.float32(scale) if isinstance(scale, (int, float))
                                                     else np.asarray(scale, np.float32))
            labelled_rows = (ws.y >= 0).reshape(-1, *([1] * (target.ndim - 1)))
            return np.where(labelled_rows, target, np.nan).astype(np.float32)
        return ws.y

    def evaluate(self, module: nn.Module, spec: RunSpec, per_class: bool = False) -> dict[str, float]:
        """The task's metrics of ``module`` on the held-out split; with ``per_class``, also the recall of
        each class and the accuracy on own / never-labelled classes (``common.labelset.per_class_metrics``)."""
        task = task_named(spec.task)
        y = self.targets(spec, "test")
        out = task.evaluate(module, self.data.test.x, y, spec.num_classes, self.target_scale(spec),
                            spec.target_range, self.data.target_names)
        if per_class and task.has_classes and len(y):
            pred = predict_logits(module, self.data.test.x).argmax(dim=1).numpy()
            out.update(per_class_metrics(y, pred, spec.class_names, self.class_mask(spec)))
        return out

    def model_for(self, spec: RunSpec, shared: dict[str, np.ndarray] | None) -> PlantModel:
        """The run's model on this plant's device, with the shared parameters loaded when given."""
        model = build_model(self.data.channels, spec.num_outputs, spec.model, seed=spec.seed).to(self.device)
        if shared is not None:
            load_shared(model, {k: torch.from_numpy(np.asarray(v)) for k, v in shared.items()})
        return model

    def check_fits(self, spec: RunSpec) -> None:
        """The plant's data must fit the shared model; name every mismatch and the fix."""
        problems = []
        if spec.channels and self.data.channels != spec.channels:
            fix = ("give this site the same sensors, include_op_settings and baseline_cycles as the others"
                   if self.data.source == "cmapss" else "select or merge sensor channels to match")
            problems.append(f"{self.data.channels} channel(s) != the federation's {spec.channels}: {fix}")
        rate = spec.window.sample_rate_hz
        if rate is not None and abs(self.data.sample_rate_hz - rate) > 1e-6 * rate:
            problems.append(f"sampling rate {self.data.sample_rate_hz:g} Hz != the federation's {rate:g} Hz: "
                            "set window.resample_to_hz to the federation's rate (each plant then resamples its own "
                            "recordings), or unset window.sample_rate_hz to accept mixed rates")
        if task_named(spec.task).needs_target and self.data.target_outputs != spec.target_outputs:
            problems.append(f"its target has {self.data.target_outputs} output(s) per window but the federation's "
                            f"target_outputs is {spec.target_outputs}: set target_outputs in the scenario to match")
        missing = missing_from(self.own_classes, spec.class_names) if task_named(spec.task).has_classes else []
        if missing:
            problems.append(
                f"classes {missing} are not among the federation's {list(spec.class_names)}: "
                "start the federation with this plant so its classes join the union"
            )
        if self.data.window_length != spec.window.length:
            problems.append(
                f"window length {self.data.window_length} != federation's {spec.window.length}: "
                "cut windows of the shared length"
            )
        if problems:
            raise ValueError(f"plant {self.plant_id}: data do not fit the shared model: " + "; ".join(problems))
        self.align(spec)

    @property
    def n_labelled(self) -> int:
        return int((self.data.train.y >= 0).sum())

    def ledger(self) -> PrivacyLedger:
        return PrivacyLedger(self.state.ledger_path, self.plant_id)

    def own_delta(self) -> float:
        """The δ this plant's policy states its ε at: its own, else min(1e-5, 1/(10·n)), n its labelled windows."""
        if self.policy.delta is not None:
            return self.policy.delta
        return default_delta(self.n_labelled if self.delta_records is None else self.delta_records)

    def validation_split(self, spec: RunSpec) -> Split | None:
        """The windows this plant ranks its candidate models on (``common.transfer.selection``); None:
        unlabelled, or too few labels for a split."""
        if self.n_labelled == 0:
            return None
        return validation_split(self.data.train.y, task_named(spec.task).has_classes,
                                gap=overlap_gap(spec.window.length, spec.window.stride))

    def without_labels_of(self, rows: np.ndarray) -> Plant:
        """The same plant (same state directory, same δ) with the labels of ``rows`` hidden (y = −1)."""
        y = self.data.train.y.copy()
        y[rows] = -1
        target = getattr(self.data.train, "target", None)
        if self.own_scale is None and target is not None:
            self.own_scale = own_target_scale(target, self.data.train.y)  # all its labels
        view = copy.copy(self)
        view.data = dataclasses.replace(self.data, train=dataclasses.replace(self.data.train, y=y))
        view.delta_records = self.n_labelled if self.delta_records is None else self.delta_records
        return view

    def pretraining_view(self, spec: RunSpec) -> Plant:
        """The plant as phase one sees it: only the labels its candidates fit on (``split.fit``) kept, so the
        federated models it later ranks on the validation split never trained on it, nor on the windows
        just before each validation block that share samples with it (an unbiased choice). DP-SGD then
        samples from the n_fit windows it trains on (q = B/n_fit); δ stays stated for all n."""
        split = self.validation_split(spec)
        if split is None:
            return self
        return self.without_labels_of(np.setdiff1d(np.flatnonzero(self.data.train.y >= 0), split.fit))

    def delta(self, spec: RunSpec) -> float:
        """δ for this run: the plant's own, or the coordinator's if that is smaller (never larger)."""
        asked = spec.privacy.delta if spec.privacy.enabled else None
        return self.own_delta() if asked is None else min(asked, self.own_delta())

    def budget(self, spec: RunSpec) -> float | None:
        """The lifetime budget: the plant's own; a coordinator's budget can only tighten it."""
        limits = [b for b in (self.policy.budget_epsilon, spec.privacy.budget_epsilon) if b is not None]
        return min(limits) if limits else None

    def ceiling(self, spec: RunSpec) -> float | None:
        """The ε no release of this run may take the ledger above: the budget, and the run's target."""
        limits = [b for b in (self.budget(spec), spec.privacy.target_epsilon if spec.privacy.enabled else None)
                  if b is not None]
        return min(limits) if limits else None

    def dp_applies(self, spec: RunSpec | None) -> bool:
        """Whether this plant's replies are under its DP promise (only ledger or allowed releases)."""
        return self.policy.require_dp or (spec is not None and spec.privacy.enabled)

    def check_policy(self, spec: RunSpec) -> None:
        """Refuse a run spec that asks for less privacy than the plant's policy allows."""
        problems = refusals(self.policy, spec.privacy, self.own_delta())
        if spec.privacy.enabled and self.data.cross_window_statistics:
            problems.append(dp_preprocessing_problem(self.data))
        if problems:
            raise PolicyRefusal(f"plant {self.plant_id} refuses this run (its own privacy policy): "
                                + "; ".join(problems))

    def noise_for(self, spec: RunSpec, *parts: object) -> NoiseSource:
        """Secret noise for one release (reproducible from public parts only in a research simulation)."""
        return NoiseSource.for_release(self.reproducible_noise, spec.seed, self.plant_id, *parts)

    def planned_gaussians(self, spec: RunSpec) -> list[tuple[float, int]]:
        """The run's planned plain-Gaussian releases besides DP-SGD, as (configured σ, count)."""
        out = []
        if spec.source_stats_planned and self.n_labelled > 0:
            out.append((spec.transfer.stats.noise_multiplier, STATS_QUERIES))
        if spec.privacy.evaluation_noise_multiplier is not None and task_named(spec.task).releases_dp_counts:
            out.append((spec.privacy.evaluation_noise_multiplier, EVAL_QUERIES))
        return out

    def gaussian_sigma(self, spec: RunSpec, run_name: str, configured: float) -> float:
        """σ of a plain Gaussian release in this run: raised to the run's release floor when a target
        calibrated the run (``release_noise_floor``; a plan stored before the floor existed raised it to
        DP-SGD's σ, as it was calibrated)."""
        plan = self.state.load_json(DP_PLAN)
        if spec.privacy.enabled and plan and plan.get("run") == run_name:
            floor = plan.get("release_noise_multiplier", plan["noise_multiplier"])
            return planned_gaussian_sigma(configured, float(floor))
        return float(configured)

    def record_gaussian(self, spec: RunSpec, run_name: str, purpose: str, sigma: float, count: int,
                        sensitivity: float) -> str | None:
        """Account ``count`` Gaussian queries at σ in the ledger; or why not (the ceiling would be passed).

        A plant whose windows share statistics (``cross_window_statistics``: one window moves every
        normalised window, so no per-window bound holds) claims no ε for the release: it is refused
        under DP (:meth:`check_policy`), and in a run without DP it leaves as that run's other replies
        do, outside the ledger, whose ε would otherwise under-report it."""
        if self.data.cross_window_statistics:
            logger.info("plant %s: %s released without a DP claim (no ledger entry): %s", self.plant_id, purpose,
                        self.data.cross_window_statistics)
            return None
        ledger = self.ledger()
        delta = self.delta(spec)
        planned: list[HistoryEntry] = [(sigma, 1.0, 1)] * count
        eps_after = ledger.epsilon(delta, spec.privacy.accountant, planned)
        ceiling = self.ceiling(spec)
        if ceiling is not None and eps_after > ceiling + 1e-9:
            return (f"privacy budget: releasing {purpose} would reach ε={eps_after:.3f} > {ceiling:g} "
                    "(the run's target or the plant's budget)")
        for _ in range(count):
            ledger.record(LedgerEntry(mechanism=MECHANISM_GAUSSIAN, noise_multiplier=sigma, sample_rate=1.0, steps=1,
                                      time=now_iso(), run=run_name, round=0, purpose=purpose,
                                      max_grad_norm=sensitivity))
        return None

    def privacy_status(self, spec: RunSpec) -> dict[str, float]:
        """ε spent over the plant's whole ledger (never one round's)."""
        ledger = self.ledger()
        if not spec.privacy.enabled and not self.policy.require_dp and not ledger.entries:
            return {}
        delta = self.delta(spec)
        out = {"epsilon": ledger.epsilon(delta, spec.privacy.accountant), "delta": delta,
               "steps_total": float(ledger.total_steps())}
        budget = self.budget(spec)
        if budget is not None:
            out["budget"] = budget
        return out

    def _noise_multiplier(self, spec: RunSpec, run_name: str, ledger: PrivacyLedger) -> float:
        """σ for this run: configured, or calibrated once per run so the ledger ends at target ε.

        The calibration counts everything already in the ledger plus the whole planned run,
        and is stored in the plant's state so every round of the run uses the same σ.
        """
        privacy = spec.privacy
        if privacy.noise_multiplier is not None:
            return privacy.noise_multiplier
        target_epsilon = privacy.target_epsilon
        if target_epsilon is None:  # PrivacyConfig.problems() refuses a config with neither
            raise ValueError("privacy: set exactly one of noise_multiplier or target_epsilon")
        stored = self.state.load_json(DP_PLAN)
        if stored and stored.get("run") == run_name:
            return float(stored["noise_multiplier"])
        q, per_epoch = steps_per_epoch(self.n_labelled, spec.federation.training.batch_size)
        planned = spec.federation.rounds * spec.federation.training.local_epochs * per_epoch
        gaussians = self.planned_gaussians(spec)
        delta = self.delta(spec)
        # the releases made once (feature statistics, DP evaluation) get at most release_share of what the
        # run may still spend; DP-SGD's σ is calibrated for the rest
        # (never below the plant's own σ floor)
        remaining = target_epsilon - ledger.epsilon(delta, privacy.accountant)
        release_floor = max(release_noise_floor(gaussians, privacy.release_share * remaining, delta,
                                                privacy.accountant) if remaining > 0 else 0.0,
                            self.policy.min_noise_multiplier or 0.0)
        sigma = noise_for_target_epsilon(target_epsilon, delta, q, planned, prior=ledger.history(),
                                         accountant=privacy.accountant, gaussians=gaussians,
                                         release_floor=release_floor)
        floor = self.policy.min_noise_multiplier
        if floor is not None and sigma < floor:
            raise PolicyRefusal(f"plant {self.plant_id} refuses this run (its own privacy policy): "
                                f"privacy.target_epsilon={target_epsilon:g} would need σ={sigma:.3f}, "
                                f"below this plant's floor σ ≥ {floor:g}: lower the target ε or the rounds")
        self.state.save_json(DP_PLAN, {"run": run_name, "noise_multiplier": sigma, "planned_steps": planned,
                                       "sample_rate": q, "target_epsilon": target_epsilon,
                                       "release_noise_multiplier": release_floor,
                                       "release_share": privacy.release_share,
                                       "planned_gaussians": [[planned_gaussian_sigma(g, release_floor), n]
                                                             for g, n in gaussians]})
        logger.info("plant %s: σ=%.3f calibrated for target ε=%.2f over %d planned steps and %d other releases "
                    "(those at σ ≥ %.3f, within %.0f %% of the run's ε)", self.plant_id, sigma, target_epsilon,
                    planned, sum(n for _, n in gaussians), release_floor, 100 * privacy.release_share)
        return sigma

    def _restore_optimizer(self, optimizer: torch.optim.Optimizer, run_name: str) -> None:
        """Resume the plant's local optimizer state (e.g. Adam moments) from its previous round.

        Restarting Adam every round makes its first, full-size steps dominate short local
        epochs; the state is plant-local (derived from its own, possibly privatised, gradients)
        and never leaves the plant.
        """
        saved = self.state.load_model(OPTIMIZER_STATE)
        if saved is None or saved[1].get("run") != run_name:
            return
        try:
            optimizer.load_state_dict(saved[0])
        except (ValueError, KeyError) as exc:
            logger.warning("plant %s: optimizer state not reusable (%s); starting fresh", self.plant_id, exc)

    def _save_optimizer(self, optimizer: torch.optim.Optimizer, run_name: str) -> None:
        self.state.save_model(OPTIMIZER_STATE, optimizer.state_dict(), {"run": run_name})

    # ---------------------------------------------------------------- phase 1
    def pretrain(self, spec: RunSpec, shared: dict[str, np.ndarray], server_round: int,
                 run_name: str, proximal_mu: float = 0.0) -> PretrainResult:
        """Train extractor + reference head locally; return only those (shared) parameters.

        Idempotent per (run, round, global input): if this plant already trained this round from the
        same global parameters (the coordinator restarted and replays the round), it re-sends the
        cached result instead of training — and spending privacy — again. A round whose cached result
        was lost is trained again and both releases stay in the ledger (never under-reported).
        """
        self.check_fits(spec)
        self.check_policy(spec)
        if self.n_labelled == 0:
            return PretrainResult(status="declined", reason="no labelled windows: nothing to pretrain on")
        view = self.pretraining_view(spec)
        view.align(spec)
        one_class = task_named(spec.task).has_classes and len(view.labelled_classes()) == 1
        # which classes hold labels is a size (release category "sizes"): a DP plant whose policy withholds
        # sizes does not reveal it by declining, and sends its (noise-only) DP update instead
        may_say = not self.dp_applies(spec) or "sizes" in self.policy.allow
        if one_class and may_say and (missing_scale(spec) == 0.0 or spec.num_classes == 1):
            # the loss restricted to one class is 0 whatever the model: an update would only pull the average
            # back toward the last global model (and, under DP, be pure noise that spends the plant's budget)
            return PretrainResult(status="declined", reason=(
                f"{ONE_CLASS_DECLINE}: the loss restricted to its own classes has nothing to learn; this "
                "plant's windows serve its detector and personalisation after pretraining"))
        with own_classes(view.class_mask(spec), missing_scale(spec)):  # the loss covers this plant's own classes only
            return view._pretrain(spec, shared, server_round, run_name, proximal_mu)

    def _pretrain(self, spec: RunSpec, shared: dict[str, np.ndarray], server_round: int,
                  run_name: str, proximal_mu: float) -> PretrainResult:
        digest = arrays_digest(shared)
        cached = self._cached_release(run_name, server_round, digest, spec)
        if cached is not None:
            return cached
        model = self.model_for(spec, shared)
        module = _reference_module(model)
        training = spec.federation.training
        optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer,
                                   training.learning_rate, training.weight_decay)
        self._restore_optimizer(optimizer, run_name)
        seed = derive_seed(spec.seed, self.plant_id, server_round, "pretrain")
        anchor = None
        if proximal_mu > 0:
            anchor = {name: p.detach().clone() for name, p in module.named_parameters()}
        if spec.privacy.enabled:
            declined, stats, privacy = self._pretrain_private(spec, module, optimizer, server_round,
                                                              run_name, seed, digest)
            if declined is not None:
                return declined
        elif spec.federation.meta_learning.algorithm != "none":
            stats = self._pretrain_meta(spec, module, optimizer, seed)
            privacy = {}
        else:
            stats = train_supervised(module, self.data.train.x, self.targets(spec), optimizer,
                                     epochs=training.local_epochs, batch_size=training.batch_size,
                                     seed=seed, proximal_anchor=anchor, proximal_mu=proximal_mu,
                                     augment=training.augment)
            privacy = {}
        self._save_optimizer(optimizer, run_name)
        trained = {k: v.numpy() for k, v in shared_state(model).items()}
        # Post-processing of the (DP) output with the public global model: no privacy cost.
        # What is cached for a re-sent round is exactly what was released (encoded).
        arrays = encode_update(trained, shared, spec.federation.compression)
        result = PretrainResult(status="ok", arrays=arrays, num_examples=self.n_labelled,
                                train_loss=stats.loss, first_loss=stats.first_loss, steps=stats.steps,
                                privacy=privacy)
        self.state.save_model(RELEASE_CACHE, {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in arrays.items()},
                              {"run": run_name, "round": server_round, "input": digest,
                               "num_examples": result.num_examples, "train_loss": float(result.train_loss),
                               "first_loss": float(result.first_loss), "steps": result.steps})
        return result

    def _cached_release(self, run_name: str, server_round: int, digest: str, spec: RunSpec) -> PretrainResult | None:
        """The result this plant already released for (run, round, input), if it kept it."""
        saved = self.state.load_model(RELEASE_CACHE)
        if saved is None:
            return None
        arrays, meta = saved
        if (meta.get("run"), meta.get("round"), meta.get("input")) != (run_name, server_round, digest):
            return None
        logger.info("plant %s: round %d of run %s was already trained from these parameters; re-sending that "
                    "result (no new privacy spend)", self.plant_id, server_round, run_name)
        return PretrainResult(status="ok", arrays={k: v.numpy() for k, v in arrays.items()},
                              num_examples=int(meta["num_examples"]), train_loss=float(meta["train_loss"]),
                              first_loss=float(meta["first_loss"]), steps=int(meta["steps"]),
                              privacy=self.privacy_status(spec) if spec.privacy.enabled else {})

    def _pretrain_meta(self, spec: RunSpec, module: nn.Module, optimizer: torch.optim.Optimizer, seed: int):
        """One round of meta-learning local updates (Reptile or first-order Per-FedAvg)."""
        from common.meta import per_fedavg_update, reptile_update

        meta = spec.federation.meta_learning
        training = spec.federation.training
        # episodes 0: as many optimizer steps as FedAvg's local epochs would take on this plant
        fedavg_steps = training.local_epochs * -(-self.n_labelled // training.batch_size)
        if meta.algorithm == "reptile":
            episodes = meta.episodes or max(1, fedavg_steps // meta.inner_steps)
            return reptile_update(module, self.data.train.x, self.targets(spec), episodes=episodes,
                                  shots=meta.shots, inner_steps=meta.inner_steps,
                                  inner_learning_rate=meta.inner_learning_rate,
                                  meta_step_size=meta.meta_step_size, seed=seed)
        return per_fedavg_update(module, self.data.train.x, self.targets(spec), optimizer,
                                 steps=meta.episodes or fedavg_steps,
                                 batch_size=spec.federation.training.batch_size,
                                 inner_learning_rate=meta.inner_learning_rate, seed=seed)

    def _pretrain_private(self, spec: RunSpec, module: nn.Module, optimizer: torch.optim.Optimizer,
                          server_round: int, run_name: str, seed: int, digest: str):
        """DP-SGD for one round: (declined result | None, stats, privacy status after the round)."""
        from common.privacy.dp_training import resolve_grad_sample_mode, train_dp

        privacy = spec.privacy
        training = spec.federation.training
        ledger = self.ledger()
        delta = self.delta(spec)
        budget = self.ceiling(spec)
        try:
            sigma = self._noise_multiplier(spec, run_name, ledger)
        except PolicyRefusal:
            raise
        except ValueError as exc:
            declined = PretrainResult(status="declined", reason=f"privacy budget: {exc}",
                                      privacy=self.privacy_status(spec))
            return declined, None, {}
        q, per_epoch = steps_per_epoch(self.n_labelled, training.batch_size)
        planned = [(sigma, q, training.local_epochs * per_epoch)]
        eps_after = ledger.epsilon(delta, privacy.accountant, planned)
        if budget is not None and eps_after > budget + 1e-9:
            declined = PretrainResult(
                status="declined",
                reason=(f"privacy budget exhausted: training would reach ε={eps_after:.3f} > budget "
                        f"{budget:g} (spent {ledger.epsilon(delta, privacy.accountant):.3f})"),
                privacy=self.privacy_status(spec),
            )
            return declined, None, {}
        attempt = ledger.attempts(run_name, "pretraining", server_round) + 1
        stats = train_dp(module, self.data.train.x, self.targets(spec), optimizer,
                         epochs=training.local_epochs, batch_size=training.batch_size,
                         noise_multiplier=sigma, max_grad_norm=privacy.max_grad_norm, seed=seed,
                         noise=self.noise_for(spec, server_round, "pretrain", attempt),
                         grad_sample_mode=resolve_grad_sample_mode(privacy.grad_sample_mode, spec.model.input),
                         augment=training.augment)
        ledger.record(LedgerEntry(
            mechanism=MECHANISM_DP_SGD, noise_multiplier=stats.noise_multiplier,
            sample_rate=stats.sample_rate, steps=stats.steps, time=now_iso(), run=run_name,
            round=server_round, max_grad_norm=privacy.max_grad_norm,
            release=f"{run_name}/pretraining/{server_round}/{digest[:16]}/{attempt}",
        ))
        status = self.privacy_status(spec)
        status["noise_multiplier"] = sigma
        return None, stats, status

    def evaluate_shared(self, spec: RunSpec, shared: dict[str, np.ndarray]) -> dict[str, float]:
        """The federated global model (extractor + reference head) on the held-out split."""
        model = self.model_for(spec, shared)
        return self.evaluate(_reference_module(model), spec)

    def dp_evaluation(self, spec: RunSpec, shared: dict[str, np.ndarray],
                      run_name: str) -> tuple[dict[str, float], str]:
        """The shared model's held-out accuracy released with DP: (noisy counts, "") or ({}, why not).

        Releases c + N(0, σ²) and n + N(0, σ²) for c correctly classified of n held-out windows;
        adding or removing one window moves each count by at most 1 (sensitivity 1). Both are
        accounted in the ledger first. The shared model is itself a DP release, so the counts
        depend on the held-out windows only through c and n.
        """
        configured = spec.privacy.evaluation_noise_multiplier
        if configured is None or not spec.privacy.enabled or not task_named(spec.task).releases_dp_counts:
            return {}, ""
        metrics = self.evaluate_shared(spec, shared)
        n = int(metrics["n_test"])
        correct = float(round(metrics["accuracy"] * n))
        sigma = self.gaussian_sigma(spec, run_name, configured)
        declined = self.record_gaussian(spec, run_name, "evaluation", sigma, EVAL_QUERIES, sensitivity=1.0)
        if declined:
            return {}, declined
        z = self.noise_for(spec, "evaluation").standard_normal(EVAL_QUERIES) * sigma
        return {wire.EVAL_DP_CORRECT: correct + float(z[0]), wire.EVAL_DP_COUNT: n + float(z[1])}, ""

    # ---------------------------------------------------------------- baselines and saved models
    def train_local_only(self, spec: RunSpec, run_name: str, name: str = LOCAL_ONLY_MODEL) -> dict[str, float]:
        """Baseline: the same model trained on this plant's labels alone, same epoch budget (saved as ``name``)."""
        if self.n_labelled == 0:
            return {}  # nothing to train on: a plant without labels has no local-only baseline
        model = self.model_for(spec, None)
        epochs = spec.federation.rounds * spec.federation.training.local_epochs
        if spec.personalisation.mode != "none":
            epochs += spec.personalisation.epochs
        module = _reference_module(model)
        training = spec.federation.training
        optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer,
                                   training.learning_rate, training.weight_decay)
        with own_classes(None):  # unrestricted: a plant alone knows only its own classes, the others' logits go down
            stats = train_supervised(module, self.data.train.x, self.targets(spec), optimizer, epochs=epochs,
                                     batch_size=training.batch_size, augment=training.augment,
                                     seed=derive_seed(spec.seed, self.plant_id, "local_only"))
        self.state.save_model(name, model.state_dict(),
                              {"plant_id": self.plant_id, "run": run_name, "epochs": epochs})
        return {wire.LOCAL_ONLY_LOSS: stats.loss}

    def personal_model(self, spec: RunSpec, run_name: str) -> PlantModel | None:
        """The model ``personalise`` saved in run ``run_name`` (extractor + personal head), or None."""
        return self._saved_model(PERSONAL_MODEL, spec, run_name)

    def local_only_model(self, spec: RunSpec, run_name: str) -> PlantModel | None:
        """The model ``train_local_only`` saved in run ``run_name`` (extractor + reference head), or None."""
        return self._saved_model(LOCAL_ONLY_MODEL, spec, run_name)

    def _kept_meta(self, run_name: str) -> dict[str, Any]:
        """The meta saved with the model the plant kept in run ``run_name`` ({} if none)."""
        saved = self.state.load_model(PERSONAL_MODEL)
        return saved[1] if saved is not None and saved[1].get("run") == run_name else {}

    def _chosen_meta(self, run_name: str) -> str:
        """The candidate the plant kept in run ``run_name`` ("" if it made no choice)."""
        return str(self._kept_meta(run_name).get("chosen", ""))

    def _saved_model(self, name: str, spec: RunSpec, run_name: str) -> PlantModel | None:
        saved = self.state.load_model(name)
        if saved is None or saved[1].get("run") != run_name:
            return None
        model = self.model_for(spec, None)
        model.load_state_dict(saved[0])
        return model

    def _unknown_rate(self, extractor: nn.Module) -> dict[str, float]:
        """``unknown_rate``: share of held-out windows the kept model's open-set rule calls unknown."""
        saved = self.state.load_model(PERSONAL_MODEL)
        rule = OpenSetRule.from_dict(saved[1].get(OPEN_SET_KEY)) if saved is not None else None
        if rule is None or not len(self.data.test.x):
            return {}
        extractor = rule_extractor(extractor, rule, self.state.load_model(rule.extractor) if rule.extractor else None)
        with torch.no_grad():
            return {"unknown_rate": unknown_rate(predict_logits(extractor.eval(), self.data.test.x).numpy(), rule)}

    def final_evaluation(self, spec: RunSpec, shared: dict[str, np.ndarray],
                         run_name: str) -> dict[str, dict[str, float]]:
        """Every method this plant has a model for, on its held-out split."""
        weight = kept_weight(self._kept_meta(run_name))   # the kept λ (client/smoothing.py), for every model alike
        modules = {"federated_global": _reference_module(self.model_for(spec, shared))}
        kept = self.personal_model(spec, run_name)
        chosen = self._chosen_meta(run_name)
        personal = self._saved_model(PERSONAL_CANDIDATE, spec, run_name) if chosen else kept
        if personal is not None:
            modules["federated_personalised"] = _head_module(personal)
        if kept is not None and chosen:
            # what the plant kept (client/selection.py), deciding as predict does: with its never-had routing
            rule = RoutingRule.from_dict(self._kept_meta(run_name).get(ROUTING_KEY))
            modules["chosen"] = (RoutedDecision(kept, rule) if rule is not None and len(rule.own) == spec.num_classes
                                 else _head_module(kept))
        local = self.local_only_model(spec, run_name)
        if local is not None:
            modules["local_only"] = _reference_module(local)
        out = {name: self.evaluate(module, spec, True) | smoothed_metrics(self, spec, module, weight)
               for name, module in modules.items()}
        if "chosen" in out and kept is not None:
            out["chosen"].update(self._unknown_rate(kept.extractor))     # its open-set rule (client/open_set.py)
        if self.detector is not None:  # fit, calibrate and keep its detector on the final shared extractor
            from client.anomaly import anomaly_evaluation

            out.update(anomaly_evaluation(self, spec, shared, run_name))
        # kept on the plant for its model card (`factoryfl export`): metrics and what data they came from
        self.state.save_json(FINAL_METRICS, {"run": run_name, "saved_at": now_iso(), "metrics": out,
                                             "data": self.data.summary(), "n_labelled": self.n_labelled})
        return out
