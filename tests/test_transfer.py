"""Transfer to a target plant: DP feature statistics, adaptation losses, adapters, domain gap.

Fast by construction: statistics on small random matrices, adapters on a 4-D Gaussian-blob
toy (linear extractor, shifted target) and one smoke run per adapter on a tiny PlantModel
with two synthetic plants of different operating points.
"""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np
import pytest
import torch
from torch import nn

from common.config.schema import AdaptationConfig, AugmentConfig, ModelConfig
from common.data import SyntheticParams, WindowSpec, load_synthetic
from common.extensions.transfer_methods import ADAPTER, TRANSFER_METHODS
from common.models import build_model
from common.privacy.accounting import epsilon_of
from common.privacy.ledger import PrivacyLedger
from common.transfer import (
    FeatureAlign,
    FeatureStats,
    GapThresholds,
    RffSpec,
    adapt,
    aggregate,
    choose_method,
    domain_gap,
    extract_features,
    release_feature_stats,
)
from common.transfer.losses import (
    GradientReversal,
    balanced_assignment,
    coral_loss,
    covariance,
    distribution_alignment,
    entropy,
    information_maximisation,
    rff_features,
    rff_mmd_loss,
    shot_pseudo_labels,
)
from common.transfer.stats import (
    MIN_COUNT,
    NUM_QUERIES,
    QUERY_NAMES,
    clip_rows,
    ledger_entries,
    noisy_queries,
    sensitivities,
)
from tests.helpers.toy_models import fit_linear_toy

torch.set_num_threads(1)
RFF = RffSpec(seed=3, num_features=256, bandwidth=2.0)


def _features(n: int = 240, d: int = 5, k: int = 3, seed: int = 0, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, n)
    centres = rng.normal(0, 2.0, (k, d))
    return (centres[y] + rng.normal(0, 1.0, (n, d))) * scale, y


def _exact(f: np.ndarray, y: np.ndarray, k: int, clip: float, rff: RffSpec):
    """Reference statistics straight from the definitions (clipped features)."""
    f = clip_rows(f, clip)
    counts = np.bincount(y, minlength=k).astype(float)
    means = np.stack([f[y == c].mean(axis=0) for c in range(k)])
    within = sum(((f[y == c] - means[c]).T @ (f[y == c] - means[c])) for c in range(k)) / len(f)
    return counts, means, f.mean(axis=0), within, rff.features(f).mean(axis=0), np.cov(f.T, bias=True)


# ====================================================================== statistics
def test_release_without_noise_equals_exact_statistics():
    f, y = _features()
    for clip in (1e6, 2.0):              # no clipping bites / clipping bites
        stats, history = release_feature_stats(f, y, 3, noise_multiplier=0.0, clip_norm=clip, rff=RFF,
                                               rng=np.random.default_rng(0), allow_nonprivate=True)
        counts, means, mean, within, rff_mean, total = _exact(f, y, 3, clip, RFF)
        assert history == []
        np.testing.assert_allclose(stats.class_counts, counts)
        np.testing.assert_allclose(stats.class_means, means, atol=1e-10)
        np.testing.assert_allclose(stats.mean, mean, atol=1e-10)
        np.testing.assert_allclose(stats.cov, within, atol=1e-9)
        np.testing.assert_allclose(stats.total_cov, total, atol=1e-9)
        np.testing.assert_allclose(stats.rff_mean, rff_mean, atol=1e-12)
        assert not stats.private


def test_unlabelled_windows_are_dropped_and_nonprivate_release_needs_consent():
    f, y = _features(60)
    y = y.copy()
    y[:10] = -1
    stats, _ = release_feature_stats(f, y, 3, noise_multiplier=0.0, clip_norm=1e6, rff=RFF,
                                     rng=np.random.default_rng(0), allow_nonprivate=True)
    assert stats.num_records == 50
    with pytest.raises(ValueError, match="no privacy"):
        release_feature_stats(f, y, 3, noise_multiplier=0.0, clip_norm=1.0, rff=RFF, rng=np.random.default_rng(0))


