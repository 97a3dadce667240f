"""Per-plant target scaling (``target_scaling: plant``): each regression plant divides every output
by its own training spread, keeps that scale with its model, and predicts in target units."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from common.config import scenario_from_dict
from common.config.parse import ConfigError
from common.config.schema import RunSpec, WindowConfig, target_scaling_problems
from common.data.types import PlantData, WindowSet
from common.target_scaling import own_target_scale
from tests.helpers.tiny_cmapss import tiny_cmapss_plant


def test_the_scale_is_each_outputs_std_over_labelled_training_windows():
    target = np.array([[0.0, 10.0], [2.0, 10.0], [4.0, 10.0], [100.0, -50.0]])
    labels = np.array([0, 1, 0, -1])   # the last window is unlabelled: left out
    assert own_target_scale(target, labels) == pytest.approx((np.std([0.0, 2.0, 4.0]), 1.0))  # constant → 1
    assert isinstance(own_target_scale(np.array([1.0, 3.0]), np.array([0, 0])), float)
    assert own_target_scale(np.array([1.0, 3.0]), np.array([0, 0])) == pytest.approx(1.0)
    assert own_target_scale(np.array([[1.0, np.nan], [3.0, 5.0], [5.0, 7.0]]), np.zeros(3)) == pytest.approx(
        (np.std([1.0, 3.0, 5.0]), 1.0))  # NaN elements left out


def test_the_config_refuses_plant_scaling_with_a_fixed_scale_or_for_classes():
    assert target_scaling_problems("plant", 1.0, "regression") == []
    assert target_scaling_problems("fixed", 125.0, "regression") == []
    assert "would be ignored" in target_scaling_problems("plant", (1.0, 2.0), "regression")[0]
    assert "regression only" in target_scaling_problems("plant", 1.0, "classification")[0]
    base = {"name": "x", "task": "regression", "synthetic_plants": {"count": 1}}
    assert scenario_from_dict({**base, "target_scaling": "plant"}, "s.yaml", Path(".")).target_scaling == "plant"
    with pytest.raises(ConfigError, match=r"target_scale 125(\.0)? would be ignored: remove target_scale"):
        scenario_from_dict({**base, "target_scaling": "plant", "target_scale": 125}, "s.yaml", Path("."))
    with pytest.raises(ConfigError, match="target_scaling"):
        scenario_from_dict({**base, "target_scaling": "auto"}, "s.yaml", Path("."))


def _plant_data(spread: tuple[float, float], seed: int) -> PlantData:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((40, 2, 4)).astype(np.float32)
    target = (rng.standard_normal((40, 2)) * np.array(spread)).astype(np.float32)
    ws = WindowSet(x[:30], np.zeros(30, np.int64), target[:30])
    return PlantData("p", train=ws, test=WindowSet(x[30:], np.zeros(10, np.int64), target[30:]),
                     class_names=("normal",), sample_rate_hz=1.0, source="test", target_names=("a", "b"))


def test_two_plants_each_learn_unit_spread_targets_and_a_view_keeps_the_plants_scale():
    from client.plant import Plant
    from common.config.schema import FederationConfig, ModelConfig, PersonalisationConfig, PrivacyConfig

    spec = RunSpec("s", 0, WindowConfig(), ModelConfig(), FederationConfig(), PersonalisationConfig(),
                   PrivacyConfig(), 1, ("normal",), (), task="regression", target_outputs=2, target_scaling="plant")
    for spread, seed in (((0.01, 5.0), 0), ((3.0, 0.2), 1)):
        plant = Plant("p", _plant_data(spread, seed), state=None)  # type: ignore[arg-type]  # reads data only
        np.testing.assert_allclose(plant.targets(spec).std(axis=0), 1.0, rtol=1e-5)
        scale = plant.target_scale(spec)
        np.testing.assert_allclose(plant.targets(spec, "test") * np.asarray(scale), plant.data.test.target,
                                   rtol=1e-5)
        view = plant.without_labels_of(np.arange(10))   # validation labels hidden: same scale, not refitted
        assert view.target_scale(spec) == scale
        np.testing.assert_allclose(view.targets(spec)[10:], plant.targets(spec)[10:])
    fixed = dataclasses.replace(spec, target_scaling="fixed", target_scale=(2.0, 4.0))
    assert plant.target_scale(fixed) == (2.0, 4.0)


def test_a_plant_keeps_its_own_scale_in_its_model_and_predicts_in_target_units(tmp_path: Path) -> None:
    from client.predict import predict
    from client.transfer import personalise
    from common.models import build_model, shared_state

    scenario, plant, spec = tiny_cmapss_plant(tmp_path, target_scaling="plant")
    own = float(np.std(plant.data.train.target[plant.data.train.y >= 0]))
    assert plant.target_scale(spec) == pytest.approx(own) and own != pytest.approx(1.0)
    start = build_model(plant.data.channels, spec.num_outputs, spec.model, seed=0)
    personalise(plant, spec, {k: v.numpy() for k, v in shared_state(start).items()}, "run-1")

    engines = tmp_path / "engines.txt"
    with np.load(scenario.plants[0].data.params.path) as archive:
        np.savetxt(engines, np.asarray(archive["test"], dtype=np.float64), fmt="%.17g")
    result = predict(plant.state.root, engines)
    model = plant.personal_model(spec, "run-1").eval()
    with torch.no_grad():
        expected = model(torch.from_numpy(plant.data.test.x), head="personal")[:, 0].numpy() * own
    np.testing.assert_allclose([r["rul"] for r in result["predictions"]], expected, rtol=1e-4, atol=1e-4)


def test_do_no_harm_window_errors_compare_in_the_units_the_plant_learns():
    """The validation targets a plant ranks candidates on are already divided by its scale: a model that
    predicts them exactly has zero error whatever the scale (they were once divided twice)."""
    from client.selection import _module, _window_errors
    from common.config.schema import FederationConfig, ModelConfig, PersonalisationConfig, PrivacyConfig
    from common.models import build_model
    from common.training import predict_logits

    cfg = ModelConfig(channels=(4,), feature_dim=4)
    model = build_model(2, 2, cfg, seed=0)
    x = np.random.default_rng(0).standard_normal((6, 2, 32)).astype(np.float32)
    learned = predict_logits(_module(model), x).numpy()   # what Plant.targets would hand it
    for scale in ((125.0, 125.0), (0.01, 5.0)):
        spec = RunSpec("s", 0, WindowConfig(), cfg, FederationConfig(), PersonalisationConfig(), PrivacyConfig(),
                       1, ("normal",), (), task="regression", target_outputs=2, target_scale=scale)
        np.testing.assert_allclose(_window_errors(model, x, learned, spec), 0.0, atol=1e-10)
        shifted = learned + np.array([[1.0, 3.0]], np.float32)
        np.testing.assert_allclose(_window_errors(model, x, shifted, spec), (1.0 + 9.0) / 2, rtol=1e-5)
