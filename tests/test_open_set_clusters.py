"""Open set, the unlabelled target's score (issue 17, point 2): the released covariance's diagonal
shrunk by its DP noise, and the distance averaged over clusters of the plant's own windows."""

from __future__ import annotations

import numpy as np
import pytest

from common.transfer.open_set import (
    Clusters,
    OpenSetRule,
    auroc,
    calibrate,
    denoised_diagonal,
    fit_clusters,
    gaussians_from_stats,
    known_classes,
    two_means,
)
from common.transfer.stats import RffSpec, exact_feature_stats, release_feature_stats


def test_the_diagonal_is_shrunk_by_the_share_of_its_spread_that_is_noise():
    d = np.array([1.0, 2.0, 3.0, 6.0])                                   # mean 3, variance 3.5
    assert np.allclose(denoised_diagonal(d, 0.0), d)                      # no noise: as released
    assert np.allclose(denoised_diagonal(d, 10.0), 3.0)                   # spread within noise: isotropic
    w = (3.5 - 1.5) / (3.5 - 1.5 + 1.5)
    assert np.allclose(denoised_diagonal(d, 1.5), 3.0 + w * (d - 3.0))
    assert np.allclose(denoised_diagonal(np.array([-1.0, 0.5]), 0.1), 1.0)   # no positive scale: unit


def test_noise_dominated_released_statistics_give_a_euclidean_distance():
    rng = np.random.default_rng(0)
    centres = np.array([[3.0, 0, 0, 0], [0, 3.0, 0, 0], [0, 0, 3.0, 0]])
    y = rng.integers(0, 2, 400)                                          # class 2: no source has it
    f = centres[y] + rng.standard_normal((400, 4)) * np.array([0.1, 1.0, 0.1, 1.0])
    exact = exact_feature_stats(f, y, 3, clip_norm=10.0, rff=RffSpec())
    means, precision = gaussians_from_stats(exact)
    assert known_classes(exact).tolist() == [True, True, False] and len(means) == 2
    assert np.ptp(np.diag(precision)) > 1.0                              # exact: the diagonal as it is
    noisy, _ = release_feature_stats(f, y, 3, noise_multiplier=3.0, clip_norm=10.0, rff=RffSpec(),
                                     rng=np.random.default_rng(1))       # noise per entry ≈ 3·100/400
    _, precision = gaussians_from_stats(noisy)
    assert np.allclose(precision, precision[0, 0] * np.eye(4))          # below its noise: isotropic


def test_two_means_splits_two_groups_and_is_deterministic():
    rng = np.random.default_rng(2)
    x = np.concatenate([rng.standard_normal((30, 5)), 6.0 + rng.standard_normal((50, 5))])
    side = two_means(x)
    assert side[:30].all() != side[30:].all() and len(set(side[:30])) == 1 and len(set(side[30:])) == 1
    assert (two_means(x) == side).all()


def _merged_target(rng: np.random.Generator, n: int = 120):
    """Three known classes; the unknown fault sits beside class 0 and is predicted as class 0. Every
    window's distance to the released means varies a lot (noisy means), its cluster's mean less."""
    centres = np.array([[0.0, 0, 0, 0], [8.0, 0, 0, 0], [0, 8.0, 0, 0]])
    unknown_centre = np.array([0.0, 0, 3.0, 0])
    x = np.concatenate([centres[k] + rng.standard_normal((n, 4)) for k in range(3)]
                       + [unknown_centre + rng.standard_normal((n, 4))])
    truth = np.repeat([0, 1, 2, 3], n)
    predicted = np.where(truth == 3, 0, truth)
    released = centres + np.array([0.0, 0, 0.8, 1.5])                    # DP noise / domain shift on the means
    return x, truth, predicted, released


