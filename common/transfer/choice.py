"""The ``auto`` transfer method: pick a plant's method from its labels, its task and the domain gap.

``choose_auto`` is the selector the registry names for ``auto``; it sees only numbers (label count,
the gap measured inside the plant by ``common.transfer.gap.domain_gap``), never windows:

1. no labels on a task that does not adapt without them (``Task.adapts_without_labels``) → ``none``;
2. no source statistics: labels → ``finetune_head``; none → ``shot`` (source-free);
3. otherwise ``choose_method`` on the gap with :class:`AutoRules`: a relative RFF-MMD² at or above
   ``gap_threshold`` → ``large_gap_method``; a small gap → ``finetune_head`` with labels,
   ``unlabelled_small_gap_method`` without.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from common.task import Task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AutoRules:
    """The methods ``auto`` picks in each case (registered transfer method names)."""

    labelled_method: str = "finetune_head"
    source_free_method: str = "shot"
    large_gap_method: str = "mmd"
    unlabelled_small_gap_method: str = "mmd"


DEFAULT_AUTO_RULES = AutoRules()


def choose_auto(task: Task, n_labelled: int, gap: dict[str, float] | None, gap_threshold: float,
                rules: AutoRules = DEFAULT_AUTO_RULES) -> tuple[str, str]:
    """(method, reason) for a plant with ``n_labelled`` labelled windows; ``gap`` None: no source statistics."""
    if n_labelled == 0 and not task.adapts_without_labels:
        return ("none", f"auto: {task.name} without labels keeps the shared model (no label-free method is "
                "picked for it); choose coral or mmd explicitly to adapt")
    if gap is None:
        if n_labelled > 0:
            return rules.labelled_method, "auto: no source statistics available; the plant has labels"
        return rules.source_free_method, "auto: no source statistics available; source-free adaptation"
    from common.transfer.gap import GapThresholds, choose_method

    thresholds = GapThresholds(rff_mmd2_relative=gap_threshold, adaptation_method=rules.large_gap_method,
                               unlabelled_small_gap_method=rules.unlabelled_small_gap_method,
                               labelled_small_gap_method=rules.labelled_method)
    method, reason = choose_method(gap, n_labelled, thresholds)
    return method, f"auto: {reason}"
