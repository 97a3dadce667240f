"""C-MAPSS source: real-data counts, labels and normalisation (skipped without the shared data),
plus data-free checks on tiny fake files, the metrics, the params and the target-carrying types."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from common.config.parse import Problems, build
from common.data import (
    CMAPSS_INFORMATIVE_SENSORS,
    CmapssParams,
    DataValidationError,
    PlantData,
    WindowSet,
    WindowSpec,
    apply_label_fraction,
    load_cmapss,
    load_cmapss_splits,
    load_plant_data,
    operating_conditions,
)
from common.data.cmapss import CMAPSS_COLUMNS, phm08_score, rmse
from common.extensions.data_sources import DATA_SOURCES, params_type
from tests.conftest import DATASETS

REPO = Path(__file__).resolve().parent.parent
CMAPSS_DIR = DATASETS / "cmapss"
SENSOR_IDX = [CMAPSS_COLUMNS.index(s) for s in CMAPSS_INFORMATIVE_SENSORS]


def _need(name: str) -> Path:
    path = CMAPSS_DIR / name
    if not path.is_file():
        pytest.skip(f"C-MAPSS data not found at {path}: set FACTORYFL_DATASETS or place ../shared/datasets/cmapss")
    return path


def _raw(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as z:
        return {k: z[k] for k in ("train", "test", "rul")}


def _lengths(table: np.ndarray) -> np.ndarray:
    return np.bincount(table[:, 0].astype(int))[1:]


@pytest.fixture(scope="module")
def fd001() -> tuple[Path, dict[str, np.ndarray]]:
    path = _need("fd001.npz")
    return path, _raw(path)


@pytest.fixture(scope="module")
def fd001_splits(fd001):
    return load_cmapss_splits(CmapssParams(path=str(fd001[0])))


# ------------------------------------------------------------------ real data (FD001 / FD002)


def test_fd001_counts_shapes_targets_and_labels(fd001, fd001_splits) -> None:
    _, raw = fd001
    s = fd001_splits
    assert len(s.train) == int(np.sum(_lengths(raw["train"]) - 30 + 1)) == 17731
    assert s.test.x.shape == (100, 14, 30) and s.train.x.shape[1:] == (14, 30)
    assert s.train.x.dtype == np.float32 and s.train.target.dtype == np.float32
    assert s.test_unit.tolist() == list(range(1, 101))
    for ws in (s.train, s.test):
        assert 0.0 <= ws.target.min() and ws.target.max() <= 125.0
    # test: the official engines, official RUL (capped), label = RUL <= horizon
    assert np.array_equal(s.test.target, np.minimum(raw["rul"], 125).astype(np.float32))
    assert np.array_equal(s.test.y, (raw["rul"] <= 30).astype(np.int64))
    assert np.array_equal(s.train.y, (s.train.target <= 30).astype(np.int64))
    # last train window of every engine has RUL 0; the first has min(cycles - L, cap)
    last = np.r_[np.flatnonzero(np.diff(s.train_unit)), len(s.train) - 1]
    assert np.all(s.train.target[last] == 0) and len(last) == 100
    first = np.r_[0, last[:-1] + 1]
    assert np.array_equal(s.train.target[first], np.minimum(_lengths(raw["train"]) - 30, 125))
    assert s.num_conditions == 1 and len(s.validation) == 0


def test_fd001_windows_are_condition_zscored_cycles(fd001, fd001_splits) -> None:
    _, raw = fd001
    train, test = raw["train"].astype(np.float64), raw["test"].astype(np.float64)
    mean, std = train[:, SENSOR_IDX].mean(0), train[:, SENSOR_IDX].std(0)  # train rows only (the default)
    s = fd001_splits
    np.testing.assert_allclose(s.train.x[0], ((train[0:30, SENSOR_IDX] - mean) / std).T, rtol=1e-4, atol=1e-4)
    engine1 = test[test[:, 0] == 1]
    np.testing.assert_allclose(s.test.x[0], ((engine1[-30:, SENSOR_IDX] - mean) / std).T, rtol=1e-4, atol=1e-4)


def test_fd001_as_registered_plant_and_determinism(fd001) -> None:
    path = fd001[0]
    params = CmapssParams(path=path.name, train_units_fraction=0.2, seed=3)
    data = load_plant_data("cmapss", "fd001", params, WindowSpec(length=30), path.parent)
    again = load_cmapss("fd001", params, base_dir=path.parent)
    assert data.task == "regression" and data.source == "cmapss" and data.sample_rate_hz == 1.0
    assert data.class_names == ("healthy", "fails_within_30") and "capped at 125" in data.target_name
    assert np.array_equal(data.train.x, again.train.x) and np.array_equal(data.train.target, again.train.target)
    assert data.summary()["task"] == "regression"
    for word in ("20 train engines", "100 official test engines", "padded", "capped at 125", "sensor_21"):
        assert word in data.notes, word
    # 20 engines, and all their windows
    s = load_cmapss_splits(params, base_dir=path.parent)
    units = np.unique(s.train_unit)
    assert units.size == 20
    assert len(s.train) == int(np.sum(_lengths(fd001[1]["train"])[units - 1] - 29))
    other = load_cmapss_splits(CmapssParams(path=str(path), train_units_fraction=0.2, seed=4))
    assert not np.array_equal(np.unique(other.train_unit), units)
    assert len(s.test) == 100  # the test split never shrinks


def test_fd001_validation_units_are_disjoint_engines(fd001) -> None:
    s = load_cmapss_splits(CmapssParams(path=str(fd001[0]), validation_units=10, train_stride=5))
    assert np.unique(s.validation_unit).size == 10 and np.unique(s.train_unit).size == 90
    assert not set(s.validation_unit.tolist()) & set(s.train_unit.tolist())
    assert np.all(s.validation.target[np.r_[np.flatnonzero(np.diff(s.validation_unit)), -1]] == 0)


def test_fd001_evaluate_on_validation_scores_held_out_train_engines(fd001) -> None:
    """Tuning split: the plant's evaluation windows are its held-out engines', never the official test's."""
    params = CmapssParams(path=str(fd001[0]), validation_units=10, train_stride=5, evaluate_on="validation")
    plant = load_cmapss("fd001", params)
    splits = load_cmapss_splits(params)
    np.testing.assert_array_equal(plant.test.x, splits.validation.x)
    np.testing.assert_array_equal(plant.test.target, splits.validation.target)
    np.testing.assert_array_equal(plant.train.x, splits.train.x)
    assert len(plant.test) != len(splits.test) and "VALIDATION ENGINES" in plant.notes
    official = load_cmapss("fd001", CmapssParams(path=str(fd001[0]), validation_units=10, train_stride=5))
    np.testing.assert_array_equal(official.test.x, splits.test.x)


