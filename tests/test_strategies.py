"""Strategies as registry entries and wrappers: a new entry reaches the schema and the round loop's lookup;
FedProx's μ and plant-level DP wrap a strategy without changing what it aggregates."""

from __future__ import annotations

import numpy as np
import pytest

from common import wire
from common.config.parse import ConfigError, parse
from common.config.schema import StrategyConfig
from common.extensions.strategies import STRATEGIES
from server.aggregation import make_aggregator, weighted_mean
from server.client_dp import ClientLevelDP
from server.strategies.base import Stateless, Strategy, as_strategy
from server.strategies.fedavg import FedAvg
from server.strategies.plant_dp import PlantLevelDP
from server.strategies.proximal import ProximalTerm


class HalfwayMean(Stateless):
    """A test strategy: w' = (w + mean_k w_k) / 2."""

    name = "test-halfway"

    @classmethod
    def from_config(cls, cfg: StrategyConfig) -> HalfwayMean:
        return cls()

    def aggregate(self, current, updates):
        mean = weighted_mean(updates)
        return {k: ((current[k] + mean[k]) / 2).astype(np.float32) for k in current}


@pytest.fixture
def halfway():
    STRATEGIES.add("test-halfway", f"{__name__}:HalfwayMean", summary="test only", robust=False)
    try:
        yield "test-halfway"
    finally:
        STRATEGIES.remove("test-halfway")


def test_a_registered_strategy_is_accepted_by_the_schema_and_built_by_make_aggregator(halfway):
    cfg = parse(StrategyConfig, {"name": halfway}, "test.yaml", key="federation.strategy")
    assert cfg.problems() == []
    agg = make_aggregator(cfg)
    assert isinstance(agg, HalfwayMean)
    out = agg.aggregate({"w": np.zeros(2, np.float32)}, [({"w": np.array([2.0, 4.0], np.float32)}, 1.0)])
    np.testing.assert_allclose(out["w"], [1.0, 2.0])
    assert halfway in STRATEGIES.help_text()


def test_a_removed_strategy_is_refused_again(halfway):
    STRATEGIES.remove(halfway)
    try:
        with pytest.raises(ConfigError, match="unknown aggregation strategy 'test-halfway'"):
            parse(StrategyConfig, {"name": halfway}, "test.yaml", key="federation.strategy")
        with pytest.raises(KeyError, match="test-halfway"):
            make_aggregator(StrategyConfig(name=halfway))
    finally:
        STRATEGIES.add("test-halfway", f"{__name__}:HalfwayMean", summary="test only")  # for the fixture


def test_an_unknown_strategy_is_one_problem_naming_the_key_and_the_known_names():
    with pytest.raises(ConfigError) as caught:
        parse(StrategyConfig, {"name": "fedavgg"}, "test.yaml", key="federation.strategy")
    (problem,) = caught.value.problems
    assert problem.startswith("federation.strategy: unknown aggregation strategy 'fedavgg' at "
                              "federation.strategy.name (did you mean 'fedavg'?)")
    assert problem.endswith("known: " + ", ".join(STRATEGIES.names()))


def test_every_entry_states_whether_it_is_robust_and_what_robustness_costs():
    for entry in STRATEGIES:
        assert entry.summary and isinstance(entry.robust, bool)
        if entry.robust:
            assert entry.cost
    assert STRATEGIES.names(robust=True) == ["fedmedian", "fedtrimmedavg"]


# ----------------------------------------------------------------------------- wrappers

CURRENT = {"w": np.zeros(3, np.float32)}
UPDATES = [({"w": np.array([3.0, 0.0, 0.0], np.float32)}, 1.0), ({"w": np.array([0.0, 4.0, 0.0], np.float32)}, 3.0)]


def test_a_plain_strategy_sends_nothing_extra_and_records_nothing_extra():
    strategy = as_strategy(make_aggregator(StrategyConfig(name="fedavg")))
    assert as_strategy(strategy) is strategy
    assert strategy.name == "fedavg"
    assert strategy.configure_train(1) == {} and strategy.round_facts() == {}
    strategy.resume(3)  # nothing to restore
    np.testing.assert_allclose(strategy.aggregate(CURRENT, UPDATES)["w"], [0.75, 3.0, 0.0])


def test_fedprox_is_the_proximal_term_around_fedavg():
    strategy = as_strategy(make_aggregator(StrategyConfig(name="fedprox", proximal_mu=0.3)))
    assert isinstance(strategy, ProximalTerm) and isinstance(strategy.inner, FedAvg)
    assert strategy.name == "fedprox"
    assert strategy.configure_train(2) == {wire.PROXIMAL_MU: 0.3}
    np.testing.assert_allclose(strategy.aggregate(CURRENT, UPDATES)["w"], weighted_mean(UPDATES)["w"])


def test_the_proximal_term_composes_with_another_wrapper():
    inner = ProximalTerm(FedAvg(), 0.5)
    outer = PlantLevelDP(inner, ClientLevelDP(noise_multiplier=1.0, clip_norm=1.0, delta=1e-5))
    assert outer.configure_train(1) == {wire.PROXIMAL_MU: 0.5}
    assert outer.name == "fedavg"


