"""Directory ("bring your own data") source: valid round trips and precise, complete error reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from common.data import DataValidationError, DirectoryParams, WindowSpec, load_directory, load_plant_data

WINDOW = WindowSpec(length=64, test_fraction=0.25)


def _manifest(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": "factoryfl-plant/v1",
        "plant": "test-plant",
        "sample_rate_hz": 12000,
        "channels": 1,
        "classes": ["normal", "inner_race"],
        "kind": "signals",
        "files": [{"file": "rec1.npy", "label": "normal"}, {"file": "rec2.csv", "label": "inner_race"}],
    }
    base.update(overrides)
    return base


def _write(directory: Path, manifest: dict[str, Any], **files: np.ndarray) -> Path:
    """Write manifest.yaml and data files (name with '_' for '.': rec1_npy -> rec1.npy)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "manifest.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    for key, arr in files.items():
        name = key.replace("_", ".")
        if name.endswith(".npy"):
            np.save(directory / name, arr)
        else:
            np.savetxt(directory / name, arr.T if arr.ndim == 2 else arr, delimiter=",", fmt="%.9g",
                       header="accel", comments="")
    return directory


def _signal(n: int, seed: int, channels: int = 1) -> np.ndarray:
    sig = np.random.default_rng(seed).standard_normal((channels, n)).astype(np.float32)
    return sig[0] if channels == 1 else sig


def _load(directory: Path, window: WindowSpec = WINDOW) -> Any:
    return load_directory("p", DirectoryParams(str(directory)), window, base_dir=directory.parent)


def _error(directory: Path, window: WindowSpec = WINDOW) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        _load(directory, window)
    return info.value


# --- valid data -----------------------------------------------------------------------------


def test_signals_round_trip_npy_and_csv(tmp_path: Path) -> None:
    rec1, rec2, rec3 = _signal(1000, 1), _signal(640, 2), _signal(200, 3)
    manifest = _manifest(files=[
        {"file": "rec1.npy", "label": "normal"},
        {"file": "rec2.csv", "label": "inner_race"},
        {"file": "rec3.npy"},
    ])
    d = _write(tmp_path / "plant", manifest, rec1_npy=rec1, rec2_csv=rec2, rec3_npy=rec3)
    data = load_plant_data("directory", "p", DirectoryParams("plant"), WINDOW, tmp_path)
    assert data.source == "directory" and data.sample_rate_hz == 12000.0
    assert data.class_names == ("normal", "inner_race")
    # rec1: 750 train samples -> 11 windows, 250 test -> 3; rec2: 480 -> 7, 160 -> 2; rec3: 200 -> 3 unlabelled.
    assert data.train.class_counts(2).tolist() == [11, 7]
    assert int((data.train.y == -1).sum()) == 3
    assert data.test.class_counts(2).tolist() == [3, 2]
    assert np.array_equal(data.train.x[0, 0], rec1[:64])
    assert np.array_equal(data.test.x[0, 0], rec1[750:814])
    assert np.array_equal(data.train.x[11, 0], rec2[:64])  # CSV values survive exactly
    assert data.train.x[data.train.y == -1].shape == (3, 1, 64)
    assert "test-plant" in data.notes and "split in time" in data.notes
    assert str(d) in data.notes


def test_multichannel_and_manifest_path(tmp_path: Path) -> None:
    rec1, rec2 = _signal(512, 1, channels=2), _signal(512, 2, channels=2)
    d = _write(tmp_path / "mc", _manifest(channels=2), rec1_npy=rec1, rec2_csv=rec2)
    data = load_directory("p", DirectoryParams(str(d / "manifest.yaml")), WINDOW)
    assert data.train.x.shape[1:] == (2, 64)
    assert np.array_equal(data.train.x[0], rec1[:, :64])
    first_csv = data.train.x[data.train.y == 1][0]
    assert np.array_equal(first_csv, rec2[:, :64])


def test_windows_kind_with_and_without_split(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 1, 64)).astype(np.float32)
    y = np.repeat(np.array([0, 1, -1, 1]), 10).astype(np.int64)
    manifest = _manifest(kind="windows", files=[{"file": "w.npz"}])

    d = tmp_path / "nosplit"
    _write(d, manifest)
    np.savez(d / "w.npz", x=x, y=y)
    data = _load(d)
    assert data.test.class_counts(2).tolist() == [2, 5]  # round(0.25 * 10), round(0.25 * 20)
    assert int((data.train.y == -1).sum()) == 10 and (data.test.y >= 0).all()
    assert "non-overlapping" in data.notes
    assert np.array_equal(_load(d).test.x, data.test.x)  # fixed seed

    d2 = tmp_path / "split"
    _write(d2, manifest)
    split = np.where(np.arange(40) % 10 >= 8, "test", "train")
    split[20:30] = "train"  # the unlabelled block stays in training
    np.savez(d2 / "w.npz", x=x, y=y, split=split)
    data2 = _load(d2)
    assert len(data2.test) == 6 and np.array_equal(data2.test.x[0], x[8])


# --- one problem at a time --------------------------------------------------------------------


def test_unknown_manifest_key_is_named_with_suggestion(tmp_path: Path) -> None:
    manifest = _manifest(sample_rate=12000)
    d = _write(tmp_path / "d", manifest, rec1_npy=_signal(512, 1), rec2_csv=_signal(512, 2))
    msg = str(_error(d))
    assert "manifest.yaml" in msg and "unknown key 'sample_rate'" in msg and "did you mean 'sample_rate_hz'" in msg


def test_missing_required_key_and_bad_format(tmp_path: Path) -> None:
    manifest = _manifest(format="v0")
    del manifest["classes"]
    d = _write(tmp_path / "d", manifest, rec1_npy=_signal(512, 1), rec2_csv=_signal(512, 2))
    msg = str(_error(d))
    assert "required key 'classes' missing" in msg and "'format' must be 'factoryfl-plant/v1'" in msg


