"""common/anomaly/smoothing: the EWMA of window scores, its weight per window length, the threshold
calibrated on smoothed held-out normal scores, and the config field that turns it on."""

from __future__ import annotations

import numpy as np
import pytest

from common.anomaly.calibration import alarms
from common.anomaly.smoothing import Smoothing, calibrate_smoothed, effective_count, ewma, step_weight


def test_step_weight_is_per_window_length_of_time() -> None:
    assert step_weight(0.2, 20, 20) == pytest.approx(0.2)
    assert step_weight(1.0, 10, 20) == 1.0
    half = step_weight(0.2, 10, 20)   # two half-window steps decay as much as one whole window
    assert (1 - half) ** 2 == pytest.approx(0.8)
    with pytest.raises(ValueError, match="smoothing weight"):
        step_weight(0.0, 20, 20)


def test_ewma_hand_values_start_level_and_restart_per_recording() -> None:
    s = np.array([1.0, 3.0, 5.0, 0.0, 2.0])
    z, expected = 10.0, []
    for v in s[:3]:
        z = 0.5 * v + 0.5 * z
        expected.append(z)
    z = 10.0
    for v in s[3:]:
        z = 0.5 * v + 0.5 * z
        expected.append(z)
    got = ewma(s, 0.5, 10.0, groups=np.array([7, 7, 7, 3, 3]))
    np.testing.assert_allclose(got, expected)
    np.testing.assert_allclose(ewma(s, 1.0, 10.0), s)


def test_smoothing_round_trips_and_old_records_mean_none() -> None:
    sm = Smoothing(0.2, 3.5)
    assert Smoothing.from_dict(sm.to_dict()) == sm
    assert Smoothing.from_dict(None) == Smoothing(1.0, 0.0)


def test_effective_count_of_independent_and_autocorrelated_scores() -> None:
    rng = np.random.default_rng(0)
    iid = rng.standard_normal(4000)
    assert effective_count(iid) == pytest.approx(4000, rel=0.1)
    ar = ewma(iid, 0.2, 0.0)   # AR(1) with ρ = 0.8: m (1 − ρ)/(1 + ρ) ≈ m / 9
    assert effective_count(ar) == pytest.approx(4000 / 9, rel=0.2)


def test_smoothed_threshold_keeps_the_rate_and_detects_a_small_shift_the_window_score_misses() -> None:
    """Independent window scores N(0, 1); a fault shifts them by 1 σ. At a 1 % calibrated rate
    the single window sees about 9 % of the fault; the smoothed score (λ = 0.2) about 75 %, and
    new normal recordings stay near 1 %."""
    rng = np.random.default_rng(1)
    cal = rng.standard_normal(20000)
    raw_sm, raw_thr, _ = calibrate_smoothed(cal, 0.01, 1.0, 20, 20)
    sm, thr, n_eff = calibrate_smoothed(cal, 0.01, 0.2, 20, 20)
    assert sm.start == pytest.approx(cal.mean()) and n_eff < len(cal) / 5
    normal = rng.standard_normal((50, 400))
    fault = rng.standard_normal((50, 400)) + 1.0
    groups = np.repeat(np.arange(50), 400)

    def rate(x: np.ndarray, smoothing: Smoothing, threshold: float) -> float:
        return float(alarms(smoothing.apply(x.ravel(), 20, 20, groups), threshold).mean())

    assert rate(normal, sm, thr.value) < 0.02 and rate(normal, raw_sm, raw_thr.value) < 0.02
    assert rate(fault, raw_sm, raw_thr.value) < 0.15
    assert rate(fault, sm, thr.value) > 0.6


def test_calibrate_smoothed_refuses_non_finite_scores() -> None:
    with pytest.raises(ValueError, match="finite"):
        calibrate_smoothed(np.array([1.0, np.nan]), 0.01, 0.2, 10, 20)


def test_detector_smoothing_is_checked(tmp_path) -> None:
    from common.config.schema import DetectorConfig

    assert any("smoothing must be in (0, 1]" in p for p in DetectorConfig(smoothing=0.0).problems())
    assert any("smoothing" in p for p in DetectorConfig(smoothing=1.5).problems())
    assert not DetectorConfig(smoothing=0.2).problems()


def test_time_folds_hold_every_window_out_once_and_keep_the_overlap_out_of_the_fit() -> None:
    from common.anomaly.calibration import time_folds

    folds = time_folds(20, 4, gap=1)
    held = np.concatenate([h for _, h in folds])
    np.testing.assert_array_equal(held, np.arange(20))
    fit, block = folds[1]   # windows 5..9 held out; 4 and 10 share rows with them
    np.testing.assert_array_equal(block, np.arange(5, 10))
    assert not set(fit) & {4, 5, 6, 7, 8, 9, 10} and set(fit) == set(range(20)) - set(range(4, 11))
    with pytest.raises(ValueError, match="folds"):
        time_folds(3, 4, gap=0)


