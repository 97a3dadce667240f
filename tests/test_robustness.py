"""One bad plant cannot spoil a federation: each reply judged on its own, declared sizes bounded,
a norm bound relative to the round, non-finite aggregates never installed, every exclusion
recorded. Through the real coordinator and ClientApp in process (``LoopbackGrid``)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml
from flwr.app import ArrayRecord, ConfigRecord, Message, MetricRecord, RecordDict

from common import wire
from common.config import load_scenario
from server.app import run_federation
from server.screening import excludes_at, relative_norm_screen, weight_problem
from tests.conftest import tiny_scenario, with_explicit_plants
from tests.helpers.loopback import LoopbackGrid

ATTACKER = 103  # the third plant (plant-2) of a tiny scenario


def _run(path: Path, tmp_path: Path, hook=None, plants: int = 3):
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    return run_federation(LoopbackGrid(path, plants, run_dir, reply_hook=hook), scenario, run_dir), run_dir


def _five(tmp_path: Path, **overrides) -> Path:
    return tiny_scenario(tmp_path, synthetic_plants={"count": 5, "seed": 0, "num_windows_per_class": 16},
                         federation={"rounds": 3, "training": {"local_epochs": 1, "batch_size": 16,
                                                                "learning_rate": 0.003}}, **overrides)


def _with(msg: Message, reply: Message, *, arrays=None, metrics=None, config=None) -> Message:
    content = RecordDict()
    for name, record in reply.content.items():
        content[name] = record
    if arrays is not None:
        content[wire.ARRAYS] = ArrayRecord({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in arrays.items()})
    if metrics is not None:
        content[wire.METRICS] = MetricRecord(metrics)
    if config is not None:
        content[wire.CONFIG] = ConfigRecord(config)
    return Message(content, reply_to=msg)


def _scaled(msg: Message, reply: Message, factor: float) -> dict[str, np.ndarray]:
    current = {k: v.numpy() for k, v in msg.content[wire.ARRAYS].items()}
    trained = {k: v.numpy() for k, v in reply.content[wire.ARRAYS].items()}
    return {k: current[k] + factor * (trained[k] - current[k]) for k in trained}


# ---------------------------------------------------------------- pure screening rules
def test_declared_weight_must_be_finite_positive_and_at_most_the_hello_count():
    assert weight_problem(None, 100.0) == (1.0, "")            # kept home (DP): weight 1
    assert weight_problem(80.0, 100.0) == (80.0, "")
    assert weight_problem(80.0, None) == (1.0, "")             # no count at hello: not trusted beyond 1
    for bad in (math.inf, math.nan, 0.0, -3.0, "12", True):
        assert weight_problem(bad, 100.0)[1]
    assert "more than the 100" in weight_problem(1e6, 100.0)[1]


def test_relative_norm_bound_needs_three_updates_and_names_the_median():
    assert relative_norm_screen({"a": 1.0, "b": 100.0}, 3.0).excluded == {}     # two plants: who is honest?
    assert relative_norm_screen({"a": 1.0, "b": 100.0}, 3.0).clipped == {}
    five = relative_norm_screen({"a": 1.0, "b": 1.2, "c": 0.9, "d": 1.1, "e": 3.5}, 3.0)
    assert list(five.excluded) == ["e"] and "median norm 1.1" in five.excluded["e"] and five.clipped == {}
    assert relative_norm_screen({"a": 1.0, "b": 1.2, "c": 50.0}, None) == relative_norm_screen({}, 3.0)


def test_below_factor_plus_two_updates_an_update_over_the_bound_is_clipped_not_left_out():
    """With K < factor + 2 the bound cannot keep FedAvg on the honest direction, and the median of three
    is one plant's norm: an update over it counts, scaled to the bound (server/screening.py)."""
    assert not excludes_at(3.0, 4) and excludes_at(3.0, 5) and excludes_at(2.0, 4)
    three = relative_norm_screen({"a": 0.2, "b": 0.25, "c": 2.0}, 3.0)
    assert three.excluded == {} and list(three.clipped) == ["c"]
    scale, reason = three.clipped["c"]
    assert scale == pytest.approx(3 * 0.25 / 2.0) and "clipped to 0.75" in reason and "with 3 updates" in reason
    four = relative_norm_screen({"a": 1.0, "b": 1.2, "c": 0.9, "d": 3.5}, 3.0)
    assert four.excluded == {} and four.clipped["d"][0] == pytest.approx(3 * 1.1 / 3.5)


def test_a_clipped_update_keeps_its_direction_at_the_bound():
    from server.rounds import RoundTally
    from server.screening import update_norm

    current = {"w": np.zeros(4, np.float32), "b": np.ones(2, np.float32)}
    tally = RoundTally(updates={"p": ({"w": np.array([3.0, 0, 4, 0], np.float32), "b": np.ones(2, np.float32)}, 7.0)})
    tally.clip("p", current, 0.5, "why")
    arrays, weight = tally.updates["p"]
    assert update_norm(arrays, current) == pytest.approx(2.5) and weight == 7.0 and tally.clipped == {"p": "why"}
    np.testing.assert_allclose(arrays["w"], [1.5, 0, 2, 0])
    assert arrays["w"].dtype == np.float32


