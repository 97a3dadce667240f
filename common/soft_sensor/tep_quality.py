"""The TEP product analysers XMEAS(37..41) as a K = 5 output regression target (a soft sensor).

What the analysers report (README of ``tep_multimode``, quirk 5; Downs & Vogel 1993, Table 4):
the product-stream (stream 11) analyser samples every ``PERIOD_ROWS`` = 25 rows (0.25 h) and its
result appears one dead time (``DEAD_TIME_ROWS`` = 25 rows, 0.25 h) later, then holds until the next
result. In the data the five columns change exactly at rows 25, 50, 75, … of every run. So the value
first shown at row ``u`` (u = 25, 50, …) describes the product sampled at row ``s = u − 25``.

Alignment used here (what a soft sensor must do: say *now* what the analyser will report a dead
time later): a window ends at a sample instant ``s`` (rows ``s − L + 1 … s``) and its target is the
value first shown at row ``s + 25``. One window per analyser sample, none in between (the held
values between results are not new measurements). A window's inputs never include the row its
target is reported at.

Inputs are the fast variables only: XMEAS(1..22) and XMV(1..12) (34 channels). The slower
composition analysers XMEAS(23..36) (0.1 h sampling, 0.1 h dead time) and the targets themselves
are left out.

Targets are in mol % as deviations from the mean of the plant's own normal run's training
targets (``target − ȳ_normal``): each plant's inputs are z-scored with its own normal rows, so a
shared model sees no absolute operating point and predicts the deviation; RMSE, MAE and R² are
unchanged by the offset, so every figure stays in mol %.

The ``tep`` data source builds the plant from these pieces with ``target: quality``
(``common.data.tep``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

QUALITY_COLUMNS: tuple[int, ...] = (36, 37, 38, 39, 40)  # XMEAS(37..41)
QUALITY_NAMES: tuple[str, ...] = ("XMEAS(37)", "XMEAS(38)", "XMEAS(39)", "XMEAS(40)", "XMEAS(41)")
QUALITY_DESCRIPTIONS: tuple[str, ...] = ("D", "E", "F", "G", "H")  # product (stream 11) component, mol %
FAST_COLUMNS: tuple[int, ...] = tuple(range(0, 22)) + tuple(range(41, 53))  # XMEAS(1..22), XMV(1..12)
PERIOD_ROWS = 25  # analyser sampling interval, rows of 36 s (0.25 h)
DEAD_TIME_ROWS = 25  # analyser dead time, rows (0.25 h)


def report_rows(run: np.ndarray, period: int = PERIOD_ROWS) -> np.ndarray:
    """Rows where a new analyser result appears: ``period``, 2·``period``, … within the run. Checked
    against the data: a run whose quality columns change anywhere else is refused."""
    q = np.asarray(run)[:, QUALITY_COLUMNS]
    changed = np.flatnonzero((np.diff(q, axis=0) != 0).any(axis=1)) + 1
    off_grid = changed[changed % period != 0]
    if off_grid.size:
        raise ValueError(f"the quality columns XMEAS(37..41) change at row {int(off_grid[0])}, not on the "
                         f"{period}-row analyser grid: this is not the sample-and-hold TEP analyser data the "
                         "soft-sensor target expects")
    return np.arange(period, len(q), period)


@dataclass(frozen=True)
class QualityWindows:
    """One run's soft-sensor windows: inputs (N, 34, L), targets (N, 5) in mol %, and the sample rows."""

    x: np.ndarray
    target: np.ndarray
    sample_rows: np.ndarray  # s: the last input row of each window (the row the target describes)


def quality_windows(fast_rows: np.ndarray, raw_run: np.ndarray, length: int, first_row: int, last_row: int,
                    period: int = PERIOD_ROWS, dead_time: int = DEAD_TIME_ROWS) -> QualityWindows:
    """Windows of ``fast_rows`` (T, C) ending at the analyser's sample instants ``s`` with
    ``first_row <= s − length + 1`` and ``s + dead_time <= last_row − 1``; target = ``raw_run``'s
    quality columns at row ``s + dead_time`` (see the module docstring)."""
    if len(fast_rows) != len(raw_run):
        raise ValueError(f"fast_rows has {len(fast_rows)} rows, the run {len(raw_run)}")
    shown = report_rows(raw_run, period)
    samples = shown - dead_time
    keep = (samples - length + 1 >= first_row) & (shown <= last_row - 1) & (samples >= length - 1)
    samples, shown = samples[keep], shown[keep]
    channels = fast_rows.shape[1]
    if samples.size == 0:
        return QualityWindows(np.zeros((0, channels, length), np.float32), np.zeros((0, len(QUALITY_COLUMNS)),
                                                                                     np.float32), samples)
    index = samples[:, None] + np.arange(-length + 1, 1)[None, :]  # (N, L) rows of each window
    x = np.ascontiguousarray(np.asarray(fast_rows, np.float32)[index].transpose(0, 2, 1))
    target = np.asarray(raw_run, np.float32)[shown][:, QUALITY_COLUMNS]
    return QualityWindows(x, target, samples)


