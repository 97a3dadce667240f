"""PLS2 soft sensor (common/soft_sensor/pls.py): known answers."""

from __future__ import annotations

import numpy as np
import pytest

from common.soft_sensor.pls import choose_components, fit_pls, relative_mse


def _latent(n: int, p: int, m: int, r: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = rng.standard_normal((n, r))
    x = t @ rng.standard_normal((r, p)) + 3.0  # an offset PLS must remove
    y = t @ rng.standard_normal((r, m)) * np.array([100.0, 0.01, 1.0])[:m] - 7.0
    return x, y


def test_a_noiseless_linear_latent_model_is_recovered_exactly_with_its_rank():
    x, y = _latent(200, 12, 3, r=3, seed=0)
    model = fit_pls(x, y, max_components=3)
    np.testing.assert_allclose(model.predict(x), y, rtol=1e-9, atol=1e-9 * np.abs(y).max())
    # fewer components than the rank cannot fit it
    assert relative_mse(y, model.predict(x, 2)) > 1e-3


def test_new_samples_of_the_same_latent_model_are_predicted_exactly():
    rng = np.random.default_rng(1)
    p_load, q_load = rng.standard_normal((2, 8)), rng.standard_normal((2, 2))
    t_fit, t_new = rng.standard_normal((100, 2)), rng.standard_normal((30, 2))
    model = fit_pls(t_fit @ p_load, t_fit @ q_load, max_components=2)
    np.testing.assert_allclose(model.predict(t_new @ p_load), t_new @ q_load, atol=1e-9)


def test_with_every_component_pls_is_ordinary_least_squares():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((80, 5))
    y = x @ rng.standard_normal((5, 2)) + 0.3 * rng.standard_normal((80, 2)) + 1.0
    model = fit_pls(x, y, max_components=5)
    design = np.column_stack([np.ones(80), x])
    ols = design @ np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(model.predict(x), ols, atol=1e-9)


def test_a_single_output_and_a_constant_input_column_work():
    rng = np.random.default_rng(3)
    x = np.column_stack([rng.standard_normal(60), np.full(60, 4.0), rng.standard_normal(60)])
    y = 2 * x[:, 0] - x[:, 2]
    model = fit_pls(x, y, max_components=3)
    assert model.max_components == 2  # the constant column adds no direction
    np.testing.assert_allclose(model.predict(x)[:, 0], y, atol=1e-9)


def test_the_validation_rule_picks_the_true_number_of_latent_variables():
    rng = np.random.default_rng(4)
    t = rng.standard_normal((600, 4))
    x = t @ rng.standard_normal((4, 30)) + 0.05 * rng.standard_normal((600, 30))
    y = t @ rng.standard_normal((4, 3)) + 0.05 * rng.standard_normal((600, 3))
    choice = choose_components(x[:400], y[:400], x[400:], y[400:], max_components=12)
    assert choice.components == 4  # the lowest score is at 6 (noise), within 5 % of 4's: the smaller wins
    assert len(choice.scores) == 12 and choice.scores[3] < 0.01 < choice.scores[1]
    assert int(np.argmin(choice.scores)) + 1 > 4
    assert choose_components(x[:400], y[:400], x[400:], y[400:], 12, tolerance=0.0).components == 6


def test_bad_input_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="finite"):
        fit_pls(np.zeros((3, 2)), np.array([1.0, np.nan, 2.0]), 1)
    with pytest.raises(ValueError, match="same n"):
        fit_pls(np.zeros((3, 2)), np.zeros(4), 1)
    model = fit_pls(np.eye(3), np.arange(3.0), 2)
    with pytest.raises(ValueError, match="components must be in"):
        model.predict(np.eye(3), 5)