def test_noise_std_matches_sigma_times_sensitivity():
    f, y = _features(50, d=4)
    sigma, clip = 0.7, 1.5
    exact = noisy_queries(f, y, 3, noise_multiplier=0.0, clip_norm=clip, rff=RFF, rng=np.random.default_rng(0))
    rng = np.random.default_rng(1)
    draws = {q: [] for q in QUERY_NAMES}
    for _ in range(300):
        noisy = noisy_queries(f, y, 3, noise_multiplier=sigma, clip_norm=clip, rff=RFF, rng=rng)
        for q in QUERY_NAMES:
            draws[q].append(noisy[q] - exact[q])
    delta = sensitivities(clip)
    assert delta == {"class_sums": clip, "class_counts": 1.0, "second_moment": clip**2, "rff_sum": math.sqrt(2.0)}
    for q in QUERY_NAMES:
        noise = np.stack(draws[q])
        if q == "second_moment":
            assert np.allclose(noise, noise.transpose(0, 2, 1))          # stays symmetric
            noise = noise[:, *np.triu_indices(4)]                        # the independent entries
        assert abs(noise.mean()) < 0.1 * sigma * delta[q]
        assert noise.std() == pytest.approx(sigma * delta[q], rel=0.08), q


def test_rff_sensitivity_bound_and_kernel_approximation():
    rng = np.random.default_rng(0)
    x = rng.normal(0, 5, (500, 6))
    phi = RffSpec(seed=1, num_features=64, bandwidth=1.0).features(x)
    assert np.linalg.norm(phi, axis=1).max() <= math.sqrt(2.0) + 1e-12      # one window moves the sum ≤ √2
    spec = RffSpec(seed=1, num_features=20000, bandwidth=1.5)
    a, b = rng.normal(0, 1, (2, 6)), rng.normal(0, 1, (2, 6))
    approx = (spec.features(a) * spec.features(b)).sum(axis=1)
    exact = np.exp(-((a - b) ** 2).sum(axis=1) / (2 * 1.5**2))
    np.testing.assert_allclose(approx, exact, atol=0.03)
    torch_phi = rff_features(torch.from_numpy(x[:5]), spec)
    np.testing.assert_allclose(torch_phi.numpy(), spec.features(x[:5]), atol=1e-10)


def test_ledger_entries_one_per_query_and_epsilon_grows_with_less_noise(tmp_path):
    f, y = _features()
    eps = []
    for sigma in (4.0, 2.0, 1.0):
        stats, history = release_feature_stats(f, y, 3, noise_multiplier=sigma, clip_norm=2.0, rff=RFF,
                                               rng=np.random.default_rng(0))
        assert len(history) == NUM_QUERIES == 4
        assert all(entry == (sigma, 1.0, 1) for entry in history)
        assert stats.private and stats.noise_multiplier == sigma
        eps.append(epsilon_of(history, delta=1e-5))
    assert all(math.isfinite(e) and e > 0 for e in eps)
    assert eps[0] < eps[1] < eps[2]
    # four σ-releases compose like one release at σ/2 (Gaussian mechanism: ρ adds up)
    assert eps[2] == pytest.approx(epsilon_of([(0.5, 1.0, 1)], 1e-5), rel=0.02)
    ledger = PrivacyLedger(tmp_path / "ledger.json", "plant-t")
    for entry in ledger_entries(history, run="r1", round=0):
        ledger.record(entry)
    reloaded = PrivacyLedger(tmp_path / "ledger.json", "plant-t")
    assert reloaded.epsilon(1e-5) == pytest.approx(eps[2])
    assert {e.mechanism for e in reloaded.entries} == {"gaussian"}


def test_heavy_noise_is_post_processed_into_valid_statistics():
    f, y = _features(30)
    stats, _ = release_feature_stats(f, y, 3, noise_multiplier=50.0, clip_norm=2.0, rff=RFF,
                                     rng=np.random.default_rng(0))
    assert (stats.class_counts >= MIN_COUNT).all()
    assert np.linalg.eigvalsh(stats.cov).min() >= -1e-9
    assert np.linalg.eigvalsh(stats.total_cov).min() >= -1e-9
    assert np.allclose(stats.cov, stats.cov.T)
    assert (np.linalg.norm(stats.class_means, axis=1) <= 2.0 + 1e-9).all()
    assert np.linalg.norm(stats.rff_mean) <= math.sqrt(2.0) + 1e-9
    features, labels = stats.sample(100, np.random.default_rng(0))
    assert features.shape == (100, 5) and labels.shape == (100,) and np.isfinite(features).all()


