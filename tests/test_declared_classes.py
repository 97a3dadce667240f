"""A target without labels that declares a subset of the federation's classes is adapted toward
those classes only (common.transfer.prior.restrict_prior, common.transfer.adapt, client/plant.py)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from common.config.schema import AdaptationConfig
from common.labelset import own_classes
from common.transfer.adapt import adapt
from common.transfer.prior import restrict_prior
from tests.helpers.toy_models import fit_linear_toy

MEANS = np.array([[0, 0, 0, 0], [3, 0, 0, 0], [0, 3, 0, 0]], float)


def test_restrict_prior_keeps_the_declared_classes_renormalised():
    pi = np.array([0.5, 0.3, 0.2])
    assert np.allclose(restrict_prior(pi, np.array([True, True, False])), [0.625, 0.375, 0.0])
    assert np.allclose(restrict_prior(None, np.array([True, False, True])), [0.5, 0.0, 0.5])   # uniform
    assert np.allclose(restrict_prior(pi, np.ones(3, bool)), pi)
    with pytest.raises(ValueError, match="declared classes"):
        restrict_prior(np.array([0.0, 0.0, 1.0]), np.array([True, True, False]))
    with pytest.raises(ValueError, match="cover 2 classes"):
        restrict_prior(pi, np.array([True, False]))


def _blobs(n: int, rng: np.random.Generator, prior, shift) -> tuple[np.ndarray, np.ndarray]:
    y = rng.choice(3, size=n, p=prior)
    x = MEANS[y] + rng.standard_normal((n, 4)) + np.asarray(shift, float)
    return x.astype(np.float32)[:, None, :], y.astype(np.int64)


@pytest.fixture(scope="module")
def toy():
    rng = np.random.default_rng(0)
    xs, ys = _blobs(900, rng, [1 / 3] * 3, 0.0)
    return fit_linear_toy(xs, ys, rng)


@pytest.mark.parametrize("method", ["mmd", "shot"])
def test_a_target_declaring_two_of_three_classes_is_not_pulled_toward_the_third(toy, method):
    """Under the sources' (balanced) prior a 2-class target is pulled toward the class it lacks;
    declaring its two classes restricts the prior and the source mixture, and that pull is gone."""
    extractor, head, stats = toy
    xt, yt = _blobs(600, np.random.default_rng(2), [0.5, 0.5, 0.0], [0.6, 0.6, 0, 0])
    cfg = AdaptationConfig(epochs=3, batch_size=64, learning_rate=1e-2, target_prior="sources")
    declared = np.array([True, True, False])

    def predicted(result) -> np.ndarray:
        with torch.no_grad():
            return result.model(torch.from_numpy(xt)).argmax(1).numpy()

    plain = predicted(adapt(method, extractor, head, xt, stats, cfg, seed=0))
    with own_classes(declared):
        restricted = predicted(adapt(method, extractor, head, xt, stats, cfg, seed=0))
    assert (restricted == 2).mean() < 0.02 and (restricted == 2).mean() < (plain == 2).mean(), \
        ((restricted == 2).mean(), (plain == 2).mean())
    assert (restricted == yt).mean() > (plain == yt).mean()
    with own_classes(np.ones(3, bool)):     # declaring every class changes nothing
        assert (predicted(adapt(method, extractor, head, xt, stats, cfg, seed=0)) == plain).all()


def test_the_plant_declares_a_mask_only_for_a_strict_subset_of_the_union():
    import dataclasses

    from client.plant import Plant
    from common.config import load_scenario, run_spec_from_scenario

    scenario = load_scenario("simulations/scenarios/default.yaml")
    spec = run_spec_from_scenario(scenario, ("normal", "inner", "ball"))
    plant = Plant.__new__(Plant)
    plant.own_classes = ("ball", "normal")
    assert plant.declared_class_mask(spec).tolist() == [True, False, True]
    assert plant.declared_class_mask(dataclasses.replace(spec, class_names=("ball", "normal"))) is None
    assert plant.declared_class_mask(None) is None