def split_quality_windows(fast_rows: np.ndarray, raw_run: np.ndarray, length: int, test_fraction: float,
                          first_valid_row: int = 0) -> tuple[QualityWindows, QualityWindows]:
    """(train, test) windows of one run, split in time like every process run: the first
    ``T − round(T · test_fraction)`` rows are the train part. A train window and its target's report
    row lie inside the train part, a test window inside the test part; windows ending before
    ``first_valid_row`` (a fault run still identical to normal) are dropped."""
    total = len(raw_run)
    cut = total - int(round(total * test_fraction))
    train = quality_windows(fast_rows, raw_run, length, 0, cut)
    test = quality_windows(fast_rows, raw_run, length, cut, total)
    keep = train.sample_rows >= first_valid_row
    train = QualityWindows(train.x[keep], train.target[keep], train.sample_rows[keep])
    keep = test.sample_rows >= first_valid_row
    return train, QualityWindows(test.x[keep], test.target[keep], test.sample_rows[keep])


@dataclass(frozen=True)
class QualitySplits:
    """A plant's soft-sensor data: train/test inputs, targets (deviation from ``normal_mean``, mol %),
    class labels of the runs the windows come from, and the offset removed."""

    x_train: np.ndarray
    target_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    target_test: np.ndarray
    y_test: np.ndarray
    normal_mean: np.ndarray  # (5,) mol %: mean of the normal run's train targets
    windows_per_class: dict[str, tuple[int, int]]  # (train, test)


def quality_splits(z_runs: dict[str, np.ndarray], raw_runs: dict[str, np.ndarray], classes: tuple[str, ...],
                   first_valid_rows: dict[str, int], length: int, test_fraction: float,
                   normal_class: str = "normal") -> QualitySplits:
    """Every class's run to soft-sensor windows (inputs: the fast columns of the z-scored run
    ``z_runs[name]``; targets: ``raw_runs[name]``'s analysers), labelled by class index, and the
    targets made deviations from the normal run's train mean (see the module docstring)."""
    if normal_class not in raw_runs:
        raise ValueError(f"the soft-sensor target needs the {normal_class!r} run (its train targets give the offset)")
    normal_train, _ = split_quality_windows(np.asarray(z_runs[normal_class])[:, FAST_COLUMNS],
                                            raw_runs[normal_class], length, test_fraction)
    if len(normal_train.target) == 0:
        raise ValueError(f"the {normal_class!r} run's train part holds no analyser sample after a window of "
                         f"{length} rows: shorten window.length")
    offset = normal_train.target.astype(np.float64).mean(axis=0)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("xtr", "ttr", "ytr", "xte", "tte", "yte")}
    counts: dict[str, tuple[int, int]] = {}
    for label, name in enumerate(classes):
        first = first_valid_rows.get(name, 0)
        if first < 0:  # never departs from normal: no window
            counts[name] = (0, 0)
            continue
        train, test = split_quality_windows(np.asarray(z_runs[name])[:, FAST_COLUMNS], raw_runs[name], length,
                                            test_fraction, first_valid_row=first)
        counts[name] = (len(train.target), len(test.target))
        for split, got in (("tr", train), ("te", test)):
            parts["x" + split].append(got.x)
            parts["t" + split].append((got.target - offset).astype(np.float32))
            parts["y" + split].append(np.full(len(got.target), label, dtype=np.int64))
    return QualitySplits(
        np.concatenate(parts["xtr"]), np.concatenate(parts["ttr"]), np.concatenate(parts["ytr"]),
        np.concatenate(parts["xte"]), np.concatenate(parts["tte"]), np.concatenate(parts["yte"]),
        offset, counts)
