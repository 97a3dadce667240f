"""``directory`` source, ``kind: table``: process runs as CSV files with a time column (FORMAT.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from common.data.directory import DirectoryParams
from common.data.errors import DataValidationError
from common.data.load import load_plant_data
from common.data.process import ZScore
from common.data.windowing import WindowSpec

VARIABLES = ("F1", "T2", "P3")
WINDOW = WindowSpec(length=10, stride=5, test_fraction=0.25)


def _run(rows: int, shift: float, seed: int, interval_s: float = 2.0) -> np.ndarray:
    """(rows, 1 + 3): time in s, then F1, T2 (constant) and P3."""
    rng = np.random.default_rng(seed)
    t = 100.0 + interval_s * np.arange(rows)
    values = np.column_stack([rng.normal(50.0 + shift, 2.0, rows), np.full(rows, 80.0),
                              rng.normal(3.0, 0.1, rows)])
    return np.column_stack([t, values])


def _write_csv(path: Path, run: np.ndarray, header: tuple[str, ...] = ("time", "extra") + VARIABLES) -> None:
    extra = np.zeros((len(run), 1))  # a column the manifest does not use
    table = np.column_stack([run[:, :1], extra, run[:, 1:]])
    lines = [",".join(header)] + [",".join(f"{v:.6g}" for v in row) for row in table]
    path.write_text("\n".join(lines) + "\n")


def _plant(folder: Path, **manifest_changes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(folder / "normal.csv", _run(200, 0.0, 0))
    _write_csv(folder / "leak.csv", _run(120, 10.0, 1))
    _write_csv(folder / "unlabelled.csv", _run(60, 0.0, 2))
    manifest = {"format": "factoryfl-plant/v1", "kind": "table", "classes": ["normal", "leak"],
                "time": {"column": "time", "unit": "s"}, "variables": list(VARIABLES),
                "files": [{"file": "normal.csv", "label": "normal"}, {"file": "leak.csv", "label": "leak"},
                          {"file": "unlabelled.csv"}]}
    manifest.update(manifest_changes)
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return folder


def _load(folder: Path, window: WindowSpec = WINDOW):
    return load_plant_data("directory", "p", DirectoryParams(str(folder)), window, folder)


def test_table_windows_split_and_zscore(tmp_path: Path) -> None:
    data = _load(_plant(tmp_path / "plant"))
    assert data.channels == 3 and data.window_length == 10 and data.sample_rate_hz == pytest.approx(0.5)
    # normal 200 rows: 150 train -> (150-10)//5+1 = 29, 50 test -> 5; leak 120: 90 -> 17, 30 -> 3;
    # unlabelled 60 rows, all train -> 11 windows labelled -1.
    assert data.train.class_counts(2).tolist() == [29, 17] and int((data.train.y == -1).sum()) == 11
    assert data.test.class_counts(2).tolist() == [5, 3]
    stats = ZScore.from_recipe(data.preprocessing or {})
    assert stats.rows == 150 and stats.constant == ("T2",)  # normal class's train rows only
    normal = data.train.x[data.train.y == 0]
    assert abs(float(normal[:, 0].mean())) < 0.05 and float(np.abs(normal[:, 1]).max()) == 0.0
    leak = data.test.x[data.test.y == 1]
    assert float(leak[:, 0].mean()) > 3.0  # the shifted flow stands out in normal-operation units
    assert "kind table" in data.notes and "'T2'" in data.notes and data.cross_window_statistics


def test_sample_rate_given_must_match_time_column(tmp_path: Path) -> None:
    assert _load(_plant(tmp_path / "ok", sample_rate_hz=0.5)).sample_rate_hz == pytest.approx(0.5)
    with pytest.raises(DataValidationError, match=r"normal\.csv is sampled every 2 s but the plant's interval is 1 s"):
        _load(_plant(tmp_path / "bad", sample_rate_hz=1.0))


def test_missing_column_names_file_key_and_fix(tmp_path: Path) -> None:
    folder = _plant(tmp_path / "plant", variables=["F1", "T2", "P4"])
    with pytest.raises(DataValidationError) as err:
        _load(folder)
    text = str(err.value)
    assert "normal.csv (files[0]): column 'P4' (manifest key variables[2]) is not in the header (line 1)" in text
    assert "fix the manifest's variables or the file's header" in text


def test_non_numeric_cell_names_line_and_column(tmp_path: Path) -> None:
    folder = _plant(tmp_path / "plant")
    lines = (folder / "leak.csv").read_text().splitlines()
    cells = lines[41].split(",")
    cells[4] = "n/a"
    lines[41] = ",".join(cells)
    (folder / "leak.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(DataValidationError, match=r"leak\.csv \(files\[1\]\): line 42, column 'P3': 'n/a' is not a "
                                                  r"number .*write plain numbers"):
        _load(folder)


def test_irregular_and_backwards_time_name_the_line(tmp_path: Path) -> None:
    folder = _plant(tmp_path / "plant")
    run = _run(200, 0.0, 0)
    run[80:, 0] += 7.0  # a gap between data rows 79 and 80 (lines 81 and 82)
    _write_csv(folder / "normal.csv", run)
    with pytest.raises(DataValidationError, match=r"normal\.csv \(files\[0\]\): irregular time column 'time' at "
                                                  r"line 82: step 9 s, the file's interval is 2 s"):
        _load(folder)
    run = _run(200, 0.0, 0)
    run[[30, 31], 0] = run[[31, 30], 0]
    _write_csv(folder / "normal.csv", run)
    with pytest.raises(DataValidationError, match=r"time column 'time' does not increase at line 33 "
                                                  r"\(162 then 160 s; 1 such steps\): sort the rows"):
        _load(folder)


def test_manifest_keys_checked(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        _load(_plant(tmp_path / "a", time={"column": "time", "unit": "weeks"}, normal_class="idle"))
    text = str(err.value)
    assert "key 'time' must be {column: <name of the time column>, unit: <one of ['ms', 's', 'min', 'h']>}" in text
    assert "key 'normal_class' 'idle' is not one of classes ['normal', 'leak']" in text
    with pytest.raises(DataValidationError, match="key 'variables' applies to kind 'table' only"):
        _load(_plant(tmp_path / "b", kind="signals", sample_rate_hz=1.0, channels=3))
    with pytest.raises(DataValidationError, match="key 'channels' is 2 but 'variables' names 3 columns"):
        _load(_plant(tmp_path / "c", channels=2))


def test_short_labelled_run_is_named(tmp_path: Path) -> None:
    folder = _plant(tmp_path / "plant")
    _write_csv(folder / "leak.csv", _run(25, 10.0, 1))
    with pytest.raises(DataValidationError, match=r"leak\.csv \(files\[1\]\): run has 25 rows, fewer than the \d+ "
                                                  "needed for one train and one test window of 10 rows"):
        _load(folder)


def test_predict_prepares_a_table_run_as_the_test_windows(tmp_path: Path) -> None:
    from client.predict import InferenceError, process_windows

    folder = _plant(tmp_path / "plant")
    data = _load(folder)
    run = _run(120, 10.0, 1)[90:]  # the leak run's test part, as a new recording with its own header and time
    _write_csv(tmp_path / "new.csv", run)
    x = process_windows(tmp_path / "new.csv", data.preprocessing or {}, 3, 10)
    np.testing.assert_allclose(x, data.test.x[data.test.y == 1], atol=1e-4)
    _write_csv(tmp_path / "fast.csv", _run(40, 0.0, 3, interval_s=1.0))
    with pytest.raises(InferenceError, match="sampled every 1 s, the plant's model every 2 s"):
        process_windows(tmp_path / "fast.csv", data.preprocessing or {}, 3, 10)


def test_table_plant_matches_the_tep_source(tmp_path: Path) -> None:
    """The same runs as a TEP mode file and as CSV tables give the same windows (split, z-score, cut)."""
    from common.data.tep import TepParams, load_tep
    from tests.test_tep_source import _fake_mode

    arrays = _fake_mode(tmp_path)
    window = WindowSpec(length=10, stride=3, test_fraction=0.25)
    tep = load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), classes=("normal", "idv03")), window,
                   base_dir=tmp_path)
    folder = tmp_path / "table"
    folder.mkdir()
    names = [f"V{i}" for i in range(53)]
    for name in ("normal", "idv03"):
        rows = arrays[name].astype(np.float64)
        lines = [",".join(["hours", *names])] + [",".join([f"{0.01 * i:.2f}", *(repr(float(v)) for v in row)])
                                                for i, row in enumerate(rows)]
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n")
    manifest = {"format": "factoryfl-plant/v1", "kind": "table", "classes": ["normal", "idv03"],
                "time": {"column": "hours", "unit": "h"}, "variables": names,
                "files": [{"file": "normal.csv", "label": "normal"}, {"file": "idv03.csv", "label": "idv03"}]}
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest))
    table = _load(folder, window)
    assert table.sample_rate_hz == pytest.approx(tep.sample_rate_hz)
    for split in ("train", "test"):
        a, b = getattr(tep, split), getattr(table, split)
        assert a.y.tolist() == b.y.tolist()
        np.testing.assert_allclose(a.x, b.x, atol=1e-4)


SCALING = {"F1": [50.0, 2.0], "T2": [80.0, 1.0], "P3": [3.0, 0.1]}


def test_fixed_scaling_prepares_each_window_on_its_own_so_the_plant_can_train_with_dp(tmp_path: Path) -> None:
    """With the manifest's ``scaling`` no statistic of the plant's rows shapes a window: the windows are
    (x - centre) / scale, the plant declares no cross-window statistics, and its DP policy check passes."""
    import dataclasses

    from client.plant import PolicyRefusal
    from tests.test_privacy import build

    fitted = _load(_plant(tmp_path / "fitted"))
    fixed = _load(_plant(tmp_path / "fixed", scaling=SCALING))
    assert fitted.cross_window_statistics and not fixed.cross_window_statistics
    assert "fixed centre and scale" in fixed.notes
    raw = _run(200, 0.0, 0)[:10, 1:]  # the normal run's first train window, as rows
    expected = (raw - np.array([50.0, 80.0, 3.0])) / np.array([2.0, 1.0, 0.1])
    np.testing.assert_allclose(fixed.train.x[0].T, expected, atol=1e-3)  # the CSV keeps 6 digits
    recipe = ZScore.from_recipe(fixed.preprocessing or {})
    assert recipe.rows == 0 and recipe.std.tolist() == [2.0, 1.0, 0.1]
    plant, spec, _ = build(tmp_path / "dp", privacy={"enabled": True, "noise_multiplier": 1.0})
    plant.data = dataclasses.replace(plant.data, cross_window_statistics=fitted.cross_window_statistics)
    with pytest.raises(PolicyRefusal, match="the manifest's 'scaling'"):
        plant.check_policy(spec)
    plant.data = dataclasses.replace(plant.data, cross_window_statistics=fixed.cross_window_statistics)
    plant.check_policy(spec)


def test_scaling_names_the_variable_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        _load(_plant(tmp_path / "a", scaling={"F1": [50.0, 0.0], "P3": [3.0, 0.1], "Q9": [1, 1]}))
    text = str(err.value)
    assert "key 'scaling': no entry for ['T2']; ['Q9'] are not among 'variables'; ['F1'] must each be" in text
    assert "or drop the key to z-score with the normal runs' train rows (no DP then)" in text
    with pytest.raises(DataValidationError, match=r"key 'scaling' must be \{<variable>: \[centre, scale\]"):
        _load(_plant(tmp_path / "b", scaling=[1, 2]))
    with pytest.raises(DataValidationError, match="key 'scaling' applies to kind 'table' only"):
        _load(_plant(tmp_path / "c", kind="signals", sample_rate_hz=1.0, channels=3, scaling=SCALING))


def test_predict_prepares_a_new_run_with_the_fixed_scaling(tmp_path: Path) -> None:
    from client.predict import process_windows

    data = _load(_plant(tmp_path / "plant", scaling=SCALING))
    run = _run(120, 10.0, 1)[90:]
    _write_csv(tmp_path / "new.csv", run)
    x = process_windows(tmp_path / "new.csv", data.preprocessing or {}, 3, 10)
    np.testing.assert_allclose(x, data.test.x[data.test.y == 1], atol=1e-4)


def test_resample_rows_keeps_a_drift_and_a_slow_wave_without_ringing_at_the_ends() -> None:
    from common.data.process import resample_rows

    t = np.arange(400) * 36.0
    run = np.column_stack([5.0 + t / 1000.0, np.sin(2 * np.pi * t / 7200.0)])  # a drift, a 2 h wave
    rows, interval = resample_rows(run, 36.0, WindowSpec(length=10, resample_to_hz=1 / 72.0))
    assert rows.shape == (200, 2) and interval == pytest.approx(72.0)
    t2 = np.arange(200) * 72.0
    np.testing.assert_allclose(rows[:, 0], 5.0 + t2 / 1000.0, atol=1e-9)  # the line is taken out and put back
    assert np.abs(rows[:, 1] - np.sin(2 * np.pi * t2 / 7200.0)).max() < 0.05
    same, same_interval = resample_rows(run, 36.0, WindowSpec(length=10))
    assert same_interval == 36.0 and np.array_equal(same, run)


def test_a_table_plant_at_another_interval_is_resampled_and_predict_does_the_same(tmp_path: Path) -> None:
    """window.resample_to_hz brings a plant logging every 2 s to every 4 s before scaling and windowing; the
    recipe keeps both intervals, and predict resamples a new run (at 2 s, from its time column) the same way."""
    from client.predict import process_windows

    window = WindowSpec(length=10, stride=5, test_fraction=0.25, resample_to_hz=0.25)
    data = _load(_plant(tmp_path / "plant"), window)
    assert data.sample_rate_hz == pytest.approx(0.25)
    # normal 200 rows at 2 s -> 100 at 4 s: 75 train -> (75-10)//5+1 = 14 windows, 25 test -> 2
    assert data.train.class_counts(2).tolist()[0] == 14 and data.test.class_counts(2).tolist()[0] == 2
    assert data.preprocessing is not None and data.preprocessing["model_interval_s"] == pytest.approx(4.0)
    assert data.preprocessing["interval_s"] == pytest.approx(2.0)
    assert "resampled from every 2 s to every 4 s" in data.notes
    _write_csv(tmp_path / "new.csv", _run(200, 0.0, 0))  # the normal run again, as a new recording at 2 s
    x = process_windows(tmp_path / "new.csv", data.preprocessing, 3, 10)
    assert x.shape == (10, 3, 10)
    # its first windows are the normal run's train windows at stride 10 rows = every other train window
    np.testing.assert_allclose(x[:3], data.train.x[data.train.y == 0][[0, 2, 4]], atol=1e-4)
    with pytest.raises(DataValidationError, match="samples_per_revolution does not apply to kind 'table'"):
        _load(_plant(tmp_path / "b"), WindowSpec(length=10, samples_per_revolution=64.0))


def test_validate_names_a_process_plant_that_would_refuse_a_dp_run(tmp_path: Path) -> None:
    """Under privacy.enabled a table plant z-scored with its own rows would refuse at its first message:
    validate says so up front with the fix, and the same plant with fixed scaling passes."""
    from common.config import load_scenario
    from simulations.plant_checks import check_plants

    fitted, fixed = _plant(tmp_path / "fitted"), _plant(tmp_path / "fixed", scaling=SCALING)
    body = {"name": "dp_process", "window": {"length": 10, "stride": 5, "test_fraction": 0.25},
            "plants": [{"id": "fitted", "data": {"source": "directory", "path": str(fitted)}},
                       {"id": "fixed", "data": {"source": "directory", "path": str(fixed)}}],
            "privacy": {"enabled": True, "noise_multiplier": 1.0}}
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(body))
    checks = check_plants(load_scenario(path))
    assert list(checks.failed) == ["fitted"] and "fixed" in checks.summaries
    assert "refuses a run with DP" in checks.reason("fitted") and "the manifest's 'scaling'" in checks.reason("fitted")