def test_fd001_constant_sensor_is_zero_and_global_option(fd001) -> None:
    params = CmapssParams(path=str(fd001[0]), sequence_length=1, sensors=("sensor_1", "sensor_2"),
                          condition_normalisation=False)
    s = load_cmapss_splits(params)
    assert len(s.train) == len(fd001[1]["train"])  # L = 1: one window per train row
    assert np.all(s.train.x[:, 0] == 0) and np.all(np.isfinite(s.test.x))
    rows = s.train.x[:, 1, 0].astype(np.float64)
    assert abs(rows.mean()) < 1e-4 and abs(rows.std() - 1) < 1e-4


def test_fd002_six_conditions_and_per_condition_zscore() -> None:
    path = _need("fd002.npz")
    raw = _raw(path)
    s = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=1))  # one window per row
    assert s.num_conditions == 6 and s.test.x.shape == (259, 14, 1)
    assert sorted(np.round(s.condition_centres[:, 0]).tolist()) == [0, 10, 20, 25, 35, 42]
    cond, _ = operating_conditions(raw["train"][:, 2:5])
    assert np.bincount(cond).size == 6
    rows = s.train.x[:, :, 0].astype(np.float64)
    for c in range(6):
        part = rows[cond == c]
        np.testing.assert_allclose(part.mean(0), 0, atol=1e-3)
        std = part.std(0)
        assert np.all((np.abs(std - 1) < 1e-3) | (std == 0)), std
    # the default window length on the same file: every engine gives cycles - 29 windows
    default = load_cmapss_splits(CmapssParams(path=str(path)))
    assert default.train.x.shape == (53759 - 260 * 29, 14, 30)
    assert "6 operating condition(s)" in default.notes


# ------------------------------------------------------------------------- tiny fake files


