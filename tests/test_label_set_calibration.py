"""Never-had routing calibrated with the other plants' released DP statistics (issue 17, point 1;
``common.transfer.calibration``): pure functions, no network (the rule in a federation:
tests/test_label_sets.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from common.transfer.calibration import inflation, never_had_gaussians, released_classes, squared_distances
from common.transfer.routing import RoutingRule, fit_routing
from common.transfer.stats import RffSpec, aggregate, release_feature_stats

CENTRES = np.array([[8.0, 0, 0, 0], [0, 8.0, 0, 0], [0, 0, 8.0, 0], [0, 0, 0, 8.0]])
OWN = np.array([True, True, False, False])
RFF = RffSpec(seed=0, num_features=16, bandwidth=10.0)


def _windows(classes: list[int], n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.repeat(classes, n)
    return CENTRES[y] + rng.standard_normal((len(y), 4)), y


def _released(rng: np.random.Generator, sigma: float = 1.0, holders: tuple[list[int], ...] = ([0, 2, 3], [1, 2, 3])):
    """The relayed aggregate of two other plants' DP releases (σ, clip 20) over the classes they hold."""
    released = []
    for i, classes in enumerate(holders):
        x, y = _windows(classes, 150, rng)
        stats, history = release_feature_stats(x, y, 4, noise_multiplier=sigma, clip_norm=20.0, rff=RFF,
                                               rng=np.random.default_rng(10 + i))
        assert len(history) == 4   # four Gaussian queries, each accounted by the releasing plant
        released.append(stats)
    return aggregate(released)


def _rule(rng: np.random.Generator, stats=None, kept_logits_of=None) -> RoutingRule:
    fit_x, fit_y = _windows([0, 1], 40, rng)
    val_x, val_y = _windows([0, 1], 10, rng)
    # a federated head that never learnt to tell the never-had classes apart (equal rows)
    weight, bias = np.zeros((4, 4)), np.zeros(4)
    labelled = (val_y, kept_logits_of(val_x)) if kept_logits_of else (None, None)
    return fit_routing(fit_x, fit_y, val_x, OWN, weight, bias, stats, *labelled)


def test_inflation_is_the_mean_squared_gap_of_the_own_class_means_per_dimension():
    own = np.array([[0.0, 0.0], [1.0, 1.0]])
    released = np.array([[1.0, 1.0], [1.0, 3.0]])   # gaps² 2 and 4, D = 2
    assert inflation(own, released) == pytest.approx((2 + 4) / 2 / 2)
    with pytest.raises(ValueError, match="same"):
        inflation(own, released[:1])


def test_a_class_no_plant_released_is_left_out_and_distances_to_it_are_infinite():
    stats = _released(np.random.default_rng(0), holders=([0, 2], [1, 2]))   # nobody had class 3
    assert released_classes(stats).tolist() == [True, True, True, False]
    cal = never_had_gaussians(*_windows([0, 1], 40, np.random.default_rng(1)), OWN, stats)
    assert np.isfinite(cal.means[0]).all() and np.isnan(cal.means[1]).all()
    d = squared_distances(CENTRES, cal.means, cal.precision)
    assert np.isinf(d[:, 1]).all() and np.isfinite(d[:, 0]).all()
    assert d[2, 0] == pytest.approx(d[:, 0].min())   # the class-2 centre is nearest to class 2's mean


def test_calibrated_rule_recognises_the_never_had_classes_the_federated_head_cannot_tell_apart():
    rng = np.random.default_rng(2)
    stats = _released(rng)
    x, y = _windows([0, 1, 2, 3], 40, rng)
    kept = x @ CENTRES.T / 8.0
    never = ~OWN[y]
    plain = _rule(np.random.default_rng(3))
    calibrated = _rule(np.random.default_rng(3), stats)
    assert calibrated.calibrated and not plain.calibrated
    assert calibrated.calibration is not None and 0 < calibrated.calibration.inflation < 1.0
    p_plain, p_cal = plain.predict(x, kept), calibrated.predict(x, kept)
    # uncalibrated: the head's never-had rows are equal, so every routed window gets the first never-had class
    assert (p_plain[never] == y[never]).mean() <= 0.6
    assert (p_cal[never] == y[never]).mean() >= 0.95, p_cal[never]
    assert (p_cal[~never] == y[~never]).mean() >= (p_plain[~never] == y[~never]).mean() - 0.02


