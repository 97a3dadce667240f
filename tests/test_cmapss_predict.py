"""A C-MAPSS plant predicts the RUL of engines from their raw cycle tables, prepared exactly as its
test engines were (its own condition statistics, engine baselines, smoothing)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from common.data import CmapssParams, load_cmapss_splits
from common.data.cmapss import CMAPSS_COLUMNS
from common.data.cmapss_recipe import CmapssRecipe, CycleTableError, read_cycle_table
from tests.test_data_cmapss import _fake_file, _need

VARIANTS = (
    {},
    {"smoothing": 0.8, "baseline_cycles": 3},
    {"include_op_settings": True, "baseline_cycles": 20},
    {"condition_normalisation": False, "smoothing": 0.5},
    {"normalisation_stats": "train_test", "sequence_length": 4},
)


def _test_table(path: Path) -> np.ndarray:
    with np.load(path) as archive:
        return np.asarray(archive["test"], dtype=np.float64)


def _write_txt(table: np.ndarray, path: Path) -> Path:
    np.savetxt(path, table, fmt="%.17g")  # exact: z-scored op settings magnify rounding
    return path


@pytest.mark.parametrize("options", VARIANTS)
def test_recipe_prepares_new_engines_exactly_as_the_test_engines(tmp_path: Path, options: dict) -> None:
    """Through its JSON form and a NASA-layout text file, the recipe gives the official test windows."""
    path = _fake_file(tmp_path)
    params = CmapssParams(**{"path": str(path), "sequence_length": 6, **options})
    splits = load_cmapss_splits(params)
    recipe = CmapssRecipe.from_json(CmapssRecipe.from_splits(params, splits).to_json())
    table, columns = read_cycle_table(_write_txt(_test_table(path), tmp_path / "engines.txt"), recipe.sensors)
    units, cycles, x = recipe.engine_windows(table, columns)
    assert units.tolist() == splits.test_unit.tolist() and cycles.tolist() == [3, 7]
    np.testing.assert_allclose(x, splits.test.x, atol=1e-5)


def test_fd002_official_test_engines_are_reproduced_from_raw_cycles() -> None:
    """Six operating conditions, engine baselines and smoothing, on the real data."""
    path = _need("fd002.npz")
    params = CmapssParams(path=str(path), sequence_length=40, smoothing=0.95, baseline_cycles=60)
    splits = load_cmapss_splits(params)
    recipe = CmapssRecipe.from_json(CmapssRecipe.from_splits(params, splits).to_json())
    units, _, x = recipe.engine_windows(_test_table(path), list(CMAPSS_COLUMNS))
    assert units.size == 259 and recipe.centres.shape == (6, 3)
    np.testing.assert_allclose(x, splits.test.x, atol=1e-4)


def test_a_csv_with_a_header_in_any_column_order(tmp_path: Path) -> None:
    path = _fake_file(tmp_path)
    params = CmapssParams(path=str(path), sequence_length=6, baseline_cycles=3, smoothing=0.8)
    splits = load_cmapss_splits(params)
    recipe = CmapssRecipe.from_splits(params, splits)
    table = _test_table(path)
    order = [1, 0] + list(range(len(CMAPSS_COLUMNS) - 1, 1, -1))  # cycle, unit, then the rest reversed
    csv = tmp_path / "engines.csv"
    np.savetxt(csv, table[:, order], delimiter=",", header=",".join(CMAPSS_COLUMNS[i] for i in order), comments="")
    units, _, x = recipe.engine_windows(*read_cycle_table(csv, recipe.sensors))
    np.testing.assert_allclose(x, splits.test.x, atol=1e-5)


def test_bad_cycle_tables_name_the_row_column_or_condition(tmp_path: Path) -> None:
    path = _fake_file(tmp_path)
    params = CmapssParams(path=str(path), sequence_length=6)
    recipe = CmapssRecipe.from_splits(params, load_cmapss_splits(params))
    table = _test_table(path)

    unseen = table.copy()
    unseen[4, 2] = 42.0  # engine 2's second cycle at an altitude the site never flew
    with pytest.raises(CycleTableError) as err:
        recipe.engine_windows(unseen, list(CMAPSS_COLUMNS), "engines.txt")
    assert "engines.txt: engine 2 cycle 2" in str(err.value) and "never trained on" in str(err.value)

    shuffled = _write_txt(table[[1, 0, 2, 3]], tmp_path / "shuffled.txt")
    with pytest.raises(CycleTableError, match=r"data row 2: rows must be sorted by unit"):
        read_cycle_table(shuffled, recipe.sensors)
    narrow = _write_txt(table[:, :10], tmp_path / "narrow.txt")
    with pytest.raises(CycleTableError, match=r"10 columns; NASA's layout has 26"):
        read_cycle_table(narrow, recipe.sensors)
    csv = tmp_path / "no_sensor_7.csv"
    keep = [i for i, c in enumerate(CMAPSS_COLUMNS) if c != "sensor_7"]
    np.savetxt(csv, table[:, keep], delimiter=",", header=",".join(CMAPSS_COLUMNS[i] for i in keep), comments="")
    with pytest.raises(CycleTableError, match=r"column\(s\) \['sensor_7'\] missing"):
        read_cycle_table(csv, recipe.sensors)
    with pytest.raises(CycleTableError, match="unsupported file type '.xlsx'"):
        read_cycle_table(_touch(tmp_path / "engines.xlsx"), recipe.sensors)


def _touch(path: Path) -> Path:
    path.write_text("")
    return path


def test_predict_gives_one_rul_per_engine_from_its_raw_cycles(tmp_path: Path) -> None:
    """End to end on the plant's own state: personalise saves the recipe with the model, and
    `factoryfl predict` on a raw cycle table equals the model on the prepared test windows."""
    import torch

    from cli.main import main as cli_main
    from client.predict import InferenceError, predict
    from client.transfer import personalise
    from common.models import build_model, shared_state
    from tests.helpers.tiny_cmapss import tiny_cmapss_plant

    scenario, plant, spec = tiny_cmapss_plant(tmp_path, target_scale=125, target_range=[0, 125])
    start = build_model(plant.data.channels, spec.num_outputs, spec.model, seed=0)
    shared = {k: v.numpy() for k, v in shared_state(start).items()}
    personalise(plant, spec, shared, "run-1")

    engines = _write_txt(_test_table(Path(scenario.plants[0].data.params.path)), tmp_path / "engines.txt")
    result = predict(plant.state.root, engines)
    assert [(r["engine"], r["cycles"]) for r in result["predictions"]] == [(1, 3), (2, 7)]
    model = plant.personal_model(spec, "run-1").eval()
    with torch.no_grad():
        expected = np.clip(model(torch.from_numpy(plant.data.test.x), head="personal")[:, 0].numpy() * 125, 0, 125)
    np.testing.assert_allclose([r["rul"] for r in result["predictions"]], expected, atol=1e-3)

    assert cli_main(["predict", "--state-dir", str(plant.state.root), str(engines), "--out",
                     str(tmp_path / "rul.csv")]) == 0
    assert (tmp_path / "rul.csv").read_text().splitlines()[0] == "window,engine,cycles,rul"
    unseen = _test_table(Path(scenario.plants[0].data.params.path))
    unseen[0, 2] = 42.0
    with pytest.raises(InferenceError, match="engine 1 cycle 1 runs at op settings"):
        predict(plant.state.root, _write_txt(unseen, tmp_path / "unseen.txt"))


def _turbofan_scenario(tmp_path: Path, sites: tuple[str, ...]) -> Path:
    path = tmp_path / "turbofans.yaml"
    path.write_text(yaml.safe_dump({
        "name": "turbofans", "task": "regression", "target_scale": 125, "target_range": [0, 125],
        "window": {"length": 8}, "federation": {"rounds": 2}, "personalisation": {"mode": "full", "epochs": 1},
        "model": {"channels": [8, 8], "first_kernel": 3, "first_stride": 1, "block_pool": 1, "pool_bins": 2,
                  "feature_dim": 8, "standardize_input": False},
        "plants": [{"id": site, "data": {"source": "cmapss", "path": str(_fake_file(tmp_path, name=f"{site}.npz")),
                                         "sequence_length": 8, "smoothing": 0.5, "baseline_cycles": 3}}
                   for site in sites]}))
    return path


def test_deployed_turbofan_sites_federate_rul_and_predict_raw_cycles(tmp_path: Path) -> None:
    """Plants that read exported data directories (as deployed plant processes do) carry their RUL
    targets and preprocessing recipe: the federation trains a regressor and a site predicts its
    engines from their raw cycles."""
    from client.predict import predict
    from common.config import load_scenario
    from common.data import DirectoryParams, WindowSpec, load_directory
    from deploy.plant_data import export_plant_dir
    from server.app import run_federation
    from tests.conftest import write_plant_policy
    from tests.helpers.loopback import LoopbackGrid

    path = _turbofan_scenario(tmp_path, ("north", "south"))
    configs = {}
    for i, site in enumerate(("north", "south")):
        data_dir = export_plant_dir(path, site, tmp_path / "data" / site)
        configs[101 + i] = {"plant-id": site, "data-dir": str(data_dir), "state-dir": str(tmp_path / "state" / site)}
        write_plant_policy(tmp_path / "state" / site)
    loaded = load_directory("north", DirectoryParams(str(tmp_path / "data" / "north")), WindowSpec(length=8))
    direct = load_cmapss_splits(CmapssParams(path=str(tmp_path / "north.npz"), sequence_length=8, smoothing=0.5,
                                             baseline_cycles=3))
    assert loaded.task == "regression" and loaded.target_name.startswith("RUL")
    np.testing.assert_array_equal(loaded.train.target, direct.train.target)
    np.testing.assert_array_equal(loaded.test.target, direct.test.target)
    assert loaded.preprocessing == CmapssRecipe.from_splits(
        CmapssParams(path="x", sequence_length=8, smoothing=0.5, baseline_cycles=3), direct).to_json()

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, 2, run_dir, node_configs=configs), load_scenario(path), run_dir)
    assert results["task"] == "regression"
    for site in ("north", "south"):
        assert results["plants"][site]["status"] == "ok"
        assert 0 <= results["plants"][site]["metrics"]["federated_personalised"]["rmse"] < 125
    engines = _write_txt(_test_table(tmp_path / "north.npz"), tmp_path / "engines.txt")
    out = predict(tmp_path / "state" / "north", engines)
    assert [(r["engine"], r["cycles"]) for r in out["predictions"]] == [(1, 3), (2, 7)]
    rmse = float(np.sqrt(np.mean((np.array([r["rul"] for r in out["predictions"]]) - direct.test.target) ** 2)))
    assert rmse == pytest.approx(results["plants"]["north"]["metrics"]["federated_personalised"]["rmse"], rel=1e-4)


def test_bad_regression_directories_are_refused_naming_the_key(tmp_path: Path) -> None:
    from common.data import DataValidationError, DirectoryParams, WindowSpec, load_directory
    from deploy.plant_data import export_plant_dir

    path = _turbofan_scenario(tmp_path, ("north",))
    good = export_plant_dir(path, "north", tmp_path / "north")
    manifest = yaml.safe_load((good / "manifest.yaml").read_text())

    def load_with(change: dict, arrays: dict | None = None) -> str:
        """The error for the exported directory with ``change`` in its manifest and ``arrays``
        replacing (None: dropping) keys of its windows.npz."""
        folder = tmp_path / f"bad{len(list(tmp_path.glob('bad*')))}"
        folder.mkdir()
        (folder / "preprocessing.json").write_text((good / "preprocessing.json").read_text())
        with np.load(good / "windows.npz") as z:
            saved = {**{k: z[k] for k in z.files}, **(arrays or {})}
        np.savez(folder / "windows.npz", **{k: v for k, v in saved.items() if v is not None})
        (folder / "manifest.yaml").write_text(yaml.safe_dump({**manifest, **change}))
        with pytest.raises(DataValidationError) as err:
            load_directory("north", DirectoryParams(str(folder)), WindowSpec(length=8))
        return str(err.value)

    assert "key 'task' must be one of" in load_with({"task": "forecast"})
    assert "task 'regression' needs kind 'windows'" in load_with({"kind": "signals",
                                                                 "files": [{"file": "windows.npz"}]})
    assert "no window file has a 'target'" in load_with({}, {"target": None})
    assert "key 'target' must be a real array of shape" in load_with({}, {"target": np.zeros(3, np.float32)})
    with np.load(good / "windows.npz") as z:
        nan_test = np.where(z["split"] == "test", np.nan, z["target"]).astype(np.float32)
    assert "test windows need a target, but it is NaN/Inf" in load_with({}, {"target": nan_test})
    assert "names 'gone.json', which is not a file" in load_with({"preprocessing": "gone.json"})
