"""Label-free class-prior estimation (common/transfer/prior.py) and its use in adaptation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch

from common.config.schema import AdaptationConfig
from common.transfer.adapt import PRIOR_KEY, adapt
from common.transfer.prior import class_weights, em_prior, reweight_source
from common.transfer.stats import RffSpec, release_feature_stats
from tests.helpers.toy_models import fit_linear_toy

MEANS = np.array([[0, 0, 0, 0], [3, 0, 0, 0], [0, 3, 0, 0], [0, 0, 3, 0]], float)


def _gaussian_posteriors(y: np.ndarray, rng: np.random.Generator, source_prior: np.ndarray) -> np.ndarray:
    """Bayes posteriors p_s(y | x) of unit Gaussians around MEANS, under ``source_prior``."""
    x = MEANS[y] + rng.standard_normal((len(y), MEANS.shape[1]))
    log_lik = -0.5 * ((x[:, None, :] - MEANS[None]) ** 2).sum(-1)
    post = np.exp(log_lik - log_lik.max(1, keepdims=True)) * source_prior[None]
    return post / post.sum(1, keepdims=True)


@pytest.mark.parametrize("source_prior", [np.full(4, 0.25), np.array([0.1, 0.2, 0.3, 0.4])])
def test_em_recovers_a_skewed_prior_from_source_posteriors(source_prior):
    rng = np.random.default_rng(0)
    truth = np.array([0.8, 0.1, 0.05, 0.05])
    y = rng.choice(4, size=4000, p=truth)
    post = _gaussian_posteriors(y, rng, source_prior)
    naive = post.mean(0)
    est = em_prior(post, source_prior)
    assert est.converged and est.prior.shape == (4,) and abs(est.prior.sum() - 1) < 1e-9
    assert np.abs(est.prior - truth).max() < 0.03, est.prior
    assert np.abs(est.prior - truth).max() < np.abs(naive - truth).max()   # better than the mean prediction


def test_em_keeps_a_balanced_target_balanced_and_refuses_bad_input():
    rng = np.random.default_rng(1)
    post = _gaussian_posteriors(rng.integers(0, 4, 4000), rng, np.full(4, 0.25))
    assert np.abs(em_prior(post).prior - 0.25).max() < 0.03
    with pytest.raises(ValueError):
        em_prior(np.zeros((0, 4)))
    with pytest.raises(ValueError):
        em_prior(post, np.ones(3))


def test_partial_target_weights_are_about_zero_for_absent_classes():
    rng = np.random.default_rng(2)
    y = rng.choice([0, 1], size=3000)        # the target has 2 of the 4 source classes
    w = class_weights(em_prior(_gaussian_posteriors(y, rng, np.full(4, 0.25))).prior)
    assert w.max() == 1.0
    assert (w[[2, 3]] < 0.03).all() and (w[[0, 1]] > 0.8).all(), w


def _stats(seed: int = 0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, 2000)
    f = MEANS[y] + 0.5 * rng.standard_normal((2000, 4))
    stats, _ = release_feature_stats(f, y, 4, noise_multiplier=0.0, clip_norm=50.0, rff=RffSpec(0, 512, 2.0),
                                     rng=rng, allow_nonprivate=True)
    return stats, f, y


def test_reweighted_source_statistics_follow_the_target_class_mix():
    stats, f, y = _stats()
    same = reweight_source(stats, stats.class_priors)
    assert np.allclose(same.mean, stats.mean) and np.allclose(same.rff_mean, stats.rff_mean)
    partial = reweight_source(stats, np.array([0.5, 0.5, 0.0, 0.0]))
    keep = y < 2
    assert np.abs(partial.mean - f[keep].mean(0)).max() < 0.1
    exact_rff = stats.rff.features(f[keep]).mean(0)
    assert np.abs(partial.rff_mean - exact_rff).max() < 0.02
    assert np.linalg.norm(partial.rff_mean - exact_rff) < 0.3 * np.linalg.norm(stats.rff_mean - exact_rff)
    assert partial.class_priors[2:].max() < 1e-5


def _blobs(n: int, rng: np.random.Generator, prior, shift) -> tuple[np.ndarray, np.ndarray]:
    y = rng.choice(3, size=n, p=prior)
    x = MEANS[:3][y] + rng.standard_normal((n, 4)) + np.asarray(shift, float)
    return x.astype(np.float32)[:, None, :], y.astype(np.int64)


@pytest.fixture(scope="module")
def toy():
    """A linear extractor + head trained on balanced 3-class blobs, and its released statistics."""
    rng = np.random.default_rng(0)
    xs, ys = _blobs(900, rng, [1 / 3] * 3, 0.0)
    extractor, head, stats = fit_linear_toy(xs, ys, rng)
    return extractor, head, stats


def test_a_skewed_target_adapted_with_the_estimate_is_no_worse_than_with_a_uniform_prior(toy):
    extractor, head, stats = toy
    rng = np.random.default_rng(1)
    skew, shift = [0.8, 0.1, 0.1], [0.5, 0.5, 0, 0]
    xt, _ = _blobs(900, rng, skew, shift)
    xtest, ytest = _blobs(900, rng, skew, shift)
    cfg = AdaptationConfig(epochs=5, batch_size=64, learning_rate=1e-2, pseudo_label_warmup=1)
    for method in ("shot", "mmd"):
        accuracy = {}
        for estimate in (True, False):
            result = adapt(method, extractor, head, xt, stats, dataclasses.replace(cfg, estimate_target_prior=estimate))
            with torch.no_grad():
                accuracy[estimate] = float((result.model(torch.from_numpy(xtest)).argmax(1).numpy() == ytest).mean())
            if estimate:
                prior = np.array([result.selection[f"{PRIOR_KEY}{k}"] for k in range(3)])
                assert prior[0] > 0.5, prior       # recorded in the diagnostics, skewed toward class 0
            else:
                assert f"{PRIOR_KEY}0" not in result.selection
        assert accuracy[True] >= accuracy[False] - 0.01, (method, accuracy)


def test_a_partial_target_is_aligned_to_the_classes_it_has(toy):
    extractor, head, stats = toy
    xt, _ = _blobs(600, np.random.default_rng(2), [0.5, 0.5, 0.0], [0.3, 0.3, 0, 0])
    cfg = AdaptationConfig(epochs=2, batch_size=64, learning_rate=1e-2, estimate_target_prior=True)
    result = adapt("mmd", extractor, head, xt, stats, cfg)
    prior = np.array([result.selection[f"{PRIOR_KEY}{k}"] for k in range(3)])
    assert prior[2] < 0.05 and class_weights(prior)[2] < 0.1, prior
    with torch.no_grad():
        predicted = result.model(torch.from_numpy(xt)).argmax(1).numpy()
    assert (predicted == 2).mean() < 0.05     # not pulled toward the class it does not have


def test_the_plant_reports_the_estimate_per_class_in_the_gap_category():
    from client.transfer import _prior_metrics
    from common.privacy.policy import category_of

    metrics = _prior_metrics({f"{PRIOR_KEY}0": 0.8, f"{PRIOR_KEY}1": 0.2, "target_mean_entropy_after": 1.0},
                             ("normal", "ball"))
    assert metrics == {"gap/target_prior/normal": 0.8, "gap/target_prior/ball": 0.2}
    assert all(category_of(k) == "gap" for k in metrics)
