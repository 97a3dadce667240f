"""A plant with more sensors than the federation's model takes joins with ``use_channels``: its
selection is checked, applied on load, kept with its model and applied again by predict."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from common.data.channel_select import channel_problems, select_channels
from common.data.errors import DataValidationError
from tests.conftest import tiny_scenario, with_explicit_plants

WINDOW = 256


def _two_sensor_plant(folder: Path) -> tuple[dict, float]:
    """plant-2's synthetic recordings on channel 1 of a directory plant, an unrelated sensor on channel 0."""
    from common.config import to_dict
    from common.data import make_plant_params
    from common.data.synthetic import class_rng, synthesize_recording

    params = make_plant_params(2, 0, num_windows_per_class=16)
    folder.mkdir()
    noise = np.random.default_rng(7)
    files = []
    for name in params.classes:
        signal = synthesize_recording(name, params, 20 * WINDOW, class_rng(2, name))
        np.save(folder / f"{name}.npy", np.stack([noise.standard_normal(signal.size).astype(np.float32), signal]))
        files.append({"file": f"{name}.npy", "label": name})
    manifest = {"format": "factoryfl-plant/v1", "sample_rate_hz": float(params.sample_rate_hz), "channels": 2,
                "classes": list(params.classes), "kind": "signals", "files": files}
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest))
    return to_dict(params), float(params.sample_rate_hz)


def _scenario(tmp_path: Path, use_channels: list[int] | None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = with_explicit_plants(tiny_scenario(tmp_path, window={"length": WINDOW}, federation={"rounds": 1}), {})
    body = yaml.safe_load(path.read_text())
    _two_sensor_plant(tmp_path / "two-sensors")
    plant = {"id": "plant-2", "data": {"source": "directory", "path": str(tmp_path / "two-sensors")}}
    body["plants"][-1] = plant | ({"use_channels": use_channels} if use_channels is not None else {})
    path.write_text(yaml.safe_dump(body))
    return path


def test_a_channel_selection_is_checked_on_its_own_and_against_the_data():
    from common.data.types import PlantData, WindowSet

    assert channel_problems(None) == [] and channel_problems([1, 0]) == []
    assert "is empty" in channel_problems([])[0]
    assert "integers >= 0" in channel_problems([-1])[0]
    assert "twice" in channel_problems([0, 0])[0]
    x = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    ws = WindowSet(x, np.array([0, 1]))
    data = PlantData("p", ws, ws, ("a", "b"), 100.0, "test")
    picked = select_channels(data, [2, 0])
    assert picked.channels == 2 and picked.channels_used == (2, 0) and picked.channels_read == 3
    np.testing.assert_array_equal(picked.train.x[:, 0], x[:, 2])
    np.testing.assert_array_equal(picked.test.x[:, 1], x[:, 0])
    with pytest.raises(DataValidationError, match=r"names channel\(s\) \[3\] but the data have 3 channel\(s\)"):
        select_channels(data, [3])


def test_a_plant_with_an_extra_sensor_is_left_out_with_the_fix_then_joins_with_use_channels(tmp_path):
    from client.predict import InferenceError, predict
    from common.config import load_scenario
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid

    def federate(path: Path, name: str):
        run_dir = tmp_path / name
        run_dir.mkdir()
        return run_federation(LoopbackGrid(path, 3, run_dir), load_scenario(path), run_dir), run_dir

    refused, _ = federate(_scenario(tmp_path / "a", None), "without")
    record = refused["plants"]["plant-2"]
    assert record["status"] == "failed" and "channels=2" in record["status_reason"]
    assert "use_channels" in record["status_reason"] and "use-channels='0'" in record["status_reason"]

    results, run_dir = federate(_scenario(tmp_path / "b", [1]), "with")
    assert all(p["status"] == "ok" for p in results["plants"].values())
    state = next(p.parent.parent for p in run_dir.rglob("personalised.pt") if "plant-2" in p.parts)
    recording = np.load(tmp_path / "b" / "two-sensors" / "inner_race.npy")
    np.save(tmp_path / "rec.npy", recording)
    other = recording.copy()
    other[0] = np.random.default_rng(1).standard_normal(other.shape[1])   # the channel the model does not take
    np.save(tmp_path / "other.npy", other)
    out, same = predict(state, tmp_path / "rec.npy"), predict(state, tmp_path / "other.npy")
    assert out["windows"] == recording.shape[1] // WINDOW
    assert [r["class"] for r in out["predictions"]] == [r["class"] for r in same["predictions"]]
    assert [r["probability"] for r in out["predictions"]] == [r["probability"] for r in same["predictions"]]
    from client.export import export

    card = json.loads((export(state, tmp_path / "export")["card_json"]).read_text())
    assert card["input"]["shape"][1] == 1 and card["input"]["channels_of_recording"] == {"use": [1], "of": 2}
    np.save(tmp_path / "one.npy", recording[1])   # the selected channel alone is not what the plant records
    with pytest.raises(InferenceError, match="2"):
        predict(state, tmp_path / "one.npy")


def test_a_selection_beyond_the_data_is_one_clear_error_naming_the_plant(tmp_path):
    from client.loader import load_data
    from common.config import load_scenario

    scenario = load_scenario(_scenario(tmp_path, [2]))
    why = r"(?s)plant 'plant-2'.*use_channels \[2\].*2 channel\(s\) \(0\.\.1\)"
    with pytest.raises(DataValidationError, match=why):
        load_data(scenario, scenario.plants[-1])


def test_a_deployed_plant_takes_use_channels_from_its_node_config(tmp_path):
    from client.node_config import NodeConfigError, parse_node_config

    base = {"plant-id": "p", "data-dir": str(tmp_path), "state-dir": str(tmp_path / "s")}
    assert parse_node_config(base | {"use-channels": "1,0"}).plant_spec().use_channels == (1, 0)
    assert parse_node_config(base | {"use-channels": 0}).plant_spec().use_channels == (0,)
    assert parse_node_config(base).plant_spec().use_channels is None
    for bad, why in (("a", "separated by commas"), ("0,0", "twice"), (1.5, "0-based channel numbers")):
        with pytest.raises(NodeConfigError, match=why):
            parse_node_config(base | {"use-channels": bad})


def test_factoryfl_plant_passes_use_channels_to_the_node_config_and_refuses_a_bad_list(tmp_path, capsys):
    from cli.main import main
    from client.node_config import parse_node_config

    base = ["plant", "--coordinator", "localhost:9443", "--insecure", "--plant-id", "p", "--data-dir",
            str(tmp_path / "data"), "--state-dir", str(tmp_path / "state"), "--dry-run"]
    assert main([*base, "--use-channels", "1,0"]) == 0
    out = capsys.readouterr().out
    assert "use-channels=\"1,0\"" in out
    assert parse_node_config({"plant-id": "p", "data-dir": "/d", "state-dir": "/s",
                              "use-channels": "1,0"}).use_channels == (1, 0)
    assert main([*base, "--use-channels", "1,x"]) != 0
    assert "--use-channels '1,x': list 0-based channel numbers" in capsys.readouterr().err