def test_cluster_averaging_separates_a_fault_merged_into_a_known_class():
    rng = np.random.default_rng(3)
    x, truth, predicted, released = _merged_target(rng)
    rule = OpenSetRule(released, np.eye(4), np.inf)
    own = rule.scores(x)
    clusters = fit_clusters(x, predicted, own)
    assert len(clusters.centroids) == 6                                  # every predicted class split in two
    new_x, new_truth, _, _ = _merged_target(rng)                         # new windows of the same plant
    smoothed = OpenSetRule(released, np.eye(4), np.inf, clusters=clusters).scores(new_x)
    window_only, pooled = auroc(rule.scores(new_x), new_truth == 3), auroc(smoothed, new_truth == 3)
    assert window_only < 0.8 and pooled > window_only + 0.1, (window_only, pooled)
    # a window outside every cluster keeps its own distance; inside one it takes the cluster's mean
    far = np.array([[30.0, 30.0, 30.0, 30.0]])
    assert smoothed.max() < OpenSetRule(released, np.eye(4), np.inf, clusters=clusters).scores(far)[0] \
        == pytest.approx(rule.scores(far)[0])
    inside = clusters.centroids[:1]
    assert clusters.smooth(inside, np.array([123.0]))[0] == pytest.approx(0.5 * (123.0 + clusters.scores[0]))


def test_a_rule_with_clusters_is_calibrated_stored_and_read_back():
    rng = np.random.default_rng(4)
    x, _, predicted, released = _merged_target(rng)
    clusters = fit_clusters(x, predicted, OpenSetRule(released, np.eye(4), np.inf).scores(x))
    rule = calibrate(x, released, np.eye(4), "unlabelled training windows", "source statistics",
                     robust=True, clusters=clusters)
    assert rule.clusters is clusters and np.isfinite(rule.threshold)
    assert rule.reference.endswith("(median/MAD of log scores)")
    back = OpenSetRule.from_dict(rule.to_dict())
    assert back is not None and back.clusters is not None
    assert np.allclose(back.scores(x), rule.scores(x)) and back.threshold == rule.threshold
    broken = rule.to_dict()
    broken["clusters"] = {**broken["clusters"], "radii": [1.0]}          # J radii for J centroids
    assert OpenSetRule.from_dict(broken) is None
    plain = {k: v for k, v in rule.to_dict().items() if k != "clusters"}  # a rule stored before clusters
    old = OpenSetRule.from_dict(plain)
    assert old is not None and old.clusters is None


def test_fit_clusters_keeps_small_groups_whole_and_refuses_none():
    x = np.arange(12, dtype=float).reshape(6, 2)
    clusters = fit_clusters(x, np.array([0, 0, 0, 1, 1, 1]), np.arange(6.0))
    assert len(clusters.centroids) == 2 and np.allclose(clusters.scores, [1.0, 4.0])
    assert isinstance(clusters, Clusters)
    with pytest.raises(ValueError):
        fit_clusters(x, np.full(6, -1), np.zeros(6))


def test_predict_scores_with_the_clusters_and_leaves_them_out_of_its_output(tmp_path):
    import torch

    from client.predict import load_personal_model, predict
    from tests.test_open_set import _state

    x = np.random.default_rng(5).standard_normal((6, 1, 64)).astype("float32")
    np.savez(tmp_path / "w.npz", x=x)
    plain = _state(tmp_path / "plain", OpenSetRule(np.zeros((1, 8)), np.eye(8), 1e30))
    model, _ = load_personal_model(plain)
    with torch.no_grad():
        f = model.extractor(torch.from_numpy(x)).numpy().astype(np.float64)
    # one cluster around all six windows, with mean score 1000: every window scores ½·(‖f‖² + 1000)
    clusters = Clusters(f.mean(axis=0, keepdims=True), np.array([1000.0]),
                        np.array([((f - f.mean(axis=0)) ** 2).sum(axis=1).max() + 1.0]))
    out = predict(_state(tmp_path / "clustered", OpenSetRule(np.zeros((1, 8)), np.eye(8), 499.0, clusters=clusters)),
                  tmp_path / "w.npz")
    expected = 0.5 * ((f ** 2).sum(axis=1) + 1000.0)
    assert [row["unknown_score"] for row in out["predictions"]] == pytest.approx(expected.tolist(), rel=1e-5)
    assert all(row["class"] == "unknown" for row in out["predictions"])
    assert "clusters" not in out["open_set"] and "means" not in out["open_set"]
