"""What a federation learns: a :class:`Task` says everything that differs between predicting a
class and predicting a number, so no other code tests the task's name.

- ``classification``: ``C`` logits, cross-entropy ``−log softmax(z)_y``; accuracy and macro-F1
  (higher is better); the federation's classes are the union of the plants' (``common.labelset``);
  class-conditioned transfer methods (SHOT, DANN/CDAN, FixMatch), per-class feature statistics
  and DP-released evaluation counts apply.
- ``regression``: one output ``ŷ = target / target_scale``, squared error ``(ŷ − y)²``; RMSE, MAE
  and the PHM08 score in the target's units (lower is better); ``target_range`` may clip
  predictions; the data must carry a ``target`` per window. With an (N, K) target
  (``target_outputs: K``), K outputs ``ŷ_k = target_k / target_scale_k``, loss = mean over a window's
  finite outputs of ``(ŷ_k − y_k)²``; RMSE and MAE over all outputs and RMSE, MAE and R² per output
  (no PHM08 score, which is for RUL).

Module-level imports stay torch-free (the config layer reads tasks); the loss and the evaluation
import torch when called. Tasks are registered in ``common.extensions.tasks`` (``task_named``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from common.extensions.tasks import TASKS

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch import nn

    from common.registry import Entry


@dataclass(frozen=True)
class MetricColumn:
    """A metric shown per method in the report's per-plant table."""

    key: str
    header: str
    always: bool  # shown even when no plant reports it


@dataclass(frozen=True)
class Task:
    """One kind of prediction: its outputs, loss, metrics and which methods and releases apply.

    ``has_classes``: the outputs are class logits over the union of the plants' classes,
    methods marked ``needs_classes`` are allowed, source statistics are per class and the shared
    model's accuracy may be released as DP counts. Otherwise there is one output and everything
    class-conditional sees a single class.
    ``needs_target``: the data carry a float ``target`` per window (NaN = unlabelled).
    ``adapts_without_labels``: ``auto`` may adapt a plant that has no labels (label-free
    alignment); False keeps the shared model there.
    """

    name: str
    summary: str
    has_classes: bool
    needs_target: bool
    metrics: tuple[str, ...]            # what ``evaluate`` returns besides ``n_test``
    round_metrics: tuple[str, ...]      # what a plant reports each evaluation round
    columns: tuple[MetricColumn, ...]
    primary_metric: str
    higher_is_better: bool
    percent_metrics: frozenset[str]     # shown × 100 with a % sign
    units_note: str                     # the report's sentence on units and direction
    adapts_without_labels: bool

    def num_outputs(self, num_classes: int, target_outputs: int = 1) -> int:
        """Logits per class, or ``target_outputs`` (K) outputs (the target divided by ``target_scale``)."""
        return num_classes if self.has_classes else target_outputs

    def stats_classes(self, num_classes: int) -> int:
        """Classes source feature statistics are conditioned on (1: unconditional moments)."""
        return num_classes if self.has_classes else 1

    @property
    def allows_target_range(self) -> bool:
        """Whether predictions live on a number line that ``target_range`` can clip."""
        return self.needs_target

    @property
    def releases_dp_counts(self) -> bool:
        """Whether the shared model's held-out accuracy may be released as noisy counts."""
        return self.has_classes

    def allows_method(self, method: Entry) -> bool:
        """Whether a transfer method (its registry entry) can run on this task: one that needs
        class probabilities (``needs_classes``) cannot on a task without classes."""
        return self.has_classes or not method.meta.get("needs_classes", False)

    def better(self, a: float, b: float) -> bool:
        """Whether metric value ``a`` is strictly better than ``b`` for the primary metric."""
        return a > b if self.higher_is_better else a < b

    def loss(self, outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """Cross-entropy over the logits (the plant's own classes inside ``common.labelset.own_classes``),
        or mean squared error (on output 0; on the finite ones of K outputs)."""
        from torch import nn

        from common.labelset import restrict_logits
        from common.training import regression_loss

        if self.has_classes:
            return nn.functional.cross_entropy(restrict_logits(outputs), targets)
        return regression_loss(outputs, targets)

    def evaluate(self, module: nn.Module, x: np.ndarray, y: np.ndarray, num_classes: int,
                 scale: float | Sequence[float] = 1.0, target_range: Sequence[float] | None = None,
                 output_names: Sequence[str] = ()) -> dict[str, float]:
        """``metrics`` and ``n_test`` of ``module`` on the labelled windows of ``(x, y)`` (an (N, K) target
        adds per-output metrics named by ``output_names``)."""
        from common.training import evaluate_classifier, evaluate_regressor

        if self.has_classes:
            return evaluate_classifier(module, x, y, num_classes)
        return evaluate_regressor(module, x, y, scale, target_range, output_names)


CLASSIFICATION = Task(
    name="classification",
    summary="class labels per window: cross-entropy; accuracy and macro-F1",
    has_classes=True,
    needs_target=False,
    metrics=("accuracy", "macro_f1", "loss"),
    round_metrics=("loss", "accuracy", "macro_f1"),
    columns=(MetricColumn("accuracy", "Acc %", True), MetricColumn("macro_f1", "F1 %", True)),
    primary_metric="accuracy",
    higher_is_better=True,
    percent_metrics=frozenset({"accuracy", "macro_f1"}),
    units_note="Accuracy and macro-F1 in percent; higher is better.",
    adapts_without_labels=True,
)

REGRESSION = Task(
    name="regression",
    summary="a real target per window (e.g. RUL): squared error; RMSE, MAE and the PHM08 score",
    has_classes=False,
    needs_target=True,
    metrics=("rmse", "mae", "score"),
    round_metrics=("rmse", "score"),
    columns=(MetricColumn("rmse", "RMSE", True), MetricColumn("mae", "MAE", False),
             MetricColumn("score", "Score", True)),
    primary_metric="rmse",
    higher_is_better=False,
    percent_metrics=frozenset(),
    units_note="RMSE, MAE and score in the target's units; lower is better.",
    adapts_without_labels=False,
)

DEFAULT_TASK = CLASSIFICATION.name


def task_named(name: str) -> Task:
    """The registered task ``name`` (:class:`common.registry.UnknownName` lists the known ones)."""
    task = TASKS.load(name)
    if not isinstance(task, Task):
        raise TypeError(f"task {name!r} is registered as {TASKS.get(name).target}, which is not a Task")
    return task


def task_names() -> tuple[str, ...]:
    """Every registered task's name."""
    return tuple(TASKS.names())


__all__ = ["CLASSIFICATION", "DEFAULT_TASK", "REGRESSION", "MetricColumn", "Task", "task_named", "task_names"]
