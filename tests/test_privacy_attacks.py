"""The honest-but-curious coordinator's white-box attacks on every DP release, as tests.

The coordinator knows every public value (scenario seed, plant id, run name, round) and what it
received. Noise keyed from such values (``NoiseSource.reproducible``) can be regenerated and
subtracted: the release is then exact, not private. Secret noise (``NoiseSource.secret``, what a
plant and the coordinator use) leaves the attacker with an error the size of the noise.
Tiny models, no data files.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch
from torch import nn

from common.privacy.dp_training import train_dp
from common.privacy.noise import NoiseSource
from common.transfer.stats import QUERY_NAMES, RffSpec, noisy_queries, release_feature_stats
from server.client_dp import ClientLevelDP

SIGMA = 5.0  # as in the finding
CLIP = 1.0
# what a plant keys reproducible noise from: all of it known to the coordinator
PARTS = (0, "plant-a", "run-1", 3, "pretrain", 1)


def _data(n: int, features: int, classes: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, features)).astype(np.float32), rng.integers(0, classes, size=n).astype(np.int64)


def _linear(features: int, classes: int) -> nn.Module:
    torch.manual_seed(0)
    return nn.Linear(features, classes)


def _flat(module: nn.Module) -> np.ndarray:
    return np.concatenate([p.detach().double().numpy().ravel() for p in module.parameters()])


def _clipped_sum(module: nn.Module, x: np.ndarray, y: np.ndarray, clip: float) -> np.ndarray:
    """Σ_i g_i · min(1, C / (‖g_i‖ + 1e-6)) from plain autograd, one window at a time (Opacus' clipping)."""
    total = np.zeros(sum(p.numel() for p in module.parameters()))
    for i in range(len(y)):
        module.zero_grad(set_to_none=True)
        nn.functional.cross_entropy(module(torch.from_numpy(x[i:i + 1])), torch.from_numpy(y[i:i + 1])).backward()
        g = np.concatenate([p.grad.double().numpy().ravel() for p in module.parameters()])
        total += g * min(1.0, clip / (np.linalg.norm(g) + 1e-6))
    module.zero_grad(set_to_none=True)
    return total


def _one_step(noise: NoiseSource, mode: str, x: np.ndarray, y: np.ndarray, classes: int) -> tuple[nn.Module, float]:
    """One DP-SGD step with every window sampled (batch ≥ n: q = 1), SGD lr 1; (model, q)."""
    module = _linear(x.shape[1], classes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=1.0), epochs=1, batch_size=len(y),
                         noise_multiplier=SIGMA, max_grad_norm=CLIP, seed=0, noise=noise, grad_sample_mode=mode)
    assert stats.steps == 1 and stats.sample_rate == 1.0
    return module, stats.sample_rate


def _replayed_noise(module: nn.Module, n: int) -> np.ndarray:
    """The coordinator's regeneration: same parts, same draws in train_dp's order (the step's n
    Poisson-sampling uniforms, then N(0, (σC)²) for each parameter in order)."""
    replay = NoiseSource.reproducible(*PARTS)
    replay.uniform(n)
    return np.concatenate([replay.torch_normal(SIGMA * CLIP, p.detach()).double().numpy().ravel()
                           for p in module.parameters()])


# ------------------------------------------------------------------ 1. DP-SGD
@pytest.mark.parametrize("mode", ["hooks", "ghost"])
def test_dp_sgd_step_with_reproducible_noise_gives_away_the_clipped_gradient_sum(mode: str) -> None:
    x, y = _data(48, 16, 4)
    w0 = _flat(_linear(16, 4))
    true_sum = _clipped_sum(_linear(16, 4), x, y, CLIP)
    module, q = _one_step(NoiseSource.reproducible(*PARTS), mode, x, y, 4)
    # Opacus (loss_reduction mean) divides the noisy sum by the expected batch size int(n·q)
    noisy_sum = (w0 - _flat(module)) * int(len(y) * q)
    recovered = noisy_sum - _replayed_noise(module, len(y))
    assert np.linalg.norm(recovered - true_sum) / np.linalg.norm(true_sum) < 1e-3
    # without the subtraction the same update hides the sum under noise of norm σC√d
    assert np.linalg.norm(noisy_sum - true_sum) > 0.5 * SIGMA * CLIP * math.sqrt(w0.size)


