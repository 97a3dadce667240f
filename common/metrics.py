"""Classification and regression metrics computed from labels and predictions (numpy, no framework)."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """C[i, j] = number of windows of true class i predicted as class j."""
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(cm, (y_true.astype(np.int64), y_pred.astype(np.int64)), 1)
    return cm


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.mean(y_true == y_pred)) if len(y_true) else float("nan")


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> float:
    """Unweighted mean over the classes present in y_true of F1 = 2PR / (P + R)."""
    cm = confusion_matrix(y_true, y_pred, num_classes)
    tp = np.diag(cm).astype(float)
    predicted = cm.sum(axis=0).astype(float)
    actual = cm.sum(axis=1).astype(float)
    present = actual > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(actual > 0, tp / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return float(f1[present].mean()) if present.any() else float("nan")


def classification_report(
    y_true: np.ndarray, y_pred: np.ndarray, num_classes: int, loss: float
) -> dict[str, float]:
    return {
        "accuracy": accuracy(y_true, y_pred),
        "macro_f1": macro_f1(y_true, y_pred, num_classes),
        "loss": float(loss),
        "n_test": int(len(y_true)),
    }


def phm08_score(true: np.ndarray, pred: np.ndarray) -> float:
    """PHM08 score Σ_i s(d_i), d = pred − true: s = exp(−d/13) − 1 if d < 0 else exp(d/10) − 1
    (late predictions are penalised more than early ones)."""
    d = np.asarray(pred, np.float64) - np.asarray(true, np.float64)
    return float(np.sum(np.where(d < 0, np.exp(-d / 13.0) - 1.0, np.exp(d / 10.0) - 1.0)))


def regression_report(true: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    err = np.asarray(pred, np.float64) - np.asarray(true, np.float64)
    return {
        "rmse": float(np.sqrt(np.mean(err**2))) if len(err) else float("nan"),
        "mae": float(np.mean(np.abs(err))) if len(err) else float("nan"),
        "score": phm08_score(true, pred),
        "n_test": int(len(err)),
    }


def multi_output_report(true: np.ndarray, pred: np.ndarray, names: tuple[str, ...]) -> dict[str, float]:
    """K-output regression, ``true`` and ``pred`` of shape (N, K), NaN in ``true`` = missing element.

    ``rmse``/``mae`` over every finite element; per output k (named ``names[k]``): ``rmse/<name>``,
    ``mae/<name>`` and R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (ȳ: the mean of the evaluated y; NaN when y is
    constant); ``n_test``: windows with at least one finite output."""
    true = np.asarray(true, np.float64)
    err = np.asarray(pred, np.float64) - true
    finite = np.isfinite(true)
    if true.ndim != 2 or err.shape != true.shape or len(names) != true.shape[1]:
        raise ValueError(f"multi_output_report needs (N, K) true and pred and K names, got {true.shape}, "
                         f"{err.shape} and {len(names)} names")
    e = err[finite]
    out = {
        "rmse": float(np.sqrt(np.mean(e**2))) if e.size else float("nan"),
        "mae": float(np.mean(np.abs(e))) if e.size else float("nan"),
        "n_test": int(finite.any(axis=1).sum()),
    }
    for k, name in enumerate(names):
        yk, ek = true[finite[:, k], k], err[finite[:, k], k]
        out[f"rmse/{name}"] = float(np.sqrt(np.mean(ek**2))) if ek.size else float("nan")
        out[f"mae/{name}"] = float(np.mean(np.abs(ek))) if ek.size else float("nan")
        total = float(np.sum((yk - yk.mean()) ** 2)) if yk.size else 0.0
        out[f"r2/{name}"] = 1.0 - float(np.sum(ek**2)) / total if total > 0 else float("nan")
    return out
