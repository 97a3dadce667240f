"""The converters of `factoryfl data fetch` on small synthetic inputs in the originals' formats."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest
import scipy.io

from common.data.cmapss import CmapssParams, load_cmapss_splits
from deploy.datasets import cmapss, cwru, tep
from deploy.datasets.catalogue import TEP_CLASS_KEYS, tep_original_name
from deploy.datasets.errors import FetchError

# ------------------------------------------------------------------------------ CWRU


def test_cwru_matches_the_record_number_not_the_position():
    mat = {"__header__": b"x", "X098_DE_time": np.ones((4, 1)), "X099_DE_time": np.arange(5.0)[:, None],
           "X099RPM": np.array([[1750]])}
    signal, rpm = cwru.record_signal(mat, 99)
    assert signal.dtype == np.float32 and signal.tolist() == [0, 1, 2, 3, 4] and rpm == 1750
    signal, rpm = cwru.record_signal({"X097_DE_time": np.zeros((3, 1))}, 97)  # zero-padded name, no RPM
    assert signal.shape == (3,) and rpm == -1
    with pytest.raises(FetchError, match=r"105\.mat: no variable X105_DE_time \(has \['X106_DE_time'\]\)"):
        cwru.record_signal({"X106_DE_time": np.zeros((3, 1))}, 105)


def test_cwru_load_arrays_layout():
    numbers = {n for load in (0, 2) for n in cwru.cwru_records(load).values()}
    mats = {n: {f"X{n:03d}_DE_time": np.full((8 + n % 3, 1), float(n))} for n in numbers}
    z0, z2 = cwru.load_arrays(mats, 0), cwru.load_arrays(mats, 2)
    assert list(z0["classes"])[:2] == ["normal", "IR007"] and "normal" not in z2
    assert int(z2["load_hp"]) == 2 and int(z2["nominal_rpm"]) == 1750 and list(z2["missing_file_numbers"]) == [99]
    assert z2["OR021"][0] == 236 and list(z2["lengths"]) == [z2[c].size for c in z2["classes"]]
    del mats[107]
    with pytest.raises(FetchError, match=r"107\.mat \(class IR007 at 2 HP\) is missing"):
        cwru.load_arrays(mats, 2)


# ------------------------------------------------------------------------------ C-MAPSS


def _engine_rows(units: int, cycles: int, rng: np.random.Generator) -> str:
    lines = []
    for u in range(1, units + 1):
        for c in range(1, cycles + u):
            settings = [round(rng.normal(0, 0.0005), 4), round(rng.normal(0, 0.0002), 4), 100]  # one condition
            values = [u, c, *settings, *rng.normal(500, 5, 21).round(2)]
            lines.append(" ".join(f"{v:g}" for v in values) + "  ")  # NASA's rows end in blanks
    return "\n".join(lines) + "\n"


@pytest.fixture
def cmapss_zip(tmp_path):
    rng = np.random.default_rng(1)
    with zipfile.ZipFile(tmp_path / "CMAPSSData.zip", "w") as zf:
        for k in cmapss.SUBSETS:
            zf.writestr(f"CMAPSSData/train_FD00{k}.txt", _engine_rows(3, 40, rng))
            zf.writestr(f"CMAPSSData/test_FD00{k}.txt", _engine_rows(2, 35, rng))
            zf.writestr(f"CMAPSSData/RUL_FD00{k}.txt", "112 \n98 \n")
        zf.writestr("CMAPSSData/readme.txt", "C-MAPSS")
    return tmp_path


def test_cmapss_zip_converts_to_what_the_loader_reads(cmapss_zip, tmp_path):
    out = cmapss.convert(cmapss_zip)
    assert sorted(out) == ["fd001.npz", "fd002.npz", "fd003.npz", "fd004.npz"]
    fd = out["fd003.npz"]
    assert fd["train"].shape == (40 + 41 + 42, 26) and fd["train"].dtype == np.float32
    assert fd["rul"].tolist() == [112, 98] and int(fd["test_units"]) == 2 and fd["columns"][5] == "sensor_1"
    folder = tmp_path / "cmapss"
    folder.mkdir()
    np.savez_compressed(folder / "fd003.npz", **fd)
    splits = load_cmapss_splits(CmapssParams(subset=3, data_dir=str(folder), sequence_length=10))
    assert splits is not None


def test_cmapss_rul_count_and_width_are_checked():
    rows = _engine_rows(2, 5, np.random.default_rng(0))
    with pytest.raises(FetchError, match=r"RUL_FD002\.txt has 3 values but test_FD002\.txt has 2 engines"):
        cmapss.subset_arrays(rows, rows, "1\n2\n3\n", 2)
    with pytest.raises(FetchError, match=r"train_FD001\.txt: expected rows of 26 numbers, got shape \(2, 3\)"):
        cmapss.subset_arrays("1 2 3\n4 5 6\n", rows, "1\n2\n", 1)


def test_cmapss_archive_without_a_member_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "CMAPSSData.zip", "w") as zf:
        zf.writestr("train_FD001.txt", "1")
    with pytest.raises(FetchError, match="CMAPSSData.zip has no test_FD001.txt"):
        cmapss.convert(tmp_path)
    (tmp_path / "CMAPSSData.zip").write_bytes(b"<html>not found</html>")
    with pytest.raises(FetchError, match="not a zip archive"):
        cmapss.convert(tmp_path)


# ------------------------------------------------------------------------------ TEP multimode


def _tep_run(rows: int, idv: int | None, rng: np.random.Generator, base: np.ndarray) -> np.ndarray:
    m = np.zeros((rows, tep.NUM_VARIABLES + tep.NUM_FLAGS))
    m[:, :tep.NUM_VARIABLES] = base[:rows]
    if idv is not None:
        m[3:, :tep.NUM_VARIABLES] += rng.normal(0, 1, (rows - 3, tep.NUM_VARIABLES))  # departs from row 3
        m[:, tep.NUM_VARIABLES + idv - 1] = 1.0
    return m


def test_tep_class_comes_from_the_flags_and_the_mode_file_is_complete(tmp_path):
    rng = np.random.default_rng(2)
    base = rng.normal(0, 1, (12, tep.NUM_VARIABLES))
    for run in range(29):
        idv = None if run == 0 else 29 - run  # file names in reverse order: the flags decide
        path = tmp_path / tep_original_name(1, run)
        path.parent.mkdir(exist_ok=True)
        scipy.io.savemat(path, {path.stem: _tep_run(6 if idv == 6 else 12, idv, rng, base)})
    out = tep.mode_arrays({tep_original_name(1, r): scipy.io.loadmat(tmp_path / tep_original_name(1, r))[f"m1d{r:02d}"]
                           for r in range(29)}, 1)
    assert list(out["classes"]) == list(TEP_CLASS_KEYS) and out["idv06"].shape == (6, 53)
    assert out["source_files"][1] == "m1d28.mat" and out["idv01"].dtype == np.float32
    i6 = list(out["classes"]).index("idv06")
    assert bool(out["truncated"][i6]) and int(out["rows"][i6]) == 6
    assert out["first_row_differs_from_normal"].tolist() == [-1] + [3] * 28
    assert int(out["mode"]) == 1 and out["missing_classes"].size == 0


def test_tep_bad_flags_are_refused():
    rng = np.random.default_rng(3)
    base = rng.normal(0, 1, (5, tep.NUM_VARIABLES))
    two = _tep_run(5, 4, rng, base)
    two[:, tep.NUM_VARIABLES + 7] = 1.0
    with pytest.raises(FetchError, match=r"m2d04\.mat: 2 IDV flags set \(\[4, 8\]\)"):
        tep.run_class(two, "m2d04.mat")
    with pytest.raises(FetchError, match=r"expected rows x 81, got \(5, 53\)"):
        tep.run_class(base, "m2d00.mat")
    with pytest.raises(FetchError, match="both hold class idv04"):
        tep.mode_arrays({"a.mat": _tep_run(5, None, rng, base), "b.mat": _tep_run(5, 4, rng, base),
                         "c.mat": _tep_run(5, 4, rng, base)}, 2)
