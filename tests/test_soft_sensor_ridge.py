"""The linear skip path (model.linear_skip_bins) and the ridge personal head (personalisation.mode: ridge)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from common.config.parse import parse
from common.config.schema import ModelConfig, PersonalisationConfig
from common.models import SkipExtractor, build_model, shared_state
from common.soft_sensor.ridge_head import LAMBDAS, fit_ridge, ridge_head

SMALL = {"channels": [4], "first_kernel": 3, "first_stride": 1, "feature_dim": 4, "norm": "none",
         "standardize_input": False}


def test_fit_ridge_recovers_a_linear_map_and_shrinks_on_noise():
    rng = np.random.default_rng(0)
    f = rng.standard_normal((400, 6)) * np.array([1, 2, 3, 0.5, 1, 10]) + 5
    w = rng.standard_normal((6, 2))
    y = f @ w + np.array([1.0, -2.0])
    fit = fit_ridge(f, y)
    np.testing.assert_allclose(f @ fit.weight + fit.bias, y, atol=1e-2)
    assert fit.lam == (LAMBDAS[0], LAMBDAS[0])  # noise-free: the least shrinkage wins
    noise = fit_ridge(f, rng.standard_normal((400, 2)))
    assert min(noise.lam) >= 1.0  # targets unrelated to the features: strong shrinkage wins
    assert np.abs(noise.weight).max() < 0.05


def test_each_output_keeps_its_own_penalty():
    rng = np.random.default_rng(1)
    f = rng.standard_normal((500, 8))
    y = np.stack([f @ rng.standard_normal(8), rng.standard_normal(500)], axis=1)
    fit = fit_ridge(f, y)
    assert fit.lam[0] < 1e-2 < 1.0 <= fit.lam[1]   # the predictable output is not shrunk for the noisy one
    assert fit.scores.shape == (len(LAMBDAS), 2)


def test_fit_ridge_refuses_too_few_windows():
    with pytest.raises(ValueError, match="at least 4 labelled windows"):
        fit_ridge(np.zeros((3, 2)), np.zeros(3))


def test_the_skip_path_appends_the_binned_window_and_keeps_parameter_names():
    plain = build_model(3, 2, parse(ModelConfig, SMALL, "t"), seed=0)
    skip = build_model(3, 2, parse(ModelConfig, {**SMALL, "linear_skip_bins": 2}, "t"), seed=0)
    assert isinstance(skip.extractor, SkipExtractor) and skip.extractor.feature_dim == 4 + 3 * 2
    assert skip.head.weight.shape == (2, 10)
    assert [k for k in shared_state(skip) if k.startswith("extractor.")] == \
        [k for k in shared_state(plain) if k.startswith("extractor.")]
    x = torch.arange(24, dtype=torch.float32).reshape(1, 3, 8)
    features = skip.extractor.eval()(x)
    torch.testing.assert_close(features[0, :4], plain.extractor.eval()(x)[0])  # same seed, same CNN
    torch.testing.assert_close(features[0, 4:], torch.tensor([1.5, 5.5, 9.5, 13.5, 17.5, 21.5]))


def test_bad_skip_bins_is_refused_naming_the_key():
    from common.config.parse import ConfigError

    with pytest.raises(ConfigError, match="linear_skip_bins must be >= 0"):
        parse(ModelConfig, {**SMALL, "linear_skip_bins": -1}, "scenario.yaml")


def _linear_windows(n: int = 300, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3, 8)).astype(np.float32)
    halves = x.reshape(n, 3, 2, 4).mean(axis=3).reshape(n, 6)
    y = halves @ rng.standard_normal((6, 2)) + 0.5
    return x, y.astype(np.float32)


@pytest.mark.parametrize("bins", [0, 2])
def test_the_ridge_head_with_the_skip_path_is_an_exact_linear_soft_sensor(bins):
    """A target linear in the window's half means: exact with the skip path, not without it."""
    x, y = _linear_windows()
    model = build_model(3, 2, parse(ModelConfig, {**SMALL, "linear_skip_bins": bins}, "t"), seed=0)
    cfg = parse(PersonalisationConfig, {"mode": "ridge", "epochs": 0}, "t")
    y_masked = y.copy()
    y_masked[:20] = np.nan   # unlabelled windows are left out of the fit
    losses = ridge_head(model, x, y_masked, cfg, lambda step: step)
    assert len(losses) == 1  # no fine-tuning epochs; the ridge fit's CV score
    with torch.no_grad():
        pred = model(torch.from_numpy(x), head="personal").numpy()
    r2 = 1 - ((pred - y) ** 2).sum() / ((y - y.mean(0)) ** 2).sum()
    assert (r2 > 0.999) == (bins == 2), r2


