"""The Task object: outputs, loss, metrics, report columns and which methods a task allows."""

import subprocess
import sys

import numpy as np
import pytest
import torch

from common.registry import UnknownName
from common.task import CLASSIFICATION, REGRESSION, Task, task_named, task_names


def test_registered_tasks_load_by_name():
    assert task_names() == ("classification", "regression")
    assert task_named("classification") is CLASSIFICATION
    assert task_named("regression") is REGRESSION
    with pytest.raises(UnknownName, match="did you mean 'regression'"):
        task_named("regresion")


def test_outputs_and_direction():
    assert CLASSIFICATION.num_outputs(4) == 4 and REGRESSION.num_outputs(4) == 1
    assert CLASSIFICATION.stats_classes(4) == 4 and REGRESSION.stats_classes(4) == 1
    assert CLASSIFICATION.primary_metric == "accuracy" and CLASSIFICATION.higher_is_better
    assert REGRESSION.primary_metric == "rmse" and not REGRESSION.higher_is_better
    assert CLASSIFICATION.better(0.9, 0.8) and REGRESSION.better(1.0, 2.0)
    assert REGRESSION.allows_target_range and not CLASSIFICATION.allows_target_range
    assert CLASSIFICATION.releases_dp_counts and not REGRESSION.releases_dp_counts
    for task in (CLASSIFICATION, REGRESSION):
        assert task.primary_metric in task.metrics
        assert {c.key for c in task.columns} <= set(task.metrics)


def test_methods_needing_classes_are_refused_without_classes():
    from common.extensions.transfer_methods import TRANSFER_METHODS

    shot, coral = TRANSFER_METHODS.get("shot"), TRANSFER_METHODS.get("coral")
    assert CLASSIFICATION.allows_method(shot) and CLASSIFICATION.allows_method(coral)
    assert not REGRESSION.allows_method(shot) and REGRESSION.allows_method(coral)


def test_loss_is_cross_entropy_or_squared_error():
    logits = torch.tensor([[2.0, 0.0], [0.0, 1.0]])
    labels = torch.tensor([0, 1])
    expected = torch.nn.functional.cross_entropy(logits, labels)
    assert torch.allclose(CLASSIFICATION.loss(logits, labels), expected)
    out = torch.tensor([[1.0], [3.0]])
    assert REGRESSION.loss(out, torch.tensor([0.0, 1.0])).item() == pytest.approx((1 + 4) / 2)


def test_evaluate_returns_the_tasks_metrics():
    module = torch.nn.Flatten()  # (N, 1, 2) → (N, 2): the window is its own logits
    x = np.array([[[2.0, 0.0]], [[0.0, 1.0]], [[1.0, 0.0]]], dtype=np.float32)
    report = CLASSIFICATION.evaluate(module, x, np.array([0, 1, 1]), num_classes=2)
    assert set(CLASSIFICATION.metrics) <= set(report) and report["accuracy"] == pytest.approx(2 / 3)
    report = REGRESSION.evaluate(module, x, np.array([2.0, 0.0, np.nan], np.float32), num_classes=1, scale=10.0)
    assert set(REGRESSION.metrics) <= set(report) and report["rmse"] == pytest.approx(0.0) and report["n_test"] == 2


def test_task_is_frozen():
    with pytest.raises(AttributeError):
        CLASSIFICATION.name = "other"  # type: ignore[misc]
    assert isinstance(REGRESSION, Task)


def test_import_does_not_load_torch():
    code = "import sys, common.task, common.extensions; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
