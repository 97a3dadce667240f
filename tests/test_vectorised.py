"""The vectorised path (torch.func over stacked plant parameters) gives the per-plant path's results."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from common.config.schema import ModelConfig, TrainingConfig
from common.data import WindowSpec, apply_label_fraction, load_synthetic, make_plant_params
from common.models import build_model, load_shared, shared_state
from common.training import make_optimizer, train_supervised
from common.vectorised import PlantBatchData, VectorisedTrainer, group_by_size

CFG = ModelConfig(channels=(8, 16), groups=4, feature_dim=16)


def _plants(count: int, windows: int = 12):
    return [load_synthetic(f"p{i}", make_plant_params(i, 0, num_windows_per_class=windows), WindowSpec())
            for i in range(count)]


def _global() -> dict[str, np.ndarray]:
    return {k: v.numpy() for k, v in shared_state(build_model(1, 5, CFG, 0)).items()}


def _per_plant(global_arrays, data, seed, training: TrainingConfig, optimizer_state=None):
    model = build_model(1, 5, CFG, 0)
    load_shared(model, {k: torch.from_numpy(v) for k, v in global_arrays.items()})
    module = torch.nn.Sequential(model.extractor, model.reference_head)
    optimizer = make_optimizer([{"params": module.parameters()}], training.optimizer, training.learning_rate,
                               training.weight_decay)
    if optimizer_state is not None:
        optimizer.load_state_dict(optimizer_state)
    stats = train_supervised(module, data.train.x, data.train.y, optimizer, epochs=training.local_epochs,
                             batch_size=training.batch_size, seed=seed)
    return {k: v.numpy() for k, v in shared_state(model).items()}, stats, optimizer.state_dict()


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_same_seeds_same_parameters_as_the_per_plant_path(optimizer):
    training = TrainingConfig(local_epochs=2, batch_size=16, learning_rate=0.003, optimizer=optimizer,
                              weight_decay=1e-4)
    plants = _plants(4)
    start = _global()
    trainer = VectorisedTrainer(1, 5, CFG, training)
    result = trainer.train(start, [PlantBatchData(d.plant_id, d.train.x, d.train.y, 100 + i)
                                   for i, d in enumerate(plants)])
    assert result.steps == 2 * int(np.ceil(len(plants[0].train.y) / 16))
    for i, data in enumerate(plants):
        expected, stats, _ = _per_plant(start, data, 100 + i, training)
        got = result.arrays[data.plant_id]
        assert set(got) == set(expected)
        moved = max(np.abs(expected[k] - start[k]).max() for k in expected)
        assert moved > 1e-3  # training did move the parameters
        for k in expected:
            np.testing.assert_allclose(got[k], expected[k], atol=2e-5, rtol=1e-4, err_msg=k)
        assert result.loss[data.plant_id] == pytest.approx(stats.loss, rel=1e-4)
        assert result.first_loss[data.plant_id] == pytest.approx(stats.first_loss, rel=1e-5)
    # different plants (different data, different seeds) end up different
    p0_head, p1_head = result.arrays["p0"]["reference_head.weight"], result.arrays["p1"]["reference_head.weight"]
    assert np.abs(p0_head - p1_head).max() > 1e-4


def test_optimizer_state_carries_over_rounds_like_the_plant_state():
    training = TrainingConfig(local_epochs=1, batch_size=16, learning_rate=0.003)
    plants = _plants(2)
    start = _global()
    trainer = VectorisedTrainer(1, 5, CFG, training)
    batch = [PlantBatchData(d.plant_id, d.train.x, d.train.y, 7 + i) for i, d in enumerate(plants)]
    first = trainer.train(start, batch, keep_optimizer_state=True)
    mid = {k: np.mean([first.arrays[p.plant_id][k] for p in batch], axis=0) for k in start}  # FedAvg
    second = trainer.train(mid, [PlantBatchData(p.plant_id, p.x, p.y, p.seed + 1) for p in batch],
                           keep_optimizer_state=True)
    expected_mid = []
    states = []
    for i, data in enumerate(plants):
        arrays, _, state = _per_plant(start, data, 7 + i, training)
        expected_mid.append(arrays)
        states.append(state)
    mid_expected = {k: np.mean([a[k] for a in expected_mid], axis=0) for k in start}
    for i, data in enumerate(plants):
        expected, _, _ = _per_plant(mid_expected, data, 8 + i, training, optimizer_state=states[i])
        for k in expected:
            np.testing.assert_allclose(second.arrays[data.plant_id][k], expected[k], atol=2e-5, rtol=1e-4, err_msg=k)


def test_groups_by_labelled_size_and_refuses_what_it_cannot_match():
    plants = _plants(3)
    partial = apply_label_fraction(plants[2].train, 0.5, seed=1)
    items = [PlantBatchData(d.plant_id, d.train.x, d.train.y, i) for i, d in enumerate(plants[:2])]
    items.append(PlantBatchData("p2", partial.x, partial.y, 2))
    groups = group_by_size(items)
    assert [[p.plant_id for p in g] for g in groups] == [["p0", "p1"], ["p2"]]
    trainer = VectorisedTrainer(1, 5, CFG, TrainingConfig(batch_size=16))
    with pytest.raises(ValueError, match="group_by_size"):
        trainer.train(_global(), items)
    with pytest.raises(ValueError, match="dropout"):
        VectorisedTrainer(1, 5, ModelConfig(channels=(8,), groups=4, dropout=0.1), TrainingConfig())