def test_a_scenario_with_mode_ridge_and_classes_is_refused_naming_the_key():
    from common.config.parse import ConfigError
    from common.config.scenario import scenario_from_dict

    base = {"name": "x", "synthetic_plants": {"count": 1}, "personalisation": {"mode": "ridge"}}
    assert scenario_from_dict({**base, "task": "regression"}, "s.yaml", Path(".")).personalisation.mode == "ridge"
    with pytest.raises(ConfigError, match="personalisation.mode: ridge fits a regression head"):
        scenario_from_dict({**base, "task": "classification"}, "s.yaml", Path("."))


def test_ridge_personalisation_refuses_class_labels():
    model = build_model(3, 2, parse(ModelConfig, SMALL, "t"), seed=0)
    cfg = parse(PersonalisationConfig, {"mode": "ridge", "epochs": 0}, "t")
    with pytest.raises(ValueError, match="needs task: regression"):
        ridge_head(model, np.zeros((20, 3, 8), np.float32), np.zeros(20, np.int64), cfg, lambda step: step)


def _ridge_plant(tmp_path: Path):
    """A tiny C-MAPSS plant personalised with mode ridge and the skip path: (scenario, plant, spec, start)."""
    from client.transfer import personalise
    from tests.helpers.tiny_cmapss import tiny_cmapss_plant

    scenario, plant, spec = tiny_cmapss_plant(tmp_path, target_scaling="plant", model={"linear_skip_bins": 2},
                                              personalisation={"mode": "ridge", "epochs": 1})
    start = build_model(plant.data.channels, spec.num_outputs, spec.model, seed=0)
    personalise(plant, spec, {k: v.numpy() for k, v in shared_state(start).items()}, "run-1")
    return scenario, plant, spec, start


def test_a_ridge_plant_with_the_skip_path_predicts_through_factoryfl_predict(tmp_path: Path) -> None:
    """personalise (mode ridge, skip path) keeps a model that `factoryfl predict` reads and that fits
    its training windows better than the federated start's reference head."""
    from client.predict import predict
    from tests.test_cmapss_predict import _test_table, _write_txt

    scenario, plant, spec, start = _ridge_plant(tmp_path)
    model = plant.personal_model(spec, "run-1").eval()
    assert model.head.weight.shape[1] == spec.model.feature_dim + plant.data.channels * 2
    scale = float(np.asarray(plant.target_scale(spec)).ravel()[0])
    with torch.no_grad():
        fitted = model(torch.from_numpy(plant.data.train.x), head="personal")[:, 0].numpy() * scale
        start_fit = start(torch.from_numpy(plant.data.train.x))[:, 0].numpy() * scale
    target = plant.data.train.target.reshape(-1)
    assert np.mean((fitted - target) ** 2) < np.mean((start_fit - target) ** 2)

    engines = _write_txt(_test_table(Path(scenario.plants[0].data.params.path)), tmp_path / "engines.txt")
    result = predict(plant.state.root, engines)
    with torch.no_grad():
        expected = model(torch.from_numpy(plant.data.test.x), head="personal")[:, 0].numpy() * scale
    np.testing.assert_allclose([r["rul"] for r in result["predictions"]], expected, rtol=1e-4, atol=1e-3)


@pytest.mark.slow
def test_a_ridge_plant_with_the_skip_path_exports(tmp_path: Path) -> None:
    """`factoryfl export` writes torch.export and ONNX files, each checked against the model by the exporter."""
    from client.export import export

    _, plant, _, _ = _ridge_plant(tmp_path)
    written = export(plant.state.root, tmp_path / "export")
    assert written["onnx"].exists() and written["torch.export"].exists()
