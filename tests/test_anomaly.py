"""common/anomaly: PCA T²/SPE limits, the feature detector, calibration, persistence and metrics,
against answers known by hand or from distribution theory."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from common.anomaly.calibration import Threshold, alarms, calibrate, persistent_alarms
from common.anomaly.evaluate import evaluate_scores
from common.anomaly.feature import FeatureMahalanobis, ledoit_wolf
from common.anomaly.metrics import (
    alarm_events,
    auroc,
    detection_delay,
    detection_rate,
    false_alarms_per_day,
)
from common.anomaly.pca import (
    PcaT2Spe,
    fit_pca,
    n_components_for,
    rows_of,
    spe_limit_box,
    spe_limit_jackson_mudholkar,
    t2_limit,
)


# ---------------------------------------------------------------- PCA limits
def test_t2_limit_tends_to_chi2_for_many_rows() -> None:
    assert t2_limit(3, 10**7, 0.01) == pytest.approx(stats.chi2.ppf(0.99, 3), rel=1e-3)


def test_t2_limit_hand_value() -> None:
    # a(n-1)(n+1)/(n(n-a)) F_{a,n-a}(0.95), a=2, n=20
    expected = 2 * 19 * 21 / (20 * 18) * stats.f.ppf(0.95, 2, 18)
    assert t2_limit(2, 20, 0.05) == pytest.approx(expected)
    with pytest.raises(ValueError, match="more training rows"):
        t2_limit(5, 5, 0.01)


def test_spe_limits_equal_residual_eigenvalues_are_chi2() -> None:
    # r equal unit residual eigenvalues: SPE is exactly chi²_r; Box is exact, Jackson–Mudholkar close
    lam = np.ones(6)
    exact = stats.chi2.ppf(0.99, 6)
    assert spe_limit_box(lam, 0.01) == pytest.approx(exact)
    assert spe_limit_jackson_mudholkar(lam, 0.01) == pytest.approx(exact, rel=0.03)


def test_n_components_by_explained_variance() -> None:
    assert n_components_for(np.array([5.0, 3.0, 1.0, 1.0]), 0.8) == 2
    assert n_components_for(np.array([5.0, 3.0, 1.0, 1.0]), 0.81) == 3
    assert n_components_for(np.array([5.0, 3.0, 1.0, 1.0]), 1.0) == 3   # at most C - 1: SPE keeps a residual


def test_rows_of_windows() -> None:
    x = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)   # (N, C, L)
    rows = rows_of(x)
    assert rows.shape == (8, 3)
    np.testing.assert_array_equal(rows[1], x[0, :, 1])


def _latent_rows(n: int, rng: np.random.Generator) -> np.ndarray:
    """Rows of 8 variables driven by 2 latent factors plus independent noise."""
    w = np.array([[1, 1, 1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1, -1, -1]], dtype=np.float64)
    return rng.standard_normal((n, 2)) @ w * 3.0 + rng.standard_normal((n, 8))


def test_classical_limits_hold_their_rate_on_independent_gaussian_rows() -> None:
    rng = np.random.default_rng(0)
    model = fit_pca(_latent_rows(5000, rng), explained=0.8, alpha=0.01)
    assert model.n_components == 2
    t2, spe = model.t2_spe(_latent_rows(40000, rng))
    assert (t2 > model.t2_limit).mean() == pytest.approx(0.01, abs=0.004)
    assert (spe > model.spe_limit).mean() == pytest.approx(0.01, abs=0.004)
    assert model.t2_limit_empirical == pytest.approx(model.t2_limit, rel=0.15)


def test_pca_detector_scores_a_shift_above_normal_and_round_trips() -> None:
    rng = np.random.default_rng(1)
    windows = _latent_rows(200 * 10, rng).reshape(200, 10, 8).transpose(0, 2, 1).astype(np.float32)
    det = PcaT2Spe(explained=0.8).fit(windows[:150])
    normal = det.score(windows[150:])
    fault = windows[150:].copy()
    fault[:, 5, :] += 4.0   # breaks the correlation structure: SPE
    assert det.score(fault).min() > np.quantile(normal, 0.99)
    again = PcaT2Spe.from_state(det.state())
    np.testing.assert_allclose(again.score(fault), det.score(fault))
    with pytest.raises(ValueError, match="windows"):
        det.score(windows[0])


def test_pca_needs_enough_rows() -> None:
    with pytest.raises(ValueError, match="more normal rows"):
        fit_pca(np.zeros((5, 8)))


# ---------------------------------------------------------------- feature detector
def test_ledoit_wolf_hand_case() -> None:
    z = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    cov, s = ledoit_wolf(z)
    # S = 0.5 I already is the target: δ = 0, full shrinkage onto μI
    np.testing.assert_allclose(cov, 0.5 * np.eye(2))
    assert s == 1.0


def test_ledoit_wolf_shrinks_more_with_fewer_samples() -> None:
    rng = np.random.default_rng(0)
    cov_true = np.diag(np.linspace(1, 3, 20))
    few = rng.multivariate_normal(np.zeros(20), cov_true, size=15)
    many = rng.multivariate_normal(np.zeros(20), cov_true, size=5000)
    assert ledoit_wolf(few - few.mean(0))[1] > ledoit_wolf(many - many.mean(0))[1]


def test_feature_mahalanobis_is_chi2_like_and_round_trips() -> None:
    rng = np.random.default_rng(2)
    a = rng.standard_normal((6, 6))
    f = rng.standard_normal((20000, 6)) @ a
    det = FeatureMahalanobis().fit(f[:10000])
    d2 = det.score(f[10000:])
    assert d2.mean() == pytest.approx(6.0, rel=0.05)   # E[χ²_6] = 6
    np.testing.assert_allclose(FeatureMahalanobis.from_state(det.state()).score(f[:5]), det.score(f[:5]))
    with pytest.raises(RuntimeError, match="fit"):
        FeatureMahalanobis().score(f)


# ---------------------------------------------------------------- calibration and persistence
def test_calibrate_conformal_rank() -> None:
    s = np.arange(1, 100, dtype=np.float64)   # m = 99
    assert calibrate(s, 0.01).value == 99.0   # k = ceil(100 · 0.99) = 99
    t = calibrate(s[::-1], 0.05)
    assert (t.value, t.rank, t.achieved_rate_bound) == (95.0, 95, 0.05)
    short = calibrate(np.arange(1, 51, dtype=np.float64), 0.01)   # k = 51 > m = 50
    assert short.value == 50.0 and short.achieved_rate_bound == pytest.approx(1 / 51)
    assert Threshold.from_dict(t.to_dict()) == t
    with pytest.raises(ValueError, match="false_alarm_rate"):
        calibrate(s, 0.0)
    with pytest.raises(ValueError, match="none"):
        calibrate(np.array([]), 0.01)


def test_calibrated_threshold_keeps_the_false_alarm_rate() -> None:
    rng = np.random.default_rng(3)
    rates = [(rng.standard_normal(20000) > calibrate(rng.standard_normal(199), 0.05).value).mean()
             for _ in range(300)]
    assert np.mean(rates) <= 0.05 + 0.003   # exchangeable: E[rate] ≤ α
    assert np.mean(rates) >= 0.05 - 1 / 200 - 0.003


def test_persistence_k_of_n() -> None:
    exceed = np.array([1, 0, 1, 1, 0, 0, 1], dtype=bool)
    np.testing.assert_array_equal(persistent_alarms(exceed, 2, 3), [0, 0, 1, 1, 1, 0, 0])
    np.testing.assert_array_equal(persistent_alarms(exceed, 1, 1), exceed)
    with pytest.raises(ValueError, match="k <= n"):
        persistent_alarms(exceed, 3, 2)


def test_persistence_restarts_per_recording() -> None:
    scores = np.array([2.0, 2.0, 0.0, 2.0, 2.0])
    np.testing.assert_array_equal(alarms(scores, 1.0, 2, 2), [0, 1, 0, 0, 1])
    # a new recording starts at index 3: its first window cannot borrow index 1's exceedance
    np.testing.assert_array_equal(alarms(scores, 1.0, 2, 3, groups=np.array([0, 0, 0, 1, 1])), [0, 1, 1, 0, 1])


# ---------------------------------------------------------------- metrics
def test_auroc_known_values() -> None:
    assert auroc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1], dtype=bool)) == 0.75
    assert auroc(np.ones(6), np.array([0, 1, 0, 1, 0, 1], dtype=bool)) == 0.5
    assert auroc(np.array([3.0, 1.0]), np.array([1, 0], dtype=bool)) == 1.0
    assert math.isnan(auroc(np.ones(3), np.zeros(3, dtype=bool)))


def test_alarm_events_and_false_alarms_per_day() -> None:
    assert alarm_events(np.array([0, 1, 1, 0, 1], dtype=bool)) == 2
    assert alarm_events(np.array([1, 1, 1], dtype=bool), groups=np.array([0, 0, 1])) == 2
    alarm = np.zeros(2880, dtype=bool)   # 2880 windows every 30 s = one day
    alarm[100:105] = True
    assert false_alarms_per_day(alarm, 30.0) == pytest.approx(1.0)
    assert detection_rate(np.array([1, 0, 1, 1], dtype=bool), np.array([1, 1, 0, 0], dtype=bool)) == 0.5


def test_detection_delay() -> None:
    assert detection_delay(np.array([0, 0, 1, 1], dtype=bool), 36.0) == 72.0
    assert math.isnan(detection_delay(np.zeros(4, dtype=bool), 36.0))


def test_evaluate_scores_per_fault() -> None:
    # normal: 4 windows, one false exceedance; fault a detected from its 2nd window; fault b never
    y = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
    scores = np.array([0, 5, 0, 0, 0, 5, 5, 0, 0], dtype=np.float64)
    out = evaluate_scores(scores, y, 0, 1.0, ("normal", "a", "b"), stride_s=3600.0)
    assert out["false_alarm_rate"] == 0.25
    assert out["false_alarms_per_day"] == pytest.approx(1 / (4 / 24))
    assert out["detection_rate"] == pytest.approx(2 / 5)
    assert out["detection_rate/a"] == pytest.approx(2 / 3)
    assert out["delay_h/a"] == 1.0 and math.isnan(out["delay_h/b"])
    assert (out["n_normal"], out["n_abnormal"]) == (4.0, 5.0)
    # 2 of 2: the lone normal exceedance no longer alarms; fault a alarms from its 3rd window
    persistent = evaluate_scores(scores, y, 0, 1.0, ("normal", "a", "b"), 3600.0, k=2, n=2)
    assert persistent["false_alarm_rate"] == 0.0 and persistent["delay_h/a"] == 2.0


def test_split_fit_calibration_leaves_a_gap_for_overlapping_windows() -> None:
    from common.anomaly.calibration import split_fit_calibration

    fit, cal = split_fit_calibration(np.arange(100), 0.3, window_length=20, stride=10)
    assert list(cal) == list(range(70, 100)) and list(fit) == list(range(69))   # window 69 shares rows with 70
    fit, cal = split_fit_calibration(np.arange(10), 0.3, window_length=20, stride=20)
    assert list(fit) == list(range(7)) and list(cal) == [7, 8, 9]


def test_report_section_side_by_side_with_undetected_faults() -> None:
    from server.report import render_markdown

    fed = {"auroc": 0.9, "detection_rate": 0.5, "false_alarm_rate": 0.0, "target_false_alarm_rate": 0.01,
           "false_alarms_per_day": 0.0, "n_normal": 10.0, "n_abnormal": 20.0, "n_calibration": 100.0,
           "detection_rate/idv01": 1.0, "delay_h/idv01": 0.2, "detection_rate/idv03": 0.0}
    pca = {**fed, "auroc": 0.8, "detection_rate/idv03": 0.1, "delay_h/idv03": 30.0}
    results = {"task": "classification", "methods": [], "plants": {
        "m1": {"status": "ok", "metrics": {"anomaly_logit_mahalanobis": fed, "anomaly_pca_t2_spe": pca}},
        "m2": {"status": "ok", "metrics": {}}}}
    text = render_markdown(results, {})
    assert "## Anomaly detection" in text
    assert "| m1 | logit_mahalanobis | 0.900 | 0.500 |" in text and "| m1 | pca_t2_spe | 0.800 |" in text
    assert "| idv03 | 0.00 / not detected | 0.10 / 30.00 h |" in text
    assert "## Anomaly detection" not in render_markdown({"plants": {"m2": {"metrics": {}}}}, {})


def test_pca_on_raw_tep_mode1_matches_the_data_sets_sanity_check() -> None:
    """The data set's README: PCA on mode-1 normal rows (first 70 %), 35 components = 90 % of the
    variance, T² threshold at 1 % on the last 30 %: IDV1 detected on 1.00 of its rows, IDV3 on 0.01."""
    from tests.conftest import DATASETS

    path = DATASETS / "tep_multimode" / "mode1.npz"
    if not path.exists():
        pytest.skip(f"TEP data not found at {path}: set FACTORYFL_DATASETS or place ../shared/datasets")
    with np.load(path) as z:
        normal, idv01, idv03 = z["normal"].astype(np.float64), z["idv01"], z["idv03"]
    cut = int(0.7 * len(normal))
    model = fit_pca(normal[:cut], explained=0.90)
    assert model.n_components == 35
    threshold = calibrate(model.t2_spe(normal[cut:])[0], 0.01).value
    assert (model.t2_spe(idv01)[0] > threshold).mean() >= 0.99
    assert (model.t2_spe(idv03)[0] > threshold).mean() <= 0.03
