"""A labelled plant's validation split is held out of phase one: the federated models it later ranks
on that split never trained on it, DP-SGD samples from the windows it does train on, and δ stays
stated for every labelled window the plant holds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from client.loader import make_plant
from common.config.scenario import run_spec_from_scenario, scenario_from_dict
from common.models import build_model, shared_state
from common.privacy.accounting import default_delta, steps_per_epoch

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _plant(tmp_path: Path, privacy: bool):
    scenario = scenario_from_dict({
        "name": "t", "seed": 0,
        "synthetic_plants": {"count": 1, "num_windows_per_class": 40},
        "window": {"length": 128},
        "model": {"channels": [8, 8], "groups": 4, "feature_dim": 16},
        "federation": {"rounds": 2, "training": {"local_epochs": 1, "batch_size": 16}},
        "privacy": {"enabled": privacy, "noise_multiplier": 1.0, "max_grad_norm": 1.0, "budget_epsilon": 50},
    }, "test", tmp_path)
    plant = make_plant(scenario, scenario.plants[0], str(tmp_path / "run"))
    spec = run_spec_from_scenario(scenario, plant.data.class_names)
    model = build_model(plant.data.channels, spec.num_classes, spec.model, spec.seed)
    return plant, spec, {k: v.numpy() for k, v in shared_state(model).items()}


def test_the_pretraining_view_hides_exactly_the_validation_labels(tmp_path):
    plant, spec, _ = _plant(tmp_path, privacy=False)
    labels = plant.data.train.y.copy()
    split = plant.validation_split(spec)
    assert split is not None and len(split.val) > 0
    view = plant.pretraining_view(spec)
    assert (view.data.train.y[split.val] == -1).all()
    rest = np.setdiff1d(np.arange(len(labels)), split.val)
    np.testing.assert_array_equal(view.data.train.y[rest], labels[rest])
    np.testing.assert_array_equal(plant.data.train.y, labels)          # the plant's own data untouched
    assert view.n_labelled == plant.n_labelled - len(split.val)
    assert view.state is plant.state                                    # same state directory and ledger


def test_the_pretraining_view_also_hides_the_windows_that_overlap_the_validation_split(tmp_path):
    """With overlapping windows (stride < length) the windows just before each validation block share
    samples with it: candidates do not fit on them (the split's gap), and phase one does not train on them."""
    import dataclasses

    plant, spec, _ = _plant(tmp_path, privacy=False)
    spec = dataclasses.replace(spec, window=dataclasses.replace(spec.window, stride=32))   # gap ⌈128/32⌉ − 1 = 3
    split = plant.validation_split(spec)
    assert split is not None
    gap = np.setdiff1d(np.flatnonzero(plant.data.train.y >= 0), np.concatenate([split.fit, split.val]))
    assert len(gap) > 0
    view = plant.pretraining_view(spec)
    assert (view.data.train.y[gap] == -1).all() and (view.data.train.y[split.val] == -1).all()
    np.testing.assert_array_equal(view.data.train.y[split.fit], plant.data.train.y[split.fit])
    assert view.n_labelled == len(split.fit)


def test_a_plain_round_trains_and_reports_the_windows_outside_the_split(tmp_path):
    plant, spec, shared = _plant(tmp_path, privacy=False)
    split = plant.validation_split(spec)
    assert split is not None
    result = plant.pretrain(spec, shared, server_round=1, run_name="r")
    assert result.status == "ok", result.reason
    assert result.num_examples == plant.n_labelled - len(split.val)


def test_dp_sgd_samples_from_the_trained_windows_and_states_delta_for_all(tmp_path):
    plant, spec, shared = _plant(tmp_path, privacy=True)
    split = plant.validation_split(spec)
    assert split is not None
    result = plant.pretrain(spec, shared, server_round=1, run_name="r")
    assert result.status == "ok", result.reason
    entries = plant.ledger().entries
    assert len(entries) == 1
    q, per_epoch = steps_per_epoch(plant.n_labelled - len(split.val), 16)
    assert (entries[0].sample_rate, entries[0].steps) == (q, per_epoch)   # q = B/(n − |V|): never under-stated
    assert result.privacy["delta"] == default_delta(plant.n_labelled)     # δ for all n the plant holds
    assert plant.privacy_status(spec)["epsilon"] == pytest.approx(result.privacy["epsilon"], rel=1e-12)
