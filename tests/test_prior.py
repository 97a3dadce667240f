"""Label-free class-prior estimation (common/transfer/prior.py) and its use in adaptation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch

from common.config.schema import AdaptationConfig
from common.transfer.adapt import PRIOR_CHOICE_KEY, PRIOR_KEY, adapt
from common.transfer.prior import choose_arm, class_weights, drop_absent, em_prior, reweight_source, total_variation
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
            result = adapt(method, extractor, head, xt, stats,
                           dataclasses.replace(cfg, target_prior="estimate" if estimate else "sources"))
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
    cfg = AdaptationConfig(epochs=2, batch_size=64, learning_rate=1e-2, target_prior="estimate")
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


def test_drop_absent_zeroes_classes_below_the_share_and_keeps_the_largest():
    pi = np.array([0.6, 0.3, 0.08, 0.02])
    assert np.allclose(drop_absent(pi, 0.0), pi)
    dropped = drop_absent(pi, 0.1)                  # below 0.1 / 4 = 0.025: class 3 only
    assert dropped[3] == 0 and np.isclose(dropped.sum(), 1) and np.allclose(dropped[:3], pi[:3] / 0.98)
    assert drop_absent(np.array([0.25, 0.25, 0.25, 0.25]), 0.99).min() == 0.25   # a uniform prior keeps all
    assert np.allclose(drop_absent(np.array([1e-9, 1.0]), 0.9), [0.0, 1.0])
    assert total_variation([1, 0], [0, 1]) == 1.0 and total_variation([0.5, 0.5], [0.5, 0.5]) == 0.0


def test_choose_arm_keeps_the_lower_entropy_and_the_sources_on_a_tie_or_nan():
    assert choose_arm({"sources": 0.2, "estimate": 0.05})[0] == "estimate"
    assert choose_arm({"sources": 0.05, "estimate": 0.2})[0] == "sources"
    assert choose_arm({"sources": 0.1, "estimate": 0.1})[0] == "sources"
    assert choose_arm({"sources": 0.1, "estimate": float("nan")})[0] == "sources"
    arm, why = choose_arm({"sources": 0.3, "estimate": 0.01})
    assert "0.3" in why and "0.01" in why
    with pytest.raises(ValueError, match="estimate"):
        choose_arm({"sources": 0.1})


def test_auto_prior_keeps_the_more_confident_arm_the_estimate_for_a_partial_target(toy):
    """auto adapts under both priors and keeps the lower-entropy model: for a 2-of-3-class target
    that is the one adapted under the estimate, which beats the one pulled toward the absent class."""
    extractor, head, stats = toy
    cfg = AdaptationConfig(epochs=3, batch_size=64, learning_rate=1e-2, target_prior="auto")
    xt, yt = _blobs(600, np.random.default_rng(3), [0.5, 0.5, 0.0], [0.5, 0.5, 0, 0])

    def accuracy(result) -> float:
        with torch.no_grad():
            return float((result.model(torch.from_numpy(xt)).argmax(1).numpy() == yt).mean())

    result = adapt("mmd", extractor, head, xt, stats, cfg, seed=0)
    h_s, h_e = (result.selection[f"target_mean_entropy_{a}_arm"] for a in ("sources", "estimate"))
    assert result.selection[PRIOR_CHOICE_KEY] == 1.0 and h_e < h_s
    assert result.selection[f"{PRIOR_KEY}2"] == 0.0            # the absent class, dropped from the estimate
    sources = adapt("mmd", extractor, head, xt, stats, dataclasses.replace(cfg, target_prior="sources"), seed=0)
    assert sources.selection["target_mean_entropy_after"] == pytest.approx(h_s)
    assert accuracy(result) > accuracy(sources) + 0.1, (accuracy(result), accuracy(sources))


def test_auto_prior_uses_the_sources_prior_when_the_target_has_labels(toy):
    extractor, head, stats = toy
    xt, yt = _blobs(200, np.random.default_rng(5), [0.5, 0.5, 0.0], [0.5, 0.5, 0, 0])
    cfg = AdaptationConfig(epochs=1, target_prior="auto")
    result = adapt("mmd", extractor, head, xt, stats, cfg, (xt[:20], yt[:20]), seed=0)
    assert result.selection[PRIOR_CHOICE_KEY] == 0.0 and f"{PRIOR_KEY}0" not in result.selection


def test_reestimating_the_prior_every_epoch_records_its_drift(toy):
    extractor, head, stats = toy
    xt, _ = _blobs(400, np.random.default_rng(4), [0.7, 0.3, 0.0], [0.3, 0.3, 0, 0])
    cfg = AdaptationConfig(epochs=3, batch_size=64, learning_rate=1e-2, target_prior="estimate", reestimate_prior=True)
    result = adapt("coral", extractor, head, xt, stats, cfg, seed=0)
    prior = np.array([result.selection[f"{PRIOR_KEY}{k}"] for k in range(3)])
    assert prior[2] == 0.0 and prior[0] > prior[1], prior     # class 2 absent: dropped (below 0.1 / 3)
    assert 0.0 <= result.selection["target_prior_drift"] <= 1.0


def test_a_config_with_a_bad_absent_class_share_is_refused():
    assert any("absent_class_share" in p for p in AdaptationConfig(absent_class_share=1.5).problems())


def test_the_default_prior_is_auto_so_a_partial_target_is_not_pulled_into_classes_it_lacks(toy):
    """A plant without labels does not know its class mix: the default adapts under both priors and keeps the
    more confident model (docs/methods.md: the smaller worst-case loss), here the estimate's."""
    extractor, head, stats = toy
    assert AdaptationConfig().target_prior == "auto"
    xt, _ = _blobs(600, np.random.default_rng(3), [0.5, 0.5, 0.0], [0.5, 0.5, 0, 0])
    result = adapt("mmd", extractor, head, xt, stats, AdaptationConfig(epochs=3, batch_size=64, learning_rate=1e-2),
                   seed=0)
    assert result.selection[PRIOR_CHOICE_KEY] == 1.0 and result.selection[f"{PRIOR_KEY}2"] == 0.0


@pytest.mark.parametrize(("scenario", "prior"), [("cwru_4plants", "sources"), ("tep_4modes", "sources"),
                                                  ("default", "auto"), ("cwru_target_load3", "auto")])
def test_benchmark_scenarios_whose_targets_hold_every_class_say_so_the_examples_keep_the_default(scenario, prior):
    from pathlib import Path

    from common.config.scenario import load_scenario

    path = Path(__file__).resolve().parents[1] / "simulations" / "scenarios" / f"{scenario}.yaml"
    assert load_scenario(path).transfer.adaptation.target_prior == prior
