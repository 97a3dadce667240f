"""A process plant (``tep``) predicts from a raw recording prepared exactly as its test windows were:
its own normal statistics (the recipe kept with its model), then non-overlapping windows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from client.predict import InferenceError, process_windows
from common.data.tep import NUM_VARIABLES, TepParams, load_tep
from common.data.windowing import WindowSpec
from tests.test_tep_source import _fake_mode


def test_recipe_prepares_a_raw_recording_as_the_test_windows(tmp_path: Path) -> None:
    arrays = _fake_mode(tmp_path)
    window = WindowSpec(length=10, stride=5, test_fraction=0.25)
    data = load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), classes=("normal", "idv01")), window,
                    base_dir=tmp_path)
    recipe = json.loads(json.dumps(data.preprocessing))  # as saved with the model
    np.save(tmp_path / "fault.npy", arrays["idv01"][150:].T)  # the run's test part, raw, (53, T)
    x = process_windows(tmp_path / "fault.npy", recipe, NUM_VARIABLES, 10)
    np.testing.assert_allclose(x, data.test.x[data.test.y == 1], atol=1e-5)
    np.savetxt(tmp_path / "fault.csv", arrays["idv01"][150:], delimiter=",")  # T rows x 53 columns
    np.testing.assert_allclose(process_windows(tmp_path / "fault.csv", recipe, NUM_VARIABLES, 10), x, atol=1e-4)


def test_wrong_variable_count_names_the_plant_variables(tmp_path: Path) -> None:
    _fake_mode(tmp_path)
    data = load_tep("p", TepParams(mode=7, data_dir=str(tmp_path), classes=("normal",)),
                    WindowSpec(length=10, test_fraction=0.25), base_dir=tmp_path)
    np.save(tmp_path / "short.npy", np.zeros((52, 40), dtype=np.float32))
    with pytest.raises(InferenceError, match=r"the plant's variables, in order: \['V0', 'V1'"):
        process_windows(tmp_path / "short.npy", data.preprocessing or {}, NUM_VARIABLES, 10)