def _fake_file(tmp_path: Path, *, test_lengths=(3, 7), rul=(5.0, 40.0), name="fd999.npz") -> Path:
    """3 train engines (8, 10, 12 cycles) and short test engines, alternating two conditions."""
    rng = np.random.default_rng(0)

    def table(lengths):
        rows = []
        for unit, n in enumerate(lengths, start=1):
            for cycle in range(1, n + 1):
                high = cycle % 2 == 0
                ops = [20.0, 0.7, 100.0] if high else [0.0, 0.0, 100.0]
                ops = [o + rng.normal(0, 1e-4) for o in ops]
                sensors = rng.normal(100.0 if high else 50.0, 1.0, 21) + cycle
                sensors[0] = 7.0  # sensor_1 constant
                rows.append([unit, cycle, *ops, *sensors])
        return np.asarray(rows, dtype=np.float32)

    path = tmp_path / name
    np.savez(path, train=table((8, 10, 12)), test=table(test_lengths), rul=np.asarray(rul, np.float32),
             columns=np.asarray(CMAPSS_COLUMNS))
    return path


def test_fake_padding_stride_anchor_and_labels(tmp_path: Path) -> None:
    path = _fake_file(tmp_path)
    params = CmapssParams(path=str(path), sequence_length=5, train_stride=3, rul_cap=30, failure_horizon=6)
    s = load_cmapss_splits(params)
    # windows end at the last cycle, then every 3 cycles before: engine of 8 cycles -> ends at 7, 4 (0-based)
    assert s.train_unit.tolist() == [1, 1, 2, 2, 3, 3, 3]
    assert s.train.target.tolist() == [3, 0, 3, 0, 6, 3, 0]
    assert s.train.y.tolist() == [1, 1, 1, 1, 1, 1, 1]
    # test engine 1 has 3 cycles < 5: front-padded by repeating its first cycle
    x = s.test.x[0]
    assert np.array_equal(x[:, 0], x[:, 2]) and np.array_equal(x[:, 1], x[:, 2])
    assert not np.array_equal(x[:, 2], x[:, 3])
    assert s.test.target.tolist() == [5, 30] and s.test.y.tolist() == [1, 0]
    assert s.num_conditions == 2 and "1 engines shorter than 5 cycles padded" in s.notes


def test_fake_min_cycles_pads_early_windows_like_test_engines(tmp_path: Path) -> None:
    """min_cycles < L adds windows that end before cycle L, front-padded with the engine's first
    cycle exactly as a short test engine is; the windows ending at cycle >= L are unchanged."""
    path = _fake_file(tmp_path)
    base = dict(path=str(path), sequence_length=6, train_stride=1, rul_cap=100, validation_units=1, seed=3)
    plain = load_cmapss_splits(CmapssParams(**base))
    padded = load_cmapss_splits(CmapssParams(**base, min_cycles=4))
    # every engine gains two windows (ending at its 4th and 5th cycle)
    for split, unit_of in (("train", "train_unit"), ("validation", "validation_unit")):
        for unit in np.unique(getattr(plain, unit_of)):
            n_plain = int((getattr(plain, unit_of) == unit).sum())
            assert int((getattr(padded, unit_of) == unit).sum()) == n_plain + 2, (split, unit)
    unit = int(plain.train_unit[0])
    first = padded.train.x[padded.train_unit == unit][0]  # ends at the engine's 4th cycle
    assert np.array_equal(first[:, 0], first[:, 1]) and np.array_equal(first[:, 1], first[:, 2])
    assert not np.array_equal(first[:, 2], first[:, 3])
    # its real cycles are the engine's first four, the ones the unpadded first window starts with
    assert np.array_equal(first[:, 2:], plain.train.x[plain.train_unit == unit][0][:, :4])
    n = int((plain.train_unit == unit).sum()) + 5  # cycles of this engine
    assert padded.train.target[padded.train_unit == unit][:2].tolist() == [n - 4, n - 5]
    # the later windows are identical to the plain ones
    assert np.array_equal(padded.train.x[padded.train_unit == unit][2:], plain.train.x[plain.train_unit == unit])
    assert "from cycle 4 on, padded" in padded.notes
    assert "padded at the front by repeating the engine" not in plain.notes
    # min_cycles above L keeps only windows that end late enough
    late = load_cmapss_splits(CmapssParams(**base, min_cycles=9))
    assert late.train.x.shape[0] < plain.train.x.shape[0] and "end at cycle 9 or later" in late.notes