def test_serialisation_round_trip():
    f, y = _features()
    stats, _ = release_feature_stats(f, y, 3, noise_multiplier=1.0, clip_norm=2.0, rff=RFF,
                                     rng=np.random.default_rng(0))
    arrays, scalars = stats.to_arrays()
    assert all(isinstance(v, np.ndarray) for v in arrays.values())
    assert all(isinstance(v, (int, float, str)) for v in scalars.values())   # fits a ConfigRecord
    for back in (FeatureStats.from_arrays(arrays, scalars), FeatureStats.from_json(stats.to_json())):
        assert back.rff == stats.rff and back.clip_norm == stats.clip_norm
        assert back.noise_multiplier == stats.noise_multiplier and back.rff_noise_var == stats.rff_noise_var
        for name in ("class_means", "class_counts", "mean", "cov", "rff_mean"):
            np.testing.assert_array_equal(getattr(back, name), getattr(stats, name))
    with pytest.raises(ValueError, match="format"):
        FeatureStats.from_arrays(arrays, {**scalars, "feature_stats.format": "other"})


def test_aggregate_of_exact_sources_equals_pooled_statistics():
    f, y = _features(300)
    kwargs = dict(clip_norm=3.0, rff=RFF, rng=np.random.default_rng(0), allow_nonprivate=True, noise_multiplier=0.0)
    parts = [release_feature_stats(f[a:b], y[a:b], 3, **kwargs)[0] for a, b in ((0, 100), (100, 300))]
    pooled = release_feature_stats(f, y, 3, **kwargs)[0]
    combined = aggregate(parts)
    assert combined.num_sources == 2
    for name in ("class_counts", "class_means", "mean", "cov", "rff_mean"):
        np.testing.assert_allclose(getattr(combined, name), getattr(pooled, name), atol=1e-9)
    noisy = [release_feature_stats(f[:150], y[:150], 3, noise_multiplier=s, clip_norm=3.0, rff=RFF,
                                   rng=np.random.default_rng(1))[0] for s in (1.0, 2.0)]
    assert aggregate(noisy).noise_multiplier == 1.0        # the least-protected contributor
    other = release_feature_stats(f, y, 3, clip_norm=4.0, rff=RFF, rng=np.random.default_rng(0),
                                  allow_nonprivate=True, noise_multiplier=0.0)[0]
    with pytest.raises(ValueError, match="same shared spec"):
        aggregate([parts[0], other])


# ====================================================================== losses
def test_entropy_and_information_maximisation():
    k = 7
    assert float(entropy(torch.zeros(4, k))) == pytest.approx(math.log(k))
    confident = torch.full((k, k), -30.0) + 60.0 * torch.eye(k)           # one class each, all classes used
    assert float(entropy(confident)) == pytest.approx(0.0, abs=1e-6)
    assert float(information_maximisation(confident)) == pytest.approx(-math.log(k), abs=1e-5)
    collapsed = torch.zeros(k, k)
    collapsed[:, 0] = 60.0                                                  # every window → class 0
    assert float(information_maximisation(collapsed)) == pytest.approx(0.0, abs=1e-5)
    prior = torch.full((k,), 1.0 / k)
    assert float(information_maximisation(confident, prior)) == pytest.approx(0.0, abs=1e-5)  # KL form: +log K
    assert entropy(torch.zeros(3, k), reduction="none").shape == (3,)


def test_coral_loss():
    rng = torch.Generator().manual_seed(0)
    x = torch.randn(200, 6, generator=rng, dtype=torch.float64)
    assert float(coral_loss(x, covariance(x))) == pytest.approx(0.0, abs=1e-12)
    assert float(coral_loss(x, covariance(x), x.mean(dim=0))) == pytest.approx(0.0, abs=1e-12)
    assert float(coral_loss(2 * x, covariance(x))) > 0.01
    assert float(coral_loss(x, covariance(x), x.mean(dim=0) + 1.0)) == pytest.approx(1.0)   # ‖1‖²/D


