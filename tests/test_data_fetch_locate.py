"""Data sets by name: where the loaders look (common/data/locate.py) and a scenario that names one."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from cli.main import main
from common.data import locate
from common.data.cmapss import CmapssParams
from common.data.cwru import CwruParams, load_cwru
from common.data.errors import DataValidationError
from common.data.tep import TepParams, tep_file
from common.data.windowing import WindowSpec
from deploy.datasets import cwru


@pytest.fixture
def roots(tmp_path, monkeypatch):
    """Three empty roots standing for $FACTORYFL_DATA_DIR, $XDG_DATA_HOME and ../shared/datasets."""
    env, xdg, shared = tmp_path / "env", tmp_path / "xdg", tmp_path / "shared"
    monkeypatch.setenv(locate.DATA_DIR_ENV, str(env))
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    monkeypatch.setattr(locate, "SHARED_DATASETS", shared)
    return env, xdg / "factoryfl", shared


def _put(root, name: str, filename: str) -> None:
    folder = root / locate.DATASET_FOLDERS[name]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / filename).write_bytes(b"x")


def test_places_are_looked_at_in_order(roots, monkeypatch):
    env, user, shared = roots
    _put(shared, "tep", "mode1.npz")
    assert locate.find_file("tep", "mode1.npz") == shared / "tep_multimode" / "mode1.npz"
    _put(user, "tep", "mode1.npz")
    assert locate.find_file("tep", "mode1.npz") == user / "tep_multimode" / "mode1.npz"
    _put(env, "tep", "mode1.npz")
    assert locate.find_file("tep", "mode1.npz") == env / "tep_multimode" / "mode1.npz"
    assert locate.default_dir("tep") == env / "tep_multimode" and locate.fetch_root() == env
    monkeypatch.delenv(locate.DATA_DIR_ENV)
    assert locate.fetch_root() == user and [p.label for p in locate.places("tep")] == ["user data dir",
                                                                                     "offline cache"]


def test_an_explicit_data_dir_is_the_only_place_looked(roots, tmp_path):
    env, _, _ = roots
    _put(env, "cwru", "load2.npz")
    explicit = tmp_path / "mine"
    explicit.mkdir()
    with pytest.raises(DataValidationError, match=r"looked in: data_dir .*/mine: point data_dir to the folder"):
        locate.find_file("cwru", "load2.npz", explicit)


def test_absent_data_set_names_it_the_places_and_the_fix(roots):
    env, user, shared = roots
    with pytest.raises(DataValidationError) as err:
        tep_file(TepParams(mode=3), base_dir=env)
    text = str(err.value)
    assert "data set 'tep': mode3.npz not found" in text and "`factoryfl data fetch tep`" in text
    for folder in (env, user, shared):
        assert str(folder / "tep_multimode") in text
    with pytest.raises(DataValidationError, match="unknown data set 'bearings'"):
        locate.find_file("bearings", "x.npz")


def test_params_name_the_data_set_or_a_path_not_both():
    assert CwruParams(load=1).problems() == [] and CmapssParams(subset=4).problems() == []
    assert "neither path nor load" in CwruParams().problems()[0]
    assert "both set" in CwruParams(path="load1.npz", load=1).problems()[0]
    assert "load must be an integer motor load 0, 1, 2 or 3" in CwruParams(load=5).problems()[0]
    assert "subset must be an integer 1, 2, 3 or 4" in CmapssParams(subset=0).problems()[0]
    assert "neither path nor subset" in CmapssParams().problems()[0]


def _cwru_folder(root) -> None:
    numbers = {n for load in range(4) for n in cwru.cwru_records(load).values()}
    rng = np.random.default_rng(0)
    mats = {n: {f"X{n:03d}_DE_time": rng.standard_normal((4096, 1))} for n in numbers}
    folder = root / "cwru12k_de"
    folder.mkdir(parents=True)
    for load in range(4):
        np.savez_compressed(folder / f"load{load}.npz", **cwru.load_arrays(mats, load))


def test_a_scenario_names_the_data_set_and_validate_finds_it(roots, tmp_path, capsys):
    env, _, _ = roots
    _cwru_folder(env)
    plant = load_cwru("p", CwruParams(load=2, classes=("IR007", "B021")), WindowSpec(length=256))
    assert plant.notes.startswith("CWRU 12 kHz DE, load2.npz")
    scenario = tmp_path / "by_name.yaml"
    scenario.write_text(yaml.safe_dump({
        "name": "by-name", "window": {"length": 256},
        "plants": [{"id": f"load{k}", "data": {"source": "cwru", "load": k}} for k in (1, 3)],
    }))
    assert main(["validate", str(scenario)]) == 0, capsys.readouterr().err