def test_fake_statistics_choice_and_constant_sensor(tmp_path: Path) -> None:
    path = _fake_file(tmp_path)
    sensors = ("sensor_1", "sensor_2")
    only_train = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=1, sensors=sensors))
    with_test = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=1, sensors=sensors,
                                                normalisation_stats="train_test"))
    assert np.all(only_train.train.x[:, 0] == 0) and np.all(np.isfinite(only_train.test.x))
    assert not np.allclose(only_train.train.x, with_test.train.x)
    assert "train engines' rows only" in only_train.notes and "unsupervised" in with_test.notes
    ops = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=4, include_op_settings=True))
    assert ops.train.x.shape[1] == 14 + 3 and ops.channel_names[-1] == "op_setting_3"


def test_fake_smoothing_is_causal_and_restarts_at_each_engine(tmp_path: Path) -> None:
    """s_t = a·s_(t−1) + (1 − a)·x_t within an engine, from its own first cycle: a window covering a
    whole engine equals the recursion run by hand over that engine's normalised rows."""
    path = _fake_file(tmp_path)

    def by_hand(x: np.ndarray) -> np.ndarray:
        out = x.copy()
        for t in range(1, x.shape[1]):
            out[:, t] = 0.6 * out[:, t - 1] + 0.4 * x[:, t]
        return out

    for length, unit in ((8, 1), (10, 2)):  # engines 1 and 2 have 8 and 10 cycles: one whole-engine window
        kwargs = dict(path=str(path), sequence_length=length, train_stride=100)
        raw = load_cmapss_splits(CmapssParams(**kwargs))
        smooth = load_cmapss_splits(CmapssParams(**kwargs, smoothing=0.6))
        whole = raw.train.x[raw.train_unit == unit][0]
        # engine 2's first cycle is its own raw value: nothing carried over from engine 1
        assert np.allclose(smooth.train.x[smooth.train_unit == unit][0], by_hand(whole), atol=1e-5)
    # a test engine's last cycle follows the recursion from its own previous (smoothed) cycle
    assert np.allclose(smooth.test.x[1][:, -1], 0.6 * smooth.test.x[1][:, -2] + 0.4 * raw.test.x[1][:, -1], atol=1e-5)
    assert "exponentially smoothed within each engine" in smooth.notes and "smoothed" not in raw.notes


def test_fake_baseline_channels_are_change_since_the_engine_started(tmp_path: Path) -> None:
    """baseline_cycles adds each channel again minus its engine's running mean over its first B
    cycles (causal: cycle t uses cycles <= t), restarted per engine, for train and test alike; the
    original channels are unchanged and smoothing applies to both."""
    path = _fake_file(tmp_path, test_lengths=(3, 7))
    sensors = ("sensor_2", "sensor_3")

    def by_hand(x: np.ndarray, b: int) -> np.ndarray:  # x: (C, T), one whole engine
        out = np.empty_like(x)
        for t in range(x.shape[1]):
            out[:, t] = x[:, t] - x[:, : min(t, b - 1) + 1].mean(axis=1)
        return out

    for unit, length in ((1, 8), (3, 12)):
        kwargs = dict(path=str(path), sequence_length=length, train_stride=100, sensors=sensors)
        raw = load_cmapss_splits(CmapssParams(**kwargs))
        with_base = load_cmapss_splits(CmapssParams(**kwargs, baseline_cycles=4))
        whole = raw.train.x[raw.train_unit == unit][0]
        got = with_base.train.x[with_base.train_unit == unit][0]
        assert got.shape == (4, length)
        assert np.array_equal(got[:2], whole)
        np.testing.assert_allclose(got[2:], by_hand(whole, 4), atol=1e-5)
    assert with_base.channel_names == ("sensor_2", "sensor_3", "sensor_2_since_start", "sensor_3_since_start")
    # a test engine of 7 cycles: its own first 4 cycles, nothing from the engine before it
    test_raw = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=7, sensors=sensors))
    test_base = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=7, sensors=sensors, baseline_cycles=4))
    np.testing.assert_allclose(test_base.test.x[1][2:], by_hand(test_raw.test.x[1], 4), atol=1e-5)
    assert "minus the engine's own mean over its first 4 cycles" in test_base.notes
    assert "first 4 cycles" not in test_raw.notes
    # smoothing runs over the added channels too: the last cycle follows the recursion
    smooth = load_cmapss_splits(CmapssParams(path=str(path), sequence_length=7, sensors=sensors,
                                             baseline_cycles=4, smoothing=0.5))
    np.testing.assert_allclose(smooth.test.x[1][2:, -1],
                               0.5 * smooth.test.x[1][2:, -2] + 0.5 * test_base.test.x[1][2:, -1], atol=1e-5)