def test_rff_mmd_same_distribution_near_zero_shifted_positive():
    spec = RffSpec(seed=0, num_features=512, bandwidth=2.0)
    rng = np.random.default_rng(0)
    source = rng.normal(0, 1, (4000, 3))
    m_s = torch.from_numpy(spec.features(source).mean(axis=0))
    same = torch.from_numpy(rng.normal(0, 1, (500, 3)))
    shifted = same + torch.tensor([2.0, 0.0, 0.0], dtype=torch.float64)
    assert abs(float(rff_mmd_loss(same, m_s, spec))) < 5e-3
    assert float(rff_mmd_loss(shifted, m_s, spec)) > 0.1
    assert float(rff_mmd_loss(same, m_s, spec, unbiased=False)) >= 0.0


def test_distribution_alignment_damps_an_over_predicted_class_and_keeps_rows_normalised():
    """p̃ = normalise(p ⊙ prior / p̄): unchanged when the running mean equals the prior; a class the
    model over-predicts loses pseudo-labels to the others."""
    probs = torch.tensor([[0.6, 0.3, 0.1], [0.5, 0.3, 0.2], [0.35, 0.2, 0.45]])
    prior = torch.full((3,), 1 / 3)
    assert torch.allclose(distribution_alignment(probs, prior, prior.clone()), probs)
    skewed = torch.tensor([0.6, 0.2, 0.2])               # the model predicts class 0 three times too often
    aligned = distribution_alignment(probs, prior, skewed)
    assert torch.allclose(aligned.sum(dim=1), torch.ones(3))
    assert probs.argmax(1).tolist() == [0, 0, 2] and aligned.argmax(1).tolist() == [1, 1, 2]
    assert torch.allclose(aligned[0], torch.tensor([0.2, 0.3, 0.1]) / 0.6)


def test_gradient_reversal_flips_and_scales_the_gradient():
    x = torch.randn(5, 3, requires_grad=True)
    (GradientReversal.apply(x, 0.5) * torch.arange(3.0)).sum().backward()
    expected = -0.5 * torch.arange(3.0).expand(5, 3)
    assert torch.equal(x.grad, expected)
    y = torch.randn(4, requires_grad=True)
    out = GradientReversal.apply(y, 1.0)
    assert torch.equal(out, y)                                     # identity forward


def test_shot_pseudo_labels_recover_clusters_from_noisy_predictions():
    g = torch.Generator().manual_seed(0)
    centres = torch.eye(4) * 5 + 1
    truth = torch.arange(4).repeat(50)
    feats = centres[truth] + 0.5 * torch.randn(200, 4, generator=g)
    logits = 2.0 * torch.nn.functional.one_hot(truth, 4).float()
    wrong = torch.rand(200, generator=g) < 0.3                      # 30 % of predictions point elsewhere
    logits[wrong] = logits[wrong].roll(1, dims=1)
    assert (logits.argmax(1) == truth).float().mean() < 0.75
    labels = shot_pseudo_labels(feats, logits, 4, iterations=2)
    assert (labels == truth).float().mean() > 0.95


# ====================================================================== adapters (toy)
def _blobs(n: int, shift, rng, k: int = 3):
    means = np.array([[0, 0, 0, 0], [4, 0, 0, 0], [0, 4, 0, 0]], float)
    y = rng.integers(0, k, n)
    x = means[y] + rng.standard_normal((n, 4)) + np.asarray(shift, float)
    return x.astype(np.float32)[:, None, :], y.astype(np.int64)


@pytest.fixture(scope="module")
def toy():
    """Source-trained linear extractor + head; target = source shifted by (2.5, 2.5, 0, 0)."""
    rng = np.random.default_rng(0)
    xs, ys = _blobs(600, 0.0, rng)
    xt, yt = _blobs(600, [2.5, 2.5, 0, 0], rng)
    xtest, ytest = _blobs(600, [2.5, 2.5, 0, 0], rng)
    xsame, _ = _blobs(600, 0.0, rng)
    extractor, head, stats = fit_linear_toy(xs, ys, rng)
    return dict(extractor=extractor, head=head, xs=xs, ys=ys, xt=xt, yt=yt, xtest=xtest, ytest=ytest,
                xsame=xsame, stats=stats)