def test_heavy_dp_noise_widens_the_never_had_gaussians():
    quiet = never_had_gaussians(*_windows([0, 1], 40, np.random.default_rng(4)), OWN,
                                _released(np.random.default_rng(5), sigma=0.5))
    noisy = never_had_gaussians(*_windows([0, 1], 40, np.random.default_rng(4)), OWN,
                                _released(np.random.default_rng(5), sigma=20.0))
    assert noisy.inflation > 4 * quiet.inflation
    assert noisy.log_det_gap > quiet.log_det_gap > 0


def test_own_gaussians_decide_the_own_class_only_when_better_on_the_validation_windows():
    good = _rule(np.random.default_rng(6), None, lambda v: v @ CENTRES.T / 8.0)
    assert not good.own_by_gaussians   # a tie keeps the kept model
    swapped = _rule(np.random.default_rng(6), None, lambda v: v @ CENTRES[[1, 0, 2, 3]].T / 8.0)
    assert swapped.own_by_gaussians
    x, y = _windows([0, 1], 30, np.random.default_rng(7))
    wrong_kept = x @ CENTRES[[1, 0, 2, 3]].T / 8.0
    assert (swapped.predict(x, wrong_kept) == y).mean() >= 0.95


def test_the_calibrated_rule_survives_its_metadata_round_trip_and_a_damaged_one_is_refused():
    rng = np.random.default_rng(8)
    rule = _rule(rng, _released(rng, holders=([0, 2], [1, 2])), lambda v: v @ CENTRES.T / 8.0)
    again = RoutingRule.from_dict(rule.to_dict())
    assert again is not None and again.calibrated
    x, _ = _windows([0, 1, 2, 3], 20, rng)
    assert (again.predict(x, x @ CENTRES.T) == rule.predict(x, x @ CENTRES.T)).all()
    damaged = rule.to_dict()
    damaged["calibration"]["precision"] = [[1.0]]
    assert RoutingRule.from_dict(damaged) is None
    old = rule.to_dict()
    del old["calibration"], old["own_by_gaussians"]   # a rule stored before calibration existed
    loaded = RoutingRule.from_dict(old)
    assert loaded is not None and not loaded.calibrated
    assert (loaded.predict(x, x @ CENTRES.T)
            == dataclasses.replace(rule, calibration=None).predict(x, x @ CENTRES.T)).all()


def test_statistics_of_another_model_are_refused_with_the_shapes():
    rng = np.random.default_rng(9)
    stats = _released(rng)
    fit_x, fit_y = _windows([0, 1], 20, rng)
    with pytest.raises(ValueError, match="4 classes × 4 features"):
        never_had_gaussians(np.hstack([fit_x, fit_x]), fit_y, OWN, stats)
    with pytest.raises(ValueError, match="never had was released"):
        never_had_gaussians(fit_x, fit_y, OWN, _released(rng, holders=([0, 1], [0, 1])))


def test_statistics_are_asked_for_only_when_another_plant_may_hold_a_class_this_one_lacks():
    from server.federation import never_had_from_others

    union = ("normal", "ball", "inner", "outer")
    own = ["normal", "ball"]
    assert never_had_from_others(own, [["normal", "inner"]], union)
    assert never_had_from_others(own, [["normal", "ball"], None], union)          # one did not say: it may
    assert not never_had_from_others(own, [["normal", "ball"], ["ball"]], union)  # all lack inner and outer
    assert not never_had_from_others(own, [], union)