def test_missing_file_is_named(tmp_path: Path) -> None:
    d = _write(tmp_path / "d", _manifest(), rec1_npy=_signal(512, 1))
    msg = str(_error(d))
    assert str(d / "rec2.csv") in msg and "files[1]" in msg and "not found" in msg


def test_nan_row_in_csv_names_file_and_line(tmp_path: Path) -> None:
    rec2 = _signal(512, 2)
    rec2[100] = np.nan
    d = _write(tmp_path / "d", _manifest(), rec1_npy=_signal(512, 1), rec2_csv=rec2)
    msg = str(_error(d))
    assert "rec2.csv" in msg and "data row 100" in msg and "line 102" in msg  # header is line 1


def test_malformed_csv_rows_are_named(tmp_path: Path) -> None:
    d = _write(tmp_path / "d", _manifest(), rec1_npy=_signal(512, 1))
    rows = ["accel"] + ["0.5"] * 300
    rows[4], rows[9] = "oops", "1.0,2.0"
    (d / "rec2.csv").write_text("\n".join(rows) + "\n")
    msg = str(_error(d))
    assert "rec2.csv" in msg and "non-numeric or empty values at line 5" in msg
    assert "column count other than 1: line 10" in msg


def test_nan_in_npy_names_sample_index(tmp_path: Path) -> None:
    rec1 = _signal(512, 1)
    rec1[[7, 300]] = np.inf
    d = _write(tmp_path / "d", _manifest(), rec1_npy=rec1, rec2_csv=_signal(512, 2))
    msg = str(_error(d))
    assert "rec1.npy" in msg and "sample index 7" in msg


def test_channel_mismatch_names_both_numbers(tmp_path: Path) -> None:
    d = _write(tmp_path / "d", _manifest(), rec1_npy=_signal(512, 1, channels=3), rec2_csv=_signal(512, 2))
    msg = str(_error(d))
    assert "rec1.npy" in msg and "has 3 channels" in msg and "channels: 1" in msg


def test_time_by_channel_npy_gets_transpose_hint(tmp_path: Path) -> None:
    d = _write(tmp_path / "d", _manifest(channels=2), rec1_npy=_signal(512, 1, channels=2).T,
               rec2_csv=_signal(512, 2, channels=2))
    assert "transpose" in str(_error(d))


def test_label_not_in_classes_names_row(tmp_path: Path) -> None:
    manifest = _manifest(files=[{"file": "rec1.npy", "label": "normal"}, {"file": "rec2.csv", "label": "outer"}])
    d = _write(tmp_path / "d", manifest, rec1_npy=_signal(512, 1), rec2_csv=_signal(512, 2))
    msg = str(_error(d))
    assert "files[1].label 'outer'" in msg and "rec2.csv" in msg


def test_window_label_out_of_range_names_row(tmp_path: Path) -> None:
    d = _write(tmp_path / "d", _manifest(kind="windows", files=[{"file": "w.npz"}]))
    y = np.zeros(10, dtype=np.int64)
    y[6] = 2
    np.savez(d / "w.npz", x=np.zeros((10, 1, 64), np.float32), y=y)
    msg = str(_error(d))
    assert "w.npz" in msg and "row 6" in msg and "y[6] = 2" in msg


def test_short_recording_is_named(tmp_path: Path) -> None:
    d = _write(tmp_path / "d", _manifest(), rec1_npy=_signal(100, 1), rec2_csv=_signal(512, 2))
    msg = str(_error(d))
    assert "rec1.npy" in msg and "100 samples" in msg and "shorter" in msg


def test_window_shape_problems(tmp_path: Path) -> None:
    manifest = _manifest(kind="windows", files=[{"file": "a.npz"}, {"file": "b.npz"}])
    d = _write(tmp_path / "d", manifest)
    np.savez(d / "a.npz", x=np.zeros((4, 1, 64), np.float32), y=np.zeros(4, np.int64),
             split=np.array(["train", "train", "test", "test"]))
    np.savez(d / "b.npz", x=np.zeros((4, 1, 32), np.float32), y=np.array([0, 0, 1, -1]),
             split=np.array(["train", "train", "test", "test"]))
    err = _error(d)
    msg = str(err)
    assert "b.npz" in msg and "32 samples long" in msg
    assert "test windows must be labelled" in msg and "row 3" in msg


def test_missing_manifest(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    msg = str(_error(tmp_path / "empty"))
    assert "manifest.yaml" in msg and "not found" in msg


# --- everything at once -----------------------------------------------------------------------


def test_several_problems_reported_in_one_error(tmp_path: Path) -> None:
    manifest = _manifest(
        channels=1,
        colour="blue",
        files=[
            {"file": "rec1.npy", "label": "normal"},   # 2 channels
            {"file": "rec2.csv", "label": "bearing"},  # label not in classes, and a NaN row
            {"file": "rec3.npy"},                      # missing
            {"file": "rec4.npy", "label": "normal"},   # too short
        ],
    )
    rec2 = _signal(512, 2)
    rec2[10] = np.nan
    d = _write(tmp_path / "d", manifest, rec1_npy=_signal(512, 1, channels=2), rec2_csv=rec2, rec4_npy=_signal(50, 4))
    err = _error(d)
    msg = str(err)
    for needle in ("unknown key 'colour'", "rec1.npy", "has 2 channels", "files[1].label 'bearing'",
                   "data row 10", "rec3.npy", "not found", "rec4.npy", "50 samples"):
        assert needle in msg, needle
    assert len(err.problems) == 6
    assert msg.count("\n") == 6  # header line + one line per problem