def _accuracy(model: nn.Module, x: np.ndarray, y: np.ndarray) -> float:
    model.eval()
    with torch.no_grad():
        return float((model(torch.from_numpy(x)).argmax(1).numpy() == y).mean())


# the toy target holds the three classes in balance: the sources' prior is right for it (a plant that knows this
# sets it; the default, auto, is for one that does not, tests/test_prior.py)
TOY_CFG = AdaptationConfig(epochs=5, batch_size=64, learning_rate=1e-2, pseudo_label_warmup=1, target_prior="sources")


@pytest.mark.parametrize("method", ["feature_standardization", "shot"])
def test_adaptation_improves_target_accuracy_over_source_only(toy, method):
    source_only = _accuracy(nn.Sequential(toy["extractor"], toy["head"]), toy["xtest"], toy["ytest"])
    before = copy.deepcopy(toy["extractor"].state_dict())
    result = TRANSFER_METHODS.load(method)(toy["extractor"], toy["head"], toy["xt"], toy["stats"], TOY_CFG)
    adapted = _accuracy(result.model, toy["xtest"], toy["ytest"])
    assert source_only < 0.8
    assert adapted > source_only + 0.1, (method, source_only, adapted)
    assert all(torch.equal(v, toy["extractor"].state_dict()[k]) for k, v in before.items())   # inputs untouched
    assert result.method == method and result.selected_epoch == max(len(result.losses) - 1, 0)
    assert "target_mean_entropy_after" in result.selection


def test_feature_align_is_a_module_with_buffers_the_plant_can_keep(toy):
    result = adapt("feature_standardization", toy["extractor"], toy["head"], toy["xt"], toy["stats"], TOY_CFG)
    align = result.model[1]
    assert isinstance(align, FeatureAlign) and not list(align.parameters())
    state = result.model.state_dict()
    assert {"1.target_mean", "1.source_mean", "1.transform"} <= set(state)
    clone = nn.Sequential(copy.deepcopy(toy["extractor"]), FeatureAlign(8), copy.deepcopy(toy["head"]))
    clone.load_state_dict(state)
    x = torch.from_numpy(toy["xtest"][:10])
    with torch.no_grad():
        assert torch.allclose(clone(x), result.model(x))
        f_aligned = result.model[1](result.model[0](torch.from_numpy(toy["xt"])))
    # the target's aligned features carry the source's mean and per-dimension spread
    np.testing.assert_allclose(f_aligned.mean(0).numpy(), toy["stats"].mean, atol=1e-3)
    np.testing.assert_allclose(f_aligned.std(0, unbiased=False).numpy(),
                               np.sqrt(np.diag(toy["stats"].total_cov)), rtol=1e-3)
    full = adapt("feature_standardization", toy["extractor"], toy["head"], toy["xt"], toy["stats"],
                 AdaptationConfig(align_mode="full"))
    assert _accuracy(full.model, toy["xtest"], toy["ytest"]) > 0.9


def test_shot_runs_source_free_and_uses_labels_when_given(toy):
    assert not TRANSFER_METHODS.get("shot").needs_source_stats
    result = adapt("shot", toy["extractor"], toy["head"], toy["xt"], None, TOY_CFG,
                   labelled=(toy["xt"][:9], toy["yt"][:9]))
    assert len(result.losses) == TOY_CFG.epochs and all(math.isfinite(v) for v in result.losses)
    assert {"im", "pseudo_ce", "labelled_ce", "total"} <= set(result.history[-1])
    assert "pseudo_ce" not in result.history[0]                      # warm-up epoch: IM only


TOY_FIXMATCH = AdaptationConfig(epochs=5, batch_size=64, learning_rate=1e-2, confidence_threshold=0.9,
                                distribution_alignment=False, balanced_pseudo_labels=False,
                                weak_augment=AugmentConfig(),
                                strong_augment=AugmentConfig(noise_std=0.3, probability=1.0))


