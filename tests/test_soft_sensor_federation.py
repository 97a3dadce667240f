"""The TEP soft sensor end to end in process: two modes federate a 5-output regressor through the
real ClientApp and coordinator (skipped without the data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from client.loader import window_spec
from common.config import load_scenario
from tests.conftest import DATASETS, REPO
from tests.helpers.loopback import run_short

pytestmark = pytest.mark.data
SHIPPED = REPO / "simulations" / "scenarios" / "tep_soft_sensor.yaml"
ANALYSERS = ("XMEAS(37)", "XMEAS(38)", "XMEAS(39)", "XMEAS(40)", "XMEAS(41)")


def test_two_modes_federate_a_five_output_soft_sensor(tmp_path):
    folder = DATASETS / "tep_multimode"
    if not (folder / "mode1.npz").exists():
        pytest.skip(f"TEP data not found at {folder}: set FACTORYFL_DATASETS or place ../shared/datasets")
    body = yaml.safe_load(SHIPPED.read_text())
    body["plants"] = body["plants"][:2]
    for plant in body["plants"]:
        plant["data"].update({"data_dir": str(folder), "classes": ["normal", "idv01", "idv02", "idv13"]})
    run_dir, results = run_short(body, tmp_path, "tep_soft_sensor")
    scenario = load_scenario(tmp_path / "tep_soft_sensor.yaml")
    assert results["task"] == "regression"
    for plant in results["plants"].values():
        for method in ("federated_global", "federated_personalised", "local_only"):
            m = plant["metrics"][method]
            assert 0 < m["rmse"] < 5  # mol %
            for name in ANALYSERS:  # per analyser, in its own units, through the wire
                assert 0 < m[f"rmse/{name}"] < 5 and m[f"r2/{name}"] < 1
            assert m["rmse/XMEAS(37)"] < 0.1 < m["rmse/XMEAS(40)"]  # D is ~0.01 mol %, G ~0.5 mol %
            assert "score" not in m  # PHM08 is for RUL
    assert results["rounds"][-1]["eval_rmse"] is not None
    from simulations.baselines import add_centralized_baseline

    add_centralized_baseline(scenario, results)  # the pooled (simulation-only) baseline takes K outputs too
    for plant in results["plants"].values():
        assert 0 < plant["metrics"]["centralized"]["rmse/XMEAS(39)"] < 1
    report = (run_dir / "report.md").read_text()
    assert "## Per output" in report and "XMEAS(38)" in report

    # the plant's kept model predicts the five analysers, by name and in mol %, from a raw recording
    from client.loader import state_root
    from client.predict import load_personal_model, predict
    from common.data.load import load_plant_data
    from common.target_scaling import own_target_scale

    scales = []   # target_scaling: plant: each mode keeps its own analyser spreads with its model
    for spec_plant in scenario.plants:
        _, meta = load_personal_model(state_root(scenario, spec_plant, str(run_dir)))
        data = load_plant_data(spec_plant.data.source, spec_plant.id, spec_plant.data.params,
                               window_spec(scenario), Path(scenario.base_dir), log=False)
        np.testing.assert_allclose(meta["target_scale"], own_target_scale(data.train.target, data.train.y), rtol=1e-6)
        assert meta["target_scaling"] == "plant"
        scales.append(np.asarray(meta["target_scale"]))
    assert not np.allclose(scales[0], scales[1])

    with np.load(folder / "mode1.npz") as z:
        rows = z["normal"][-400:]  # the test part of the normal run: 53 variables, raw units
    recording = tmp_path / "rows.npy"
    np.save(recording, rows.T.astype(np.float32))
    out = predict(state_root(scenario, scenario.plants[0], str(run_dir)), recording)
    assert out["windows"] == 400 // body["window"]["length"]
    first = out["predictions"][0]
    assert set(ANALYSERS) <= set(first)
    for column, name in zip(range(36, 41), ANALYSERS):  # absolute values: the normal offset added back
        predicted = np.array([p[name] for p in out["predictions"]])
        assert abs(predicted.mean() - rows[:, column].mean()) < 3 * rows[:, column].std() + 1e-3