def test_a_three_plant_federation_clips_an_oversized_update_records_it_and_keeps_the_plant(tmp_path):
    def hook(node, msg, reply):
        if node != ATTACKER or msg.metadata.message_type != wire.MSG_PRETRAIN or reply.has_error():
            return reply
        return _with(msg, reply, arrays=_scaled(msg, reply, 100.0))

    results, run_dir = _run(tiny_scenario(tmp_path), tmp_path, hook)
    for record in results["rounds"]:
        assert record["participants"] == ["plant-0", "plant-1", "plant-2"] and record["excluded"] == {}
        assert "clipped to" in record["clipped"]["plant-2"]
    assert [e["round"] for e in results["plants"]["plant-2"]["clipped_rounds"]] == [1, 2]
    assert results["plants"]["plant-2"]["excluded_rounds"] == []
    arrays = torch.load(run_dir / "global_model.pt", weights_only=True)["arrays"]
    assert all(torch.isfinite(v).all() for v in arrays.values())
    report = (run_dir / "report.md").read_text()
    assert "Round updates clipped to the relative norm bound" in report and "`plant-2`, round 1: update norm" in report


# ---------------------------------------------------------------- attacks through the federation
@pytest.mark.parametrize("attack, expect", [
    ("scale_x100", "median norm"),
    ("sign_flip_x10", "median norm"),
    ("num_examples_1e6_flip", "labelled windows the plant declared at hello"),
    ("num_examples_inf", "positive finite number"),
])
def test_one_attacking_plant_is_left_out_every_round_and_recorded(tmp_path, attack, expect):
    def hook(node, msg, reply):
        if node != 105 or msg.metadata.message_type != wire.MSG_PRETRAIN or reply.has_error():
            return reply
        metrics = dict(reply.content[wire.METRICS])
        if attack == "scale_x100":
            return _with(msg, reply, arrays=_scaled(msg, reply, 100.0))
        if attack == "sign_flip_x10":
            return _with(msg, reply, arrays=_scaled(msg, reply, -10.0))
        if attack == "num_examples_1e6_flip":
            return _with(msg, reply, arrays=_scaled(msg, reply, -1.0), metrics={**metrics, wire.NUM_EXAMPLES: 1e6})
        return _with(msg, reply, metrics={**metrics, wire.NUM_EXAMPLES: math.inf})

    results, run_dir = _run(_five(tmp_path), tmp_path, hook, plants=5)
    for record in results["rounds"]:
        assert record["participants"] == ["plant-0", "plant-1", "plant-2", "plant-3"]
        assert expect in record["excluded"]["plant-4"]
    assert len(results["plants"]["plant-4"]["excluded_rounds"]) == 3
    arrays = torch.load(run_dir / "global_model.pt", weights_only=True)["arrays"]
    assert all(torch.isfinite(v).all() for v in arrays.values())
    assert expect.split()[0] in (run_dir / "report.md").read_text()


def test_malformed_hello_leaves_that_plant_out_and_another_class_order_joins(tmp_path):
    order: list[str] = []

    def hook(node, msg, reply):
        if msg.metadata.message_type != wire.MSG_HELLO or reply.has_error():
            return reply
        if node == 101:  # no channels
            metrics = {k: v for k, v in reply.content[wire.METRICS].items() if k != wire.CHANNELS}
            return _with(msg, reply, metrics=metrics)
        if node == 102:  # the same classes in another order: no longer refused (issue 17, point 1)
            config = dict(reply.content[wire.CONFIG])
            order[:] = list(reversed(config[wire.CLASS_NAMES]))
            config[wire.CLASS_NAMES] = order
            return _with(msg, reply, config=config)
        return reply

    results, _ = _run(_five(tmp_path), tmp_path, hook, plants=5)
    assert results["plants"]["plant-0"]["status"] == "failed"
    assert "channels" in results["plants"]["plant-0"]["status_reason"]
    assert results["plants"]["plant-1"]["status"] == "ok"
    assert results["class_names"] == order and len(results["class_names"]) == 5  # first-seen order: plant-1's
    assert all(r["participants"] == ["plant-1", "plant-2", "plant-3", "plant-4"] for r in results["rounds"])


