"""``tep`` source: windows, temporal split, per-plant z-scoring and the data set's quirks.

Small fake ``modeN.npz`` files written in tmp_path check the rules exactly; the real data set
(``../shared/datasets/tep_multimode``) checks shapes and quirks, skipped when it is absent.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pytest

from common.data.errors import DataValidationError
from common.data.load import load_plant_data
from common.data.process import RECIPE_KIND, ZScore
from common.data.tep import DEFAULT_TEP_DIR, NUM_VARIABLES, TEP_CLASSES, TepParams, load_tep
from common.data.windowing import WindowSpec

TEP_DIR = Path(os.environ.get("FACTORYFL_TEP_DIR", str(DEFAULT_TEP_DIR)))


def _fake_mode(folder: Path, mode: int = 7, rows: int = 200, seed: int = 0) -> dict[str, np.ndarray]:
    """normal, idv01 (departs at row 30), idv02 (identical to normal), idv03 (short: 40 rows)."""
    rng = np.random.default_rng(seed)
    normal = (rng.normal(size=(rows, NUM_VARIABLES)) * 3.0 + 100.0).astype(np.float32)
    normal[:, 5] = 42.0  # a constant variable
    idv01 = normal.copy()
    idv01[30:, 0] += 50.0
    arrays = {"normal": normal, "idv01": idv01, "idv02": normal.copy(), "idv03": normal[:40] + 1.0,
              "variables": np.array([f"V{i}" for i in range(NUM_VARIABLES)]), "sample_interval_h": np.float64(0.01)}
    np.savez(folder / f"mode{mode}.npz", **arrays)
    return arrays


def test_params_problems() -> None:
    assert TepParams().problems() == []
    assert any("mode" in p for p in TepParams(mode=0).problems())
    assert any("duplicates ['normal']" in p for p in TepParams(classes=("normal", "normal")).problems())
    assert any("must not be empty" in p for p in TepParams(classes=()).problems())
    assert any("data_dir is empty" in p for p in TepParams(data_dir=" ").problems())


def test_windows_split_and_zscore_on_fake_mode(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    arrays = _fake_mode(tmp_path)
    window = WindowSpec(length=10, stride=5, test_fraction=0.25)
    params = TepParams(mode=7, data_dir=str(tmp_path), classes=("idv01", "normal", "idv02", "idv03"))
    with caplog.at_level(logging.WARNING, logger="common.data.tep"):
        data = load_plant_data("tep", "p", params, window, tmp_path)
    assert data.class_names == ("idv01", "normal", "idv02", "idv03")
    assert data.train.x.shape[1:] == (NUM_VARIABLES, 10) and data.sample_rate_hz == pytest.approx(1 / 36)
    counts = {"train": data.train.class_counts(4).tolist(), "test": data.test.class_counts(4).tolist()}
    # normal: 150 train rows -> (150-10)//5+1 = 29; 50 test rows -> 5. idv01: windows ending before row 30
    # (ends 9, 14, 19, 24, 29) dropped -> 24. idv02 never departs -> none. idv03: 30 train rows -> 5, 10 test rows -> 1.
    assert counts == {"train": [24, 29, 0, 5], "test": [5, 5, 0, 1]}
    # z-score from the normal run's train rows only (first 150 of 200).
    stats = ZScore.from_recipe(data.preprocessing or {})
    np.testing.assert_allclose(stats.mean, arrays["normal"][:150].astype(np.float64).mean(axis=0), rtol=1e-6)
    assert stats.constant == ("V5",) and stats.std[5] == 1.0
    assert data.preprocessing is not None and data.preprocessing["kind"] == RECIPE_KIND
    normal_train = data.train.x[data.train.y == 1]
    assert abs(float(normal_train[:, 0].mean())) < 0.1 and 0.8 < float(normal_train[:, 0].std()) < 1.2
    assert float(np.abs(normal_train[:, 5]).max()) == 0.0  # constant variable: centred, not divided by ~0
    assert "idv02" in caplog.text and "never depart" in caplog.text
    assert "no windows (run identical to normal): ['idv02']" in data.notes and "'V5'" in data.notes
    assert data.cross_window_statistics  # a DP plant must know the windows share statistics


def test_a_reference_period_sets_the_scale_and_gives_no_window_so_the_plant_can_train_with_dp(
        tmp_path: Path) -> None:
    """``reference_hours``: the normal run's first rows z-score every variable and are cut from its windows, so
    no window shares a statistic with another (no cross-window statistics: DP's one-window bound holds)."""
    arrays = _fake_mode(tmp_path)
    window = WindowSpec(length=10, stride=5, test_fraction=0.25)
    params = TepParams(mode=7, data_dir=str(tmp_path), classes=("idv01", "normal"), reference_hours=0.4)
    data = load_plant_data("tep", "p", params, window, tmp_path)
    assert data.cross_window_statistics == ""
    stats = ZScore.from_recipe(data.preprocessing or {})
    assert stats.rows == 40  # 0.4 h at 0.01 h per row
    np.testing.assert_allclose(stats.mean, arrays["normal"][:40].astype(np.float64).mean(axis=0), rtol=1e-6)
    # the normal run's 160 rows after the reference period: 120 train -> 23 windows, 40 test -> 4; idv01 unchanged
    assert data.train.class_counts(2).tolist() == [24, 23] and data.test.class_counts(2).tolist() == [5, 4]
    first_normal = data.train.x[data.train.y == 1][0]
    np.testing.assert_allclose(first_normal, stats.apply(arrays["normal"][40:50]).T, rtol=1e-5, atol=1e-5)
    assert "reference period: the normal run's first 40 rows (0.4 h)" in data.notes
    with pytest.raises(DataValidationError, match="reference_hours 1.8 takes 180 of the normal run's 200 rows"):
        load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), reference_hours=1.8), window, base_dir=tmp_path)
    assert any("reference_hours must be a number of hours > 0" in p
               for p in TepParams(reference_hours=-1.0).problems())
    assert any("applies to target fault only" in p for p in TepParams(reference_hours=1.0, target="quality").problems())


