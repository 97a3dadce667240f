"""A plant's own privacy policy: what it accepts from a run spec and what it lets leave, outside DP.

The coordinator proposes privacy settings in its run spec; the plant decides. A run spec that
asks for less privacy than the policy allows is refused (:func:`refusals`), naming the setting.
Every key a DP plant sends is either a DP release recorded in its ledger or in one of the
release categories its policy allows (:func:`releasable`); everything else stays home.

Where the policy comes from: a deployed plant's ``privacy_policy.yaml`` in its state directory
(absent: :data:`SAFE_DEFAULT`); a simulated plant's ``privacy_policy`` in its scenario entry, or
the scenario's ``plant_policy`` for every plant.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from common import wire

if TYPE_CHECKING:
    from common.config.schema import PrivacyConfig

# What each category releases; the plant's allow-list names categories, never single keys.
RELEASE_CATEGORIES: dict[str, str] = {
    "accounting": "privacy accounting: ε, δ, σ, steps and budget (functions of public settings and of ⌈n/B⌉)",
    "metrics": ("held-out evaluation metrics (accuracy, loss, macro-F1, RMSE, score) computed without DP, and "
                "validation scores with the model a labelled plant chose from them"),
    "sizes": ("data-set sizes (windows for training, labelled, held out; the aggregation weight) and which "
              "classes hold labelled windows"),
    "losses": "training losses (pretraining, personalisation, local-only)",
    "timings": "how long local work took (training, personalisation, adaptation)",
    "gap": ("an unlabelled target's measured domain gap, the method chosen from it with the reason, and its "
            "negative-transfer guard (label-free diagnostics and the verdict)"),
}

# Keys that are the protocol or the plant's declared configuration, not computed from its data:
# identity, status, its schema (channels, window, rate, class names), its role and its policy.
DECLARED_KEYS = frozenset({
    wire.PLANT_ID, wire.STATUS, wire.REASON, wire.CLASS_NAMES, wire.SOURCE,
    wire.TRANSFER_METHOD, wire.WORKER_NODE,
    wire.CHANNELS, wire.WINDOW_LENGTH, wire.SAMPLE_RATE_HZ, wire.HAS_LABELS, wire.RELEASE_ALLOW, wire.NOISE_SOURCE,
})

# DP releases, each written to the ledger before it is sent.
LEDGER_KEYS = frozenset({wire.STATS_SCALARS, wire.EVAL_DP_CORRECT, wire.EVAL_DP_COUNT})

_CATEGORY_OF_KEY: dict[str, str] = {
    **dict.fromkeys((wire.EPSILON, wire.DELTA, wire.EPSILON_BUDGET, wire.NOISE_MULTIPLIER,
                     wire.PRIVACY_STEPS_TOTAL, wire.TRAIN_STEPS), "accounting"),
    **dict.fromkeys((wire.EVAL_LOSS, wire.EVAL_ACCURACY, wire.EVAL_MACRO_F1, wire.EVAL_RMSE, wire.EVAL_SCORE),
                    "metrics"),
    # which classes have at least one labelled window: a per-class count, thresholded, so a size
    **dict.fromkeys((wire.NUM_EXAMPLES, wire.N_TRAIN, wire.N_TRAIN_LABELLED, wire.N_TEST, wire.LABELLED_CLASSES),
                    "sizes"),
    **dict.fromkeys((wire.TRAIN_LOSS, wire.TRAIN_FIRST_LOSS, wire.PERSONALISE_LOSS, wire.LOCAL_ONLY_LOSS), "losses"),
    **dict.fromkeys((wire.TRAIN_SECONDS, wire.PERSONALISE_SECONDS, wire.ADAPT_SECONDS), "timings"),
    # `auto` picks a target's method from its measured gap: the choice and its reason repeat it
    **dict.fromkeys((wire.TRANSFER_REASON, wire.TRANSFER_CHOSEN), "gap"),
    # a labelled plant's choice of model is read off its validation metrics
    **dict.fromkeys((wire.MODEL_CHOSEN, wire.MODEL_CHOICE_REASON), "metrics"),
    **dict.fromkeys((wire.SELECT_N_VAL, wire.SELECT_N_FIT), "sizes"),
}


COUNT_METRICS = frozenset({"n_test", "n_normal", "n_abnormal", "n_fit", "n_calibration", "n_calibration_effective",
                           "false_alarm_rate_bound"})
"""Final-evaluation metrics that are window counts, or read back to one (a rate bound 1/(m+1) gives m), i.e.
how much data a plant has: category ``sizes``."""


def category_of(key: str) -> str:
    """The release category of a reply key: ``declared``, ``ledger``, or one of RELEASE_CATEGORIES.

    Unknown keys are ``unclassified`` and never leave a DP plant.
    """
    if key in DECLARED_KEYS:
        return "declared"
    if key in LEDGER_KEYS:
        return "ledger"
    if key.startswith((wire.GAP_PREFIX, wire.GUARD_PREFIX)):
        return "gap"
    if key.startswith(wire.SELECT_VAL_PREFIX):
        return "metrics"
    if key in _CATEGORY_OF_KEY:
        return _CATEGORY_OF_KEY[key]
    split = wire.split_method_metric_key(key)
    if split is not None:  # final evaluation: <method>/<metric>
        return "sizes" if split[1] in COUNT_METRICS else "metrics"
    return "unclassified"


@dataclass(frozen=True)
class PrivacyPolicy:
    """What one plant accepts. ``None`` limits are not set; the defaults are the safe ones.

    - ``require_dp``: refuse any run (and any phase) without DP-SGD.
    - ``delta``: the δ every ε of this plant is stated at; a run spec asking for a larger δ is
      refused. ``None``: min(1e-5, 1/(10·n)) for n labelled windows.
    - ``budget_epsilon``: the lifetime ε budget (the ledger never goes above it).
    - ``min_noise_multiplier``: σ floor for DP-SGD (configured or calibrated).
    - ``max_clip_norm``: ceiling on DP-SGD's per-window clipping norm C.
    - ``allow``: release categories (RELEASE_CATEGORIES) that may leave outside the ledger.
    """

    # refuse any run (and any phase) without DP-SGD
    require_dp: bool = True
    # the δ every ε of this plant is stated at; a run asking for a larger δ is refused (null: min(1e-5, 1/(10·n)) for
    # n labelled windows)
    delta: float | None = None
    # the lifetime ε budget (the ledger never goes above it)
    budget_epsilon: float | None = None
    # floor on DP-SGD's σ (configured or calibrated), and on the σ of the releases of a calibrated run
    min_noise_multiplier: float | None = None
    # ceiling on DP-SGD's per-window clipping norm C
    max_clip_norm: float | None = None
    # release categories that may leave outside the ledger: accounting, metrics, sizes, losses, timings, gap
    allow: tuple[str, ...] = ("accounting",)

    def problems(self) -> list[str]:
        out = []
        if self.delta is not None and not 0.0 < self.delta < 1.0:
            out.append(f"delta must be in (0, 1), got {self.delta}: e.g. 1e-5")
        for name in ("budget_epsilon", "min_noise_multiplier", "max_clip_norm"):
            value = getattr(self, name)
            if value is not None and not (value > 0 and math.isfinite(value)):
                out.append(f"{name} must be a positive finite number or null, got {value}")
        unknown = sorted(set(self.allow) - set(RELEASE_CATEGORIES))
        if unknown:
            out.append(f"unknown release categor{'y' if len(unknown) == 1 else 'ies'} {unknown}: "
                       f"choose from {sorted(RELEASE_CATEGORIES)}")
        return out

    def with_budget(self, budget: float | None) -> PrivacyPolicy:
        """The policy with a budget given elsewhere (a plant's ``privacy_budget``); the tighter one wins."""
        if budget is None:
            return self
        own = self.budget_epsilon
        return dataclasses.replace(self, budget_epsilon=budget if own is None else min(own, budget))


SAFE_DEFAULT = PrivacyPolicy()


def refusals(policy: PrivacyPolicy, privacy: PrivacyConfig, plant_delta: float) -> list[str]:
    """Every run-spec privacy setting this plant refuses, each naming the setting and the fix."""
    out = []
    if policy.require_dp and not privacy.enabled:
        out.append("privacy.enabled is false but this plant's policy requires DP (require_dp: true): "
                   "run with privacy.enabled: true")
    if not privacy.enabled:
        return out
    if privacy.delta is not None and privacy.delta > plant_delta:
        out.append(f"privacy.delta={privacy.delta:g} is above this plant's δ={plant_delta:g}: "
                   f"ask for δ ≤ {plant_delta:g} (or leave privacy.delta unset)")
    floor = policy.min_noise_multiplier
    if floor is not None and privacy.noise_multiplier is not None and privacy.noise_multiplier < floor:
        out.append(f"privacy.noise_multiplier={privacy.noise_multiplier:g} is below this plant's floor σ ≥ {floor:g}")
    ceiling = policy.max_clip_norm
    if ceiling is not None and privacy.max_grad_norm > ceiling:
        out.append(f"privacy.max_grad_norm={privacy.max_grad_norm:g} is above this plant's ceiling C ≤ {ceiling:g}")
    return out


def releasable(keys: Iterable[str], allow: Iterable[str]) -> set[str]:
    """The keys a DP plant may send: declared ones, ledger-recorded DP releases, allowed categories."""
    allowed = {"declared", "ledger", *allow}
    return {k for k in keys if category_of(k) in allowed}