def test_fixmatch_needs_labels_trains_the_head_and_learns_from_confident_unlabelled_windows(toy):
    """Three labels per class and the shifted target's unlabelled windows: the unlabelled term is
    active (confident pseudo-labels exist), the head moves, the inputs stay untouched, and the
    result beats the source-only model on the target."""
    fixmatch = TRANSFER_METHODS.get("fixmatch")
    assert fixmatch.needs_labels and not fixmatch.needs_source_stats
    with pytest.raises(ValueError, match="needs labelled target windows"):
        adapt("fixmatch", toy["extractor"], toy["head"], toy["xt"], None, TOY_FIXMATCH)
    pick = np.concatenate([np.flatnonzero(toy["yt"] == c)[:3] for c in range(3)])
    head_before = copy.deepcopy(toy["head"].state_dict())
    result = adapt("fixmatch", toy["extractor"], toy["head"], toy["xt"], None, TOY_FIXMATCH,
                   labelled=(toy["xt"][pick], toy["yt"][pick]))
    assert {"labelled_ce", "unlabelled_ce", "total"} <= set(result.history[-1])
    assert all(math.isfinite(v) for v in result.losses) and len(result.losses) == TOY_FIXMATCH.epochs
    assert all(torch.equal(v, toy["head"].state_dict()[k]) for k, v in head_before.items())   # input untouched
    assert not torch.equal(result.model[-1].weight, toy["head"].weight)                     # its copy trained
    source_only = _accuracy(nn.Sequential(toy["extractor"], toy["head"]), toy["xtest"], toy["ytest"])
    assert _accuracy(result.model, toy["xtest"], toy["ytest"]) > source_only + 0.1


def test_fixmatch_with_distribution_alignment_runs_and_differs(toy):
    pick = np.concatenate([np.flatnonzero(toy["yt"] == c)[:3] for c in range(3)])
    labelled = (toy["xt"][pick], toy["yt"][pick])
    plain = adapt("fixmatch", toy["extractor"], toy["head"], toy["xt"], None, TOY_FIXMATCH, labelled=labelled)
    cfg = dataclasses.replace(TOY_FIXMATCH, distribution_alignment=True)
    aligned = adapt("fixmatch", toy["extractor"], toy["head"], toy["xt"], None, cfg, labelled=labelled)
    assert all(math.isfinite(v) for v in aligned.losses) and aligned.losses != plain.losses
    source_only = _accuracy(nn.Sequential(toy["extractor"], toy["head"]), toy["xtest"], toy["ytest"])
    assert _accuracy(aligned.model, toy["xtest"], toy["ytest"]) > source_only + 0.1


def test_fixmatch_without_the_unlabelled_term_is_supervised_training_on_the_labels(toy):
    """λ_u = 0 leaves only the labelled term: no pseudo-label loss is recorded."""
    pick = np.concatenate([np.flatnonzero(toy["yt"] == c)[:3] for c in range(3)])
    cfg = dataclasses.replace(TOY_FIXMATCH, unlabelled_weight=0.0)
    result = adapt("fixmatch", toy["extractor"], toy["head"], toy["xt"], None, cfg,
                   labelled=(toy["xt"][pick], toy["yt"][pick]))
    assert all(set(h) == {"labelled_ce", "total"} for h in result.history)


def test_balanced_assignment_gives_every_class_its_prior_share_from_its_likeliest_windows():
    """Sinkhorn balancing: rows stay distributions, columns reach N · prior, and the windows that
    get the under-predicted class are the ones relatively most likely to be it."""
    probs = torch.tensor([[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.6, 0.4]])   # argmax: class 0 everywhere
    q = balanced_assignment(probs, torch.tensor([0.5, 0.5]))
    assert torch.allclose(q.sum(dim=1), torch.ones(4))
    assert torch.allclose(q.sum(dim=0), torch.tensor([2.0, 2.0]), atol=1e-4)
    assert q.argmax(1).tolist() == [0, 0, 1, 1]
    skewed = balanced_assignment(probs, torch.tensor([0.25, 0.75]))
    assert torch.allclose(skewed.sum(dim=0), torch.tensor([1.0, 3.0]), atol=1e-4)
    assert torch.allclose(skewed.sum(dim=1), torch.ones(4)) and bool((skewed[:, 1] > q[:, 1]).all())
    balanced = torch.tensor([[0.9, 0.1], [0.1, 0.9]])                    # already at the prior: unchanged
    assert torch.allclose(balanced_assignment(balanced, torch.tensor([0.5, 0.5])), balanced, atol=1e-6)