def test_short_run_without_test_window_is_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _fake_mode(tmp_path)
    params = TepParams(mode=7, data_dir=str(tmp_path), classes=("normal", "idv03"))
    with caplog.at_level(logging.WARNING, logger="common.data.tep"):
        data = load_tep("p", params, WindowSpec(length=12, test_fraction=0.25), base_dir=tmp_path)
    assert data.test.class_counts(2).tolist()[1] == 0 and data.train.class_counts(2).tolist()[1] == 2
    assert "no test window of 12 rows for ['idv03 (40 rows)']" in caplog.text
    assert "no test window (run too short): ['idv03 (40 rows)']" in data.notes


def test_bad_inputs_name_the_key_and_fix(tmp_path: Path) -> None:
    _fake_mode(tmp_path)
    window = WindowSpec(length=10)
    with pytest.raises(DataValidationError,
                       match=r"class key\(s\) \['idv09'\] not in file.*available: \['normal', 'idv01'"):
        load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), classes=("normal", "idv09")), window,
                 base_dir=tmp_path)
    with pytest.raises(DataValidationError, match=r"mode8\.npz not found \(files there: \['mode7\.npz'\]\)"):
        load_tep("p", TepParams(mode=8, data_dir=str(tmp_path)), window, base_dir=tmp_path)
    with pytest.raises(DataValidationError, match="resample_to_hz does not apply to source tep"):
        load_tep("p", TepParams(mode=7, data_dir=str(tmp_path)), WindowSpec(length=10, resample_to_hz=1.0),
                 base_dir=tmp_path)
    arrays = dict(np.load(tmp_path / "mode7.npz"))
    arrays["idv01"] = arrays["idv01"].copy()
    arrays["idv01"][17, 3] = np.nan
    np.savez(tmp_path / "mode9.npz", **arrays)
    with pytest.raises(DataValidationError, match="key 'idv01' has NaN/Inf in row 17"):
        load_tep("p", TepParams(mode=9, data_dir=str(tmp_path), classes=("normal", "idv01")), window,
                 base_dir=tmp_path)


def test_first_departure_computed_when_the_file_lacks_it(tmp_path: Path) -> None:
    """Without ``first_row_differs_from_normal`` the loader finds the first differing row itself."""
    _fake_mode(tmp_path)
    data = load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), classes=("normal", "idv01")),
                    WindowSpec(length=10, stride=1, test_fraction=0.25), base_dir=tmp_path)
    assert data.train.class_counts(2).tolist() == [141, 150 - 30]  # idv01: windows ending at rows 30..149


@pytest.fixture(scope="module")
def tep_dir() -> Path:
    if not (TEP_DIR / "mode1.npz").is_file():
        pytest.skip(f"TEP multimode data not found at {TEP_DIR}: set FACTORYFL_TEP_DIR or place "
                    "../shared/datasets/tep_multimode")
    return TEP_DIR


