"""Registry of tasks (``task``): what a federation predicts (``common/task.py``)."""

from common.registry import Registry

TASKS = Registry("task", "task")

TASKS.add("classification", "common.task:CLASSIFICATION",
          summary="a class label per window: cross-entropy; accuracy and macro-F1 (higher is better)")
TASKS.add("regression", "common.task:REGRESSION",
          summary="a real target per window (e.g. RUL): squared error; RMSE, MAE, PHM08 score (lower is better)")
