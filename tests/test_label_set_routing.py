"""Never-had routing (issue 17, point 1): a plant's own model decides among its own classes, the
federated head among the classes it never had, for windows unlike every own class (the rule in a
real federation: tests/test_label_sets.py)."""

from __future__ import annotations

import numpy as np
import pytest

from common.transfer.routing import RoutingRule, fit_routing

CENTRES = np.array([[8.0, 0, 0, 0], [0, 8.0, 0, 0], [0, 0, 8.0, 0], [0, 0, 0, 8.0]])


def _windows(classes: list[int], n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.repeat(classes, n)
    return CENTRES[y] + rng.standard_normal((len(y), 4)), y


def _rule(rng: np.random.Generator) -> RoutingRule:
    own = np.array([True, True, False, False])
    fit_x, fit_y = _windows([0, 1], 40, rng)
    val_x, _ = _windows([0, 1], 10, rng)
    # a federated head that knows classes 2 and 3 (rows along their centres) and overrates them everywhere
    weight, bias = CENTRES / 8.0, np.array([0.0, 0.0, 20.0, 20.0])
    return fit_routing(fit_x, fit_y, val_x, own, weight, bias)


def test_windows_unlike_every_own_class_go_to_the_never_had_classes():
    rng = np.random.default_rng(0)
    rule = _rule(rng)
    x, y = _windows([0, 1, 2, 3], 30, rng)
    kept_logits = x @ CENTRES.T / 8.0   # the kept model: fine on own classes, claims nothing else
    pred = rule.predict(x, kept_logits)
    assert (pred == y).mean() >= 0.95, pred
    # the federated head alone would call every own window a never-had class (its +20 bias)
    assert ((x @ rule.never_weight.T).max(axis=1) + 20.0 > kept_logits.max(axis=1)).all()


def test_threshold_is_the_largest_own_validation_score():
    rng = np.random.default_rng(1)
    own = np.array([True, True, False, False])
    fit_x, fit_y = _windows([0, 1], 40, rng)
    val_x, _ = _windows([0, 1], 10, rng)
    rule = fit_routing(fit_x, fit_y, val_x, own, CENTRES / 8.0, np.zeros(4))
    assert rule.threshold == pytest.approx(rule.scores(val_x).max())
    assert not (rule.scores(val_x) > rule.threshold).any()
    assert rule.n_reference == 20   # 10 per own class


def test_rule_round_trips_and_a_damaged_record_is_none():
    rule = _rule(np.random.default_rng(2))
    back = RoutingRule.from_dict(rule.to_dict())
    assert back is not None and back.threshold == rule.threshold and back.own.tolist() == rule.own.tolist()
    x, _ = _windows([0, 2], 5, np.random.default_rng(3))
    assert np.array_equal(back.predict(x, np.zeros((len(x), 4))), rule.predict(x, np.zeros((len(x), 4))))
    broken = rule.to_dict() | {"never_bias": [1.0]}   # wrong shape
    assert RoutingRule.from_dict(broken) is None
    assert RoutingRule.from_dict(None) is None and RoutingRule.from_dict({"own": [True]}) is None


def test_a_plant_with_every_class_or_none_gets_no_rule():
    rng = np.random.default_rng(4)
    x, y = _windows([0, 1], 10, rng)
    with pytest.raises(ValueError, match="some own classes and some never-had"):
        fit_routing(x, y, x, np.ones(4, bool), CENTRES, np.zeros(4))
    with pytest.raises(ValueError, match=r"own classes \[2\] have no fit window"):
        fit_routing(x, y, x, np.array([True, True, True, False]), CENTRES, np.zeros(4))


def test_a_never_had_class_no_plant_had_labels_for_is_never_routed_to():
    """Class 3 was learnt by no plant (its head row untrained; here it overrates itself most): with
    ``learnt`` the rule sends a window unlike every own class only to class 2, keeps that through a round
    trip, and refuses to exist when no never-had class was learnt at all."""
    rng = np.random.default_rng(4)
    own = np.array([True, True, False, False])
    fit_x, fit_y = _windows([0, 1], 40, rng)
    val_x, _ = _windows([0, 1], 10, rng)
    weight, bias = CENTRES / 8.0, np.array([0.0, 0.0, 0.0, 50.0])
    learnt = np.array([True, True, True, False])
    rule = fit_routing(fit_x, fit_y, val_x, own, weight, bias, learnt=learnt)
    assert rule.reachable is not None and rule.reachable.tolist() == [True, False]
    x, _ = _windows([2, 3], 30, rng)
    assert set(rule.predict(x, np.zeros((len(x), 4))).tolist()) == {2}
    unrestricted = fit_routing(fit_x, fit_y, val_x, own, weight, bias)
    assert set(unrestricted.predict(x, np.zeros((len(x), 4))).tolist()) == {3}   # what it did before
    back = RoutingRule.from_dict(rule.to_dict())
    assert back is not None and back.reachable is not None and back.reachable.tolist() == [True, False]
    assert RoutingRule.from_dict(rule.to_dict() | {"reachable": [False, False]}) is None
    with pytest.raises(ValueError, match="no class this plant never had was learnt"):
        fit_routing(fit_x, fit_y, val_x, own, weight, bias, learnt=np.array([True, True, False, False]))
