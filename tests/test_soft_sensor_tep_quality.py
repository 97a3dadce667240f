"""TEP analyser targets (common/soft_sensor/tep_quality.py): alignment in time, splits, real data."""

from __future__ import annotations

import numpy as np
import pytest

from common.soft_sensor.tep_quality import (
    FAST_COLUMNS,
    QUALITY_COLUMNS,
    quality_splits,
    quality_windows,
    report_rows,
    split_quality_windows,
)
from tests.conftest import DATASETS


def _run(rows: int, seed: int = 0) -> np.ndarray:
    """A run of 53 variables whose analysers report, at rows 25, 50, ..., the row index of the sample
    they describe (25 rows earlier) times (1..5): the target tells which row it describes."""
    run = np.random.default_rng(seed).standard_normal((rows, 53)).astype(np.float32)
    held = np.zeros((rows, len(QUALITY_COLUMNS)), np.float32)
    for u in range(25, rows, 25):
        held[u:] = (u - 25) * np.arange(1, 6)
    run[:, QUALITY_COLUMNS] = held
    return run


def test_each_window_ends_at_a_sample_instant_and_gets_the_value_reported_a_dead_time_later():
    run = _run(300)
    fast = run[:, FAST_COLUMNS]
    got = quality_windows(fast, run, length=10, first_row=0, last_row=300)
    assert got.sample_rows.tolist() == list(range(25, 275, 25))  # s = 0 has no 10-row history; s + 25 < 300
    np.testing.assert_array_equal(got.target, got.sample_rows[:, None] * np.arange(1, 6))
    np.testing.assert_array_equal(got.x[0], fast[16:26].T)  # rows s - 9 .. s, channels first
    assert got.x.shape == (10, len(FAST_COLUMNS), 10)


def test_train_and_test_windows_stay_inside_their_part_of_the_run():
    run = _run(400)
    train, test = split_quality_windows(run[:, FAST_COLUMNS], run, length=20, test_fraction=0.25)
    cut = 300
    assert (train.sample_rows + 25 <= cut - 1).all()  # the reported value too is in the train part
    assert (test.sample_rows - 19 >= cut).all()
    assert test.sample_rows.tolist() == [325, 350]  # 375 would be reported at 400, after the run
    train2, _ = split_quality_windows(run[:, FAST_COLUMNS], run, 20, 0.25, first_valid_row=100)
    assert train2.sample_rows.min() == 100


def test_a_run_whose_analysers_change_off_the_grid_is_refused():
    run = _run(100)
    run[30, QUALITY_COLUMNS[0]] += 1.0
    with pytest.raises(ValueError, match="not on the 25-row analyser grid"):
        report_rows(run)


def test_targets_are_deviations_from_the_normal_runs_train_mean_and_classes_label_the_runs():
    runs = {"normal": _run(500, 0), "idv01": _run(500, 1) + 0}
    runs["idv01"][:, QUALITY_COLUMNS] += 7.0
    got = quality_splits(runs, runs, ("normal", "idv01"), {"normal": 0, "idv01": 1}, 20, 0.2)
    normal = got.y_train == 0
    np.testing.assert_allclose(got.target_train[normal].mean(axis=0), 0.0, atol=1e-3)
    np.testing.assert_allclose(got.target_train[~normal].mean(axis=0), 7.0, atol=1e-3)
    assert got.windows_per_class["normal"] == (len(got.target_train[normal]), int((got.y_test == 0).sum()))
    assert quality_splits(runs, runs, ("normal", "idv01"), {"idv01": -1}, 20, 0.2).windows_per_class["idv01"] == (0, 0)


def test_on_the_real_data_every_mode_reports_on_the_25_row_grid():
    path = DATASETS / "tep_multimode" / "mode1.npz"
    if not path.exists():
        pytest.skip(f"TEP data not found at {path}: set FACTORYFL_DATASETS or place ../shared/datasets")
    for mode in (1, 2, 3, 4):
        with np.load(DATASETS / "tep_multimode" / f"mode{mode}.npz") as z:
            for name in ("normal", "idv06", "idv13"):
                run = z[name]
                assert report_rows(run).tolist() == list(range(25, len(run), 25))


def test_a_real_mode_loads_as_a_five_output_regression_plant():
    path = DATASETS / "tep_multimode" / "mode2.npz"
    if not path.exists():
        pytest.skip(f"TEP data not found at {path}: set FACTORYFL_DATASETS or place ../shared/datasets")
    from common.data.tep import TepParams, load_tep
    from common.data.windowing import WindowSpec

    data = load_tep("mode2", TepParams(mode=2, data_dir=str(path.parent), target="quality"),
                    WindowSpec(length=20, test_fraction=0.3))
    assert data.task == "regression" and data.target_outputs == 5 and data.channels == 34
    assert data.train.target is not None and data.test.target is not None
    assert np.isfinite(data.test.target).all()
    normal = data.train.y == 0
    np.testing.assert_allclose(data.train.target[normal].mean(axis=0), 0.0, atol=1e-4)
    # one window per analyser sample: 7201-row runs give 200 train and 85 test windows
    assert int(normal.sum()) == 200 and int((data.test.y == 0).sum()) == 85