def test_operating_conditions_split_levels_not_noise() -> None:
    rng = np.random.default_rng(1)
    levels = np.array([[0, 0, 100], [10, 0.25, 100], [20, 0.7, 100], [25, 0.62, 60], [35, 0.84, 100], [42, 0.84, 100]])
    pick = rng.integers(0, 6, 3000)
    settings = levels[pick] + rng.normal(0, 3e-3, (3000, 3)) * [1, 0.1, 0]  # noise straddling rounding edges
    ids, centres = operating_conditions(settings)
    assert centres.shape == (6, 3)
    np.testing.assert_allclose(centres, levels, atol=0.01)
    assert np.array_equal(ids, pick)  # levels are sorted, so ids follow the level order
    single, c1 = operating_conditions(rng.normal(0, 1e-3, (50, 3)))
    assert c1.shape == (1, 3) and np.all(single == 0)


# -------------------------------------------------------------------------------- metrics


def test_rmse_and_phm08_against_hand_values() -> None:
    pred, true = np.array([10.0, 20.0, 30.0]), np.array([13.0, 20.0, 20.0])  # d = -3, 0, +10
    assert rmse(pred, true) == pytest.approx(math.sqrt((9 + 0 + 100) / 3))
    assert phm08_score(pred, true) == pytest.approx((math.exp(3 / 13) - 1) + 0.0 + (math.exp(1) - 1))
    assert phm08_score(np.array([0.0]), np.array([13.0])) == pytest.approx(math.e - 1)  # early by 13
    assert phm08_score(np.array([10.0]), np.array([0.0])) == pytest.approx(math.e - 1)  # late by 10
    assert phm08_score(true, true) == 0.0 and math.isnan(rmse(np.zeros(0), np.zeros(0)))
    with pytest.raises(ValueError, match="same shape"):
        rmse(np.zeros(3), np.zeros(4))


# ------------------------------------------------------------------------- params / errors


def test_bad_params_list_every_problem_with_fix(tmp_path: Path) -> None:
    params = CmapssParams(path="missing_fd.npz", sequence_length=0, sensors=("sensor_2", "sensor_99"))
    with pytest.raises(DataValidationError) as err:
        load_cmapss("p", params, base_dir=tmp_path)
    problems = err.value.problems
    assert len(problems) == 3, problems
    text = "\n".join(problems)
    assert "sequence_length" in text and "use e.g. 30" in text
    assert "sensor_99" in text and "sensor_1 .. sensor_21" in text
    assert "missing_fd.npz" in text and "fix the path" in text
    assert "cmapss plant 'p'" in str(err.value)
    bad = CmapssParams(path="", rul_cap=0, failure_horizon=-1, train_units_fraction=0.0, train_stride=0,
                       validation_units=-1, seed=-1, task="forecast", normalisation_stats="all",
                       sensors=("sensor_2", "sensor_2"), evaluate_on="train", smoothing=1.0, min_cycles=0,
                       baseline_cycles=0)
    keys = ("path", "rul_cap", "failure_horizon", "train_units_fraction", "train_stride",
            "validation_units", "seed", "task", "normalisation_stats", "duplicates", "evaluate_on", "smoothing",
            "min_cycles", "baseline_cycles")
    assert len(bad.problems()) == len(keys)
    for key in keys:
        assert any(key in p for p in bad.problems()), key
    assert CmapssParams(path="x.npz").problems() == []
    no_held_out = CmapssParams(path="x.npz", evaluate_on="validation").problems()
    assert len(no_held_out) == 1 and "validation_units" in no_held_out[0] and "evaluate_on" in no_held_out[0]


def test_bad_files_name_the_key(tmp_path: Path) -> None:
    np.savez(tmp_path / "norul.npz", train=np.zeros((3, 26), np.float32), test=np.zeros((3, 26), np.float32),
             columns=np.asarray(CMAPSS_COLUMNS))
    (tmp_path / "junk.npz").write_text("not a zip")
    with pytest.raises(DataValidationError, match=r"\['rul'\] missing"):
        load_cmapss_splits(CmapssParams(path="norul.npz"), base_dir=tmp_path)
    with pytest.raises(DataValidationError, match="cannot read as a numpy .npz"):
        load_cmapss_splits(CmapssParams(path="junk.npz"), base_dir=tmp_path)
    path = _fake_file(tmp_path, rul=(5.0,))
    with pytest.raises(DataValidationError, match="'rul' has 1 values but 'test' has 2 engines"):
        load_cmapss_splits(CmapssParams(path=str(path), sequence_length=5))
    with pytest.raises(DataValidationError, match="no train engine has 50 cycles"):
        load_cmapss_splits(CmapssParams(path=str(_fake_file(tmp_path)), sequence_length=50))
    with pytest.raises(DataValidationError, match="hold out fewer engines"):
        load_cmapss_splits(CmapssParams(path=str(_fake_file(tmp_path)), sequence_length=5, validation_units=3))