def test_plant_level_dp_hands_the_wrapped_strategy_one_noisy_clipped_mean():
    def mechanism() -> ClientLevelDP:
        return ClientLevelDP(noise_multiplier=0.5, clip_norm=2.0, delta=1e-5, seed=7, reproducible_noise=True)

    seen: list = []

    class Recording(FedAvg):
        def aggregate(self, current, updates):
            seen.append(updates)
            return super().aggregate(current, updates)

    wrapped = PlantLevelDP(Recording(), mechanism())
    out = wrapped.aggregate(CURRENT, UPDATES)
    expected = mechanism().aggregate(CURRENT, UPDATES)  # same key: same release
    (only,) = seen[0]
    assert only[1] == 1.0
    np.testing.assert_array_equal(only[0]["w"], expected["w"])
    np.testing.assert_array_equal(out["w"], expected["w"])
    assert wrapped.round_facts() == {"client_level_epsilon": wrapped.mechanism.epsilon()}
    assert wrapped.mechanism.rounds_released == 1


def test_plant_level_dp_state_is_the_wrapped_strategys(tmp_path):
    adam = make_aggregator(StrategyConfig(name="fedadam"))
    wrapped = PlantLevelDP(adam, ClientLevelDP(noise_multiplier=0.5, clip_norm=2.0, delta=1e-5))
    wrapped.aggregate(CURRENT, UPDATES)
    assert set(wrapped.state_dict()) == {"m", "v"}
    fresh = make_aggregator(StrategyConfig(name="fedadam"))
    PlantLevelDP(fresh, ClientLevelDP(noise_multiplier=0.5, clip_norm=2.0, delta=1e-5)).load_state_dict(
        wrapped.state_dict())
    np.testing.assert_array_equal(fresh.state_dict()["m"]["w"], wrapped.state_dict()["m"]["w"])


def test_plant_level_dp_resume_counts_the_recorded_releases_and_refuses_a_missing_record(tmp_path):
    record = tmp_path / "client_level_dp.json"

    def wrapper() -> PlantLevelDP:
        return PlantLevelDP(FedAvg(), ClientLevelDP(noise_multiplier=0.5, clip_norm=2.0, delta=1e-5,
                                                    record_path=record))

    first = wrapper()
    first.aggregate(CURRENT, UPDATES)
    first.aggregate(CURRENT, UPDATES)
    again = wrapper()
    again.resume(completed_rounds=1)  # a release after the last checkpoint still counts
    assert again.mechanism.rounds_released == 2
    record.unlink()
    wrapper().resume(completed_rounds=0)  # nothing released yet: nothing to count
    with pytest.raises(ValueError, match="client_level_dp.json is missing"):
        wrapper().resume(completed_rounds=1)


def test_plant_level_dp_summary():
    wrapped = PlantLevelDP(FedAvg(), ClientLevelDP(noise_multiplier=2.0, clip_norm=0.5, delta=1e-5))
    summary = wrapped.summary(plants_per_round=4)
    assert summary["enabled"] and summary["plants_per_round"] == 4 and summary["meaningful"] is False
    assert summary["noise_std_on_mean"] == pytest.approx(2.0 * 0.5 / 4)
    assert isinstance(Strategy(FedAvg()).state_dict(), dict)


# ----------------------------------------------------------------------------- through the round loop

def _run(tmp_path, strategy: dict):
    from common.config import load_scenario
    from server.app import run_federation
    from tests.conftest import tiny_scenario
    from tests.helpers.loopback import LoopbackGrid

    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tiny_scenario(tmp_path, federation={"rounds": 1, "strategy": strategy},
                         evaluation={"baselines": []}, personalisation={"mode": "none"})
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    grid = LoopbackGrid(path, 3, run_dir)
    results = run_federation(grid, load_scenario(path), run_dir)
    sent = [m.content[wire.CONFIG] for m in grid.sent if m.metadata.message_type == wire.MSG_PRETRAIN]
    return results, sent


def test_the_round_loop_sends_mu_only_for_fedprox(tmp_path):
    _, sent = _run(tmp_path / "prox", {"name": "fedprox", "proximal_mu": 0.25})
    assert sent and all(config[wire.PROXIMAL_MU] == 0.25 for config in sent)
    _, sent = _run(tmp_path / "avg", {"name": "fedavg"})
    assert sent and all(wire.PROXIMAL_MU not in config for config in sent)


def test_a_scenario_can_name_a_newly_registered_strategy(tmp_path, halfway):
    results, _ = _run(tmp_path, {"name": halfway})
    assert results["settings"]["strategy"] == halfway
    assert results["rounds"][0]["participants"] == ["plant-0", "plant-1", "plant-2"]


def test_a_strategy_that_does_not_work_with_dp_sgd_is_refused_in_a_dp_scenario_by_its_registry_fact(tmp_path):
    from pathlib import Path

    from common.config.scenario import scenario_from_dict

    body = {"name": "x", "synthetic_plants": {"count": 2}, "privacy": {"enabled": True, "noise_multiplier": 1.0},
            "federation": {"strategy": {"name": "fedprox"}}}
    with pytest.raises(ConfigError) as caught:
        scenario_from_dict(body, "dp.yaml", Path(tmp_path))
    (problem,) = [p for p in caught.value.problems if "fedprox" in p]
    assert "cannot be combined with privacy.enabled" in problem
    assert "use " + ", ".join(n for n in STRATEGIES.names() if n != "fedprox") in problem
    body["privacy"]["enabled"] = False
    assert scenario_from_dict(body, "plain.yaml", Path(tmp_path)).federation.strategy.name == "fedprox"