def test_fixmatch_balanced_pseudo_labels_undo_a_class_absorbed_by_the_fine_tuned_model():
    """Two classes at x = −2 and x = +2; the model's boundary sits at x = 3, so it puts most class-1
    windows in class 0 with confidence ≥ 0.98, and its three class-1 labels (x ≥ 3.5) agree with it.
    Confident pseudo-labels confirm the wrong boundary; balanced ones give class 1 its half of the
    windows back (the likeliest ones: the class-1 cluster) and move the boundary between the classes."""
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 300)
    x = np.where(y == 0, -2.0, 2.0) + 0.5 * rng.standard_normal(600)
    windows = np.repeat(x[:, None, None], 2, axis=2).astype(np.float32)         # (N, 1, 2): two equal samples
    labelled = (np.repeat(np.array([-2.0, -2.1, -1.9, 3.5, 3.8, 4.0])[:, None, None], 2, axis=2).astype(np.float32),
                np.array([0, 0, 0, 1, 1, 1]))
    extractor, head = nn.Sequential(nn.Flatten(), nn.Linear(2, 1)), nn.Linear(1, 2)
    with torch.no_grad():
        extractor[1].weight.fill_(0.5), extractor[1].bias.zero_()
        # logit gap 4(x − 3)
        head.weight.copy_(torch.tensor([[0.0], [4.0]])), head.bias.copy_(torch.tensor([0.0, -12.0]))
    before = _accuracy(nn.Sequential(extractor, head), windows, y)
    cfg = AdaptationConfig(epochs=10, batch_size=64, learning_rate=1e-2, confidence_threshold=0.9,
                           distribution_alignment=False, balanced_pseudo_labels=False,
                           weak_augment=AugmentConfig(), strong_augment=AugmentConfig())
    confident = adapt("fixmatch", extractor, head, windows, None, cfg, labelled=labelled)
    balanced = adapt("fixmatch", extractor, head, windows, None,
                     dataclasses.replace(cfg, balanced_pseudo_labels=True), labelled=labelled)
    assert before < 0.7
    assert _accuracy(confident.model, windows, y) < 0.75
    assert _accuracy(balanced.model, windows, y) > 0.95


# ====================================================================== adapters (real model, smoke)
@pytest.fixture(scope="module")
def plants():
    """Two synthetic plants with different operating points and a tiny shared model."""
    window = WindowSpec(length=256)
    classes = ("normal", "inner_race", "outer_race")
    src = load_synthetic("src", SyntheticParams(seed=1, num_windows_per_class=12, classes=classes), window)
    tgt = load_synthetic("tgt", SyntheticParams(seed=2, num_windows_per_class=12, rpm=2600, load=0.8,
                                                resonance_hz=4000, sensor_gain=1.4, noise_std=0.5,
                                                classes=classes), window)
    model = build_model(1, 3, ModelConfig(channels=(8, 8), groups=4, feature_dim=8, first_kernel=16,
                                          first_stride=4), seed=0)
    feats = extract_features(model.extractor, src.train.x).numpy()
    stats, _ = release_feature_stats(feats, src.train.y, 3, noise_multiplier=1.0, clip_norm=5.0,
                                     rff=RffSpec(0, 64, 2.0), rng=np.random.default_rng(0))
    return model, src, tgt, stats


@pytest.mark.parametrize("method", sorted(["feature_standardization", "shot", "coral", "mmd", "dann"]))
def test_every_adapter_runs_on_the_plant_model(plants, method):
    model, _, tgt, stats = plants
    cfg = AdaptationConfig(epochs=2, batch_size=16, pseudo_label_warmup=1, conditional=(method == "dann"))
    result = adapt(method, model.extractor, model.reference_head, tgt.train.x, stats, cfg)
    with torch.no_grad():
        logits = result.model(torch.from_numpy(tgt.test.x))
    assert logits.shape == (len(tgt.test.x), 3) and torch.isfinite(logits).all()
    assert len(result.losses) == (0 if method == "feature_standardization" else 2)
    assert all(math.isfinite(v) for v in result.losses)
    assert not TRANSFER_METHODS.get(method).needs_labels


