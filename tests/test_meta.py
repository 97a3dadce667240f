"""Meta-learning local updates (Reptile, first-order Per-FedAvg): what they compute, that they
learn, that a federation pretrains with them, and that DP scenarios refuse them."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
from torch import nn

from common.config import ConfigError, load_scenario
from common.meta import per_fedavg_update, reptile_update, sample_support
from common.training import supervised_loss
from server.app import run_federation
from tests.conftest import tiny_scenario
from tests.helpers.loopback import LoopbackGrid


def _toy(n_per_class: int = 30, classes: int = 3, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 3, size=(classes, 8))
    y = np.repeat(np.arange(classes), n_per_class).astype(np.int64)
    x = (centres[y] + rng.normal(0, 1, size=(len(y), 8))).astype(np.float32)
    return x, y


def _net(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))


def test_support_set_has_k_windows_per_class():
    y = np.array([0] * 10 + [1] * 3 + [2] * 7 + [-1] * 5)
    idx = sample_support(y[y >= 0], 5, np.random.default_rng(0))
    counts = np.bincount(y[idx], minlength=3)
    assert counts.tolist() == [5, 3, 5]  # a class with fewer than k windows gives what it has
    assert len(set(idx.tolist())) == len(idx)


def test_reptile_with_full_meta_step_equals_inner_training_on_the_support_set():
    x, y = _toy()
    net = _net()
    reference = copy.deepcopy(net)
    reptile_update(net, x, y, episodes=1, shots=4, inner_steps=3, inner_learning_rate=0.01,
                   meta_step_size=1.0, seed=7)
    # the same episode by hand: the same support set, three Adam(β1=0) steps
    idx = sample_support(y, 4, np.random.default_rng(7))
    optimizer = torch.optim.Adam(reference.parameters(), lr=0.01, betas=(0.0, 0.999))
    for _ in range(3):
        optimizer.zero_grad()
        supervised_loss(reference(torch.from_numpy(x[idx])), torch.from_numpy(y[idx])).backward()
        optimizer.step()
    for a, b in zip(net.parameters(), reference.parameters()):
        torch.testing.assert_close(a, b)


def test_reptile_meta_step_interpolates_between_start_and_adapted():
    x, y = _toy()
    start = _net()
    full, half = copy.deepcopy(start), copy.deepcopy(start)
    kwargs = dict(episodes=1, shots=4, inner_steps=3, inner_learning_rate=0.01, seed=3)
    reptile_update(full, x, y, meta_step_size=1.0, **kwargs)
    reptile_update(half, x, y, meta_step_size=0.5, **kwargs)
    for s, f, h in zip(start.parameters(), full.parameters(), half.parameters()):
        torch.testing.assert_close(h, s + 0.5 * (f - s))


def test_reptile_learns_a_separable_task():
    x, y = _toy()
    net = _net()
    with torch.no_grad():
        before = float(supervised_loss(net(torch.from_numpy(x)), torch.from_numpy(y)))
    stats = reptile_update(net, x, y, episodes=30, shots=5, inner_steps=5, inner_learning_rate=0.01,
                           meta_step_size=0.5, seed=0)
    with torch.no_grad():
        after = float(supervised_loss(net(torch.from_numpy(x)), torch.from_numpy(y)))
    assert after < 0.5 * before
    assert stats.steps == 30 * 5 and stats.first_loss > stats.loss


def test_per_fedavg_with_vanishing_inner_step_is_sgd_on_the_second_batch():
    x, y = _toy()
    net = _net()
    reference = copy.deepcopy(net)
    per_fedavg_update(net, x, y, torch.optim.SGD(net.parameters(), lr=0.1), steps=1, batch_size=8,
                      inner_learning_rate=1e-12, seed=5)
    generator = torch.Generator().manual_seed(5)
    torch.randint(len(y), (8,), generator=generator)  # the first batch (personalisation step)
    second = torch.randint(len(y), (8,), generator=generator)
    loss = supervised_loss(reference(torch.from_numpy(x)[second]), torch.from_numpy(y)[second])
    loss.backward()
    with torch.no_grad():
        for p in reference.parameters():
            p.sub_(0.1 * p.grad)
    for a, b in zip(net.parameters(), reference.parameters()):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-5)


def test_per_fedavg_loss_falls():
    x, y = _toy()
    net = _net()
    first = per_fedavg_update(net, x, y, torch.optim.Adam(net.parameters(), lr=0.01), steps=5, batch_size=16,
                              inner_learning_rate=0.01, seed=0)
    later = per_fedavg_update(net, x, y, torch.optim.Adam(net.parameters(), lr=0.01), steps=5, batch_size=16,
                              inner_learning_rate=0.01, seed=1)
    assert later.loss < first.loss


@pytest.mark.parametrize("algorithm", ["reptile", "per_fedavg"])
def test_a_federation_pretrains_with_meta_learning(tmp_path, algorithm):
    path = tiny_scenario(tmp_path, federation={"rounds": 3, "meta_learning": {
        "algorithm": algorithm, "episodes": 4, "shots": 3, "inner_steps": 2, "inner_learning_rate": 0.003}})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    results = run_federation(LoopbackGrid(path, len(scenario.plants), run_dir), scenario, run_dir)
    losses = [r["train_loss"] for r in results["rounds"]]
    assert len(losses) == 3 and all(np.isfinite(losses))
    for plant in results["plants"].values():
        assert "federated_personalised" in plant["metrics"]


def test_meta_learning_is_refused_with_dp_and_bad_values_are_named(tmp_path):
    path = tiny_scenario(tmp_path, privacy={"enabled": True, "noise_multiplier": 1.0},
                         federation={"meta_learning": {"algorithm": "reptile", "shots": 0}})
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    text = str(info.value)
    assert "federation.meta_learning.algorithm" in text and "privacy.enabled" in text
    assert "shots must be >= 1" in text and "tiny.yaml" in text


@pytest.mark.parametrize("algorithm,inner_steps", [("reptile", 2), ("per_fedavg", 1)])
def test_default_episodes_match_fedavg_steps_per_round(tmp_path, algorithm, inner_steps):
    """``episodes: 0`` spends what FedAvg would: local_epochs × ⌈labelled / batch_size⌉ steps."""
    import dataclasses

    from client.loader import make_plant
    from common.config import run_spec_from_scenario
    from common.models import build_model, shared_state

    path = tiny_scenario(tmp_path, federation={"training": {"local_epochs": 2, "batch_size": 16}, "meta_learning": {
        "algorithm": algorithm, "inner_steps": inner_steps}})
    scenario = load_scenario(path)
    plant = make_plant(scenario, scenario.plants[0], str(tmp_path / "run"))
    spec = run_spec_from_scenario(scenario, tuple(plant.data.class_names))
    spec = dataclasses.replace(spec, channels=plant.data.channels)
    shared = {k: v.numpy() for k, v in shared_state(build_model(plant.data.channels, spec.num_outputs, spec.model,
                                                                0)).items()}
    result = plant.pretrain(spec, shared, 1, "run")
    fedavg_steps = 2 * -(-plant.n_labelled // 16)
    assert result.status == "ok"
    assert result.steps == (fedavg_steps // inner_steps) * inner_steps