def test_cross_fitted_scores_are_out_of_fold() -> None:
    from common.anomaly.calibration import cross_fitted_scores, time_folds
    from common.anomaly.feature import FeatureMahalanobis

    rng = np.random.default_rng(3)
    f = rng.standard_normal((300, 4))
    oof = cross_fitted_scores(FeatureMahalanobis, f, 3, gap=2)
    fit, held = time_folds(300, 3, gap=2)[2]
    np.testing.assert_allclose(oof[held], FeatureMahalanobis().fit(f[fit]).score(f[held]))
    in_sample = FeatureMahalanobis().fit(f).score(f)
    assert oof.mean() > in_sample.mean()   # a detector scores the windows it was fitted on lower


def test_cross_fit_folds_is_checked() -> None:
    from common.config.schema import DetectorConfig

    assert any("cross_fit_folds" in p for p in DetectorConfig(cross_fit_folds=1).problems())
    assert not DetectorConfig(cross_fit_folds=5).problems()


def test_too_few_independent_windows_are_named() -> None:
    from common.anomaly.smoothing import too_few_independent

    assert too_few_independent(150.0, 0.01) is None
    text = too_few_independent(6.2, 0.01)
    assert text is not None and "about 6 independent windows" in text and "needs about 99" in text


def test_chart_union_alarms_when_any_chart_does() -> None:
    from common.anomaly.smoothing import chart_union

    a, b = np.array([1.0, 5.0, 2.0]), np.array([30.0, 10.0, 50.0])
    np.testing.assert_allclose(chart_union([(a, 4.0), (b, 40.0)]), [0.75, 1.25, 1.25])
    with pytest.raises(ValueError, match="at least one chart"):
        chart_union([])


def test_auto_smoothing_keeps_the_smallest_weight_with_enough_independent_windows() -> None:
    """200 independent scores, windows a whole length apart: λ = 1 keeps ≈ 200 independent windows,
    0.7 (ρ ≈ 0.3) ≈ 200·0.7/1.3 ≈ 108, 0.5 (ρ ≈ 0.5) ≈ 67 < 99: the rule keeps 0.7 and stops there."""
    from common.anomaly.smoothing import choose_weight

    rng = np.random.default_rng(5)
    choice = choose_weight(rng.standard_normal(200), 0.01, 20, 20)
    assert choice.weight == 0.7 and list(choice.counts) == [1.0, 0.7, 0.5]
    assert choice.counts[0.7] >= 99 > choice.counts[0.5] and choice.needed == pytest.approx(99)
    assert "λ=0.7, the smallest" in choice.reason() and "λ=0.5: " in choice.reason()
    many = choose_weight(rng.standard_normal(5000), 0.01, 20, 20)   # plenty of normal data: the strongest
    assert many.weight == 0.2 and many.counts[0.2] >= 99 and "0.2" in str(many.to_dict()["counts"])
    loose = choose_weight(rng.standard_normal(200), 0.05, 20, 20)   # a 5 % rate needs only 19
    assert loose.weight == 0.2


def test_auto_smoothing_falls_back_to_none_when_even_window_scores_are_too_few() -> None:
    from common.anomaly.smoothing import choose_weight

    walk = np.cumsum(np.random.default_rng(6).standard_normal(300))   # ρ ≈ 1: few independent windows
    choice = choose_weight(walk, 0.01, 10, 20)
    assert choice.weight == 1.0 and list(choice.counts) == [1.0]
    assert "even the window scores" in choice.reason()
    with pytest.raises(ValueError, match="finite"):
        choose_weight(np.array([np.inf, 1.0]), 0.01, 10, 20)


def test_detector_smoothing_auto_is_accepted_and_a_wrong_word_is_named(tmp_path) -> None:
    from common.config import ConfigError, load_scenario
    from common.config.schema import DetectorConfig
    from tests.test_anomaly_federation import _scenario

    assert not DetectorConfig(smoothing="auto").problems()
    scenario = load_scenario(_scenario(tmp_path, {"name": "pca_t2_spe", "smoothing": "auto"}))
    assert scenario.plants[2].detector is not None and scenario.plants[2].detector.smoothing == "auto"
    with pytest.raises(ConfigError) as err:
        load_scenario(_scenario(tmp_path, {"name": "pca_t2_spe", "smoothing": "fast"}))
    assert "plants[2].detector.smoothing" in str(err.value) and "auto" in str(err.value)