@pytest.mark.parametrize("corrupt", ["bad_json", "missing_key", "wrong_shape", "nan"])
def test_malformed_feature_statistics_are_left_out_and_the_target_still_adapts(tmp_path, corrupt):
    path = with_explicit_plants(tiny_scenario(tmp_path, transfer={"adaptation": {"epochs": 1}}),
                                {"labelled_fraction": 0.0, "transfer": "coral"})

    def hook(node, msg, reply):
        if node != 101 or msg.metadata.message_type != wire.MSG_FEATURE_STATS or reply.has_error():
            return reply
        config = dict(reply.content[wire.CONFIG])
        arrays = {k: v.numpy() for k, v in reply.content[wire.ARRAYS].items()}
        if corrupt == "bad_json":
            config[wire.STATS_SCALARS] = "{not json"
        elif corrupt == "missing_key":
            config[wire.STATS_SCALARS] = '{"feature_stats.format": "factoryfl-feature-stats/v1"}'
        elif corrupt == "wrong_shape":
            arrays = {k: (v[:1] if v.ndim else v) for k, v in arrays.items()}
        else:
            arrays = {k: np.full_like(v, np.nan) for k, v in arrays.items()}
        return _with(msg, reply, arrays=arrays, config=config)

    results, _ = _run(path, tmp_path, hook)
    excluded = results["plants"]["plant-0"]["excluded_rounds"]
    assert any(e.get("phase") == "feature_stats" for e in excluded), excluded
    assert results["plants"]["plant-2"]["transfer"]["chosen"] == "coral"
    assert "federated_adapted" in results["plants"]["plant-2"]["metrics"]


def test_a_non_finite_aggregate_is_never_installed(tmp_path, monkeypatch):
    import server.federation as federation

    class Poisoned:
        name = "poisoned"

        def aggregate(self, current, updates):
            return {k: np.full_like(v, np.nan) for k, v in current.items()}

        def state_dict(self):
            return {}

        def load_state_dict(self, state):
            return None

    monkeypatch.setattr(federation, "make_aggregator", lambda cfg: Poisoned())
    results, run_dir = _run(tiny_scenario(tmp_path), tmp_path)
    assert all("not finite" in r["aggregate_skipped"] for r in results["rounds"])
    arrays = torch.load(run_dir / "global_model.pt", weights_only=True)["arrays"]
    assert all(torch.isfinite(v).all() for v in arrays.values())
    assert all(p["status"] == "ok" for p in results["plants"].values())


def test_relative_bound_is_a_setting_with_a_clear_error(tmp_path):
    from common.config.parse import ConfigError

    path = tiny_scenario(tmp_path, federation={"relative_norm_bound": 0.5})
    with pytest.raises(ConfigError, match="relative_norm_bound must be > 1"):
        load_scenario(path)
    body = yaml.safe_load(path.read_text())
    body["federation"]["relative_norm_bound"] = None
    path.write_text(yaml.safe_dump(body))
    assert load_scenario(path).federation.relative_norm_bound is None


def test_every_round_a_disconnected_plant_misses_is_recorded(tmp_path):
    """plant-2's node drops off after round 1 and is back for round 4: rounds 2 and 3 are in its
    record (phase and reason) and in the report, as the evaluations it missed."""
    path = tiny_scenario(tmp_path, federation={"rounds": 4, "round_timeout_s": 5,
                                               "training": {"local_epochs": 1, "batch_size": 16,
                                                            "learning_rate": 0.003}})
    scenario = load_scenario(path)
    run_dir = tmp_path / "run"
    run_dir.mkdir()

    class Flaky(LoopbackGrid):
        evaluated = 0  # the last round whose evaluation went out: node 103 is away after round 1's until round 3's

        def away(self) -> bool:
            return 1 <= self.evaluated < 3

        def get_node_ids(self):
            return [n for n in super().get_node_ids() if not (self.away() and n == ATTACKER)]

        def _deliver(self, msg):
            if msg.metadata.message_type == wire.MSG_EVALUATE:
                self.evaluated = int(msg.content[wire.CONFIG][wire.SERVER_ROUND])
            if msg.metadata.dst_node_id == ATTACKER and self.away():
                return None  # unreachable: no reply
            return super()._deliver(msg)

    results = run_federation(Flaky(path, 3, run_dir), scenario, run_dir)
    missed = [(e["round"], e.get("phase")) for e in results["plants"]["plant-2"]["excluded_rounds"]]
    assert (3, "pretrain") in missed and (2, "evaluate") in missed, missed
    assert [r["participants"] for r in results["rounds"]][3] == ["plant-0", "plant-1", "plant-2"]
    report = (run_dir / "report.md").read_text()
    assert re.search(r"`plant-2`, rounds? (\d+–)?3(–\d+)? \(pretrain\): not connected", report), report


def test_a_hello_with_too_many_duplicate_or_overlong_class_names_is_judged_unusable():
    from common.config.schema import MAX_CLASS_NAME_LENGTH, MAX_CLASSES
    from server.federation import hello_facts
    from server.transport import Reply

    def hello(names):
        return Reply("p", config={wire.CLASS_NAMES: names}, metrics={wire.CHANNELS: 1.0, wire.WINDOW_LENGTH: 64.0})

    facts, problem = hello_facts(hello(["normal", "ball"]))
    assert problem == "" and facts == (("normal", "ball"), (1, 64))
    for names in ([f"c{i}" for i in range(MAX_CLASSES + 1)], ["normal", "normal"], ["x" * (MAX_CLASS_NAME_LENGTH + 1)],
                  [""]):
        _, problem = hello_facts(hello(names))
        assert f"at most {MAX_CLASSES} distinct" in problem, names[:3]