def test_real_modes_shapes_and_quirks(tep_dir: Path) -> None:
    window = WindowSpec(length=20, stride=20, test_fraction=0.2)
    m1 = load_tep("m1", TepParams(mode=1, data_dir=str(tep_dir)), window)
    assert m1.class_names == TEP_CLASSES and m1.channels == NUM_VARIABLES and m1.window_length == 20
    counts = dict(zip(m1.class_names, m1.train.class_counts(29).tolist()))
    assert counts["idv16"] == 0 and counts["normal"] == (5761 - 20) // 20 + 1  # mode 1 idv16 == normal
    assert counts["idv06"] == ((712 - 142) - 20) // 20 + 1  # the run that tripped after 7.1 h
    assert m1.test.class_counts(29)[TEP_CLASSES.index("normal")] == 1440 // 20
    m4 = load_tep("m4", TepParams(mode=4, data_dir=str(tep_dir), classes=("normal", "idv07", "idv16")), window)
    assert m4.test.class_counts(3).tolist()[1] == 1 and m4.train.class_counts(3).tolist()[2] > 0
    # each mode z-scored by its own normal rows: normal train windows are centred in both modes
    for data in (m1, m4):
        normal = data.train.x[data.train.y == data.class_names.index("normal")]
        assert float(np.abs(normal.mean(axis=(0, 2))).max()) < 1e-3


def test_quality_target_needs_sample_and_hold_analysers(tmp_path: Path) -> None:
    _fake_mode(tmp_path)  # every column changes every row: not the TEP analysers
    with pytest.raises(DataValidationError, match=r"target quality: the quality columns XMEAS\(37\.\.41\) change at "
                                                  r"row 1, not on the 25-row analyser grid"):
        load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), target="quality", classes=("normal", "idv01")),
                 WindowSpec(length=10),
                 base_dir=tmp_path)


def test_real_quality_target(tep_dir: Path) -> None:
    window = WindowSpec(length=20, test_fraction=0.2)
    data = load_plant_data("tep", "m2", TepParams(mode=2, data_dir=str(tep_dir), target="quality",
                                                  classes=("normal", "idv01")), window, tep_dir)
    assert data.task == "regression" and data.channels == 34 and data.target_names[0] == "XMEAS(37)"
    assert data.train.target is not None and data.train.target.shape == (len(data.train), 5)
    # one window per analyser sample (every 25 rows): about 5761/25 train and 1440/25 test per run
    assert 2 * 200 < len(data.train) < 2 * 231 and 2 * 50 < len(data.test) <= 2 * 58
    normal = data.train.target[data.train.y == 0]
    assert float(np.abs(normal.mean(axis=0)).max()) < 1e-3  # targets are deviations from the normal train mean
    assert data.preprocessing is not None and len(data.preprocessing["inputs"]) == 34


def test_shipped_scenario_validates(tep_dir: Path) -> None:
    from common.config import load_scenario

    scenario = load_scenario(Path(__file__).resolve().parents[1] / "simulations" / "scenarios" / "tep_4modes.yaml")
    assert [p.data.params.mode for p in scenario.plants] == [1, 2, 3, 4]
    assert scenario.model.standardize_input is False  # per-window standardisation would erase level shifts


def test_a_mode_without_some_run_is_a_plant_without_that_class(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    """A mode file that lists a run as missing (no key): the default class list is the classes the file
    holds (the federation learns the missing one from other plants); naming it explicitly is an error
    that says the file lists it as missing."""
    arrays = _fake_mode(tmp_path)
    full = {name: arrays["normal"] + (0.5 if name != "normal" else 0.0) for name in TEP_CLASSES}
    full.update({k: v for k, v in arrays.items() if k in ("variables", "sample_interval_h")})
    del full["idv05"], full["idv17"]
    full["missing_classes"] = np.array(["idv05", "idv17"])
    np.savez(tmp_path / "mode5.npz", **full)
    window = WindowSpec(length=10, stride=10, test_fraction=0.25)
    with caplog.at_level(logging.WARNING, logger="common.data.tep"):
        data = load_tep("p", TepParams(mode=5, data_dir=str(tmp_path)), window, base_dir=tmp_path)
    assert data.class_names == tuple(c for c in TEP_CLASSES if c not in ("idv05", "idv17"))
    assert "no run of ['idv05', 'idv17'] in the file" in caplog.text
    assert "no run in the file (not this plant's classes): ['idv05', 'idv17']" in data.notes
    assert data.train.class_counts(len(data.class_names)).min() > 0   # every class it keeps has windows
    with pytest.raises(DataValidationError, match=r"\['idv05'\] not in file; the file lists \['idv05'\] as missing"):
        load_tep("p", TepParams(mode=5, data_dir=str(tmp_path), classes=("normal", "idv05")), window,
                 base_dir=tmp_path)
