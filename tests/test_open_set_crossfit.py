"""A plant with few labels (no validation split) sets its unknown threshold on out-of-fold scores:
scored on the windows its class Gaussians were fitted on, every new window of a known class would
look unknown."""

from __future__ import annotations

import numpy as np

from common.transfer.open_set import calibrate, cross_fitted_scores, fit_class_gaussians


def _classes(rng: np.random.Generator, per_class: int, dim: int = 32, k: int = 5):
    centres = rng.normal(0, 3, (k, dim))
    y = np.repeat(np.arange(k), per_class)
    return centres[y] + rng.normal(0, 1, (len(y), dim)), y, centres


def test_out_of_fold_thresholds_keep_new_known_windows_known():
    rng = np.random.default_rng(0)
    x, y, centres = _classes(rng, per_class=4)
    fresh_y = np.repeat(np.arange(5), 200)
    fresh = centres[fresh_y] + rng.normal(0, 1, (len(fresh_y), 32))
    means, precision = fit_class_gaussians(x, y, 5)
    in_sample = calibrate(x, means, precision, "labelled", "labelled", q=0.95)
    cross = cross_fitted_scores(x, y, 5)
    assert cross is not None and cross.shape == (20,)
    out_of_fold = calibrate(x, means, precision, "labelled", "labelled", q=0.95, reference_scores=cross)
    unknown_in = float(in_sample.is_unknown(in_sample.scores(fresh)).mean())
    unknown_oof = float(out_of_fold.is_unknown(out_of_fold.scores(fresh)).mean())
    assert unknown_in > 0.9                 # the bias: new windows of known classes called unknown
    assert unknown_oof < 0.1, unknown_oof   # out-of-fold: they stay known (0.3 % here)
    assert out_of_fold.threshold > in_sample.threshold


def test_folds_follow_each_class_and_a_single_window_class_gives_none():
    rng = np.random.default_rng(1)
    x, y, _ = _classes(rng, per_class=3, dim=4, k=2)
    assert cross_fitted_scores(x, y, 2) is not None          # 3 windows per class: 3 folds
    assert cross_fitted_scores(x[:4], np.array([0, 0, 0, 1]), 2) is None
