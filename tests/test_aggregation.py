"""Aggregation of the shared parameters, checked against numbers computed by hand."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from common.config.schema import ModelConfig, StrategyConfig
from common.extensions.strategies import STRATEGIES
from common.models import build_model, load_shared, local_state, shared_state
from server.aggregation import (
    coordinate_median,
    make_aggregator,
    trimmed_mean,
    update_problems,
    weighted_mean,
)
from server.strategies.fedadam import FedAdam


def arr(*values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def assert_arrays(got: dict[str, np.ndarray], expected: dict[str, list], atol: float = 1e-6) -> None:
    assert set(got) == set(expected)
    for key, values in expected.items():
        assert got[key].dtype == np.float32
        np.testing.assert_allclose(got[key], np.asarray(values, dtype=np.float64), rtol=0, atol=atol)


# ----------------------------------------------------------------------------- pure functions

def test_weighted_mean_by_hand():
    updates = [
        ({"w": arr(1, 2), "b": arr(0)}, 1),
        ({"w": arr(5, 6), "b": arr(4)}, 3),
    ]
    # (1*[1,2] + 3*[5,6]) / 4 = [16/4, 20/4] = [4, 5];  (1*0 + 3*4) / 4 = 3
    assert_arrays(weighted_mean(updates), {"w": [4.0, 5.0], "b": [3.0]})


def test_weighted_mean_keeps_shapes_and_does_not_touch_inputs():
    a = {"m": np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)}
    b = {"m": np.array([[3.0, 2.0], [1.0, 0.0]], dtype=np.float32)}
    out = weighted_mean([(a, 2.0), (b, 2.0)])
    # equal weights: plain mean
    assert_arrays(out, {"m": [[2.0, 2.0], [2.0, 2.0]]})
    np.testing.assert_array_equal(a["m"], [[1, 2], [3, 4]])


def test_weighted_mean_rejects_bad_weights():
    with pytest.raises(ValueError, match="sum to zero"):
        weighted_mean([({"w": arr(1)}, 0), ({"w": arr(2)}, 0)])
    with pytest.raises(ValueError, match=">= 0"):
        weighted_mean([({"w": arr(1)}, -1), ({"w": arr(2)}, 2)])
    with pytest.raises(ValueError, match="no updates"):
        weighted_mean([])


def test_coordinate_median_three_plants():
    updates = [({"w": arr(1, 9, -2)}, 100), ({"w": arr(5, 0, 7)}, 1), ({"w": arr(3, 4, 100)}, 1)]
    # per coordinate: median(1,5,3)=3, median(9,0,4)=4, median(-2,7,100)=7; weights are ignored
    assert_arrays(coordinate_median(updates), {"w": [3.0, 4.0, 7.0]})


def test_coordinate_median_four_plants_takes_mean_of_middle_two():
    updates = [({"w": arr(1, 10)}, 1), ({"w": arr(2, 40)}, 1), ({"w": arr(4, 20)}, 1), ({"w": arr(100, 30)}, 1)]
    # sorted (1,2,4,100) -> (2+4)/2 = 3;  sorted (10,20,30,40) -> (20+30)/2 = 25
    assert_arrays(coordinate_median(updates), {"w": [3.0, 25.0]})


def test_trimmed_mean_five_plants_drops_one_each_end():
    updates = [
        ({"w": arr(1, -50)}, 1),
        ({"w": arr(2, 0)}, 1),
        ({"w": arr(3, 1)}, 1),
        ({"w": arr(4, 2)}, 1),
        ({"w": arr(100, 3)}, 1),
    ]
    # trim 0.2 * 5 = 1 from each end: mean(2,3,4) = 3;  sorted (-50,0,1,2,3) -> mean(0,1,2) = 1
    assert_arrays(trimmed_mean(updates, 0.2), {"w": [3.0, 1.0]})
    # trim 0: plain mean (1+2+3+4+100)/5 = 22;  (-50+0+1+2+3)/5 = -8.8
    assert_arrays(trimmed_mean(updates, 0.0), {"w": [22.0, -8.8]}, atol=1e-5)


def test_trimmed_mean_cut_is_floor_of_fraction_times_count():
    # ⌊0.29 * 100⌋ = 29 cut from each end (0.29 * 100 is 28.999999999999996 in floating point)
    updates = [({"w": arr(float(i * i))}, 1) for i in range(100)]
    kept = [i * i for i in range(29, 71)]  # 42 values left after cutting 29 + 29
    assert len(kept) == 100 - 2 * 29
    assert_arrays(trimmed_mean(updates, 0.29), {"w": [sum(kept) / len(kept)]}, atol=1e-3)


# ----------------------------------------------------------------------------- FedAdam

def adam(eta=0.1, beta_1=0.9, beta_2=0.99, tau=1e-3) -> FedAdam:
    return FedAdam(eta=eta, beta_1=beta_1, beta_2=beta_2, tau=tau)


def test_fedadam_one_step_by_hand():
    agg = adam()
    current = {"w": arr(0.0)}
    out = agg.aggregate(current, [({"w": arr(1.0)}, 2), ({"w": arr(1.0)}, 5)])
    # Δ = 1;  m = 0.1 * 1 = 0.1;  v = 0.01 * 1 = 0.01;  w = 0 + 0.1 * 0.1 / (sqrt(0.01) + 0.001)
    np.testing.assert_allclose(agg.m["w"], [0.1], rtol=1e-12)
    np.testing.assert_allclose(agg.v["w"], [0.01], rtol=1e-12)
    assert out["w"].dtype == np.float32
    np.testing.assert_allclose(out["w"], [0.1 * 0.1 / (0.1 + 0.001)], rtol=1e-6)
    np.testing.assert_array_equal(current["w"], [0.0])


def test_fedadam_second_step_keeps_state():
    agg = adam()
    w1 = agg.aggregate({"w": arr(0.0)}, [({"w": arr(1.0)}, 1)])
    w1_value = 0.1 * 0.1 / (0.1 + 0.001)  # 0.0990099...
    # second step: mean of updates = 2 -> Δ = 2 - w1
    w2 = agg.aggregate(w1, [({"w": arr(2.0)}, 1)])
    delta = 2.0 - float(w1["w"][0])
    m = 0.9 * 0.1 + 0.1 * delta
    v = 0.99 * 0.01 + 0.01 * delta**2
    np.testing.assert_allclose(agg.m["w"], [m], rtol=1e-6)
    np.testing.assert_allclose(agg.v["w"], [v], rtol=1e-6)
    np.testing.assert_allclose(w2["w"], [w1_value + 0.1 * m / (np.sqrt(v) + 0.001)], rtol=1e-6)
    # a fresh aggregator (no state) would give a different step
    fresh = adam().aggregate(w1, [({"w": arr(2.0)}, 1)])
    assert not np.allclose(fresh["w"], w2["w"])


def test_fedadam_state_dict_round_trip_gives_identical_next_step():
    rng = np.random.default_rng(0)
    current = {"a": rng.standard_normal((3, 2)).astype(np.float32), "b": rng.standard_normal(4).astype(np.float32)}

    def ups(scale):
        return [({k: v + scale * (i + 1) for k, v in current.items()}, float(i + 1)) for i in range(3)]

    original = adam()
    current = original.aggregate(current, ups(0.5))
    saved = original.state_dict()
    assert set(saved) == {"m", "v"} and set(saved["m"]) == {"a", "b"}
    expected_next = original.aggregate(current, ups(-0.25))

    restored = adam()
    restored.load_state_dict(saved)
    got_next = restored.aggregate(current, ups(-0.25))
    for k in current:
        np.testing.assert_array_equal(got_next[k], expected_next[k])
        np.testing.assert_array_equal(restored.m[k], original.m[k])
        np.testing.assert_array_equal(restored.v[k], original.v[k])


def test_fedadam_uses_strategy_config():
    cfg = StrategyConfig(name="fedadam", server_learning_rate=0.5, beta_1=0.5, beta_2=0.75, tau=0.1)
    agg = make_aggregator(cfg)
    out = agg.aggregate({"w": arr(1.0)}, [({"w": arr(3.0)}, 1)])
    # Δ = 2; m = 0.5*2 = 1; v = 0.25*4 = 1; w = 1 + 0.5 * 1 / (1 + 0.1)
    np.testing.assert_allclose(out["w"], [1.0 + 0.5 / 1.1], rtol=1e-6)


# ----------------------------------------------------------------------------- cross-check with Flower

def test_weighted_mean_matches_flower_aggregate_arrayrecords():
    from flwr.app import Array, ArrayRecord, MetricRecord, RecordDict
    from flwr.serverapp.strategy.strategy_utils import aggregate_arrayrecords

    rng = np.random.default_rng(42)
    shapes = {"extractor.conv.weight": (4, 1, 3), "extractor.conv.bias": (4,), "reference_head.weight": (3, 4)}
    weights = [10.0, 25.0, 7.0]
    updates = [({k: rng.uniform(-1, 1, s).astype(np.float32) for k, s in shapes.items()}, w) for w in weights]

    records = [
        RecordDict({
            "arrays": ArrayRecord({k: Array(v) for k, v in arrays.items()}),
            "metrics": MetricRecord({"num-examples": w}),
        })
        for arrays, w in updates
    ]
    flower = aggregate_arrayrecords(records, "num-examples")
    ours = weighted_mean(updates)
    assert set(flower.keys()) == set(ours)
    for k in ours:
        theirs = flower[k].numpy()
        assert theirs.shape == ours[k].shape
        np.testing.assert_allclose(ours[k], theirs, rtol=0, atol=1e-6)


# ----------------------------------------------------------------------------- partial aggregation

def test_partial_aggregation_leaves_plant_local_head_alone():
    models = [build_model(in_channels=1, num_outputs=3, cfg=ModelConfig(), seed=0) for _ in range(3)]
    with torch.no_grad():
        for i, model in enumerate(models[:2]):
            gen = torch.Generator().manual_seed(i + 1)
            for param in model.parameters():
                param.add_(torch.randn(param.shape, generator=gen) * (0.1 * (i + 1)))

    states = [shared_state(m) for m in models[:2]]
    for state in states:
        assert state and not any(k.startswith("head.") for k in state)
        assert all(k.startswith(("extractor.", "reference_head.")) for k in state)
    assert any(k.startswith("head.") for k in models[0].state_dict()), "the model does have a personal head"

    aggregate = weighted_mean([({k: v.numpy() for k, v in s.items()}, w) for s, w in zip(states, (1.0, 3.0))])
    some_key = next(iter(aggregate))
    np.testing.assert_allclose(
        aggregate[some_key], (states[0][some_key].numpy() + 3 * states[1][some_key].numpy()) / 4, atol=1e-6
    )

    target = models[2]
    with torch.no_grad():
        target.head.weight.fill_(0.5)
        target.head.bias.copy_(torch.tensor([1.0, -2.0, 3.0]))
    load_shared(target, {k: torch.from_numpy(v) for k, v in aggregate.items()})

    local = local_state(target)
    assert set(local) == {"head.weight", "head.bias"}
    assert torch.equal(local["head.weight"], torch.full_like(local["head.weight"], 0.5))
    assert torch.equal(local["head.bias"], torch.tensor([1.0, -2.0, 3.0]))
    after = shared_state(target)
    assert set(after) == set(aggregate)
    for k, v in aggregate.items():
        assert torch.equal(after[k], torch.from_numpy(v)), k


# ----------------------------------------------------------------------------- update screening

CURRENT = {"a": np.zeros((2, 2), np.float32), "b": np.zeros(3, np.float32)}


def good_update() -> dict[str, np.ndarray]:
    return {"a": np.full((2, 2), 0.5, np.float32), "b": np.array([1.0, -1.0, 0.0], np.float32)}


def test_good_update_has_no_problems():
    assert update_problems(good_update(), CURRENT, max_update_norm=10.0) == []


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_update_is_reported(bad):
    update = good_update()
    update["b"][1] = bad
    problems = update_problems(update, CURRENT, max_update_norm=10.0)
    assert len(problems) == 1 and "NaN or Inf" in problems[0] and "'b'" in problems[0]


def test_missing_key_is_reported():
    update = good_update()
    del update["b"]
    problems = update_problems(update, CURRENT, max_update_norm=10.0)
    assert problems == ["missing keys ['b']"]


def test_extra_head_key_is_reported():
    update = good_update() | {"head.weight": np.zeros((3, 4), np.float32)}
    problems = update_problems(update, CURRENT, max_update_norm=10.0)
    assert len(problems) == 1
    assert "unexpected keys ['head.weight']" in problems[0] and "only shared keys" in problems[0]


def test_wrong_shape_is_reported():
    update = good_update()
    update["a"] = np.zeros((4,), np.float32)
    problems = update_problems(update, CURRENT, max_update_norm=10.0)
    assert problems == ["wrong shapes for ['a']"]


def test_update_norm_above_limit_is_reported():
    update = good_update()
    # ‖Δ‖ = sqrt(4 * 0.25 + 1 + 1) = sqrt(3) ≈ 1.732
    assert update_problems(update, CURRENT, max_update_norm=1.8) == []
    problems = update_problems(update, CURRENT, max_update_norm=1.7)
    assert len(problems) == 1 and "update norm 1.73" in problems[0] and "max_update_norm 1.7" in problems[0]


# ----------------------------------------------------------------------------- registry

def toy_updates() -> tuple[dict[str, np.ndarray], list[tuple[dict[str, np.ndarray], float]]]:
    current = {"w": arr(0.0, 0.0)}
    updates = [({"w": arr(1.0, -3.0)}, 1.0), ({"w": arr(2.0, 0.0)}, 1.0), ({"w": arr(6.0, 3.0)}, 2.0)]
    return current, updates


EXPECTED_TOY = {
    # (1 + 2 + 2*6) / 4 = 3.75;  (-3 + 0 + 2*3) / 4 = 0.75
    "fedavg": [3.75, 0.75],
    "fedprox": [3.75, 0.75],
    # median(1,2,6) = 2;  median(-3,0,3) = 0
    "fedmedian": [2.0, 0.0],
    # trim ⌊0.2*3⌋ = 0: unweighted mean (1+2+6)/3 = 3;  0
    "fedtrimmedavg": [3.0, 0.0],
    # Δ = [3.75, 0.75]; m = 0.1Δ; v = 0.01Δ²; w = 0.01 * 0.1Δ / (0.1|Δ| + 0.001)
    "fedadam": [0.01 * 0.375 / (0.375 + 0.001), 0.01 * 0.075 / (0.075 + 0.001)],
}


@pytest.mark.parametrize("name", STRATEGIES.names())
def test_every_registered_strategy_aggregates_a_toy_update(name):
    agg = make_aggregator(StrategyConfig(name=name))
    assert agg.name == name
    current, updates = toy_updates()
    out = agg.aggregate(current, updates)
    assert_arrays(out, {"w": EXPECTED_TOY[name]}, atol=1e-6)
    state = agg.state_dict()
    assert isinstance(state, dict)
    agg.load_state_dict(state)


def test_unknown_strategy_lists_known_names():
    with pytest.raises(KeyError) as info:
        make_aggregator(StrategyConfig(name="fedavgg"))
    message = str(info.value)
    assert "fedavgg" in message
    for name in STRATEGIES.names():
        assert name in message
