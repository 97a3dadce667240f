"""Multi-output regression: (N, K) targets through the loss, DP loss, metrics, config and plant."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from common.config.schema import RunSpec, WindowConfig, target_output_problems
from common.data.types import PlantData, WindowSet
from common.metrics import multi_output_report
from common.models import build_model
from common.privacy.dp_training import SupervisedLoss
from common.task import REGRESSION
from common.training import (
    evaluate_regressor,
    labelled_mask,
    make_optimizer,
    regression_loss,
    regression_per_sample,
    train_supervised,
)


def test_a_one_column_target_gives_the_same_loss_as_the_single_output_one():
    out = torch.tensor([[1.0, 9.0], [2.0, 9.0], [4.0, 9.0]])
    y = torch.tensor([0.0, 1.0, 1.0])
    assert regression_loss(out, y).item() == pytest.approx((1 + 1 + 9) / 3)
    assert regression_loss(out, y[:, None]).item() == pytest.approx((1 + 1 + 9) / 3)


def test_a_nan_output_adds_nothing_to_its_window_and_gets_no_gradient():
    out = torch.tensor([[1.0, 2.0], [3.0, 5.0]], requires_grad=True)
    y = torch.tensor([[0.0, float("nan")], [1.0, 1.0]])
    per = regression_per_sample(out, y)
    assert per.tolist() == pytest.approx([1.0, (4 + 16) / 2])  # window 0: only output 0 counts
    per.mean().backward()
    assert out.grad is not None
    assert out.grad[0, 1].item() == 0.0 and torch.isfinite(out.grad).all()
    # DP-SGD's per-sample loss module agrees with the non-private loss
    assert SupervisedLoss("none")(out, y).tolist() == pytest.approx(per.tolist())
    assert SupervisedLoss("mean")(out, y).item() == pytest.approx(per.mean().item())


def test_a_window_is_labelled_when_any_output_is_finite():
    y = np.array([[1.0, np.nan], [np.nan, np.nan], [0.0, 2.0]], np.float32)
    assert labelled_mask(y).tolist() == [True, False, True]


def test_the_report_gives_overall_and_per_output_errors_and_r2():
    true = np.array([[0.0, 10.0], [1.0, 20.0], [2.0, np.nan], [3.0, 40.0]])
    pred = np.array([[0.0, 12.0], [1.0, 18.0], [3.0, 0.0], [3.0, 40.0]])
    m = multi_output_report(true, pred, ("a", "b"))
    assert m["n_test"] == 4
    assert m["rmse/a"] == pytest.approx(np.sqrt(1 / 4))
    assert m["mae/b"] == pytest.approx(4 / 3)
    assert m["rmse"] == pytest.approx(np.sqrt((1 + 4 + 4) / 7))
    assert m["r2/a"] == pytest.approx(1 - 1 / 5)  # Σ(y − ȳ)² = 5 for 0, 1, 2, 3
    ss_b = np.sum((np.array([10, 20, 40]) - 70 / 3) ** 2)
    assert m["r2/b"] == pytest.approx(1 - 8 / ss_b)


def test_a_k_output_model_learns_a_linear_map_and_is_scored_in_original_units():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((256, 3, 8)).astype(np.float32)
    w = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 1.0]])
    clean = x.mean(axis=2) @ w.T  # (N, 2)
    scale = np.array([10.0, 0.1])
    y = (clean * scale).astype(np.float32)  # output 1 is 100× smaller in its units
    y[::7, 1] = np.nan  # an analyser that missed some samples
    from common.config.schema import ModelConfig

    cfg = ModelConfig(channels=(8,), first_kernel=3, first_stride=1, feature_dim=16, groups=2,
                      standardize_input=False, block_pool=1)
    model = build_model(3, REGRESSION.num_outputs(1, 2), cfg, seed=0)
    module = nn.Sequential(model.extractor, model.reference_head)
    before = evaluate_regressor(module, x, y / scale.astype(np.float32), scale, output_names=("big", "small"))
    opt = make_optimizer([{"params": module.parameters()}], "adam", 1e-2)
    train_supervised(module, x, (y / scale).astype(np.float32), opt, epochs=60, batch_size=64, seed=0)
    after = evaluate_regressor(module, x, (y / scale).astype(np.float32), scale, output_names=("big", "small"))
    assert set(after) >= {"rmse", "mae", "n_test", "rmse/big", "rmse/small", "r2/big", "r2/small"}
    assert "score" not in after  # PHM08 is for RUL only
    assert after["rmse/big"] < 0.5 * before["rmse/big"]
    assert after["rmse/small"] < 0.5 * before["rmse/small"]
    assert after["r2/big"] > 0.8 and after["r2/small"] > 0.8
    assert after["rmse/small"] < 0.1 * after["rmse/big"]  # errors are in each output's own units


def _plant(k: int, names: tuple[str, ...]) -> PlantData:
    x = np.zeros((4, 2, 5), np.float32)
    y = np.zeros(4, np.int64)
    t = np.arange(4 * k, dtype=np.float32).reshape(4, k)
    return PlantData("p", WindowSet(x, y, t), WindowSet(x, y, t), ("normal",), 1.0, "test", task="regression",
                     target_names=names)


def test_plant_data_checks_the_names_of_its_outputs():
    assert _plant(3, ("a", "b", "c")).target_outputs == 3
    with pytest.raises(ValueError, match="target_names has 1 names"):
        _plant(3, ("a",))
    with pytest.raises(ValueError, match=r"shape \(N,\) or \(N, K\)"):
        WindowSet(np.zeros((2, 1, 3), np.float32), np.zeros(2, np.int64), np.zeros((2, 1, 1), np.float32))


def test_hiding_a_label_hides_every_output_of_that_window():
    ws = _plant(2, ("a", "b")).train.with_labels(np.array([0, -1, 0, 0]))
    assert ws.target is not None
    assert np.isnan(ws.target[1]).all() and np.isfinite(ws.target[[0, 2, 3]]).all()


def test_config_checks_target_outputs_and_per_output_scales():
    assert target_output_problems(3, (1.0, 2.0, 0.5), "regression") == []
    assert "one number for every output" in target_output_problems(3, (1.0, 2.0), "regression")[0]
    assert "regression only" in target_output_problems(2, 1.0, "classification")[0]
    assert "> 0" in target_output_problems(2, (1.0, -1.0), "regression")[0]
    spec = RunSpec("s", 0, WindowConfig(), _model_cfg(), _fed(), _pers(),
                   _priv(), 1, ("normal",), (), task="regression", target_outputs=5, target_scale=1.0)
    assert spec.num_outputs == 5


def _model_cfg():
    from common.config.schema import ModelConfig

    return ModelConfig()


def _fed():
    from common.config.schema import FederationConfig

    return FederationConfig()


def _pers():
    from common.config.schema import PersonalisationConfig

    return PersonalisationConfig()


def _priv():
    from common.config.schema import PrivacyConfig

    return PrivacyConfig()


def test_a_plant_scales_each_output_and_refuses_a_federation_with_other_k():
    from client.plant import Plant

    data = _plant(2, ("a", "b"))
    spec = RunSpec("s", 0, WindowConfig(), _model_cfg(), _fed(), _pers(), _priv(), 1, ("normal",), (),
                   task="regression", target_outputs=2, target_scale=(2.0, 4.0))
    plant = Plant("p", data, state=None)  # type: ignore[arg-type]  # targets() reads data only
    np.testing.assert_allclose(plant.targets(spec), data.train.target / np.array([2.0, 4.0], np.float32))
    wrong = RunSpec("s", 0, WindowConfig(), _model_cfg(), _fed(), _pers(), _priv(), 1, ("normal",), (),
                    task="regression", target_outputs=3, target_scale=1.0)
    with pytest.raises(Exception, match="target_outputs is 3"):
        plant.check_fits(wrong)


def test_the_report_lists_rmse_and_r2_per_output_and_method():
    from server.output_report import output_section
    from server.report import _table

    results = {"methods": ["local_only", "federated_global"], "plants": {"mode1": {"metrics": {
        "local_only": {"rmse": 0.3, "rmse/XMEAS(38)": 0.0537, "r2/XMEAS(38)": 0.75},
        "federated_global": {"rmse": 0.2, "rmse/XMEAS(38)": 0.04, "r2/XMEAS(38)": 0.8}}}}}
    text = output_section(results, _table)
    assert "## Per output" in text and "| mode1 | XMEAS(38) | 0.0537 | 0.75 | 0.04 | 0.8 |" in text
    assert output_section({"plants": {"a": {"metrics": {"local_only": {"rmse": 1.0}}}}}, _table) == ""


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("mode", ["hooks", "ghost"])
def test_dp_sgd_learns_k_outputs_with_missing_elements(mode):
    from common.privacy.dp_training import train_dp
    from common.privacy.noise import NoiseSource

    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((96, 1, 8)).astype(np.float32)
    y = (x[:, 0, :] @ rng.standard_normal((8, 3)) * 0.5).astype(np.float32)
    y[::5, 2] = np.nan
    module = nn.Sequential(nn.Flatten(), nn.Linear(8, 3))
    first = regression_loss(module(torch.from_numpy(x)), torch.from_numpy(y)).item()
    stats = train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=0.2), epochs=25, batch_size=16,
                     noise_multiplier=0.3, max_grad_norm=5.0, seed=0, grad_sample_mode=mode,
                     noise=NoiseSource.reproducible("multi-output", 0))
    assert np.isfinite(stats.loss) and all(torch.isfinite(p).all() for p in module.parameters())
    last = regression_loss(module(torch.from_numpy(x)), torch.from_numpy(y)).item()
    assert last < 0.2 * first
