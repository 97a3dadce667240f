"""The restricted loss's two modes (``federation.training.missing_class_logit_scale``): α = 0 masks
the classes a plant lacks, 0 < α ≤ 1 is FedRS's restricted softmax (their logits scaled by α)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import yaml
from torch import nn

from common.config import ConfigError, load_scenario, run_spec_from_json
from common.config.scenario import run_spec_from_scenario, run_spec_to_json
from common.config.schema import TrainingConfig
from common.labelset import active_classes, missing_scale, own_classes, restrict_logits, restricted_logits
from common.task import task_named
from common.training import supervised_loss, train_supervised
from tests.conftest import tiny_scenario

MASK = np.array([True, False, True])


def test_mask_and_fedrs_logits_by_hand():
    z = torch.tensor([[1.0, 2.0, -4.0], [0.5, -1.0, 3.0]])
    assert restricted_logits(z, MASK, 0.0).tolist() == [[1.0, -math.inf, -4.0], [0.5, -math.inf, 3.0]]
    assert restricted_logits(z, MASK, 0.5).tolist() == [[1.0, 1.0, -4.0], [0.5, -0.5, 3.0]]
    assert torch.equal(restricted_logits(z, MASK, 1.0), z)      # α = 1: no restriction
    assert torch.equal(restricted_logits(z, None, 0.5), z)      # no mask: unchanged
    assert torch.equal(restricted_logits(z[:, :2], MASK, 0.5), z[:, :2])  # another width: unchanged


def test_fedrs_loss_and_gradient_by_hand():
    """−log(e^{z_y} / (Σ_own e^{z_c} + Σ_missing e^{α z_c})); a missing class's logit gets gradient α·p'_c."""
    z = torch.tensor([[1.0, 2.0, -1.0]], requires_grad=True)
    y = torch.tensor([0])
    with own_classes(MASK, 0.5):
        loss = supervised_loss(z, y)
    loss.backward()
    denominator = math.exp(1.0) + math.exp(0.5 * 2.0) + math.exp(-1.0)
    assert loss.item() == pytest.approx(-math.log(math.exp(1.0) / denominator), rel=1e-6)
    assert z.grad is not None
    assert z.grad[0, 1].item() == pytest.approx(0.5 * math.exp(1.0) / denominator, rel=1e-6)
    z.grad = None
    with own_classes(MASK, 0.0):   # the mask: no gradient to the missing class
        supervised_loss(z, y).backward()
    assert z.grad[0, 1].item() == 0.0


def test_every_restricted_loss_follows_the_enclosing_rule():
    """Pretraining / personalisation (``supervised_loss``), the task's loss and adaptation's labelled
    windows (``restrict_logits``) read the same rule; an inner ``own_classes(None)`` lifts it."""
    z = torch.tensor([[0.3, 2.0, -0.7], [1.2, 0.1, 0.4]])
    y = torch.tensor([2, 0])
    expected = nn.functional.cross_entropy(torch.tensor([[0.3, 1.0, -0.7], [1.2, 0.05, 0.4]]), y)
    with own_classes(MASK, 0.5):
        assert torch.isclose(supervised_loss(z, y), expected)
        assert torch.isclose(task_named("classification").loss(z, y), expected)
        assert torch.equal(restrict_logits(z), restricted_logits(z, MASK, 0.5))
        assert active_classes() is MASK
        with own_classes(None, 0.5):
            assert torch.equal(restrict_logits(z), z) and active_classes() is None
    assert torch.equal(restrict_logits(z), z)


def _train_head(scale: float) -> tuple[torch.Tensor, torch.Tensor]:
    """A linear head trained on classes 0 and 2 only; its row of class 1 before and after."""
    torch.manual_seed(0)
    linear = nn.Linear(6, 3)
    head = nn.Sequential(nn.Flatten(), linear)
    before = linear.weight[1].detach().clone()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 1, 6)).astype(np.float32)
    y = np.where(x[:, 0, 0] > 0, 2, 0).astype(np.int64)
    optimizer = torch.optim.SGD(head.parameters(), lr=0.5)
    with own_classes(MASK, scale):
        train_supervised(head, x, y, optimizer, epochs=3, batch_size=8, seed=0)
    return before, linear.weight[1].detach()


def test_the_missing_row_stays_under_the_mask_and_moves_under_fedrs():
    before, after = _train_head(0.0)
    assert torch.equal(before, after)
    before, after = _train_head(0.5)
    assert not torch.allclose(before, after)


def test_the_scale_is_checked_and_reaches_the_plants(tmp_path):
    assert TrainingConfig().missing_class_logit_scale == 0.0   # the mask unless a scenario asks for FedRS
    with pytest.raises(ValueError, match="missing_scale must be in"):
        with own_classes(MASK, -0.1):
            pass
    body = yaml.safe_load(tiny_scenario(tmp_path).read_text())
    body["federation"]["training"]["missing_class_logit_scale"] = 1.5
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(body))
    with pytest.raises(ConfigError, match="missing_class_logit_scale must be in \\[0, 1\\], got 1.5"):
        load_scenario(path)
    body["federation"]["training"]["missing_class_logit_scale"] = 0.5
    path.write_text(yaml.safe_dump(body))
    scenario = load_scenario(path)
    spec = run_spec_from_json(run_spec_to_json(run_spec_from_scenario(scenario, ("a", "b", "c"))))
    assert missing_scale(spec) == 0.5 and missing_scale(None) == 0.0


@pytest.mark.parametrize("scale", [0.0, 0.5])
def test_a_plant_pretrains_and_personalises_with_the_scenarios_rule(tmp_path, scale):
    """Through the real coordinator and ClientApp: plant a (labelled for 3 of 5 classes) leaves the
    head rows of the 2 classes it lacks exactly as it got them under the mask, and moves them under
    FedRS, in pretraining (its round-1 release vs the initial model) and in personalisation."""
    from common.models import build_model
    from server.app import run_federation
    from tests.helpers.loopback import LoopbackGrid
    from tests.test_label_sets import _label_sets

    path = _label_sets(tmp_path, windows=16)
    body = yaml.safe_load(path.read_text())
    body["federation"]["rounds"] = 1
    body["federation"]["training"]["missing_class_logit_scale"] = scale
    path.write_text(yaml.safe_dump(body))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    scenario = load_scenario(path)
    results = run_federation(LoopbackGrid(path, 3, run_dir), scenario, run_dir)
    assert results["class_names"][3:] == ["ball", "imbalance"]        # the two a never had labels for
    models = run_dir / "plants" / "a" / "models"
    initial = build_model(1, 5, scenario.model, seed=scenario.seed).state_dict()["reference_head.weight"]
    released = torch.load(models / "pretrain_release.pt", weights_only=True)["state_dict"]["reference_head.weight"]
    personal = torch.load(models / "personalised_candidate.pt", weights_only=True)["state_dict"]
    pretrain_kept = torch.equal(released[3:], initial[3:])
    personal_kept = torch.equal(personal["head.weight"][3:], personal["reference_head.weight"][3:])
    assert pretrain_kept == personal_kept == (scale == 0.0), (scale, pretrain_kept, personal_kept)
    assert not torch.equal(released[:3], initial[:3])                  # its own rows trained either way


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("mode", ["hooks", "ghost"])
def test_dp_sgd_with_fedrs_trains_the_missing_rows_and_stays_finite(mode):
    """DP-SGD (per-sample and ghost clipping) under FedRS: finite, and the missing classes' rows move."""
    from common.privacy.dp_training import train_dp
    from common.privacy.noise import NoiseSource

    torch.manual_seed(0)
    linear = nn.Linear(8, 4)
    module = nn.Sequential(nn.Flatten(), linear)
    before = linear.weight.detach().clone()
    x = np.random.default_rng(0).standard_normal((24, 1, 8)).astype(np.float32)
    y = np.array([0, 2] * 12, dtype=np.int64)
    with own_classes(np.array([True, False, True, False]), 0.5):
        stats = train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=0.1), epochs=2, batch_size=8,
                         noise_multiplier=0.0, max_grad_norm=1.0, seed=0, grad_sample_mode=mode,
                         noise=NoiseSource.reproducible("label-sets-fedrs", 0))
    assert np.isfinite(stats.loss) and all(torch.isfinite(p).all() for p in module.parameters())
    assert not torch.allclose(linear.weight.detach()[[1, 3]], before[[1, 3]])