@pytest.mark.parametrize("mode", ["hooks", "ghost"])
def test_dp_sgd_step_with_secret_noise_leaves_the_attacker_with_noise(mode: str) -> None:
    x, y = _data(48, 16, 4)
    w0 = _flat(_linear(16, 4))
    true_sum = _clipped_sum(_linear(16, 4), x, y, CLIP)
    module, q = _one_step(NoiseSource.secret(), mode, x, y, 4)
    noisy_sum = (w0 - _flat(module)) * int(len(y) * q)
    recovered = noisy_sum - _replayed_noise(module, len(y))  # its best regeneration: the public parts
    expected_noise_norm = SIGMA * CLIP * math.sqrt(w0.size)  # d = 68
    residual = np.linalg.norm(recovered - true_sum)
    assert residual >= 0.5 * expected_noise_norm
    assert residual <= 3.0 * expected_noise_norm  # difference of two independent noises: ≈ √2 σC√d
    assert np.linalg.norm(noisy_sum - true_sum) >= 0.5 * expected_noise_norm


def test_reproducible_noise_also_gives_away_which_windows_each_step_sampled(monkeypatch) -> None:
    """Poisson sampling is part of the mechanism (amplification assumes the batches are secret)."""
    import common.privacy.dp_training as dp_training

    seen: list[np.ndarray] = []
    original = dp_training.poisson_batches

    def recording(*args, **kwargs):
        for index in original(*args, **kwargs):
            seen.append(index.copy())
            yield index

    monkeypatch.setattr(dp_training, "poisson_batches", recording)
    x, y = _data(64, 8, 3)
    for noise, replayable in ((NoiseSource.reproducible(*PARTS), True), (NoiseSource.secret(), False)):
        seen.clear()
        module = _linear(8, 3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stats = train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=0.1), epochs=1, batch_size=32,
                             noise_multiplier=SIGMA, max_grad_norm=CLIP, seed=0, noise=noise)
        assert stats.sample_rate == 0.5 and len(seen) == 2
        replay = NoiseSource.reproducible(*PARTS)
        guessed = []
        for _ in seen:
            guessed.append(np.flatnonzero(replay.uniform(len(y)) < stats.sample_rate))
            for p in module.parameters():  # the step's noise draws come next in the stream
                replay.torch_normal(SIGMA * CLIP, p.detach())
        matches = [np.array_equal(a, b) for a, b in zip(seen, guessed)]
        assert all(matches) if replayable else not any(matches)


