"""A pretraining round's pure steps (judge a reply, tally, aggregate, record), without a network."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from common import wire
from common.compression import encode_update
from common.config.schema import FederationConfig
from server.rounds import (
    Aggregate,
    RoundTally,
    Verdict,
    aggregate_round,
    is_budget_spent,
    judge_reply,
    reply_privacy,
    round_record,
    weighted_train_loss,
)
from server.strategies.fedavg import FedAvg
from server.transport import Reply

CURRENT = {"w": np.zeros(2, np.float32)}
FED = FederationConfig(max_update_norm=10.0)


def reply(plant_id: str = "p", w=(1.0, 1.0), **metrics) -> Reply:
    return Reply(plant_id, arrays={"w": np.asarray(w, np.float32)}, metrics=metrics)


# ----------------------------------------------------------------------------- judging one reply

def test_a_good_reply_is_usable_with_its_declared_weight():
    verdict = judge_reply(reply(**{wire.NUM_EXAMPLES: 40}), CURRENT, FED, declared_labelled=50.0)
    assert verdict.reason == "" and verdict.weight == 40.0


def test_a_plant_that_kept_its_sizes_home_weighs_one():
    assert judge_reply(reply(), CURRENT, FED, declared_labelled=None).weight == 1.0


@pytest.mark.parametrize("bad, expected", [
    (Reply("p", error="boom"), "error: boom"),
    (Reply("p", config={wire.STATUS: wire.STATUS_REFUSED, wire.REASON: "policy"}), "refused: policy"),
    (Reply("p", config={wire.STATUS: wire.STATUS_DECLINED, wire.REASON: "budget spent"}), "declined: budget spent"),
    (Reply("p"), "reply carried no parameters"),
    (reply(**{wire.NUM_EXAMPLES: 80}), "more than the 50 labelled windows"),
    (reply(w=(30.0, 40.0)), "update norm 50 exceeds max_update_norm 10"),
    (reply(w=(np.nan, 0.0)), "NaN or Inf"),
])
def test_a_reply_is_left_out_with_its_reason(bad, expected):
    verdict = judge_reply(bad, CURRENT, FED, declared_labelled=50.0)
    assert expected in verdict.reason and verdict.weight == 0.0


def test_a_compressed_update_is_decoded_before_it_is_judged():
    fed = FederationConfig(max_update_norm=10.0, compression="fp16")
    sent = Reply("p", arrays=encode_update({"w": np.array([1.0, 2.0], np.float32)}, CURRENT, "fp16"))
    verdict = judge_reply(sent, CURRENT, fed, declared_labelled=None)
    assert verdict.reason == ""
    np.testing.assert_allclose(verdict.reply.arrays["w"], [1.0, 2.0])
    wrong = Reply("p", arrays={"w": np.array([1.0, 2.0], np.float32)})  # float32 where fp16 was agreed
    assert "does not decode" in judge_reply(wrong, CURRENT, fed, declared_labelled=None).reason


def test_only_a_decline_for_budget_ends_a_plants_training():
    declined = Reply("p", config={wire.STATUS: wire.STATUS_DECLINED, wire.REASON: "privacy budget spent"})
    assert is_budget_spent(judge_reply(declined, CURRENT, FED, None))
    assert not is_budget_spent(judge_reply(Reply("p", error="budget"), CURRENT, FED, None))


def test_reply_privacy_reports_the_plants_facts_only_with_epsilon():
    assert reply_privacy({wire.DELTA: 1e-5}) == {}
    assert reply_privacy({wire.EPSILON: 1.5, wire.EPSILON_BUDGET: 8.0}) == {
        "epsilon": 1.5, "delta": None, "budget": 8.0}


# ----------------------------------------------------------------------------- the round's tally

def test_tally_counts_usable_updates_and_bytes_and_epsilon_of_every_reply():
    tally = RoundTally()
    good = reply("a", **{wire.TRAIN_LOSS: 0.5, wire.EPSILON: 1.0, wire.TRAIN_SECONDS: 2.0})
    tally.count("a", Verdict(good, "", 3.0))
    bad = reply("b", **{wire.EPSILON: 2.0})
    tally.count("b", Verdict(bad, "too large"))
    assert list(tally.updates) == ["a"] and tally.updates["a"][1] == 3.0
    assert tally.epsilons == {"a": 1.0, "b": 2.0}
    assert tally.up_bytes == [8, 8] and tally.losses == {"a": 0.5} and tally.train_seconds == [2.0]
    assert tally.norms(CURRENT) == {"a": pytest.approx(np.sqrt(2))}
    tally.drop("a")
    assert tally.participants == [] and tally.losses == {}


# ----------------------------------------------------------------------------- aggregating

UPDATES = [({"w": np.array([1.0, 3.0], np.float32)}, 1.0), ({"w": np.array([3.0, 5.0], np.float32)}, 1.0)]


def test_aggregate_round_hands_the_updates_to_the_strategy():
    result = aggregate_round(FedAvg(), CURRENT, UPDATES, min_plants=2, server_round=1)
    assert result.aggregated == 2 and result.skipped == ""
    np.testing.assert_allclose(result.arrays["w"], [2.0, 4.0])


def test_too_few_updates_leave_the_model_unchanged(caplog):
    with caplog.at_level(logging.WARNING):
        result = aggregate_round(FedAvg(), CURRENT, UPDATES, min_plants=3, server_round=4)
    assert result.arrays is CURRENT and result.aggregated == 0 and result.skipped == ""
    assert "fewer than min_train_plants=3" in caplog.text
    assert aggregate_round(FedAvg(), CURRENT, [], min_plants=1, server_round=1).aggregated == 0


def test_a_non_finite_aggregate_is_not_installed():
    class Poisoned(FedAvg):
        def aggregate(self, current, updates):
            return {k: np.full_like(v, np.nan) for k, v in current.items()}

    result = aggregate_round(Poisoned(), CURRENT, UPDATES, min_plants=1, server_round=2)
    assert result.arrays is CURRENT and result.aggregated == 2 and "not finite" in result.skipped


# ----------------------------------------------------------------------------- recording

def test_weighted_train_loss_by_labelled_windows():
    # (0.2·10 + 0.8·30) / 40 = 0.65
    assert weighted_train_loss({"a": 0.2, "b": 0.8}, {"a": 10, "b": 30}) == pytest.approx(0.65)
    assert weighted_train_loss({}, {}) is None


def test_round_record_fields():
    tally = RoundTally()
    tally.count("a", Verdict(reply("a", **{wire.TRAIN_LOSS: 0.4, wire.TRAIN_SECONDS: 1.5}), "", 1.0))
    tally.excluded["b"] = "no reply"
    record = round_record(3, tally, Aggregate(CURRENT, 1, "why"), "none", {"a": 10}, {"aggregate": 0.1})
    assert record["round"] == 3 and record["participants"] == ["a"] and record["excluded"] == {"b": "no reply"}
    assert record["aggregate_skipped"] == "why" and record["train_loss"] == pytest.approx(0.4)
    assert record["bytes_down_per_plant"] == 8 and record["bytes_up_per_plant"] == 8
    assert record["timing_s"] == {"aggregate": 0.1, "plants_training_sum": 1.5}
    assert "aggregate_skipped" not in round_record(3, tally, Aggregate(CURRENT, 1), "none", {"a": 10}, {})
