"""CWRU source: real-data shapes and counts (skipped without the shared data), errors on fake files."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from common.data import (
    CWRU_FAULT_CLASSES,
    DEFAULT_CWRU_DIR,
    CwruParams,
    DataValidationError,
    WindowSpec,
    load_cwru,
    load_plant_data,
)

CWRU_DIR = Path(os.environ.get("FACTORYFL_CWRU_DIR", str(DEFAULT_CWRU_DIR)))
WINDOW = WindowSpec()


@pytest.fixture(scope="module")
def cwru_dir() -> Path:
    """The shared CWRU directory; skips the requesting test when it is absent."""
    if not (CWRU_DIR / "load0.npz").is_file():
        pytest.skip(f"CWRU data not found at {CWRU_DIR}: set FACTORYFL_CWRU_DIR or provide ../shared/datasets")
    return CWRU_DIR


def _expected_counts(n: int, window: WindowSpec) -> tuple[int, int]:
    n_test = int(round(n * window.test_fraction))
    train_len = n - n_test
    return (train_len - window.length) // window.train_stride + 1, n_test // window.length


@pytest.mark.parametrize("load", [0, 1, 2, 3])
def test_nine_class_fault_only_shapes_and_counts(cwru_dir: Path, load: int) -> None:
    data = load_cwru(f"load{load}", CwruParams(path=f"load{load}.npz"), WINDOW, base_dir=cwru_dir)
    with np.load(cwru_dir / f"load{load}.npz") as raw:
        lengths = {name: raw[name].size for name in CWRU_FAULT_CLASSES}
    assert data.class_names == CWRU_FAULT_CLASSES
    assert data.sample_rate_hz == 12000.0 and data.source == "cwru"
    assert data.train.x.shape[1:] == (1, 1024) and data.train.x.dtype == np.float32
    expected = [_expected_counts(lengths[c], WINDOW) for c in CWRU_FAULT_CLASSES]
    assert data.train.class_counts(9).tolist() == [e[0] for e in expected]
    assert data.test.class_counts(9).tolist() == [e[1] for e in expected]
    assert all(90 <= e[0] <= 96 and 22 <= e[1] <= 24 for e in expected)
    assert "fault-only" in data.notes


def test_windows_are_time_split_record_slices(cwru_dir: Path) -> None:
    window = WindowSpec(stride=512)
    data = load_cwru("l0", CwruParams(path="load0.npz", classes=("IR007",)), window, base_dir=cwru_dir)
    with np.load(cwru_dir / "load0.npz") as raw:
        rec = raw["IR007"]
    cut = rec.size - int(round(rec.size * 0.2))
    assert np.array_equal(data.train.x[3, 0], rec[3 * 512:3 * 512 + 1024])
    assert (len(data.train) - 1) * 512 + 1024 <= cut
    assert np.array_equal(data.test.x[0, 0], rec[cut:cut + 1024])
    assert len(data.train) == _expected_counts(rec.size, window)[0]


def test_ten_class_option_uses_disjoint_normal_parts(cwru_dir: Path) -> None:
    classes = ("normal",) + CWRU_FAULT_CLASSES
    plants = [
        load_plant_data("cwru", f"l{i}", CwruParams(path=f"load{i}.npz", classes=classes, normal_part=i), WINDOW,
                        cwru_dir)
        for i in range(4)
    ]
    with np.load(cwru_dir / "load0.npz") as raw:
        normal = raw["normal"]
    part_len = normal.size // 4
    for i, data in enumerate(plants):
        assert data.num_classes == 10
        first = data.train.x[data.train.y == 0][0, 0]
        assert np.array_equal(first, normal[i * part_len:i * part_len + 1024])
        assert "48 kHz" in data.notes and f"part {i} of 4" in data.notes
        n_train, n_test = _expected_counts(part_len, WINDOW)
        assert data.train.class_counts(10)[0] == n_train and data.test.class_counts(10)[0] == n_test


def test_normal_without_part_names_the_fix(cwru_dir: Path) -> None:
    with pytest.raises(DataValidationError, match="normal_part"):
        load_cwru("l0", CwruParams(path="load0.npz", classes=("normal", "IR007")), WINDOW, base_dir=cwru_dir)


def test_missing_class_key_names_file_key_and_available(cwru_dir: Path) -> None:
    with pytest.raises(DataValidationError) as info:
        load_cwru("l1", CwruParams(path="load1.npz", classes=("IR007", "IR028")), WINDOW, base_dir=cwru_dir)
    msg = str(info.value)
    assert "load1.npz" in msg and "'IR028'" in msg and "OR021" in msg


# --- no real data needed below -------------------------------------------------------------


def _fake_load_file(path: Path, **records: np.ndarray) -> Path:
    np.savez(path, fs_hz=np.int32(12000), load_hp=np.int32(0), nominal_rpm=np.int32(1797), **records)
    return path


def test_nan_in_record_names_file_key_and_sample(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    good = rng.standard_normal(20_000).astype(np.float32)
    bad = good.copy()
    bad[1234] = np.nan
    _fake_load_file(tmp_path / "fake.npz", IR007=good, B007=bad)
    with pytest.raises(DataValidationError) as info:
        load_cwru("f", CwruParams(path="fake.npz", classes=("IR007", "B007", "OR007")), WINDOW, base_dir=tmp_path)
    msg = str(info.value)
    assert "fake.npz" in msg and "'B007'" in msg and "sample index 1234" in msg
    assert "'OR007' not in file" in msg  # all problems in one error
    assert len(info.value.problems) == 2


def test_fake_file_loads_with_labels_in_class_order(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    _fake_load_file(tmp_path / "f.npz", IR007=rng.standard_normal(10_240).astype(np.float32),
                    B007=rng.standard_normal(20_480).astype(np.float32))
    data = load_cwru("f", CwruParams(path=str(tmp_path / "f.npz"), classes=("B007", "IR007")), WINDOW)
    assert data.train.class_counts(2).tolist() == [16, 8]
    assert data.test.class_counts(2).tolist() == [4, 2]


def test_missing_path_lists_every_path_tried(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as info:
        load_cwru("x", CwruParams(path="nowhere/load9.npz"), WINDOW, base_dir=tmp_path)
    msg = str(info.value)
    assert str(tmp_path / "nowhere" / "load9.npz") in msg and str(Path.cwd() / "nowhere" / "load9.npz") in msg


def test_a_file_without_some_record_is_a_plant_without_that_class(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    """A load file of the same layout at another rate and sensor position that lacks one fault record
    (e.g. a fan-end set): the default class list is the records it holds, the notes give its rate and
    channel; naming the missing class explicitly stays an error."""
    rng = np.random.default_rng(2)
    held = {c: rng.standard_normal(48_000).astype(np.float32) for c in CWRU_FAULT_CLASSES if c != "OR014"}
    np.savez(tmp_path / "load1.npz", fs_hz=np.int32(48000), channel=np.array("FE"), load_hp=np.int32(1),
             nominal_rpm=np.int32(1772), missing_classes=np.array(["OR014"]), **held)
    with caplog.at_level("WARNING", logger="common.data.cwru"):
        data = load_cwru("fe", CwruParams(path="load1.npz"), WINDOW, base_dir=tmp_path)
    assert data.class_names == tuple(c for c in CWRU_FAULT_CLASSES if c != "OR014")
    assert data.sample_rate_hz == 48000 and "no record of ['OR014'] in the file" in caplog.text
    assert data.notes.startswith("CWRU 48 kHz FE, load1.npz") and "no record of ['OR014']" in data.notes
    with pytest.raises(DataValidationError, match="class key 'OR014' not in file"):
        load_cwru("fe", CwruParams(path="load1.npz", classes=("IR007", "OR014")), WINDOW, base_dir=tmp_path)


def test_a_normal_record_from_a_file_at_another_rate_is_brought_to_the_plants_rate(tmp_path: Path) -> None:
    """A 48 kHz plant taking the normal record of a 12 kHz load0.npz beside it: the record is resampled to
    48 kHz before windowing (a 1 kHz tone keeps its frequency in Hz), so all the plant's windows are at its
    rate; the notes name the record by its file number and say it was brought to the plant's rate."""
    t12 = np.arange(60_000) / 12_000.0
    np.savez(tmp_path / "load0.npz", fs_hz=np.int32(12000), load_hp=np.int32(0), nominal_rpm=np.int32(1797),
             classes=np.array(["normal"]), file_numbers=np.array([97], np.int32),
             normal=np.sin(2 * np.pi * 1000.0 * t12).astype(np.float32))
    rng = np.random.default_rng(3)
    np.savez(tmp_path / "load1.npz", fs_hz=np.int32(48000), channel=np.array("FE"), load_hp=np.int32(1),
             nominal_rpm=np.int32(1772), IR007=rng.standard_normal(96_000).astype(np.float32))
    data = load_cwru("fe", CwruParams(path="load1.npz", classes=("normal", "IR007"), normal_parts=1, normal_part=0),
                     WINDOW, base_dir=tmp_path)
    normal = data.train.x[data.train.y == 0]
    # 60,000 samples at 12 kHz are 240,000 at 48 kHz: 192,000 train samples, 187 windows of 1024 (46 unresampled)
    assert data.sample_rate_hz == 48000 and len(normal) == 187, len(normal)
    spectrum = np.abs(np.fft.rfft(normal[0, 0]))
    peak_hz = np.argmax(spectrum) * 48_000.0 / WINDOW.length
    assert abs(peak_hz - 1000.0) <= 48_000.0 / WINDOW.length, peak_hz   # 1 kHz at 48 kHz, not 4 kHz
    assert "normal record 97 from" in data.notes and "recorded at 12 kHz, brought to the plant's rate" in data.notes