def test_fixmatch_runs_on_the_plant_model_with_speed_stretch(plants):
    model, _, tgt, _ = plants
    labelled = (tgt.train.x[:6], tgt.train.y[:6])
    result = adapt("fixmatch", model.extractor, model.reference_head, tgt.train.x, None,
                   AdaptationConfig(epochs=2, batch_size=16, confidence_threshold=0.3, distribution_alignment=False,
                                    balanced_pseudo_labels=False), labelled=labelled)
    with torch.no_grad():
        logits = result.model(torch.from_numpy(tgt.test.x))
    assert logits.shape == (len(tgt.test.x), 3) and torch.isfinite(logits).all()
    assert len(result.losses) == 2 and all(math.isfinite(v) for v in result.losses)


def test_registry_and_requirements(plants):
    model, _, tgt, _ = plants
    assert set(TRANSFER_METHODS.names(kind=ADAPTER)) == {"feature_standardization", "shot", "coral", "mmd", "dann",
                                                         "fixmatch"}
    assert TRANSFER_METHODS.get("finetune_head").needs_labels
    assert not TRANSFER_METHODS.get("finetune_head").needs_source_stats
    assert all(TRANSFER_METHODS.get(m).needs_source_stats for m in ("feature_standardization", "coral", "mmd", "dann"))
    with pytest.raises(ValueError, match="already registered"):
        TRANSFER_METHODS.add("shot", "common.transfer.adapt:adapt_shot", summary="again")
    with pytest.raises(KeyError, match="unknown transfer method"):
        TRANSFER_METHODS.get("magic")
    with pytest.raises(ValueError, match="needs the sources' released feature statistics"):
        adapt("coral", model.extractor, model.reference_head, tgt.train.x, None, AdaptationConfig(epochs=1))
    with pytest.raises(ValueError, match="fine-tuning"):
        adapt("finetune_head", model.extractor, model.reference_head, tgt.train.x, None, AdaptationConfig())
    with pytest.raises(ValueError, match="batch_size must be >= 2"):
        adapt("shot", model.extractor, model.reference_head, tgt.train.x, None, AdaptationConfig(batch_size=1))


# ====================================================================== gap and the auto choice
def test_domain_gap_and_choose_method(toy):
    rng = np.random.default_rng(0)
    same = domain_gap(extract_features(toy["extractor"], toy["xsame"]), toy["stats"], rng)
    shifted = domain_gap(extract_features(toy["extractor"], toy["xt"]), toy["stats"], rng)
    for key in ("rff_mmd2", "rff_mmd2_relative", "mean_shift", "coral_distance", "proxy_a_distance"):
        assert shifted[key] > same[key], key
    assert same["proxy_a_distance"] < 0.5 < 1.0 < shifted["proxy_a_distance"]

    method, reason = choose_method(same, n_labelled=30)
    assert method == "finetune_head" and "small domain gap" in reason and "30 labelled" in reason
    assert f"{same['rff_mmd2_relative']:.4g}" in reason
    assert choose_method(same, n_labelled=0)[0] == "feature_standardization"
    method, reason = choose_method(shifted, n_labelled=30)
    assert method == "shot" and "large domain gap" in reason
    assert choose_method(shifted, n_labelled=0)[0] == "shot"
    assert choose_method(shifted, 0, GapThresholds(adaptation_method="mmd"))[0] == "mmd"
    with pytest.raises(ValueError):
        choose_method({"n_target": 10.0}, 0)


def test_class_based_adaptation_is_refused_for_regression(tmp_path):
    """SHOT and DANN optimise class probabilities: on a one-output RUL head they would change
    nothing, so a regression scenario refuses them at config time, naming the key and the fix."""
    from common.config import ConfigError, load_scenario
    from tests.conftest import tiny_scenario, with_explicit_plants

    path = with_explicit_plants(tiny_scenario(tmp_path, task="regression", transfer={"default_method": "dann"}),
                                {"labelled_fraction": 0.0, "transfer": "shot"})
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    text = str(info.value)
    assert "plants[2].transfer" in text and "shot needs class probabilities" in text and "coral" in text
