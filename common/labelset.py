"""Plants with their own label sets: the federation's class union, each plant's labels mapped
onto it by name, and a loss restricted to the classes a plant has.

- Union: the class names in first-seen order, plants visited in id order (identical lists give
  that list back unchanged; the coordinator builds it at hello).
- A plant declaring classes ``D ⊆ U`` maps its label ``i`` to ``U.index(D[i])``.
- Restricted loss: a plant's own classes ``S`` are those it has training labels for; inside
  ``own_classes(mask, missing_scale=α)`` the classification loss sees the logits of the classes
  outside ``S`` changed. α = 0 masks them to −∞, i.e. ``−log softmax_S(z)_y = −z_y + log Σ_{c∈S}
  exp z_c``; those classes get no gradient, so their head rows keep what the federation gave them.
  0 < α ≤ 1 is the restricted softmax of FedRS (Li & Zhan, KDD 2021): ``z'_c = α·z_c`` for
  ``c ∉ S``, ``z'_c = z_c`` for ``c ∈ S``, loss ``−log softmax(z')_y``; a missing class's head row
  gets an α-scaled push away from the plant's features, so classes no plant holds together are
  still told apart (α = 1: no restriction, the plain cross-entropy over every class).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

    from common.config.schema import RunSpec
    from common.data.types import PlantData

logger = logging.getLogger(__name__)

_OWN: ContextVar[tuple[np.ndarray | None, float]] = ContextVar("factoryfl_own_classes", default=(None, 0.0))

RECALL_PREFIX = "recall/"
"""Per-class recall metrics are named ``recall/<class name>``."""


def union_names(class_lists: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """Every name of ``class_lists`` once, in first-seen order."""
    out: dict[str, None] = {}
    for names in class_lists:
        out.update(dict.fromkeys(names))
    return tuple(out)


def missing_from(names: Sequence[str], union: Sequence[str]) -> list[str]:
    """The names a plant declares that ``union`` lacks (it cannot join a federation without them)."""
    known = set(union)
    return [n for n in names if n not in known]


def remap_labels(y: np.ndarray, own: Sequence[str], union: Sequence[str]) -> np.ndarray:
    """Labels indexing ``own`` → labels indexing ``union`` (−1, unlabelled, stays −1)."""
    lookup = np.array([list(union).index(n) for n in own] + [-1], dtype=np.int64)
    y = np.asarray(y, dtype=np.int64)
    return np.where(y >= 0, lookup[np.where(y >= 0, y, len(own))], -1)


def align_to_union(data: PlantData, union: Sequence[str]) -> PlantData:
    """``data`` with its labels and class names on ``union`` (by name); raises when a class is missing."""
    own = tuple(data.class_names)
    if own == tuple(union):
        return data
    missing = missing_from(own, union)
    if missing:
        raise ValueError(f"plant {data.plant_id!r}: classes {missing} are not in the federation's "
                         f"{list(union)}: start the federation with this plant so its classes join the union")
    train = data.train.with_labels(remap_labels(data.train.y, own, union))
    test = data.test.with_labels(remap_labels(data.test.y, own, union))
    logger.info("plant %s: labels %s mapped onto the federation's %d classes", data.plant_id, list(own), len(union))
    return replace(data, train=train, test=test, class_names=tuple(union))


def keep_labels_of(y: np.ndarray, names: Sequence[str], labelled: Sequence[str], plant_id: str) -> np.ndarray:
    """``y`` with the labels of classes outside ``labelled`` hidden (−1): a plant's
    ``labelled_classes``; raises naming the key when a name is not among ``names``."""
    unknown = missing_from(labelled, names)
    if unknown or not labelled:
        raise ValueError(f"plant {plant_id!r}: labelled_classes {list(labelled)} must be a non-empty subset of "
                         f"its classes {list(names)} (unknown: {unknown})")
    keep = np.array([n in set(labelled) for n in names] + [False])
    y = np.asarray(y, dtype=np.int64)
    return np.where(keep[np.where(y >= 0, y, len(names))], y, -1)


def labelled_class_mask(y: np.ndarray, num_classes: int) -> np.ndarray | None:
    """Boolean mask of the classes with at least one label in ``y`` (−1 = unlabelled); None when
    every class has labels, or none has (nothing to restrict)."""
    y = np.asarray(y)
    mask = np.bincount(y[y >= 0].astype(np.int64), minlength=num_classes)[:num_classes] > 0
    return None if mask.all() or not mask.any() else mask


def missing_scale_problems(scale: float) -> list[str]:
    """What is wrong with a missing-class logit scale α (it must lie in [0, 1])."""
    if not 0.0 <= scale <= 1.0:
        return [f"must be in [0, 1], got {scale}: 0 masks the classes a plant lacks, 0.5 is FedRS's restricted "
                "softmax, 1 no restriction"]
    return []


def missing_scale(spec: RunSpec | None) -> float:
    """The run's α for the classes a plant lacks (``federation.training.missing_class_logit_scale``);
    0 (mask) without a run."""
    return 0.0 if spec is None else spec.federation.training.missing_class_logit_scale


@contextmanager
def own_classes(mask: np.ndarray | None, missing_scale: float = 0.0) -> Iterator[None]:
    """Restrict every classification loss computed inside to the classes of ``mask`` (None: all):
    the logits of the other classes masked (``missing_scale`` 0) or scaled by ``missing_scale`` (FedRS)."""
    problems = missing_scale_problems(missing_scale)
    if problems:
        raise ValueError(f"missing_scale {problems[0]}")
    token = _OWN.set((mask, float(missing_scale)))
    try:
        yield
    finally:
        _OWN.reset(token)


def active_classes() -> np.ndarray | None:
    """The mask of the enclosing :func:`own_classes` (None: all classes)."""
    return _OWN.get()[0]


def restricted_logits(logits: torch.Tensor, mask: np.ndarray | None, missing_scale: float = 0.0) -> torch.Tensor:
    """``logits`` (N, K) with the classes outside ``mask`` (K,) set to −∞ (``missing_scale`` 0) or
    multiplied by ``missing_scale`` (FedRS); unchanged without a mask or when the shapes differ."""
    if mask is None or logits.ndim != 2 or logits.shape[1] != mask.shape[0]:
        return logits
    import torch

    keep = torch.as_tensor(mask, device=logits.device)
    if missing_scale == 0.0:
        return logits.masked_fill(~keep, float("-inf"))
    return torch.where(keep, logits, missing_scale * logits)


def restrict_logits(logits: torch.Tensor) -> torch.Tensor:
    """:func:`restricted_logits` under the enclosing :func:`own_classes` (unchanged outside one)."""
    mask, scale = _OWN.get()
    return restricted_logits(logits, mask, scale)


def per_class_metrics(y: np.ndarray, pred: np.ndarray, names: Sequence[str],
                      own: np.ndarray | None) -> dict[str, float]:
    """Recall per class with test windows (``recall/<name>`` = hits_c / n_c), and, when the test
    split holds both, accuracy on the plant's own classes and on those it never had labels for."""
    out: dict[str, float] = {}
    for c, name in enumerate(names):
        held = y == c
        if held.any():
            out[f"{RECALL_PREFIX}{name}"] = float((pred[held] == c).mean())
    if own is not None and len(y):
        mine = own[y]
        if mine.any() and (~mine).any():
            out["accuracy_own"] = float((pred[mine] == y[mine]).mean())
            out["accuracy_unseen"] = float((pred[~mine] == y[~mine]).mean())
    return out


__all__ = ["RECALL_PREFIX", "align_to_union", "keep_labels_of", "labelled_class_mask", "missing_from",
           "missing_scale", "missing_scale_problems", "own_classes", "per_class_metrics", "remap_labels",
           "restrict_logits", "restricted_logits", "union_names"]