def test_two_secret_trainings_differ_two_reproducible_ones_are_identical() -> None:
    x, y = _data(64, 8, 3)

    def train(noise: NoiseSource) -> np.ndarray:
        module = _linear(8, 3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            train_dp(module, x, y, torch.optim.SGD(module.parameters(), lr=0.1), epochs=2, batch_size=32,
                     noise_multiplier=SIGMA, max_grad_norm=CLIP, seed=0, noise=noise)
        return _flat(module)

    secret_a, secret_b = train(NoiseSource.secret()), train(NoiseSource.secret())
    assert not np.allclose(secret_a, secret_b)
    same_a, same_b = train(NoiseSource.reproducible(*PARTS)), train(NoiseSource.reproducible(*PARTS))
    assert np.array_equal(same_a, same_b)
    other = train(NoiseSource.reproducible(*PARTS[:-1], 2))  # another attempt: other noise
    assert not np.allclose(same_a, other)


# ------------------------------------------------------------------ 2. feature statistics
K, D, R = 5, 6, 16
STATS_PARTS = (0, "plant-a", "run-1", 1, "feature-stats")


def _features(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(200, D)), rng.integers(0, K, size=200)


def _replayed_stats_noise(sigma: float) -> dict[str, np.ndarray]:
    """noisy_queries' draws in its order: class sums, class counts, RFF sum, then the second moment's
    upper triangle (mirrored)."""
    replay = NoiseSource.reproducible(*STATS_PARTS)
    out = {"class_sums": replay.normal(0.0, sigma * CLIP, (K, D)), "class_counts": replay.normal(0.0, sigma, (K,)),
           "rff_sum": replay.normal(0.0, sigma * math.sqrt(2.0), (R,))}
    upper = np.triu(replay.normal(0.0, sigma * CLIP**2, (D, D)))
    out["second_moment"] = upper + np.triu(upper, 1).T
    return out


def test_feature_stats_with_reproducible_noise_give_away_exact_counts_and_sums() -> None:
    features, labels = _features()
    rff = RffSpec(seed=0, num_features=R, bandwidth=1.0)
    true_counts = np.bincount(labels, minlength=K).astype(float)
    stats, _ = release_feature_stats(features, labels, K, noise_multiplier=SIGMA, clip_norm=CLIP, rff=rff,
                                     rng=NoiseSource.reproducible(*STATS_PARTS))
    z = _replayed_stats_noise(SIGMA)
    # the released counts (floored at 1 after the noise; ~40 per class, so never floored here)
    assert np.max(np.abs(stats.class_counts - z["class_counts"] - true_counts)) < 1e-6
    # every raw query comes out exact
    exact = noisy_queries(features, labels, K, noise_multiplier=0.0, clip_norm=CLIP, rff=rff, rng=None)
    noisy = noisy_queries(features, labels, K, noise_multiplier=SIGMA, clip_norm=CLIP, rff=rff,
                          rng=NoiseSource.reproducible(*STATS_PARTS))
    for name in QUERY_NAMES:
        assert np.max(np.abs(noisy[name] - z[name] - exact[name])) < 1e-6, name


def test_feature_stats_with_secret_noise_leave_noise_on_the_counts() -> None:
    features, labels = _features()
    rff = RffSpec(seed=0, num_features=R, bandwidth=1.0)
    true_counts = np.bincount(labels, minlength=K).astype(float)
    releases = 20  # K·20 = 100 counts: the residual's size is then sure, not luck
    residuals = []
    for _ in range(releases):
        stats, _ = release_feature_stats(features, labels, K, noise_multiplier=SIGMA, clip_norm=CLIP, rff=rff,
                                         rng=NoiseSource.secret())
        residuals.append(stats.class_counts - _replayed_stats_noise(SIGMA)["class_counts"] - true_counts)
    residual = np.concatenate(residuals)
    scale = SIGMA * math.sqrt(residual.size)  # the norm of the release's own noise
    assert 0.5 * scale <= np.linalg.norm(residual) <= 3.0 * scale
    assert np.mean(np.round(residual) == 0) < 0.5  # counts are not recovered


# ------------------------------------------------------------------ 3. plant-level DP on the aggregate
def _federation(seed: int = 2) -> tuple[dict[str, np.ndarray], list[dict[str, np.ndarray]]]:
    rng = np.random.default_rng(seed)
    current = {"w": rng.normal(size=(10, 10)).astype(np.float32), "b": rng.normal(size=10).astype(np.float32)}
    updates = [{k: (v + rng.normal(scale=s, size=v.shape)).astype(np.float32) for k, v in current.items()}
               for s in (0.05, 0.5)]  # one update inside the clip norm, one clipped
    return current, updates


def _clipped_mean(current, updates, clip: float) -> dict[str, np.ndarray]:
    deltas = []
    for u in updates:
        d = {k: u[k].astype(np.float64) - current[k] for k in current}
        norm = math.sqrt(sum(float(np.sum(v**2)) for v in d.values()))
        deltas.append({k: v * min(1.0, clip / norm) for k, v in d.items()})
    return {k: current[k] + np.mean([d[k] for d in deltas], axis=0) for k in current}


@pytest.mark.parametrize("reproducible", [True, False])
def test_plant_level_dp_noise_is_removable_only_when_reproducible(reproducible: bool) -> None:
    current, updates = _federation()
    k, seed, round_ = len(updates), 7, 0
    dp = ClientLevelDP(noise_multiplier=SIGMA, clip_norm=CLIP, delta=1e-5, seed=seed,
                       reproducible_noise=reproducible)
    released = dp.aggregate(current, [(u, 1.0) for u in updates])
    # a plant knows the seed and the round, and regenerates the noise in the aggregate's order
    replay = NoiseSource.reproducible("client-level-dp", seed, round_)
    std = SIGMA * CLIP / k
    recovered = {name: released[name].astype(np.float64) - replay.normal(0.0, std, current[name].shape)
                 for name in current}
    truth = _clipped_mean(current, updates, CLIP)
    residual = math.sqrt(sum(float(np.sum((recovered[n] - truth[n]) ** 2)) for n in current))
    d = sum(v.size for v in current.values())
    if reproducible:
        assert residual < 1e-4  # float32 rounding only: the exact mean of clipped updates
        # ... and with it the other plant's clipped update: K·mean − its own
        own = {n: _clipped_mean(current, updates[:1], CLIP)[n] - current[n] for n in current}
        other = {n: k * (recovered[n] - current[n]) - own[n] for n in current}
        other_truth = {n: _clipped_mean(current, updates[1:], CLIP)[n] - current[n] for n in current}
        assert max(float(np.max(np.abs(other[n] - other_truth[n]))) for n in current) < 1e-4
    else:
        expected = std * math.sqrt(d)  # σS/K·√d (the residual is ≈ √2 of it: two independent draws)
        assert 0.5 * expected <= residual <= 3.0 * expected
