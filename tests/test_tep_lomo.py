"""``bench-tep-lomo``: the all-rows normalisation, the methods it runs, one case end to end on real TEP data.

The end-to-end case reads ``../shared/datasets/tep_multimode`` (skipped when it is absent), thinned
to every 10th window and one epoch, so it takes seconds.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from common.data.tep import DEFAULT_TEP_DIR
from common.data.types import PlantData, WindowSet
from simulations.benchmarks import tep_lomo
from simulations.benchmarks.common import machine


def _plant(x_train: np.ndarray, x_test: np.ndarray) -> PlantData:
    return PlantData("p", train=WindowSet(x_train, np.zeros(len(x_train), dtype=np.int64)),
                     test=WindowSet(x_test, np.zeros(len(x_test), dtype=np.int64)), class_names=("a",),
                     sample_rate_hz=1.0, source="tep")


def test_all_rows_zscore_uses_every_train_row_and_maps_test_alike() -> None:
    rng = np.random.default_rng(0)
    x_train = (rng.normal(size=(40, 3, 5)) * np.array([1.0, 4.0, 0.0])[None, :, None]
               + np.array([2.0, -7.0, 3.0])[None, :, None]).astype(np.float32)   # channel 2 constant
    x_test = x_train[:4] + 1.0
    out = tep_lomo.normalise_with_all_rows(_plant(x_train, x_test))
    rows = out.train.x.transpose(0, 2, 1).reshape(-1, 3)
    np.testing.assert_allclose(rows[:, :2].mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(rows[:, :2].std(axis=0), 1.0, atol=1e-4)
    np.testing.assert_allclose(rows[:, 2], 0.0, atol=1e-6)   # constant: only centred (std set to 1)
    # the test windows get the training rows' statistics, not their own
    raw = x_train.transpose(0, 2, 1).reshape(-1, 3).astype(np.float64)
    std = np.where(raw.std(axis=0) > 1e-6 * np.maximum(1.0, np.abs(raw.mean(axis=0))), raw.std(axis=0), 1.0)
    expected = (x_test - raw.mean(axis=0)[None, :, None]) / std[None, :, None]
    np.testing.assert_allclose(out.test.x, expected, atol=1e-4)
    assert out.train.x.shape == x_train.shape and out.test.x.shape == x_test.shape


def test_methods_are_the_registered_label_free_adapters() -> None:
    methods = tep_lomo.label_free_adapters()
    assert {"mmd", "shot", "coral", "dann", "feature_standardization"} <= set(methods)
    assert "fixmatch" not in methods and "auto" not in methods and "finetune_head" not in methods


def test_labelled_epochs_match_the_pretraining_steps() -> None:
    settings = tep_lomo.load_settings(epochs=10)
    epochs = tep_lomo.labelled_epochs(settings, n_source=23585, n_target=7804)
    assert epochs == {"same_steps": 30, "local_only": 10 + settings.scenario.personalisation.epochs}


def test_one_case_end_to_end_on_tep() -> None:
    if not (DEFAULT_TEP_DIR / "mode1.npz").is_file():
        pytest.skip(f"TEP multimode data not found at {DEFAULT_TEP_DIR} (../shared/datasets/tep_multimode): "
                    "`factoryfl data fetch tep` or place mode1..4.npz there")
    settings = tep_lomo.load_settings(epochs=1)
    settings = dataclasses.replace(settings, adaptation=dataclasses.replace(settings.adaptation, epochs=1))
    plants = {pid: dataclasses.replace(p, train=WindowSet(p.train.x[::10], p.train.y[::10]),
                                       test=WindowSet(p.test.x[::10], p.test.y[::10]))
              for pid, p in tep_lomo.load_modes(settings).items()}
    assert list(plants) == ["mode1", "mode2", "mode3", "mode4"]
    row = tep_lomo.evaluate_target(plants, "mode2", settings, seed=0, methods=["feature_standardization", "mmd"])
    assert row["sources"] == ["mode1", "mode3", "mode4"]
    assert row["n_test"] == len(plants["mode2"].test.y)
    assert row["n_source_train"] == sum(len(plants[p].train.y) for p in row["sources"])
    assert set(row["arms"]) == set(tep_lomo.NORMALISATIONS)
    normal = row["arms"]["normal_rows"]
    assert {"feature_standardization", "mmd"} <= set(normal["methods"])
    for arm in row["arms"].values():
        assert arm["auto_chose"] in {*tep_lomo.label_free_adapters(), "none"}
        assert arm["kept"] == (arm["auto"] if arm["guard_keeps"] else arm["source_only"])
        assert all(0.0 <= v["accuracy"] <= 1.0 for v in arm["methods"].values())
        assert 0.0 <= arm["source_only"] <= 1.0
    assert row["labelled_epochs"]["same_steps"] == round(row["n_source_train"] / row["n_train_target"])
    assert set(row["labelled_in_mode"]) == {"same_steps", "local_only"}
    payload = json.loads(json.dumps({"rows": [row], "seeds": [0], "methods": ["feature_standardization", "mmd"],
                                     "epochs": 1, "window_rows": 20, "machine": machine(),
                                     "command": "make bench-tep-lomo", "wall_s": 1.0}))
    text = tep_lomo.markdown(payload)
    assert "| mode2 | " in text and "Aim: kept within 10 points" in text
    assert text.count("aim **") == len(tep_lomo.NORMALISATIONS)


def test_scenario_file_exists() -> None:
    assert Path(tep_lomo.SCENARIO).is_file()