def test_registered_and_buildable_from_yaml_mapping() -> None:
    assert params_type("cmapss") is CmapssParams and "C-MAPSS" in DATA_SOURCES.get("cmapss").summary
    assert DATA_SOURCES.load("cmapss") is load_cmapss
    problems = Problems()
    params = build(CmapssParams, {"path": "fd002.npz", "sensors": ["sensor_2", "sensor_3"], "task": "classification"},
                   "plants[0].data", problems)
    assert not problems.items and params.sensors == ("sensor_2", "sensor_3") and params.task == "classification"


# ------------------------------------------------------------------ target-carrying types


def test_windowset_target_is_optional_validated_and_kept() -> None:
    x = np.zeros((4, 2, 3), np.float32)
    y = np.array([0, 1, 0, 1], np.int64)
    plain = WindowSet(x, y)
    assert plain.target is None and plain.subset(np.array([1])).target is None
    ws = WindowSet(x, y, target=np.array([1, 2, 3, 4], np.float32))
    assert ws.subset(np.array([3, 0])).target.tolist() == [4, 1]
    assert ws.subset(np.array([True, False, True, False])).target.tolist() == [1, 3]
    with pytest.raises(ValueError, match="float32"):
        WindowSet(x, y, target=np.arange(4))
    with pytest.raises(ValueError, match=r"shape \(N,\)"):
        WindowSet(x, y, target=np.zeros(3, np.float32))
    with pytest.raises(ValueError, match="Inf"):
        WindowSet(x, y, target=np.array([1, np.inf, 0, 0], np.float32))
    hidden = apply_label_fraction(ws, 0.5, seed=0)  # hiding a label hides its target too
    assert np.array_equal(np.isnan(hidden.target), hidden.y < 0) and (hidden.y < 0).sum() == 2


def test_plantdata_task_defaults_and_regression_checks() -> None:
    x = np.zeros((2, 1, 4), np.float32)
    y = np.array([0, 1], np.int64)
    classic = PlantData("p", WindowSet(x, y), WindowSet(x, y), ("a", "b"), 1.0, "t")
    assert classic.task == "classification" and "task" not in classic.summary()
    with pytest.raises(ValueError, match="no target"):
        PlantData("p", WindowSet(x, y), WindowSet(x, y), ("a", "b"), 1.0, "t", task="regression")
    t = np.array([1.0, np.nan], np.float32)
    with pytest.raises(ValueError, match="test targets are NaN"):
        PlantData("p", WindowSet(x, y, t), WindowSet(x, y, t), ("a", "b"), 1.0, "t", task="regression")
    with pytest.raises(ValueError, match="task must be one of"):
        PlantData("p", WindowSet(x, y), WindowSet(x, y), ("a", "b"), 1.0, "t", task="ranking")


def test_a_site_with_other_channels_is_told_which_options_to_match(tmp_path: Path) -> None:
    """A plant process whose C-MAPSS channels differ from the federation's (its own node config,
    so the scenario's load-time check cannot see it) is refused naming the options to align."""
    import dataclasses

    import yaml

    from client.loader import make_plant
    from common.config import load_scenario, run_spec_from_scenario

    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump({
        "name": "turbofan", "task": "regression", "window": {"length": 8},
        "plants": [{"id": "site", "data": {"source": "cmapss", "path": str(_fake_file(tmp_path)),
                                           "sequence_length": 8, "baseline_cycles": 3}}]}))
    scenario = load_scenario(path)
    plant = make_plant(scenario, scenario.plants[0], str(tmp_path / "run"))
    assert plant.data.channels == 28
    spec = run_spec_from_scenario(scenario, tuple(plant.data.class_names))
    with pytest.raises(ValueError) as err:
        plant.check_fits(dataclasses.replace(spec, channels=14))
    assert "28 channel(s) != the federation's 14" in str(err.value)
    assert "same sensors, include_op_settings and baseline_cycles" in str(err.value)
    plant.check_fits(dataclasses.replace(spec, channels=28))
