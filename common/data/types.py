"""Containers for windowed vibration data: one split (WindowSet) and one plant (PlantData).

Everything downstream (training, federated clients, evaluation) consumes these two
types, so they check their own invariants at construction time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from common.task import DEFAULT_TASK, task_named, task_names

UNLABELLED = -1
"""Label value marking a window without a label."""

TASKS: tuple[str, ...] = task_names()
"""What a plant's windows can be for (the registered tasks, ``common/task.py``): ``y`` (class labels)
or also a ``target`` (a float per window)."""


def recording_groups(parts: list[np.ndarray]) -> np.ndarray:
    """``WindowSet.groups`` for windows concatenated from ``parts``, one part per recording: part i's
    windows get id i."""
    return np.repeat(np.arange(len(parts), dtype=np.int64), [len(p) for p in parts]).astype(np.int64)


@dataclass(frozen=True)
class WindowSet:
    """N windows of C channels by L samples, with one integer label each (-1 = unlabelled).

    ``target`` (optional, None when the source has none) is the float32 regression target:

    - shape (N,): one output per window (e.g. the remaining useful life);
    - shape (N, K), K >= 1: K outputs per window (e.g. a soft sensor's K analysers), column k is
      output k, in the order of ``PlantData.target_names``.

    NaN marks a missing value **per element**: a window may carry some outputs and not others
    (analysers sampled at different rates); the loss and the metrics of output k use only the
    windows where it is finite, and a window with no finite output is unlabelled for regression.
    A data source hands a K-output target as ``WindowSet(x, y, target=t.astype(np.float32))`` with
    ``t.shape == (N, K)`` and sets ``PlantData.target_names`` to the K names; the scenario's
    ``target_outputs`` must equal K. The test split must be fully finite.

    ``groups`` (optional, None when the source does not mark them): the recording each window was cut
    from, one int64 id per window; a recording's windows are contiguous and in time order. Decisions
    that use a window's predecessors (posterior smoothing, ``common.posterior_smoothing``) restart at
    each recording.
    """

    x: np.ndarray
    y: np.ndarray
    target: np.ndarray | None = None
    groups: np.ndarray | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.x, np.ndarray) or not isinstance(self.y, np.ndarray):
            raise ValueError(
                f"WindowSet.x and .y must be numpy arrays, got {type(self.x).__name__} "
                f"and {type(self.y).__name__}"
            )
        if self.x.dtype != np.float32:
            raise ValueError(f"WindowSet.x must be float32, got {self.x.dtype}: use x.astype(np.float32)")
        if self.x.ndim != 3:
            raise ValueError(f"WindowSet.x must have shape (N, C, L), got shape {self.x.shape}")
        if self.x.shape[1] < 1 or self.x.shape[2] < 1:
            raise ValueError(f"WindowSet.x needs at least one channel and one sample, got shape {self.x.shape}")
        if self.y.dtype != np.int64:
            raise ValueError(f"WindowSet.y must be int64, got {self.y.dtype}: use y.astype(np.int64)")
        if self.y.ndim != 1 or self.y.shape[0] != self.x.shape[0]:
            raise ValueError(
                f"WindowSet.y must have shape (N,) = ({self.x.shape[0]},) to match x, got {self.y.shape}"
            )
        if self.y.size and int(self.y.min()) < UNLABELLED:
            raise ValueError(f"WindowSet.y labels must be >= -1 (-1 = unlabelled), got {int(self.y.min())}")
        if self.target is not None:
            t = self.target
            if not isinstance(t, np.ndarray) or t.dtype != np.float32:
                raise ValueError(
                    f"WindowSet.target must be a float32 numpy array or None, got "
                    f"{getattr(t, 'dtype', type(t).__name__)}: use target.astype(np.float32)"
                )
            if t.ndim not in (1, 2) or t.shape[0] != self.x.shape[0] or (t.ndim == 2 and t.shape[1] < 1):
                raise ValueError(
                    f"WindowSet.target must have shape (N,) or (N, K) with N = {self.x.shape[0]} to match x "
                    f"and K >= 1, got {t.shape}"
                )
            if bool(np.isinf(t).any()):
                raise ValueError("WindowSet.target contains +/-Inf: use NaN for unlabelled windows")
        if self.groups is not None:
            g = self.groups
            if not isinstance(g, np.ndarray) or g.dtype != np.int64 or g.shape != self.y.shape:
                raise ValueError(
                    f"WindowSet.groups must be an int64 array of shape (N,) = ({self.x.shape[0]},) or None, got "
                    f"{getattr(g, 'dtype', type(g).__name__)} {getattr(g, 'shape', '')}: one recording id per window"
                )

    def __len__(self) -> int:
        return int(self.x.shape[0])

    @property
    def channels(self) -> int:
        return int(self.x.shape[1])

    @property
    def window_length(self) -> int:
        return int(self.x.shape[2])

    @property
    def labelled_mask(self) -> np.ndarray:
        """Boolean mask of windows that carry a label."""
        return self.y >= 0

    @property
    def num_labelled(self) -> int:
        return int(np.count_nonzero(self.labelled_mask))

    def subset(self, idx: np.ndarray) -> WindowSet:
        """Windows selected by integer indices or a boolean mask (copies the data)."""
        idx = np.asarray(idx)
        if idx.dtype != np.bool_ and idx.size == 0:
            idx = idx.astype(np.int64)
        target = None if self.target is None else self.target[idx]
        groups = None if self.groups is None else self.groups[idx]
        return WindowSet(x=self.x[idx], y=self.y[idx], target=target, groups=groups)

    def with_labels(self, y: np.ndarray) -> WindowSet:
        """Same windows with replaced labels (x is shared, not copied).

        A window whose label is hidden here (labelled before, -1 now) also loses its
        ``target`` (set to NaN), so hiding labels never leaves a regression target behind.
        """
        y = np.asarray(y, dtype=np.int64)
        target = self.target
        if target is not None and y.shape == self.y.shape:
            hidden = (self.y >= 0) & (y < 0)
            if bool(hidden.any()):
                rows = hidden.reshape(-1, *([1] * (target.ndim - 1)))  # a hidden window loses every output
                target = np.where(rows, np.float32(np.nan), target).astype(np.float32)
        return WindowSet(x=self.x, y=y, target=target, groups=self.groups)

    def class_counts(self, num_classes: int) -> np.ndarray:
        """Number of labelled windows per class, shape (num_classes,)."""
        labelled = self.y[self.labelled_mask]
        return np.bincount(labelled, minlength=num_classes)[:num_classes]


@dataclass(frozen=True)
class PlantData:
    """One plant's private data: a training split (possibly partly unlabelled) and a labelled test split."""

    plant_id: str
    train: WindowSet
    test: WindowSet
    class_names: tuple[str, ...]
    sample_rate_hz: float
    source: str
    notes: str = ""
    task: str = DEFAULT_TASK  # one of TASKS; a task that needs_target (regression) needs train/test ``target``
    target_name: str = ""  # what ``target`` measures, e.g. "RUL (cycles, capped at 125)"
    # (N, K) targets: the name of each of the K outputs, e.g. ("XMEAS(37)", ..., "XMEAS(41)"); () for (N,)
    target_names: tuple[str, ...] = ()
    # How raw records become this plant's windows, when a source can redo it on new data (C-MAPSS:
    # common.data.cmapss_recipe); JSON-able, kept with the plant's model, never sent.
    preprocessing: dict[str, Any] | None = None
    # Any statistic of this plant's data, computed across windows, that shapes what the model
    # sees (e.g. z-score statistics of all training rows); "" when every window is prepared on
    # its own. DP-SGD's one-window guarantee assumes "": a DP plant refuses to train otherwise.
    cross_window_statistics: str = ""
    # The machine's shaft speed (rpm) when the source knows it: order tracking resamples each recording
    # to window.samples_per_revolution × it, and `factoryfl predict` does the same to new recordings.
    shaft_speed_rpm: float | None = None
    # The channels of the source's windows this plant uses, in order (a plant's ``use_channels``; ``()``:
    # all), and how many the source has: `factoryfl predict` reads a new recording's ``channels_read``
    # channels and keeps these (common/data/channel_select.py).
    channels_used: tuple[int, ...] = ()
    channels_read: int = 0

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"plant {self.plant_id!r}: task must be one of {list(TASKS)}, got {self.task!r}")
        if task_named(self.task).needs_target:
            for name, ws in (("train", self.train), ("test", self.test)):
                if ws.target is None:
                    raise ValueError(
                        f"plant {self.plant_id!r}: task is {self.task!r} but the {name} split has no target: "
                        "set WindowSet.target (float32, NaN = unlabelled)"
                    )
            assert self.test.target is not None and self.train.target is not None
            dims = {self.train.target.shape[1:], self.test.target.shape[1:]}
            if len(dims) != 1:
                raise ValueError(f"plant {self.plant_id!r}: train and test targets differ in outputs: "
                                 f"{self.train.target.shape} vs {self.test.target.shape}")
            outputs = self.target_outputs
            if self.train.target.ndim == 2 and len(self.target_names) != outputs:
                raise ValueError(f"plant {self.plant_id!r}: target has {outputs} outputs but target_names has "
                                 f"{len(self.target_names)} names {list(self.target_names)}: name each output once")
            if len(self.test) and bool(np.isnan(self.test.target).any()):
                raise ValueError(
                    f"plant {self.plant_id!r}: {int(np.isnan(self.test.target).sum())} test targets are NaN; "
                    "the test split is for evaluation and must be fully labelled"
                )
        if not self.class_names:
            raise ValueError(f"plant {self.plant_id!r}: class_names must not be empty")
        if len(set(self.class_names)) != len(self.class_names):
            raise ValueError(f"plant {self.plant_id!r}: class_names contains duplicates: {self.class_names}")
        if not self.sample_rate_hz > 0:
            raise ValueError(f"plant {self.plant_id!r}: sample_rate_hz must be > 0, got {self.sample_rate_hz}")
        if self.train.x.shape[1:] != self.test.x.shape[1:]:
            raise ValueError(
                f"plant {self.plant_id!r}: train windows have (C, L) = {self.train.x.shape[1:]} "
                f"but test windows have {self.test.x.shape[1:]}"
            )
        k = len(self.class_names)
        for name, ws in (("train", self.train), ("test", self.test)):
            if len(ws) and int(ws.y.max()) >= k:
                raise ValueError(
                    f"plant {self.plant_id!r}: {name} label {int(ws.y.max())} out of range for "
                    f"{k} classes {self.class_names}"
                )
        if len(self.test) and not bool(self.test.labelled_mask.all()):
            raise ValueError(
                f"plant {self.plant_id!r}: {int((~self.test.labelled_mask).sum())} test windows are "
                "unlabelled; the test split is for evaluation and must be fully labelled"
            )

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def target_outputs(self) -> int:
        """K, the outputs per window of an (N, K) target; 1 for an (N,) target or none."""
        target = self.train.target
        return int(target.shape[1]) if target is not None and target.ndim == 2 else 1

    @property
    def channels(self) -> int:
        return self.train.channels

    @property
    def window_length(self) -> int:
        return self.train.window_length

    def summary(self) -> dict[str, Any]:
        """JSON-able overview: sizes, label counts per split and class, signal shape, provenance."""

        def split_summary(ws: WindowSet) -> dict[str, Any]:
            counts = ws.class_counts(self.num_classes)
            return {
                "windows": len(ws),
                "labelled": ws.num_labelled,
                "per_class": {name: int(c) for name, c in zip(self.class_names, counts)},
            }

        out: dict[str, Any] = {
            "plant_id": self.plant_id,
            "source": self.source,
            "class_names": list(self.class_names),
            "num_classes": self.num_classes,
            "channels": self.channels,
            "window_length": self.window_length,
            "sample_rate_hz": float(self.sample_rate_hz),
            "train": split_summary(self.train),
            "test": split_summary(self.test),
            "notes": self.notes,
        }
        if self.task != DEFAULT_TASK:  # the default task's summaries stay exactly as before
            out["task"] = self.task
            out["target_name"] = self.target_name
            if self.target_names:
                out["target_names"] = list(self.target_names)
        return out
