"""Process recordings (rows x variables) to windows: per-plant z-scoring and the temporal split.

Shared by the ``tep`` source and the ``directory`` source's tabular (CSV) recordings, so both
prepare windows the same way:

* **Normalisation, label-free, per plant.** Each variable ``v`` is z-scored with the mean and
  standard deviation of the plant's own *normal* rows in the *train* part of its normal run(s):
  ``z_v = (x_v - mean_v) / std_v``. A variable that is constant there (``std_v <= 1e-6 ·
  max(1, |mean_v|)``) gets ``std_v = 1`` (it is only centred) and is listed in the notes. No test
  row and no fault label shapes the statistics; they are kept as a JSON recipe
  (:meth:`ZScore.recipe`) so new recordings can be prepared exactly as the training windows were.
* **Temporal split before windowing.** Every run is split in time (first ``1 - test_fraction``
  of its rows for training, the rest for testing, :func:`~.windowing.split_recording`); train
  windows are cut with the train stride, test windows do not overlap. A part shorter than one
  window gives no window (the caller names the run).
* **Rows that look normal.** ``first_valid_row``: windows that end before this row of the run
  are dropped (for a fault run that is bit-identical to normal before it departs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .windowing import WindowSpec, at_rate, cut_windows, num_windows

RECIPE_KIND = "process-zscore/v1"
"""``PlantData.preprocessing['kind']`` of a plant prepared by :class:`ZScore`."""


@dataclass(frozen=True)
class ZScore:
    """Per-variable z-score ``(x - mean) / std``; ``constant`` = variables whose std was set to 1."""

    variables: tuple[str, ...]
    mean: np.ndarray  # (C,) float64
    std: np.ndarray  # (C,) float64, > 0
    constant: tuple[str, ...]
    rows: int  # how many rows the statistics come from

    def apply(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` (T, C) z-scored, float32."""
        return ((np.asarray(rows, dtype=np.float64) - self.mean) / self.std).astype(np.float32)

    def recipe(self, rows_from: str) -> dict[str, Any]:
        """JSON-able record of the statistics (kept with the plant's model, never sent)."""
        return {
            "kind": RECIPE_KIND, "variables": list(self.variables), "mean": [float(v) for v in self.mean],
            "std": [float(v) for v in self.std], "constant": list(self.constant), "rows": self.rows,
            "rows_from": rows_from,
        }

    @classmethod
    def from_recipe(cls, recipe: dict[str, Any]) -> ZScore:
        """The inverse of :meth:`recipe`; ValueError naming a missing or malformed key."""
        for key in ("variables", "mean", "std", "constant", "rows"):
            if key not in recipe:
                raise ValueError(f"the {RECIPE_KIND} recipe has no {key!r}: re-run the federation to save it")
        mean = np.asarray(recipe["mean"], dtype=np.float64)
        std = np.asarray(recipe["std"], dtype=np.float64)
        variables = tuple(str(v) for v in recipe["variables"])
        if not (mean.shape == std.shape == (len(variables),)) or not bool((std > 0).all()):
            raise ValueError(f"the {RECIPE_KIND} recipe's mean/std must be {len(variables)} numbers, std > 0")
        return cls(variables, mean, std, tuple(recipe["constant"]), int(recipe["rows"]))

    def describe(self) -> str:
        """One sentence for the plant's notes."""
        if self.rows == 0:
            return (f"each variable scaled with the manifest's fixed centre and scale (set in advance, no statistic "
                    f"of the plant's rows; recipe kind {RECIPE_KIND})")
        const = f"; constant there, so only centred (std set to 1): {list(self.constant)}" if self.constant else ""
        return (f"each variable z-scored with the mean/std of {self.rows} normal train rows (the plant's own, "
                f"label-free; recipe kind {RECIPE_KIND}){const}")


def fixed_zscore(variables: tuple[str, ...], scaling: tuple[tuple[float, float], ...]) -> ZScore:
    """``(x - centre) / scale`` with constants set in advance (``rows`` 0: no row of the plant's data
    shaped them, so every window is prepared on its own, as DP-SGD's one-window bound needs)."""
    centre = np.array([c for c, _ in scaling], dtype=np.float64)
    scale = np.array([s for _, s in scaling], dtype=np.float64)
    return ZScore(tuple(variables), centre, scale, (), 0)


def fit_zscore(rows: np.ndarray, variables: tuple[str, ...]) -> ZScore:
    """Per-variable statistics of ``rows`` (T, C); constant variables get std 1."""
    arr = np.asarray(rows, dtype=np.float64)
    mean = arr.mean(axis=0)
    std = arr.std(axis=0)
    const = std <= 1e-6 * np.maximum(1.0, np.abs(mean))
    std = np.where(const, 1.0, std)
    return ZScore(variables, mean, std, tuple(v for v, c in zip(variables, const) if c), int(arr.shape[0]))


def train_rows(run: np.ndarray, test_fraction: float) -> int:
    """How many leading rows of a run of ``len(run)`` rows are its train part."""
    total = int(np.asarray(run).shape[0])
    return total - int(round(total * test_fraction))


def _windows(part: np.ndarray, offset: int, length: int, stride: int, first_valid_row: int) -> np.ndarray:
    """Windows (N, C, L) of ``part`` (T, C) whose last row (``offset`` + index in the run) >= first_valid_row."""
    channels = part.shape[1]
    if num_windows(part.shape[0], length, stride) == 0:
        return np.zeros((0, channels, length), dtype=np.float32)
    windows = cut_windows(part.T, length, stride)
    ends = offset + np.arange(windows.shape[0]) * stride + length - 1
    return windows[ends >= first_valid_row]


def split_run_windows(run: np.ndarray, length: int, train_stride: int, test_fraction: float,
                      first_valid_row: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(train, test) windows (N, C, L) of one run ``run`` (T, C): split in time first, then cut."""
    cut = train_rows(run, test_fraction)
    return (_windows(run[:cut], 0, length, train_stride, first_valid_row),
            _windows(run[cut:], cut, length, length, first_valid_row))


def resample_rows(rows: np.ndarray, interval_s: float, window: WindowSpec) -> tuple[np.ndarray, float]:
    """A run ``rows`` (T, C) sampled every ``interval_s`` brought to ``window.resample_to_hz``; (rows, interval).

    Band-limited (:func:`~.windowing.at_rate`) after taking out the straight line from the first to the
    last row of each variable, which is put back at the new sample times: the FFT treats a run as
    periodic, and a process run rarely ends where it started (a fault drifts), so without this the jump
    from its end back to its start would ring into the first and last rows. Unchanged when no
    ``resample_to_hz`` is set or the run is already at it."""
    rows = np.asarray(rows, dtype=np.float64)
    n = rows.shape[0]
    if window.resample_to_hz is None or abs(window.resample_to_hz * interval_s - 1.0) <= 1e-9 or n < 2:
        return rows, float(interval_s)  # (a single row: nothing to resample; the caller's length check refuses it)
    ramp = np.linspace(0.0, 1.0, n)[:, np.newaxis]
    line = rows[:1] + ramp * (rows[-1:] - rows[:1])
    out, rate = at_rate((rows - line).T, 1.0 / interval_s, window)
    m = out.shape[-1]
    # the line at the new sample times: they span the same time, (n - 1)·interval, in m samples
    times = np.minimum(np.arange(m) * (1.0 / rate) / ((n - 1) * interval_s), 1.0)[:, np.newaxis]
    return np.asarray(out, dtype=np.float64).T + rows[:1] + times * (rows[-1:] - rows[:1]), 1.0 / rate
